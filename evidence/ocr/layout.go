package ocr

import (
	"math"
	"sort"
	"strings"
)

// Word splitting. Character extents come from CTC time steps, which mark
// where a character was read rather than where its ink starts and ends,
// so gaps are measured between character centres less the expected
// advance: an em for an ideograph, a little over half an em for a Latin
// letter or digit. The em is the line's own median ideograph pitch when
// it has a few, else a fraction of the strip height (which includes the
// detector's margin).
const (
	emOfStrip = 0.75 // em / strip height, without a measured pitch
	narrowEm  = 0.55 // advance of a narrow character, in em
	splitGap  = 0.6  // a gap wider than this many em starts a new word
)

// lineEm returns the em of a line in strip pixels: the median distance
// between the centres of neighbouring ideographs, within half to 1.3
// times the strip height; emOfStrip of the height with fewer than three.
func lineEm(chars []Char) float64 {
	var d []float64
	for i := 1; i < len(chars); i++ {
		if isWide(chars[i-1].Text) && isWide(chars[i].Text) {
			d = append(d, (chars[i].X0+chars[i].X1-chars[i-1].X0-chars[i-1].X1)/2)
		}
	}
	if len(d) < 3 {
		return emOfStrip * recHeight
	}
	sort.Float64s(d)
	return math.Min(math.Max(d[len(d)/2], 0.5*recHeight), 1.3*recHeight)
}

// placeWords splits a recognised line into words at spaces and wide gaps
// (a vertical line is kept whole) and gives each its box in the deskewed
// page frame.
func placeWords(s strip, lt lineText, frame deskewFrame) []Word {
	k := s.length / float64(max(lt.width, 1)) // page pixels per strip pixel
	em := lineEm(lt.chars)
	adv := func(c Char) float64 {
		if isWide(c.Text) {
			return em
		}
		return narrowEm * em
	}
	// Group the characters.
	var groups [][]Char
	var cur []Char
	for _, c := range lt.chars {
		if strings.TrimSpace(c.Text) == "" {
			if len(cur) > 0 && !s.vertical {
				groups = append(groups, cur)
				cur = nil
			}
			continue
		}
		// A column of vertical text stays one word: split, its pieces
		// would fall on different lines.
		if len(cur) > 0 && !s.vertical {
			p := cur[len(cur)-1]
			gap := (c.X0+c.X1)/2 - (p.X0+p.X1)/2 - (adv(p)+adv(c))/2
			if gap > splitGap*em {
				groups = append(groups, cur)
				cur = nil
			}
		}
		cur = append(cur, c)
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}

	at := func(along, across float64) point {
		return frame.apply(point{
			s.origin.x + s.dir.x*along + s.down.x*across,
			s.origin.y + s.dir.y*along + s.down.y*across,
		})
	}
	words := make([]Word, 0, len(groups))
	for gi, g := range groups {
		// The detector's box ends are better than the time steps.
		a0, a1 := g[0].X0*k, g[len(g)-1].X1*k
		if gi == 0 {
			a0 = 0
		}
		if gi == len(groups)-1 {
			a1 = s.length
		}
		a1 = math.Min(math.Max(a1, a0), s.length)
		x0, y0 := math.Inf(1), math.Inf(1)
		x1, y1 := math.Inf(-1), math.Inf(-1)
		for _, p := range []point{at(a0, 0), at(a1, 0), at(a1, s.thick), at(a0, s.thick)} {
			x0, y0 = math.Min(x0, p.x), math.Min(y0, p.y)
			x1, y1 = math.Max(x1, p.x), math.Max(y1, p.y)
		}
		var text strings.Builder
		chars := make([]Char, len(g))
		var sum float64
		for i, c := range g {
			text.WriteString(c.Text)
			sum += c.Conf
			p0, p1 := at(c.X0*k, s.thick/2), at(c.X1*k, s.thick/2)
			c0, c1 := p0.x, p1.x
			if s.vertical {
				c0, c1 = p0.y, p1.y
			}
			if c0 > c1 {
				c0, c1 = c1, c0
			}
			chars[i] = Char{Text: c.Text, X0: c0, X1: c1, Conf: c.Conf}
		}
		words = append(words, Word{
			Text: text.String(),
			X:    x0, Y: y0, W: x1 - x0, H: y1 - y0,
			Conf:     sum / float64(len(g)),
			Chars:    chars,
			Vertical: s.vertical,
		})
	}
	return words
}

// orderWords sorts words into reading order, top to bottom and left to
// right, and numbers their visual lines. A word joins the line whose mean
// centre is nearest its own, within half the lower of the two heights
// (so a line slightly curved or tilted still holds together, and two
// lines set close do not merge).
func orderWords(words []Word) {
	type line struct {
		sumY, sumH float64
		n          int
		members    []int
	}
	idx := make([]int, len(words))
	for i := range idx {
		idx[i] = i
	}
	cy := func(i int) float64 { return words[i].Y + words[i].H/2 }
	sort.SliceStable(idx, func(a, b int) bool { return cy(idx[a]) < cy(idx[b]) })
	var lines []*line
	for _, i := range idx {
		w := words[i]
		var best *line
		bestD := math.Inf(1)
		// Lines more than a few heights above cannot take the word.
		for j := len(lines) - 1; j >= 0; j-- {
			l := lines[j]
			ly, lh := l.sumY/float64(l.n), l.sumH/float64(l.n)
			if cy(i)-ly > 3*math.Max(lh, w.H) {
				break
			}
			d := math.Abs(cy(i) - ly)
			if d <= 0.5*math.Min(lh, w.H) && d < bestD {
				best, bestD = l, d
			}
		}
		if best == nil {
			best = &line{}
			lines = append(lines, best)
		}
		best.sumY += cy(i)
		best.sumH += w.H
		best.n++
		best.members = append(best.members, i)
	}
	sort.SliceStable(lines, func(a, b int) bool {
		return lines[a].sumY/float64(lines[a].n) < lines[b].sumY/float64(lines[b].n)
	})
	out := make([]Word, 0, len(words))
	for li, l := range lines {
		sort.SliceStable(l.members, func(a, b int) bool { return words[l.members[a]].X < words[l.members[b]].X })
		for _, i := range l.members {
			w := words[i]
			w.Line = li
			out = append(out, w)
		}
	}
	copy(words, out)
}
