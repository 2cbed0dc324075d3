package samples

// A page is laid out as rows. Every text item of a row is drawn at the same
// baseline, so text extraction that groups by y gets each label with its
// value; a row whose text does not fit is set smaller (down to minSize) or
// split into rows, never wrapped.

// A4 in points, and the printable area.
const (
	pageW, pageH = 595.28, 841.89
	marginX      = 48.0
	marginTop    = 56.0
	contentW     = pageW - 2*marginX
	minSize      = 6.5
	cellPad      = 4.0
)

// textItem is one run of text, drawn from (x, baseline y) measured from the
// page's top left corner, in ink (black if zero).
type textItem struct {
	x, y, size float64
	s          string
	ink        ink
}

// ink is a colour: zero is black, anything else 1<<24 | 0xRRGGBB (see rgb).
type ink uint32

func rgb(r, g, b uint8) ink { return 1<<24 | ink(r)<<16 | ink(g)<<8 | ink(b) }

// components returns the colour's red, green and blue.
func (c ink) components() (r, g, b uint8) { return uint8(c >> 16), uint8(c >> 8), uint8(c) }

// rule is a straight line (table borders), 0.6 pt wide and black.
type rule struct{ x1, y1, x2, y2 float64 }

// stroke is a line of any width and colour, optionally dashed.
type stroke struct {
	x1, y1, x2, y2 float64
	width          float64
	ink            ink
	dash           bool
}

// fill is a filled rectangle (barcode bars, shaded cells), drawn under
// rules and text.
type fill struct {
	x, y, w, h float64
	ink        ink
}

// page is a laid-out document page. The classic layouts use items and
// rules on an A4 page only; the others also strokes, fills, a page size of
// their own and a seal (drawn on scans).
type page struct {
	f       *face
	w, h    float64 // page size in points
	items   []textItem
	rules   []rule
	strokes []stroke
	fills   []fill
	seals   []seal
	fields  []fieldVal // what the document prints, for fields.csv
	layout  string     // the layout's id
	y       float64    // top of the next row
}

func newPage(f *face) *page { return &page{f: f, w: pageW, h: pageH, y: marginTop} }

// kv is a label and its value.
type kv struct{ label, value string }

// rowHeight is the height of a row of text at size.
func rowHeight(size float64) float64 { return size * 2.0 }

// baseline returns the baseline of a row whose top is top.
func baseline(top, size float64) float64 { return top + size*1.35 }

func (p *page) text(x, y, size float64, s string) {
	if s != "" {
		p.items = append(p.items, textItem{x: x, y: y, size: size, s: s})
	}
}

// gap moves down by h points.
func (p *page) gap(h float64) { p.y += h }

// title centres s in a row of its own.
func (p *page) title(s string, size float64) {
	if w := p.f.Width(s, size); w > contentW {
		size *= contentW / w
	}
	p.text((pageW-p.f.Width(s, size))/2, baseline(p.y, size), size, s)
	p.y += rowHeight(size) + 4
}

// line writes a left-aligned row of plain text.
func (p *page) line(s string, size float64) {
	if w := p.f.Width(s, size); w > contentW {
		size = max(minSize, size*contentW/w)
	}
	p.text(marginX, baseline(p.y, size), size, s)
	p.y += rowHeight(size)
}

// rightLine writes a right-aligned row of plain text.
func (p *page) rightLine(s string, size float64) {
	p.text(pageW-marginX-p.f.Width(s, size), baseline(p.y, size), size, s)
	p.y += rowHeight(size)
}

// hrule draws a line across the content width at the current y.
func (p *page) hrule() {
	p.rules = append(p.rules, rule{marginX, p.y, pageW - marginX, p.y})
	p.y += 4
}

// pairText returns how a pair prints with sep between label and value;
// sep "" means the two are separate runs with space between.
func pairWidth(f *face, kv kv, sep string, size float64) float64 {
	if sep == "" {
		return f.Width(kv.label, size) + 2*size + f.Width(kv.value, size)
	}
	return f.Width(kv.label+sep+kv.value, size)
}

// fitSize returns the size at which every width measured by need (at size)
// fits its room, or 0 if that is below minSize.
func fitSize(size float64, need []float64, room []float64) float64 {
	s := size
	for i, n := range need {
		if n > room[i] && n > 0 {
			s = min(s, size*room[i]/n)
		}
	}
	if s < minSize {
		return 0
	}
	return s
}

// pairs writes label/value pairs side by side in equal columns. If they do
// not fit even when set small, each pair gets a row of its own.
func (p *page) pairs(sep string, size float64, kvs ...kv) {
	var live []kv
	for _, x := range kvs {
		if x.label != "" {
			live = append(live, x)
		}
	}
	if len(live) == 0 {
		return
	}
	colW := contentW / float64(len(live))
	need := make([]float64, len(live))
	room := make([]float64, len(live))
	for i, x := range live {
		need[i] = pairWidth(p.f, x, sep, size)
		room[i] = colW - 10
	}
	s := fitSize(size, need, room)
	if s == 0 {
		if len(live) > 1 {
			for _, x := range live {
				p.pairs(sep, size, x)
			}
			return
		}
		s = minSize
	}
	y := baseline(p.y, s)
	for i, x := range live {
		left := marginX + float64(i)*colW
		if sep == "" {
			p.text(left, y, s, x.label)
			p.text(left+p.f.Width(x.label, s)+2*s, y, s, x.value)
		} else {
			p.text(left, y, s, x.label+sep+x.value)
		}
	}
	p.y += rowHeight(s)
}

