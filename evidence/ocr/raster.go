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
