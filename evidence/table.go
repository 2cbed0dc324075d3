package evidence

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// maxTableRows bounds the rows read as one goods table.
const maxTableRows = 500

// totalRowPrefixes start the row that ends a goods table.
var totalRowPrefixes = []string{"合计", "价税合计", "小计", "总计"}

// table is a goods table: the index of its header row and of the totals
// row that ends it, -1 when it has none.
type table struct{ head, end int }

// last returns the index after the table's goods rows.
func (tb table) last(n int) int {
	if tb.end >= 0 {
		return tb.end
	}
	return min(n, tb.head+1+maxTableRows)
}

// tables finds the goods tables, top to bottom: a header row is a row with
// at least three column labels, and a table ends at its totals row (合计,
// 小计…), at a row with a labelled field, at a gap of more than two and a
// half rows, or at the next header (a goods list continued on another page
// repeats its header).
func (rd *reader) tables() []table {
	if rd.cols == nil {
		return nil
	}
	var out []table
	for i := 0; i < len(rd.lines); i++ {
		if !rd.isHeader(rd.lines[i]) {
			continue
		}
		tb := table{head: i, end: -1}
		pitch := 0.0 // the height of the table's first row
	scan:
		for j := i + 1; j < len(rd.lines) && j <= i+maxTableRows; j++ {
			l, prev := rd.lines[j], rd.lines[j-1]
			if rd.isHeader(l) {
				tb.end = j
				break
			}
			if l.row.Page == prev.row.Page {
				dy := prev.row.Y - l.row.Y
				if pitch == 0 {
					pitch = max(dy, 1.2*l.size)
				} else if dy > 2.5*pitch {
					tb.end = j // a gap: what follows is not the table's
					break
				}
			}
			for _, p := range totalRowPrefixes {
				if l.startsWith(p) {
					tb.end = j
					break scan
				}
			}
			if len(rd.labels.find(l)) > 0 {
				tb.end = j
				break
			}
		}
		out = append(out, tb)
		if tb.end < 0 {
			break
		}
		i = tb.end - 1 // the end row may be the next header
	}
	return out
}

// isHeader reports whether l holds at least three column labels, each
// the whole of its cell: a row of fields (单位名称：某学校 供货单位：…)
// is no header.
func (rd *reader) isHeader(l *line) bool {
	var whole []occurrence
	for _, o := range rd.cols.find(l) {
		if l.wholeItem(o) {
			whole = append(whole, o)
		}
	}
	return len(distinctFields(whole)) >= 3
}

func distinctFields(occs []occurrence) map[int]bool {
	m := map[int]bool{}
	for _, o := range occs {
		m[o.field] = true
	}
	return m
}

// column is a header cell of the goods table and the x range it owns.
type column struct {
	col    lineCol
	x0, x1 float64 // the header text
	lo, hi float64 // what the column owns: halfway to its neighbours
}

