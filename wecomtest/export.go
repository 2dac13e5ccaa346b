package wecomtest

// 异步导出 (export/*): a job snapshots the corp's directory when it starts,
// reports "processing" on its first export/get_result and "done" from then
// on, with the result split into files of block_size rows, each encrypted
// as the documentation says (AES-256-CBC with the caller's encoding_aeskey,
// IV the key's first 16 bytes, PKCS#7 padding to a multiple of 32 bytes)
// and served as raw bytes on the fake's own URL (ExportFilePath) until two
// hours after the job was first reported done (by the fake's clock).

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strconv"
	"time"
)

// ExportFilePath is the path the fake serves export result files on; the
// URLs of export/get_result point there. Inject a failure on it like on
// any path: s.FailNextStatus(wecomtest.ExportFilePath, 500).
const ExportFilePath = "/wecomtest/export/file"

// exportURLLifetime is how long result URLs work (page 94854: 有效期2个小时).
const exportURLLifetime = 2 * time.Hour

// Block sizes of page 94849: [10^4, 10^6], default 10^6.
const (
	exportMinBlock     = 10_000
	exportDefaultBlock = 1_000_000
)

// codeExportJobNotFound answers an unknown jobid (40088, jobid不存在).
const codeExportJobNotFound = 40088

// exportRoutes are the export/* paths the fake models (see routes).
var exportRoutes = map[string]route{
	"/cgi-bin/export/simple_user": {method: mPOST, auth: authCorp, handle: (*Server).exportSimpleUser},
	"/cgi-bin/export/user":        {method: mPOST, auth: authCorp, handle: (*Server).exportUser},
	"/cgi-bin/export/department":  {method: mPOST, auth: authCorp, handle: (*Server).exportDepartment},
	"/cgi-bin/export/taguser":     {method: mPOST, auth: authCorp, handle: (*Server).exportTagUser},
	"/cgi-bin/export/get_result":  {method: mGET, auth: authCorp, handle: (*Server).exportGetResult},
	ExportFilePath:                {method: mGET, handle: (*Server).exportFile},
}

// exportModel is the export jobs of a Server, guarded by its lock.
type exportModel struct {
	jobs     map[string]*exportJob
	seq      int
	partRows int // SetExportPartRows; 0: block_size
}

type exportJob struct {
	id     string
	corpID string
	polls  int
	doneAt time.Time // first reported done
	files  [][]byte  // ciphertexts
}

// SetExportPartRows makes the export jobs started from now on split their
// result into files of at most rows rows (members, departments, or tag
// members plus departments), whatever block_size asks, so that a test
// sees several files without tens of thousands of members; 0 restores
// block_size (10^4 to 10^6 rows per file).
func (s *Server) SetExportPartRows(rows int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.export.partRows = max(rows, 0)
}

// exportStart is the body of the four export requests.
type exportStart struct {
	Key       string  `json:"encoding_aeskey"`
	BlockSize flexInt `json:"block_size"`
	TagID     flexInt `json:"tagid"`
}

// exportBegin decodes an export request, checks its key and returns the
// key and the rows per file.
func (s *Server) exportBegin(c *call, in *exportStart) ([]byte, int, error) {
	if err := decodeBody(c.body, in); err != nil {
		return nil, 0, err
	}
	key, ok := exportKey(in.Key)
	if !ok {
		return nil, 0, invalidParam("invalid encoding_aeskey: want 43 characters of [A-Za-z0-9]")
	}
	rows := int(in.BlockSize)
	switch {
	case rows == 0:
		rows = exportDefaultBlock
	case rows < exportMinBlock:
		rows = exportMinBlock
	case rows > exportDefaultBlock:
		rows = exportDefaultBlock
	}
	if s.export.partRows > 0 {
		rows = s.export.partRows
	}
	return key, rows, nil
}

