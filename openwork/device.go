package openwork

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/internal/redact"
)

// DeviceService calls the hardware (智慧硬件) APIs of a provider whose
// devices run WeCom's hardware SDK, with the provider_access_token.
// Devices are named by their serial number (device_sn). Get one from
// Provider.Device.
type DeviceService struct{ p *Provider }

// Delete deletes a device instance (service/del_device, page 92770).
func (s *DeviceService) Delete(ctx context.Context, deviceSN string) error {
	return s.p.post(ctx, "/cgi-bin/service/del_device", map[string]string{"device_sn": deviceSN}, nil, api.Idempotent)
}

// FetchLog asks a device to upload its log; hint (at most 128 bytes) is
// passed to the device to choose what to upload
// (service/fetch_device_log, page 91475). Not repeated.
func (s *DeviceService) FetchLog(ctx context.Context, deviceSN, hint string) error {
	return s.p.post(ctx, "/cgi-bin/service/fetch_device_log", map[string]string{"device_sn": deviceSN, "hint": hint}, nil, api.Unsafe)
}

// PrinterSupportRequest is the body of service/set_printer_support_state.
type PrinterSupportRequest struct {
	DeviceSN string
	// NotSupported marks the device as unable to print (WeCom's
	// not_supported_printer); the zero value says it can print.
	NotSupported bool
}

// SetPrinterSupport says whether a device supports printing
// (service/set_printer_support_state, page 95327).
func (s *DeviceService) SetPrinterSupport(ctx context.Context, req PrinterSupportRequest) error {
	in := struct {
		DeviceSN     string `json:"device_sn"`
		NotSupported int    `json:"not_supported_printer"`
	}{DeviceSN: req.DeviceSN}
	if req.NotSupported {
		in.NotSupported = 1
	}
	return s.p.post(ctx, "/cgi-bin/service/set_printer_support_state", in, nil, api.Idempotent)
}

// DeviceInstance is a device added with DeviceService.Add. SecretNo is the
// device's secret: it prints as [redacted]; never log it.
type DeviceInstance struct {
	ModelID    string `json:"model_id"`
	DeviceSN   string `json:"device_sn"`
	CreateTime int64  `json:"create_time"`
	SecretNo   string `json:"secret_no"`
	DeviceID   int64  `json:"device_id"`
	// QRCode is the device's activation QR code link.
	QRCode string `json:"qr_code"`
}

func (d DeviceInstance) fields() *redact.Fields {
	return redact.Begin("openwork.DeviceInstance").Str("ModelID", "model_id", d.ModelID).Str("DeviceSN", "device_sn", d.DeviceSN).
		Int("CreateTime", "create_time", d.CreateTime).Secret("SecretNo", "secret_no", d.SecretNo).
		Int("DeviceID", "device_id", d.DeviceID).Str("QRCode", "qr_code", d.QRCode)
}

// String describes d without its secret.
func (d DeviceInstance) String() string { return d.fields().String() }

// GoString is String, for %#v.
func (d DeviceInstance) GoString() string { return d.String() }

// Format prints String for every verb, so that no verb prints the secret.
func (d DeviceInstance) Format(s fmt.State, _ rune) { redact.Format(s, d.String()) }

// LogValue describes d to log/slog without its secret.
func (d DeviceInstance) LogValue() slog.Value { return d.fields().LogValue() }

// Add adds a device instance of a model (the model id is shown in the
// provider console) (service/add_device, page 90626). Not repeated.
func (s *DeviceService) Add(ctx context.Context, modelID, deviceSN string) (*DeviceInstance, error) {
	var out struct {
		DeviceInfo DeviceInstance `json:"device_info"`
	}
	if err := s.p.post(ctx, "/cgi-bin/service/add_device", map[string]string{"model_id": modelID, "device_sn": deviceSN}, loose(&out), api.Unsafe); err != nil {
		return nil, err
	}
	return &out.DeviceInfo, nil
}

// DeviceAuthInfo is the corp a device is bound to.
type DeviceAuthInfo struct {
	AuthCorpInfo struct {
		CorpID   string `json:"corpid"`
		CorpName string `json:"corp_name"`
	} `json:"auth_corp_info"`
	DeviceInfo struct {
		RemarkName string `json:"remark_name"`
		ModelID    string `json:"model_id"`
	} `json:"device_info"`
}

// AuthInfo returns the corp a device is bound to
// (service/get_device_auth_info, page 90753).
func (s *DeviceService) AuthInfo(ctx context.Context, deviceSN string) (*DeviceAuthInfo, error) {
	var out DeviceAuthInfo
	if err := s.p.post(ctx, "/cgi-bin/service/get_device_auth_info", map[string]string{"device_sn": deviceSN}, loose(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// Device is a device in DeviceService.List.
type Device struct {
	DeviceSN string `json:"device_sn"`
	ModelID  string `json:"model_id"`
}

// DeviceListRequest is the body of service/list_device: the page of
// Limit devices from Offset.
type DeviceListRequest struct {
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// List returns one page of the provider's devices
// (service/list_device, page 91346).
func (s *DeviceService) List(ctx context.Context, req DeviceListRequest) ([]Device, error) {
	var out struct {
		DeviceList []Device `json:"device_list"`
	}
	if err := s.p.post(ctx, "/cgi-bin/service/list_device", req, loose(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.DeviceList, nil
}

// ResetSecret resets a device's SecretNo to "not set", so that the
// device fetches a new one (service/reset_secret_no, 重置设备SecretNo, page
// 90631); meant for devices of a batch made with the same seed secret. The
// answer carries no secret. Repeated after a transient failure: a second
// reset leaves the same state.
func (s *DeviceService) ResetSecret(ctx context.Context, deviceSN string) error {
	return s.p.post(ctx, "/cgi-bin/service/reset_secret_no", map[string]string{"device_sn": deviceSN}, nil, api.Idempotent)
}
