package answers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeTree writes files (path → content) under a new module root.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return root
}

const workSource = `package work

const pathRuleList = "/cgi-bin/externalcontact/get_intercept_rule_list"
`

const workTables = `package work

const okReply = ` + "`" + `{"errcode":0,"errmsg":"ok"}` + "`" + `

var base = "/cgi-bin/"

func helper(path string) docCase { return docCase{path: path, reply: okReply} }

func cases() []docCase {
	ec := base + "externalcontact/"
	cases := []docCase{
		{page: 1, path: pathRuleList},
		{name: "Create with options", path: ec + "add", sample: "ec/add_variant"},
		{path: ec + "add", sample: "ec/add"},
		{path: ec + "del", reply: okReply},
		{path: "/cgi-bin/nothing"},
		{path: "/cgi-bin/computed", sample: fmt.Sprint("x"), reply: okReply},
	}
	for _, sc := range []struct{ kind string }{{kind: "a"}, {kind: "b"}} {
		p := ec + sc.kind + "/"
		cases = append(cases, docCase{path: p + "get", sample: "ec/" + sc.kind})
	}
	kinds := map[string]int{"m1": 1, "m2": 2}
	for kind := range kinds {
		cases = append(cases, docCase{name: "map " + kind, path: ec + "map", sample: "ec/" + kind})
	}
	t.Run("x", func(t *testing.T) {
		ec := "/shadowed/"
		_ = []docCase{{path: ec + "x", reply: ` + "`" + `{"x":1}` + "`" + `}}
	})
	return append(cases, helper("/cgi-bin/by/helper"))
}
`

func TestBuildReadsTheTables(t *testing.T) {
	root := writeTree(t, map[string]string{
		"work/source.go":         workSource,
		"work/tables_test.go":    workTables,
		"work/unrelated_test.go": "package work\n\nvar _ = apiCase{path: \"/cgi-bin/not/a/doc/case\", reply: `{}`}\n",
		"work/testdata/docs/externalcontact/get_intercept_rule_list.response.json": "{\n  \"errcode\": 0, // ok\n  \"rule_list\": [{\"rule_id\": \"r\",},]\n}\n",
		"work/testdata/docs/ec/add.response.json":                                  `{"errcode":0,"which":"plain"}`,
		"work/testdata/docs/ec/add_variant.response.json":                          `{"errcode":0,"which":"variant"}`,
		"work/testdata/docs/ec/a.response.json":                                    `{"kind":"a"}`,
		"work/testdata/docs/ec/b.response.json":                                    `{"kind":"b"}`,
		"work/testdata/docs/ec/m2.response.json":                                   `{"kind":"m2"}`,
		"openwork/tables_test.go": "package openwork\n\nfunc docCases() []docCase {\n\tconst lp = \"/cgi-bin/license/\"\n\treturn []docCase{\n" +
			"\t\t{name: \"License.Cancel\", path: lp + \"cancel_order\"},\n" +
			"\t\t{name: \"License.Get\", path: lp + \"get_order\", response: \"license/get_order.response.json\"},\n\t}\n}\n",
		"openwork/testdata/docs/license/get_order.response.json": `{"order": {"id": "o1"}}`,
	})
	res, err := Build(root)
	require.NoError(t, err)
	got := map[string]string{}
	for path, raw := range res.Map() {
		got[path] = string(raw)
	}
	assert.Equal(t, map[string]string{
		"/cgi-bin/externalcontact/get_intercept_rule_list": `{"errcode":0,"rule_list":[{"rule_id":"r"}]}`,
		"/cgi-bin/externalcontact/add":                     `{"errcode":0,"which":"plain"}`,
		"/cgi-bin/externalcontact/del":                     `{"errcode":0,"errmsg":"ok"}`,
		"/cgi-bin/externalcontact/a/get":                   `{"kind":"a"}`,
		"/cgi-bin/externalcontact/b/get":                   `{"kind":"b"}`,
		"/shadowed/x":                                      `{"x":1}`,
		"/cgi-bin/license/cancel_order":                    `{"errcode":0,"errmsg":"ok"}`,
		"/cgi-bin/license/get_order":                       `{"order":{"id":"o1"}}`,
		"/cgi-bin/computed":                                `{"errcode":0,"errmsg":"ok"}`,
		"/cgi-bin/externalcontact/map":                     `{"kind":"m2"}`, // ranging over the map named kinds
	}, got, "/cgi-bin/nothing has no answer; apiCase is no docCase")
	require.Len(t, res.Unread, 2)
	assert.Equal(t, []string{
		"work/tables_test.go:17: /cgi-bin/computed: sample not a string constant",
		"work/tables_test.go:7: path not a string constant", // the helper's parameter is unknown
	}, res.Unread)

	src, err := Source(res)
	require.NoError(t, err)
	var back map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(src, &back))
	assert.Len(t, back, len(got))
	again, err := Build(root)
	require.NoError(t, err)
	src2, err := Source(again)
	require.NoError(t, err)
	assert.Equal(t, string(src), string(src2), "deterministic")
	assert.True(t, strings.HasPrefix(string(src),
		"{\n  \"/cgi-bin/computed\": {\"errcode\":0,\"errmsg\":\"ok\"},\n  \"/cgi-bin/externalcontact/a/get\": {\"kind\":\"a\"},\n"),
		"sorted, one path a line:\n%s", src)
}

// The plain case wins over its variants whatever their order in the file.
func TestBetterPrefersPlainFileCases(t *testing.T) {
	file := candidate{Answer: Answer{JSON: json.RawMessage(`{"a":1}`)}, fromFile: true, plain: false, name: "z variant"}
	plain := candidate{Answer: Answer{JSON: json.RawMessage(`{"a":2}`)}, fromFile: true, plain: true, name: "z"}
	reply := candidate{Answer: Answer{JSON: json.RawMessage(`{"a":3}`)}, plain: true}
	assert.Negative(t, better(plain, file))
	assert.Positive(t, better(file, plain))
	assert.Negative(t, better(file, reply), "a sample file before a literal reply")
	assert.Zero(t, better(plain, plain))
	own := plain
	own.ownFile, own.name = true, "zz"
	assert.Negative(t, better(own, plain), "the sample named after the path first")
}

func TestSourceOfNothing(t *testing.T) {
	src, err := Source(Result{})
	require.NoError(t, err)
	assert.Equal(t, "{\n}\n", string(src))
}
