package wecomtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// License is a small model of WeCom's 接口许可 (interface licenses) for
// the license/* endpoints of a provider: orders the test pays with Pay,
// the activation codes a paid order holds, and the members they are
// activated for. NewLicense installs it on a Server with Handle stubs on
// create_new_order, get_order, list_order_account, active_account,
// batch_active_account and get_active_info_by_user.
type License struct {
	mu      sync.Mutex
	seq     int
	orders  map[string]*licenseOrder
	codes   map[string]*licenseCode
	order   []string
	targets map[string]unlicensedTarget // NotifyUnlicensed, by suite id

	pushes     []UnlicensedPush
	inflight   int        // pushes not yet delivered
	pushed     *sync.Cond // on mu: a push was delivered
	pushCtx    context.Context
	stopPushes context.CancelFunc // ends the pushes in flight
}

type licenseOrder struct {
	id, corpID string
	base, ext  int
	paid       bool
	codes      []string
}

type licenseCode struct {
	code, corpID, userID string
	typ                  int
}

// NewLicense installs a license model on s (Handle stubs on its paths,
// replacing any stubs there) and returns it.
//
// From then on licenses are enforced, as WeCom does once an app's trial
// has ended: the apps of a suite (a third-party app's corp token from
// service/get_corp_token, a customized app's token from gettoken with its
// permanent code, and the suite token for service/auth/getuserinfo3rd)
// can act for a member of an authorizing corp only while that member
// holds an activated account; a self-built app's token is never gated.
// The modelled calls that concern a member are:
//
//   - user/get (the userid asked for) and auth/getuserinfo,
//     service/auth/getuserinfo3rd (the member the login code names): a
//     base or an interop account is needed, or the call fails with 701016
//     (账号未激活或者已经过期, wecom.ErrAccountInactiveOrExpired);
//   - externalcontact/list (the member whose customers are listed): an
//     interop (互通) account is needed, or the call fails with 701008
//     (没有合法的有互通license的用户, wecom.ErrNoInteropLicense).
//
// message/send is not refused: WeCom skips such members and names them in
// the answer's unlicenseduser. Calls for an unknown member are left to
// the endpoint's own answer. Every refusal pushes unlicensed_notify (the
// event of page 95716) to the suite's data callback URL when the test set
// one with [License.NotifyUnlicensed]. The pages name the errcodes and
// that a member without an account cannot be served, not which errcode
// each base-account call answers: 701016 is the fake's choice there.
func NewLicense(s *Server) *License {
	l := &License{orders: map[string]*licenseOrder{}, codes: map[string]*licenseCode{}, targets: map[string]unlicensedTarget{}}
	l.pushed = sync.NewCond(&l.mu)
	l.pushCtx, l.stopPushes = context.WithCancel(context.Background())
	if s.tb != nil {
		// Registered after NewTestServer's Close, so run before it: no push
		// outlives the test.
		s.tb.Cleanup(func() {
			l.stopPushes()
			l.UnlicensedPushes()
		})
	}
	s.Handle("/cgi-bin/license/create_new_order", l.createNewOrder)
	s.Handle("/cgi-bin/license/get_order", l.getOrder)
	s.Handle("/cgi-bin/license/list_order_account", l.listOrderAccount)
	s.Handle("/cgi-bin/license/active_account", l.activeAccount)
	s.Handle("/cgi-bin/license/batch_active_account", l.batchActiveAccount)
	s.Handle("/cgi-bin/license/get_active_info_by_user", l.activeInfoByUser)
	s.mu.Lock()
	s.lic = l
	s.mu.Unlock()
	return l
}

// Pay marks an order paid, as the buyer paying it in the provider console
// does: its activation codes are created. Push license_pay_success to the
// app yourself (SendCallback), as WeCom does next.
func (l *License) Pay(orderID string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	o := l.orders[orderID]
	if o == nil {
		return fmt.Errorf("wecomtest: no license order %q", orderID)
	}
	if o.paid {
		return nil
	}
	o.paid = true
	for i := range o.base + o.ext {
		typ := 1
		if i >= o.base {
			typ = 2
		}
		l.seq++
		c := &licenseCode{code: "LC" + strconv.Itoa(l.seq), corpID: o.corpID, typ: typ}
		l.codes[c.code] = c
		o.codes = append(o.codes, c.code)
	}
	return nil
}

// Licensed reports whether a member of a corp holds an active account.
func (l *License) Licensed(corpID, userID string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.licensedLocked(corpID, userID)
}

func (l *License) licensedLocked(corpID, userID string) bool {
	for _, c := range l.codes {
		if c.corpID == corpID && c.userID == userID {
			return true
		}
	}
	return false
}

// Orders returns the ids of the orders created, oldest first.
func (l *License) Orders() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.order...)
}

