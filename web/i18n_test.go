package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
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
	tmplKey := regexp.MustCompile(`(?:Lang|\$l)\.T "([^"]+)"`)
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
		want["decision."+string(d)] = "Decision"
	}
	want["party.buyer"], want["party.supplier"], want["party.product"] = "master data change", "master data change", "master data change"
	for _, k := range []string{"invoice_number", "tracking_number", "payment_serial", "payment_receipt", "file"} {
		want["identifier."+k] = "Identifier.Kind"
	}
	for _, r := range []pipeline.Role{pipeline.RoleSupplier, pipeline.RoleOperator, pipeline.RoleAssessor, pipeline.RoleAdmin} {
		want["role."+string(r)] = "Role"
	}
	for _, r := range pipeline.Rules() {
		want["rule."+r.ID] = "pipeline.Rules"
	}
	for _, fields := range evidence.KindFields {
		for _, f := range fields {
			want["field."+f] = "evidence.KindFields"
		}
	}
	if len(want) < 100 {
		t.Fatalf("found only %d keys: the search is broken", len(want))
	}
	for k, where := range want {
		m, ok := messages[k]
		switch {
		case !ok:
			t.Errorf("%s asks for %q, which the catalogue lacks", where, k)
		case m[0] == "" || (m[1] == "" && !strings.HasPrefix(k, "unit.")): // a unit English headers need not say
			t.Errorf("%q lacks its Chinese or English", k)
		}
	}
}

// TestErrorCatalogueComplete fails on a domain error format of the code
// base (pipeline.Errorf) that the rooms cannot say in Chinese.
func TestErrorCatalogueComplete(t *testing.T) {
	t.Parallel()
	format := regexp.MustCompile(`Errorf\((?:pipeline\.)?E[A-Za-z]+, "((?:[^"\\]|\\.)*)"`)
	n := 0
	filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "var" || d.Name() == "bin" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range format.FindAllStringSubmatch(string(b), -1) {
			n++
			if _, ok := errorsZH[m[1]]; !ok && !cliOnlyErrors[m[1]] {
				t.Errorf("%s: %q has no Chinese in errorsZH", path, m[1])
			}
		}
		return nil
	})
	if n < 50 {
		t.Fatalf("found only %d formats: the search is broken", n)
	}
}

// TestErrorInChinese: a domain error reads in Chinese in the rooms, its
// English nouns and statuses said too; in English, as it was made.
func TestErrorInChinese(t *testing.T) {
	t.Parallel()
	err := pipeline.Errorf(pipeline.EForbidden, "order %s is not yours to see", "HN1")
	if got := LangZH.Error(err); got != "您无权查看订单 HN1" {
		t.Errorf("Chinese: %q", got)
	}
	if got := LangEN.Error(err); got != "order HN1 is not yours to see" {
		t.Errorf("English: %q", got)
	}
	nf := pipeline.Errorf(pipeline.ENotFound, "%s not found", "order HN9")
	if got := LangZH.Error(nf); got != "未找到订单 HN9" {
		t.Errorf("Chinese not found: %q", got)
	}
	st := pipeline.Errorf(pipeline.EConflict, "order %s is not in review (%s)", "HN1", pipeline.StatusVerified)
	if got := LangZH.Error(st); got != "订单 HN1 不在审核中（已核实）" {
		t.Errorf("Chinese status: %q", got)
	}
	role := pipeline.Errorf(pipeline.EForbidden, "the %s role may not do this", pipeline.RoleSupplier)
	if got := LangZH.Error(role); got != "供应商角色无权执行此操作" {
		t.Errorf("Chinese role: %q", got)
	}
}

// TestReasonsInChinese: every reason the domain writes into an order's
// history reads in Chinese, with no English word left.
func TestReasonsInChinese(t *testing.T) {
	t.Parallel()
	f := []pipeline.Finding{{Rule: "x"}, {Rule: "y"}}
	nv, _ := pipeline.OnNewVersion(pipeline.StatusVerified, false, "new invoice version 2")
	corr, _ := pipeline.OnNewVersion(pipeline.StatusNeedsReview, true, "new payment version 3")
	reasons := []string{
		"all five documents read",
		pipeline.AfterVerdict(pipeline.StatusChecking, false, nil).Reason,
		pipeline.AfterVerdict(pipeline.StatusChecking, false, f).Reason,
		pipeline.AfterVerdict(pipeline.StatusChecking, true, f).Reason,
		nv.Reason, corr.Reason,
		pipeline.AfterDecision(pipeline.DecisionApprove, "凭证一致").Reason,
		pipeline.AfterDecision(pipeline.DecisionRequestDocument, "缺验收单").Reason,
		"invoice_number 21430000000000000042 is also used by order HN2",
		"master data changed after verification: supplier S1 bank_account, division_code",
		"master data changed after verification: product P1 category",
		"sampling audit 3 found it wrongly verified: 验收单数量与发票不符",
	}
	latin := regexp.MustCompile(`[a-z]{3,}`)
	for _, r := range reasons {
		got := LangZH.Reason(r)
		if w := latin.FindString(got); w != "" {
			t.Errorf("%q reads %q in Chinese: %q is English", r, got, w)
		}
		if LangEN.Reason(r) != r {
			t.Errorf("%q changed in English", r)
		}
	}
}

// TestMark (issue 11, bug 4): the source row shows which of its values was
// read, escaped.
func TestMark(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ text, value, want string }{
		{"纳税人识别号 91430224MAT3BKMH4D 纳税人识别号 124312244Y6E3LECD0", "124312244Y6E3LECD0", "纳税人识别号 91430224MAT3BKMH4D 纳税人识别号 <mark>124312244Y6E3LECD0</mark>"},
		{"账号 6228 4800 1234", "622848001234", "账号 <mark>6228 4800 1234</mark>"},
		{"<b>名称</b> x", "x", "&lt;b&gt;名称&lt;/b&gt; <mark>x</mark>"},
		{"金额 100.00", "99.00", "金额 100.00"},
	} {
		if got := string(mark(c.text, c.value)); got != c.want {
			t.Errorf("mark(%q, %q) = %q, want %q", c.text, c.value, got, c.want)
		}
	}
}
