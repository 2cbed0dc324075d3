package pipeline

import (
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// rowsOf lays texts out as rows of one item each, 20pt apart.
func rowsOf(texts ...string) []pdftext.Row {
	var out []pdftext.Row
	for i, t := range texts {
		y := 700 - 20*float64(i)
		out = append(out, pdftext.Row{Page: 1, Y: y, PageWidth: 595,
			Items: []pdftext.Item{{X: 50, Y: y, W: 10 * float64(len([]rune(t))), Size: 10, Text: t}}})
	}
	return out
}

func TestResolve(t *testing.T) {
	t.Parallel()
	const account = "6228480018001234567"
	tests := []struct {
		name     string
		layout   []pdftext.Row
		conf     float64 // of payee_account afterwards; 0: not taken
		findings int
	}{
		{"in the payee's section", rowsOf("收款方 开户账号：" + account), 0.85, 1},
		{"in no party's section", rowsOf("账户信息 " + account), 0.55, 1},
		{"in the payer's section", rowsOf("付款方 开户账号：" + account), 0, 0},
		{"nowhere", rowsOf("收款方 开户账号：6228480000000009"), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := cleanInput()
			d := in.Docs[KindPayment]
			delete(d.Fields, "payee_account")
			d.Layout = tt.layout
			fs := Resolve(&in)
			got := d.Fields["payee_account"]
			if got.Conf != tt.conf || (tt.conf > 0) != (got.Value == account) || len(fs) != tt.findings {
				t.Errorf("payee_account %+v and %d findings %+v; want confidence %v and %d findings", got, len(fs), fs, tt.conf, tt.findings)
			}
			for _, f := range fs {
				if f.Rule != RuleLocated || f.Severity != SeverityInfo || f.Detail["via"] == "" {
					t.Errorf("finding %+v: want field.located, info, with where it was found", f)
				}
			}
		})
	}
}

// TestResolveChoosesTheOrdersSlip: of two receipts on a page, the one that
// reads as the order's payment is checked.
func TestResolveChoosesTheOrdersSlip(t *testing.T) {
	t.Parallel()
	in := cleanInput()
	d := in.Docs[KindPayment]
	other := evidence.Extraction{Fields: map[string]evidence.Field{"amount": {Value: "88.00"}, "payee_name": {Value: "另一家公司"}}}
	mine := evidence.Extraction{Fields: d.Fields}
	d.Slips = []evidence.Extraction{other, mine}
	d.Fields = other.Fields
	fs := Resolve(&in)
	if d.Fields["amount"].Value != "1234.50" || len(fs) != 1 || fs[0].Detail["slip"] != 2 {
		t.Fatalf("amount %q, findings %+v; want the second slip (1234.50) taken and said", d.Fields["amount"].Value, fs)
	}
	if got := Check(in); Verdict(got) != StatusVerified {
		t.Errorf("the order's slip checked: %+v, want verified", got)
	}
}

// TestResolveCorrectsOneCharacterOnScans: a name recognised on a scan one
// character from the order's is taken as the order's only where the same
// document's code of that party matches the order's exactly.
func TestResolveCorrectsOneCharacterOnScans(t *testing.T) {
	t.Parallel()
	const seller = "茶陵县绿源农业开发有限公司"
	tests := []struct {
		name, source, read, code string
		corrected                bool
	}{
		{"dropped character, code matches", evidence.SourceOCR, "茶县绿源农业开发有限公司", "91110000600037341L", true},
		{"misread character, code matches", evidence.SourceOCR, "茶陵县绿源农业开友有限公司", "91110000600037341L", true},
		{"another party's code", evidence.SourceOCR, "茶县绿源农业开发有限公司", "91350100M000100Y43", false},
		{"code misread too", evidence.SourceOCR, "茶县绿源农业开发有限公司", "91110000600037342L", false}, // a mended code vouches for no name
		{"no code read", evidence.SourceOCR, "茶县绿源农业开发有限公司", "", false},
		{"two characters off", evidence.SourceOCR, "茶县绿农业开发有限公司", "91110000600037341L", false},
		{"a text layer says what it says", evidence.SourcePDFText, "茶县绿源农业开发有限公司", "91110000600037341L", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := cleanInput()
			d := in.Docs[KindContract]
			d.Source = tt.source
			d.Fields["seller_name"] = evidence.Field{Value: tt.read, Conf: 0.9}
			d.Fields["seller_id"] = evidence.Field{Value: tt.code, Conf: 0.9}
			if tt.code == "" {
				delete(d.Fields, "seller_id")
			}
			fs := Resolve(&in)
			got := d.Fields["seller_name"].Value
			if tt.corrected != (got == seller) {
				t.Fatalf("seller_name %q, findings %+v; want corrected %v", got, fs, tt.corrected)
			}
			corrections := 0
			for _, f := range fs {
				if f.Rule == RuleCorrected && f.Detail["field"] == "seller_name" {
					corrections++
					if f.Severity != SeverityInfo || f.Detail["read"] != tt.read {
						t.Errorf("finding %+v: want info, with what was read", f)
					}
				}
			}
			if want := map[bool]int{true: 1}[tt.corrected]; corrections != want {
				t.Errorf("%d field.corrected findings, want %d", corrections, want)
			}
			verdict := Verdict(Check(in))
			if tt.corrected && verdict != StatusVerified {
				t.Errorf("corrected order: %s, want verified", verdict)
			}
			if !tt.corrected && verdict == StatusVerified {
				t.Errorf("uncorrected order verified: the one-character difference must reach a person")
			}
		})
	}
}

