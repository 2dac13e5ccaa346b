// Package answers reads the SDK's documentation-sample tests and lists, for
// every path they test, the answer the path's documentation page shows:
// wecomtest answers the paths it does not model with it.
//
// The tables are the docCase literals of the test files of work and
// openwork (see work/docsample_test.go and openwork/docsample_test.go). They
// are read with go/ast, not run: a field is understood when it is a string
// literal, a string constant or variable of the package or of the enclosing
// function, a field of the element of a range over a composite literal, or a
// concatenation of those. A case's answer is its response sample file under
// testdata/docs, cleaned of the // comments and trailing commas some pages
// print; a case without one gives its literal reply instead, or, in
// openwork, the errcode-0 answer its runner gives a case naming none. The
// cases the reader cannot understand are listed in Result.Unread.
package answers

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Tables describes one package's docCase table.
type Tables struct {
	// Dir is the package directory, relative to the module root.
	Dir string
	// SampleField names the docCase field giving the response sample.
	SampleField string
	// SampleSuffix is appended to that field's value to name the file
	// under Dir/testdata/docs.
	SampleSuffix string
	// DefaultSample derives an empty sample field from the path, less its
	// "/cgi-bin/" prefix.
	DefaultSample bool
	// DefaultReply is the answer the package's runner gives a case with
	// neither a sample nor a reply ("": such a case answers nothing).
	DefaultReply string
}

// Sources are the tables read.
var Sources = []Tables{
	{Dir: "work", SampleField: "sample", SampleSuffix: ".response.json", DefaultSample: true},
	// openwork's runner answers {"errcode":0,"errmsg":"ok"} for a case
	// naming no answer: the pages of those calls show no other.
	{Dir: "openwork", SampleField: "response", DefaultReply: `{"errcode":0,"errmsg":"ok"}`},
}

// caseType is the name of the table's element type.
const caseType = "docCase"

// Answer is the documented answer of one path.
type Answer struct {
	Path string
	// JSON is the answer, compacted.
	JSON json.RawMessage
	// From names where it comes from: the sample file, relative to the
	// module root, or "reply of <case>" in the package's tests.
	From string
}

// Result is what the tables say.
type Result struct {
	// Answers holds one answer per path, sorted by path.
	Answers []Answer
	// Unread lists the cases whose path or answer could not be read, as
	// "<file>: <reason>", sorted.
	Unread []string
}

// Map returns the answers by path.
func (r Result) Map() map[string]json.RawMessage {
	m := make(map[string]json.RawMessage, len(r.Answers))
	for _, a := range r.Answers {
		m[a.Path] = a.JSON
	}
	return m
}

// candidate is one case that answers a path.
type candidate struct {
	Answer
	name     string
	fromFile bool
	plain    bool // unnamed, or named as a method ("Quota", "Suite.AuthInfo")
	ownFile  bool // the sample named after the path (work's default)
}

// Build reads the tables of Sources under moduleRoot.
func Build(moduleRoot string) (Result, error) {
	var res Result
	byPath := map[string][]candidate{}
	for _, src := range Sources {
		cands, unread, err := src.read(moduleRoot)
		if err != nil {
			return Result{}, err
		}
		res.Unread = append(res.Unread, unread...)
		for _, c := range cands {
			byPath[c.Path] = append(byPath[c.Path], c)
		}
	}
	for _, cands := range byPath {
		slices.SortFunc(cands, better)
		res.Answers = append(res.Answers, cands[0].Answer)
	}
	slices.SortFunc(res.Answers, func(a, b Answer) int { return strings.Compare(a.Path, b.Path) })
	slices.Sort(res.Unread)
	res.Unread = slices.Compact(res.Unread)
	return res, nil
}

// better orders the cases of one path, the one to answer with first: a
// response sample file before a literal reply, the plain case before its
// variants (named "X with Y" or "X/Y"), the sample named after the path
// before others, then by name and answer so that the choice never depends
// on the order of files or lines.
func better(a, b candidate) int {
	if a.fromFile != b.fromFile {
		if a.fromFile {
			return -1
		}
		return 1
	}
	if a.plain != b.plain {
		if a.plain {
			return -1
		}
		return 1
	}
	if a.ownFile != b.ownFile {
		if a.ownFile {
			return -1
		}
		return 1
	}
	return cmp.Or(strings.Compare(a.name, b.name), bytes.Compare(a.JSON, b.JSON), strings.Compare(a.From, b.From))
}

