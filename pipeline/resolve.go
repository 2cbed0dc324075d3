package pipeline

import (
	"fmt"
	"strings"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
)

// expectation is a field the checks need and the order's value for it.
type expectation struct {
	kind  DocKind
	field string
	want  string
	label string
}

// expectations lists the fields the checks need of each document, with
// the values the order expects.
func expectations(in *CheckInput) []expectation {
	total := in.Order.Total.String()
	b, s := in.Buyer, in.Supplier
	return []expectation{
		{KindContract, evidence.FieldTotal, total, "合同金额"},
		{KindContract, evidence.FieldBuyerName, b.Name, "采购人名称"},
		{KindContract, evidence.FieldBuyerID, b.USCC, "采购人统一社会信用代码"},
		{KindContract, evidence.FieldSellerName, s.Name, "供应商名称"},
		{KindContract, evidence.FieldSellerID, s.USCC, "供应商统一社会信用代码"},
		{KindInvoice, evidence.FieldTotal, total, "价税合计"},
		{KindInvoice, evidence.FieldBuyerName, b.Name, "购买方名称"},
		{KindInvoice, evidence.FieldBuyerID, b.USCC, "购买方纳税人识别号"},
		{KindInvoice, evidence.FieldSellerName, s.Name, "销售方名称"},
		{KindInvoice, evidence.FieldSellerID, s.USCC, "销售方纳税人识别号"},
		{KindPayment, evidence.FieldAmount, total, "付款金额"},
		{KindPayment, evidence.FieldPayerName, b.Name, "付款人户名"},
		{KindPayment, evidence.FieldPayeeName, s.Name, "收款人户名"},
		{KindPayment, evidence.FieldPayeeAccount, s.BankAccount, "收款人账号"},
		{KindAcceptance, evidence.FieldTotal, total, "验收金额"},
		{KindAcceptance, evidence.FieldBuyerName, b.Name, "采购单位"},
		{KindAcceptance, evidence.FieldSellerName, s.Name, "供货单位"},
	}
}

// Resolve reads into the order's documents what the reader could not tell
// without the order, and returns findings that say what it did (rule
// field.located, info):
//
//   - of a page holding several documents (two receipts on one A4), it
//     keeps the one that reads closest to the order;
//   - for each field the checks need that no label gave, it looks for the
//     order's value in the document (evidence.Locate) and takes it where
//     the document prints it in the field's party's section; found where
//     nothing says whose it is, it is taken at a low confidence, which
//     field.confidence reports for a person to look at; found in the other
//     party's section, it is not taken;
//   - a document whose figures could not be read is checked by its amount
//     in words (amountInWords);
//   - on a scan, a name one character from the order's is taken as the
//     order's when the document's code of that party matches exactly
//     (correctNames), and a code failing its check character one character
//     from the order's (correctCodes), both said as field.corrected.
//
// Otherwise a value that a label gave is never replaced: where it differs
// from the order, the checks report the contradiction with both values.
func Resolve(in *CheckInput) []Finding {
	var out []Finding
	exps := expectations(in)
	for _, k := range DocKinds {
		d := in.Docs[k]
		if d == nil || !d.Readable {
			continue
		}
		if len(d.Slips) > 1 {
			if f, ok := chooseSlip(d, exps); ok {
				out = append(out, f)
			}
		}
		for _, e := range exps {
			if e.kind != k || e.want == "" {
				continue
			}
			if f, ok := d.Fields[e.field]; ok && f.Value != "" {
				continue
			}
			f, at := evidence.Locate(d.Layout, string(k), e.field, e.want)
			switch at {
			case evidence.Confirmed, evidence.Unplaced:
				if d.Fields == nil {
					d.Fields = map[string]evidence.Field{}
				}
				d.Fields[e.field] = f
				out = append(out, Finding{Rule: RuleLocated, Severity: SeverityInfo,
					Message: fmt.Sprintf("%s 未见%s标签，按订单值在原文中找到「%s」（%s: %s not labelled, the order's value found: %s）",
						k.Label(), e.label, f.Value, k, e.field, f.Via),
					Detail: map[string]any{"kind": k, "field": e.field, "value": f.Value, "text": f.Text, "page": f.Page, "via": f.Via, "confidence": f.Conf}})
			}
		}
		if f, ok := amountInWords(d); ok {
			out = append(out, f)
		}
		if d.Source == evidence.SourceOCR {
			// Names first: a name is mended only by a code read as it
			// stands, never by one mended itself.
			out = append(out, correctNames(d, exps)...)
			out = append(out, correctCodes(d, exps)...)
		}
	}
	return out
}

