package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/report"
)

// The annual statement (issue 12): the tables the province publishes of
// its market's year, from verified orders only, as one printable page in
// Chinese (or English): overview, the county table with its charts, the
// budget-unit ranking (top 50), the top 30 suppliers, the categories.

// statementPage is what the statement's template needs.
type statementPage struct {
	Lang      Lang
	Year      int
	Stats     *pipeline.Statistics
	CountySum pipeline.CountyRow
	Charts    []Chart
	Generated string
}

var statementTemplate = template.Must(template.New("statement.html").Funcs(funcs).ParseFS(templateFS, "templates/statement.html"))

// WriteStatement writes the statement of a year's statistics (st, counted
// and ranked over that year: Store.StatementStats) as a standalone HTML page.
func WriteStatement(w io.Writer, st *pipeline.Statistics, year int, lang Lang, generated string) error {
	p := &statementPage{Lang: lang, Year: year, Stats: st, CountySum: st.CountyTotal(), Generated: generated}
	cs := st.Counties
	noLink := func(int) string { return "" }
	county := func(i int) string { return cs[i].Name }
	p.Charts = []Chart{
		chartOf(lang.T("bu_purchase")+lang.T("unit.wan"), len(cs), county, func(i int) money.Fen { return cs[i].BudgetUnitAmount.Fen }, noLink),
		chartOf(lang.T("local_sales")+lang.T("unit.wan"), len(cs), county, func(i int) money.Fen { return cs[i].LocalSales.Fen }, noLink),
	}
	var b bytes.Buffer // whole first: a failure is a clean error, never half a page
	if err := statementTemplate.Execute(&b, p); err != nil {
		return fmt.Errorf("statement: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// statementShow handles GET /totals/statement?year=Y: the printable
// statement of a year (this year when none is given).
func (s *Server) statementShow(w http.ResponseWriter, r *http.Request) {
	year, err := s.yearParam(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	st, err := s.store.StatementStats(r.Context(), pipeline.YearPeriod(year))
	if err != nil {
		s.error(w, r, err)
		return
	}
	generated := s.now().In(pipeline.Shanghai).Format("2006-01-02 15:04")
	if r.URL.Query().Get("format") == "pdf" {
		s.statementPDF(w, r, st, year, generated)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := WriteStatement(w, st, year, langOf(r), generated); err != nil {
		s.error(w, r, err)
	}
}

// statementPDF answers the statement as a PDF, made whole before it is sent.
func (s *Server) statementPDF(w http.ResponseWriter, r *http.Request, st *pipeline.Statistics, year int, generated string) {
	if s.statementFont == nil {
		s.error(w, r, pipeline.Errorf(pipeline.EUnavailable, "no font for the PDF statement: install one (scripts/fonts.sh) or set HESHI_FONT"))
		return
	}
	font, err := s.statementFont()
	if err != nil {
		s.log.WarnContext(r.Context(), "statement font", "error", err)
		s.error(w, r, pipeline.Errorf(pipeline.EUnavailable, "no font for the PDF statement: install one (scripts/fonts.sh) or set HESHI_FONT"))
		return
	}
	var b bytes.Buffer
	if err := report.WriteStatementPDF(&b, st, year, reportLang(langOf(r)), font, generated); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="statement-%d.pdf"`, year))
	w.Write(b.Bytes()) //nolint:errcheck // the client went away
}
