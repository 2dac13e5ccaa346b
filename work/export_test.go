package work

// Reading export results: round trips through wecomtest's export jobs
// (files encrypted the documented way, several of them) and the failures
// of each step: polling, downloading, verifying, decrypting, parsing.

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/redact/redacttest"
	"github.com/wecomkit/wecom/wecomtest"
)

// exportTestKey is the request sample's key (page 94849).
const exportTestKey = "IJUiXNpvGbODwKEBSEsAeOAPAhkqHqNCF6g19t9wfg2"

// otherExportKey is a valid key that is not the job's.
const otherExportKey = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"

// exportClient returns a client of the fake's default app, with fast
// retries.
func exportClient(t testing.TB, srv *wecomtest.Server, opts ...wecom.Option) *Client {
	t.Helper()
	c, err := New(Config{CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret},
		append([]wecom.Option{wecom.WithBaseURL(srv.URL()), wecom.WithHTTPClient(srv.Client()),
			wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond})}, opts...)...)
	require.NoError(t, err)
	return c
}

// addExportUsers adds n members u00000, u00001... to the fake's default
// corp.
func addExportUsers(t testing.TB, srv *wecomtest.Server, n int) {
	t.Helper()
	for i := range n {
		id := fmt.Sprintf("u%05d", i)
		require.NoError(t, srv.AddUser(wecomtest.DefaultCorpID, wecomtest.User{
			UserID: id, Name: "成员" + strconv.Itoa(i), Department: []int64{wecomtest.DeptRD},
			Mobile: fmt.Sprintf("139%08d", i), Position: "Engineer", Email: id + "@example.com",
		}))
	}
}

// collect ranges over seq and returns its rows and its first error.
func collect[T any](seq func(func(T, error) bool)) ([]T, error) {
	var rows []T
	for v, err := range seq {
		if err != nil {
			return rows, err
		}
		rows = append(rows, v)
	}
	return rows, nil
}

func readReq(jobID string) ExportReadRequest {
	return ExportReadRequest{JobID: jobID, EncodingAESKey: exportTestKey, PollInterval: MinExportPollInterval}
}

// TestExportUsersRoundTrip: thousands of members, several files, each
// encrypted by the fake with the caller's key, come back as typed members,
// each once, after one "processing" answer.
func TestExportUsersRoundTrip(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	addExportUsers(t, srv, 3000)
	srv.SetExportPartRows(1000)
	c := exportClient(t, srv)
	ctx := t.Context()

	jobID, err := c.Export.Users(ctx, ExportRequest{EncodingAESKey: exportTestKey, BlockSize: 10000})
	require.NoError(t, err)
	users, err := collect(c.Export.ReadUsers(ctx, readReq(jobID)))
	require.NoError(t, err)

	seen := map[string]User{}
	for _, u := range users {
		_, dup := seen[u.UserID]
		require.False(t, dup, "member %s yielded twice", u.UserID)
		seen[u.UserID] = u
	}
	assert.Len(t, users, 3000+4) // and the four seeded members
	assert.Equal(t, 2, srv.Calls("/cgi-bin/export/get_result"), "processing, then done")
	assert.Equal(t, 4, srv.Calls(wecomtest.ExportFilePath), "3004 members in files of 1000")

	u := seen["u01234"]
	assert.Equal(t, "成员1234", u.Name)
	assert.Equal(t, "13900001234", u.Mobile)
	assert.Equal(t, "Engineer", u.Position)
	assert.Equal(t, []int64{wecomtest.DeptRD}, u.Department)
	want, ok := srv.User(wecomtest.DefaultCorpID, "zhangsan")
	require.True(t, ok)
	z := seen["zhangsan"]
	assert.Equal(t, want.Name, z.Name)
	assert.Equal(t, want.Alias, z.Alias)
	assert.Equal(t, want.BizMail, z.BizMail)
	assert.Equal(t, want.Telephone, z.Telephone)
	assert.Equal(t, UserGender(want.Gender), z.Gender)
	assert.Equal(t, want.IsLeaderInDept, z.IsLeaderInDept)
	assert.Equal(t, UserStatus(want.Status), z.Status)
}

