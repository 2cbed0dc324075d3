package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/report"
)

// Bar is one bar of a server-rendered chart: drawn in SVG at Y with width
// W (the printable statement), or as a row whose bar is Pct of its track
// (the totals page, legible at any width).
type Bar struct {
	Label string
	Value string
	Link  string
	Y     int
	W     int
	Pct   string // 0–100, for an SVG width attribute (the page's policy allows no inline style)
}

// Chart is a horizontal bar chart drawn as SVG by the template.
type Chart struct {
	Title  string // what it shows, with its unit: its accessible name
	Bars   []Bar
	Height int
}

const chartWidth = 360

func chartOf(title string, n int, label func(int) string, fen func(int) money.Fen, link func(int) string) Chart {
	var max money.Fen
	for i := range n {
		max = maxFen(max, fen(i))
	}
	c := Chart{Title: title, Height: n*24 + 4}
	for i := range n {
		w, pct := 0, 0.0
		if max > 0 {
			w = int(int64(fen(i)) * chartWidth / int64(max))
			pct = 100 * float64(fen(i)) / float64(max)
		}
		c.Bars = append(c.Bars, Bar{Label: label(i), Value: money.GroupDigits(fen(i).Wan()), Link: link(i), Y: i*24 + 2, W: w,
			Pct: strconv.FormatFloat(pct, 'f', 1, 64)})
	}
	return c
}

func maxFen(a, b money.Fen) money.Fen {
	if a > b {
		return a
	}
	return b
}

// totalsPage is the assessor's room: verified totals only, with what is not
// (yet) counted beside each figure.
type totalsPage struct {
	Base
	From, To      string
	Query         template.URL // from=…&to=… for links, kept as it is (an escaped string would become one parameter)
	Stats         *pipeline.Statistics
	Pending       map[string]pipeline.Pending
	CountyChart   Chart
	CategoryChart Chart
	Tables        []string
	Presets       []Preset
	// Sample is the latest sampling round's result: how sure the
	// automatically verified totals are; nil before the first round.
	Sample *pipeline.SampleRound
	// The sums of the tables that add up, for their 合计 rows.
	CountySum   pipeline.CountyRow
	CategorySum pipeline.CategoryRow
	PipelineSum pipeline.StatusRow
}

// Preset is a period the totals offer at one click: this month, quarter
// and year, and last year, in Asia/Shanghai.
type Preset struct {
	Label  string
	Query  template.URL
	Active bool
}

// presets are the periods around today.
func presets(l Lang, today pipeline.Date, chosen pipeline.Period) []Preset {
	y, m := today.Year, today.Month
	q0 := time.Month((int(m)-1)/3*3 + 1)
	end := func(y int, m time.Month) pipeline.Date {
		return pipeline.DateOf(time.Date(y, m+1, 0, 12, 0, 0, 0, pipeline.Shanghai))
	}
	ps := []struct {
		key  string
		from pipeline.Date
		to   pipeline.Date
	}{
		{"preset.month", pipeline.Date{Year: y, Month: m, Day: 1}, end(y, m)},
		{"preset.quarter", pipeline.Date{Year: y, Month: q0, Day: 1}, end(y, q0+2)},
		{"preset.year", pipeline.Date{Year: y, Month: 1, Day: 1}, pipeline.Date{Year: y, Month: 12, Day: 31}},
		{"preset.last_year", pipeline.Date{Year: y - 1, Month: 1, Day: 1}, pipeline.Date{Year: y - 1, Month: 12, Day: 31}},
	}
	out := make([]Preset, len(ps))
	for i, p := range ps {
		per := pipeline.Period{From: p.from, To: p.to}
		out[i] = Preset{Label: l.T(p.key), Query: periodQuery(per), Active: per == chosen}
	}
	return out
}

// Pend says how many orders behind a figure are not counted: in review
// (or still being checked) and rejected; "" when none.
func (p *totalsPage) Pend(key string) string {
	pe := p.Pending[key]
	var parts []string
	if pe.InReview > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", p.Lang.T("in_review"), pe.InReview))
	}
	if pe.Rejected > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", p.Lang.T("rejected"), pe.Rejected))
	}
	return strings.Join(parts, " · ")
}

func period(v url.Values) (pipeline.Period, error) {
	var p pipeline.Period
	var err error
	if s := v.Get("from"); s != "" {
		if p.From, err = pipeline.ParseDate(s); err != nil {
			return p, pipeline.Errorf(pipeline.EInvalid, "from: %v", err)
		}
	}
	if s := v.Get("to"); s != "" {
		if p.To, err = pipeline.ParseDate(s); err != nil {
			return p, pipeline.Errorf(pipeline.EInvalid, "to: %v", err)
		}
	}
	return p, nil
}

