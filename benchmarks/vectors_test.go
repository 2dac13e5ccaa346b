package benchmarks

// The official WXBizMsgCrypt sample of WeCom: one app, one encrypted text
// message "hello" from "mycreate", as WeCom posts it.
const (
	sampleToken          = "QDG6eK"
	sampleCorpID         = "wx5823bf96d3bd56c7"
	sampleEncodingAESKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"

	sampleTimestamp = "1409659813"
	sampleNonce     = "1372623149"
	sampleSignature = "99108567d2f7b72bf6aa3c84efbbe054c04d6300"

	sampleEncrypt = "ZA4HuQypHxnRrA+A6SOHGPpA4BXkaFIE0s/1C2e0ZXuIEC2kG00clzTAoqgswAAZWyW+AE82ZTvo7hmg0QwR9hRCCin4OdiFjN+6tiIoUXM5+UwPT4jUQE6rTcZT/tIto19wpIwkWqJ04uCntHDH/7Y51fLzeU3wvg1TI4f96m9uRvO7acYV2KIQgdJuvXhpgGolyGIe7Q2+8Ikxc1Wh6Ld6Y39IA3D0Rbb7t9hIopVDhyW5e8GYVMLJJTSVbuL11Eub8ABscqGPQjvnwzlB73UsTI0FctVHzZBuQ2+TYHWya1q9XCpxoQH6rbusPALqYyfq9xRyfe5DiDVCsMDUl45BnddWbG9/u9btcYehg0yFGNTnFv2Qc2Ty4KDtQhisZhnRpDHVsfqgFpjD/AITaO1Nkd26qJrAuAGFdnAGE/o="

	// sampleBody is the POST body: the envelope around sampleEncrypt.
	sampleBody = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + sampleEncrypt + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>"

	// samplePlain is what sampleBody decrypts to.
	samplePlain = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[mycreate]]></FromUserName><CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>4561255354251345929</MsgId><AgentID>218</AgentID></xml>"

	// sampleContent and sampleFrom are what a parsed samplePlain holds.
	sampleContent = "hello"
	sampleFrom    = "mycreate"
)

// Token fixtures for the loopback gettoken endpoint.
const (
	tokenSecret  = "bench-secret"
	tokenAgentID = 218
	tokenValue   = "bench-access-token"
)
