package openwork

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// The hardware (智慧硬件) calls of a provider whose devices run WeCom's
// hardware SDK, with the provider_access_token. Devices are named by
// their serial number (device_sn).

// DeleteDevice deletes a device instance (service/del_device, page 92770).
func (p *Provider) DeleteDevice(ctx context.Context, deviceSN string) error {
	return p.post(ctx, "/cgi-bin/service/del_device", map[string]string{"device_sn": deviceSN}, nil, api.Idempotent)
}

// FetchDeviceLog asks a device to upload its log; hint (at most 128
// bytes) is passed to the device to choose what to upload
// (service/fetch_device_log, page 91475). Not repeated.
func (p *Provider) FetchDeviceLog(ctx context.Context, deviceSN, hint string) error {
	return p.post(ctx, "/cgi-bin/service/fetch_device_log", map[string]string{"device_sn": deviceSN, "hint": hint}, nil, api.Unsafe)
}

// SetPrinterSupport says whether a device supports printing
// (service/set_printer_support_state, page 95327; WeCom's field is
// not_supported_printer, the negation).
func (p *Provider) SetPrinterSupport(ctx context.Context, deviceSN string, supported bool) error {
	in := struct {
		DeviceSN     string `json:"device_sn"`
		NotSupported int    `json:"not_supported_printer"`
	}{DeviceSN: deviceSN}
	if !supported {
		in.NotSupported = 1
	}
	return p.post(ctx, "/cgi-bin/service/set_printer_support_state", in, nil, api.Idempotent)
}