// TestExportOtherKindsRoundTrip: members, departments and tag members.
func TestExportOtherKindsRoundTrip(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	addExportUsers(t, srv, 25)
	require.NoError(t, srv.AddTag(wecomtest.DefaultCorpID, 7, "乒乓球协会", "u00003", "u00004", "zhangsan"))
	srv.SetExportPartRows(10)
	c := exportClient(t, srv)
	ctx := t.Context()
	start := ExportRequest{EncodingAESKey: exportTestKey}

	jobID, err := c.Export.SimpleUsers(ctx, start)
	require.NoError(t, err)
	simple, err := collect(c.Export.ReadSimpleUsers(ctx, readReq(jobID)))
	require.NoError(t, err)
	require.Len(t, simple, 29)
	assert.Contains(t, simple, SimpleUser{UserID: "u00007", Name: "成员7", Department: []int64{wecomtest.DeptRD}})

	jobID, err = c.Export.Departments(ctx, start)
	require.NoError(t, err)
	depts, err := collect(c.Export.ReadDepartments(ctx, readReq(jobID)))
	require.NoError(t, err)
	require.Len(t, depts, 3)
	assert.Equal(t, Department{ID: wecomtest.DeptRD, Name: "R&D", NameEn: "R&D", ParentID: wecomtest.DeptRoot, Order: 100,
		DepartmentLeader: []string{"zhangsan"}}, depts[1])

	jobID, err = c.Export.TagUsers(ctx, 7, start)
	require.NoError(t, err)
	members, err := collect(c.Export.ReadTagMembers(ctx, readReq(jobID)))
	require.NoError(t, err)
	assert.Equal(t, []ExportTagMember{
		{TagName: "乒乓球协会", UserID: "u00003", Name: "成员3"},
		{TagName: "乒乓球协会", UserID: "u00004", Name: "成员4"},
		{TagName: "乒乓球协会", UserID: "zhangsan", Name: "张三"},
	}, members)
}

// TestExportWrongKey: files read with another key than the job's fail
// with ErrExportDecrypt, which names neither key.
func TestExportWrongKey(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	c := exportClient(t, srv)
	jobID, err := c.Export.Users(t.Context(), ExportRequest{EncodingAESKey: exportTestKey})
	require.NoError(t, err)
	req := readReq(jobID)
	req.EncodingAESKey = otherExportKey
	rows, err := collect(c.Export.ReadUsers(t.Context(), req))
	require.ErrorIs(t, err, ErrExportDecrypt)
	assert.Empty(t, rows)
	assert.NotContains(t, err.Error(), otherExportKey)
	assert.NotContains(t, err.Error(), exportTestKey)
	assert.NotContains(t, err.Error(), srv.URL())
}

// TestExportPartFailures: a 5xx on a file is retried before any of it is
// read, without a row twice; a file that keeps failing, or whose URL has
// expired, ends the sequence with ErrExportDownload.
func TestExportPartFailures(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv := wecomtest.NewTestServer(t, wecomtest.WithClock(clock))
	addExportUsers(t, srv, 30)
	srv.SetExportPartRows(10)
	c := exportClient(t, srv)
	ctx := t.Context()
	jobID, err := c.Export.SimpleUsers(ctx, ExportRequest{EncodingAESKey: exportTestKey})
	require.NoError(t, err)

	require.NoError(t, srv.FailNextStatus(wecomtest.ExportFilePath, http.StatusInternalServerError))
	rows, err := collect(c.Export.ReadSimpleUsers(ctx, readReq(jobID)))
	require.NoError(t, err)
	assert.Len(t, rows, 34)

	for range 3 {
		require.NoError(t, srv.FailNextStatus(wecomtest.ExportFilePath, http.StatusBadGateway))
	}
	calls := srv.Calls(wecomtest.ExportFilePath)
	rows, err = collect(c.Export.ReadSimpleUsers(ctx, readReq(jobID)))
	require.ErrorIs(t, err, ErrExportDownload)
	assert.Contains(t, err.Error(), "502")
	assert.Contains(t, err.Error(), "file 1 of 4")
	assert.Empty(t, rows)
	assert.Equal(t, calls+3, srv.Calls(wecomtest.ExportFilePath), "three attempts, then no other file")

	mu.Lock()
	now = now.Add(2*time.Hour + time.Second)
	mu.Unlock()
	_, err = collect(c.Export.ReadSimpleUsers(ctx, readReq(jobID)))
	require.ErrorIs(t, err, ErrExportDownload)
	assert.Contains(t, err.Error(), "errcode 40058")
}

