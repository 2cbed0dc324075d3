package samples

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"time"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/heshi-verify/heshi/pipeline"
)

// Scans: a document drawn as a paper document scanned. The page's text,
// lines and fills are rasterised (glyph outlines from the font with
// golang.org/x/image/font/sfnt, coverage with golang.org/x/image/vector) at
// 150-200 dpi, turned by up to 2°, on slightly uneven paper, with a red seal
// over part of the text, noise and dust, and written as a JPEG, a PNG
// (palette of greys and reds, as scanners' document modes write) or a PDF
// holding only the JPEG. Everything is drawn from the document's seed.

// Scan formats as layouts.csv names them, and their file extensions.
var scanFormats = []string{"jpeg", "png", "pdf"}

func scanExt(format string) string {
	if format == "jpeg" {
		return "jpg"
	}
	return format
}

// scanner rasterises pages; each worker has its own (one page at a time).
type scanner struct {
	face    *face
	font    *sfnt.Font
	buf     sfnt.Buffer
	ras     vector.Rasterizer
	maskPix []uint8
	glyphs  map[rune][]outlineSeg
	upem    float32
}

// outlineSeg is a glyph outline segment in ems (y down).
type outlineSeg struct {
	op  sfnt.SegmentOp
	pts [3][2]float32
}

func newScanner(f *face) (*scanner, error) {
	fnt, err := sfnt.Parse(f.data)
	if err != nil {
		return nil, fmt.Errorf("samples: font for scans: %w", err)
	}
	return &scanner{face: f, font: fnt, glyphs: map[rune][]outlineSeg{}, upem: float32(f.unitsPerEm)}, nil
}

// outline returns r's outline in ems, or nil for a blank or missing glyph.
func (s *scanner) outline(r rune) []outlineSeg {
	if o, ok := s.glyphs[r]; ok {
		return o
	}
	var out []outlineSeg
	if gi, err := s.font.GlyphIndex(&s.buf, r); err == nil && gi != 0 {
		segs, err := s.font.LoadGlyph(&s.buf, gi, fixed.I(s.face.unitsPerEm), nil)
		if err == nil {
			for _, sg := range segs {
				var o outlineSeg
				o.op = sg.Op
				for i, a := range sg.Args {
					o.pts[i] = [2]float32{float32(a.X) / 64 / s.upem, float32(a.Y) / 64 / s.upem}
				}
				out = append(out, o)
			}
		}
	}
	s.glyphs[r] = out
	return out
}

// xform maps page points to image pixels: scale, turn about the page's
// centre, shift.
type xform struct {
	k, cos, sin    float64
	pw, ph, iw, ih float64
	dx, dy         float64
}

func (t xform) at(x, y float64) (float32, float32) {
	x, y = x-t.pw/2, y-t.ph/2
	X := t.iw/2 + t.dx + t.k*(x*t.cos-y*t.sin)
	Y := t.ih/2 + t.dy + t.k*(x*t.sin+y*t.cos)
	return float32(X), float32(Y)
}

// scanParams are a scan's random choices.
type scanParams struct {
	dpi     int
	angle   float64 // degrees
	noise   float64 // standard deviation of the grain, in levels
	paper   [3]float64
	shade   float64 // brightness change across the page
	quality int     // JPEG quality
	blur    bool
}

func drawScanParams(rng *rand.Rand) scanParams {
	warm := rng.Float64() * 8
	return scanParams{
		dpi:     150 + rng.IntN(51),
		angle:   (rng.Float64()*2 - 1) * 2,
		noise:   2 + rng.Float64()*4,
		paper:   [3]float64{249 - warm*0.3, 248 - warm*0.5, 244 - warm},
		shade:   rng.Float64() * 0.05,
		quality: 68 + rng.IntN(21),
		blur:    rng.IntN(3) != 0,
	}
}

