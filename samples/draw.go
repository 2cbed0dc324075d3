package samples

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Drawing primitives of the layouts modelled on real documents. Unlike
// the classic layouts' rows, these place text and lines at coordinates of
// their own (points from the page's top left), in colours, with cells,
// vertical captions, wrapped text, drawn barcodes and QR codes.

// Inks the documents use.
var (
	inkBlack    ink = 0
	inkGray         = rgb(110, 110, 110)
	inkLight        = rgb(232, 232, 232) // shaded cells
	inkBrown        = rgb(150, 80, 40)   // invoice forms
	inkRed          = rgb(200, 30, 30)
	inkGreen        = rgb(0, 130, 80)
	inkOrange       = rgb(230, 120, 20)
	inkPurple       = rgb(90, 40, 120)
	inkTeal         = rgb(0, 120, 130)
	inkCrimson      = rgb(170, 20, 40)
	inkNavy         = rgb(20, 50, 110)
	inkPaleBlue     = rgb(170, 200, 230)
)

// pen is how the page draws lines: width and ink.
type pen struct {
	width float64
	ink   ink
}

var thinPen = pen{0.6, inkBlack}

// seal is a round or oval red seal, drawn on scans over part of the text.
type seal struct {
	cx, cy, rx, ry float64 // centre and radii, points
	arc            string  // along the upper arc
	center         string  // across the middle
	below          string  // a small line under the middle
	star           bool
}

// sized sets the page size (points) for layouts that are not A4.
func (p *page) sized(w, h float64) { p.w, p.h = w, h }

// put writes s with its baseline at y, in ink.
func (p *page) put(x, y, size float64, s string, c ink) {
	if s != "" {
		p.items = append(p.items, textItem{x: x, y: y, size: size, s: s, ink: c})
	}
}

// putC centres s on cx; putR ends it at xr.
func (p *page) putC(cx, y, size float64, s string, c ink) {
	p.put(cx-p.f.Width(s, size)/2, y, size, s, c)
}

func (p *page) putR(xr, y, size float64, s string, c ink) {
	p.put(xr-p.f.Width(s, size), y, size, s, c)
}

// fit returns size, or smaller so that s fits in w (never below 5 points).
func (p *page) fit(s string, size, w float64) float64 {
	if wd := p.f.Width(s, size); wd > w && wd > 0 {
		return max(5, size*w/wd)
	}
	return size
}

// seg draws a line with pe.
func (p *page) seg(x1, y1, x2, y2 float64, pe pen) {
	p.strokes = append(p.strokes, stroke{x1: x1, y1: y1, x2: x2, y2: y2, width: pe.width, ink: pe.ink})
}

// dashed draws a dashed line with pe.
func (p *page) dashed(x1, y1, x2, y2 float64, pe pen) {
	p.strokes = append(p.strokes, stroke{x1: x1, y1: y1, x2: x2, y2: y2, width: pe.width, ink: pe.ink, dash: true})
}

// frame draws the outline of a rectangle.
func (p *page) frame(x, y, w, h float64, pe pen) {
	p.seg(x, y, x+w, y, pe)
	p.seg(x, y+h, x+w, y+h, pe)
	p.seg(x, y, x, y+h, pe)
	p.seg(x+w, y, x+w, y+h, pe)
}

// shade fills a rectangle.
func (p *page) shade(x, y, w, h float64, c ink) {
	p.fills = append(p.fills, fill{x, y, w, h, c})
}

// mid returns the baseline that centres text of size in a cell from top
// to top+h.
func mid(top, h, size float64) float64 { return top + h/2 + size*0.36 }

// vtext stacks the characters of s one per line, centred on cx and spread
// over the height from top to top+h (captions such as 付/款/人).
func (p *page) vtext(cx, top, h, size float64, s string, c ink) {
	rs := []rune(strings.ReplaceAll(s, " ", ""))
	n := float64(len(rs))
	if n == 0 {
		return
	}
	step := min(h/n, size*1.6)
	y0 := top + (h-step*n)/2
	for i, r := range rs {
		p.putC(cx, y0+step*float64(i)+step/2+size*0.36, size, string(r), c)
	}
}

