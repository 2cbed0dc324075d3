package web

import (
	"cmp"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// supplierPage is the supplier's room: its orders and their documents.
type supplierPage struct {
	Base
	Orders []pipeline.SupplierOrder
}

// supplierList handles GET /supplier.
func (s *Server) supplierList(w http.ResponseWriter, r *http.Request) {
	p := &supplierPage{Base: s.base(r, "nav.supplier")}
	var err error
	if p.Orders, err = s.store.SupplierOrders(r.Context(), p.Actor, 500); err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, "supplier", http.StatusOK, p)
}

// fieldRow is one field read from a document beside the order's value.
type fieldRow struct {
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
	MaxUpload int64
	CanUpload bool
	CanClaim  bool // an operator, the order in review, not held by another
	CanDecide bool // the operator holds the claim
	HeldBy    string
}

// orderShowPage handles GET /orders/{order_no}.
func (s *Server) orderShowPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := &orderPage{Base: s.base(r, "order"), MaxUpload: s.maxUploadBytes}
	det, err := s.store.OrderDetail(ctx, p.Actor, r.PathValue("order_no"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	p.Detail, p.Title = det, p.Title+" "+det.Order.No
	if det.Check != nil {
		p.Findings = det.Check.Findings
	}
	orderValues := map[string]string{
		"total": det.Order.Total.String(), "amount": det.Order.Total.String(),
		"buyer_id": det.Buyer.USCC, "seller_id": det.Supplier.USCC, "payee_account": det.Supplier.BankAccount,
		"buyer_name": det.Buyer.Name, "seller_name": det.Supplier.Name, "payee_name": det.Supplier.Name,
		"order_no": det.Order.No,
	}
	var docIDs []int64
	for _, d := range det.Documents {
		docIDs = append(docIDs, d.ID)
	}
	problems, err := s.store.ExtractionProblems(ctx, docIDs)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p.Busy = det.Status == pipeline.StatusChecking
	for _, k := range pipeline.DocKinds {
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
		if d := dp.Doc; d != nil {
			switch {
			case !d.Extracted:
				dp.State = pipeline.DocReading
			case d.Readable:
				dp.State = pipeline.DocRead
			default:
				dp.State = pipeline.DocUnreadable
			}
			if dp.State == pipeline.DocReading {
				p.Busy = true
			}
			if dk := detectedKind(problems[d.ID]); dk != "" && dk != k {
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
				row := fieldRow{Field: name, Value: f.Value, Text: f.Text, Page: f.Page, OrderValue: orderValues[name]}
				for _, fd := range dp.Findings {
					if fd.Detail["field"] == name && fd.Severity != pipeline.SeverityInfo {
						row.Mismatch = true
					}
				}
				if (name == "total" || name == "amount") && row.OrderValue != "" {
					if got, err := money.ParseYuan(f.Value); err == nil && got != det.Order.Total {
						row.Mismatch = true
					}
				}
				dp.Fields = append(dp.Fields, row)
			}
			slices.SortFunc(dp.Fields, func(a, b fieldRow) int { return cmp.Compare(a.Field, b.Field) })
		}
		p.Docs = append(p.Docs, dp)
	}
	switch p.Actor.Role {
	case pipeline.RoleSupplier:
		p.CanUpload = true
	case pipeline.RoleOperator, pipeline.RoleAdmin:
		p.CanUpload = true
		if p.Claim, err = s.store.ClaimOf(ctx, det.Order.No); err != nil {
			s.error(w, r, err)
			return
		}
		inReview := det.Status == pipeline.StatusNeedsReview
		p.CanDecide = inReview && p.Claim != nil && p.Claim.ClaimedBy == p.Actor.Name
		if p.CanDecide {
			// Opening the order is working on it: the claim runs from now.
			exp, err := s.store.RenewClaim(ctx, p.Actor, det.Order.No, pipeline.ClaimTTL)
			if err != nil {
				s.error(w, r, err)
				return
			}
			p.Claim.ExpiresAt = exp
		}
		p.CanClaim = inReview && (p.Claim == nil || p.Claim.ClaimedBy == p.Actor.Name) && !p.CanDecide
		if p.Claim != nil && p.Claim.ClaimedBy != p.Actor.Name {
			p.HeldBy = p.Claim.ClaimedBy
		}
	}
	if p.Actor.Role != pipeline.RoleAssessor {
		if p.Decisions, err = s.store.Decisions(ctx, det.Order.No); err != nil {
			s.error(w, r, err)
			return
		}
	}
	s.render(w, r, "order", http.StatusOK, p)
}

// documentFile handles GET /documents/{id}/file: the stored object, proxied
// from object storage after the same check as reading the order, shown
// inline with its recorded media type. The bucket is never public.
func (s *Server) documentFile(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.error(w, r, pipeline.Errorf(pipeline.ENotFound, "no such document"))
		return
	}
	doc, err := s.store.GetDocument(ctx, id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if _, err := s.store.OrderDetail(ctx, actorFrom(ctx), doc.OrderNo); err != nil {
		s.error(w, r, err)
		return
	}
	obj, err := s.objects.Open(ctx, doc.ObjectKey)
	if err != nil {
		s.error(w, r, err)
		return
	}
	defer obj.Close()
	mt := doc.MediaType
	if !inlineTypes[mt] {
		mt = "application/octet-stream"
	}
	w.Header().Set("Content-Type", mt)
	w.Header().Set("Content-Length", strconv.FormatInt(doc.Size, 10))
	w.Header().Set("Content-Disposition", "inline; filename*=UTF-8''"+urlPathEscape(cmp.Or(doc.OriginalName, string(doc.Kind))))
	w.Header().Set("Cache-Control", "private, max-age=300")
	if _, err := io.Copy(w, obj); err != nil {
		s.log.WarnContext(ctx, "document proxy", "document_id", id, "error", err)
	}
}

// inlineTypes are the media types shown inline as themselves; anything else
// is sent as bytes to download.
var inlineTypes = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true}

func urlPathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(c)|0x100, 16)[1:]))
		}
	}
	return b.String()
}
