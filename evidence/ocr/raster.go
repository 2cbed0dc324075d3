package ocr

import (
	"image"
	"image/color"
	"math"
)

// raster is an 8-bit RGB image, rows top to bottom, three bytes a pixel.
// Every step of the pipeline reads this one copy of the page.
type raster struct {
	w, h int
	pix  []uint8
}

func newRaster(w, h int) *raster {
	return &raster{w: w, h: h, pix: make([]uint8, 3*w*h)}
}

// toRaster copies img into a raster, with fast paths for the types the
// standard decoders return.
func toRaster(img image.Image) *raster {
	b := img.Bounds()
	r := newRaster(b.Dx(), b.Dy())
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < r.h; y++ {
			row := src.Pix[(y)*src.Stride:]
			out := r.pix[3*y*r.w:]
			for x := 0; x < r.w; x++ {
				v := row[x]
				out[3*x], out[3*x+1], out[3*x+2] = v, v, v
			}
		}
	case *image.YCbCr:
		for y := 0; y < r.h; y++ {
			out := r.pix[3*y*r.w:]
			for x := 0; x < r.w; x++ {
				yi := src.YOffset(b.Min.X+x, b.Min.Y+y)
				ci := src.COffset(b.Min.X+x, b.Min.Y+y)
				cr, cg, cb := color.YCbCrToRGB(src.Y[yi], src.Cb[ci], src.Cr[ci])
				out[3*x], out[3*x+1], out[3*x+2] = cr, cg, cb
			}
		}
	case *image.RGBA:
		// Premultiplied: composite over white, as a printed page would be.
		for y := 0; y < r.h; y++ {
			row := src.Pix[y*src.Stride:]
			out := r.pix[3*y*r.w:]
			for x := 0; x < r.w; x++ {
				a := 255 - uint16(row[4*x+3])
				out[3*x] = uint8(uint16(row[4*x]) + a)
				out[3*x+1] = uint8(uint16(row[4*x+1]) + a)
				out[3*x+2] = uint8(uint16(row[4*x+2]) + a)
			}
		}
	case *image.NRGBA:
		for y := 0; y < r.h; y++ {
			row := src.Pix[y*src.Stride:]
			out := r.pix[3*y*r.w:]
			for x := 0; x < r.w; x++ {
				a := uint32(row[4*x+3])
				for c := 0; c < 3; c++ {
					out[3*x+c] = uint8((uint32(row[4*x+c])*a + 255*(255-a) + 127) / 255)
				}
			}
		}
	default:
		for y := 0; y < r.h; y++ {
			out := r.pix[3*y*r.w:]
			for x := 0; x < r.w; x++ {
				cr, cg, cb, ca := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				a := 0xffff - ca // premultiplied: over white
				out[3*x] = uint8((cr + a) >> 8)
				out[3*x+1] = uint8((cg + a) >> 8)
				out[3*x+2] = uint8((cb + a) >> 8)
			}
		}
	}
	return r
}

// rotate returns the raster turned clockwise by quarter turns (0..3).
func (r *raster) rotate(quarter int) *raster {
	quarter = ((quarter % 4) + 4) % 4
	if quarter == 0 {
		return r
	}
	w, h := r.w, r.h
	var out *raster
	if quarter == 2 {
		out = newRaster(w, h)
	} else {
		out = newRaster(h, w)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var nx, ny int
			switch quarter {
			case 1: // clockwise: (x, y) -> (h-1-y, x)
				nx, ny = h-1-y, x
			case 2:
				nx, ny = w-1-x, h-1-y
			case 3: // counter-clockwise: (x, y) -> (y, w-1-x)
				nx, ny = y, w-1-x
			}
			copy(out.pix[3*(ny*out.w+nx):3*(ny*out.w+nx)+3], r.pix[3*(y*w+x):3*(y*w+x)+3])
		}
	}
	return out
}

// affine maps destination pixel coordinates to source pixel coordinates:
// the point (u, v) of the destination, in pixels with the centre of pixel
// (i, j) at (i+0.5, j+0.5), is the source point O + u*A + v*B.
type affine struct {
	ox, oy float64 // O
	ax, ay float64 // A: one destination pixel to the right
	bx, by float64 // B: one destination pixel down
}

// warp renders a w×h destination through m. Each destination pixel is the
// mean of n×n bilinear samples over its footprint, n growing with the
// scale, so that shrinking thin strokes does not drop them (cv2's linear
// resize, which the models were trained with, aliases; averaging is closer
// to the antialiased scans they see in practice). Points outside the
// source take the nearest edge pixel.
func (r *raster) warp(w, h int, m affine) *raster {
	out := newRaster(w, h)
	scale := math.Max(math.Hypot(m.ax, m.ay), math.Hypot(m.bx, m.by))
	n := int(math.Round(scale))
	if n < 1 {
		n = 1
	}
	if n > 4 {
		n = 4
	}
	inv := 1 / float32(n*n)
	for j := 0; j < h; j++ {
		for i := 0; i < w; i++ {
			var sr, sg, sb float32
			for sj := 0; sj < n; sj++ {
				v := float64(j) + (float64(sj)+0.5)/float64(n)
				for si := 0; si < n; si++ {
					u := float64(i) + (float64(si)+0.5)/float64(n)
					x := m.ox + u*m.ax + v*m.bx
					y := m.oy + u*m.ay + v*m.by
					cr, cg, cb := r.bilinear(x-0.5, y-0.5)
					sr += cr
					sg += cg
					sb += cb
				}
			}
			o := 3 * (j*w + i)
			out.pix[o] = clamp8(sr * inv)
			out.pix[o+1] = clamp8(sg * inv)
			out.pix[o+2] = clamp8(sb * inv)
		}
	}
	return out
}

