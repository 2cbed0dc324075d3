package pipeline

import (
	"fmt"
	"strings"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
)

// Severity says what a finding does to the verdict.
type Severity string

const (
	// SeverityContradiction: the evidence contradicts itself or the order;
	// the order cannot be verified automatically.
	SeverityContradiction Severity = "contradiction"
	// SeverityWarning: a person should look before the order counts.
	SeverityWarning Severity = "warning"
	// SeverityInfo: noted, no effect on the verdict.
	SeverityInfo Severity = "info"
)

// Finding is one thing a check found, naming the documents and fields
// involved with their values.
type Finding struct {
	Rule     string         `json:"rule"`
	Severity Severity       `json:"severity"`
	Message  string         `json:"message"`
	Detail   map[string]any `json:"detail,omitempty"`
}

// CheckDoc is one current document as the checks see it.
type CheckDoc struct {
	Document
	Extracted bool
	Readable  bool
	Reason    string // why unreadable
	Fields    map[string]evidence.Field
	// Integrity is the result of re-hashing the stored object: nil when it
	// matches the SHA-256 recorded at upload.
	Integrity error
}

// CheckInput is everything the cross-check of one order reads.
type CheckInput struct {
	Order    Order
	Buyer    Buyer
	Supplier Supplier
	Docs     map[DocKind]*CheckDoc
}

// Verdict is the outcome of a check: verified when no finding stands in the way.
func Verdict(findings []Finding) Status {
	for _, f := range findings {
		if f.Severity == SeverityContradiction || f.Severity == SeverityWarning {
			return StatusNeedsReview
		}
	}
	return StatusVerified
}

// amountFields names, per document kind, the field carrying the amount that
// must equal the order total, its uppercase twin, and how it is called on
// the document.
var amountFields = []struct {
	kind         DocKind
	field, upper string
	label        string
}{
	{KindContract, "total", "total_upper", "合同金额"},
	{KindInvoice, "total", "total_upper", "价税合计"},
	{KindPayment, "amount", "amount_upper", "付款金额"},
	{KindAcceptance, "total", "", "验收金额"},
}

