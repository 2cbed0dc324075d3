package ocr

import (
	"math"
	"math/rand"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestMinAreaRectRotated(t *testing.T) {
	for _, deg := range []float64{0, 2, -2, 30, -44, 60, 90, 135} {
		want := rect{cx: 50, cy: 40, w: 80, h: 20, angle: deg * math.Pi / 180}
		c := want.corners()
		pts := c[:]
		// Interior points must not change the hull.
		rng := rand.New(rand.NewSource(1))
		for i := 0; i < 50; i++ {
			a, b := rng.Float64()-0.5, rng.Float64()-0.5
			ux, uy, vx, vy := want.axes()
			pts = append(pts, point{want.cx + a*want.w*ux + b*want.h*vx, want.cy + a*want.w*uy + b*want.h*vy})
		}
		got := minAreaRect(pts)
		want = want.normalise()
		if !near(got.cx, want.cx, 1e-6) || !near(got.cy, want.cy, 1e-6) ||
			!near(got.w, want.w, 1e-6) || !near(got.h, want.h, 1e-6) || !near(got.angle, want.angle, 1e-9) {
			t.Errorf("%v°: got %+v, want %+v", deg, got, want)
		}
		if got.angle <= -math.Pi/4 || got.angle > math.Pi/4 {
			t.Errorf("%v°: angle %v not normalised", deg, got.angle)
		}
	}
}

func TestConvexHullDropsInteriorAndCollinear(t *testing.T) {
	pts := []point{{0, 0}, {1, 0}, {2, 0}, {2, 1}, {2, 2}, {1, 1}, {0, 2}, {1, 2}}
	h := convexHull(pts)
	if len(h) != 4 {
		t.Fatalf("hull %v, want the 4 corners", h)
	}
}

func TestRectContainsAndBounds(t *testing.T) {
	r := rect{cx: 10, cy: 10, w: 10, h: 2, angle: math.Pi / 8}
	if !r.contains(point{10, 10}) || r.contains(point{10, 14}) {
		t.Error("contains")
	}
	x0, y0, x1, y1 := r.bounds()
	for _, c := range r.corners() {
		if c.x < x0-1e-9 || c.x > x1+1e-9 || c.y < y0-1e-9 || c.y > y1+1e-9 {
			t.Errorf("corner %v outside bounds", c)
		}
	}
}

func TestComponentsEightConnected(t *testing.T) {
	const w, h = 8, 5
	rows := []string{
		"##....#.",
		"..#...#.",
		"...#....",
		"........",
		"####..##",
	}
	mask := make([]bool, w*h)
	for y, row := range rows {
		for x, c := range row {
			mask[y*w+x] = c == '#'
		}
	}
	comps := components(mask, w, h)
	if len(comps) != 4 {
		t.Fatalf("%d components, want 4 (diagonal run, column, two bottom runs)", len(comps))
	}
	n := 0
	for _, rs := range comps {
		for _, r := range rs {
			n += r.x1 - r.x0 + 1
		}
	}
	if n != 12 {
		t.Errorf("%d pixels in components, want 12", n)
	}
}

// TestDBBoxes draws one tilted text kernel into a probability map and
// checks that the box comes back grown by the unclip distance.
func TestDBBoxes(t *testing.T) {
	const w, h = 200, 100
	prob := make([]float32, w*h)
	kernel := rect{cx: 100, cy: 50, w: 120, h: 10, angle: 3 * math.Pi / 180}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if kernel.contains(point{float64(x) + 0.5, float64(y) + 0.5}) {
				prob[y*w+x] = 0.9
			}
		}
	}
	// A speck below the minimum size and a faint blob under the box
	// threshold must both be dropped.
	prob[5*w+5] = 0.9
	for y := 80; y < 90; y++ {
		for x := 10; x < 40; x++ {
			prob[y*w+x] = 0.4
		}
	}
	boxes := dbBoxes(prob, w, h, dbParams{thresh: 0.3, boxThresh: 0.6, unclipRatio: 1.5, minSize: 3, maxBoxes: 1000})
	if len(boxes) != 1 {
		t.Fatalf("%d boxes, want 1: %+v", len(boxes), boxes)
	}
	b := boxes[0].r
	d := kernel.w * kernel.h * 1.5 / (2 * (kernel.w + kernel.h))
	if !near(b.cx, kernel.cx, 1.5) || !near(b.cy, kernel.cy, 1.5) ||
		!near(b.w, kernel.w+2*d, 2.5) || !near(b.h, kernel.h+2*d, 2.5) ||
		!near(b.angle, kernel.angle, 0.02) {
		t.Errorf("box %+v, want about %+v grown by %.1f", b, kernel, d)
	}
	if boxes[0].score < 0.75 {
		t.Errorf("score %v", boxes[0].score)
	}
}

func TestMergeOverlaps(t *testing.T) {
	line := detBox{r: rect{cx: 300, cy: 100, w: 400, h: 30}, score: 0.9}
	piece := detBox{r: rect{cx: 95, cy: 101, w: 20, h: 24}, score: 0.8}   // overlaps the line's start
	other := detBox{r: rect{cx: 300, cy: 160, w: 400, h: 30}, score: 0.9} // next line
	apart := detBox{r: rect{cx: 600, cy: 100, w: 100, h: 30}, score: 0.9} // same line, a gap away
	got := mergeOverlaps([]detBox{line, piece, other, apart})
	if len(got) != 3 {
		t.Fatalf("%d boxes, want 3: %+v", len(got), got)
	}
	x0, _, x1, _ := got[0].r.bounds()
	if !near(x0, 85, 0.5) || !near(x1, 500, 0.5) {
		t.Errorf("merged box spans %v..%v, want 85..500", x0, x1)
	}
}

func TestPadBoxesStopsAtNeighbour(t *testing.T) {
	label := detBox{r: rect{cx: 100, cy: 50, w: 100, h: 20}}
	value := detBox{r: rect{cx: 205, cy: 50, w: 100, h: 20}} // starts 5 px right of label
	lone := detBox{r: rect{cx: 100, cy: 200, w: 100, h: 20}}
	boxes := []detBox{label, value, lone}
	padBoxes(boxes)
	lx0, _, lx1, _ := boxes[0].r.bounds()
	vx0, _, vx1, _ := boxes[1].r.bounds()
	ox0, _, ox1, _ := boxes[2].r.bounds()
	pad := stripMargin * 20
	if !near(lx0, 50-pad, 1e-9) || !near(lx1, 152.5, 1e-9) {
		t.Errorf("label %v..%v, want %v..152.5", lx0, lx1, 50-pad)
	}
	if !near(vx0, 152.5, 1e-9) || !near(vx1, 255+pad, 1e-9) {
		t.Errorf("value %v..%v, want 152.5..%v", vx0, vx1, 255+pad)
	}
	if !near(ox0, 50-pad, 1e-9) || !near(ox1, 150+pad, 1e-9) {
		t.Errorf("lone %v..%v", ox0, ox1)
	}
}