// amountInWords takes a document's amount from its amount in words when
// its figures could not be read at all (figures in a grid of digit boxes
// under 万 千 百 十 元 角 分, read one box at a time off a scan) and the
// words parse: the amount rules then compare the words with the order, as
// a clerk would. Figures that were read are never replaced; the finding
// (field.located, info) says the figures were not read.
func amountInWords(d *CheckDoc) (Finding, bool) {
	for _, a := range amountFields {
		if a.kind != d.Kind || a.upper == "" {
			continue
		}
		if f, ok := d.Fields[a.field]; ok && f.Value != "" {
			return Finding{}, false
		}
		u := d.Fields[a.upper]
		v, err := money.ParseUppercase(u.Value)
		if u.Value == "" || err != nil {
			return Finding{}, false
		}
		if d.Fields == nil {
			d.Fields = map[string]evidence.Field{}
		}
		d.Fields[a.field] = evidence.Field{Value: v.String(), Text: u.Text, Page: u.Page, Conf: u.Conf,
			Via: "the amount in words (" + u.Via + "); the figures were not read"}
		return Finding{Rule: RuleLocated, Severity: SeverityInfo,
			Message: fmt.Sprintf("%s 未读到小写%s，按大写金额「%s」取 %s（%s: %s not read in figures, taken from the amount in words）",
				d.Kind.Label(), a.label, u.Value, v, d.Kind, a.field),
			Detail: map[string]any{"kind": d.Kind, "field": a.field, "value": v.String(), "text": u.Text, "page": u.Page, "via": "amount in words", "confidence": u.Conf}}, true
	}
	return Finding{}, false
}

// correctCodes takes the order's code for a code recognised on the scan d
// that cannot be a code as read (its check character fails, or its last
// character is missing) and is one character from the order's valid code:
// text recognition confuses 5 and 6, C and G, 7 and T, and a single wrong
// character always breaks the check (GB 32100's weights are prime to 31).
// A code that passes its check but is not the order's is left for the
// checks to report: that is another party.
func correctCodes(d *CheckDoc, exps []expectation) []Finding {
	var out []Finding
	for _, e := range exps {
		if e.kind != d.Kind || (e.field != evidence.FieldBuyerID && e.field != evidence.FieldSellerID) || e.want == "" {
			continue
		}
		f, ok := d.Fields[e.field]
		if !ok || f.Value == "" {
			continue
		}
		got, want := ident.NormalizeUSCC(f.Value), ident.NormalizeUSCC(e.want)
		if got == want || ident.ValidUSCC(want) != nil || ident.ValidUSCC(got) == nil || !oneCharMisread(got, want) {
			continue
		}
		read := f.Value
		f.Value, f.Via = e.want, f.Via+"; one character corrected by the order's code, the read one failing its check"
		d.Fields[e.field] = f
		out = append(out, Finding{Rule: RuleCorrected, Severity: SeverityInfo,
			Message: fmt.Sprintf("%s 扫描件识读的代码「%s」校验不通过，与订单代码「%s」差一个字符，按订单代码核对（%s %s: read %q fails its check, one character from the order's %q）",
				d.Kind.Label(), read, e.want, d.Kind, e.field, read, e.want),
			Detail: map[string]any{"kind": d.Kind, "field": e.field, "read": read, "value": e.want, "text": f.Text, "page": f.Page}})
	}
	return out
}

// oneCharMisread reports whether got is want with one character replaced,
// or want without its last character.
func oneCharMisread(got, want string) bool {
	if len(got) == len(want)-1 {
		return strings.HasPrefix(want, got)
	}
	if len(got) != len(want) {
		return false
	}
	diff := 0
	for i := range got {
		if got[i] != want[i] {
			diff++
		}
	}
	return diff == 1
}

