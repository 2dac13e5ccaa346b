// Package methodtable reads the SDK's sources and lists, for every exported
// method that calls exactly one WeCom endpoint, the name a user calls it by
// ("User.Get", "Suite.PermanentCode", "OAuth.UserFromCode") and the path it
// calls ("/cgi-bin/user/get"). wecomtest's generated method table comes from
// it, and a test checks that the table is still what the sources say.
package methodtable

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Root is a type whose methods users call: Prefix + method name, and for
// each field of Root holding a pointer to a type of the package, Prefix +
// field name + "." + method name.
type Root struct {
	Type   string
	Prefix string
}

// Package is one directory of the SDK and its roots.
type Package struct {
	Dir   string // relative to the module root
	Roots []Root
}

// Packages are the sources read, with the names users call them by.
var Packages = []Package{
	{Dir: "work", Roots: []Root{{Type: "Client", Prefix: ""}}},
	{Dir: "openwork", Roots: []Root{{Type: "Provider", Prefix: "Provider."}, {Type: "Suite", Prefix: "Suite."}}},
	{Dir: "oauth", Roots: []Root{
		{Type: "Client", Prefix: "OAuth."},
		{Type: "SuiteClient", Prefix: "Suite.OAuth."},
		{Type: "ProviderClient", Prefix: "Provider.Login."},
	}},
}

// pkgInfo is what one package's sources say.
type pkgInfo struct {
	all     map[string]*pkgInfo                 // every package read, by directory name
	consts  map[string]string                   // package-level string constants
	methods map[string]map[string]*ast.FuncDecl // receiver type → method → decl
	funcs   map[string]*ast.FuncDecl            // package-level functions
	structs map[string]*ast.StructType
}

// Build reads the packages under moduleRoot and returns name → path.
func Build(moduleRoot string) (map[string]string, error) {
	out := map[string]string{}
	all := map[string]*pkgInfo{}
	for _, p := range Packages {
		info, err := load(filepath.Join(moduleRoot, p.Dir))
		if err != nil {
			return nil, err
		}
		info.all = all
		all[p.Dir] = info
	}
	for _, p := range Packages {
		info := all[p.Dir]
		for _, r := range p.Roots {
			info.addRoot(out, r.Type, r.Prefix)
			st := info.structs[r.Type]
			if st == nil {
				return nil, fmt.Errorf("methodtable: %s: no struct %s", p.Dir, r.Type)
			}
			for _, f := range st.Fields.List {
				star, ok := f.Type.(*ast.StarExpr)
				if !ok {
					continue
				}
				id, ok := star.X.(*ast.Ident)
				if !ok || info.methods[id.Name] == nil {
					continue
				}
				for _, n := range f.Names {
					if n.IsExported() {
						info.addRoot(out, id.Name, r.Prefix+n.Name+".")
					}
				}
			}
		}
	}
	return out, nil
}

func load(dir string) (*pkgInfo, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	info := &pkgInfo{consts: map[string]string{}, methods: map[string]map[string]*ast.FuncDecl{},
		funcs: map[string]*ast.FuncDecl{}, structs: map[string]*ast.StructType{}}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				info.addGenDecl(d)
			case *ast.FuncDecl:
				if d.Recv == nil {
					info.funcs[d.Name.Name] = d
					continue
				}
				recv := receiverType(d.Recv.List[0].Type)
				if info.methods[recv] == nil {
					info.methods[recv] = map[string]*ast.FuncDecl{}
				}
				info.methods[recv][d.Name.Name] = d
			}
		}
	}
	return info, nil
}

func (info *pkgInfo) addGenDecl(d *ast.GenDecl) {
	for _, spec := range d.Specs {
		switch s := spec.(type) {
		case *ast.ValueSpec:
			if d.Tok != token.CONST {
				continue
			}
			for i, n := range s.Names {
				if i < len(s.Values) {
					if v, ok := stringLit(s.Values[i]); ok {
						info.consts[n.Name] = v
					}
				}
			}
		case *ast.TypeSpec:
			if st, ok := s.Type.(*ast.StructType); ok {
				info.structs[s.Name.Name] = st
			}
		}
	}
}

