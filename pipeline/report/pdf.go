package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// The annual statement as a printable PDF (issue 12): the same tables as
// the HTML statement, on A4 pages set in a CJK TrueType font, tables
// broken across pages with their header repeated, and the county charts
// as horizontal bars.

// statement sections and labels: key → {Chinese, English}.
var statementNames = map[string][2]string{
	"title":      {"湖南省政府采购电子卖场乡村振兴馆交易情况", "Hunan e-market for rural revitalization: the year's trade"},
	"basis":      {"本表只计入经五证核实的订单。", "Only orders whose five documents were verified count."},
	"generated":  {"生成于", "Generated"},
	"overview":   {"一、总体情况", "1. Overview"},
	"counties":   {"二、各县（市、区）情况", "2. Counties"},
	"units":      {"三、预算单位采购排名（前50名）", "3. Budget units by purchases (top 50)"},
	"pref_units": {"（一）市州本级预算单位采购排名（前20名）", "Prefectures' own budget units (top 20)"},
	"cty_units":  {"（二）县级预算单位采购排名（前20名）", "County budget units (top 20)"},
	"suppliers":  {"四、供应商销售排名（前30名）", "4. Suppliers by sales (top 30)"},
	"categories": {"五、分品类情况", "5. Categories"},
	"chart_bu":   {"各县（市、区）预算单位采购额（万元）", "Budget-unit purchases by county (10k yuan)"},
	"chart_ls":   {"各县（市、区）本地产品销售额（万元）", "Local product sales by county (10k yuan)"},
	"page":       {"第 %d 页", "page %d"},
}

func (l Lang) st(key string) string { return statementNames[key][l] }

// A4 in points, and the page's margins.
const (
	pdfW, pdfH       = 595.28, 841.89
	pdfMargin        = 42.0
	pdfBottom        = pdfH - pdfMargin - 14 // above the page number
	pdfRowH, pdfFont = 15.0, 8.5
)

// pdfCol is a column of a table drawn in the PDF: its title, its share of
// the page's width, and whether its figures align right.
type pdfCol struct {
	title string
	width float64
	right bool
}

// statementPDF draws the statement page after page.
type statementPDF struct {
	gp   *gopdf.GoPdf
	lang Lang
	y    float64
	page int
	err  error
}

const pdfFamily = "statement"

// WriteStatementPDF writes the statement of a year's statistics (st,
// counted and ranked over that year: Store.StatementStats) as a PDF set in
// font (a TrueType font with Chinese glyphs; a collection must be reduced to
// one face first). The whole document is made before anything is written.
func WriteStatementPDF(w io.Writer, st *pipeline.Statistics, year int, lang Lang, font []byte, generated string) error {
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	gp.SetInfo(gopdf.PdfInfo{Title: fmt.Sprintf("%s %d", lang.st("title"), year), Producer: "heshi"})
	if err := gp.AddTTFFontData(pdfFamily, font); err != nil {
		return fmt.Errorf("statement pdf: font: %w", err)
	}
	p := &statementPDF{gp: gp, lang: lang}
	p.newPage()
	p.text(pdfW/2, 15, fmt.Sprintf("%s %d", lang.st("title"), year), true)
	p.y += 8
	p.text(pdfMargin, 8, lang.st("basis")+" "+lang.st("generated")+" "+generated, false)
	p.y += 6

	p.heading(lang.st("overview"))
	_, sum, err := Table(st, "summary")
	if err != nil {
		return err
	}
	var rows [][]string
	for _, r := range sum {
		rows = append(rows, []string{lang.say(r[0]), groupFigure(r[0], r[1])})
	}
	p.table([]pdfCol{{lang.say("figure"), 0.6, false}, {lang.say("value"), 0.4, true}}, rows, -1)

	p.heading(lang.st("counties"))
	rows = rows[:0]
	for _, c := range st.Counties {
		rows = append(rows, []string{c.City, c.Name, wan(c.BudgetUnitAmount.Fen), wan(c.LocalSales.Fen), count(c.SuppliersAdmitted), count(c.SupplierOrders)})
	}
	t := st.CountyTotal()
	rows = append(rows, []string{lang.say(TotalRow), "", wan(t.BudgetUnitAmount.Fen), wan(t.LocalSales.Fen), count(t.SuppliersAdmitted), count(t.SupplierOrders)})
	p.table([]pdfCol{{lang.say("city"), 0.2, false}, {lang.say("county"), 0.18, false}, {lang.say("budget_unit_purchase_wan_yuan"), 0.18, true},
		{lang.say("local_product_sales_wan_yuan"), 0.18, true}, {lang.say("suppliers_admitted"), 0.12, true}, {lang.say("supplier_orders"), 0.14, true}}, rows, len(rows)-1)
	p.chart(lang.st("chart_bu"), st.Counties, func(c pipeline.CountyRow) money.Fen { return c.BudgetUnitAmount.Fen })
	p.chart(lang.st("chart_ls"), st.Counties, func(c pipeline.CountyRow) money.Fen { return c.LocalSales.Fen })

	ranking := func(title string, list []pipeline.PartyRow) {
		p.heading(title)
		rows = rows[:0]
		for i, r := range list {
			rows = append(rows, []string{strconv.Itoa(i + 1), r.Name, wan(r.Amount.Fen), count(r.Orders)})
		}
		p.table([]pdfCol{{lang.say("rank"), 0.1, true}, {lang.say("name"), 0.55, false}, {lang.say("amount_wan_yuan"), 0.2, true}, {lang.say("orders"), 0.15, true}}, rows, -1)
	}
	ranking(lang.st("units"), st.BudgetUnits)
	if len(st.PrefectureUnits) > 0 {
		ranking(lang.st("pref_units"), st.PrefectureUnits)
	}
	if len(st.CountyUnits) > 0 {
		ranking(lang.st("cty_units"), st.CountyUnits)
	}
	ranking(lang.st("suppliers"), st.Suppliers)

	p.heading(lang.st("categories"))
	rows = rows[:0]
	for _, c := range st.Categories {
		label := c.Label
		if lang == English {
			label = string(c.Category)
		}
		rows = append(rows, []string{label, wan(c.Amount.Fen), count(c.Orders)})
	}
	ct := st.CategoryTotal()
	rows = append(rows, []string{lang.say(TotalRow), wan(ct.Amount.Fen), count(ct.Orders)})
	p.table([]pdfCol{{lang.say("label"), 0.4, false}, {lang.say("amount_wan_yuan"), 0.35, true}, {lang.say("orders"), 0.25, true}}, rows, len(rows)-1)
	if p.err != nil {
		return fmt.Errorf("statement pdf: %w", p.err)
	}
	var b bytes.Buffer
	if _, err := gp.WriteTo(&b); err != nil {
		return fmt.Errorf("statement pdf: %w", err)
	}
	_, err = w.Write(b.Bytes())
	return err
}

