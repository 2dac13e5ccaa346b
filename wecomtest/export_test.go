package wecomtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exportKeySample is the request sample's key (page 94849).
const exportKeySample = "IJUiXNpvGbODwKEBSEsAeOAPAhkqHqNCF6g19t9wfg2"

// exportDecrypt decrypts a result file as page 94849 describes it,
// independently of export.go: AESKey = Base64_Decode(key + "="),
// AES-256-CBC, IV the key's first 16 bytes, PKCS#7 padding to 32 bytes.
func exportDecrypt(t *testing.T, key string, file []byte) []byte {
	t.Helper()
	k, err := base64.StdEncoding.DecodeString(key + "=")
	require.NoError(t, err)
	require.Len(t, k, 32)
	require.Zero(t, len(file)%32, "a whole number of 32-byte blocks")
	block, err := aes.NewCipher(k)
	require.NoError(t, err)
	out := make([]byte, len(file))
	cipher.NewCBCDecrypter(block, k[:16]).CryptBlocks(out, file)
	pad := int(out[len(out)-1])
	require.True(t, pad >= 1 && pad <= 32, "pad %d", pad)
	require.Equal(t, bytes.Repeat([]byte{byte(pad)}, pad), out[len(out)-pad:])
	return out[:len(out)-pad]
}

// exportFiles polls get_result until the job is done, checks that the
// first answer says "processing", and downloads, verifies and decrypts
// every file.
func exportResultFiles(t *testing.T, s *Server, q url.Values, jobID, key string) []map[string]json.RawMessage {
	t.Helper()
	a := get(t, s, "/cgi-bin/export/get_result", with(q, "jobid", jobID))
	require.Equal(t, 0, a.code(t), "%v", a)
	require.EqualValues(t, 1, a["status"], "processing first")
	a = get(t, s, "/cgi-bin/export/get_result", with(q, "jobid", jobID))
	require.EqualValues(t, 2, a["status"])
	var list []struct {
		URL  string `json:"url"`
		Size int    `json:"size"`
		MD5  string `json:"md5"`
	}
	remarshal(t, a["data_list"], &list)
	var files []map[string]json.RawMessage
	for _, f := range list {
		require.True(t, strings.HasPrefix(f.URL, s.URL()+ExportFilePath+"?"), f.URL)
		resp, err := s.Client().Get(f.URL) // no credential
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, "application/octet-stream", resp.Header.Get("Content-Type"))
		require.Len(t, body, f.Size)
		sum := md5.Sum(body)
		require.Equal(t, hex.EncodeToString(sum[:]), f.MD5)
		var doc map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(exportDecrypt(t, key, body), &doc))
		files = append(files, doc)
	}
	return files
}

func exportList[T any](t *testing.T, doc map[string]json.RawMessage, key string) []T {
	t.Helper()
	var v []T
	require.NoError(t, json.Unmarshal(doc[key], &v), key)
	return v
}

// TestExportSimpleUserBlocks: block_size splits the members into files
// of that many (10^4 at least), each with the keys of user/simplelist.
func TestExportSimpleUserBlocks(t *testing.T) {
	s := newTestServer(t)
	s.mu.Lock() // AddUser's checks are quadratic over ten thousand members
	for i := range 10_000 - 3 {
		id := fmt.Sprintf("m%05d", i)
		s.corps[DefaultCorpID].users[id] = &User{UserID: id, Name: "M", Department: []int64{DeptSales}, Status: 1}
	}
	s.mu.Unlock()
	q := appToken(t, s)
	a := post(t, s, "/cgi-bin/export/simple_user", q, map[string]any{"encoding_aeskey": exportKeySample, "block_size": 100})
	require.Equal(t, 0, a.code(t), "%v", a)
	files := exportResultFiles(t, s, q, a.str("jobid"), exportKeySample)
	require.Len(t, files, 2, "10001 members in blocks of 10^4 (100 is raised to the minimum)")
	type row struct {
		UserID     string  `json:"userid"`
		Name       string  `json:"name"`
		Department []int64 `json:"department"`
	}
	first, second := exportList[row](t, files[0], "userlist"), exportList[row](t, files[1], "userlist")
	assert.Len(t, first, 10_000)
	assert.Len(t, second, 1)
	assert.Contains(t, first, row{UserID: "zhangsan", Name: "张三", Department: []int64{DeptRD}})
}

