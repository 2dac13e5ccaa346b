package work

// The decrypted file contents of page 94854 (testdata/docs/export/file),
// encrypted here as page 94849 describes, served over HTTP with the size
// and MD5 get_result announces, and read through Read*: every documented
// field reaches the caller.

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/wecomtest"
)

// serveExportFiles serves files at /0, /1... of a loopback server and
// makes the fake's get_result announce them, done, with their size and
// MD5. It returns the jobid to read.
func serveExportFiles(t *testing.T, srv *wecomtest.Server, files ...[]byte) string {
	t.Helper()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		if err != nil || i < 0 || i >= len(files) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(files[i])
	}))
	t.Cleanup(hs.Close)
	list := make([]ExportFile, len(files))
	for i, f := range files {
		sum := md5.Sum(f)
		list[i] = ExportFile{URL: hs.URL + "/" + strconv.Itoa(i), Size: int64(len(f)), MD5: hex.EncodeToString(sum[:])}
	}
	srv.Handle("/cgi-bin/export/get_result", func(*http.Request, []byte) (any, error) {
		return map[string]any{"status": 2, "data_list": list}, nil
	})
	return "jobid_doc"
}

// docFile reads a file content sample and encrypts it with the sample key.
func docFile(t *testing.T, name string) []byte {
	t.Helper()
	plain, err := os.ReadFile("testdata/docs/export/file/" + name)
	require.NoError(t, err)
	return encryptExport(t, exportTestKey, plain, 0)
}

func TestExportFileDocSamples(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	c := exportClient(t, srv)
	ctx := t.Context()

	// 94854 成员, two files.
	job := serveExportFiles(t, srv, docFile(t, "simple_user.json"), docFile(t, "simple_user.json"))
	simple, err := collect(c.Export.ReadSimpleUsers(ctx, readReq(job)))
	require.NoError(t, err)
	one := []SimpleUser{
		{UserID: "zhangsan", Name: "张三", Department: []int64{1, 2}, OpenUserID: "xxxxxx"},
		{UserID: "lisi", Name: "李四", Department: []int64{1, 2}, OpenUserID: "xxxxxx"},
	}
	assert.Equal(t, append(one, one...), simple)

	// 94854 成员详情.
	job = serveExportFiles(t, srv, docFile(t, "user.json"))
	users, err := collect(c.Export.ReadUsers(ctx, readReq(job)))
	require.NoError(t, err)
	assert.Equal(t, []User{{UserID: "zhangsan", Name: "李四", Department: []int64{1, 2}, Order: []int64{1, 2},
		Position: "后台工程师", Mobile: "13800000000", Gender: UserGender("1"), Email: "zhangsan@gzdev.com"}}, users)

	// 94854 部门.
	job = serveExportFiles(t, srv, docFile(t, "department.json"))
	depts, err := collect(c.Export.ReadDepartments(ctx, readReq(job)))
	require.NoError(t, err)
	assert.Equal(t, []Department{
		{ID: 2, Name: "广州研发中心", NameEn: "RDGZ", ParentID: 1, Order: 10},
		{ID: 3, Name: "邮箱产品部", NameEn: "mail", ParentID: 2, Order: 40},
	}, depts)

	// 94854 标签成员.
	job = serveExportFiles(t, srv, docFile(t, "taguser.json"))
	members, err := collect(c.Export.ReadTagMembers(ctx, readReq(job)))
	require.NoError(t, err)
	assert.Equal(t, []ExportTagMember{
		{TagName: "乒乓球协会", UserID: "zhangsan", Name: "李四"},
		{TagName: "乒乓球协会", DepartmentID: 2},
	}, members)
}

// TestExportServedFailures: an HTTP 500 that persists, a file cut short
// by the server (size announced) and a file served as Base64 text.
func TestExportServedFailures(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	c := exportClient(t, srv)
	ctx := t.Context()
	file := docFile(t, "user.json")

	job := serveExportFiles(t, srv, file)
	files := []ExportFile{{URL: "", Size: 1}}
	srv.Handle("/cgi-bin/export/get_result", func(*http.Request, []byte) (any, error) {
		return map[string]any{"status": 2, "data_list": files}, nil
	})
	_, err := collect(c.Export.ReadUsers(ctx, readReq(job)))
	require.ErrorIs(t, err, ErrExportDownload, "no url")

	var calls atomic.Int32
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		switch r.URL.Path {
		case "/500":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "/short": // announces the whole file, sends half of it
			w.Header().Set("Content-Length", strconv.Itoa(len(file)))
			_, _ = w.Write(file[:len(file)/2])
		case "/b64":
			_, _ = w.Write([]byte(base64Lines(file)))
		}
	}))
	defer hs.Close()

	files = []ExportFile{{URL: hs.URL + "/500"}}
	_, err = collect(c.Export.ReadUsers(ctx, readReq(job)))
	require.ErrorIs(t, err, ErrExportDownload)
	assert.Contains(t, err.Error(), "HTTP status 500")
	assert.EqualValues(t, 3, calls.Load(), "a 5xx before the file is read is retried (MaxAttempts 3)")
	assert.NotContains(t, err.Error(), hs.URL)

	files = []ExportFile{{URL: hs.URL + "/short", Size: int64(len(file))}}
	_, err = collect(c.Export.ReadUsers(ctx, readReq(job)))
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrExportDownload, "unexpected EOF")

	files = []ExportFile{{URL: hs.URL + "/b64"}}
	users, err := collect(c.Export.ReadUsers(ctx, readReq(job)))
	require.NoError(t, err)
	assert.Equal(t, "zhangsan", users[0].UserID)
}

