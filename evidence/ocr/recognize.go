package ocr

import (
	"fmt"
	"math"
	"sort"
	"unicode"

	ort "github.com/yalue/onnxruntime_go"
)

const (
	recHeight          = 48   // input height of the PP-OCRv4 recogniser
	recMinWidthDefault = 320  // its training width: narrower crops are padded to it
	recMaxWidth        = 3200 // a longer line is squeezed to this width
	recStride          = 8    // input pixels per output time step
	stripMargin        = 0.25 // room added at each end of a box, in box heights
	// recBatchWidth bounds a batch's total input width, so that its output
	// (time steps × 6625 classes × 4 bytes) stays near 16 MB.
	recBatchWidth = 4800
	clsHeight     = 48
	clsWidth      = 192
)

// Normalisation of the recogniser's and classifier's input: [-1, 1].
var (
	halfMean = [3]float32{0.5, 0.5, 0.5}
	halfStd  = [3]float32{0.5, 0.5, 0.5}
)

// strip is a text box as the recogniser sees it: the box's pixels
// sampled along its reading direction.
type strip struct {
	// Where the strip lies on the page: its first pixel column starts at
	// origin, columns advance along dir and rows along down, both unit
	// vectors; length and thick are its extents in page pixels.
	origin          point
	dir, down       point
	length, thick   float64
	vertical, upset bool // read top to bottom / turned half round
}

// makeStrip samples the box r of page for recognition. A box at least 1.5
// times as tall as wide is taken as vertical text and read top to bottom
// (turned a quarter counter-clockwise, as PaddleOCR does); flip reads the
// box upside down.
func makeStrip(page *raster, r rect, flip bool) strip {
	c := r.corners() // top left, top right, bottom right, bottom left
	ux, uy, vx, vy := r.axes()
	s := strip{origin: c[0], dir: point{ux, uy}, down: point{vx, vy}, length: r.w, thick: r.h}
	if r.h >= 1.5*r.w {
		// Columns run down the box, rows from its right side to its left.
		s = strip{origin: c[1], dir: point{vx, vy}, down: point{-ux, -uy}, length: r.h, thick: r.w, vertical: true}
	}
	if flip {
		end := point{s.origin.x + s.dir.x*s.length + s.down.x*s.thick, s.origin.y + s.dir.y*s.length + s.down.y*s.thick}
		s.origin = end
		s.dir = point{-s.dir.x, -s.dir.y}
		s.down = point{-s.down.x, -s.down.y}
		s.upset = true
	}
	return s
}

// padBoxes lengthens each horizontal box at both ends by up to
// stripMargin of its height, into blank space only (up to half the gap
// to a neighbour on its line): the recogniser tends
// to drop a last character that touches the end of its input, and the
// detector's boxes end close to the ink, but a margin that reaches into
// the next box on the line reads that box's first character twice.
func padBoxes(boxes []detBox) {
	type span struct{ u0, u1 float64 }
	out := make([]rect, len(boxes))
	for i, b := range boxes {
		r := b.r
		out[i] = r
		if r.h > r.w {
			continue
		}
		ux, uy, vx, vy := r.axes()
		pad := stripMargin * r.h
		left, right := pad, pad
		for j, o := range boxes {
			if j == i {
				continue
			}
			// o in r's frame.
			u0, u1 := math.Inf(1), math.Inf(-1)
			v0, v1 := math.Inf(1), math.Inf(-1)
			for _, c := range o.r.corners() {
				du, dv := (c.x-r.cx)*ux+(c.y-r.cy)*uy, (c.x-r.cx)*vx+(c.y-r.cy)*vy
				u0, u1 = math.Min(u0, du), math.Max(u1, du)
				v0, v1 = math.Min(v0, dv), math.Max(v1, dv)
			}
			overlap := math.Min(v1, r.h/2) - math.Max(v0, -r.h/2)
			if overlap < 0.3*math.Min(r.h, v1-v0) {
				continue // not on this line
			}
			// Half the gap each, so that two neighbours do not meet.
			if u1 > r.w/2 && u0 > 0 { // ends right of this box
				right = math.Min(right, math.Max(0, (u0-r.w/2)/2))
			}
			if u0 < -r.w/2 && u1 < 0 { // starts left of it
				left = math.Min(left, math.Max(0, (-r.w/2-u1)/2))
			}
		}
		shift := (right - left) / 2
		out[i].w += left + right
		out[i].cx += ux * shift
		out[i].cy += uy * shift
	}
	for i := range boxes {
		boxes[i].r = out[i]
	}
}