// nameProofs pairs each name the checks compare with the field of the same
// document that pins the same party exactly.
var nameProofs = []struct {
	kind        DocKind
	name, proof string
}{
	{KindContract, evidence.FieldBuyerName, evidence.FieldBuyerID},
	{KindContract, evidence.FieldSellerName, evidence.FieldSellerID},
	{KindInvoice, evidence.FieldBuyerName, evidence.FieldBuyerID},
	{KindInvoice, evidence.FieldSellerName, evidence.FieldSellerID},
	{KindPayment, evidence.FieldPayeeName, evidence.FieldPayeeAccount},
}

// minCorrectable is the shortest name a one-character slip is forgiven in:
// in a shorter one a character is too much of the name.
const minCorrectable = 6

// correctNames takes the order's name for a name recognised on the scan d
// one character away from it (text recognition drops or misreads a
// character under a seal or a fold: 永县 for 永顺县) when the same document
// names the same party by its code exactly as the order does (field.corrected,
// info, with what was read). A name further off, or one whose code is
// missing or differs, is left for the checks to report.
func correctNames(d *CheckDoc, exps []expectation) []Finding {
	want := func(field string) string {
		for _, e := range exps {
			if e.kind == d.Kind && e.field == field {
				return e.want
			}
		}
		return ""
	}
	var out []Finding
	for _, p := range nameProofs {
		if p.kind != d.Kind {
			continue
		}
		f, name, code := d.Fields[p.name], want(p.name), want(p.proof)
		if f.Value == "" || name == "" || code == "" || SameParty(f.Value, name) || !ident.OneCharApart(f.Value, name, minCorrectable) {
			continue
		}
		if pf := d.Fields[p.proof]; pf.Value == "" || !sameExpected(p.proof, pf.Value, code) {
			continue
		}
		read := f.Value
		f.Value, f.Via = name, f.Via+"; one character corrected by the order's name, the code on the same document matching"
		d.Fields[p.name] = f
		out = append(out, Finding{Rule: RuleCorrected, Severity: SeverityInfo,
			Message: fmt.Sprintf("%s 扫描件识读为「%s」，与订单「%s」差一个字，同一单据上的代码与订单一致，按订单名称核对（%s %s: read %q, one character from the order's %q; the code on the document matches）",
				d.Kind.Label(), read, name, d.Kind, p.name, read, name),
			Detail: map[string]any{"kind": d.Kind, "field": p.name, "read": read, "value": name, "proof": p.proof, "text": f.Text, "page": f.Page}})
	}
	return out
}

// chooseSlip keeps, of the documents on d's page, the one whose fields
// agree with most of what the order expects of its kind.
func chooseSlip(d *CheckDoc, exps []expectation) (Finding, bool) {
	best, bestScore := 0, -1
	for i, s := range d.Slips {
		score := 0
		for _, e := range exps {
			if e.kind != d.Kind || e.want == "" {
				continue
			}
			if v := s.Fields[e.field].Value; v != "" && sameExpected(e.field, v, e.want) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	s := d.Slips[best]
	d.Fields, d.Lines, d.Layout = s.Fields, s.Lines, s.Layout
	return Finding{Rule: RuleLocated, Severity: SeverityInfo,
		Message: fmt.Sprintf("%s 一页有 %d 份单据，取与订单相符的第 %d 份（%s: %d documents on the page; number %d is the order's）",
			d.Kind.Label(), len(d.Slips), best+1, d.Kind, len(d.Slips), best+1),
		Detail: map[string]any{"kind": d.Kind, "slip": best + 1, "slips": len(d.Slips), "matches": bestScore}}, true
}

// sameExpected compares a field's value with the order's as the checks
// do: names as parties, codes exactly, amounts as money.
func sameExpected(field, got, want string) bool {
	switch field {
	case evidence.FieldBuyerID, evidence.FieldSellerID:
		return ident.NormalizeUSCC(got) == ident.NormalizeUSCC(want)
	case evidence.FieldPayeeAccount:
		return got == want
	case evidence.FieldTotal, evidence.FieldAmount:
		return got == want
	}
	return SameParty(got, want)
}
