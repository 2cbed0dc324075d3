package web

import "net/http"

// orderShow handles GET /api/v1/orders/{order_no}: the order, its documents
// with what was read, the latest findings and the status history.
func (s *Server) orderShow(w http.ResponseWriter, r *http.Request) {
	det, err := s.store.OrderDetail(r.Context(), actorFrom(r.Context()), r.PathValue("order_no"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, det)
}
