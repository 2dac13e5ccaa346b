package work

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
)

// exportBenchFile is an export/user file of n members as WeCom sends
// them (user/list's fields), encrypted with the sample key.
func exportBenchFile(b *testing.B, n int) []byte {
	b.Helper()
	var plain bytes.Buffer
	plain.WriteString(`{"userlist":[`)
	for i := range n {
		if i > 0 {
			plain.WriteByte(',')
		}
		u := map[string]any{
			"userid": fmt.Sprintf("user%05d", i), "name": fmt.Sprintf("成员%d", i), "department": []int{1, 2},
			"order": []int{0, 10}, "position": "后台工程师", "mobile": fmt.Sprintf("139%08d", i), "gender": "1",
			"email": fmt.Sprintf("user%05d@example.com", i), "biz_mail": fmt.Sprintf("user%05d@corp.example.com", i),
			"is_leader_in_dept": []int{0, 0}, "direct_leader": []string{"zhangsan"}, "avatar": "https://wework.qpic.cn/wwhead/x/0",
			"thumb_avatar": "https://wework.qpic.cn/wwhead/x/100", "telephone": "020-123456", "alias": "jack",
			"status": 1, "address": "广州市海珠区新港中路", "main_department": 1, "open_userid": "woAJ2GCAAAXtWyujaWJHDDGi0mACH71w",
			"extattr": map[string]any{"attrs": []any{map[string]any{"type": 0, "name": "文本名称", "text": map[string]string{"value": "文本"}}}},
		}
		j, err := json.Marshal(u)
		if err != nil {
			b.Fatal(err)
		}
		plain.Write(j)
	}
	plain.WriteString(`]}`)
	return encryptExport(b, exportTestKey, plain.Bytes(), 0)
}

// BenchmarkExportDecryptParse: decrypt and parse one 10,000-member
// export/user file (about 6 MB), as ReadUsers does after the download.
// peak-heap-B is the most heap in use, above the file itself, sampled
// after a GC every 1,000 members of one extra pass.
func BenchmarkExportDecryptParse(b *testing.B) {
	const n = 10_000
	file := exportBenchFile(b, n)
	key, err := exportKey(exportTestKey)
	if err != nil {
		b.Fatal(err)
	}
	parse := parseExportList[User]("userlist")
	run := func(each func(i int)) {
		d, err := newExportDecrypter(bytes.NewReader(file), key)
		if err != nil {
			b.Fatal(err)
		}
		i := 0
		err = parse(newExportParser(d), func(u User, err error) bool {
			if err != nil || u.UserID == "" {
				b.Fatalf("row %d: %v", i, err)
			}
			if each != nil {
				each(i)
			}
			i++
			return true
		})
		if err != nil || i != n {
			b.Fatalf("%d rows, %v", i, err)
		}
	}

	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, uint64(0)
	run(func(i int) {
		if i%1000 == 999 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	})

	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		run(nil)
	}
	b.ReportMetric(float64(peak-base), "peak-heap-B")
	b.ReportMetric(float64(len(file)), "file-B")
}