// width is the width of the strip rendered at height h: as its aspect
// ratio asks, at most maxW.
func (s *strip) width(h, maxW int) int {
	w := int(math.Ceil(float64(h) * s.length / math.Max(s.thick, 1)))
	return min(max(w, 1), maxW)
}

// render samples the strip at height h and width s.width(h, maxW).
func (s *strip) render(page *raster, h, maxW int) *raster {
	w := s.width(h, maxW)
	kx, ky := s.length/float64(w), s.thick/float64(h)
	return page.warp(w, h, affine{
		ox: s.origin.x, oy: s.origin.y,
		ax: s.dir.x * kx, ay: s.dir.y * kx,
		bx: s.down.x * ky, by: s.down.y * ky,
	})
}

// Char is one recognised character: its text (one rune, or a few for a
// dictionary entry of several), its extent along the line in page pixels
// (X0 to X1 from the start of the word's line box, in reading direction)
// and the recogniser's probability for it.
type Char struct {
	Text   string
	X0, X1 float64
	Conf   float64
}

// lineText is what the recogniser read from one strip.
type lineText struct {
	chars []Char  // X0, X1 in pixels of the rendered strip
	width int     // of the rendered strip
	conf  float64 // mean of the characters' confidences
}

// recognize reads the strips of page in batches, the strips sorted by
// width so that a batch pads little. Each strip is rendered only when its
// batch runs, so memory holds one batch's pixels at a time.
func (e *Engine) recognize(page *raster, strips []strip) ([]lineText, error) {
	out := make([]lineText, len(strips))
	widths := make([]int, len(strips))
	order := make([]int, len(strips))
	for i := range order {
		order[i] = i
		widths[i] = strips[i].width(recHeight, recMaxWidth)
	}
	sort.SliceStable(order, func(a, b int) bool { return widths[order[a]] < widths[order[b]] })
	for start := 0; start < len(order); {
		// The batch is as wide as its widest (last) strip.
		end := start + 1
		for end < len(order) && end-start < e.cfg.RecBatch &&
			(end-start+1)*max(widths[order[end]], e.cfg.RecMinWidth) <= recBatchWidth {
			end++
		}
		if err := e.recognizeBatch(page, strips, order[start:end], out); err != nil {
			return nil, err
		}
		start = end
	}
	return out, nil
}

func (e *Engine) recognizeBatch(page *raster, strips []strip, batch []int, out []lineText) error {
	imgs := make([]*raster, len(batch))
	width := e.cfg.RecMinWidth
	for k, i := range batch {
		imgs[k] = strips[i].render(page, recHeight, recMaxWidth)
		width = max(width, imgs[k].w)
	}
	n := len(batch)
	plane := 3 * recHeight * width
	input := make([]float32, n*plane) // padding stays 0, mid grey
	for k := range batch {
		imgs[k].toCHW(input[k*plane:], width, halfMean, halfStd)
	}
	in, err := ort.NewTensor(ort.NewShape(int64(n), 3, recHeight, int64(width)), input)
	if err != nil {
		return fmt.Errorf("ocr: recognition input: %w", err)
	}
	defer in.Destroy()
	outs := []ort.Value{nil}
	if err := e.rec.Run([]ort.Value{in}, outs); err != nil {
		return fmt.Errorf("ocr: recognition: %w", err)
	}
	defer outs[0].Destroy()
	t, ok := outs[0].(*ort.Tensor[float32])
	if !ok {
		return fmt.Errorf("ocr: recognition output is %T, want float tensor", outs[0])
	}
	shape := t.GetShape()
	if len(shape) != 3 || shape[0] != int64(n) || int(shape[2]) != len(e.dict)+1 {
		return fmt.Errorf("ocr: recognition output shape %v, want [%d T %d]", shape, n, len(e.dict)+1)
	}
	steps, classes := int(shape[1]), int(shape[2])
	data := t.GetData()
	for k, i := range batch {
		// Time steps over the padding can only add noise.
		used := steps
		out[i] = ctcDecode(data[k*steps*classes:(k+1)*steps*classes], used, e.dict)
		out[i].width = imgs[k].w
	}
	return nil
}