// Source renders the answers as wecomtest's docanswers_gen.json: one JSON
// object, one path a line, sorted by path.
func Source(res Result) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, a := range res.Answers {
		key, err := json.Marshal(a.Path)
		if err != nil {
			return nil, err
		}
		b.WriteString("  ")
		b.Write(key)
		b.WriteString(": ")
		b.Write(a.JSON)
		if i < len(res.Answers)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	if !json.Valid(b.Bytes()) {
		return nil, errors.New("answers: rendered table is not JSON")
	}
	return b.Bytes(), nil
}

// pkg is one package's parsed sources.
type pkg struct {
	src     Tables
	root    string
	fset    *token.FileSet
	decls   map[string]ast.Expr // package-level string constants and variables
	values  map[string]*string  // evaluated decls; nil: not a string
	pending map[string]bool     // being evaluated
	cands   []candidate
	unread  []string
}

func (src Tables) read(moduleRoot string) ([]candidate, []string, error) {
	dir := filepath.Join(moduleRoot, src.Dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("answers: %w", err)
	}
	p := &pkg{src: src, root: moduleRoot, fset: token.NewFileSet(), decls: map[string]ast.Expr{},
		values: map[string]*string{}, pending: map[string]bool{}}
	var tests []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(p.fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, fmt.Errorf("answers: %w", err)
		}
		if f.Name.Name != filepath.Base(src.Dir) && f.Name.Name != filepath.Base(src.Dir)+"_test" {
			continue
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && (g.Tok == token.CONST || g.Tok == token.VAR) {
				for _, spec := range g.Specs {
					vs := spec.(*ast.ValueSpec)
					if len(vs.Values) != len(vs.Names) {
						continue
					}
					for i, n := range vs.Names {
						p.decls[n.Name] = vs.Values[i]
					}
				}
			}
		}
		if strings.HasSuffix(name, "_test.go") {
			tests = append(tests, f)
		}
	}
	top := &env{p: p}
	for _, f := range tests {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Body != nil {
					p.visit(d.Body, params(top, d.Recv, d.Type))
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, v := range vs.Values {
							p.visit(v, top)
						}
					}
				}
			}
		}
	}
	return p.cands, p.unread, nil
}

// env holds the string values of a scope's names; a nil value hides an
// outer one whose value is unknown here.
type env struct {
	p      *pkg
	parent *env
	vals   map[string]*string
	lits   map[string]*ast.CompositeLit // names bound to a composite literal; nil hides
}

func (e *env) child() *env { return &env{p: e.p, parent: e} }

// set binds name to the string v (nil: unknown), hiding any outer
// binding, a composite literal's included.
func (e *env) set(name string, v *string) {
	if e.vals == nil {
		e.vals = map[string]*string{}
	}
	e.vals[name] = v
	e.setLit(name, nil)
}

func (e *env) setLit(name string, lit *ast.CompositeLit) {
	if e.lits == nil {
		e.lits = map[string]*ast.CompositeLit{}
	}
	e.lits[name] = lit
}

// literal returns the composite literal x is or names in scope.
func (e *env) literal(x ast.Expr) (*ast.CompositeLit, bool) {
	switch x := x.(type) {
	case *ast.CompositeLit:
		return x, true
	case *ast.Ident:
		for s := e; s != nil; s = s.parent {
			if lit, ok := s.lits[x.Name]; ok {
				return lit, lit != nil
			}
		}
	}
	return nil, false
}

func (e *env) lookup(name string) (string, bool) {
	for s := e; s != nil; s = s.parent {
		if v, ok := s.vals[name]; ok {
			if v == nil {
				return "", false
			}
			return *v, true
		}
	}
	return e.p.global(name)
}

// global evaluates a package-level constant or variable.
func (p *pkg) global(name string) (string, bool) {
	if v, ok := p.values[name]; ok {
		if v == nil {
			return "", false
		}
		return *v, true
	}
	x, ok := p.decls[name]
	if !ok || p.pending[name] {
		return "", false
	}
	p.pending[name] = true
	s, ok := (&env{p: p}).eval(x)
	delete(p.pending, name)
	if !ok {
		p.values[name] = nil
		return "", false
	}
	p.values[name] = &s
	return s, true
}

// eval returns the string value of x, if it is known.
func (e *env) eval(x ast.Expr) (string, bool) {
	switch x := x.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.Ident:
		return e.lookup(x.Name)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return e.lookup(id.Name + "." + x.Sel.Name)
		}
	case *ast.ParenExpr:
		return e.eval(x.X)
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		l, ok := e.eval(x.X)
		if !ok {
			return "", false
		}
		r, ok := e.eval(x.Y)
		return l + r, ok
	}
	return "", false
}

