package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/report"
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
	year, err := s.yearParam(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	a, err := s.store.Assessment(r.Context(), year)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="heshi-reserved-shares-%d.csv"`, year))
		if err := report.WriteAssessmentCSV(w, a, reportLang(langOf(r))); err != nil {
			s.log.WarnContext(r.Context(), "assessment csv", "error", err)
		}
		return
	}
	s.render(w, r, "assessment", http.StatusOK, &assessmentPage{Base: s.base(r, "nav.assessment"), A: a, Aim: pipeline.PenetrationAim})
}

// yearParam reads ?year=, this year (in Asia/Shanghai) when none is given.
func (s *Server) yearParam(r *http.Request) (int, error) {
	v := r.URL.Query().Get("year")
	if v == "" {
		return pipeline.DateOf(s.now()).Year, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 2000 || y > 2100 {
		return 0, pipeline.Errorf(pipeline.EInvalid, "year: want a year such as 2021")
	}
	return y, nil
}