// Check runs the cross-checks over one order's evidence. It is pure: the
// caller gathers the input (including the integrity re-hash) and stores the
// findings.
func Check(in CheckInput) []Finding {
	var out []Finding
	add := func(rule string, sev Severity, detail map[string]any, format string, args ...any) {
		out = append(out, Finding{Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...), Detail: detail})
	}

	usable := map[DocKind]*CheckDoc{}
	for _, k := range DocKinds {
		d := in.Docs[k]
		switch {
		case d == nil:
			add("completeness.missing", SeverityContradiction, map[string]any{"kind": k},
				"缺少%s (%s missing)", k.Label(), k)
		case d.Integrity != nil:
			add("integrity.hash", SeverityContradiction, map[string]any{"kind": k, "document_id": d.ID, "sha256": d.SHA256, "error": d.Integrity.Error()},
				"%s 第%d版 存储文件与上传时的 SHA-256 不符 (%s v%d: stored object does not match its recorded hash: %v)", k.Label(), d.Version, k, d.Version, d.Integrity)
		case !d.Extracted || !d.Readable:
			reason := d.Reason
			if !d.Extracted {
				reason = "not yet read"
			}
			add("completeness.unreadable", SeverityContradiction, map[string]any{"kind": k, "document_id": d.ID, "reason": reason},
				"%s 无法读取：%s (%s unreadable: %s)", k.Label(), reason, k, reason)
		default:
			usable[k] = d
		}
	}

	// Amounts: every document's amount equals the order total, and its
	// uppercase form equals its figures.
	for _, a := range amountFields {
		d := usable[a.kind]
		if d == nil {
			continue
		}
		f, ok := d.Fields[a.field]
		if !ok || f.Value == "" {
			add("field.missing", SeverityWarning, map[string]any{"kind": a.kind, "field": a.field},
				"%s 未读到%s (%s: %s not found)", a.kind.Label(), a.label, a.kind, a.field)
			continue
		}
		got, err := money.ParseYuan(f.Value)
		if err != nil {
			add("field.invalid", SeverityWarning, map[string]any{"kind": a.kind, "field": a.field, "value": f.Value, "text": f.Text},
				"%s %s「%s」不是金额 (%s: %s is not an amount)", a.kind.Label(), a.label, f.Value, a.kind, a.field)
			continue
		}
		if got != in.Order.Total {
			add("amount.mismatch", SeverityContradiction, map[string]any{
				"kind": a.kind, "field": a.field, "value": got.String(), "order_total": in.Order.Total.String(), "text": f.Text, "page": f.Page,
			}, "%s %s ¥%s ≠ 订单金额 ¥%s (%s %s %s ≠ order total %s)", a.kind.Label(), a.label, got, in.Order.Total, a.kind, a.field, got, in.Order.Total)
		}
		if a.upper == "" {
			continue
		}
		u, ok := d.Fields[a.upper]
		if !ok || u.Value == "" {
			continue // not every layout prints the uppercase form
		}
		up, err := money.ParseUppercase(u.Value)
		if err != nil {
			add("amount.uppercase", SeverityWarning, map[string]any{"kind": a.kind, "field": a.upper, "value": u.Value, "text": u.Text, "error": err.Error()},
				"%s 大写金额「%s」无法识读 (%s: uppercase amount unreadable)", a.kind.Label(), u.Value, a.kind)
			continue
		}
		if up != got {
			add("amount.uppercase", SeverityContradiction, map[string]any{"kind": a.kind, "field": a.upper, "uppercase": u.Value, "uppercase_value": up.String(), "figures": got.String(), "text": u.Text},
				"%s 大写「%s」(¥%s) ≠ 小写 ¥%s (%s: uppercase %s ≠ figures %s)", a.kind.Label(), u.Value, up, got, a.kind, up, got)
		}
	}

	// Parties: tax IDs exactly; the payee account is the supplier's registered one.
	partyIDs := []struct {
		kind  DocKind
		field string
		want  string
		rule  string
		label string
	}{
		{KindContract, "buyer_id", in.Buyer.USCC, "party.buyer", "采购人统一社会信用代码"},
		{KindContract, "seller_id", in.Supplier.USCC, "party.seller", "供应商统一社会信用代码"},
		{KindInvoice, "buyer_id", in.Buyer.USCC, "party.buyer", "购买方纳税人识别号"},
		{KindInvoice, "seller_id", in.Supplier.USCC, "party.seller", "销售方纳税人识别号"},
	}
	for _, p := range partyIDs {
		d := usable[p.kind]
		if d == nil || p.want == "" {
			continue
		}
		f, ok := d.Fields[p.field]
		if !ok || f.Value == "" {
			add("field.missing", SeverityWarning, map[string]any{"kind": p.kind, "field": p.field},
				"%s 未读到%s (%s: %s not found)", p.kind.Label(), p.label, p.kind, p.field)
			continue
		}
		if ident.NormalizeUSCC(f.Value) != ident.NormalizeUSCC(p.want) {
			add(p.rule, SeverityContradiction, map[string]any{"kind": p.kind, "field": p.field, "value": f.Value, "want": p.want, "text": f.Text},
				"%s %s %s ≠ 登记 %s (%s %s %s ≠ registered %s)", p.kind.Label(), p.label, f.Value, p.want, p.kind, p.field, f.Value, p.want)
		}
	}
	if d := usable[KindPayment]; d != nil {
		f := d.Fields["payee_account"]
		switch {
		case f.Value == "":
			add("field.missing", SeverityWarning, map[string]any{"kind": KindPayment, "field": "payee_account"},
				"付款凭证 未读到收款人账号 (payment: payee_account not found)")
		case f.Value != in.Supplier.BankAccount:
			add("party.payee_account", SeverityContradiction, map[string]any{"kind": KindPayment, "field": "payee_account", "value": f.Value, "want": in.Supplier.BankAccount, "text": f.Text},
				"收款人账号 %s ≠ 供应商登记账号 %s (payee account %s is not the supplier's registered account %s)", f.Value, in.Supplier.BankAccount, f.Value, in.Supplier.BankAccount)
		}
	}
	out = append(out, checkDates(usable)...)
	return out
}

// dateRef names a date field of one document.
type dateRef struct {
	kind  DocKind
	field string
	label string
}