// resize scales the whole raster to w×h.
func (r *raster) resize(w, h int) *raster {
	if w == r.w && h == r.h {
		return r
	}
	return r.warp(w, h, affine{ax: float64(r.w) / float64(w), by: float64(r.h) / float64(h)})
}

// bilinear samples the raster at (x, y) in pixel-index coordinates (the
// centre of pixel (i, j) is (i, j)), clamping to the edges.
func (r *raster) bilinear(x, y float64) (float32, float32, float32) {
	if x < 0 {
		x = 0
	} else if x > float64(r.w-1) {
		x = float64(r.w - 1)
	}
	if y < 0 {
		y = 0
	} else if y > float64(r.h-1) {
		y = float64(r.h - 1)
	}
	x0, y0 := int(x), int(y)
	x1, y1 := x0+1, y0+1
	if x1 >= r.w {
		x1 = r.w - 1
	}
	if y1 >= r.h {
		y1 = r.h - 1
	}
	fx, fy := float32(x-float64(x0)), float32(y-float64(y0))
	p00 := r.pix[3*(y0*r.w+x0):]
	p10 := r.pix[3*(y0*r.w+x1):]
	p01 := r.pix[3*(y1*r.w+x0):]
	p11 := r.pix[3*(y1*r.w+x1):]
	var c [3]float32
	for k := 0; k < 3; k++ {
		top := float32(p00[k]) + (float32(p10[k])-float32(p00[k]))*fx
		bot := float32(p01[k]) + (float32(p11[k])-float32(p01[k]))*fx
		c[k] = top + (bot-top)*fy
	}
	return c[0], c[1], c[2]
}

func clamp8(v float32) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v + 0.5)
}

// toCHW writes the raster into dst (3×h×w floats, channel-major) in the
// B, G, R channel order PaddleOCR's models expect (they were trained on
// images read by OpenCV), as (v/255 - mean[c]) / std[c]. dst rows are
// stride floats wide (≥ w); the part right of w is left as it is.
func (r *raster) toCHW(dst []float32, stride int, mean, std [3]float32) {
	plane := stride * r.h
	for c := 0; c < 3; c++ {
		src := 2 - c // BGR
		scale := 1 / (255 * std[c])
		off := mean[c] / std[c]
		for y := 0; y < r.h; y++ {
			row := r.pix[3*y*r.w:]
			out := dst[c*plane+y*stride:]
			for x := 0; x < r.w; x++ {
				out[x] = float32(row[3*x+src])*scale - off
			}
		}
	}
}

// dropSeals whitens the red ink of the seals on a page: 发票专用章,
// 回单专用章, a company's round seal. Stamped over the seller's name or an
// account row, a seal's arc of characters runs into the print beneath it
// and detection reads both as one garbled line.
//
// Colour alone cannot tell a seal from an invoice form's brown print (a
// scan washes both to the same pink), so a seal is found by its shape: on
// a grid of cells a few pixels wide, a connected patch of reddish ink whose
// box is seal-sized (between a 25th and a third of the page's width each
// way, no more than 2.2 times as wide as tall) and whose ink runs round
// the ellipse in that box (the seal's rim, at 30 of 36 angles or more)
// while the box's corners stay mostly paper.
// Inside such an ellipse every pixel tinged red becomes paper; black print
// under the seal is dark in red too and stays. A form's characters are
// small patches and its frame is page-sized, so neither is taken for a
// seal, and the ruled lines a seal crosses are set aside before the patches
// are found. It returns how many seals it whitened.
func (r *raster) dropSeals() int {
	if r.w < 100 || r.h < 100 {
		return 0
	}
	c := max(2, r.w/400) // cell size in pixels
	gw, gh := (r.w+c-1)/c, (r.h+c-1)/c
	comp := make([]int32, gw*gh) // 0 paper, -1 ink not yet labelled, n>0 patch n
	for y := 0; y < r.h; y++ {
		row := r.pix[3*y*r.w : 3*(y+1)*r.w]
		for x := 0; x < r.w; x++ {
			if reddish(row[3*x], row[3*x+1], row[3*x+2]) {
				comp[(y/c)*gw+x/c] = -1
			}
		}
	}
	clearRules(comp, gw, gh, r.w/8/c)
	minSide, maxSide := r.w/25, r.w/3
	var stack []int
	n := int32(0)
	dropped := 0
	for start := range comp {
		if comp[start] != -1 {
			continue
		}
		n++
		comp[start] = n
		stack = append(stack[:0], start)
		x0, y0, x1, y1 := gw, gh, -1, -1
		for len(stack) > 0 {
			k := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			cx, cy := k%gw, k/gw
			x0, y0, x1, y1 = min(x0, cx), min(y0, cy), max(x1, cx), max(y1, cy)
			for dy := -2; dy <= 2; dy++ { // a cell's gap joins: a worn rim is one patch
				for dx := -2; dx <= 2; dx++ {
					nx, ny := cx+dx, cy+dy
					if nx < 0 || ny < 0 || nx >= gw || ny >= gh {
						continue
					}
					if j := ny*gw + nx; comp[j] == -1 {
						comp[j] = n
						stack = append(stack, j)
					}
				}
			}
		}
		bw, bh := (x1-x0+1)*c, (y1-y0+1)*c
		if bw < minSide || bh < minSide || bw > maxSide || bh > maxSide ||
			float64(bw) > 2.2*float64(bh) || float64(bh) > 2.2*float64(bw) {
			continue
		}
		if !r.rimAround(comp, gw, n, x0, y0, x1, y1) {
			continue
		}
		r.whitenEllipse(x0*c, y0*c, (x1+1)*c, (y1+1)*c)
		dropped++
	}
	return dropped
}

