package pipeline

import (
	"fmt"
	"strings"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/pdftext"
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
	Source    string // what the fields were read from: evidence.SourcePDFText, SourceOCR…
	Fields    map[string]evidence.Field
	Lines     []evidence.Line // the goods table, when the kind has one
	// Layout is the document's text as read, for finding a value the order
	// expects (Resolve); Slips are the documents of a page holding several.
	Layout []pdftext.Row
	Slips  []evidence.Extraction
	// Integrity is the result of re-hashing the stored object: nil when it
	// matches the SHA-256 recorded at upload.
	Integrity error
}

// CheckInput is everything the cross-check of one order reads.
type CheckInput struct {
	Order Order
	// Lines are the order's lines with their registered products; empty
	// when not known (the line rules then check nothing).
	Lines    []CheckLine
	Buyer    Buyer
	Supplier Supplier
	// BuyerDivision and SupplierDivision are the parties' registered
	// divisions; zero when not known.
	BuyerDivision, SupplierDivision Division
	// SameDay are the other orders of the same buyer and supplier dated the
	// same day (orders.split).
	SameDay []Order
	// Today is the date of the check (date.future); zero skips that rule.
	Today Date
	Docs  map[DocKind]*CheckDoc
}

// CheckLine is an order line with the product it names.
type CheckLine struct {
	OrderLine
	Name     string   // the product's registered name
	Category Category // one of the six, when the data is sound
	Unit     string
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
	{KindInvoice, evidence.FieldNumber, "invoice_number", "发票号码"},
	{KindLogistics, evidence.FieldTrackingNo, "tracking_number", "运单号"},
	{KindPayment, evidence.FieldSerial, "payment_serial", "交易流水号"},
	{KindPayment, evidence.FieldReceiptNo, "payment_receipt", "回单编号"},
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

// DuplicateFinding reports an identifier already held by another order.
func DuplicateFinding(id Identifier, otherOrder string) Finding {
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

// VerdictResult is what recording a verdict did.
type VerdictResult struct {
	Status   Status    // the order's status afterwards
	Recorded bool      // false when the evidence set was stale or already checked
	Findings []Finding // recorded, with those the identifier claims added
}
