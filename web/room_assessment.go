package web

import (
	"net/http"
	"strconv"

	"github.com/heshi-verify/heshi/pipeline"
)

// assessmentPage is the assessor's view of a year's reserved shares and
// penetration.
type assessmentPage struct {
	Base
	A   *pipeline.Assessment
	Aim float64
}

// assessmentShow handles GET /totals/assessment?year=Y (this year when
// none is given).
func (s *Server) assessmentShow(w http.ResponseWriter, r *http.Request) {
	year := pipeline.DateOf(s.now()).Year
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 2000 || y > 2100 {
			s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "year: want a year such as 2021"))
			return
		}
		year = y
	}
	a, err := s.store.Assessment(r.Context(), year)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, "assessment", http.StatusOK, &assessmentPage{Base: s.base(r, "nav.assessment"), A: a, Aim: pipeline.PenetrationAim})
}
