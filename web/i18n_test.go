package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/pipeline"
)

// TestCatalogueComplete fails on a key a page or handler asks the
// catalogue for that it lacks (T returns the bare key then, and the room
// shows "notes" instead of 提示), and on a key with either language empty.
// Literal keys are found in the templates and the Go sources; keys built
// from a prefix are checked for every value they can take.
func TestCatalogueComplete(t *testing.T) {
	t.Parallel()
	want := map[string]string{} // key → where it is asked for
	tmplKey := regexp.MustCompile(`Lang\.T "([^"]+)"`)
	goKey := regexp.MustCompile(`\.T\("([^"]+)"\)`)
	fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range tmplKey.FindAllStringSubmatch(string(b), -1) {
			want[m[1]] = path
		}
		return nil
	})
	gos, _ := filepath.Glob("*.go")
	for _, p := range gos {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goKey.FindAllStringSubmatch(string(b), -1) {
			want[m[1]] = p
		}
	}
	for _, s := range []pipeline.DocState{pipeline.DocMissing, pipeline.DocReading, pipeline.DocRead, pipeline.DocUnreadable} {
		want["doc."+string(s)] = "DocState"
	}
	for _, d := range []pipeline.Decision{pipeline.DecisionApprove, pipeline.DecisionReject, pipeline.DecisionRequestDocument} {
		want["decided."+string(d)] = "Decision"
	}
	for _, k := range []string{"invoice_number", "tracking_number", "payment_serial", "payment_receipt", "file"} {
		want["identifier."+k] = "Identifier.Kind"
	}
	for _, r := range []pipeline.Role{pipeline.RoleSupplier, pipeline.RoleOperator, pipeline.RoleAssessor, pipeline.RoleAdmin} {
		want["role."+string(r)] = "Role"
	}
	if len(want) < 100 {
		t.Fatalf("found only %d keys: the search is broken", len(want))
	}
	for k, where := range want {
		m, ok := messages[k]
		switch {
		case !ok:
			t.Errorf("%s asks for %q, which the catalogue lacks", where, k)
		case m[0] == "" || m[1] == "":
			t.Errorf("%q lacks its Chinese or English", k)
		}
	}
}
