package ocr

import (
	"fmt"
	"math"
	"sort"

	ort "github.com/yalue/onnxruntime_go"
)

// Normalisation of the detection model's input (ImageNet statistics, in
// the B, G, R order of toCHW).
var (
	detMean = [3]float32{0.485, 0.456, 0.406}
	detStd  = [3]float32{0.229, 0.224, 0.225}
)

// dbParams are the DB (differentiable binarisation) post-processing
// parameters; PaddleOCR's defaults are 0.3, 0.6, 1.5, 3 and 1000.
type dbParams struct {
	thresh      float32 // a pixel is text when its probability exceeds this
	boxThresh   float64 // a box is kept when its mean probability exceeds this
	unclipRatio float64 // how far to grow the shrunk text kernel back out
	minSize     float64 // boxes with a shorter side (in map pixels) are dropped
	maxBoxes    int     // at most this many boxes, the largest first
	dilate      bool    // grow the text mask by a pixel before labelling
}

// detBox is a detected text region in page pixels with its mean
// probability.
type detBox struct {
	r     rect
	score float64
}

// detSize returns the size to run detection at for a w×h page: scaled
// down so that the longer side is at most maxSide, then each side rounded
// to a multiple of 32 (the network's stride), at least 32.
func detSize(w, h, maxSide int) (int, int) {
	ratio := 1.0
	if m := max(w, h); maxSide > 0 && m > maxSide {
		ratio = float64(maxSide) / float64(m)
	}
	round32 := func(v int) int {
		r := int(math.Round(float64(v)*ratio/32)) * 32
		return max(r, 32)
	}
	return round32(w), round32(h)
}

// detect finds the text regions of page.
func (e *Engine) detect(page *raster) ([]detBox, error) {
	dw, dh := detSize(page.w, page.h, e.cfg.DetMaxSide)
	small := page.resize(dw, dh)
	input := make([]float32, 3*dw*dh)
	small.toCHW(input, dw, detMean, detStd)
	small = nil

	in, err := ort.NewTensor(ort.NewShape(1, 3, int64(dh), int64(dw)), input)
	if err != nil {
		return nil, fmt.Errorf("ocr: detection input: %w", err)
	}
	defer in.Destroy()
	outs := []ort.Value{nil}
	if err := e.det.Run([]ort.Value{in}, outs); err != nil {
		return nil, fmt.Errorf("ocr: detection: %w", err)
	}
	defer outs[0].Destroy()
	out, ok := outs[0].(*ort.Tensor[float32])
	if !ok {
		return nil, fmt.Errorf("ocr: detection output is %T, want float tensor", outs[0])
	}
	shape := out.GetShape()
	if len(shape) != 4 || shape[2] != int64(dh) || shape[3] != int64(dw) {
		return nil, fmt.Errorf("ocr: detection output shape %v for input %dx%d", shape, dw, dh)
	}
	boxes := dbBoxes(out.GetData(), dw, dh, e.db)

	// Back to page pixels. The two scales differ slightly (rounding to 32),
	// so the corners are scaled and the rectangle refitted.
	sx, sy := float64(page.w)/float64(dw), float64(page.h)/float64(dh)
	for i := range boxes {
		c := boxes[i].r.corners()
		pts := make([]point, 4)
		for k, p := range c {
			pts[k] = point{p.x * sx, p.y * sy}
		}
		boxes[i].r = minAreaRect(pts)
	}
	return boxes, nil
}