// scanBytes draws pg as a scan in format ("jpeg", "png" or "pdf") and
// returns the file.
func (s *scanner) scanBytes(pg *page, rng *rand.Rand, format string, created time.Time) ([]byte, error) {
	sp := drawScanParams(rng)
	img := s.rasterise(pg, rng, sp)
	var b bytes.Buffer
	switch format {
	case "png":
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&b, paletted(img)); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	case "jpeg", "pdf":
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: sp.quality}); err != nil {
			return nil, err
		}
		if format == "jpeg" {
			return b.Bytes(), nil
		}
		return imagePDF(b.Bytes(), pg.w, pg.h, created)
	}
	return nil, fmt.Errorf("samples: unknown scan format %q", format)
}

// imagePDF returns a one-page PDF of size w×h points showing the JPEG and
// nothing else: no font, no text.
func imagePDF(jpg []byte, w, h float64, created time.Time) ([]byte, error) {
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: w, H: h}})
	gp.SetInfo(gopdf.PdfInfo{Producer: "heshi samples scan (gopdf)", CreationDate: created})
	gp.AddPage()
	holder, err := gopdf.ImageHolderByBytes(jpg)
	if err != nil {
		return nil, err
	}
	if err := gp.ImageByHolder(holder, 0, 0, &gopdf.Rect{W: w, H: h}); err != nil {
		return nil, err
	}
	return gp.GetBytesPdfReturnErr()
}

// rasterise draws the page.
func (s *scanner) rasterise(pg *page, rng *rand.Rand, sp scanParams) *image.RGBA {
	k := float64(sp.dpi) / 72
	iw, ih := int(math.Round(pg.w*k)), int(math.Round(pg.h*k))
	img := image.NewRGBA(image.Rect(0, 0, iw, ih))
	// Paper, a little brighter on one side than the other.
	for y := 0; y < ih; y++ {
		f := 1 - sp.shade*float64(y)/float64(ih)
		row := img.Pix[y*img.Stride : y*img.Stride+4*iw]
		for x := 0; x < iw; x++ {
			g := f - sp.shade*0.5*float64(x)/float64(iw)
			row[4*x] = uint8(sp.paper[0] * g)
			row[4*x+1] = uint8(sp.paper[1] * g)
			row[4*x+2] = uint8(sp.paper[2] * g)
			row[4*x+3] = 255
		}
	}
	th := sp.angle * math.Pi / 180
	t := xform{k: k, cos: math.Cos(th), sin: math.Sin(th), pw: pg.w, ph: pg.h, iw: float64(iw), ih: float64(ih),
		dx: (rng.Float64()*2 - 1) * 6 * k, dy: (rng.Float64()*2 - 1) * 6 * k}

	inkOf := func(c ink) [3]uint8 {
		if c == inkBlack {
			return [3]uint8{28, 28, 34}
		}
		r, g, b := c.components()
		return [3]uint8{r, g, b}
	}
	for _, f := range pg.fills {
		x0, y0 := t.at(f.x, f.y)
		x1, y1 := t.at(f.x+f.w, f.y)
		x2, y2 := t.at(f.x+f.w, f.y+f.h)
		x3, y3 := t.at(f.x, f.y+f.h)
		s.polygon(img, inkOf(f.ink), 1, false, nil, [][2]float32{{x0, y0}, {x1, y1}, {x2, y2}, {x3, y3}})
	}
	line := func(x1, y1, x2, y2, width float64, c ink) {
		w := max(1.1/k, width) / 2
		dx, dy := x2-x1, y2-y1
		l := math.Hypot(dx, dy)
		if l == 0 {
			return
		}
		nx, ny := -dy/l*w, dx/l*w
		ax, ay := t.at(x1+nx, y1+ny)
		bx, by := t.at(x2+nx, y2+ny)
		cx, cy := t.at(x2-nx, y2-ny)
		ex, ey := t.at(x1-nx, y1-ny)
		s.polygon(img, inkOf(c), 0.95, false, nil, [][2]float32{{ax, ay}, {bx, by}, {cx, cy}, {ex, ey}})
	}
	for _, r := range pg.rules {
		line(r.x1, r.y1, r.x2, r.y2, 0.6, inkBlack)
	}
	for _, st := range pg.strokes {
		if !st.dash {
			line(st.x1, st.y1, st.x2, st.y2, st.width, st.ink)
			continue
		}
		l := math.Hypot(st.x2-st.x1, st.y2-st.y1)
		for a := 0.0; a < l; a += 4.5 {
			b := min(l, a+2.5)
			line(st.x1+(st.x2-st.x1)*a/l, st.y1+(st.y2-st.y1)*a/l, st.x1+(st.x2-st.x1)*b/l, st.y1+(st.y2-st.y1)*b/l, st.width, st.ink)
		}
	}
	for _, it := range pg.items {
		x := it.x
		for _, r := range it.s {
			s.glyph(img, r, func(gx, gy float32) (float32, float32) {
				return t.at(x+float64(gx)*it.size, it.y+float64(gy)*it.size)
			}, inkOf(it.ink), 0.93, false, nil)
			x += s.face.Width(string(r), it.size)
		}
	}
	for _, se := range pg.seals {
		s.seal(img, t, se, rng)
	}
	grain(img, rng, sp)
	return img
}