func wan(f money.Fen) string { return money.GroupDigits(f.Wan()) }
func count(n int64) string   { return money.GroupDigits(strconv.FormatInt(n, 10)) }
func groupFigure(key, v string) string {
	if kindOf(key) == colText {
		n, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			return count(n)
		}
	}
	return money.GroupDigits(v)
}

// newPage starts a page with its number at the foot.
func (p *statementPDF) newPage() {
	p.gp.AddPage()
	p.page++
	p.y = pdfMargin
	p.font(8)
	p.gp.SetTextColor(110, 110, 110)
	s := fmt.Sprintf(p.lang.st("page"), p.page)
	wd, _ := p.gp.MeasureTextWidth(s)
	p.gp.SetXY(pdfW/2-wd/2, pdfH-pdfMargin+4)
	p.try(p.gp.Text(s))
	p.gp.SetTextColor(0, 0, 0)
}

func (p *statementPDF) try(err error) {
	if err != nil && p.err == nil {
		p.err = err
	}
}

func (p *statementPDF) font(size float64) { p.try(p.gp.SetFont(pdfFamily, "", size)) }

// room starts a new page unless h points are left on this one.
func (p *statementPDF) room(h float64) {
	if p.y+h > pdfBottom {
		p.newPage()
	}
}

// text writes one line at x (its centre when centred) and moves down.
func (p *statementPDF) text(x, size float64, s string, centred bool) {
	p.font(size)
	if centred {
		wd, _ := p.gp.MeasureTextWidth(s)
		x -= wd / 2
	}
	p.gp.SetXY(x, p.y+size) // gopdf's text stands on its y
	p.try(p.gp.Text(s))
	p.y += size * 1.6
}

func (p *statementPDF) heading(s string) {
	p.room(12*2 + pdfRowH*3) // a heading is never left alone at a page's foot
	p.y += 10
	p.text(pdfMargin, 12, s, false)
	p.y += 2
}

// table draws rows under a shaded header, breaking across pages with the
// header repeated; the row at index bold (the total; -1 for none) is shaded.
func (p *statementPDF) table(cols []pdfCol, rows [][]string, bold int) {
	width := pdfW - 2*pdfMargin
	header := func() { p.header(cols, width) }
	p.room(pdfRowH * 2)
	header()
	for i, r := range rows {
		if p.y+pdfRowH > pdfBottom {
			p.newPage()
			header()
		}
		if i == bold {
			p.shadeRow(width, 244, 244, 244)
		}
		p.row(cols, width, func(c int) string { return r[c] })
	}
	p.y += 4
}

func (p *statementPDF) shadeRow(width float64, r, g, b uint8) { p.shade(width, pdfRowH, r, g, b) }

func (p *statementPDF) shade(width, h float64, r, g, b uint8) {
	p.gp.SetFillColor(r, g, b)
	p.gp.RectFromUpperLeftWithStyle(pdfMargin, p.y, width, h, "F")
	p.gp.SetFillColor(0, 0, 0)
}

