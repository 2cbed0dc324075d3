package postgres_test

import (
	"context"
	"slices"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/samples"
)

// TestScore runs five orders through the checks and scores them: a clean
// order verified, an amount anomaly found, a planted invoice reuse and the
// clean order it copied (in review by design, counted apart), an order
// missing a document, and an anomaly the checks miss.
func TestScore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 6)
	load := func(no string, skip pipeline.DocKind, change func(pipeline.DocKind, *evidence.Extraction)) {
		for _, k := range pipeline.DocKinds {
			if k == skip {
				continue
			}
			d := b.addDoc(t, no, k, no+string(k))
			ex := cleanFields(k)
			if k == pipeline.KindInvoice {
				ex.Fields["number"] = evidence.Field{Value: "2143000000000000000" + no[2:]}
			}
			if change != nil {
				change(k, &ex)
			}
			if err := b.store.SaveExtraction(ctx, d.ID, ex); err != nil {
				t.Fatal(err)
			}
		}
	}
	load("HN1", "", nil)
	load("HN2", "", func(k pipeline.DocKind, ex *evidence.Extraction) {
		if k == pipeline.KindPayment {
			ex.Fields["amount"] = evidence.Field{Value: "90.00"}
			ex.Fields["amount_upper"] = evidence.Field{Value: "玖拾元整"}
		}
	})
	load("HN3", "", nil)
	load("HN4", "", func(k pipeline.DocKind, ex *evidence.Extraction) {
		if k == pipeline.KindInvoice {
			ex.Fields["number"] = evidence.Field{Value: "21430000000000000003"} // HN3's
		}
	})
	load("HN5", pipeline.KindLogistics, nil)
	load("HN6", "", nil)
	for _, no := range []string{"HN1", "HN2", "HN3", "HN4", "HN6"} {
		b.check(t, no)
	}
	truth := []pipeline.Truth{
		{OrderNo: "HN1", Label: "clean"},
		{OrderNo: "HN2", Label: "amount.mismatch"},
		{OrderNo: "HN3", Label: "clean"},
		{OrderNo: "HN4", Label: "unique.invoice"},
		{OrderNo: "HN5", Label: "completeness.missing"},
		{OrderNo: "HN6", Label: "lines.quantity"}, // nothing planted: the checks cannot find it
	}
	rep, err := samples.Score(truth, b.outcomes(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Orders != 6 || rep.Clean != 2 || rep.Anomalous != 4 || rep.Pending != 0 {
		t.Errorf("orders %d, clean %d, anomalous %d, pending %d; want 6, 2, 4, 0", rep.Orders, rep.Clean, rep.Anomalous, rep.Pending)
	}
	if rep.CleanVerified != 1 || rep.CleanShared != 1 || rep.CleanVerifiedShare != 1 {
		t.Errorf("clean verified %d, shared %d, share %v; want 1, 1, 1", rep.CleanVerified, rep.CleanShared, rep.CleanVerifiedShare)
	}
	if rep.AnomalousVerified != 1 {
		t.Errorf("anomalous verified = %d, want 1 (HN6)", rep.AnomalousVerified)
	}
	if len(rep.Problems) != 1 || rep.Problems[0].OrderNo != "HN6" {
		t.Errorf("problems %+v, want HN6 only", rep.Problems)
	}
	got := map[string]samples.RuleScore{}
	for _, r := range rep.Rules {
		got[r.Rule] = r
	}
	want := map[string]samples.RuleScore{
		"completeness.missing": {Rule: "completeness.missing", Labelled: 1, Found: 1, Precision: 1, Recall: 1},
		"amount.mismatch":      {Rule: "amount.mismatch", Labelled: 1, Found: 1, Precision: 1, Recall: 1},
		"unique.invoice":       {Rule: "unique.invoice", Labelled: 1, Found: 1, Precision: 1, Recall: 1},
		"lines.quantity":       {Rule: "lines.quantity", Labelled: 1, Precision: -1, Recall: 0},
	}
	for rule, w := range want {
		if got[rule] != w {
			t.Errorf("%s scored %+v, want %+v", rule, got[rule], w)
		}
	}
	var rules []string
	for _, r := range rep.Rules {
		rules = append(rules, r.Rule)
	}
	if !slices.IsSortedFunc(rules, func(a, b string) int { return catalogueIndex(a) - catalogueIndex(b) }) {
		t.Errorf("rules not in catalogue order: %v", rules)
	}
	if _, err := samples.Score([]pipeline.Truth{{OrderNo: "HN99", Label: "clean"}}, b.outcomes(t)); err == nil {
		t.Errorf("scoring an order not imported: no error")
	}
}

func catalogueIndex(id string) int {
	for i, r := range pipeline.Rules() {
		if r.ID == id {
			return i
		}
	}
	return len(pipeline.Rules())
}

func (b *bundle) outcomes(t *testing.T) []pipeline.Outcome {
	t.Helper()
	out, err := b.store.Outcomes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return out
}