var (
	dContract = dateRef{KindContract, "date", "合同签订日期"}
	dShipped  = dateRef{KindLogistics, "shipped", "寄件日期"}
	dSigned   = dateRef{KindLogistics, "signed", "签收日期"}
	dAccepted = dateRef{KindAcceptance, "date", "验收日期"}
	dInvoice  = dateRef{KindInvoice, "date", "开票日期"}
	dPayment  = dateRef{KindPayment, "date", "付款日期"}
	// dateOrder lists pairs that must not be reversed: the first date is on
	// or before the second.
	dateOrder = [][2]dateRef{
		{dContract, dShipped}, {dShipped, dSigned}, {dSigned, dAccepted},
		{dContract, dInvoice}, {dContract, dPayment},
	}
)

// checkDates checks that the documents' dates follow the order of events:
// contract ≤ shipped ≤ signed for ≤ accepted, and no invoice or payment
// before the contract.
func checkDates(usable map[DocKind]*CheckDoc) []Finding {
	get := func(r dateRef) (Date, bool) {
		d := usable[r.kind]
		if d == nil {
			return Date{}, false
		}
		v, err := ParseDate(d.Fields[r.field].Value)
		return v, err == nil
	}
	var out []Finding
	for _, p := range dateOrder {
		a, ok1 := get(p[0])
		b, ok2 := get(p[1])
		if !ok1 || !ok2 || !b.Before(a) {
			continue
		}
		out = append(out, Finding{
			Rule: "date.sequence", Severity: SeverityContradiction,
			Message: fmt.Sprintf("%s %s 早于 %s %s (%s %s is before %s %s)",
				p[1].label, b, p[0].label, a, p[1].kind, p[1].field, p[0].kind, p[0].field),
			Detail: map[string]any{
				"earlier": map[string]any{"kind": p[0].kind, "field": p[0].field, "value": a.String()},
				"later":   map[string]any{"kind": p[1].kind, "field": p[1].field, "value": b.String()},
			},
		})
	}
	return out
}

// Identifier is a value that may belong to one order only.
type Identifier struct {
	Kind  string  // invoice_number, tracking_number, payment_serial, payment_receipt, file
	Value string  // normalised
	Doc   DocKind // where it was read
}

// identifierFields are the fields whose values are unique across orders.
var identifierFields = []struct {
	kind  DocKind
	field string
	id    string
	label string
}{
	{KindInvoice, "number", "invoice_number", "发票号码"},
	{KindLogistics, "tracking_no", "tracking_number", "运单号"},
	{KindPayment, "serial", "payment_serial", "交易流水号"},
	{KindPayment, "receipt_no", "payment_receipt", "回单编号"},
}

// Identifiers lists the order's identifiers that no other order may use:
// the numbers read from its documents and the SHA-256 of every file.
func Identifiers(in CheckInput) []Identifier {
	var out []Identifier
	for _, f := range identifierFields {
		d := in.Docs[f.kind]
		if d == nil || !d.Readable {
			continue
		}
		v := strings.ToUpper(strings.Join(strings.Fields(d.Fields[f.field].Value), ""))
		if v != "" {
			out = append(out, Identifier{Kind: f.id, Value: v, Doc: f.kind})
		}
	}
	for _, k := range DocKinds {
		if d := in.Docs[k]; d != nil && d.SHA256 != "" {
			out = append(out, Identifier{Kind: "file", Value: d.SHA256, Doc: k})
		}
	}
	return out
}

// duplicateFinding reports an identifier already held by another order.
func duplicateFinding(id Identifier, otherOrder string) Finding {
	label := "文件"
	for _, f := range identifierFields {
		if f.id == id.Kind {
			label = f.label
		}
	}
	rule := map[string]string{
		"invoice_number": "unique.invoice", "tracking_number": "unique.tracking",
		"payment_serial": "unique.payment", "payment_receipt": "unique.payment", "file": "unique.file",
	}[id.Kind]
	return Finding{
		Rule: rule, Severity: SeverityContradiction,
		Message: fmt.Sprintf("%s %s %s 已用于订单 %s (%s %s %s is already used by order %s)",
			id.Doc.Label(), label, id.Value, otherOrder, id.Doc, id.Kind, id.Value, otherOrder),
		Detail: map[string]any{"kind": id.Doc, "identifier": id.Kind, "value": id.Value, "other_order": otherOrder},
	}
}
