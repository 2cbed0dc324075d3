package pipeline

import (
	"encoding/json"
	"time"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/money"
)

// OrderDetail is an order with everything an operator or a supplier needs to
// see: its status and history, its current documents with what was read from
// them, and the findings of its latest check.
type OrderDetail struct {
	Order     Order          `json:"order"`
	Buyer     Buyer          `json:"buyer"`
	Supplier  Supplier       `json:"supplier"`
	Status    Status         `json:"status"`
	Documents []DocumentView `json:"documents"`
	// Lines are the order's lines with their products, for setting beside
	// the documents' lines.
	Lines   []CheckLine    `json:"lines,omitempty"`
	Check   *CheckView     `json:"check,omitempty"`
	History []StatusChange `json:"history"`
	// Notes are what the order's operators should know that changed
	// nothing of its status (another order reusing its invoice).
	Notes []OrderNote `json:"notes,omitempty"`
	// Earlier are the versions of its documents that later uploads
	// replaced, newest first within each kind, with what was read from them.
	Earlier []DocumentView `json:"earlier,omitempty"`
}

// NoteIdentifierReused is an OrderNote's kind: a later order reused one of
// this verified order's identifiers; that order went to review, this one
// stays counted.
const NoteIdentifierReused = "identifier_reused"

// OrderNote is a note on an order, kept in the audit log (order.note).
type OrderNote struct {
	At         time.Time `json:"at"`
	Kind       string    `json:"kind"`
	IDKind     string    `json:"identifier_kind"` // Identifier.Kind: invoice_number, …
	Value      string    `json:"value"`
	OtherOrder string    `json:"other_order"`
}

// DocumentView is a current document with its extraction.
type DocumentView struct {
	Document
	Extracted bool                      `json:"extracted"`
	Source    string                    `json:"source,omitempty"`
	Readable  bool                      `json:"readable"`
	Reason    string                    `json:"reason,omitempty"`
	Fields    map[string]evidence.Field `json:"fields,omitempty"`
	Lines     []evidence.Line           `json:"lines,omitempty"` // the goods table read (invoice, acceptance)
	// Detected is the kind the document's title reads as ("" when none):
	// another than Kind means it was perhaps uploaded as the wrong kind.
	Detected DocKind `json:"detected_kind,omitempty"`
}

// State is where the document stands: being read, read, or unreadable.
func (d *DocumentView) State() DocState {
	switch {
	case !d.Extracted:
		return DocReading
	case d.Readable:
		return DocRead
	}
	return DocUnreadable
}

// CheckView is the latest cross-check of an order.
type CheckView struct {
	ID          int64     `json:"id"`
	EvidenceKey string    `json:"evidence_key"`
	Verdict     Status    `json:"verdict"`
	CheckedAt   time.Time `json:"checked_at"`
	Findings    []Finding `json:"findings"`
}

// StatusChange is one entry of an order's status history.
type StatusChange struct {
	From   Status    `json:"from"`
	To     Status    `json:"to"`
	Actor  string    `json:"actor"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// AuditEntry is one state change in the append-only audit log. Entries form a
// hash chain: each entry's hash is SHA-256 over the previous hash and the
// entry's canonical bytes, which are stored as they were hashed.
type AuditEntry struct {
	Seq     int64           `json:"seq"`
	At      time.Time       `json:"at"`
	Actor   string          `json:"actor"`
	Action  string          `json:"action"`
	Subject string          `json:"subject"`
	Detail  json.RawMessage `json:"detail"`
}

// OrderSubject is the audit log's subject of an order ("order:HN2021000001").
func OrderSubject(orderNo string) string { return "order:" + orderNo }

// Outcome is where an order stands after the pipeline, as scoring a
// generated dataset against its truth needs it.
type Outcome struct {
	OrderNo  string
	Status   Status
	Decided  bool      // an operator decided on it
	Kinds    []DocKind // of its current documents
	Findings []Finding // of its latest check
}

// Expected returns the value the order expects field of a document of
// kind k to read as, where the order says: its total, the parties' names
// and codes, the supplier's registered account, the order number. An
// invoice's amount (金额) is before tax: the order does not say it.
func (d *OrderDetail) Expected(k DocKind, field string) (string, bool) {
	var v string
	switch field {
	case evidence.FieldTotal:
		v = d.Order.Total.String()
	case evidence.FieldAmount:
		if k != KindInvoice {
			v = d.Order.Total.String()
		}
	case evidence.FieldBuyerID:
		v = d.Buyer.USCC
	case evidence.FieldSellerID:
		v = d.Supplier.USCC
	case evidence.FieldPayeeAccount:
		v = d.Supplier.BankAccount
	case evidence.FieldBuyerName:
		v = d.Buyer.Name
	case evidence.FieldSellerName, evidence.FieldPayeeName:
		v = d.Supplier.Name
	case evidence.FieldOrderNo:
		v = d.Order.No
	}
	return v, v != ""
}

// Disagrees reports whether a field of a document of kind k visibly
// contradicts what the order expects (Expected): amounts are compared as
// money; other fields are left to the findings, which know how names and
// codes compare.
func (d *OrderDetail) Disagrees(k DocKind, field, value string) bool {
	if _, ok := d.Expected(k, field); !ok || (field != evidence.FieldTotal && field != evidence.FieldAmount) {
		return false
	}
	got, err := money.ParseYuan(value)
	return err == nil && got != d.Order.Total
}

// ReviewState is what an operator may do with an order in review.
type ReviewState struct {
	Claim     *ClaimInfo // the live claim, if any
	CanClaim  bool       // in review and not held by another
	CanDecide bool       // in review and claimed by the operator
	HeldBy    string     // another operator holding the claim
}

// ReviewStateOf says what actor may do with an order in status st under
// claim c (nil when unclaimed).
func ReviewStateOf(actor Actor, st Status, c *ClaimInfo) ReviewState {
	rs := ReviewState{Claim: c}
	if !actor.CanReview() {
		return rs
	}
	inReview := st == StatusNeedsReview
	mine := c != nil && c.ClaimedBy == actor.Name
	rs.CanDecide = inReview && mine
	rs.CanClaim = inReview && (c == nil || mine) && !rs.CanDecide
	if c != nil && !mine {
		rs.HeldBy = c.ClaimedBy
	}
	return rs
}
