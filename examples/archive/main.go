// Command archive reads a corp's chat archive (会话内容存档): the messages
// after a sequence number, decrypted and printed by type, and the first
// media file among them, downloaded and checked against its md5sum.
//
// Without environment variables it runs offline against a fake archive
// (msgaudittest) holding a few messages encrypted under two key versions:
//
//	go run ./examples/archive
//
// Against a real corp, give the Finance SDK (libWeWorkFinanceSdk_C.so,
// downloaded from WeCom's docs), the corp id, the archive's secret and the
// private keys by version (version=file, comma-separated); the server's IP
// must be on the archive's trusted list:
//
//	WECOM_FINANCE_SDK=/opt/wecom/libWeWorkFinanceSdk_C.so WECOM_CORP_ID=ww... \
//	WECOM_ARCHIVE_SECRET=... WECOM_ARCHIVE_KEYS=1=archive1.pem,2=archive2.pem \
//	go run ./examples/archive
//
// WECOM_ARCHIVE_SEQ sets the seq to start after (default 0, the oldest
// message kept); WECOM_ARCHIVE_MEDIA_DIR is where the media file is saved
// (default: the system's temporary directory).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/msgaudit"
	"github.com/wecomkit/wecom/token"
)

func main() { demo.Main("archive", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	if env("WECOM_FINANCE_SDK") == "" && env("WECOM_CORP_ID") == "" && env("WECOM_ARCHIVE_SECRET") == "" && env("WECOM_ARCHIVE_KEYS") == "" {
		return runOffline(ctx, stdout)
	}
	v, err := env.Require("WECOM_FINANCE_SDK", "WECOM_CORP_ID", "WECOM_ARCHIVE_SECRET", "WECOM_ARCHIVE_KEYS")
	if err != nil {
		return err
	}
	keys, err := readKeys(v["WECOM_ARCHIVE_KEYS"])
	if err != nil {
		return err
	}
	seq, err := strconv.ParseUint(env.Or("WECOM_ARCHIVE_SEQ", "0"), 10, 64)
	if err != nil {
		return fmt.Errorf("WECOM_ARCHIVE_SEQ: %w", err)
	}
	a, err := msgaudit.Open(v["WECOM_FINANCE_SDK"], v["WECOM_CORP_ID"], v["WECOM_ARCHIVE_SECRET"], keys)
	if err != nil {
		return err
	}
	defer a.Close()
	dir := env.Or("WECOM_ARCHIVE_MEDIA_DIR", os.TempDir())
	return read(ctx, stdout, a, seq, func(name string) (io.WriteCloser, error) {
		return os.Create(filepath.Join(dir, name))
	})
}

// readKeys reads "1=a.pem,2=b.pem" into private keys by version.
func readKeys(spec string) (msgaudit.PrivateKeys, error) {
	pems := map[int][]byte{}
	for item := range strings.SplitSeq(spec, ",") {
		ver, file, ok := strings.Cut(strings.TrimSpace(item), "=")
		v, err := strconv.Atoi(ver)
		if !ok || err != nil {
			return nil, fmt.Errorf("WECOM_ARCHIVE_KEYS: %q is not version=file", item)
		}
		if pems[v], err = os.ReadFile(file); err != nil {
			return nil, fmt.Errorf("WECOM_ARCHIVE_KEYS: version %d: %w", v, err)
		}
	}
	return msgaudit.ParsePrivateKeys(pems)
}

// read prints the messages after seq, keeps the last seq handled in a
// SeqStore, and downloads the first media file into create(name).
func read(ctx context.Context, stdout io.Writer, a *msgaudit.Archive, seq uint64, create func(name string) (io.WriteCloser, error)) error {
	store, err := msgaudit.NewSeqStore(token.NewMemoryCache(), "demo")
	if err != nil {
		return err
	}
	if err := store.Save(ctx, seq); err != nil {
		return err
	}
	var media *msgaudit.MediaFile
	n := 0
	for m, err := range a.Messages(ctx, seq) {
		if err != nil {
			var re *msgaudit.RecordError
			if errors.As(err, &re) {
				// One bad record: report it, count it as handled, go on.
				fmt.Fprintf(stdout, "seq %d: skipped: %v\n", re.Seq, re.Err)
				if err := store.Save(ctx, re.Seq); err != nil {
					return err
				}
				continue
			}
			return err
		}
		n++
		fmt.Fprintf(stdout, "seq %d %s %s → %s: %s\n", m.Seq, m.Time.UTC().Format("2006-01-02 15:04:05"), m.From, strings.Join(m.ToList, ","), describe(m))
		if f, ok := m.Content.(interface{ File() msgaudit.MediaFile }); ok && media == nil {
			mf := f.File()
			media = &mf
		}
		if err := store.Save(ctx, m.Seq); err != nil {
			return err
		}
	}
	last, err := store.Load(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d messages; resume after seq %d\n", n, last)
	if media == nil {
		return nil
	}
	name := "archive-media-" + strconv.FormatUint(last, 10)
	w, err := create(name)
	if err != nil {
		return err
	}
	size, err := a.Media(ctx, *media, w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("media %s: %w", name, err)
	}
	fmt.Fprintf(stdout, "media: %d bytes, md5 %s checked, saved as %s\n", size, media.MD5Sum, name)
	return nil
}

// describe prints a message by its type.
func describe(m *msgaudit.Message) string {
	switch c := m.Content.(type) {
	case *msgaudit.Text:
		return fmt.Sprintf("text %q", c.Content)
	case *msgaudit.Image:
		return fmt.Sprintf("image, %d bytes", c.FileSize)
	case *msgaudit.File:
		return fmt.Sprintf("file %s, %d bytes", c.FileName, c.FileSize)
	case *msgaudit.Revoke:
		return "recalled " + c.PreMsgID
	case *msgaudit.Link:
		return "link " + c.LinkURL
	case *msgaudit.Switch:
		return c.User + " switched corps"
	case *msgaudit.Unknown:
		return fmt.Sprintf("%s (not typed; %d bytes of JSON)", c.Type, len(c.Raw))
	default:
		return m.Type
	}
}