// periodQuery is the period as a query string for links; url.Values
// encodes it, so it is safe to put in an href as it is.
func periodQuery(p pipeline.Period) template.URL {
	v := url.Values{}
	if !p.From.IsZero() {
		v.Set("from", p.From.String())
	}
	if !p.To.IsZero() {
		v.Set("to", p.To.String())
	}
	return template.URL(v.Encode()) //nolint:gosec // encoded by url.Values
}

// totalsShow handles GET /totals?from=&to=.
func (s *Server) totalsShow(w http.ResponseWriter, r *http.Request) {
	per, err := period(r.URL.Query())
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := &totalsPage{Base: s.base(r, "nav.totals"), Query: periodQuery(per), Tables: report.Tables}
	p.Presets = presets(p.Lang, pipeline.DateOf(s.now()), per)
	if round, err := s.store.SampleRound(r.Context(), 0); err == nil {
		p.Sample = round
	} else if pipeline.ErrorCodeOf(err) != pipeline.ENotFound {
		s.error(w, r, err)
		return
	}
	if !per.From.IsZero() {
		p.From = per.From.String()
	}
	if !per.To.IsZero() {
		p.To = per.To.String()
	}
	if p.Stats, err = s.store.Stats(r.Context(), per, 30); err != nil {
		s.error(w, r, err)
		return
	}
	if p.Pending, err = s.store.Unverified(r.Context(), per); err != nil {
		s.error(w, r, err)
		return
	}
	p.Stats.AddPendingCategories(p.Pending)
	p.CountySum, p.CategorySum, p.PipelineSum = p.Stats.CountyTotal(), p.Stats.CategoryTotal(), p.Stats.PipelineTotal()
	cs := p.Stats.Counties
	cs = cs[:min(len(cs), 20)]
	p.CountyChart = chartOf(p.Lang.T("chart.counties"), len(cs), func(i int) string { return cs[i].Name },
		func(i int) money.Fen { return cs[i].LocalSales.Fen },
		func(i int) string { return "/totals/orders?supplier_county=" + cs[i].Code + "&" + string(p.Query) })
	cats := p.Stats.Categories
	p.CategoryChart = chartOf(p.Lang.T("chart.categories"), len(cats), func(i int) string { return p.Lang.Category(cats[i].Category) },
		func(i int) money.Fen { return cats[i].Amount.Fen },
		func(i int) string {
			return "/totals/orders?category=" + string(cats[i].Category) + "&" + string(p.Query)
		})
	s.render(w, r, "totals", http.StatusOK, p)
}

// reportLang is the exports' language of a page's.
func reportLang(l Lang) report.Lang {
	if l == LangEN {
		return report.English
	}
	return report.Chinese
}

// totalsExport handles GET /totals/export?table=T&format=csv|xlsx&from=&to=:
// one table, or every table when none is named (XLSX: a sheet each).
func (s *Server) totalsExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	per, err := period(q)
	if err != nil {
		s.error(w, r, err)
		return
	}
	tables := report.Tables
	if t := q.Get("table"); t != "" {
		if !slices.Contains(report.Tables, t) {
			s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "table: want one of %v", report.Tables))
			return
		}
		tables = []string{t}
	}
	st, err := s.store.Stats(r.Context(), per, 30)
	if err != nil {
		s.error(w, r, err)
		return
	}
	name := "heshi-totals"
	if len(tables) == 1 {
		name += "-" + tables[0]
	}
	switch q.Get("format") {
	case "", "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.csv"`, name))
		if err := report.WriteCSVFor(w, st, reportLang(langOf(r)), tables...); err != nil {
			s.log.WarnContext(r.Context(), "totals csv", "error", err)
		}
	case "xlsx":
		var buf bytes.Buffer // written whole first: a failure is a clean error, never half a file
		if err := report.WriteXLSXFor(&buf, st, reportLang(langOf(r)), tables...); err != nil {
			s.error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.xlsx"`, name))
		w.Write(buf.Bytes()) //nolint:errcheck // the client went away
	default:
		s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "format: want csv or xlsx"))
	}
}

// behindPage lists the verified orders behind a figure.
type behindPage struct {
	Base
	Figure pipeline.Figure
	Query  template.URL
	Orders []pipeline.OrderRow
	Total  money.Fen // of every order behind the figure, not only the page's
	Pager  *pager
}

// totalsOrders handles GET /totals/orders?buyer_county|supplier_county|buyer|supplier|category=…&from=&to=.
func (s *Server) totalsOrders(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	per, err := period(q)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := pipeline.Figure{BuyerCounty: q.Get("buyer_county"), SupplierCounty: q.Get("supplier_county"), Buyer: q.Get("buyer"),
		Supplier: q.Get("supplier"), Category: pipeline.Category(q.Get("category"))}
	p := &behindPage{Base: s.base(r, "orders_behind"), Figure: f, Query: periodQuery(per), Pager: newPager("/totals/orders", q)}
	if p.Orders, p.Total, err = s.store.OrdersBehind(r.Context(), per, f, &p.Pager.Page); err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, "orders_behind", http.StatusOK, p)
}
