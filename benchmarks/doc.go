// Package benchmarks measures the wecom SDK side by side with other Go
// WeCom SDKs on the same inputs: decrypting a callback, handling a callback
// up to a typed text message, and serving a cached access token.
//
// It is a separate module so that the SDK's own go.mod never depends on a
// peer. Everything lives in _test.go files; run it with
//
//	go test -run '^$' -bench . -benchmem -count 6 | tee new.txt && benchstat -col /sdk new.txt
//
// See README.md for the peers measured and the latest figures.
package benchmarks
