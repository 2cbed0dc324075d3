package web

import (
	"net/http"
	"strconv"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/report"
)

// statsShow handles GET /api/v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD&top=N&format=json|csv:
// the statement's tables from verified orders only.
func (s *Server) statsShow(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := period(q)
	if err != nil {
		s.error(w, r, err)
		return
	}
	top := 30
	if v := q.Get("top"); v != "" {
		if top, err = strconv.Atoi(v); err != nil || top < 1 || top > 10000 {
			s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "top: want a number from 1 to 10000"))
			return
		}
	}
	st, err := s.store.Stats(r.Context(), p, top)
	if err != nil {
		s.error(w, r, err)
		return
	}
	switch q.Get("format") {
	case "", "json":
		writeJSON(w, http.StatusOK, st)
	case "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="heshi-stats.csv"`)
		if err := report.WriteCSV(w, st); err != nil {
			s.log.WarnContext(r.Context(), "stats csv", "error", err)
		}
	default:
		s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "format: want json or csv"))
	}
}