// exportKey decodes an encoding_aeskey: Base64_Decode(key + "=").
func exportKey(s string) ([]byte, bool) {
	if len(s) != 43 {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return nil, false
		}
	}
	key, err := base64.StdEncoding.DecodeString(s + "=")
	return key, err == nil && len(key) == 32
}

// exportContent is what a job exports: the keys of head in every file,
// then items under listKey and, for a tag, parties under partylist.
type exportContent struct {
	head           obj
	listKey        string
	items, parties []any
}

// exportStartJob serves the four export requests: it checks the request,
// snapshots what content returns and starts the job.
func (s *Server) exportStartJob(c *call, content func(in exportStart) (exportContent, error)) (any, error) {
	var in exportStart
	key, rows, err := s.exportBegin(c, &in)
	if err != nil {
		return nil, err
	}
	e, err := content(in)
	if err != nil {
		return nil, err
	}
	return s.exportJobStarted(c, key, exportFiles(rows, e.head, e.listKey, e.items, e.parties))
}

// anyList maps xs to the rows of an export file.
func anyList[T any](xs []T, row func(T) any) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = row(x)
	}
	return out
}

// exportSimpleUser serves POST /cgi-bin/export/simple_user: userlist as
// user/simplelist gives it.
func (s *Server) exportSimpleUser(c *call) (any, error) {
	return s.exportStartJob(c, func(exportStart) (exportContent, error) {
		return exportContent{listKey: "userlist", items: anyList(c.corp.sortedUsers(), func(u *User) any {
			item := obj{"userid": u.UserID, "name": u.Name, "department": u.Department}
			if u.OpenUserID != "" {
				item["open_userid"] = u.OpenUserID
			}
			return item
		})}, nil
	})
}

// exportUser serves POST /cgi-bin/export/user: userlist as user/list gives
// it.
func (s *Server) exportUser(c *call) (any, error) {
	return s.exportStartJob(c, func(exportStart) (exportContent, error) {
		return exportContent{listKey: "userlist", items: anyList(c.corp.sortedUsers(), func(u *User) any { return u.clone() })}, nil
	})
}

// exportDepartment serves POST /cgi-bin/export/department: department as
// department/list gives it.
func (s *Server) exportDepartment(c *call) (any, error) {
	return s.exportStartJob(c, func(exportStart) (exportContent, error) {
		return exportContent{listKey: "department", items: anyList(c.corp.sortedDepts(), func(d *Department) any { return *d })}, nil
	})
}

// exportTagUser serves POST /cgi-bin/export/taguser: tagname, userlist and
// partylist as tag/get gives them; block_size counts members and
// departments together.
func (s *Server) exportTagUser(c *call) (any, error) {
	return s.exportStartJob(c, func(in exportStart) (exportContent, error) {
		t, err := c.requireTag(int64(in.TagID))
		if err != nil {
			return exportContent{}, err
		}
		users := anyList(t.users, func(id string) any {
			name := ""
			if u := c.corp.user(id); u != nil {
				name = u.Name
			}
			return obj{"userid": id, "name": name}
		})
		return exportContent{head: obj{"tagname": t.name}, listKey: "userlist", items: users,
			parties: anyList(t.parties, func(p int64) any { return p })}, nil
	})
}

// exportFiles splits items, then parties (the partylist of a tag export),
// into JSON objects of at most rows entries each, every one with the keys
// of head. There is always one file, empty for an empty directory.
func exportFiles(rows int, head obj, listKey string, items, parties []any) [][]byte {
	all := len(items) + len(parties)
	var files [][]byte
	for start := 0; start < all || start == 0; start += rows {
		end := min(start+rows, all)
		var buf bytes.Buffer
		buf.WriteByte('{')
		for k, v := range head {
			b, _ := json.Marshal(k)
			buf.Write(b)
			buf.WriteByte(':')
			b, _ = json.Marshal(v)
			buf.Write(b)
			buf.WriteByte(',')
		}
		writeList := func(key string, list []any) {
			b, _ := json.Marshal(key)
			buf.Write(b)
			buf.WriteString(":[")
			for i, v := range list {
				if i > 0 {
					buf.WriteByte(',')
				}
				b, _ := json.Marshal(v)
				buf.Write(b)
			}
			buf.WriteByte(']')
		}
		writeList(listKey, items[min(start, len(items)):min(end, len(items))])
		if parties != nil {
			buf.WriteByte(',')
			writeList("partylist", parties[max(start-len(items), 0):max(end-len(items), 0)])
		}
		buf.WriteByte('}')
		files = append(files, buf.Bytes())
		if end >= all {
			break
		}
	}
	return files
}