// TestExportUserDepartmentTag: the other exports have the keys of
// user/list, department/list and tag/get.
func TestExportUserDepartmentTag(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	start := func(path string, body map[string]any) string {
		body["encoding_aeskey"] = exportKeySample
		a := post(t, s, path, q, body)
		require.Equal(t, 0, a.code(t), "%v", a)
		return a.str("jobid")
	}

	files := exportResultFiles(t, s, q, start("/cgi-bin/export/user", map[string]any{}), exportKeySample)
	require.Len(t, files, 1)
	var users []User
	remarshal(t, files[0]["userlist"], &users)
	want, _ := s.User(DefaultCorpID, "lisi")
	assert.Contains(t, users, want)

	files = exportResultFiles(t, s, q, start("/cgi-bin/export/department", map[string]any{}), exportKeySample)
	depts := exportList[Department](t, files[0], "department")
	require.Len(t, depts, 3)
	assert.Equal(t, Department{ID: DeptRD, Name: "R&D", NameEn: "R&D", ParentID: DeptRoot, Order: 100, DepartmentLeader: []string{"zhangsan"}}, depts[1])

	require.NoError(t, s.AddTag(DefaultCorpID, 9, "乒乓球协会", "zhangsan", "lisi", "wangwu"))
	a := post(t, s, "/cgi-bin/tag/addtagusers", q, map[string]any{"tagid": 9, "partylist": []int{DeptSales}})
	require.Equal(t, 0, a.code(t), "%v", a)
	s.SetExportPartRows(2)
	files = exportResultFiles(t, s, q, start("/cgi-bin/export/taguser", map[string]any{"tagid": 9}), exportKeySample)
	require.Len(t, files, 2, "3 members and 1 department in files of 2")
	type member struct {
		UserID string `json:"userid"`
		Name   string `json:"name"`
	}
	assert.JSONEq(t, `"乒乓球协会"`, string(files[0]["tagname"]))
	assert.Equal(t, []member{{"zhangsan", "张三"}, {"lisi", "李四"}}, exportList[member](t, files[0], "userlist"))
	assert.Empty(t, exportList[int64](t, files[0], "partylist"))
	assert.Equal(t, []member{{"wangwu", "王五"}}, exportList[member](t, files[1], "userlist"))
	assert.Equal(t, []int64{DeptSales}, exportList[int64](t, files[1], "partylist"))
}

// TestExportErrors: a bad key or tag, an unknown job or one of another
// corp, a file asked for before the job is done or after its URL expired.
func TestExportErrors(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	var mu sync.Mutex
	s := newTestServer(t, WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
	q := appToken(t, s)

	a := post(t, s, "/cgi-bin/export/user", q, map[string]any{"encoding_aeskey": "short"})
	assert.Equal(t, codeInvalidParameter, a.code(t))
	a = post(t, s, "/cgi-bin/export/taguser", q, map[string]any{"encoding_aeskey": exportKeySample, "tagid": 404})
	assert.Equal(t, codeInvalidTagID, a.code(t))
	a = get(t, s, "/cgi-bin/export/get_result", with(q, "jobid", "jobid_nope"))
	assert.Equal(t, codeExportJobNotFound, a.code(t))

	a = post(t, s, "/cgi-bin/export/department", q, map[string]any{"encoding_aeskey": exportKeySample})
	require.Equal(t, 0, a.code(t))
	jobID := a.str("jobid")
	file := s.URL() + ExportFilePath + "?" + url.Values{"jobid": {jobID}, "part": {"0"}}.Encode()
	a = get(t, s, ExportFilePath, url.Values{"jobid": {jobID}, "part": {"0"}})
	assert.Equal(t, codeExportJobNotFound, a.code(t), "not done yet")

	require.NoError(t, s.AddCorp("wwother", "Other"))
	require.NoError(t, s.AddApp("wwother", 1000009, "other-secret"))
	other := url.Values{"access_token": {accessToken(t, s, "wwother", "other-secret")}}
	a = get(t, s, "/cgi-bin/export/get_result", with(other, "jobid", jobID))
	assert.Equal(t, codeExportJobNotFound, a.code(t), "another corp's job")

	exportResultFiles(t, s, q, jobID, exportKeySample)
	require.NoError(t, s.FailNextStatus(ExportFilePath, http.StatusServiceUnavailable))
	resp, err := s.Client().Get(file)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)

	mu.Lock()
	now = now.Add(2*time.Hour + time.Second)
	mu.Unlock()
	a = get(t, s, ExportFilePath, url.Values{"jobid": {jobID}, "part": {"0"}})
	assert.Equal(t, codeInvalidParameter, a.code(t), "expired")
}
