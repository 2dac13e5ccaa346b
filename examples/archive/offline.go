package main

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"

	"github.com/wecomkit/wecom/msgaudit"
	"github.com/wecomkit/wecom/msgaudit/msgaudittest"
)

// runOffline reads a fake archive: messages under key versions 1 and 2
// (as after a key rotation), one record the archive cannot decrypt, and
// an image to download.
func runOffline(ctx context.Context, stdout io.Writer) error {
	b := msgaudittest.New()
	b.ChunkSize = 16 << 10
	old, cur := msgaudittest.GenerateKey(2048), msgaudittest.GenerateKey(2048)
	b.AddKey(1, &old.PublicKey)
	b.AddKey(2, &cur.PublicKey)

	picture := bytes.Repeat([]byte("fake jpeg "), 5000)
	sum := md5.Sum(picture)
	b.AddMedia("SDKFILE-1", picture)
	msg := func(id, typ string, content any) map[string]any {
		m := map[string]any{"msgid": id, "action": "send", "from": "zhangsan", "tolist": []string{"wmEXTERNAL"},
			"roomid": "", "msgtime": int64(1765000000000), "msgtype": typ}
		if content != nil {
			m[typ] = content
		}
		return m
	}
	for _, r := range []struct {
		ver int
		m   map[string]any
	}{
		{1, msg("m1", "text", map[string]any{"content": "你好"})},
		{2, msg("m2", "image", map[string]any{"filesize": len(picture), "md5sum": hex.EncodeToString(sum[:]), "sdkfileid": "SDKFILE-1"})},
		{1, msg("m3", "file", map[string]any{"filename": "报价.pdf", "fileext": "pdf", "filesize": 18181, "md5sum": "x", "sdkfileid": "SDKFILE-0"})},
		{2, msg("m4", "revoke", map[string]any{"pre_msgid": "m1"})},
		{2, msg("m5", "hologram", map[string]any{"x": 1})},
		{2, map[string]any{"msgid": "m6", "action": "switch", "time": int64(1765000001000), "user": "zhangsan"}},
	} {
		if _, err := b.Add(r.ver, r.m); err != nil {
			return err
		}
	}
	// A record whose key version the reader does not have.
	b.AddRecord(msgaudittest.Record{MsgID: "m7", PublicKeyVer: 3, EncryptRandomKey: "AAAA", EncryptChatMsg: "AAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
	if _, err := b.Add(2, msg("m8", "text", map[string]any{"content": "再见"})); err != nil {
		return err
	}

	a, err := msgaudit.New(b, msgaudit.PrivateKeys{1: old, 2: cur}, msgaudit.WithPageSize(3))
	if err != nil {
		return err
	}
	defer a.Close()
	return read(ctx, stdout, a, 0, func(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil })
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