// base64Lines encodes b as Base64 text in lines of 76 characters.
func base64Lines(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 76 {
		out.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	out.WriteString(s + "\n")
	return out.String()
}

// TestExportTimeouts: the client's timeout bounds each wait for the
// network, not the time the caller spends on the rows, and cuts a file
// whose server stops sending.
func TestExportTimeouts(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	addExportUsers(t, srv, 400) // a file of several 32 KiB chunks
	c := exportClient(t, srv, wecom.WithTimeout(100*time.Millisecond))
	ctx := t.Context()
	jobID, err := c.Export.Users(ctx, ExportRequest{EncodingAESKey: exportTestKey})
	require.NoError(t, err)
	n := 0
	for _, err := range c.Export.ReadUsers(ctx, readReq(jobID)) {
		require.NoError(t, err)
		if n == 0 {
			time.Sleep(250 * time.Millisecond) // a slow consumer
		}
		n++
	}
	assert.Equal(t, 404, n)

	file := docFile(t, "user.json")
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(file)))
		_, _ = w.Write(file[:32])
		w.(http.Flusher).Flush()
		select { // a server that stops sending
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer hs.Close()
	srv.Handle("/cgi-bin/export/get_result", func(*http.Request, []byte) (any, error) {
		return map[string]any{"status": 2, "data_list": []ExportFile{{URL: hs.URL + "/stall"}}}, nil
	})
	start := time.Now()
	_, err = collect(c.Export.ReadUsers(ctx, readReq(jobID)))
	require.ErrorIs(t, err, ErrExportDownload)
	assert.Contains(t, err.Error(), "no data for the client's timeout")
	assert.Less(t, time.Since(start), 3*time.Second)
}

// TestExportResume: a download cut off in the middle resumes where it
// stopped, with a Range request answered 206, or 200 with the whole file
// (whose first bytes are then dropped); no member is read twice.
func TestExportResume(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	addExportUsers(t, srv, 600)
	c := exportClient(t, srv)
	ctx := t.Context()
	jobID, err := c.Export.Users(ctx, ExportRequest{EncodingAESKey: exportTestKey})
	require.NoError(t, err)
	files := doneResult(t, c, jobID)
	require.Len(t, files, 1)
	resp, err := srv.Client().Get(files[0].URL)
	require.NoError(t, err)
	file, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Greater(t, len(file), 3*exportChunk, "the cut comes after rows were yielded")

	for _, honourRange := range []bool{true, false} {
		var mu sync.Mutex
		var ranges []string
		hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			ranges = append(ranges, r.Header.Get("Range"))
			first := len(ranges) == 1
			mu.Unlock()
			w.Header().Set("Content-Type", "application/octet-stream")
			if first { // send two thirds, then drop the connection
				w.Header().Set("Content-Length", strconv.Itoa(len(file)))
				_, _ = w.Write(file[:2*len(file)/3])
				w.(http.Flusher).Flush()
				panic(http.ErrAbortHandler)
			}
			if !honourRange {
				r.Header.Del("Range")
			}
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(file))
		}))
		announced := ExportFile{URL: hs.URL + "/f", Size: files[0].Size, MD5: files[0].MD5}
		srv.Handle("/cgi-bin/export/get_result", func(*http.Request, []byte) (any, error) {
			return map[string]any{"status": 2, "data_list": []ExportFile{announced}}, nil
		})
		users, err := collect(c.Export.ReadUsers(ctx, readReq(jobID)))
		hs.Close()
		require.NoError(t, err, "range honoured: %v", honourRange)
		require.Len(t, users, 604)
		seen := map[string]bool{}
		for _, u := range users {
			require.False(t, seen[u.UserID], u.UserID)
			seen[u.UserID] = true
		}
		require.Len(t, ranges, 2)
		assert.Empty(t, ranges[0])
		assert.Regexp(t, `^bytes=\d+-$`, ranges[1])
	}
}