// glyph draws rune r with its outline mapped by at, blended in c.
func (s *scanner) glyph(img *image.RGBA, r rune, at func(x, y float32) (float32, float32), c [3]uint8, alpha float64, multiply bool, spots func(x, y int) float64) {
	segs := s.outline(r)
	if len(segs) == 0 {
		return
	}
	pts := make([][3][2]float32, len(segs))
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for i, sg := range segs {
		n := 1
		switch sg.op {
		case sfnt.SegmentOpQuadTo:
			n = 2
		case sfnt.SegmentOpCubeTo:
			n = 3
		}
		for j := range n {
			X, Y := at(sg.pts[j][0], sg.pts[j][1])
			pts[i][j] = [2]float32{X, Y}
			minX, minY, maxX, maxY = min(minX, X), min(minY, Y), max(maxX, X), max(maxY, Y)
		}
	}
	r0, ok := s.begin(img, minX, minY, maxX, maxY)
	if !ok {
		return
	}
	ox, oy := float32(r0.Min.X), float32(r0.Min.Y)
	for i, sg := range segs {
		p := pts[i]
		switch sg.op {
		case sfnt.SegmentOpMoveTo:
			s.ras.MoveTo(p[0][0]-ox, p[0][1]-oy)
		case sfnt.SegmentOpLineTo:
			s.ras.LineTo(p[0][0]-ox, p[0][1]-oy)
		case sfnt.SegmentOpQuadTo:
			s.ras.QuadTo(p[0][0]-ox, p[0][1]-oy, p[1][0]-ox, p[1][1]-oy)
		case sfnt.SegmentOpCubeTo:
			s.ras.CubeTo(p[0][0]-ox, p[0][1]-oy, p[1][0]-ox, p[1][1]-oy, p[2][0]-ox, p[2][1]-oy)
		}
	}
	s.ras.ClosePath()
	s.end(img, r0, c, alpha, multiply, spots)
}

// polygon fills a closed polygon (pixels) in c; holes are drawn by
// polygons of the other winding (seals' rings).
func (s *scanner) polygon(img *image.RGBA, c [3]uint8, alpha float64, multiply bool, spots func(x, y int) float64, pts [][2]float32, more ...[][2]float32) {
	all := append([][][2]float32{pts}, more...)
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, ps := range all {
		for _, p := range ps {
			minX, minY, maxX, maxY = min(minX, p[0]), min(minY, p[1]), max(maxX, p[0]), max(maxY, p[1])
		}
	}
	r0, ok := s.begin(img, minX, minY, maxX, maxY)
	if !ok {
		return
	}
	ox, oy := float32(r0.Min.X), float32(r0.Min.Y)
	for _, ps := range all {
		s.ras.MoveTo(ps[0][0]-ox, ps[0][1]-oy)
		for _, p := range ps[1:] {
			s.ras.LineTo(p[0]-ox, p[1]-oy)
		}
		s.ras.ClosePath()
	}
	s.end(img, r0, c, alpha, multiply, spots)
}