// grid writes label/value pairs as a bordered table: label cells and value
// cells alternate, every row the same column layout; a row with fewer pairs
// lets its last value span the rest.
func (p *page) grid(size float64, rows ...[]kv) {
	cols, labelW := 0, 0.0
	for _, r := range rows {
		cols = max(cols, len(r))
		for _, x := range r {
			labelW = max(labelW, p.f.Width(x.label, size)+2*cellPad)
		}
	}
	if cols == 0 {
		return
	}
	valueW := (contentW - float64(cols)*labelW) / float64(cols)
	if valueW < 60 { // labels too wide: give values a fair share
		labelW = contentW / float64(cols) * 0.4
		valueW = contentW/float64(cols) - labelW
	}
	top := p.y
	p.rules = append(p.rules, rule{marginX, top, pageW - marginX, top})
	for _, r := range rows {
		need := make([]float64, 0, 2*len(r))
		room := make([]float64, 0, 2*len(r))
		for i, x := range r {
			vw := valueW
			if i == len(r)-1 {
				vw = contentW - float64(i)*(labelW+valueW) - labelW
			}
			need = append(need, p.f.Width(x.label, size), p.f.Width(x.value, size))
			room = append(room, labelW-2*cellPad, vw-2*cellPad)
		}
		s := fitSize(size, need, room)
		if s == 0 {
			s = minSize
		}
		h := rowHeight(size) + 2
		y := p.y + (h-s)/2 + s*0.85
		for i, x := range r {
			cx := marginX + float64(i)*(labelW+valueW)
			p.text(cx+cellPad, y, s, x.label)
			p.text(cx+labelW+cellPad, y, s, x.value)
			p.rules = append(p.rules, rule{cx, p.y, cx, p.y + h}, rule{cx + labelW, p.y, cx + labelW, p.y + h})
		}
		p.rules = append(p.rules, rule{pageW - marginX, p.y, pageW - marginX, p.y + h})
		p.y += h
		p.rules = append(p.rules, rule{marginX, p.y, pageW - marginX, p.y})
	}
	p.y += 6
}

// table writes a table with a header row. right marks right-aligned
// columns. Column widths follow the widest cell, the spare width shared
// out; if the table is too wide, it is set smaller.
func (p *page) table(size float64, borders bool, header []string, right []bool, rows [][]string) {
	n := len(header)
	widths := make([]float64, n)
	measure := func(s float64) float64 {
		total := 0.0
		for c := range n {
			widths[c] = p.f.Width(header[c], s)
			for _, r := range rows {
				if c < len(r) {
					widths[c] = max(widths[c], p.f.Width(r[c], s))
				}
			}
			widths[c] += 2 * cellPad
			total += widths[c]
		}
		return total
	}
	s := size
	if total := measure(s); total > contentW {
		s = max(minSize, s*contentW/total)
		measure(s)
	}
	total := 0.0
	for _, w := range widths {
		total += w
	}
	if spare := contentW - total; spare > 0 {
		for c := range widths {
			widths[c] += spare / float64(n)
		}
	}
	h := rowHeight(s) + 2
	all := append([][]string{header}, rows...)
	if borders {
		p.rules = append(p.rules, rule{marginX, p.y, pageW - marginX, p.y})
	}
	for ri, r := range all {
		y := p.y + (h-s)/2 + s*0.85
		x := marginX
		for c := range n {
			if c < len(r) && r[c] != "" {
				tx := x + cellPad
				if right != nil && right[c] && ri > 0 {
					tx = x + widths[c] - cellPad - p.f.Width(r[c], s)
				}
				p.text(tx, y, s, r[c])
			}
			if borders {
				p.rules = append(p.rules, rule{x, p.y, x, p.y + h})
			}
			x += widths[c]
		}
		if borders {
			p.rules = append(p.rules, rule{x, p.y, x, p.y + h})
		}
		p.y += h
		if borders || ri == 0 {
			p.rules = append(p.rules, rule{marginX, p.y, pageW - marginX, p.y})
		}
	}
	p.y += 6
}

// columns writes rows of two texts: one in the left half of the page, one
// in the right half, on the same baseline (the invoice's parties).
func (p *page) columns(size float64, rows ...[2]string) {
	half := contentW / 2
	for _, r := range rows {
		need := []float64{p.f.Width(r[0], size), p.f.Width(r[1], size)}
		room := []float64{half - 2*cellPad - 6, half - 2*cellPad - 6}
		s := fitSize(size, need, room)
		if s == 0 {
			s = minSize
		}
		y := baseline(p.y, s)
		p.text(marginX+cellPad, y, s, r[0])
		p.text(marginX+half+cellPad+6, y, s, r[1])
		p.y += rowHeight(s)
	}
}

// box draws a rectangle from top to the current y, split in two halves.
func (p *page) box(top float64, split bool) {
	l, r := marginX, pageW-marginX
	p.rules = append(p.rules, rule{l, top, r, top}, rule{l, p.y, r, p.y}, rule{l, top, l, p.y}, rule{r, top, r, p.y})
	if split {
		m := marginX + contentW/2
		p.rules = append(p.rules, rule{m, top, m, p.y})
	}
}

// runes adds every rune the page prints to set.
func (p *page) runes(set map[rune]bool) {
	for _, it := range p.items {
		for _, r := range it.s {
			set[r] = true
		}
	}
}