// header writes a table's shaded header row, each title wrapped to its
// column over as many lines as it takes (units make titles long).
func (p *statementPDF) header(cols []pdfCol, width float64) {
	p.font(pdfFont)
	lines := make([][]string, len(cols))
	n := 1
	for i, c := range cols {
		lines[i] = wrapText(p.gp, c.title, c.width*width-6)
		n = max(n, len(lines[i]))
	}
	lineH := pdfFont + 2.5
	h := float64(n)*lineH + 5
	p.shade(width, h, 235, 240, 246)
	x := pdfMargin
	for i, c := range cols {
		w := c.width * width
		for j, l := range lines[i] {
			tx := x + 3
			if c.right {
				wd, _ := p.gp.MeasureTextWidth(l)
				tx = x + w - 3 - wd
			}
			p.gp.SetXY(tx, p.y+3+float64(j+1)*lineH-2)
			p.try(p.gp.Text(l))
		}
		x += w
	}
	p.y += h
}

// wrapText breaks s into lines that fit w points: before its unit in
// brackets first (预算单位采购额 / （万元）), then by characters.
func wrapText(gp *gopdf.GoPdf, s string, w float64) []string {
	if wd, _ := gp.MeasureTextWidth(s); wd <= w {
		return []string{s}
	}
	if i := strings.Index(s, "（"); i > 0 {
		return append(wrapChars(gp, s[:i], w), wrapChars(gp, s[i:], w)...)
	}
	return wrapChars(gp, s, w)
}

// wrapChars breaks s, by characters, into lines that fit w points.
func wrapChars(gp *gopdf.GoPdf, s string, w float64) []string {
	var out []string
	line := []rune{}
	for _, r := range s {
		next := append(line, r)
		if wd, _ := gp.MeasureTextWidth(string(next)); wd > w && len(line) > 0 {
			out = append(out, string(line))
			next = []rune{r}
		}
		line = next
	}
	return append(out, string(line))
}

// row writes one row of cells, each cut to its column, with a rule below.
func (p *statementPDF) row(cols []pdfCol, width float64, cell func(int) string) {
	p.font(pdfFont)
	x := pdfMargin
	for i, c := range cols {
		w := c.width * width
		s := fitText(p.gp, cell(i), w-6)
		tx := x + 3
		if c.right {
			wd, _ := p.gp.MeasureTextWidth(s)
			tx = x + w - 3 - wd
		}
		p.gp.SetXY(tx, p.y+pdfRowH/2+pdfFont*0.36)
		p.try(p.gp.Text(s))
		x += w
	}
	p.gp.SetLineWidth(0.4)
	p.gp.SetStrokeColor(190, 190, 190)
	p.gp.Line(pdfMargin, p.y+pdfRowH, pdfMargin+width, p.y+pdfRowH)
	p.gp.SetStrokeColor(0, 0, 0)
	p.y += pdfRowH
}

// fitText cuts s, by characters, to fit w points, marking the cut.
func fitText(gp *gopdf.GoPdf, s string, w float64) string {
	if wd, _ := gp.MeasureTextWidth(s); wd <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if wd, _ := gp.MeasureTextWidth(string(r) + "…"); wd <= w {
			break
		}
	}
	return string(r) + "…"
}

// chart draws the counties with a figure above zero as horizontal bars,
// largest first, each labelled with its county and value.
func (p *statementPDF) chart(title string, counties []pipeline.CountyRow, fig func(pipeline.CountyRow) money.Fen) {
	var cs []pipeline.CountyRow
	for _, c := range counties {
		if fig(c) > 0 {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return
	}
	slices.SortStableFunc(cs, func(a, b pipeline.CountyRow) int { return cmp.Compare(fig(b), fig(a)) })
	top := fig(cs[0])
	const barH, gap, labelW, valueW = 8.0, 3.0, 90.0, 60.0
	p.room(12*2 + (barH+gap)*4)
	p.y += 12
	p.text(pdfMargin, 10, title, false)
	p.y += 2
	track := pdfW - 2*pdfMargin - labelW - valueW
	for _, c := range cs {
		if p.y+barH+gap > pdfBottom {
			p.newPage()
		}
		p.font(7)
		p.gp.SetXY(pdfMargin, p.y+barH-1)
		p.try(p.gp.Text(fitText(p.gp, c.Name, labelW-4)))
		w := track * float64(fig(c)) / float64(top)
		p.gp.SetFillColor(47, 111, 79)
		p.gp.RectFromUpperLeftWithStyle(pdfMargin+labelW, p.y, max(w, 0.5), barH, "F")
		p.gp.SetFillColor(0, 0, 0)
		p.gp.SetXY(pdfMargin+labelW+w+4, p.y+barH-1)
		p.try(p.gp.Text(wan(fig(c))))
		p.y += barH + gap
	}
	p.y += 4
}
