package ocr

import (
	"math"
	"testing"
)

// Inks of a scanned form: a seal's red as a scan washes it, an invoice
// form's brown, black print.
var (
	sealRed   = [3]uint8{200, 110, 110}
	formBrown = [3]uint8{144, 96, 64}
	printInk  = [3]uint8{30, 30, 30}
)

func (r *raster) at(x, y int) [3]uint8 {
	p := r.pix[3*(y*r.w+x):]
	return [3]uint8{p[0], p[1], p[2]}
}

func (r *raster) paint(x, y int, ink [3]uint8) {
	if x >= 0 && y >= 0 && x < r.w && y < r.h {
		copy(r.pix[3*(y*r.w+x):], ink[:])
	}
}

func (r *raster) fill(x0, y0, x1, y1 int, ink [3]uint8) {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			r.paint(x, y, ink)
		}
	}
}

// ring draws an elliptical rim 4 px thick centred on (cx, cy), with
// the gaps a worn stamp leaves: every angle in gaps (degrees, as from-to
// pairs) is left out.
func (r *raster) ring(cx, cy, ax, ay float64, ink [3]uint8, gaps ...float64) {
	for a := 0.0; a < 360; a += 0.2 {
		skip := false
		for i := 0; i+1 < len(gaps); i += 2 {
			skip = skip || a >= gaps[i] && a < gaps[i+1]
		}
		if skip {
			continue
		}
		sin, cos := math.Sincos(a * math.Pi / 180)
		for d := -2.0; d < 2; d += 0.5 {
			r.paint(int(cx+(ax+d)*cos), int(cy+(ay+d)*sin), ink)
		}
	}
}

func whitePage(w, h int) *raster {
	r := newRaster(w, h)
	for i := range r.pix {
		r.pix[i] = 255
	}
	return r
}

func TestDropSeals(t *testing.T) {
	type probe struct {
		x, y  int
		paper bool // the pixel must be paper afterwards, else its ink kept
	}
	tests := []struct {
		name  string
		draw  func(r *raster)
		seals int
		probe []probe
	}{
		{
			name: "oval invoice seal over the seller's name and the form's frame",
			draw: func(r *raster) {
				r.fill(50, 100, 1150, 103, formBrown)   // frame, top
				r.fill(50, 600, 1150, 603, formBrown)   // frame, bottom, through the seal
				r.fill(1147, 100, 1150, 700, formBrown) // frame, right edge
				r.fill(880, 560, 1060, 575, printInk)   // the seller's name under the seal
				r.fill(300, 560, 340, 575, formBrown)   // a label of the form
				r.ring(980, 600, 110, 70, sealRed, 80, 83)
				r.fill(920, 590, 1040, 610, sealRed) // 发票专用章 across the middle
			},
			seals: 1,
			probe: []probe{
				{980, 530, true}, {930, 595, true}, {1000, 606, true}, // rim and the seal's words
				{900, 567, false}, {1050, 567, false}, // the name beneath
				{310, 567, false}, {400, 601, false}, {1148, 300, false}, // the form outside
			},
		},
		{
			name: "round company seal with a broken rim",
			draw: func(r *raster) {
				r.ring(400, 400, 90, 90, sealRed, 0, 3, 100, 103, 200, 204)
				r.fill(360, 390, 440, 410, sealRed)
			},
			seals: 1,
			probe: []probe{{400, 310, true}, {400, 400, true}},
		},
		{
			name: "red title and a brown vertical caption are print, not seals",
			draw: func(r *raster) {
				for i := 0; i < 8; i++ { // 湖南增值税电子普通发票 in red, glyph by glyph
					r.fill(300+i*50, 40, 340+i*50, 80, sealRed)
				}
				for i := 0; i < 3; i++ { // 购买方, one glyph a line
					r.fill(60, 150+i*40, 85, 180+i*40, formBrown)
				}
			},
			seals: 0,
			probe: []probe{{320, 60, false}, {70, 160, false}},
		},
		{
			name: "a rim too faint in places: a third of it missing",
			draw: func(r *raster) {
				r.ring(600, 400, 100, 80, sealRed, 0, 120)
			},
			seals: 0,
			probe: []probe{{500, 400, false}},
		},
		{
			name: "a filled red block of a seal's size is a banner, not a seal",
			draw: func(r *raster) {
				r.fill(500, 300, 700, 450, sealRed)
			},
			seals: 0,
			probe: []probe{{505, 305, false}, {600, 375, false}},
		},
		{
			name: "a page-sized red border is a frame",
			draw: func(r *raster) {
				r.ring(600, 400, 560, 380, sealRed)
			},
			seals: 0,
			probe: []probe{{40, 400, false}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := whitePage(1200, 800)
			tt.draw(r)
			want := make([][3]uint8, len(tt.probe))
			for i, p := range tt.probe {
				want[i] = r.at(p.x, p.y)
				if want[i] == [3]uint8{255, 255, 255} {
					t.Fatalf("probe %d,%d is on paper before the seals are dropped", p.x, p.y)
				}
			}
			if got := r.dropSeals(); got != tt.seals {
				t.Errorf("dropSeals() = %d seals, want %d", got, tt.seals)
			}
			for i, p := range tt.probe {
				got := r.at(p.x, p.y)
				switch {
				case p.paper && got != [3]uint8{255, 255, 255}:
					t.Errorf("%d,%d: %v left, want paper", p.x, p.y, got)
				case !p.paper && got != want[i]:
					t.Errorf("%d,%d: %v, want the ink %v kept", p.x, p.y, got, want[i])
				}
			}
		})
	}
}
