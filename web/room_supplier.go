package web

import (
	"cmp"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/pipeline"
)

// supplierPage is the supplier's room: its orders and their documents.
type supplierPage struct {
	Base
	Orders []pipeline.SupplierOrder
	Pager  *pager
}

// supplierList handles GET /supplier.
func (s *Server) supplierList(w http.ResponseWriter, r *http.Request) {
	p := &supplierPage{Base: s.base(r, "nav.supplier"), Pager: newPager("/supplier", r.URL.Query())}
	var err error
	if p.Orders, err = s.store.SupplierOrders(r.Context(), p.Actor, &p.Pager.Page); err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, "supplier", http.StatusOK, p)
}

// orderShowPage handles GET /orders/{order_no}.
func (s *Server) orderShowPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	base := s.base(r, "order")
	det, err := s.store.OrderDetail(ctx, base.Actor, r.PathValue("order_no"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	review, err := s.store.OpenReview(ctx, base.Actor, det.Order.No, det.Status, pipeline.ClaimTTL)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var decisions []pipeline.DecisionView
	if base.Actor.Role != pipeline.RoleAssessor {
		if decisions, err = s.store.Decisions(ctx, det.Order.No); err != nil {
			s.error(w, r, err)
			return
		}
	}
	s.render(w, r, "order", http.StatusOK, newOrderPage(base, det, review, decisions, s.maxUploadBytes))
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
	sum, err := hex.DecodeString(doc.SHA256)
	if err != nil {
		s.error(w, r, fmt.Errorf("document %d: recorded SHA-256 %q: %w", id, doc.SHA256, err))
		return
	}
	// Checked before the status line: a missing object or one of another
	// size is an error page, not a short 200.
	obj, err := s.objects.OpenVerified(ctx, doc.ObjectKey, doc.Size, sum)
	if err != nil {
		s.error(w, r, fmt.Errorf("document %d: %w", id, err))
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
		if errors.Is(err, objstore.ErrAltered) {
			// The object was altered in storage: its last bytes are held
			// back, so the client, promised Content-Length bytes, sees a
			// broken transfer rather than a complete altered copy.
			s.log.ErrorContext(ctx, "document proxy: stored object altered", "document_id", id, "order_no", doc.OrderNo, "key", doc.ObjectKey, "error", err)
			panic(http.ErrAbortHandler)
		}
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