// clearRules clears the cells of the ruled lines among the ink cells (-1):
// a run of ink cells along a row or a column longer than long. A seal
// stamped across a form's frame is then a patch of its own.
func clearRules(comp []int32, gw, gh, long int) {
	rule := make([]bool, len(comp))
	mark := func(k0, step, n int) {
		run := 0
		for i := 0; i <= n; i++ {
			if i < n && comp[k0+i*step] == -1 {
				run++
				continue
			}
			if run > long {
				for j := i - run; j < i; j++ {
					rule[k0+j*step] = true
				}
			}
			run = 0
		}
	}
	for y := 0; y < gh; y++ {
		mark(y*gw, 1, gw)
	}
	for x := 0; x < gw; x++ {
		mark(x, gw, gh)
	}
	for k, ruled := range rule {
		if ruled {
			comp[k] = 0
		}
	}
}

// reddish says whether a pixel is the red of seal ink, however pale.
func reddish(red, g, b uint8) bool {
	return red >= 120 && int(red) > int(g)+35 && int(red) > int(b)+35
}

// rimAround says whether patch n's cells run round the ellipse inscribed
// in its box of cells, as a seal's rim does: along each of 36 rays from the
// centre, a cell of the patch lies between 0.7 and 1.0 of the way to the
// box's edge; and the box's corners, outside the ellipse, are mostly paper
// (a filled block, a red banner or logo, has them inked).
func (r *raster) rimAround(comp []int32, gw int, n int32, x0, y0, x1, y1 int) bool {
	cx, cy := float64(x0+x1)/2, float64(y0+y1)/2
	ax, ay := float64(x1-x0)/2, float64(y1-y0)/2
	hit := 0
	for a := 0; a < 36; a++ {
		sin, cos := math.Sincos(float64(a) * math.Pi / 18)
		for f := 0.7; f <= 1.0001; f += 0.05 {
			x, y := int(math.Round(cx+f*ax*cos)), int(math.Round(cy+f*ay*sin))
			if x >= x0 && x <= x1 && y >= y0 && y <= y1 && comp[y*gw+x] == n {
				hit++
				break
			}
		}
	}
	if hit < 30 {
		return false
	}
	corner, inked := 0, 0
	for y := y0; y <= y1; y++ {
		dy := (float64(y) - cy) / (ay + 0.5)
		for x := x0; x <= x1; x++ {
			dx := (float64(x) - cx) / (ax + 0.5)
			if dx*dx+dy*dy < 1.44 { // within 1.2 of the ellipse's radius
				continue
			}
			corner++
			if comp[y*gw+x] == n {
				inked++
			}
		}
	}
	return inked*5 <= corner
}

// whitenEllipse turns the pixels of red ink, however faint, inside the
// ellipse inscribed in the box [x0,x1)×[y0,y1) into paper. Red ink is as
// blue as it is green; the brown of an invoice form is bluer in neither
// and stays.
func (r *raster) whitenEllipse(x0, y0, x1, y1 int) {
	x1, y1 = min(x1, r.w), min(y1, r.h)
	cx, cy := float64(x0+x1)/2, float64(y0+y1)/2
	ax, ay := float64(x1-x0)/2+1, float64(y1-y0)/2+1
	for y := y0; y < y1; y++ {
		dy := (float64(y) - cy) / ay
		for x := x0; x < x1; x++ {
			dx := (float64(x) - cx) / ax
			if dx*dx+dy*dy > 1 {
				continue
			}
			p := r.pix[3*(y*r.w+x):]
			if red, g, b := p[0], p[1], p[2]; red >= 140 && int(red) > int(g)+12 && int(red) > int(b)+12 && int(b) > int(g)-25 || min(red, g, b) >= 190 {
				p[0], p[1], p[2] = 255, 255, 255
			}
		}
	}
}