// dbBoxes turns the probability map of the DB head (w×h, row-major) into
// text boxes in map pixels: threshold, connected components, the minimum
// area rectangle of each, its mean probability as score, then the
// rectangle grown by the unclip distance (the network predicts a kernel
// shrunk by that distance, area·ratio/perimeter, from each side).
func dbBoxes(prob []float32, w, h int, p dbParams) []detBox {
	mask := make([]bool, w*h)
	for i, v := range prob[:w*h] {
		mask[i] = v > p.thresh
	}
	if p.dilate {
		dilate2x2(mask, w, h)
	}
	comps := components(mask, w, h)
	mask = nil
	// The largest components first, when there are too many.
	if p.maxBoxes > 0 && len(comps) > p.maxBoxes {
		size := func(rs []run) int {
			n := 0
			for _, r := range rs {
				n += r.x1 - r.x0 + 1
			}
			return n
		}
		sort.SliceStable(comps, func(i, j int) bool { return size(comps[i]) > size(comps[j]) })
		comps = comps[:p.maxBoxes]
	}

	var boxes []detBox
	for _, rs := range comps {
		// A component must span minSize pixels both ways to be worth a hull.
		y0, y1 := rs[0].y, rs[len(rs)-1].y
		x0, x1 := rs[0].x0, rs[0].x1
		for _, r := range rs {
			x0, x1 = min(x0, r.x0), max(x1, r.x1)
		}
		if float64(y1-y0+1) < p.minSize || float64(x1-x0+1) < p.minSize {
			continue
		}
		r := minAreaRect(runPoints(rs))
		if math.Min(r.w, r.h) < p.minSize {
			continue
		}
		score := meanInRect(prob, w, h, r)
		if score < p.boxThresh {
			continue
		}
		d := r.w * r.h * p.unclipRatio / (2 * (r.w + r.h))
		r.w += 2 * d
		r.h += 2 * d
		if math.Min(r.w, r.h) < p.minSize+2 {
			continue
		}
		boxes = append(boxes, detBox{r: r, score: score})
	}
	return boxes
}

// meanInRect is the mean of the map over the pixels whose centres lie in r.
func meanInRect(prob []float32, w, h int, r rect) float64 {
	bx0, by0, bx1, by1 := r.bounds()
	x0, y0 := max(int(math.Floor(bx0)), 0), max(int(math.Floor(by0)), 0)
	x1, y1 := min(int(math.Ceil(bx1)), w-1), min(int(math.Ceil(by1)), h-1)
	var sum float64
	n := 0
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			if r.contains(point{float64(x) + 0.5, float64(y) + 0.5}) {
				sum += float64(prob[y*w+x])
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// dilate2x2 grows the mask in place by one pixel right and down (a 2×2
// structuring element, as PaddleOCR's use_dilation), which joins the
// pieces a thin or faint stroke leaves in the probability map.
func dilate2x2(mask []bool, w, h int) {
	for y := h - 1; y >= 0; y-- {
		for x := w - 1; x >= 0; x-- {
			i := y*w + x
			if mask[i] {
				continue
			}
			mask[i] = (x > 0 && mask[i-1]) || (y > 0 && mask[i-w]) || (x > 0 && y > 0 && mask[i-w-1])
		}
	}
}

// mergeOverlaps joins boxes of one line that overlap along it: a line
// whose probability map broke into pieces (a thin first stroke such as
// 一, or noise) gives boxes whose grown ends cover each other, and reading
// them apart reads the covered characters twice. Boxes of one line have
// centres within half the lower height of each other across it and about
// the same height; they must overlap by a tenth of that height. Vertical
// boxes are left alone.
func mergeOverlaps(boxes []detBox) []detBox {
	for {
		merged := false
		for i := 0; i < len(boxes) && !merged; i++ {
			a := boxes[i].r
			if a.h > a.w {
				continue
			}
			ux, uy, vx, vy := a.axes()
			for j := i + 1; j < len(boxes); j++ {
				b := boxes[j].r
				if b.h > b.w && b.h > 2*b.w {
					continue
				}
				hmin, hmax := math.Min(a.h, b.h), math.Max(a.h, b.h)
				if hmax > 2.5*hmin {
					continue
				}
				dv := (b.cx-a.cx)*vx + (b.cy-a.cy)*vy
				if math.Abs(dv) > 0.5*hmin {
					continue
				}
				// b's extent along a's axis.
				bu0, bu1 := math.Inf(1), math.Inf(-1)
				for _, c := range b.corners() {
					p := (c.x-a.cx)*ux + (c.y-a.cy)*uy
					bu0, bu1 = math.Min(bu0, p), math.Max(bu1, p)
				}
				overlap := math.Min(bu1, a.w/2) - math.Max(bu0, -a.w/2)
				if overlap < 0.1*hmin {
					continue
				}
				ca, cb := a.corners(), b.corners()
				r := minAreaRect(append(ca[:], cb[:]...))
				score := (boxes[i].score*a.w*a.h + boxes[j].score*b.w*b.h) / (a.w*a.h + b.w*b.h)
				boxes[i] = detBox{r: r, score: score}
				boxes = append(boxes[:j], boxes[j+1:]...)
				merged = true
				break
			}
		}
		if !merged {
			return boxes
		}
	}
}