// ctcDecode reads one output of the recogniser (steps × classes
// probabilities, class 0 the CTC blank and class i the dictionary's entry
// i-1) greedily: the most probable class at each of the first used steps,
// repeats merged, blanks dropped. A character's confidence is its highest
// probability over the steps it spans, the line's their mean.
func ctcDecode(probs []float32, used int, dict []string) lineText {
	classes := len(dict) + 1
	var lt lineText
	prev := 0
	for t := 0; t < used; t++ {
		row := probs[t*classes : (t+1)*classes]
		best, bp := 0, row[0]
		for c, p := range row {
			if p > bp {
				best, bp = c, p
			}
		}
		switch {
		case best == 0:
		case best == prev && len(lt.chars) > 0:
			ch := &lt.chars[len(lt.chars)-1]
			ch.X1 = float64((t + 1) * recStride)
			ch.Conf = math.Max(ch.Conf, float64(bp))
		default:
			lt.chars = append(lt.chars, Char{
				Text: dict[best-1],
				X0:   float64(t * recStride),
				X1:   float64((t + 1) * recStride),
				Conf: float64(bp),
			})
		}
		prev = best
	}
	lt.chars = fillHoles(lt.chars, func(t0, t1 int) Char { return likeliestWide(probs, dict, t0, min(t1, used)) })
	var sum float64
	for _, c := range lt.chars {
		sum += c.Conf
	}
	if len(lt.chars) > 0 {
		lt.conf = sum / float64(len(lt.chars))
	}
	return lt
}

// holeConf is the least probability a character needs to fill a hole.
const holeConf = 0.15

// fillHoles puts back the characters the decoder dropped in a run of wide
// characters: where two neighbours stand two character widths apart or
// more (centre to centre) and no space was read between them, the
// likeliest wide character of the time steps between them, when it
// reaches holeConf. The recogniser drops an uncommon character that way
// (沅 of 沅江市 after 中国农业银行: blank at 0.66, 沅 at 0.22) while a true
// gap between words has no character near that likely.
//
// likeliest says, of the time steps [t0, t1), the likeliest wide character
// at any of them. Only holes ask, so the decoder's pass over every step
// stays as it was.
func fillHoles(chars []Char, likeliest func(t0, t1 int) Char) []Char {
	em := lineEm(chars)
	var out []Char
	for i, c := range chars {
		if i > 0 {
			p := chars[i-1]
			if isWide(p.Text) && isWide(c.Text) && (c.X0+c.X1-p.X0-p.X1)/2 >= 1.8*em {
				if best := likeliest(int(p.X1)/recStride, int(c.X0)/recStride); best.Conf >= holeConf {
					out = append(out, best)
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// likeliestWide returns the likeliest wide character of dict at any of the
// time steps [t0, t1) of probs, with its time step and probability.
func likeliestWide(probs []float32, dict []string, t0, t1 int) Char {
	classes := len(dict) + 1
	var best Char
	for t := max(t0, 0); t < t1; t++ {
		for c, p := range probs[t*classes+1 : (t+1)*classes] {
			if float64(p) > best.Conf && isWide(dict[c]) {
				best = Char{Text: dict[c], X0: float64(t * recStride), X1: float64((t + 1) * recStride), Conf: float64(p)}
			}
		}
	}
	return best
}

// classify returns, for each strip, the probability that it is upside
// down according to the direction classifier.
func (e *Engine) classify(page *raster, strips []strip) ([]float64, error) {
	if e.cls == nil {
		return nil, fmt.Errorf("ocr: no direction classifier loaded")
	}
	n := len(strips)
	plane := 3 * clsHeight * clsWidth
	input := make([]float32, n*plane)
	for k := range strips {
		img := strips[k].render(page, clsHeight, clsWidth)
		img.toCHW(input[k*plane:], clsWidth, halfMean, halfStd)
	}
	in, err := ort.NewTensor(ort.NewShape(int64(n), 3, clsHeight, clsWidth), input)
	if err != nil {
		return nil, fmt.Errorf("ocr: classifier input: %w", err)
	}
	defer in.Destroy()
	outs := []ort.Value{nil}
	if err := e.cls.Run([]ort.Value{in}, outs); err != nil {
		return nil, fmt.Errorf("ocr: classifier: %w", err)
	}
	defer outs[0].Destroy()
	t, ok := outs[0].(*ort.Tensor[float32])
	if !ok || len(t.GetData()) != 2*n {
		return nil, fmt.Errorf("ocr: classifier output %v, want [%d 2]", outs[0].GetShape(), n)
	}
	d := t.GetData()
	p := make([]float64, n)
	for k := range p {
		p[k] = float64(d[2*k+1])
	}
	return p, nil
}

// isWide reports whether a character is set a full em wide (CJK
// ideographs and punctuation, kana, hangul, full-width forms); Latin
// letters and digits are about half as wide.
func isWide(s string) bool {
	for _, r := range s {
		return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
			unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
			(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
	}
	return false
}
