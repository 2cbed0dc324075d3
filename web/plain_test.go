package web

import (
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/pipeline"
)

// TestAdvice: every rule of the catalogue says something to a supplier in
// both languages; the hand-written advice wins over the description.
func TestAdvice(t *testing.T) {
	for _, r := range pipeline.Rules() {
		for _, l := range []Lang{LangZH, LangEN} {
			if l.Advice(r.ID) == "" {
				t.Errorf("rule %s has no advice in %s", r.ID, l)
			}
		}
		if _, own := plainAdvice[r.ID]; !own && !strings.Contains(LangZH.Advice(r.ID), r.Zh) {
			t.Errorf("rule %s falls back to %q, want its description", r.ID, LangZH.Advice(r.ID))
		}
	}
	cases := []struct {
		lang Lang
		rule string
		want string
	}{
		{LangZH, "amount.mismatch", "请核对合同、发票、付款和验收金额"},
		{LangEN, "party.payee_account", "registered account"},
		{LangZH, "amount.round", "无需更正"},
		{LangZH, "no.such.rule", ""},
	}
	for _, c := range cases {
		if got := c.lang.Advice(c.rule); c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%s Advice(%s) = %q, want %q", c.lang, c.rule, got, c.want)
		}
	}
}

// TestLocalPath: only paths on this site survive as a redirect target;
// whatever a browser would read as another host becomes "/".
func TestLocalPath(t *testing.T) {
	tests := []struct{ next, want string }{
		{"/review?county=430224", "/review?county=430224"},
		{"/orders/HN2021000001", "/orders/HN2021000001"},
		{"/totals?from=2021-01-01&to=2021-12-31", "/totals?from=2021-01-01&to=2021-12-31"},
		{"", "/"},
		{"review", "/"},
		{"https://evil.example/", "/"},
		{"//evil.example/", "/"},
		{"/\\evil.example/", "/"},
		{"/\t/evil.example/", "/"},
		{"/\n/evil.example/", "/"},
		{"/\r\n/evil.example", "/"},
		{"/%09/evil.example", "/%09/evil.example"}, // still escaped: a path here
		{"/a\\b", "/"},
		{"/\x00x", "/"},
		{"/\xff", "/"},
		{"/\x7f/evil.example", "/"},
	}
	for _, tt := range tests {
		if got := localPath(tt.next); got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.next, got, tt.want)
		}
	}
}

// TestOperatorAdvice: every rule of the catalogue tells an operator, in
// both languages, what to verify — in its own words, not the supplier's.
func TestOperatorAdvice(t *testing.T) {
	for _, r := range pipeline.Rules() {
		m, ok := operatorAdvice[r.ID]
		if !ok {
			t.Errorf("rule %s has no operator advice", r.ID)
			continue
		}
		for i, l := range []Lang{LangZH, LangEN} {
			if m[i] == "" {
				t.Errorf("rule %s has no operator advice in %s", r.ID, l)
			}
			if got := l.OperatorAdvice(r.ID); got == l.Advice(r.ID) {
				t.Errorf("rule %s: the operator is given the supplier's advice %q", r.ID, got)
			}
		}
	}
	for id := range operatorAdvice {
		if _, ok := pipeline.RuleByID(id); !ok {
			t.Errorf("operator advice for %s, which is no rule", id)
		}
	}
}