// wrap breaks s into lines no wider than w at size: between characters,
// never inside a run of ASCII letters and digits.
func (p *page) wrap(s string, size, w float64) []string {
	var lines []string
	var cur strings.Builder
	width := 0.0
	for _, tok := range tokens(s) {
		tw := p.f.Width(tok, size)
		// A line never starts with closing punctuation: it stays on the
		// line before, a little over the width.
		if width+tw > w && cur.Len() > 0 && !strings.Contains("，。、；：）》」！？,.;:)", tok) {
			lines = append(lines, cur.String())
			cur.Reset()
			width = 0
		}
		cur.WriteString(tok)
		width += tw
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// tokens splits s into single non-ASCII characters and runs of ASCII.
func tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		ascii := r < utf8.RuneSelf && r != ' '
		if ascii {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		out = append(out, string(r))
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// para writes s wrapped to width w from (x, top) with lines lineH apart
// and returns the y under it.
func (p *page) para(x, top, w, size, lineH float64, s string, c ink) float64 {
	y := top
	for _, l := range p.wrap(s, size, w) {
		p.put(x, y+size*1.1, size, l, c)
		y += lineH
	}
	return y
}

// cell writes s in the cell from (x, top), w by h: aligned l, c or r,
// vertically centred, set smaller if it does not fit.
func (p *page) cell(x, top, w, h, size float64, s string, align byte, c ink) {
	if s == "" {
		return
	}
	const pad = 3
	sz := p.fit(s, size, w-2*pad)
	y := mid(top, h, sz)
	switch align {
	case 'c':
		p.putC(x+w/2, y, sz, s, c)
	case 'r':
		p.putR(x+w-pad, y, sz, s, c)
	default:
		p.put(x+pad, y, sz, s, c)
	}
}

// wrapCell writes s in the cell wrapped to its width, lines centred
// vertically, and reports how many lines it took.
func (p *page) wrapCell(x, top, w, h, size float64, s string, align byte, c ink) int {
	const pad = 3
	lines := p.wrap(s, size, w-2*pad)
	lh := size * 1.25
	y := top + (h-lh*float64(len(lines)))/2 + size
	for _, l := range lines {
		switch align {
		case 'c':
			p.putC(x+w/2, y, size, l, c)
		case 'r':
			p.putR(x+w-pad, y, size, l, c)
		default:
			p.put(x+pad, y, size, l, c)
		}
		y += lh
	}
	return len(lines)
}

// labelAbove writes a cell whose small label sits above its value, and
// frames it with pe unless pe.width is zero.
func (p *page) labelAbove(x, top, w, h float64, label, value string, vsize float64, labelInk ink, pe pen) {
	if pe.width > 0 {
		p.frame(x, top, w, h, pe)
	}
	ls := vsize * 0.72
	p.put(x+4, top+ls+3, ls, label, labelInk)
	vs := p.fit(value, vsize, w-8)
	p.put(x+4, top+h-vs*0.55-3, vs, value, inkBlack)
}

// column of a table drawn with tableAt.
type column struct {
	head  string
	w     float64
	align byte // l, c, r
}

// tableOpts says how tableAt draws.
type tableOpts struct {
	size, rowH float64
	pe         pen
	inner      bool // vertical lines between columns
	rows       bool // horizontal lines between body rows
	outer      bool // the frame
	headInk    ink  // header text
	headFill   ink  // header shading, or 0
	wrap       bool // body cells wrap to more lines (rows grow)
	headRule   bool // a line under the header
}

// tableAt draws a table with a header row from (x, top) and returns the y
// under it. Column widths are scaled to width if they do not add up to it.
func (p *page) tableAt(x, top, width float64, cols []column, body [][]string, o tableOpts) float64 {
	total := 0.0
	for _, c := range cols {
		total += c.w
	}
	ws := make([]float64, len(cols))
	for i, c := range cols {
		ws[i] = c.w * width / total
	}
	if o.headFill != 0 {
		p.shade(x, top, width, o.rowH, o.headFill)
	}
	cx := x
	for i, c := range cols {
		if strings.Contains(c.head, "\n") {
			hs := strings.Split(c.head, "\n")
			for j, h := range hs {
				p.putC(cx+ws[i]/2, top+o.rowH*float64(j+1)/float64(len(hs)+1)+o.size*0.36, p.fit(h, o.size*0.9, ws[i]-4), h, o.headInk)
			}
		} else {
			p.cell(cx, top, ws[i], o.rowH, o.size, c.head, 'c', o.headInk)
		}
		cx += ws[i]
	}
	y := top + o.rowH
	if o.headRule || o.rows || o.outer {
		p.seg(x, y, x+width, y, o.pe)
	}
	for ri, r := range body {
		h := o.rowH
		if o.wrap {
			n := 1
			cx := x
			for i := range cols {
				if i < len(r) && r[i] != "" {
					n = max(n, len(p.wrap(r[i], o.size, ws[i]-6)))
				}
				cx += ws[i]
			}
			h = max(o.rowH, float64(n)*o.size*1.25+6)
		}
		cx := x
		for i, c := range cols {
			if i < len(r) && r[i] != "" {
				if o.wrap && p.f.Width(r[i], o.size) > ws[i]-6 {
					p.wrapCell(cx, y, ws[i], h, o.size, r[i], c.align, inkBlack)
				} else {
					p.cell(cx, y, ws[i], h, o.size, r[i], c.align, inkBlack)
				}
			}
			cx += ws[i]
		}
		y += h
		if o.rows && ri < len(body)-1 {
			p.seg(x, y, x+width, y, o.pe)
		}
	}
	if o.outer {
		p.frame(x, top, width, y-top, o.pe)
	}
	if o.inner {
		cx := x
		for i := range cols[:len(cols)-1] {
			cx += ws[i]
			p.seg(cx, top, cx, y, o.pe)
		}
	}
	return y
}

// hash64 hashes s (for drawings derived from a value: barcodes).
func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// barcode draws a one-dimensional barcode of data from (x, top), w by h:
// a start pattern, eleven modules per character in bars and spaces of one
// to four modules derived from the character and its position, and a stop
// pattern. It looks like a Code 128 symbol but is drawn, not encoded: no
// scanner reads it.
func (p *page) barcode(x, top, w, h float64, data string) {
	var mods []bool
	add := func(widths ...int) {
		bar := true
		for _, n := range widths {
			for range n {
				mods = append(mods, bar)
			}
			bar = !bar
		}
	}
	add(2, 1, 1, 2, 3, 2) // start
	rng := rand.New(rand.NewPCG(hash64(data), 128))
	for range len(data) + 1 { // the characters and a check character
		for {
			ws := []int{1 + rng.IntN(4), 1 + rng.IntN(4), 1 + rng.IntN(4), 1 + rng.IntN(4), 1 + rng.IntN(4)}
			sum := 0
			for _, v := range ws {
				sum += v
			}
			if last := 11 - sum; last >= 1 && last <= 4 {
				add(append(ws, last)...)
				break
			}
		}
	}
	add(2, 3, 3, 1, 1, 1, 2) // stop
	mw := w / float64(len(mods))
	for i := 0; i < len(mods); {
		if !mods[i] {
			i++
			continue
		}
		j := i
		for j < len(mods) && mods[j] {
			j++
		}
		p.shade(x+float64(i)*mw, top, float64(j-i)*mw, h, inkBlack)
		i = j
	}
}

// qr draws something that looks like a QR code, side points wide, from
// seed: the three finder squares and random modules. It encodes nothing.
func (p *page) qr(x, top, side float64, seed string) {
	const n = 25
	m := side / n
	rng := rand.New(rand.NewPCG(hash64(seed), 25))
	corners := [][2]int{{0, 0}, {n - 7, 0}, {0, n - 7}}
	for r := range n {
		for c := range n {
			on, fixed := false, false
			for _, o := range corners {
				fx, fy := c-o[0], r-o[1]
				if fx >= -1 && fx <= 7 && fy >= -1 && fy <= 7 {
					fixed = true
					ring := fx == 0 || fx == 6 || fy == 0 || fy == 6
					inside := fx >= 0 && fx <= 6 && fy >= 0 && fy <= 6
					core := fx >= 2 && fx <= 4 && fy >= 2 && fy <= 4
					on = inside && (ring || core)
				}
			}
			if !fixed {
				on = rng.IntN(2) == 0
			}
			if on {
				p.shade(x+float64(c)*m, top+float64(r)*m, m, m, inkBlack)
			}
		}
	}
}

// stamp adds a seal (drawn on scans).
func (p *page) stamp(s seal) { p.seals = append(p.seals, s) }

// spaced puts a space between the characters of s (form titles: 入 库 单).
func spaced(s string) string { return strings.Join(strings.Split(s, ""), " ") }

// groups writes s in groups of n characters separated by spaces (account
// and tracking numbers as some forms print them).
func groups(s string, n int) string {
	var b strings.Builder
	for i, r := range []rune(s) {
		if i > 0 && i%n == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checkbox prints options with the one chosen ticked: ■合格 □不合格.
func checkbox(options []string, chosen string) string {
	var parts []string
	for _, o := range options {
		mark := "□"
		if o == chosen {
			mark = "■"
		}
		parts = append(parts, mark+o)
	}
	return strings.Join(parts, "  ")
}
