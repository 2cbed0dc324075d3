package pdftext

import (
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/ledongthuc/pdf"
)

// Bounds on the work one page may cost. Real procurement documents are far
// below them; a file that reaches one is hostile or broken.
const (
	maxContentBytes = 16 << 20 // decoded content of one page, forms included
	maxOps          = 2 << 20  // content operators interpreted on one page
	maxGlyphs       = 1 << 18  // glyphs shown on one page
	maxFormDepth    = 8        // nesting of form XObjects
	maxTreeDepth    = 32       // nesting of the page tree and of inherited attributes
)

// errBudget aborts interpretation of a page that exceeds a bound.
var errBudget = errors.New("page exceeds the interpretation budget")

// glyph is one shown character in page space, after page rotation, with
// Y increasing upwards.
type glyph struct {
	x, y, w, size float64
	text          string
	space         bool
}

// matrix is a PDF transformation [a b c d e f] as a 3x3 matrix whose third
// column is implicit.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m×n (apply m first, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// apply maps the point (x, y) through m.
func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// gstate is the part of the graphics state that positions text.
type gstate struct {
	ctm                     matrix
	tc, tw, th, tl, tfs, ts float64
	font                    *font
}

// interp interprets the content streams of one page.
type interp struct {
	page   pageInfo
	glyphs []glyph
	ops    int
	bytes  int64
	codes  []glyphCode // scratch
}

// pageInfo is what the interpreter needs to know of a page.
type pageInfo struct {
	v      pdf.Value
	box    [4]float64 // MediaBox: llx lly urx ury
	rotate int        // 0, 90, 180 or 270
}

// run interprets the page's content and returns its glyphs.
func (it *interp) run() (glyphs []glyph, err error) {
	contents := it.page.v.Key("Contents")
	res := inherited(it.page.v, "Resources")
	if err := it.stream(contents, res, identity, 0); err != nil {
		return nil, err
	}
	return it.glyphs, nil
}

// stream interprets one content stream (or array of streams) with the given
// resources and initial CTM.
func (it *interp) stream(strm, res pdf.Value, ctm matrix, depth int) error {
	if strm.Kind() != pdf.Stream && strm.Kind() != pdf.Array {
		return nil
	}
	// Measure the decoded size before interpreting, so that a decompression
	// bomb costs a bounded read rather than unbounded operand stacks.
	n, err := decodedSize(strm, maxContentBytes-it.bytes+1)
	if err != nil {
		return err
	}
	it.bytes += n
	if it.bytes > maxContentBytes {
		return fmt.Errorf("%w: more than %d bytes of content", errBudget, maxContentBytes)
	}

	fonts := map[string]*font{}
	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	var tm, tlm matrix
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		it.ops++
		if it.ops > maxOps {
			panic(fmt.Errorf("%w: more than %d operators", errBudget, maxOps))
		}
		args := popAll(stk)
		num := func(i int) float64 {
			if i < len(args) {
				f := args[i].Float64()
				if !math.IsNaN(f) && !math.IsInf(f, 0) {
					return f
				}
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < 1024 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.ts = num(0)
		case "Tf":
			if len(args) == 2 {
				name := args[0].Name()
				f, ok := fonts[name]
				if !ok {
					f = newFont(res.Key("Font").Key(name))
					fonts[name] = f
				}
				g.font = f
				g.tfs = num(1)
			}
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					g.tl = -num(1)
				}
				tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj", "'", "\"":
			if len(args) == 0 {
				return
			}
			if op != "Tj" {
				if op == "\"" && len(args) == 3 {
					g.tw, g.tc = num(0), num(1)
				}
				tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
				tm = tlm
			}
			it.show(&g, &tm, args[len(args)-1].RawString())
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.Kind() == pdf.String {
					it.show(&g, &tm, x.RawString())
					continue
				}
				tx := -x.Float64() / 1000 * g.tfs * g.th
				tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
			}
		case "Do":
			if len(args) != 1 || depth >= maxFormDepth {
				return
			}
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Key("Subtype").Name() != "Form" {
				return
			}
			m := identity
			if mv := xo.Key("Matrix"); mv.Len() == 6 {
				for i := range m {
					m[i] = mv.Index(i).Float64()
				}
			}
			fres := xo.Key("Resources")
			if fres.Kind() != pdf.Dict {
				fres = res
			}
			if err := it.stream(xo, fres, m.mul(g.ctm), depth+1); err != nil {
				panic(err)
			}
		}
	})
	return nil
}

// show places the glyphs of one shown string and advances the text matrix.
func (it *interp) show(g *gstate, tm *matrix, s string) {
	if g.font == nil {
		g.font = newFont(pdf.Value{})
	}
	it.codes = g.font.split(s, it.codes[:0])
	for _, c := range it.codes {
		if len(it.glyphs) >= maxGlyphs {
			panic(fmt.Errorf("%w: more than %d glyphs", errBudget, maxGlyphs))
		}
		trm := matrix{g.tfs * g.th, 0, 0, g.tfs, 0, g.ts}.mul(*tm).mul(g.ctm)
		x0, y0 := it.rotate(trm.apply(0, 0))
		x1, _ := it.rotate(trm.apply(c.width, 0))
		size := math.Hypot(trm[2], trm[3])
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		if !finite(x0, x1, y0, size) || x1-x0 > maxGlyphWidth {
			continue // a hostile width or matrix: nothing sensible to place
		}
		it.glyphs = append(it.glyphs, glyph{x: x0, y: y0, w: x1 - x0, size: size, text: c.text, space: c.space})

		adv := c.width*g.tfs + g.tc
		if c.space {
			adv += g.tw
		}
		*tm = matrix{1, 0, 0, 1, adv * g.th, 0}.mul(*tm)
	}
}

// maxGlyphWidth is the widest glyph placed, in points (a few A0 pages).
const maxGlyphWidth = 1e4

func finite(fs ...float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

// rotate maps a point of the unrotated page to the page as displayed, with
// the origin at the displayed page's lower left corner.
func (it *interp) rotate(x, y float64) (float64, float64) {
	b := it.page.box
	switch it.page.rotate {
	case 90:
		return y - b[1], b[2] - x
	case 180:
		return b[2] - x, b[3] - y
	case 270:
		return b[3] - y, x - b[0]
	}
	return x - b[0], y - b[1]
}

// decodedSize reads a content stream (or array of them) to count its
// decoded bytes, stopping after limit.
func decodedSize(strm pdf.Value, limit int64) (int64, error) {
	if limit <= 0 {
		return 0, fmt.Errorf("%w: more than %d bytes of content", errBudget, maxContentBytes)
	}
	parts := []pdf.Value{strm}
	if strm.Kind() == pdf.Array {
		parts = parts[:0]
		for i := 0; i < strm.Len() && i < 4096; i++ {
			parts = append(parts, strm.Index(i))
		}
	}
	var total int64
	for _, p := range parts {
		if p.Kind() != pdf.Stream {
			continue
		}
		n, err := io.Copy(io.Discard, io.LimitReader(p.Reader(), limit-total))
		total += n
		if err != nil {
			return total, fmt.Errorf("content stream: %w", err)
		}
		if total >= limit {
			return total, nil
		}
	}
	return total, nil
}

// inherited looks key up in the page dictionary and its ancestors.
func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < maxTreeDepth && !v.IsNull(); i++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}
