package oauth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// WeCom sends some numbers and flags of these answers as strings ("2",
// "true"), and "" for 0; the decoders here accept both forms, as Gender
// does, and still reject a value that is neither.

// parseLooseInt reads a JSON number, a string holding one, "" or null.
func parseLooseInt(b []byte, what string) (int64, error) {
	s := string(bytes.Trim(bytes.TrimSpace(b), `"`))
	if s == "" || s == "null" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("oauth: %s %q is not a whole number", what, s)
	}
	return n, nil
}

// looseInt is an int64 that may come as a string.
type looseInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *looseInt) UnmarshalJSON(b []byte) error {
	v, err := parseLooseInt(b, "number")
	*n = looseInt(v)
	return err
}

// looseBool is a flag that may come as true/false, 1/0, or either as a
// string; "" and null are false.
type looseBool bool

// UnmarshalJSON implements json.Unmarshaler.
func (f *looseBool) UnmarshalJSON(b []byte) error {
	switch s := string(bytes.Trim(bytes.TrimSpace(b), `"`)); s {
	case "true", "1":
		*f = true
	case "false", "0", "", "null":
		*f = false
	default:
		return fmt.Errorf("oauth: flag %q is neither true nor false", s)
	}
	return nil
}

// UnmarshalJSON accepts a number or a string holding one.
func (t *LoginUserType) UnmarshalJSON(b []byte) error {
	v, err := parseLooseInt(b, "usertype")
	*t = LoginUserType(v)
	return err
}

// UnmarshalJSON accepts a number or a string holding one.
func (t *AgentAuthType) UnmarshalJSON(b []byte) error {
	v, err := parseLooseInt(b, "auth_type")
	*t = AgentAuthType(v)
	return err
}

// UnmarshalJSON accepts the agent id as a number or a string.
func (a *LoginAgent) UnmarshalJSON(b []byte) error {
	var w struct {
		AgentID  looseInt      `json:"agentid"`
		AuthType AgentAuthType `json:"auth_type"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*a = LoginAgent{AgentID: int64(w.AgentID), AuthType: w.AuthType}
	return nil
}

// UnmarshalJSON accepts the id as a number or a string and writable as a
// boolean, 1/0 or a string holding either.
func (d *LoginDepartment) UnmarshalJSON(b []byte) error {
	var w struct {
		ID       looseInt  `json:"id"`
		Writable looseBool `json:"writable"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*d = LoginDepartment{ID: int64(w.ID), Writable: bool(w.Writable)}
	return nil
}

// UnmarshalJSON accepts expires_in as a number or a string.
func (id *SuiteIdentity) UnmarshalJSON(b []byte) error {
	type plain SuiteIdentity
	w := struct {
		*plain
		ExpiresIn looseInt `json:"expires_in"`
	}{plain: (*plain)(id)}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	id.ExpiresIn = int64(w.ExpiresIn)
	return nil
}