// visit walks n, recording the docCase literals it finds, with the string
// names bound in scope e.
func (p *pkg) visit(n ast.Node, e *env) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.BlockStmt:
			p.block(x.List, e.child())
			return false
		case *ast.CaseClause:
			for _, v := range x.List {
				p.visit(v, e)
			}
			p.block(x.Body, e.child())
			return false
		case *ast.CommClause:
			p.block(x.Body, e.child())
			return false
		case *ast.RangeStmt:
			p.rangeStmt(x, e)
			return false
		case *ast.FuncLit:
			p.visit(x.Body, params(e, nil, x.Type))
			return false
		case *ast.CompositeLit:
			return p.composite(x, e)
		}
		return true
	})
}

// params returns a scope below e where a function's receiver, parameters
// and results are unknown.
func params(e *env, recv *ast.FieldList, ft *ast.FuncType) *env {
	inner := e.child()
	for _, l := range []*ast.FieldList{recv, ft.Params, ft.Results} {
		if l == nil {
			continue
		}
		for _, f := range l.List {
			for _, n := range f.Names {
				inner.set(n.Name, nil)
			}
		}
	}
	return inner
}

// block visits statements in order, binding the names they assign.
func (p *pkg) block(list []ast.Stmt, e *env) {
	for _, s := range list {
		p.visit(s, e)
		switch s := s.(type) {
		case *ast.AssignStmt:
			for i, l := range s.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok || id.Name == "_" {
					continue
				}
				var v *string
				var lit *ast.CompositeLit
				if len(s.Rhs) == len(s.Lhs) && s.Tok != token.ADD_ASSIGN {
					if str, ok := e.eval(s.Rhs[i]); ok {
						v = &str
					}
					lit, _ = s.Rhs[i].(*ast.CompositeLit)
				}
				e.set(id.Name, v)
				e.setLit(id.Name, lit)
			}
		case *ast.DeclStmt:
			g, ok := s.Decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range g.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, id := range vs.Names {
					var v *string
					var lit *ast.CompositeLit
					if len(vs.Values) == len(vs.Names) {
						if str, ok := e.eval(vs.Values[i]); ok {
							v = &str
						}
						lit, _ = vs.Values[i].(*ast.CompositeLit)
					}
					e.set(id.Name, v)
					e.setLit(id.Name, lit)
				}
			}
		}
	}
}

// rangeStmt visits a loop's body once per element when it ranges over a
// composite literal (or a name bound to one), binding the element (a string) or its keyed string
// fields (elem.field), and a map's key; otherwise once, with the loop's
// names unknown.
func (p *pkg) rangeStmt(r *ast.RangeStmt, e *env) {
	p.visit(r.X, e)
	value, _ := r.Value.(*ast.Ident)
	key, _ := r.Key.(*ast.Ident)
	lit, ok := e.literal(r.X)
	if !ok || r.Tok != token.DEFINE {
		inner := e.child()
		for _, id := range []*ast.Ident{key, value} {
			if id != nil {
				inner.set(id.Name, nil)
			}
		}
		p.visit(r.Body, inner)
		return
	}
	for _, elt := range lit.Elts {
		inner := e.child()
		if key != nil {
			inner.set(key.Name, nil)
		}
		if kv, ok := elt.(*ast.KeyValueExpr); ok { // a map: key and value
			if s, ok := e.eval(kv.Key); ok && key != nil {
				inner.set(key.Name, &s)
			}
			elt = kv.Value
		}
		if value == nil {
			p.visit(r.Body, inner)
			continue
		}
		inner.set(value.Name, nil)
		if s, ok := e.eval(elt); ok {
			inner.set(value.Name, &s)
		}
		if cl, ok := elt.(*ast.CompositeLit); ok {
			for _, f := range cl.Elts {
				kv, ok := f.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				k, ok := kv.Key.(*ast.Ident)
				if !ok {
					continue
				}
				if s, ok := e.eval(kv.Value); ok {
					inner.set(value.Name+"."+k.Name, &s)
				}
			}
		}
		p.visit(r.Body, inner)
	}
}

// composite records x if it is a docCase or a []docCase, and reports
// whether to look inside it.
func (p *pkg) composite(x *ast.CompositeLit, e *env) bool {
	if isCaseType(x.Type) {
		p.record(x, e)
		return false
	}
	if at, ok := x.Type.(*ast.ArrayType); ok && isCaseType(at.Elt) {
		for _, elt := range x.Elts {
			if cl, ok := elt.(*ast.CompositeLit); ok && (cl.Type == nil || isCaseType(cl.Type)) {
				p.record(cl, e)
				continue
			}
			p.visit(elt, e)
		}
		return false
	}
	return true
}

