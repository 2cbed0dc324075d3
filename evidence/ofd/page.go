package ofd

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/evidence/xmlinvoice"
)

// mmToPt converts OFD's millimetres to the points of pdftext rows, so
// that thresholds tuned on PDFs apply.
const mmToPt = 72 / 25.4

// Bounds on the text of a document.
const (
	maxGlyphs   = 1 << 18 // glyphs over all pages
	maxDeltaRep = 1 << 12 // the count of one "g N v" run of DeltaX
)

// textObject is a TextObject of a page: its text and the page it is on,
// for custom tags that refer to it by ID.
type textObject struct {
	text string
	page int // from 1
}

// pageText collects the glyphs of the pages.
type pageText struct {
	objects map[string]textObject // by ID
	count   int
}

// box reads "x y w h".
func box(s string) ([4]float64, bool) {
	f := strings.Fields(s)
	var b [4]float64
	if len(f) != 4 {
		return b, false
	}
	for i := range b {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return b, false
		}
		b[i] = v
	}
	return b, true
}

// deltas expands a DeltaX or DeltaY attribute: numbers, and "g N v" for N
// times v.
func deltas(s string) []float64 {
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f); i++ {
		if f[i] == "g" && i+2 < len(f) {
			n, err1 := strconv.Atoi(f[i+1])
			v, err2 := strconv.ParseFloat(f[i+2], 64)
			if err1 == nil && err2 == nil && n > 0 && n <= maxDeltaRep {
				for range n {
					out = append(out, v)
				}
			}
			i += 2
			continue
		}
		if v, err := strconv.ParseFloat(f[i], 64); err == nil {
			out = append(out, v)
		}
		if len(out) > maxDeltaRep {
			break
		}
	}
	return out
}

// glyphs returns the glyphs of one page content tree (a page or a
// template), in millimetres with Y downwards, and records its text
// objects. It stops quietly at maxGlyphs.
func (pt *pageText) glyphs(root *xmlinvoice.Node, page int) []pdftext.Glyph {
	var out []pdftext.Glyph
	for _, obj := range root.All("TextObject") {
		b, ok := box(obj.Attrs["Boundary"])
		if !ok {
			continue
		}
		size, err := strconv.ParseFloat(obj.Attrs["Size"], 64)
		if err != nil || !(size > 0) || size > 1000 {
			size = 3.5
		}
		ctm := [6]float64{1, 0, 0, 1, 0, 0}
		if f := strings.Fields(obj.Attrs["CTM"]); len(f) == 6 {
			for i := range ctm {
				if v, err := strconv.ParseFloat(f[i], 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
					ctm[i] = v
				}
			}
		}
		scale := math.Hypot(ctm[0], ctm[1])
		if !(scale > 0) {
			scale = 1
		}
		var text strings.Builder
		x, y := 0.0, 0.0
		for _, tc := range obj.Kids {
			if tc.Name != "TextCode" {
				continue
			}
			if v, err := strconv.ParseFloat(tc.Attrs["X"], 64); err == nil {
				x = v
			}
			if v, err := strconv.ParseFloat(tc.Attrs["Y"], 64); err == nil {
				y = v
			}
			dx := deltas(tc.Attrs["DeltaX"])
			dy := deltas(tc.Attrs["DeltaY"])
			i := 0
			for _, r := range tc.Text {
				adv := size * runeWidth(r)
				if i < len(dx) {
					adv = dx[i]
				}
				px := b[0] + ctm[0]*x + ctm[2]*y + ctm[4]
				py := b[1] + ctm[1]*x + ctm[3]*y + ctm[5]
				if pt.count >= maxGlyphs {
					return out
				}
				pt.count++
				w := size * runeWidth(r)
				if i < len(dx) && dx[i] > 0 && dx[i] < w {
					w = dx[i]
				}
				out = append(out, pdftext.Glyph{X: px, Y: py, W: w * scale, Size: size * scale, Text: string(r)})
				text.WriteRune(r)
				x += adv
				if i < len(dy) {
					y += dy[i]
				}
				i++
			}
		}
		if id := obj.Attrs["ID"]; id != "" {
			pt.objects[id] = textObject{text: text.String(), page: page}
		}
	}
	return out
}

// runeWidth is a glyph's advance in ems when the file gives none: CJK and
// full-width forms are square, the rest half as wide.
func runeWidth(r rune) float64 {
	if r >= 0x1100 && (unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x30FF) || (r >= 0xFF00 && r <= 0xFF60) || r >= 0x2E80 && r <= 0x2FDF) {
		return 1
	}
	if r == utf8.RuneError {
		return 1
	}
	return 0.5
}

// rows turns a page's glyphs (millimetres, Y downwards, on a page of the
// given size) into pdftext rows (points, Y upwards).
func rows(gs []pdftext.Glyph, page int, width, height float64) []pdftext.Row {
	for i := range gs {
		g := &gs[i]
		g.X *= mmToPt
		g.Y = (height - g.Y) * mmToPt
		g.W *= mmToPt
		g.Size *= mmToPt
	}
	return pdftext.Layout(gs, page, width*mmToPt)
}