// TestResolveAmountInWords: a document whose figures could not be read is
// checked by its amount in words; figures that were read stay.
func TestResolveAmountInWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, figures, words string
		want                 string // the amount checked
		verdict              Status
	}{
		{"figures unread, words the order's", "", "壹仟贰佰叁拾肆元伍角整", "1234.50", StatusVerified},
		{"figures unread, words another amount", "", "壹仟贰佰叁拾伍元伍角整", "1235.50", StatusNeedsReview},
		{"figures unread, words unreadable", "", "壹仟贰佰叁拾肆X", "", StatusNeedsReview},
		{"figures read", "1234.50", "壹仟贰佰叁拾肆元伍角整", "1234.50", StatusVerified},
		{"figures read, words disagree", "1234.50", "壹仟贰佰叁拾伍元伍角整", "1234.50", StatusNeedsReview},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := cleanInput()
			d := in.Docs[KindPayment]
			delete(d.Fields, "amount")
			if tt.figures != "" {
				d.Fields["amount"] = evidence.Field{Value: tt.figures, Conf: 0.9}
			}
			d.Fields["amount_upper"] = evidence.Field{Value: tt.words, Conf: 0.9}
			Resolve(&in)
			if got := d.Fields["amount"].Value; got != tt.want {
				t.Errorf("amount %q, want %q", got, tt.want)
			}
			if v := Verdict(Check(in)); v != tt.verdict {
				t.Errorf("verdict %s, want %s", v, tt.verdict)
			}
		})
	}
}

// TestResolveCorrectsMisreadCodes: a code recognised on a scan that fails
// its check character and is one character from the order's is the
// order's; a valid code of another party, or a misread one further off, is
// not.
func TestResolveCorrectsMisreadCodes(t *testing.T) {
	t.Parallel()
	const code = "91110000600037341L" // the supplier's, valid
	tests := []struct {
		name, source, read string
		corrected          bool
	}{
		{"one character misread", evidence.SourceOCR, "91110000600037841L", true},
		{"last character missing", evidence.SourceOCR, "91110000600037341", true},
		{"two characters misread", evidence.SourceOCR, "91110000600087841L", false},
		{"another valid code", evidence.SourceOCR, "91350100M000100Y43", false},
		{"a text layer says what it says", evidence.SourcePDFText, "91110000600037841L", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := cleanInput()
			d := in.Docs[KindInvoice]
			d.Source = tt.source
			d.Fields["seller_id"] = evidence.Field{Value: tt.read, Conf: 0.9}
			fs := Resolve(&in)
			if got := d.Fields["seller_id"].Value; (got == code) != tt.corrected {
				t.Fatalf("seller_id %q, findings %+v; want corrected %v", got, fs, tt.corrected)
			}
			v := Verdict(Check(in))
			if tt.corrected != (v == StatusVerified) {
				t.Errorf("verdict %s; want verified only when corrected", v)
			}
		})
	}
}