// begin readies the rasteriser for a shape within the pixel box, or
// reports false if the box misses the image (what lies off the image falls
// off the scan: end draws only what is on it).
func (s *scanner) begin(img *image.RGBA, minX, minY, maxX, maxY float32) (image.Rectangle, bool) {
	r := image.Rect(int(math.Floor(float64(minX))), int(math.Floor(float64(minY))), int(math.Ceil(float64(maxX)))+1, int(math.Ceil(float64(maxY)))+1)
	if !r.Overlaps(img.Bounds()) || r.Dx() > 2*img.Rect.Dx() || r.Dy() > 2*img.Rect.Dy() {
		return r, false
	}
	s.ras.Reset(r.Dx(), r.Dy())
	s.ras.DrawOp = draw.Src
	return r, true
}

// end rasterises the shape into the mask and blends c through it into img
// at r: normally, or multiplied (ink over ink, as a seal over text). spots,
// if not nil, thins the ink pixel by pixel (a seal's uneven ink).
func (s *scanner) end(img *image.RGBA, r image.Rectangle, c [3]uint8, alpha float64, multiply bool, spots func(x, y int) float64) {
	// The mask's stride must be its width: the rasteriser writes a mask of
	// its own size straight into Pix.
	n := r.Dx() * r.Dy()
	if cap(s.maskPix) < n {
		s.maskPix = make([]uint8, n)
	}
	m := &image.Alpha{Pix: s.maskPix[:n], Stride: r.Dx(), Rect: image.Rect(0, 0, r.Dx(), r.Dy())}
	s.ras.Draw(m, m.Bounds(), image.Opaque, image.Point{})
	on := r.Intersect(img.Bounds())
	for y := on.Min.Y - r.Min.Y; y < on.Max.Y-r.Min.Y; y++ {
		mrow := m.Pix[y*m.Stride : y*m.Stride+r.Dx()]
		off := (r.Min.Y+y)*img.Stride + 4*r.Min.X
		for x := on.Min.X - r.Min.X; x < on.Max.X-r.Min.X; x++ {
			a8 := mrow[x]
			if a8 == 0 {
				continue
			}
			a := float64(a8) / 255 * alpha
			if spots != nil {
				a *= spots(r.Min.X+x, r.Min.Y+y)
			}
			px := img.Pix[off+4*x : off+4*x+3]
			for ch := range 3 {
				d := float64(px[ch])
				var v float64
				if multiply {
					v = d * (1 - a + a*float64(c[ch])/255)
				} else {
					v = d*(1-a) + float64(c[ch])*a
				}
				px[ch] = uint8(v + 0.5)
			}
		}
	}
}

