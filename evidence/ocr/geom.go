package ocr

import (
	"math"
	"sort"
)

// point is a position in pixels.
type point struct{ x, y float64 }

// rect is a rotated rectangle: its centre, its extent along its own x axis
// (w) and y axis (h), and the angle of its x axis from the image's x axis
// in radians, normalised to (-π/4, π/4] so that w is the extent along the
// more horizontal side.
type rect struct {
	cx, cy, w, h, angle float64
}

// axes returns the unit vectors of the rectangle's x axis (u) and y axis
// (v, pointing down the page for angle 0).
func (r rect) axes() (ux, uy, vx, vy float64) {
	s, c := math.Sincos(r.angle)
	return c, s, -s, c
}

// corners returns the four corners clockwise from the top left (in the
// rectangle's own frame: the start of its x axis, top side).
func (r rect) corners() [4]point {
	ux, uy, vx, vy := r.axes()
	hw, hh := r.w/2, r.h/2
	return [4]point{
		{r.cx - ux*hw - vx*hh, r.cy - uy*hw - vy*hh},
		{r.cx + ux*hw - vx*hh, r.cy + uy*hw - vy*hh},
		{r.cx + ux*hw + vx*hh, r.cy + uy*hw + vy*hh},
		{r.cx - ux*hw + vx*hh, r.cy - uy*hw + vy*hh},
	}
}

// contains reports whether p lies inside the rectangle.
func (r rect) contains(p point) bool {
	ux, uy, vx, vy := r.axes()
	dx, dy := p.x-r.cx, p.y-r.cy
	return math.Abs(dx*ux+dy*uy) <= r.w/2 && math.Abs(dx*vx+dy*vy) <= r.h/2
}

// bounds returns the axis-aligned bounding box of the rectangle.
func (r rect) bounds() (x0, y0, x1, y1 float64) {
	c := r.corners()
	x0, y0, x1, y1 = c[0].x, c[0].y, c[0].x, c[0].y
	for _, p := range c[1:] {
		x0, y0 = math.Min(x0, p.x), math.Min(y0, p.y)
		x1, y1 = math.Max(x1, p.x), math.Max(y1, p.y)
	}
	return
}

// normalise brings the angle into (-π/4, π/4], swapping w and h for each
// quarter turn taken out.
func (r rect) normalise() rect {
	for r.angle > math.Pi/4 {
		r.angle -= math.Pi / 2
		r.w, r.h = r.h, r.w
	}
	for r.angle <= -math.Pi/4 {
		r.angle += math.Pi / 2
		r.w, r.h = r.h, r.w
	}
	return r
}

// convexHull returns the convex hull of pts counter-clockwise (in a y-down
// frame, clockwise on screen) without repeated points (Andrew's monotone
// chain). pts is reordered.
func convexHull(pts []point) []point {
	if len(pts) < 3 {
		return append([]point(nil), pts...)
	}
	sort.Slice(pts, func(i, j int) bool {
		if pts[i].x != pts[j].x {
			return pts[i].x < pts[j].x
		}
		return pts[i].y < pts[j].y
	})
	cross := func(o, a, b point) float64 {
		return (a.x-o.x)*(b.y-o.y) - (a.y-o.y)*(b.x-o.x)
	}
	hull := make([]point, 0, 2*len(pts))
	for _, p := range pts {
		for len(hull) >= 2 && cross(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p)
	}
	lower := len(hull) + 1
	for i := len(pts) - 2; i >= 0; i-- {
		p := pts[i]
		for len(hull) >= lower && cross(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p)
	}
	return hull[:len(hull)-1]
}

// minAreaRect returns the smallest rectangle enclosing the points, by
// trying each edge direction of their convex hull (one side of the
// minimum rectangle lies on a hull edge).
func minAreaRect(pts []point) rect {
	hull := convexHull(pts)
	switch len(hull) {
	case 0:
		return rect{}
	case 1:
		return rect{cx: hull[0].x, cy: hull[0].y}
	}
	best := rect{}
	bestArea := math.Inf(1)
	for i := range hull {
		a, b := hull[i], hull[(i+1)%len(hull)]
		ex, ey := b.x-a.x, b.y-a.y
		l := math.Hypot(ex, ey)
		if l == 0 {
			continue
		}
		ux, uy := ex/l, ey/l
		minU, maxU := math.Inf(1), math.Inf(-1)
		minV, maxV := math.Inf(1), math.Inf(-1)
		for _, p := range hull {
			pu := p.x*ux + p.y*uy
			pv := -p.x*uy + p.y*ux
			minU, maxU = math.Min(minU, pu), math.Max(maxU, pu)
			minV, maxV = math.Min(minV, pv), math.Max(maxV, pv)
		}
		area := (maxU - minU) * (maxV - minV)
		if area < bestArea {
			bestArea = area
			cu, cv := (minU+maxU)/2, (minV+maxV)/2
			best = rect{
				cx:    cu*ux - cv*uy,
				cy:    cu*uy + cv*ux,
				w:     maxU - minU,
				h:     maxV - minV,
				angle: math.Atan2(uy, ux),
			}
		}
	}
	return best.normalise()
}

// run is a horizontal run of foreground pixels [x0, x1] on row y.
type run struct {
	y, x0, x1 int
}

// components labels the 8-connected components of the foreground
// (mask[y*w+x]) by their runs, joining runs of adjacent rows with a
// union-find, and returns each component's runs in row order. Memory is
// proportional to the number of runs, not to the map.
func components(mask []bool, w, h int) [][]run {
	var runs []run
	rowStart := make([]int, h+1)
	for y := 0; y < h; y++ {
		rowStart[y] = len(runs)
		row := mask[y*w : (y+1)*w]
		for x := 0; x < w; {
			if !row[x] {
				x++
				continue
			}
			x0 := x
			for x < w && row[x] {
				x++
			}
			runs = append(runs, run{y: y, x0: x0, x1: x - 1})
		}
	}
	rowStart[h] = len(runs)

	parent := make([]int32, len(runs))
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for y := 1; y < h; y++ {
		prev := rowStart[y-1]
		for i := rowStart[y]; i < rowStart[y+1]; i++ {
			r := runs[i]
			// Skip previous-row runs that end left of this one (8-connected:
			// touching diagonally counts).
			for prev < rowStart[y] && runs[prev].x1 < r.x0-1 {
				prev++
			}
			for j := prev; j < rowStart[y] && runs[j].x0 <= r.x1+1; j++ {
				a, b := find(int32(i)), find(int32(j))
				if a != b {
					if a < b {
						parent[b] = a
					} else {
						parent[a] = b
					}
				}
			}
		}
	}
	index := map[int32]int{}
	var out [][]run
	for i := range runs {
		root := find(int32(i))
		k, ok := index[root]
		if !ok {
			k = len(out)
			index[root] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], runs[i])
	}
	return out
}

// runPoints returns the pixel corners at both ends of each run: the
// outline of the component as squares, which is all its convex hull needs.
func runPoints(rs []run) []point {
	pts := make([]point, 0, 4*len(rs))
	for _, r := range rs {
		y0, y1 := float64(r.y), float64(r.y+1)
		x0, x1 := float64(r.x0), float64(r.x1+1)
		pts = append(pts, point{x0, y0}, point{x0, y1}, point{x1, y0}, point{x1, y1})
	}
	return pts
}
