// Package arch holds the test of heshi's import rules: the top level reads
// as the architecture, and imports run one way. It is a test only.
package arch

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/heshi-verify/heshi"

// rule forbids the packages matching from (and, when deep, everything they
// import from this module) to import any package with one of the prefixes
// in deny.
type rule struct {
	name string
	from func(pkg string) bool
	deep bool
	deny []string
}

func under(prefixes ...string) func(string) bool {
	return func(pkg string) bool {
		for _, p := range prefixes {
			if pkg == p || strings.HasPrefix(pkg, p+"/") {
				return true
			}
		}
		return false
	}
}

func is(pkgs ...string) func(string) bool {
	return func(pkg string) bool { return slices.Contains(pkgs, pkg) }
}

func not(f func(string) bool) func(string) bool { return func(p string) bool { return !f(p) } }

var rules = []rule{
	{name: "the domain imports no database driver and no job queue", from: is("pipeline"), deep: true,
		deny: []string{"github.com/jackc/pgx", "github.com/riverqueue", "database/sql", "net/http"}},
	{name: "the domain imports none of its adapters", from: is("pipeline"), deep: true,
		deny: []string{module + "/pipeline/", module + "/web", module + "/workers", module + "/samples", module + "/cmd", module + "/migrations"}},
	{name: "River stays behind workers (and the migrations that create its tables)",
		from: not(under("workers", "migrations")), deny: []string{"github.com/riverqueue"}},
	{name: "the web reaches the database only through the store",
		from: under("web"), deny: []string{"github.com/jackc/pgx"}},
	{name: "reading documents knows nothing of orders, stores or queues",
		from: under("evidence"), deny: []string{module + "/pipeline", module + "/web", module + "/workers", module + "/samples", "github.com/jackc/pgx", "github.com/riverqueue"}},
	{name: "the OCR engine (cgo, ONNX Runtime) runs only in the sandbox's children and the accuracy tool (the tests check it is installed)",
		from: not(under("evidence/ocr", "evidence/sandbox", "cmd/heshi", "internal/testenv")), deny: []string{module + "/evidence/ocr", "github.com/yalue/onnxruntime_go"}},
	{name: "adapters do not import the web or the command",
		from: under("pipeline", "workers", "evidence", "samples", "migrations"), deny: []string{module + "/web", module + "/cmd"}},
}

// packages returns every package of the module (relative path → imports,
// tests excluded).
func packages(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "var" || name == "bin" || name == "node_modules") {
			return filepath.SkipDir
		}
		p, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel(root, path)
		out[filepath.ToSlash(rel)] = p.Imports
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportRules(t *testing.T) {
	pkgs := packages(t)
	if len(pkgs) < 10 || pkgs["pipeline"] == nil {
		t.Fatalf("found %d packages (pipeline: %v): is the test run from internal/arch?", len(pkgs), pkgs["pipeline"] != nil)
	}
	for _, v := range violations(pkgs) {
		t.Error(v)
	}
}

// violations lists every import that breaks a rule, sorted.
func violations(pkgs map[string][]string) []string {
	var out []string
	for _, r := range rules {
		for pkg := range pkgs {
			if !r.from(pkg) {
				continue
			}
			for _, via := range reach(pkgs, pkg, r.deep) {
				for _, imp := range pkgs[via] {
					for _, d := range r.deny {
						if imp == d || strings.HasPrefix(imp, d) {
							out = append(out, r.name+": "+via+" imports "+imp)
						}
					}
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// reach returns pkg and, when deep, every package of the module it imports
// directly or indirectly.
func reach(pkgs map[string][]string, pkg string, deep bool) []string {
	if !deep {
		return []string{pkg}
	}
	seen := map[string]bool{pkg: true}
	out := []string{pkg}
	for i := 0; i < len(out); i++ {
		for _, imp := range pkgs[out[i]] {
			rel, ok := strings.CutPrefix(imp, module+"/")
			if ok && !seen[rel] {
				seen[rel] = true
				out = append(out, rel)
			}
		}
	}
	return out
}

// TestRulesBite checks that the rules catch what they forbid.
func TestRulesBite(t *testing.T) {
	pkgs := map[string][]string{
		"pipeline":        {module + "/evidence"},
		"evidence":        {"github.com/jackc/pgx/v5"},
		"web":             {"github.com/riverqueue/river"},
		"workers":         {"github.com/riverqueue/river"},
		"pipeline/report": {},
	}
	broken := violations(pkgs)
	want := []string{
		"River stays behind workers (and the migrations that create its tables): web imports github.com/riverqueue/river",
		"reading documents knows nothing of orders, stores or queues: evidence imports github.com/jackc/pgx/v5",
		"the domain imports no database driver and no job queue: evidence imports github.com/jackc/pgx/v5",
	}
	if !slices.Equal(broken, want) {
		t.Errorf("rules found\n%s\nwant\n%s", strings.Join(broken, "\n"), strings.Join(want, "\n"))
	}
}