// TestExportBreakStopsDownloads: a loop that breaks downloads no further
// file.
func TestExportBreakStopsDownloads(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	addExportUsers(t, srv, 30)
	srv.SetExportPartRows(10)
	c := exportClient(t, srv)
	jobID, err := c.Export.SimpleUsers(t.Context(), ExportRequest{EncodingAESKey: exportTestKey})
	require.NoError(t, err)
	n := 0
	for _, err := range c.Export.ReadSimpleUsers(t.Context(), readReq(jobID)) {
		require.NoError(t, err)
		n++
		if n == 12 {
			break
		}
	}
	assert.Equal(t, 12, n)
	assert.Equal(t, 2, srv.Calls(wecomtest.ExportFilePath))
}

// doneResult polls the job until it is done and returns its files.
func doneResult(t *testing.T, c *Client, jobID string) []ExportFile {
	t.Helper()
	for range 3 {
		res, err := c.Export.Result(t.Context(), jobID)
		require.NoError(t, err)
		if res.Status == ExportDone {
			return res.Files
		}
	}
	t.Fatal("the job is not done")
	return nil
}

// TestExportIntegrity: a file whose size or MD5 differs from the
// announced one fails with ErrExportIntegrity.
func TestExportIntegrity(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	c := exportClient(t, srv)
	jobID, err := c.Export.Users(t.Context(), ExportRequest{EncodingAESKey: exportTestKey})
	require.NoError(t, err)
	files := doneResult(t, c, jobID)
	require.Len(t, files, 1)

	for name, f := range map[string]ExportFile{
		"md5":  {URL: files[0].URL, Size: files[0].Size, MD5: strings.Repeat("0", 32)},
		"size": {URL: files[0].URL, Size: files[0].Size + 32, MD5: files[0].MD5},
	} {
		srv.Handle("/cgi-bin/export/get_result", func(*http.Request, []byte) (any, error) {
			return map[string]any{"status": 2, "data_list": []ExportFile{f}}, nil
		})
		_, err := collect(c.Export.ReadUsers(t.Context(), readReq(jobID)))
		require.ErrorIs(t, err, ErrExportIntegrity, name)
	}

	// The announced values as the fake gives them are met; an MD5 that is
	// not 32 hex digits (the documentation's "xxxxxxxxx") is not checked.
	srv.Handle("/cgi-bin/export/get_result", func(*http.Request, []byte) (any, error) {
		return map[string]any{"status": "2", "data_list": []map[string]any{{"url": files[0].URL, "size": "", "md5": "xxxxxxxxx"}}}, nil
	})
	users, err := collect(c.Export.ReadUsers(t.Context(), readReq(jobID)))
	require.NoError(t, err)
	assert.Len(t, users, 4)
}

// TestExportJobStates: status 3 is ErrExportFailed; an unknown job is
// WeCom's errcode; a cancelled context ends the polling.
func TestExportJobStates(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	c := exportClient(t, srv)

	_, err := collect(c.Export.ReadUsers(t.Context(), readReq("jobid_unknown")))
	require.ErrorIs(t, err, wecom.ErrJobIDNotFound)

	srv.Handle("/cgi-bin/export/get_result", func(*http.Request, []byte) (any, error) {
		return `{"errcode":0,"errmsg":"ok","status":3}`, nil
	})
	_, err = collect(c.Export.ReadUsers(t.Context(), readReq("jobid_x")))
	require.ErrorIs(t, err, ErrExportFailed)

	srv.Handle("/cgi-bin/export/get_result", func(*http.Request, []byte) (any, error) {
		return `{"errcode":0,"errmsg":"ok","status":1}`, nil
	})
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	_, err = collect(c.Export.ReadUsers(ctx, readReq("jobid_x")))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.GreaterOrEqual(t, srv.Calls("/cgi-bin/export/get_result"), 3)
}

