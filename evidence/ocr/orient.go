package ocr

import (
	"sort"
	"time"
)

// orientSample is how many of the largest line boxes decide whether the
// page is upside down.
const orientSample = 12

// orient stands the page upright. A page whose line boxes are mostly
// tall and thin lies on its side: it is turned a quarter clockwise and
// detected again. Then the direction classifier looks at the largest
// lines; when most look upside down, the recogniser confirms it (upside
// down text reads with a clearly lower confidence) before the page is
// turned half round. It returns the page, its boxes, the clockwise
// rotation applied in degrees and the time spent detecting again.
func (e *Engine) orient(page *raster, boxes []detBox) (*raster, []detBox, int, time.Duration, error) {
	rotation := 0
	var det time.Duration
	if sideways(boxes) {
		t := time.Now()
		page = page.rotate(1)
		rotation = 90
		var err error
		if boxes, err = e.detect(page); err != nil {
			return nil, nil, 0, 0, err
		}
		det = time.Since(t)
	}
	up, err := e.upsideDown(page, boxes)
	if err != nil {
		return nil, nil, 0, 0, err
	}
	if up {
		page = page.rotate(2)
		rotation += 180
		for i := range boxes {
			// A rectangle turned half round about the page centre keeps its
			// size and angle.
			boxes[i].r.cx = float64(page.w) - boxes[i].r.cx
			boxes[i].r.cy = float64(page.h) - boxes[i].r.cy
		}
	}
	return page, boxes, rotation, det, nil
}

// sideways reports whether the boxes are mostly tall and thin: lines of a
// page turned a quarter (or columns of vertical writing, which documents
// here do not use for their body).
func sideways(boxes []detBox) bool {
	tall, wide := 0, 0
	for _, b := range boxes {
		switch {
		case b.r.h >= 2*b.r.w:
			tall++
		case b.r.w >= 2*b.r.h:
			wide++
		}
	}
	return tall >= 3 && tall > 2*wide
}

// upsideDown decides whether the upright-looking page is in fact turned
// half round.
func (e *Engine) upsideDown(page *raster, boxes []detBox) (bool, error) {
	var sample []rect
	for _, b := range boxes {
		if b.r.w >= 2*b.r.h {
			sample = append(sample, b.r)
		}
	}
	if len(sample) == 0 {
		return false, nil
	}
	sort.SliceStable(sample, func(i, j int) bool { return sample[i].w*sample[i].h > sample[j].w*sample[j].h })
	if len(sample) > orientSample {
		sample = sample[:orientSample]
	}
	strips := make([]strip, len(sample))
	for i, r := range sample {
		strips[i] = makeStrip(page, r, false)
	}
	if e.cls != nil {
		p, err := e.classify(page, strips)
		if err != nil {
			return false, err
		}
		votes := 0
		for _, v := range p {
			if v > 0.5 {
				votes++
			}
		}
		if 2*votes <= len(p) {
			return false, nil
		}
	}
	// Read the sample both ways; the right way reads with more confidence.
	asIs, err := e.recognize(page, strips)
	if err != nil {
		return false, err
	}
	flipped := make([]strip, len(sample))
	for i, r := range sample {
		flipped[i] = makeStrip(page, r, true)
	}
	turned, err := e.recognize(page, flipped)
	if err != nil {
		return false, err
	}
	return meanConf(turned) > meanConf(asIs), nil
}

// meanConf is the mean confidence of the lines' characters, counting a
// line with no characters as one character of confidence 0.
func meanConf(lines []lineText) float64 {
	var sum float64
	n := 0
	for _, l := range lines {
		if len(l.chars) == 0 {
			n++
			continue
		}
		for _, c := range l.chars {
			sum += c.Conf
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}
