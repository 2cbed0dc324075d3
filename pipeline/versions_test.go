package pipeline

import (
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence"
)

func view(kind DocKind, version int, sha string, at time.Time, fields map[string]string, lines ...evidence.Line) DocumentView {
	v := DocumentView{Document: Document{Kind: kind, Version: version, SHA256: sha, UploadedAt: at}, Extracted: true, Readable: true,
		Fields: map[string]evidence.Field{}, Lines: lines}
	for k, val := range fields {
		v.Fields[k] = evidence.Field{Value: val}
	}
	return v
}

func TestDiffDocuments(t *testing.T) {
	t0 := time.Date(2021, 5, 1, 9, 0, 0, 0, Shanghai)
	rice := evidence.Line{Name: "大米", Quantity: "2", Unit: "袋", UnitPrice: "50.00", Amount: "100.00"}
	rice3 := rice
	rice3.Quantity, rice3.Amount = "3", "150.00"
	v1 := view(KindInvoice, 1, "aa", t0, map[string]string{"total": "100.00", "number": "123", "buyer_name": "甲校"}, rice)
	tests := []struct {
		name       string
		from, to   DocumentView
		sameFile   bool
		fields     []FieldChange
		lines      int
		changed    bool
		firstField string
	}{
		{"same file again", v1, view(KindInvoice, 2, "aa", t0, map[string]string{"total": "100.00", "number": "123", "buyer_name": "甲校"}, rice), true, nil, 0, false, ""},
		{"amount changed, a field lost, a field gained, a line changed", v1,
			view(KindInvoice, 2, "bb", t0, map[string]string{"total": "150.00", "number": "123", "seller_name": "乙社"}, rice3), false,
			[]FieldChange{{"buyer_name", "甲校", ""}, {"seller_name", "", "乙社"}, {"total", "100.00", "150.00"}}, 1, true, "buyer_name"},
		{"another file, nothing read differently", v1, view(KindInvoice, 2, "cc", t0, map[string]string{"total": "100.00", "number": "123", "buyer_name": "甲校"}, rice), false, nil, 0, true, ""},
		{"a line added", v1, view(KindInvoice, 2, "dd", t0, map[string]string{"total": "100.00", "number": "123", "buyer_name": "甲校"}, rice, rice), false, nil, 1, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DiffDocuments(&tt.from, &tt.to)
			if c.SameFile != tt.sameFile || c.Changed() != tt.changed || len(c.Lines) != tt.lines || len(c.Fields) != len(tt.fields) {
				t.Fatalf("diff = %+v", c)
			}
			for i, f := range tt.fields {
				if c.Fields[i] != f {
					t.Errorf("field %d = %+v, want %+v", i, c.Fields[i], f)
				}
			}
		})
	}
	first := DiffDocuments(nil, &v1)
	if first.From != nil || !first.Changed() || len(first.Fields) != 3 {
		t.Errorf("a first version: %+v", first)
	}
	v2 := tt2(v1, rice3)
	if c := DiffDocuments(&v1, &v2); len(c.Lines) != 1 || c.Lines[0].Before != "大米 · 2 袋 · 50.00 · 100.00" || c.Lines[0].After != "大米 · 3 袋 · 50.00 · 150.00" {
		t.Errorf("line change = %+v", c.Lines)
	}
}

func tt2(v DocumentView, l evidence.Line) DocumentView {
	v.Version, v.SHA256, v.Lines = v.Version+1, "ee", []evidence.Line{l}
	return v
}

// TestChangedSinceVerified: what an operator is shown of an order whose
// evidence changed after it was verified: the kinds uploaded since, each
// against the version in force at the verification.
func TestChangedSinceVerified(t *testing.T) {
	t0 := time.Date(2021, 5, 1, 9, 0, 0, 0, Shanghai)
	h := func(to Status, at time.Time) StatusChange { return StatusChange{To: to, At: at} }
	d := &OrderDetail{
		Documents: []DocumentView{
			view(KindContract, 1, "c1", t0, map[string]string{"total": "100.00"}),
			view(KindInvoice, 3, "i3", t0.Add(3*time.Hour), map[string]string{"total": "150.00"}),
			view(KindPayment, 1, "r1", t0.Add(4*time.Hour), map[string]string{"amount": "100.00"}),
		},
		Earlier: []DocumentView{
			view(KindInvoice, 1, "i1", t0, map[string]string{"total": "90.00"}),
			view(KindInvoice, 2, "i2", t0.Add(time.Hour), map[string]string{"total": "100.00"}),
		},
	}
	if at, ch := d.ChangedSinceVerified(); !at.IsZero() || ch != nil {
		t.Fatalf("never verified: %v %v", at, ch)
	}
	d.History = []StatusChange{h(StatusChecking, t0), h(StatusVerified, t0.Add(30*time.Minute)), h(StatusVerified, t0.Add(2*time.Hour)), h(StatusNeedsReview, t0.Add(4*time.Hour))}
	at, ch := d.ChangedSinceVerified()
	if !at.Equal(t0.Add(2 * time.Hour)) {
		t.Errorf("last verified at %v", at)
	}
	if len(ch) != 2 || ch[0].Kind != KindPayment || ch[1].Kind != KindInvoice {
		t.Fatalf("changes = %+v, want the receipt and the invoice", ch)
	}
	if ch[1].From == nil || ch[1].From.Version != 2 || ch[1].To.Version != 3 || ch[1].Fields[0] != (FieldChange{"total", "100.00", "150.00"}) {
		t.Errorf("invoice change = %+v, want v2 (in force at verification) → v3", ch[1])
	}
	if ch[0].From != nil {
		t.Errorf("receipt change from %+v, want none (it came after)", ch[0].From)
	}
	if vs := d.VersionChanges(KindInvoice); len(vs) != 3 || vs[0].To.Version != 3 || vs[2].From != nil || vs[1].From.Version != 1 {
		t.Errorf("invoice versions = %+v", vs)
	}
}
