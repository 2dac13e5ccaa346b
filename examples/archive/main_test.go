package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline runs the example against the fake archive, as
// `go run ./examples/archive` does on a fresh machine.
func TestOffline(t *testing.T) {
	got := demotest.Offline(t, run,
		`seq 1 2025-12-06 05:46:40 zhangsan → wmEXTERNAL: text "你好"`,
		"seq 2 ", "image, 50000 bytes",
		"seq 3 ", "file 报价.pdf, 18181 bytes",
		"seq 4 ", "recalled m1",
		"seq 5 ", "hologram (not typed;",
		"seq 6 ", "zhangsan switched corps",
		"seq 7: skipped: msgaudit: no private key for the record's publickey_ver (version 3)",
		`seq 8 `, `text "再见"`,
		"7 messages; resume after seq 8",
		"media: 50000 bytes, md5 ",
	)
	assert.NotContains(t, got, "PRIVATE KEY")
}

// TestOnlineNeedsEveryVariable checks that a partial configuration is
// reported before the library is loaded.
func TestOnlineNeedsEveryVariable(t *testing.T) {
	demotest.Refused(t, run, map[string]string{"WECOM_CORP_ID": "ww1"},
		"WECOM_FINANCE_SDK", "WECOM_ARCHIVE_SECRET", "WECOM_ARCHIVE_KEYS")
	demotest.Refused(t, run, map[string]string{"WECOM_FINANCE_SDK": "lib.so", "WECOM_CORP_ID": "ww1",
		"WECOM_ARCHIVE_SECRET": "s", "WECOM_ARCHIVE_KEYS": "one=x.pem"}, "WECOM_ARCHIVE_KEYS")
}