func isCaseType(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == caseType
}

// record adds the case x.
func (p *pkg) record(x *ast.CompositeLit, e *env) {
	pos := p.fset.Position(x.Pos())
	where := filepath.ToSlash(filepath.Join(p.src.Dir, filepath.Base(pos.Filename)))
	fields := map[string]ast.Expr{}
	for _, f := range x.Elts {
		kv, ok := f.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok {
			fields[k.Name] = kv.Value
		}
		// Functions in the case (call, check) hold no cases, but may.
		p.visit(kv.Value, e)
	}
	str := func(name string) (string, bool) {
		x, ok := fields[name]
		if !ok {
			return "", true
		}
		return e.eval(x)
	}
	path, ok := str("path")
	if !ok || path == "" {
		p.unread = append(p.unread, fmt.Sprintf("%s:%d: path not a string constant", where, pos.Line))
		return
	}
	name, _ := str("name")
	sample, sampleOK := str(p.src.SampleField)
	if !sampleOK {
		p.unread = append(p.unread, fmt.Sprintf("%s:%d: %s: %s not a string constant", where, pos.Line, path, p.src.SampleField))
	}
	c := candidate{Answer: Answer{Path: path}, name: name}
	c.plain = name == "" || !strings.ContainsAny(name, " /")
	if p.src.DefaultSample && sampleOK {
		def := strings.TrimPrefix(path, "/cgi-bin/")
		if sample == "" {
			sample = def
		}
		c.ownFile = sample == def
	}
	if sampleOK && sample != "" {
		file := filepath.Join(p.root, p.src.Dir, "testdata", "docs", filepath.FromSlash(sample+p.src.SampleSuffix))
		b, err := os.ReadFile(file)
		switch {
		case err == nil:
			rel := filepath.ToSlash(filepath.Join(p.src.Dir, "testdata", "docs", filepath.FromSlash(sample+p.src.SampleSuffix)))
			if j, ok := compact(b); ok {
				c.JSON, c.From, c.fromFile = j, rel, true
				p.cands = append(p.cands, c)
				return
			}
			p.unread = append(p.unread, fmt.Sprintf("%s: not JSON once cleaned", rel))
		case !errors.Is(err, fs.ErrNotExist):
			p.unread = append(p.unread, fmt.Sprintf("%s:%d: %s: %v", where, pos.Line, path, err))
			return
		}
	}
	reply, ok := str("reply")
	from := "reply in " + where
	if ok && reply == "" {
		if p.src.DefaultReply == "" {
			return // no answer documented for this case
		}
		reply, from = p.src.DefaultReply, "default reply of "+p.src.Dir
	}
	if !ok {
		p.unread = append(p.unread, fmt.Sprintf("%s:%d: %s: reply not a string constant", where, pos.Line, path))
		return
	}
	j, ok := compact([]byte(reply))
	if !ok {
		p.unread = append(p.unread, fmt.Sprintf("%s:%d: %s: reply not JSON", where, pos.Line, path))
		return
	}
	c.JSON, c.From = j, from
	p.cands = append(p.cands, c)
}

// compact cleans a doc sample (// comments, trailing commas) and compacts
// it; it must be a JSON object.
func compact(b []byte) (json.RawMessage, bool) {
	b = clean(b)
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return nil, false
	}
	if out.Len() == 0 || out.Bytes()[0] != '{' {
		return nil, false
	}
	return out.Bytes(), true
}

// clean drops // comments outside strings and a comma before a closing
// bracket, which doc pages sometimes print in samples.
func clean(b []byte) []byte {
	out := make([]byte, 0, len(b))
	inString, escaped := false, false
	for i := 0; i < len(b); i++ {
		ch := b[i]
		if inString {
			out = append(out, ch)
			switch {
			case escaped:
				escaped = false
			case ch == '\\':
				escaped = true
			case ch == '"':
				inString = false
			}
			continue
		}
		switch {
		case ch == '"':
			inString = true
		case ch == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
			out = append(out, '\n')
			continue
		case ch == '}' || ch == ']':
			end := len(bytes.TrimRight(out, " \t\r\n"))
			if end > 0 && out[end-1] == ',' {
				out = out[:end-1]
			}
		}
		out = append(out, ch)
	}
	return out
}
