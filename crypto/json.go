package crypto

import (
	"encoding/base64"
	"errors"
)

// JSON reply envelope pieces, see EncryptJSON.
const (
	jsonOpen      = `{"encrypt":"`
	jsonSignature = `","msgsignature":"`
	jsonTimestamp = `","timestamp":`
	jsonNonce     = `,"nonce":"`
	jsonClose     = `"}`
)

// EncryptJSON encrypts a passive reply to a JSON callback (the intelligent
// robots' callbacks) and returns the JSON document to send as the HTTP
// response:
//
//	{"encrypt":"...","msgsignature":"...","timestamp":1700000000,"nonce":"..."}
//
// The reply carries the receive id of c. timestamp must be decimal digits
// and nonce must need no JSON escaping (no quote, backslash or control
// character).
func (c *MsgCrypt) EncryptJSON(reply []byte, timestamp, nonce string) ([]byte, error) {
	if !isDigits(timestamp) {
		return nil, errors.New("wecom/crypto: timestamp must be decimal digits")
	}
	for i := 0; i < len(nonce); i++ {
		if b := nonce[i]; b < 0x20 || b == '"' || b == '\\' {
			return nil, errors.New("wecom/crypto: nonce must need no JSON escaping")
		}
	}
	ct, err := c.seal(reply)
	if err != nil {
		return nil, err
	}
	encLen := base64.StdEncoding.EncodedLen(len(ct))
	size := len(jsonOpen) + encLen + len(jsonSignature) + signatureLen +
		len(jsonTimestamp) + len(timestamp) + len(jsonNonce) + len(nonce) + len(jsonClose)
	signedLen := len(c.secret.token) + len(timestamp) + len(nonce) + encLen
	out := make([]byte, 0, size+signedLen)
	scratch := out[size:size]

	out = append(out, jsonOpen...)
	out = base64.StdEncoding.AppendEncode(out, ct)
	var sig [signatureLen]byte
	sign(&sig, scratch, c.secret.token, timestamp, nonce, out[len(jsonOpen):])
	out = append(out, jsonSignature...)
	out = append(out, sig[:]...)
	out = append(out, jsonTimestamp...)
	out = append(out, timestamp...)
	out = append(out, jsonNonce...)
	out = append(out, nonce...)
	out = append(out, jsonClose...)
	return out[:size:size], nil
}