// TestExportReadInvalid: a bad request calls nothing.
func TestExportReadInvalid(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	c := exportClient(t, srv)
	for name, req := range map[string]ExportReadRequest{
		"no job":       {EncodingAESKey: exportTestKey},
		"short key":    {JobID: "j", EncodingAESKey: "abc"},
		"bad key":      {JobID: "j", EncodingAESKey: strings.Repeat("+", 43)},
		"negative max": {JobID: "j", EncodingAESKey: exportTestKey, MaxFileSize: -1},
	} {
		_, err := collect(c.Export.ReadDepartments(t.Context(), req))
		require.ErrorIs(t, err, ErrInvalidExport, name)
	}
	_, err := c.Export.Users(t.Context(), ExportRequest{EncodingAESKey: "tooshort"})
	require.ErrorIs(t, err, ErrInvalidExport)
	assert.Zero(t, srv.Calls("/cgi-bin/export/get_result")+srv.Calls("/cgi-bin/export/user"))
}

// TestExportRequestsHideKey: neither request prints or logs its key;
// ExportReadRequest does not marshal it either (ExportRequest must: it is
// the request body).
func TestExportRequestsHideKey(t *testing.T) {
	redacttest.AssertHidden(t, ExportReadRequest{JobID: "j", EncodingAESKey: exportTestKey}, exportTestKey, "IJUiXNpv")
	r := ExportRequest{EncodingAESKey: exportTestKey, BlockSize: 10}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q"} {
		assert.NotContains(t, fmt.Sprintf(verb, r), "IJUiXNpv", verb)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "req", r)
	assert.NotContains(t, buf.String(), "IJUiXNpv")
	assert.Contains(t, buf.String(), `"block_size":10`)
}

// encryptExport encrypts plain as WeCom does (see exportEncrypt in
// wecomtest), with pad bytes of value padByte (0: the right ones).
func encryptExport(t testing.TB, key string, plain []byte, padByte byte) []byte {
	t.Helper()
	k, err := exportKey(key)
	require.NoError(t, err)
	block, err := aes.NewCipher(k)
	require.NoError(t, err)
	pad := exportPad - len(plain)%exportPad
	out := append(bytes.Clone(plain), bytes.Repeat([]byte{byte(pad)}, pad)...)
	if padByte != 0 {
		out[len(out)-1] = padByte
	}
	cipher.NewCBCEncrypter(block, k[:aes.BlockSize]).CryptBlocks(out, out)
	return out
}

// readUsersFrom decrypts and parses one file as ReadUsers does.
func readUsersFrom(r io.Reader, key string) ([]User, error) {
	k, err := exportKey(key)
	if err != nil {
		return nil, err
	}
	d, err := newExportDecrypter(r, k)
	if err != nil {
		return nil, err
	}
	var users []User
	err = parseExportList[User]("userlist")(newExportParser(d), func(u User, err error) bool {
		users = append(users, u)
		return true
	})
	return users, err
}

