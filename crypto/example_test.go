package crypto_test

import (
	"fmt"
	"log"

	"github.com/wecomkit/wecom/crypto"
)

// The Token, EncodingAESKey and CorpID of WeCom's documentation sample.
const (
	token          = "QDG6eK"
	encodingAESKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	corpID         = "wx5823bf96d3bd56c7"
)

// A URL verification request carries msg_signature, timestamp, nonce and
// echostr in its query string; url.Values.Get returns them decoded. The
// handler responds with the decrypted echo.
func ExampleMsgCrypt_VerifyURL() {
	c, err := crypto.New(token, encodingAESKey, corpID)
	if err != nil {
		log.Fatal(err)
	}
	echo, err := c.VerifyURL(
		"5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", // msg_signature
		"1409659589", // timestamp
		"263014780",  // nonce
		"P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==", // echostr
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(echo))
	// Output: 1616140317555161061
}

// A callback POST carries msg_signature, timestamp and nonce in its query
// string and the encrypted message in its body.
func ExampleMsgCrypt_DecryptMsg() {
	c, err := crypto.New(token, encodingAESKey, corpID)
	if err != nil {
		log.Fatal(err)
	}
	body := []byte(`<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[ZA4HuQypHxnRrA+A6SOHGPpA4BXkaFIE0s/1C2e0ZXuIEC2kG00clzTAoqgswAAZWyW+AE82ZTvo7hmg0QwR9hRCCin4OdiFjN+6tiIoUXM5+UwPT4jUQE6rTcZT/tIto19wpIwkWqJ04uCntHDH/7Y51fLzeU3wvg1TI4f96m9uRvO7acYV2KIQgdJuvXhpgGolyGIe7Q2+8Ikxc1Wh6Ld6Y39IA3D0Rbb7t9hIopVDhyW5e8GYVMLJJTSVbuL11Eub8ABscqGPQjvnwzlB73UsTI0FctVHzZBuQ2+TYHWya1q9XCpxoQH6rbusPALqYyfq9xRyfe5DiDVCsMDUl45BnddWbG9/u9btcYehg0yFGNTnFv2Qc2Ty4KDtQhisZhnRpDHVsfqgFpjD/AITaO1Nkd26qJrAuAGFdnAGE/o=]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`)
	msg, err := c.DecryptMsg("99108567d2f7b72bf6aa3c84efbbe054c04d6300", "1409659813", "1372623149", body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(msg))
	// Output: <xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[mycreate]]></FromUserName><CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>4561255354251345929</MsgId><AgentID>218</AgentID></xml>
}

// A passive reply is encrypted with a fresh random prefix, so the output
// differs on every call; it can be decrypted like a callback.
func ExampleMsgCrypt_EncryptMsg() {
	c, err := crypto.New(token, encodingAESKey, corpID)
	if err != nil {
		log.Fatal(err)
	}
	const timestamp, nonce = "1409659813", "1372623149"
	reply, err := c.EncryptMsg([]byte("<xml><Content><![CDATA[hi]]></Content></xml>"), timestamp, nonce)
	if err != nil {
		log.Fatal(err)
	}
	env, err := crypto.ParseEnvelope(reply)
	if err != nil {
		log.Fatal(err)
	}
	msg, err := c.DecryptMsg(crypto.Signature(token, timestamp, nonce, env.Encrypt), timestamp, nonce, reply)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(msg))
	// Output: <xml><Content><![CDATA[hi]]></Content></xml>
}

func ExampleSignature() {
	fmt.Println(crypto.Signature(token, "1409659589", "263014780",
		"P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="))
	// Output: 5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3
}