// seal draws a seal: a ring (round or oval), the text along its upper arc,
// a star or the text across the middle, and a small line under it, in red
// ink multiplied over what is under it, unevenly inked.
func (s *scanner) seal(img *image.RGBA, t xform, se seal, rng *rand.Rand) {
	red := [3]uint8{212, 40, 45}
	turn := (rng.Float64()*2 - 1) * 0.25 // the seal's own angle, radians
	cs, sn := math.Cos(turn), math.Sin(turn)
	local := func(x, y float64) (float32, float32) { // seal space (points, y down, centre 0) to pixels
		return t.at(se.cx+x*cs-y*sn, se.cy+x*sn+y*cs)
	}
	seed := rng.Uint64()
	spots := func(x, y int) float64 {
		h := (uint64(x)*0x9E3779B97F4A7C15 ^ uint64(y)*0xC2B2AE3D27D4EB4F ^ seed) * 0xFF51AFD7ED558CCD
		return 0.55 + 0.45*float64(h>>40&0xff)/255
	}
	sealGlyph := func(r rune, at func(x, y float32) (float32, float32)) {
		s.glyph(img, r, at, red, 0.9, true, spots)
	}
	const ringW = 2.2
	ellipse := func(rx, ry float64, reverse bool) [][2]float32 {
		const n = 96
		pts := make([][2]float32, n)
		for i := range n {
			a := 2 * math.Pi * float64(i) / n
			if reverse {
				a = -a
			}
			X, Y := local(rx*math.Cos(a), ry*math.Sin(a))
			pts[i] = [2]float32{X, Y}
		}
		return pts
	}
	outer, inner := ellipse(se.rx, se.ry, false), ellipse(se.rx-ringW, se.ry-ringW, true)
	s.polygon(img, red, 0.9, true, spots, outer, inner)

	// Text along the upper arc, tops outwards, from about 200° to 340°.
	rs := []rune(se.arc)
	if n := len(rs); n > 0 {
		size := math.Min(se.rx, se.ry) * 0.3
		span := math.Min(250, 22*float64(n)) * math.Pi / 180
		for i, r := range rs {
			phi := -span/2 + span*(float64(i)+0.5)/float64(n) // from the top, clockwise
			rr := 1 - (ringW+1.2+size*0.92)/se.ry
			bx, by := se.rx*rr*math.Sin(phi), -se.ry*rr*math.Cos(phi)
			c, sgn := math.Cos(phi), math.Sin(phi)
			adv := s.face.Width(string(r), size)
			sealGlyph(r, func(gx, gy float32) (float32, float32) {
				x, y := float64(gx)*size-adv/2, float64(gy)*size
				return local(bx+x*c-y*sgn, by+x*sgn+y*c)
			})
		}
	}
	if se.star {
		var pts [][2]float32
		R := math.Min(se.rx, se.ry) * 0.28
		for i := range 10 {
			rad := R
			if i%2 == 1 {
				rad = R * 0.4
			}
			a := -math.Pi/2 + math.Pi*float64(i)/5
			X, Y := local(rad*math.Cos(a), rad*math.Sin(a)-se.ry*0.05)
			pts = append(pts, [2]float32{X, Y})
		}
		s.polygon(img, red, 0.9, true, spots, pts)
	}
	if se.center != "" {
		size := math.Min(se.rx*1.3/float64(len([]rune(se.center))+1), se.ry*0.3)
		y := se.ry * 0.38
		if !se.star {
			y = size * 0.4
		}
		w := s.face.Width(se.center, size)
		x := -w / 2
		for _, r := range se.center {
			x0 := x
			sealGlyph(r, func(gx, gy float32) (float32, float32) {
				return local(x0+float64(gx)*size, y+float64(gy)*size)
			})
			x += s.face.Width(string(r), size)
		}
	}
	if se.below != "" {
		size := math.Min(se.rx*1.5/float64(len(se.below)+2), 5.5)
		w := s.face.Width(se.below, size)
		x := -w / 2
		y := se.ry * 0.62
		for _, r := range se.below {
			x0 := x
			sealGlyph(r, func(gx, gy float32) (float32, float32) {
				return local(x0+float64(gx)*size, y+float64(gy)*size)
			})
			x += s.face.Width(string(r), size)
		}
	}
}

// grain softens the image (a scanner's optics), then adds noise and a few
// specks of dust.
func grain(img *image.RGBA, rng *rand.Rand, sp scanParams) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if sp.blur {
		// [1 2 1]/4 horizontally, then vertically.
		row := make([]uint8, 4*w)
		for y := 0; y < h; y++ {
			p := img.Pix[y*img.Stride : y*img.Stride+4*w]
			copy(row, p)
			for x := 1; x < w-1; x++ {
				for c := range 3 {
					p[4*x+c] = uint8((int(row[4*x-4+c]) + 2*int(row[4*x+c]) + int(row[4*x+4+c]) + 2) / 4)
				}
			}
		}
		prev := make([]uint8, 4*w)
		cur := make([]uint8, 4*w)
		copy(prev, img.Pix[:4*w])
		for y := 1; y < h-1; y++ {
			p := img.Pix[y*img.Stride : y*img.Stride+4*w]
			copy(cur, p)
			next := img.Pix[(y+1)*img.Stride : (y+1)*img.Stride+4*w]
			for i := range p {
				if i%4 != 3 {
					p[i] = uint8((int(prev[i]) + 2*int(cur[i]) + int(next[i]) + 2) / 4)
				}
			}
			prev, cur = cur, prev
		}
	}
	// Grain: the sum of two uniform bytes is roughly bell-shaped.
	scale := sp.noise / 74 // 74 ≈ the standard deviation of the sum of two bytes
	var bits uint64
	left := 0
	next := func() int {
		if left == 0 {
			bits, left = rng.Uint64(), 4
		}
		v := int(bits&0xff) + int(bits>>8&0xff) - 255
		bits >>= 16
		left--
		return v
	}
	for y := 0; y < h; y++ {
		p := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := 0; x < w; x++ {
			n := float64(next()) * scale
			for c := range 3 {
				v := float64(p[4*x+c]) + n
				p[4*x+c] = uint8(min(255, max(0, v)))
			}
		}
	}
	for range 20 + rng.IntN(60) {
		x, y := rng.IntN(w-3), rng.IntN(h-3)
		g := uint8(60 + rng.IntN(120))
		n := 1 + rng.IntN(2)
		for dy := range n {
			for dx := range n {
				i := (y+dy)*img.Stride + 4*(x+dx)
				img.Pix[i], img.Pix[i+1], img.Pix[i+2] = g, g, g
			}
		}
	}
}

