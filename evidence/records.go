package evidence

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// Records: a row of column captions over one record whose cells may wrap
// onto several short rows, as a tracking page lists a shipment:
//
//	运单号码   承运商   发件方          收件方          揽收时间
//	           中国邮政 新化瑶乡农副产品有 溆浦县新塘镇中心小 2021-09-17
//	LB33…CN
//	           EMS      限公司           学              15:29
//
// Each caption's value is its column's text, read top down: the columns
// are split halfway between the captions' centres.

// recordRows are at most this many line heights apart from top to bottom:
// a record's wrapped cells, not a second record below it.
const recordExtent = 1.6

// records returns, for each line that captions a record, the value of
// each of its label occurrences (empty where the column is).
func (rd *reader) records() map[int][]found {
	out := map[int][]found{}
	for i, l := range rd.lines {
		if len(rd.occs[i]) < 3 || rd.over[i] || wholeLabels(l, rd.occs[i]) < 3 {
			continue
		}
		block := rd.recordBlock(i)
		if len(block) == 0 || !mostlyLabels(l, rd.occs[i]) && !underCaptions(rd.lines[block[0]], l) {
			continue
		}
		// Column bounds: halfway between neighbouring captions' centres.
		items := l.row.Items
		centres := make([]float64, len(items))
		for k, it := range items {
			centres[k] = it.X + it.W/2
		}
		bound := func(k int) (float64, float64) {
			lo, hi := math.Inf(-1), math.Inf(1)
			if k > 0 {
				lo = (centres[k-1] + centres[k]) / 2
			}
			if k+1 < len(items) {
				hi = (centres[k] + centres[k+1]) / 2
			}
			return lo, hi
		}
		// Each cell's fragments, top down: a fragment that starts where an
		// earlier one starts continues that cell (a wrapped name wider
		// than its caption); any other falls in its column's bounds.
		cells := make([][]string, len(items))
		var starts []struct {
			x   float64
			col int
		}
		for _, b := range block {
			for _, it := range rd.lines[b].row.Items {
				t := strings.TrimSpace(it.Text)
				if t == "" {
					continue
				}
				col := -1
				for _, s := range starts {
					if math.Abs(s.x-it.X) <= 0.5*l.size {
						col = s.col
					}
				}
				if col < 0 {
					cx := it.X + it.W/2
					for k := range items {
						if lo, hi := bound(k); cx >= lo && cx < hi {
							col = k
						}
					}
					starts = append(starts, struct {
						x   float64
						col int
					}{it.X, col})
				}
				cells[col] = appendCell(cells[col], t)
			}
		}
		vals := make([]found, len(rd.occs[i]))
		for j, o := range rd.occs[i] {
			if c := cells[itemAt(items, o.x)]; len(c) > 0 {
				printed := strings.Join(c, "")
				vals[j] = found{fold(printed), printed, rd.lines[block[0]].row.Text(), l.row.Page, viaBelow}
			}
		}
		out[i] = vals
	}
	return out
}

// mostlyLabels reports whether half the items of l or more are a label
// and nothing else: a row of captions, some perhaps the lexicon does not
// know (状态, 体积), not a row of labels and their values.
func mostlyLabels(l *line, occs []occurrence) bool {
	n := 0
	for _, it := range l.row.Items {
		t := strings.TrimRight(strings.TrimSpace(fold(it.Text)), ":")
		for _, o := range occs {
			if o.x >= it.X-0.1*l.size && o.x < it.X+it.W && utf8.RuneCountInString(t) == o.end-o.start {
				n++
				break
			}
		}
	}
	return 2*n >= len(l.row.Items)
}

// wholeLabels counts the label occurrences of l that are the whole of
// their item.
func wholeLabels(l *line, occs []occurrence) int {
	n := 0
	for _, o := range occs {
		if l.wholeItem(o) {
			n++
		}
	}
	return n
}

// underCaptions reports whether the items of row m stand under the items
// of caption row l, four in five or more, each centred within a caption's
// span (a table's one row of values under its header, some of whose
// captions the lexicon does not know).
func underCaptions(m, l *line) bool {
	if len(m.row.Items) < 3 {
		return false
	}
	n := 0
	for _, v := range m.row.Items {
		cx := v.X + v.W/2
		for _, c := range l.row.Items {
			if cx >= c.X-l.size && cx <= c.X+c.W+l.size {
				n++
				break
			}
		}
	}
	return 5*n >= 4*len(m.row.Items)
}

// recordBlock returns the rows of the record under caption line i: the
// rows that follow it within three line heights (passing over
// rows that stand wholly left of the captions' columns), holding no
// label that a value follows (a status cell's 已签收 is a value), spanning at most recordExtent line heights. None if the first
// such row has fewer than two items (a caption row over a single value is
// read by the labels one by one).
func (rd *reader) recordBlock(i int) []int {
	l := rd.lines[i]
	if len(l.row.Items) == 0 {
		return nil
	}
	left := l.row.Items[0].X - 2*l.size // where the captions' columns begin
	var block []int
	passed := false
	for k := i + 1; k < len(rd.lines); k++ {
		m := rd.lines[k]
		h := math.Max(l.size, m.size)
		if m.row.Page != l.row.Page {
			break
		}
		if len(m.row.Items) == 0 {
			continue // a margin's vertical text, taken out
		}
		if len(block) == 0 {
			if last := m.row.Items[len(m.row.Items)-1]; last.X+last.W < left {
				passed = true // rows of their own left of the columns (自 …, 至 …)
				continue
			}
		}
		if rd.labelsValue(k) {
			break
		}
		if len(block) == 0 {
			gap := 3 * h
			if passed {
				gap = 7 * h // a tall row whose left cells hold rows of their own
			}
			if l.row.Y-m.row.Y > gap || len(m.row.Items) < 2 {
				return nil
			}
		} else if rd.lines[block[0]].row.Y-m.row.Y > recordExtent*h {
			break
		}
		block = append(block, k)
	}
	sort.Ints(block)
	return block
}

// itemAt returns the index of the item that x falls in: the last one
// starting at or left of it.
func itemAt(items []pdftext.Item, x float64) int {
	k := 0
	for n, it := range items {
		if it.X <= x+0.01 {
			k = n
		}
	}
	return k
}

// appendCell adds a fragment of a cell to its earlier ones: straight on
// where a Chinese word wraps (新化瑶乡农副产品有|限公司), after a space
// otherwise (2021-09-17 15:29).
func appendCell(parts []string, s string) []string {
	if len(parts) == 0 {
		return append(parts, s)
	}
	last, _ := utf8.DecodeLastRuneInString(parts[len(parts)-1])
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.Is(unicode.Han, last) && unicode.Is(unicode.Han, first) {
		return append(parts, s)
	}
	return append(parts, " "+s)
}

// labelsValue reports whether a value follows a label on line k: the row
// is a row of fields, not of a record's cells.
func (rd *reader) labelsValue(k int) bool {
	for j := range rd.occs[k] {
		if f, _ := rd.lines[k].value(rd.occs[k], j, 0); f != "" {
			return true
		}
	}
	return false
}