// goods reads the rows between the header at head and the row at last.
func (rd *reader) goods(x *Extraction, head, last int, boxed map[int]money.Fen) []Line {
	h := rd.lines[head]
	var cols []column
	seen := map[lineCol]bool{}
	for _, o := range rd.cols.find(h) {
		col := rd.spec.columns[o.field].col
		if seen[col] && col != colSkip {
			// Two headers of one column (订货数量 and 实到数量 both read
			// as 数量): the first is taken, the other kept apart, so that
			// their cells are never run together.
			col = colSkip
		}
		seen[col] = true
		cols = append(cols, column{
			col: col,
			x0:  h.xs[o.start],
			x1:  h.xs[o.end-1] + h.ws[o.end-1],
		})
	}
	// A header the lexicon does not know (交货日期, 产地证明) is a column
	// all the same: its cells are kept out of their neighbours'.
	for _, it := range h.row.Items {
		known := false
		for _, c := range cols {
			if it.X < c.x1 && it.X+it.W > c.x0 {
				known = true
				break
			}
		}
		if !known && strings.TrimSpace(it.Text) != "" {
			col := colSkip
			// A header of an amount of goods the lexicon does not know
			// (订购数量, 配送量) is the ordered quantity, or the received
			// one beside it, when the table has neither yet.
			if t := []rune(squeeze(fold(it.Text))); len(t) <= 6 && t[len(t)-1] == '量' {
				for _, c := range []lineCol{colQuantity, colReceived} {
					if !seen[c] && rd.hasColumn(c) {
						col, seen[c] = c, true
						break
					}
				}
			}
			cols = append(cols, column{col: col, x0: it.X, x1: it.X + it.W})
		}
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].x0 < cols[j].x0 })
	// Where does a cell end? Headers centred over their cells (VAT
	// invoices) own the x range halfway to their neighbours' text;
	// headers set at the left of their cells (tables drawn cell by cell)
	// own the range up to the next header. Figures are right-aligned, so
	// the wrong guess puts them one column to the right, and centred text
	// one to the left: take the guess that puts fewer items two to a
	// column, centred on a tie.
	centred := bounds(cols, func(a, b column) float64 { return (a.x1 + b.x0) / 2 })
	leftSet := bounds(cols, func(a, b column) float64 { return b.x0 })
	if clashes(rd.lines[head+1:last], leftSet) < clashes(rd.lines[head+1:last], centred) {
		cols = leftSet
	} else {
		cols = centred
	}

	var out []*cells
	for i := head + 1; i < last; i++ {
		row := rd.lines[i].row
		fen, inBoxes := boxed[i]
		if inBoxes {
			row = withoutBoxes(row, rd.boxesFrom) // the amount is in the boxes
		}
		c := assign(row, cols)
		if inBoxes {
			c.add(colAmount, fen.String())
		}
		if c.empty() {
			continue
		}
		var prev *cells
		if len(out) > 0 {
			prev = out[len(out)-1]
		}
		switch {
		case !c.numeric() && prev != nil:
			// A wrapped name (or a name printed below its figures).
			prev.v[colName] += c.v[colName]
		case c.numeric() && c.v[colName] == "" && prev != nil && !prev.numeric():
			// Figures printed below their name.
			for k, v := range c.v {
				prev.v[k] = v
			}
		default:
			out = append(out, c)
		}
	}

	var lines []Line
	for _, c := range out {
		ln := Line{Name: tidyName(c.v[colName]), Unit: tidy(c.v[colUnit]), TaxRate: squeeze(fold(c.v[colTaxRate]))}
		var probs []string
		ln.Quantity = quantity(c.v[colQuantity], &probs)
		ln.Received = quantity(c.v[colReceived], &probs)
		ln.UnitPrice = unitPrice(c.v[colUnitPrice], &probs)
		ln.Amount = lineAmount(c.v[colAmount], &probs)
		ln.Tax = lineAmount(c.v[colTax], &probs)
		if ln.Name == "" && ln.Amount == "" {
			continue
		}
		if seeList.MatchString(ln.Name) {
			continue // (详见销货清单): the sum of a goods list read separately
		}
		for _, p := range probs {
			x.Problems = append(x.Problems, fmt.Sprintf("line %d: %s", len(x.Lines)+len(lines)+1, p))
		}
		lines = append(lines, ln)
	}
	return lines
}

// withoutBoxes returns row without the single digits and currency marks of
// an amount printed in digit boxes, those at or right of from.
func withoutBoxes(row pdftext.Row, from float64) pdftext.Row {
	items := make([]pdftext.Item, 0, len(row.Items))
	for _, it := range row.Items {
		t := strings.TrimSpace(fold(it.Text))
		if it.X >= from && (len(t) == 1 && t[0] >= '0' && t[0] <= '9' || t == "¥") {
			continue
		}
		items = append(items, it)
	}
	row.Items = items
	return row
}

