// Package crypto implements WeCom's (企业微信) callback message encryption,
// known in the official SDKs as "WXBizMsgCrypt".
//
// WeCom delivers callbacks (URL verification, messages and events) encrypted
// with a per-application Token and EncodingAESKey configured in the admin
// console. A [MsgCrypt] built with [New] from those two values verifies and
// decrypts what WeCom sends and encrypts passive replies.
//
// # The scheme
//
// The 43-character EncodingAESKey is standard Base64 without its trailing "=";
// decoding it yields a 32-byte AES-256 key. Messages are encrypted with
// AES-256-CBC using the first 16 bytes of the key as the IV. The plaintext is
//
//	random(16) || big-endian uint32 len(msg) || msg || receive id
//
// padded PKCS#7-style to a multiple of 32 bytes (always adding 1 to 32 bytes)
// and the ciphertext travels as standard, padded Base64: the echostr query
// parameter of the GET URL-verification request, or the Encrypt element of the
// XML body of a POST callback:
//
//	<xml>
//	  <ToUserName><![CDATA[corp or suite id]]></ToUserName>
//	  <AgentID><![CDATA[agent id]]></AgentID>
//	  <Encrypt><![CDATA[base64 ciphertext]]></Encrypt>
//	</xml>
//
// Every request carries msg_signature, timestamp and nonce query parameters.
// The signature is the lowercase hex SHA-1 of the concatenation of token,
// timestamp, nonce and the Base64 ciphertext, after sorting the four strings
// in ascending byte order (see [Signature]). The same signature protects an
// encrypted passive reply produced by [MsgCrypt.EncryptMsg].
//
// [MsgCrypt.VerifyURL] handles the GET request and returns the plaintext echo
// to write back; [MsgCrypt.DecryptMsg] handles a POST body and returns the
// inner XML message ([MsgCrypt.DecryptEnvelope] also returns the receive
// id). Both check the signature before touching the ciphertext, and
// DecryptMsg checks it before reading more of the body than the search for
// its Encrypt element: a forged request costs a search and a hash, never a
// parse or an allocation the size of the body. The lower-level
// [ParseEnvelope], [MsgCrypt.Verify], [MsgCrypt.Decrypt] and
// [MsgCrypt.VerifyDecrypt] expose the individual steps for servers that
// need the envelope fields.
//
// The signature comparison takes constant time; only its length, which is
// public, decides anything earlier. A valid signature proves knowledge of
// the Token, not freshness: nothing here rejects a replayed request, which
// is the caller's business (package message offers de-duplication and a
// timestamp window).
//
// # Which receive id to use
//
// The receive id embedded at the end of every plaintext tells which party the
// message was meant for. Pass the expected one to [New]:
//
//   - self-built (internal) application callbacks: the CorpID;
//   - third-party application instruction callbacks (suite_ticket,
//     create_auth, change_auth, ...): the SuiteID;
//   - third-party application data callbacks (messages and events of an
//     authorizing corporation): that corporation's CorpID;
//   - service provider console URL verification: the provider's own CorpID.
//
// A service provider whose callback URL may be verified with either the
// SuiteID or its own CorpID can accept both with [MsgCrypt.AllowReceiverIDs].
// An empty receive id accepts any; [MsgCrypt.Decrypt] reports the one found so
// the caller can route on it.
//
// A MsgCrypt is immutable and safe for concurrent use by multiple goroutines.
// Errors wrap the sentinel errors of this package and never contain the token,
// the key, the ciphertext or the plaintext.
package crypto
