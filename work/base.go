package work

import (
	"context"
)

// CallbackIPs returns the addresses WeCom sends callbacks from
// (getcallbackip), for an allow list.
func (c *Client) CallbackIPs(ctx context.Context) ([]string, error) {
	return c.ipList(ctx, "/cgi-bin/getcallbackip")
}

// APIDomainIPs returns the addresses of the API's domain
// (get_api_domain_ip), for an outbound allow list.
func (c *Client) APIDomainIPs(ctx context.Context) ([]string, error) {
	return c.ipList(ctx, "/cgi-bin/get_api_domain_ip")
}

func (c *Client) ipList(ctx context.Context, path string) ([]string, error) {
	out, err := getAs[struct {
		IPList []string `json:"ip_list"`
	}](ctx, &service{c}, path, nil)
	if err != nil {
		return nil, err
	}
	return out.IPList, nil
}