// bounds returns cols with the ranges they own, the boundary between two
// neighbours placed by split.
func bounds(cols []column, split func(a, b column) float64) []column {
	out := append([]column(nil), cols...)
	for i := range out {
		out[i].lo, out[i].hi = -1e9, 1e9
		if i > 0 {
			out[i].lo = split(out[i-1], out[i])
		}
		if i+1 < len(out) {
			out[i].hi = split(out[i], out[i+1])
		}
	}
	return out
}

// clashes counts the columns that get more than one item of a row.
func clashes(lines []*line, cols []column) int {
	n := 0
	for _, l := range lines {
		count := make([]int, len(cols))
		for _, it := range l.row.Items {
			if j := columnAt(cols, it.X+it.W/2); j >= 0 {
				count[j]++
			}
		}
		for _, c := range count {
			if c > 1 {
				n++
			}
		}
	}
	return n
}

// columnAt returns the index of the column owning x, or -1.
func columnAt(cols []column, x float64) int {
	for j, col := range cols {
		if x >= col.lo && x < col.hi {
			return j
		}
	}
	return -1
}

// assign puts the items of a goods row into columns by their centres.
// Figures are right-aligned in their cells, so a wide one can cross into
// the next column: when a figure column ends up with two items and a
// neighbouring figure column is empty, the outer item moves there.
func assign(row pdftext.Row, cols []column) *cells {
	at := make([][]string, len(cols))
	for _, it := range row.Items {
		t := strings.TrimSpace(it.Text)
		if t == "" {
			continue
		}
		if j := columnAt(cols, it.X+it.W/2); j >= 0 {
			at[j] = append(at[j], t)
		}
	}
	for j := range at {
		if len(at[j]) < 2 || !cols[j].col.figure() {
			continue
		}
		switch {
		case j > 0 && len(at[j-1]) == 0 && cols[j-1].col.figure():
			at[j-1], at[j] = at[j][:1], at[j][1:]
		case j+1 < len(at) && len(at[j+1]) == 0 && cols[j+1].col.figure():
			n := len(at[j]) - 1
			at[j+1], at[j] = at[j][n:], at[j][:n]
		}
	}
	// A name set at the left of a wide cell under a centred header falls
	// under the column before (序号, a number): text that is no number
	// there belongs to the name column next to it.
	for j := 0; j+1 < len(at); j++ {
		if cols[j].col != colSkip || cols[j+1].col != colName || len(at[j+1]) > 0 {
			continue
		}
		var keep, move []string
		for _, t := range at[j] {
			if decimalRe.MatchString(squeeze(fold(t))) {
				keep = append(keep, t)
			} else {
				move = append(move, t)
			}
		}
		if len(move) > 0 && len(keep) <= 1 {
			at[j], at[j+1] = keep, move
		}
	}
	c := &cells{}
	for j, ts := range at {
		for _, t := range ts {
			c.add(cols[j].col, t)
		}
	}
	return c
}

// figure reports whether a column holds figures (right-aligned).
func (c lineCol) figure() bool {
	switch c {
	case colQuantity, colUnitPrice, colAmount, colTaxRate, colTax, colReceived:
		return true
	}
	return false
}

// cells holds the text of one goods row by column.
type cells struct{ v map[lineCol]string }

func (c *cells) add(col lineCol, t string) {
	if col == colSkip {
		return
	}
	if c.v == nil {
		c.v = map[lineCol]string{}
	}
	if c.v[col] != "" {
		t = c.v[col] + " " + t
	}
	c.v[col] = t
}

func (c *cells) empty() bool { return len(c.v) == 0 }

// numeric reports whether the row holds figures, not just a name.
func (c *cells) numeric() bool {
	return c.v[colQuantity] != "" || c.v[colUnitPrice] != "" || c.v[colAmount] != "" || c.v[colReceived] != ""
}

var (
	decimalRe = regexp.MustCompile(`^-?\d+(\.\d+)?$`)
	// seeList matches the line of an invoice whose goods are on a list
	// (销货清单) attached as further pages.
	seeList = regexp.MustCompile(`详见.*清单`)
)