func receiverType(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if ix, ok := e.(*ast.IndexExpr); ok {
		e = ix.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(lit.Value)
	return v, err == nil
}

// addRoot adds the exported methods of typ calling exactly one endpoint.
func (info *pkgInfo) addRoot(out map[string]string, typ, prefix string) {
	for name, decl := range info.methods[typ] {
		if !ast.IsExported(name) {
			continue
		}
		paths := map[string]bool{}
		info.collect(decl, typ, paths, map[*ast.FuncDecl]bool{})
		if len(paths) == 1 {
			for p := range paths {
				out[prefix+name] = p
			}
		}
	}
}

// collect adds the endpoint paths decl names, directly or through the
// methods of the same receiver and the package functions it calls.
func (info *pkgInfo) collect(decl *ast.FuncDecl, typ string, paths map[string]bool, seen map[*ast.FuncDecl]bool) {
	if decl == nil || decl.Body == nil || seen[decl] {
		return
	}
	seen[decl] = true
	recvName := ""
	if decl.Recv != nil && len(decl.Recv.List[0].Names) > 0 {
		recvName = decl.Recv.List[0].Names[0].Name
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if v, ok := stringLit(n); ok {
				addPath(paths, v)
			}
		case *ast.Ident:
			if v, ok := info.consts[n.Name]; ok {
				addPath(paths, v)
			}
		case *ast.CallExpr:
			switch fun := n.Fun.(type) {
			case *ast.Ident:
				info.collect(info.funcs[fun.Name], typ, paths, seen)
			case *ast.IndexExpr: // generic function
				if id, ok := fun.X.(*ast.Ident); ok {
					info.collect(info.funcs[id.Name], typ, paths, seen)
				}
			case *ast.SelectorExpr:
				if id, ok := fun.X.(*ast.Ident); ok && id.Name == recvName && recvName != "" {
					info.collect(info.methods[typ][fun.Sel.Name], typ, paths, seen)
				}
				// recv.field.Method(...) with a field of another package
				// read here (openwork's Provider.LoginInfo calling its
				// oauth.ProviderClient).
				if inner, ok := fun.X.(*ast.SelectorExpr); ok {
					if id, ok := inner.X.(*ast.Ident); ok && id.Name == recvName && recvName != "" {
						if pkg, t := info.fieldType(typ, inner.Sel.Name); pkg != nil {
							pkg.collect(pkg.methods[t][fun.Sel.Name], t, paths, seen)
						}
					}
				}
			}
		}
		return true
	})
}

// fieldType returns the package and type of field name of struct typ when
// it is a pointer to a type of another package read here.
func (info *pkgInfo) fieldType(typ, name string) (*pkgInfo, string) {
	st := info.structs[typ]
	if st == nil {
		return nil, ""
	}
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name != name {
				continue
			}
			star, ok := f.Type.(*ast.StarExpr)
			if !ok {
				return nil, ""
			}
			sel, ok := star.X.(*ast.SelectorExpr)
			if !ok {
				return nil, ""
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok || info.all[pkg.Name] == nil {
				return nil, ""
			}
			return info.all[pkg.Name], sel.Sel.Name
		}
	}
	return nil, ""
}

func addPath(paths map[string]bool, v string) {
	if !strings.HasPrefix(v, "/cgi-bin/") {
		return
	}
	v, _, _ = strings.Cut(v, "?")
	if len(v) > len("/cgi-bin/") && !strings.HasSuffix(v, "/") {
		paths[v] = true
	}
}

// Source renders the table as the gofmt'd Go file wecomtest compiles.
func Source(table map[string]string) ([]byte, error) {
	names := make([]string, 0, len(table))
	for n := range table {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteString("// Code generated by go run ./internal/genmethods; DO NOT EDIT.\n\n")
	b.WriteString("package wecomtest\n\n")
	b.WriteString("// methodPaths maps the name a user calls an SDK method by to the one\n")
	b.WriteString("// endpoint it calls, read from the SDK's sources.\n")
	b.WriteString("var methodPaths = map[string]string{\n")
	for _, n := range names {
		fmt.Fprintf(&b, "\t%q: %q,\n", n, table[n])
	}
	b.WriteString("}\n")
	return format.Source([]byte(b.String()))
}
