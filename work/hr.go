package work

// 人事助手 花名册 (hr): pages developer.work.weixin.qq.com/document/path/99131
// (get_fields), 99132 (get_staff_info) and 99133 (update_staff_info).

import (
	"context"
	"errors"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// HRService reads and updates the staff roster (人事助手 花名册). Calls
// need an app listed under 人事助手 → 可调用接口的应用.
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
		// The public mirror of the samples spells the list "fieldinfo";
		// the page (99132) "field_info". Both are read.
		FieldInfoAlt []HRFieldValue `json:"fieldinfo"`
	}](ctx, (*service)(s), "/cgi-bin/hr/get_staff_info", req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	if len(out.FieldInfo) == 0 {
		return out.FieldInfoAlt, nil
	}
	return out.FieldInfo, nil
}

// HRFieldUpdate is the new value of one roster field. Set the member of
// the field's value type (HRFieldValue.ValueType); the others are left
// out.
type HRFieldUpdate struct {
	FieldID int64 `json:"fieldid"`
	// SubIdx is the entry of a repeatable group; 0 for other fields.
	SubIdx      int       `json:"sub_idx"`
	ValueString string    `json:"value_string,omitempty"`
	ValueUint64 uint64    `json:"value_uint64,omitempty"`
	ValueUint32 uint32    `json:"value_uint32,omitempty"`
	ValueInt64  int64     `json:"value_int64,omitempty"`
	ValueMobile *HRMobile `json:"value_mobile,omitempty"`
	ValueFile   *HRFiles  `json:"value_file,omitempty"`
}

// HRGroupType is a repeatable group of roster fields.
type HRGroupType int

// Values of HRGroupType.
const (
	HREducation         HRGroupType = 1 // 教育经历
	HRWorkHistory       HRGroupType = 2 // 工作经历
	HRFamily            HRGroupType = 3 // 家庭成员
	HREmergencyContacts HRGroupType = 4 // 紧急联系人
	HRContracts         HRGroupType = 5 // 合同信息
)

// HRGroupEntry names one entry of a repeatable group.
type HRGroupEntry struct {
	GroupType HRGroupType `json:"group_type"`
	SubIdx    int         `json:"sub_idx"`
}

// HRGroupInsert adds one entry to a repeatable group.
type HRGroupInsert struct {
	GroupType HRGroupType     `json:"group_type"`
	Items     []HRFieldUpdate `json:"item"`
}

// HRStaffUpdateRequest changes a member's roster: at least one of Update,
// Remove and Insert is required.
type HRStaffUpdateRequest struct {
	// UserID is the member (required).
	UserID string `json:"userid"`
	// Update sets, adds or empties single fields.
	Update []HRFieldUpdate `json:"update_items,omitempty"`
	// Remove deletes entries of repeatable groups.
	Remove []HRGroupEntry `json:"remove_items,omitempty"`
	// Insert adds entries to repeatable groups.
	Insert []HRGroupInsert `json:"insert_items,omitempty"`
}

// HRFieldResult is the outcome of one field update.
type HRFieldResult struct {
	FieldID int64 `json:"fieldid"`
	SubIdx  int   `json:"sub_idx"`
	// Result is 1 on success (the page lists the failures).
	Result int `json:"result"`
}

// HRGroupResult is the outcome of one entry removed or added.
type HRGroupResult struct {
	GroupType HRGroupType `json:"group_type"`
	// SubIdx is the entry removed; Idx the entry added.
	SubIdx int `json:"sub_idx"`
	Idx    int `json:"idx"`
	// Result is 1 on success (the page lists the failures).
	Result int `json:"result"`
}

// HRStaffUpdateResult is the outcome of each change of an update.
type HRStaffUpdateResult struct {
	Updated  []HRFieldResult `json:"update_results"`
	Removed  []HRGroupResult `json:"remove_results"`
	Inserted []HRGroupResult `json:"insert_result"`
}

// UpdateStaffInfo changes a member's roster (hr/update_staff_info); each
// change has its own result. An update of single fields only is repeated
// after a transient failure (it sets the same values again); one that
// removes or inserts group entries is sent once, as a repeat would remove
// or add another entry.
func (s *HRService) UpdateStaffInfo(ctx context.Context, req HRStaffUpdateRequest) (*HRStaffUpdateResult, error) {
	if req.UserID == "" {
		return nil, fmt.Errorf("%w: userid is required", ErrInvalidHR)
	}
	if len(req.Update) == 0 && len(req.Remove) == 0 && len(req.Insert) == 0 {
		return nil, fmt.Errorf("%w: nothing to update, remove or insert", ErrInvalidHR)
	}
	safety := api.Idempotent
	if len(req.Remove) > 0 || len(req.Insert) > 0 {
		safety = api.Unsafe
	}
	return postAs[HRStaffUpdateResult](ctx, (*service)(s), "/cgi-bin/hr/update_staff_info", req, safety)
}