// paletted reduces img to 32 greys and 32 reds, as a scanner's document
// mode saves a page: the paper white, the greys by lightness, the reds
// (the seal, red print) by how light they are on the way from dark red to
// paper.
func paletted(img *image.RGBA) *image.Paletted {
	pal := make(color.Palette, 0, 64)
	for i := range 32 {
		v := uint8(i * 255 / 31)
		pal = append(pal, color.RGBA{v, v, v, 255})
	}
	for i := range 32 {
		f := float64(i) / 31 // 0 dark red … 1 pale
		pal = append(pal, color.RGBA{uint8(150 + 100*f), uint8(20 + 220*f), uint8(25 + 215*f), 255})
	}
	out := image.NewPaletted(img.Rect, pal)
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := 0; y < h; y++ {
		p := img.Pix[y*img.Stride : y*img.Stride+4*w]
		o := out.Pix[y*out.Stride : y*out.Stride+w]
		for x := 0; x < w; x++ {
			r, g, b := int(p[4*x]), int(p[4*x+1]), int(p[4*x+2])
			if r-g > 40 && r-b > 35 {
				f := float64(g-20) / 220
				o[x] = uint8(32 + min(31, max(0, int(f*31+0.5))))
				continue
			}
			l := (r*30 + g*59 + b*11) / 100
			if l >= 226 { // the paper: document modes drop it to white
				o[x] = 31
				continue
			}
			o[x] = uint8(min(31, (l*31+127)/255))
		}
	}
	return out
}

// defaultSeal is the seal a page gets when its layout placed none: the
// kind's usual seal near the bottom of what the page printed.
func defaultSeal(pg *page, kind pipeline.DocKind, d *orderDocs) seal {
	bottom := 0.0
	for _, it := range pg.items {
		bottom = max(bottom, it.y)
	}
	cx, cy := pg.w*0.72, min(pg.h-60, bottom-24)
	switch kind {
	case pipeline.KindPayment:
		return seal{cx: cx, cy: cy, rx: 52, ry: 34, arc: bankBrand(d.payment.payerBank) + "股份有限公司", center: "电子回单专用章"}
	case pipeline.KindContract:
		return seal{cx: pg.w * 0.3, cy: cy, rx: 42, ry: 42, arc: d.contract.buyerName, center: "合同专用章", star: true}
	case pipeline.KindInvoice:
		return seal{cx: cx, cy: cy, rx: 40, ry: 28, arc: d.invoice.sellerName, center: "发票专用章", below: d.invoice.sellerID}
	case pipeline.KindLogistics:
		return seal{cx: cx, cy: cy, rx: 40, ry: 40, arc: d.logistics.carrier, center: "业务专用章", star: true}
	}
	return seal{cx: cx, cy: cy, rx: 42, ry: 42, arc: d.acceptance.buyerName, center: "验收专用章", star: true}
}
