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