// exportJobStarted encrypts the files of a new job and answers its id.
func (s *Server) exportJobStarted(c *call, key []byte, plain [][]byte) (any, error) {
	m := &s.export
	if m.jobs == nil {
		m.jobs = map[string]*exportJob{}
	}
	m.seq++
	job := &exportJob{id: "jobid_wecomtest_export_" + strconv.Itoa(m.seq), corpID: c.corp.id}
	for _, p := range plain {
		job.files = append(job.files, exportEncrypt(key, p))
	}
	m.jobs[job.id] = job
	return obj{"jobid": job.id}, nil
}

// exportEncrypt encrypts an export file: PKCS#7 padding to a multiple of
// 32 bytes, AES-256-CBC with the IV the key's first 16 bytes.
func exportEncrypt(key, plain []byte) []byte {
	block, err := aes.NewCipher(key)
	if err != nil { // unreachable: exportKey returns 32 bytes
		panic(err)
	}
	pad := 32 - len(plain)%32
	out := make([]byte, len(plain)+pad)
	copy(out, plain)
	for i := len(plain); i < len(out); i++ {
		out[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(block, key[:aes.BlockSize]).CryptBlocks(out, out)
	return out
}

// exportGetResult serves GET /cgi-bin/export/get_result: status 1 on a
// job's first call, then 2 with its files. Only the corp that started a
// job may read it.
func (s *Server) exportGetResult(c *call) (any, error) {
	id := c.query.Get("jobid")
	if id == "" {
		return nil, invalidParam("jobid missing")
	}
	job := s.export.jobs[id]
	if job == nil || job.corpID != c.corp.id {
		return nil, errf(codeExportJobNotFound, "jobid not found")
	}
	job.polls++
	if job.polls == 1 {
		return obj{"status": 1, "data_list": []any{}}, nil
	}
	if job.doneAt.IsZero() {
		job.doneAt = s.now()
	}
	list := make([]obj, len(job.files))
	for i, f := range job.files {
		sum := md5.Sum(f)
		q := url.Values{"jobid": {job.id}, "part": {strconv.Itoa(i)}}
		list[i] = obj{"url": s.URL() + ExportFilePath + "?" + q.Encode(), "size": len(f), "md5": hex.EncodeToString(sum[:])}
	}
	return obj{"status": 2, "data_list": list}, nil
}

// exportFile serves a result file (GET ExportFilePath?jobid=&part=) as
// raw bytes, without a credential, as a CDN would. An unknown file, or one
// whose URL has expired, is answered with a JSON errcode (40088, 40058)
// instead of the file: the fake's choice, as the pages do not say what an
// expired URL answers.
func (s *Server) exportFile(c *call) (any, error) {
	job := s.export.jobs[c.query.Get("jobid")]
	part, err := strconv.Atoi(c.query.Get("part"))
	if job == nil || job.doneAt.IsZero() || err != nil || part < 0 || part >= len(job.files) {
		return nil, errf(codeExportJobNotFound, "export file not found")
	}
	if s.now().After(job.doneAt.Add(exportURLLifetime)) {
		return nil, invalidParam("export file url expired")
	}
	return &fileResult{name: job.id + "_" + strconv.Itoa(part), contentType: "application/octet-stream", data: job.files[part]}, nil
}
