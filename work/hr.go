package work

// 人事助手 花名册 (hr): pages developer.work.weixin.qq.com/document/path/99131
// (get_fields) and 99132 (get_staff_info).

import (
	"context"
	"errors"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// HRService reads the staff roster (人事助手 花名册). Calls need the HR
// assistant's secret or an app it authorises.
type HRService service

// ErrInvalidHR is returned, without calling WeCom, for an hr request that
// lacks a required field.
var ErrInvalidHR = errors.New("work: invalid hr request")

// HRFieldGroup is one group of roster fields (个人信息, 在职信息, ...).
type HRFieldGroup struct {
	GroupID   int64     `json:"group_id"`
	GroupName string    `json:"group_name"`
	Fields    []HRField `json:"field_list"`
}

// HRField describes one roster field.
type HRField struct {
	FieldID   int64  `json:"fieldid"`
	FieldName string `json:"field_name"`
	// FieldType is 1 text, 2 option, 3 time, 4 picture, 5 file, 6 files.
	FieldType int `json:"field_type"`
	// ValueType says which HRFieldValue member holds the value.
	ValueType int  `json:"value_type"`
	Required  bool `json:"is_must"`
	// Options are the choices of an option field.
	Options []HRFieldOption `json:"option_list"`
}

// HRFieldOption is one choice of an option field.
type HRFieldOption struct {
	ID    int64  `json:"id"`
	Value string `json:"value"`
}

// Fields returns the roster's field configuration (hr/get_fields).
func (s *HRService) Fields(ctx context.Context) ([]HRFieldGroup, error) {
	out, err := getAs[struct {
		Groups []HRFieldGroup `json:"group_list"`
	}](ctx, (*service)(s), "/cgi-bin/hr/get_fields", nil)
	if err != nil {
		return nil, err
	}
	return out.Groups, nil
}

// HRFieldRef names a field and, for a repeatable group (education, work
// history, family, emergency contacts, contracts), which entry of it.
type HRFieldRef struct {
	FieldID int64 `json:"fieldid"`
	SubIdx  int   `json:"sub_idx"`
}

// HRStaffInfoRequest selects a member's roster fields.
type HRStaffInfoRequest struct {
	// UserID is the member (required).
	UserID string `json:"userid"`
	// GetAll reads every field; otherwise Fields lists them.
	GetAll bool         `json:"get_all"`
	Fields []HRFieldRef `json:"fieldids,omitempty"`
}

// HRMobile is a phone value.
type HRMobile struct {
	CountryCode string `json:"value_country_code"`
	Mobile      string `json:"value_mobile"`
}

// HRFiles is a file value.
type HRFiles struct {
	MediaIDs []string `json:"media_id"`
}

// HRFieldValue is one field of a member's roster; ValueType tells which
// value member is set (1 string, 2 uint64, 3 uint32, 4 int64, 5 mobile,
// 6 file).
type HRFieldValue struct {
	FieldID int64 `json:"fieldid"`
	SubIdx  int   `json:"sub_idx"`
	// Result is 1 on success (the docs list the failures).
	Result      int       `json:"result"`
	ValueType   int       `json:"value_type"`
	ValueString string    `json:"value_string,omitempty"`
	ValueUint64 uint64    `json:"value_uint64,omitempty"`
	ValueUint32 uint32    `json:"value_uint32,omitempty"`
	ValueInt64  int64     `json:"value_int64,omitempty"`
	ValueMobile *HRMobile `json:"value_mobile,omitempty"`
	ValueFile   *HRFiles  `json:"value_file,omitempty"`
}

// StaffInfo returns roster fields of a member (hr/get_staff_info).
func (s *HRService) StaffInfo(ctx context.Context, req HRStaffInfoRequest) ([]HRFieldValue, error) {
	if req.UserID == "" {
		return nil, fmt.Errorf("%w: userid is required", ErrInvalidHR)
	}
	if !req.GetAll && len(req.Fields) == 0 {
		return nil, fmt.Errorf("%w: fields are required unless GetAll is set", ErrInvalidHR)
	}
	out, err := postAs[struct {
		FieldInfo []HRFieldValue `json:"field_info"`
	}](ctx, (*service)(s), "/cgi-bin/hr/get_staff_info", req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.FieldInfo, nil
}