func (l *License) createNewOrder(_ *http.Request, body []byte) (any, error) {
	var in struct {
		CorpID       string `json:"corpid"`
		BuyerUserID  string `json:"buyer_userid"`
		AccountCount struct {
			Base int `json:"base_count"`
			Ext  int `json:"external_contact_count"`
		} `json:"account_count"`
	}
	if json.Unmarshal(body, &in) != nil || in.CorpID == "" || in.BuyerUserID == "" {
		return nil, &APIError{Code: 40058, Message: "invalid parameter"}
	}
	if in.AccountCount.Base+in.AccountCount.Ext <= 0 {
		return nil, &APIError{Code: 701010, Message: "invalid account count"}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	o := &licenseOrder{id: fmt.Sprintf("OI%08d", l.seq), corpID: in.CorpID, base: in.AccountCount.Base, ext: in.AccountCount.Ext}
	l.orders[o.id] = o
	l.order = append(l.order, o.id)
	return map[string]any{"order_id": o.id}, nil
}

func (l *License) getOrder(_ *http.Request, body []byte) (any, error) {
	var in struct {
		OrderID string `json:"order_id"`
	}
	_ = json.Unmarshal(body, &in)
	l.mu.Lock()
	defer l.mu.Unlock()
	o := l.orders[in.OrderID]
	if o == nil {
		return nil, &APIError{Code: 701005, Message: "invalid order"}
	}
	status := 0
	if o.paid {
		status = 1
	}
	return map[string]any{"order": map[string]any{"order_id": o.id, "order_type": 1, "order_status": status, "corpid": o.corpID,
		"account_count": map[string]int{"base_count": o.base, "external_contact_count": o.ext},
		"create_time":   time.Now().Unix()}}, nil
}

func (l *License) listOrderAccount(_ *http.Request, body []byte) (any, error) {
	var in struct {
		OrderID string `json:"order_id"`
	}
	_ = json.Unmarshal(body, &in)
	l.mu.Lock()
	defer l.mu.Unlock()
	o := l.orders[in.OrderID]
	if o == nil || !o.paid {
		return nil, &APIError{Code: 701005, Message: "invalid order"}
	}
	list := []map[string]any{}
	for _, code := range o.codes {
		c := l.codes[code]
		list = append(list, map[string]any{"active_code": c.code, "userid": c.userID, "type": c.typ})
	}
	return map[string]any{"next_cursor": "", "has_more": 0, "account_list": list}, nil
}

// activate binds code to a member; 0 or WeCom's errcode.
func (l *License) activate(corpID, code, userID string) int {
	c := l.codes[code]
	switch {
	case c == nil || c.corpID != corpID:
		return 701002
	case c.userID != "":
		return 701003
	}
	c.userID = userID
	return 0
}

func (l *License) activeAccount(_ *http.Request, body []byte) (any, error) {
	var in struct {
		CorpID     string `json:"corpid"`
		ActiveCode string `json:"active_code"`
		UserID     string `json:"userid"`
	}
	_ = json.Unmarshal(body, &in)
	l.mu.Lock()
	defer l.mu.Unlock()
	if code := l.activate(in.CorpID, in.ActiveCode, in.UserID); code != 0 {
		return nil, &APIError{Code: code, Message: "activation refused"}
	}
	return nil, nil
}

func (l *License) batchActiveAccount(_ *http.Request, body []byte) (any, error) {
	var in struct {
		CorpID     string `json:"corpid"`
		ActiveList []struct {
			ActiveCode string `json:"active_code"`
			UserID     string `json:"userid"`
		} `json:"active_list"`
	}
	_ = json.Unmarshal(body, &in)
	l.mu.Lock()
	defer l.mu.Unlock()
	res := []map[string]any{}
	for _, a := range in.ActiveList {
		res = append(res, map[string]any{"active_code": a.ActiveCode, "userid": a.UserID, "errcode": l.activate(in.CorpID, a.ActiveCode, a.UserID)})
	}
	return map[string]any{"active_result": res}, nil
}

func (l *License) activeInfoByUser(_ *http.Request, body []byte) (any, error) {
	var in struct {
		CorpID string `json:"corpid"`
		UserID string `json:"userid"`
	}
	_ = json.Unmarshal(body, &in)
	l.mu.Lock()
	defer l.mu.Unlock()
	var list []map[string]any
	for _, c := range l.codes {
		if c.corpID == in.CorpID && c.userID == in.UserID {
			list = append(list, map[string]any{"active_code": c.code, "type": c.typ, "userid": c.userID})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i]["active_code"].(string) < list[j]["active_code"].(string) })
	status := 0
	if len(list) > 0 {
		status = 1
	}
	return map[string]any{"active_status": status, "active_info_list": list}, nil
}