// TestExportDecryptFile: the decrypter and parser on files made here,
// read whole, in small pieces and served as Base64 text; and their
// failures.
func TestExportDecryptFile(t *testing.T) {
	plain := []byte(`{"userlist": [{"userid": "zhangsan", "name": "李四", "department": [1, 2], "order": [1, 2],
		"position": "后台工程师", "mobile": "13800000000", "gender": "1", "email": "zhangsan@gzdev.com"},
		{"userid": "lisi", "department": ["3"], "order": "", "status": "1", "main_department": "3"}], "other": {"a": [1]}}` + "\n")
	file := encryptExport(t, exportTestKey, plain, 0)
	want := []User{
		{UserID: "zhangsan", Name: "李四", Department: []int64{1, 2}, Order: []int64{1, 2}, Position: "后台工程师",
			Mobile: "13800000000", Gender: "1", Email: "zhangsan@gzdev.com"},
		{UserID: "lisi", Department: []int64{3}, Status: 1, MainDepartment: 3},
	}
	for name, r := range map[string]io.Reader{
		"whole":  bytes.NewReader(file),
		"bytes":  iotest.OneByteReader(bytes.NewReader(file)),
		"base64": strings.NewReader(base64.StdEncoding.EncodeToString(file)),
	} {
		users, err := readUsersFrom(r, exportTestKey)
		require.NoError(t, err, name)
		assert.Equal(t, want, users, name)
	}

	for name, tc := range map[string]struct {
		file []byte
		want error
	}{
		"empty":           {nil, ErrExportDecrypt},
		"partial block":   {file[:len(file)-5], ErrExportDecrypt},
		"bad padding":     {encryptExport(t, exportTestKey, plain, 33), ErrExportDecrypt},
		"zero padding":    {encryptExport(t, exportTestKey, plain, 0xff), ErrExportDecrypt},
		"wrong key":       {encryptExport(t, otherExportKey, plain, 0), ErrExportDecrypt},
		"garbage JSON":    {encryptExport(t, exportTestKey, []byte(`{"userlist": [nope]}`), 0), ErrExportContent},
		"cut JSON":        {encryptExport(t, exportTestKey, []byte(`{"userlist": [{"userid": "a"}`), 0), ErrExportContent},
		"array":           {encryptExport(t, exportTestKey, []byte(`[1, 2]`), 0), ErrExportContent},
		"trailing data":   {encryptExport(t, exportTestKey, []byte(`{"userlist": []} {}`), 0), ErrExportContent},
		"list not array":  {encryptExport(t, exportTestKey, []byte(`{"userlist": {"userid": "a"}}`), 0), ErrExportContent},
		"row not object":  {encryptExport(t, exportTestKey, []byte(`{"userlist": ["a"]}`), 0), ErrExportContent},
		"read error":      {nil, io.ErrClosedPipe},    // and ErrExportDownload
		"truncated block": {file[:len(file)-32], nil}, // either error: see below
	} {
		var r io.Reader = bytes.NewReader(tc.file)
		if name == "read error" {
			r = iotest.ErrReader(io.ErrClosedPipe)
		}
		_, err := readUsersFrom(r, exportTestKey)
		require.Error(t, err, name)
		if tc.want != nil {
			assert.ErrorIs(t, err, tc.want, name)
		} else {
			assert.True(t, errors.Is(err, ErrExportDecrypt) || errors.Is(err, ErrExportContent), "%s: %v", name, err)
		}
	}
}

// TestExportMaxFileSize: a file announced or served larger than the limit
// is not read.
func TestExportMaxFileSize(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	addExportUsers(t, srv, 20)
	c := exportClient(t, srv)
	jobID, err := c.Export.Users(t.Context(), ExportRequest{EncodingAESKey: exportTestKey})
	require.NoError(t, err)
	files := doneResult(t, c, jobID)
	req := readReq(jobID)
	req.MaxFileSize = files[0].Size - 1
	_, err = collect(c.Export.ReadUsers(t.Context(), req))
	require.ErrorIs(t, err, ErrExportDownload)
	assert.Contains(t, err.Error(), "MaxFileSize")

	// Announced without a size: the served length is checked.
	srv.Handle("/cgi-bin/export/get_result", func(*http.Request, []byte) (any, error) {
		return map[string]any{"status": 2, "data_list": []map[string]any{{"url": files[0].URL}}}, nil
	})
	_, err = collect(c.Export.ReadUsers(t.Context(), req))
	require.ErrorIs(t, err, ErrExportDownload)
	req.MaxFileSize = 0
	users, err := collect(c.Export.ReadUsers(t.Context(), req))
	require.NoError(t, err)
	assert.Len(t, users, 24)
}