func quantity(s string, probs *[]string) string {
	s = squeeze(fold(s))
	if s == "" {
		return ""
	}
	q, err := money.ParseQty(s)
	if err != nil {
		if decimalRe.MatchString(s) {
			return s // more decimals than a Qty holds: keep as printed
		}
		*probs = append(*probs, fmt.Sprintf("quantity %q does not read", s))
		return s
	}
	return q.String()
}

func unitPrice(s string, probs *[]string) string {
	s = squeeze(fold(s))
	if s == "" {
		return ""
	}
	if f, err := money.ParseFigures(s); err == nil {
		return f.String()
	}
	plain := strings.NewReplacer("¥", "", ",", "", "元", "").Replace(s)
	if decimalRe.MatchString(plain) {
		return plain
	}
	*probs = append(*probs, fmt.Sprintf("unit price %q does not read", s))
	return s
}

func lineAmount(s string, probs *[]string) string {
	s = squeeze(fold(s))
	if s == "" {
		return ""
	}
	if strings.Trim(s, "*") == "" {
		return "0.00" // *** is printed for the tax of an exempt line
	}
	v, p := amount(s)
	if p != "" {
		*probs = append(*probs, p)
	}
	return v
}

// totals reads the row that ends the goods table. On an invoice it holds
// the total amount and total tax (合计 ¥551.89 ¥33.11, or *** for the tax
// when exempt); on a contract or acceptance report its last figure is the
// total, used when no labelled total was found.
func (rd *reader) totals(x *Extraction, l *line, boxed map[int]money.Fen) {
	if !l.startsWith("合计") {
		return
	}
	for k, fen := range boxed {
		if rd.lines[k] == l && (x.Kind == KindContract || x.Kind == KindAcceptance) {
			rd.setVia(x, "total", Field{Value: fen.String(), Text: l.row.Text(), Page: l.row.Page}, viaColumn, "totals row, digit boxes", prioOther)
			return
		}
	}
	var figs []string
	for _, tok := range strings.Fields(strings.ReplaceAll(string(l.runes), "合计", " ")) {
		switch {
		case strings.Trim(tok, "*") == "":
			figs = append(figs, "0.00")
		case figureRe.MatchString(tok) && strings.ContainsAny(tok, "0123456789"):
			if v, p := amount(tok); p == "" {
				figs = append(figs, v)
			}
		}
	}
	if len(figs) == 0 {
		return
	}
	text := l.row.Text()
	switch x.Kind {
	case KindInvoice:
		set(x, "amount", Field{Value: figs[0], Text: text, Page: l.row.Page})
		if len(figs) > 1 {
			set(x, "tax", Field{Value: figs[1], Text: text, Page: l.row.Page})
		}
	case KindContract, KindAcceptance:
		if _, ok := x.Fields["total"]; !ok {
			set(x, "total", Field{Value: figs[len(figs)-1], Text: text, Page: l.row.Page})
		}
	}
}

// missing reports the fields of the kind's contract that were not read,
// but for those documents of the kind often do not print.
func (rd *reader) missing(x *Extraction, foundTable bool) {
	var miss []string
	for _, k := range KindFields[rd.spec.kind] {
		if _, ok := x.Fields[k]; ok || slices.Contains(OptionalFields[rd.spec.kind], k) || rd.optional(k) {
			continue
		}
		miss = append(miss, k)
	}
	sort.Strings(miss)
	for _, k := range miss {
		x.Problems = append(x.Problems, "missing field "+k)
	}
	if rd.spec.columns != nil && len(x.Lines) == 0 {
		if !foundTable {
			x.Problems = append(x.Problems, "no goods table found")
		} else {
			x.Problems = append(x.Problems, "goods table has no lines")
		}
	}
}

// optional reports whether the lexicon marks a field optional.
func (rd *reader) optional(key string) bool {
	e := rd.spec.entry(eField, key)
	return e != nil && e.optional
}

// hasColumn reports whether the kind's tables have a column col.
func (rd *reader) hasColumn(col lineCol) bool {
	for _, c := range rd.spec.columns {
		if c.col == col {
			return true
		}
	}
	return false
}
