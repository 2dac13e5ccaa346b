package jssdk

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
)

// Sign returns the JS-SDK signature of a page: the lower-case hex SHA-1 of
//
//	jsapi_ticket=TICKET&noncestr=NONCE&timestamp=TIMESTAMP&url=URL
//
// with the values as given, not URL-encoded. pageURL is the page's full
// URL with its query string; Sign drops a fragment (# and what follows)
// itself, as the algorithm requires, so location.href may be passed as is.
// timestamp is in Unix seconds. The same algorithm signs wx.config (with
// the corp's jsapi_ticket) and wx.agentConfig (with the agent ticket).
func Sign(ticket, nonceStr string, timestamp int64, pageURL string) string {
	pageURL, _, _ = strings.Cut(pageURL, "#")
	h := sha1.New()
	for _, s := range [...]string{
		"jsapi_ticket=", ticket,
		"&noncestr=", nonceStr,
		"&timestamp=", strconv.FormatInt(timestamp, 10),
		"&url=", pageURL,
	} {
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}
