package web

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/heshi-verify/heshi/pipeline"
)

// fieldRow is one field read from a document beside the order's value.
type fieldRow struct {
	Kind       pipeline.DocKind
	Field      string
	Value      string
	Text       string
	Page       int
	OrderValue string
	Mismatch   bool
}

// docPanel is one of the five documents on the order page.
type docPanel struct {
	Kind     pipeline.DocKind
	Doc      *pipeline.DocumentView
	State    pipeline.DocState
	IsPDF    bool
	IsImage  bool
	Fields   []fieldRow
	Findings []pipeline.Finding
	// Detected is the kind the document's title reads as when it differs
	// from the kind chosen on upload.
	Detected pipeline.DocKind
	// Versions are every version of the document, newest first, each with
	// what changed from the one before; shown when there is more than one.
	Versions []pipeline.DocChange
}

// orderPage is an order as each role sees it: the supplier corrects, the
// operator decides, the assessor reads.
type orderPage struct {
	Base
	Detail   *pipeline.OrderDetail
	Docs     []docPanel
	Findings []pipeline.Finding
	Claim    *pipeline.ClaimInfo
	// Busy is true while the workers have something left to do for the
	// order (a document being read, the cross-check pending): the page
	// refreshes itself until it is not.
	Busy      bool
	Decisions []pipeline.DecisionView
	// Request is an operator's open request for a document: the order is
	// back with its supplier, awaiting it.
	Request   *pipeline.DecisionView
	MaxUpload int64
	CanUpload bool
	CanClaim  bool // an operator, the order in review, not held by another
	CanDecide bool // the operator holds the claim
	HeldBy    string
	// VerifiedAt is when the order was last verified; Changed what of its
	// evidence was uploaded after that, against the version verified.
	VerifiedAt time.Time
	Changed    []pipeline.DocChange
	// Why is the reason of the order's last transition, said where the
	// findings are when there are none (an order back in review because
	// its evidence changed, not because a rule found something).
	Why string
}

// newOrderPage builds the order page's view from what the domain says of
// the order: the five documents with their fields beside the order's
// values, the findings by document, and what the viewer may do.
func newOrderPage(base Base, det *pipeline.OrderDetail, review pipeline.ReviewState,
	decisions []pipeline.DecisionView, maxUpload int64) *orderPage {
	p := &orderPage{Base: base, Detail: det, MaxUpload: maxUpload, Decisions: decisions,
		Claim: review.Claim, CanClaim: review.CanClaim, CanDecide: review.CanDecide, HeldBy: review.HeldBy,
		CanUpload: base.Actor.Role != pipeline.RoleAssessor, Busy: det.Status == pipeline.StatusChecking}
	p.Title += " " + det.Order.No
	if n := len(decisions); n > 0 && decisions[n-1].Decision == pipeline.DecisionRequestDocument && det.Status == pipeline.StatusAwaitingDocuments {
		p.Request = &decisions[n-1]
	}
	if det.Check != nil {
		p.Findings = det.Check.Findings
	}
	p.VerifiedAt, p.Changed = det.ChangedSinceVerified()
	if n := len(det.History); n > 0 && det.Status != pipeline.StatusVerified {
		p.Why = det.History[n-1].Reason
	}
	for _, k := range pipeline.DocKinds {
		dp := p.docPanel(k)
		if dp.State == pipeline.DocReading {
			p.Busy = true
		}
		p.Docs = append(p.Docs, dp)
	}
	return p
}

// docPanel builds the panel of one kind of document (adding the finding of
// a document whose title reads as another kind to the page's findings).
func (p *orderPage) docPanel(k pipeline.DocKind) docPanel {
	det := p.Detail
	dp := docPanel{Kind: k, State: pipeline.DocMissing}
	for i := range det.Documents {
		if det.Documents[i].Kind == k {
			dp.Doc = &det.Documents[i]
		}
	}
	for _, f := range p.Findings {
		if f.Detail != nil && f.Detail["kind"] == string(k) {
			dp.Findings = append(dp.Findings, f)
		}
	}
	d := dp.Doc
	if d == nil {
		return dp
	}
	dp.State = d.State()
	if vs := det.VersionChanges(k); len(vs) > 1 {
		dp.Versions = vs
	}
	if dk := d.Detected; dk != "" && dk != k {
		dp.Detected = dk
		f := pipeline.Finding{Rule: "kind.detected", Severity: pipeline.SeverityWarning,
			Message: fmt.Sprintf("%s: %s ≠ %s", d.OriginalName, p.Lang.Kind(k), p.Lang.Kind(dk)),
			Detail:  map[string]any{"kind": string(k), "detected": string(dk)}}
		dp.Findings = append(dp.Findings, f)
		p.Findings = append(p.Findings, f)
	}
	dp.IsPDF = d.MediaType == "application/pdf"
	dp.IsImage = strings.HasPrefix(d.MediaType, "image/")
	for name, f := range d.Fields {
		want, _ := det.Expected(k, name)
		row := fieldRow{Kind: k, Field: name, Value: f.Value, Text: f.Text, Page: f.Page, OrderValue: want, Mismatch: det.Disagrees(k, name, f.Value)}
		for _, fd := range dp.Findings {
			if fd.Detail["field"] == name && fd.Severity != pipeline.SeverityInfo {
				row.Mismatch = true
			}
		}
		dp.Fields = append(dp.Fields, row)
	}
	slices.SortFunc(dp.Fields, func(a, b fieldRow) int { return cmp.Compare(a.Field, b.Field) })
	return dp
}
