package ocr

import (
	"errors"
	"image"
	"image/draw"
	"math"
	"os"
	"strings"
	"testing"
)

// testdata/payment.png is the top of a payment slip that heshi's sample
// generator drew (order HN2021000001), rendered at 200 dpi.
var paymentWant = []string{
	"中国农业银行电子回单",
	"5412846948243988",
	"麻阳苗族自治县教育局工会委员会",
	"邵阳县碧水油茶开发有限公司",
	"1817943773629018164",
	"1982564580272161920",
	"中国农业银行麻阳苗族自治县支行",
	"中国工商银行邵阳县支行",
	"人民币伍仟壹佰元伍角壹分",
}

func loadTestImage(t *testing.T, name string) image.Image {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodeImage(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// checkPayment reads the slip and checks its key values come out whole,
// each as one word, and that the label and value of each row share a line.
func checkPayment(t *testing.T, p *Page) {
	t.Helper()
	texts := map[string]Word{}
	for _, w := range p.Words {
		texts[w.Text] = w
	}
	for _, want := range paymentWant {
		if _, ok := texts[want]; !ok {
			var got []string
			for _, w := range p.Words {
				got = append(got, w.Text)
			}
			t.Errorf("no word %q in %q", want, got)
		}
	}
	for _, pair := range [][2]string{
		{"付款人户名", "麻阳苗族自治县教育局工会委员会"},
		{"收款人户名", "邵阳县碧水油茶开发有限公司"},
		{"付款人账号", "1817943773629018164"},
	} {
		l, v := texts[pair[0]], texts[pair[1]]
		if l.Text == "" || v.Text == "" {
			continue // reported above
		}
		if l.Line != v.Line || l.X >= v.X {
			t.Errorf("%s (line %d, x %.0f) and %s (line %d, x %.0f) not on one line left to right", l.Text, l.Line, l.X, v.Text, v.Line, v.X)
		}
		if cy := func(w Word) float64 { return w.Y + w.H/2 }; math.Abs(cy(l)-cy(v)) > 0.25*l.H {
			t.Errorf("%s and %s centres %0.f px apart", l.Text, v.Text, math.Abs(cy(l)-cy(v)))
		}
	}
	for i := 1; i < len(p.Words); i++ {
		a, b := p.Words[i-1], p.Words[i]
		if b.Line < a.Line || (b.Line == a.Line && b.X < a.X) {
			t.Errorf("words %q and %q out of reading order", a.Text, b.Text)
		}
	}
	for _, w := range p.Words {
		if w.Conf < 0.5 || w.Conf > 1 || len(w.Chars) == 0 {
			t.Errorf("word %+v: confidence or characters missing", w)
		}
	}
}

func TestRecognizePayment(t *testing.T) {
	e := testEngine(t)
	p, err := e.RecognizePage(loadTestImage(t, "payment.png"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Rotation != 0 || math.Abs(p.Skew) > 0.3 {
		t.Errorf("rotation %d skew %.2f, want 0 0", p.Rotation, p.Skew)
	}
	checkPayment(t, p)
}

// turn returns img turned clockwise by quarter turns, as an upright image
// scanned the wrong way round would arrive.
func turn(img image.Image, quarter int) image.Image {
	r := toRaster(img).rotate(quarter)
	out := image.NewRGBA(image.Rect(0, 0, r.w, r.h))
	for i := 0; i < r.w*r.h; i++ {
		out.Pix[4*i], out.Pix[4*i+1], out.Pix[4*i+2], out.Pix[4*i+3] = r.pix[3*i], r.pix[3*i+1], r.pix[3*i+2], 255
	}
	return out
}

func TestRecognizeTurnedPages(t *testing.T) {
	e := testEngine(t)
	img := loadTestImage(t, "payment.png")
	for _, q := range []int{1, 2, 3} {
		p, err := e.RecognizePage(turn(img, q))
		if err != nil {
			t.Fatal(err)
		}
		// The page must be turned back: a page turned q quarters clockwise
		// needs 4-q more.
		if want := (4 - q) * 90; p.Rotation != want {
			t.Errorf("page turned %d°: rotation %d, want %d", 90*q, p.Rotation, want)
			continue
		}
		if p.Width != img.Bounds().Dx() || p.Height != img.Bounds().Dy() {
			t.Errorf("page turned %d°: size %dx%d after turning back", 90*q, p.Width, p.Height)
		}
		checkPayment(t, p)
	}
}

// tilt returns img turned by deg degrees counter-clockwise on a white
// ground (text then rises to the right), the same size.
func tilt(img image.Image, deg float64) image.Image {
	src := toRaster(img)
	s, c := math.Sincos(-deg * math.Pi / 180)
	cx, cy := float64(src.w)/2, float64(src.h)/2
	// A white margin so that the edges replicate white.
	pad := newRaster(src.w+2, src.h+2)
	for i := range pad.pix {
		pad.pix[i] = 255
	}
	for y := 0; y < src.h; y++ {
		copy(pad.pix[3*((y+1)*pad.w+1):], src.pix[3*y*src.w:3*(y+1)*src.w])
	}
	// Destination (u, v) comes from the source point turned back by deg.
	m := affine{ax: c, ay: -s, bx: s, by: c}
	m.ox = cx + 1 - (cx*c + cy*s)
	m.oy = cy + 1 - (-cx*s + cy*c)
	r := pad.warp(src.w, src.h, m)
	out := image.NewRGBA(image.Rect(0, 0, r.w, r.h))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	for i := 0; i < r.w*r.h; i++ {
		out.Pix[4*i], out.Pix[4*i+1], out.Pix[4*i+2] = r.pix[3*i], r.pix[3*i+1], r.pix[3*i+2]
	}
	return out
}

func TestRecognizeSkewed(t *testing.T) {
	e := testEngine(t)
	img := loadTestImage(t, "payment.png")
	for _, deg := range []float64{2, -2} {
		p, err := e.RecognizePage(tilt(img, deg))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(p.Skew-deg) > 0.4 {
			t.Errorf("tilted %v°: measured skew %.2f", deg, p.Skew)
		}
		checkPayment(t, p)
	}
	// Without deskewing, a 2° tilt across a 1650 px page moves a row's
	// right end 58 px up: the label and the value drift apart.
	cfg := e.cfg
	cfg.SkipDeskew = true
	raw := &Engine{cfg: cfg, det: e.det, rec: e.rec, cls: e.cls, dict: e.dict, db: e.db}
	p, err := raw.RecognizePage(tilt(img, 2))
	if err != nil {
		t.Fatal(err)
	}
	var l, v Word
	for _, w := range p.Words {
		switch w.Text {
		case "付款人户名":
			l = w
		case "收款人户名":
			v = w
		}
	}
	if l.Text == "" || v.Text == "" || (l.Y+l.H/2)-(v.Y+v.H/2) < 15 {
		t.Errorf("without deskew the two labels of a row should be apart in y: %+v %+v", l, v)
	}
}

func TestRecognizeBlankAndTooLarge(t *testing.T) {
	e := testEngine(t)
	white := image.NewGray(image.Rect(0, 0, 300, 200))
	draw.Draw(white, white.Bounds(), image.White, image.Point{}, draw.Src)
	ws, err := e.Recognize(white)
	if err != nil || len(ws) != 0 {
		t.Errorf("blank page: %d words, err %v", len(ws), err)
	}
	if _, err := e.Recognize(image.NewGray(image.Rect(0, 0, 2501, 10))); !errors.Is(err, ErrTooLarge) {
		t.Errorf("2501 px: err %v, want ErrTooLarge", err)
	}
	if ws, err := e.Recognize(image.NewGray(image.Rect(0, 0, 0, 0))); err != nil || len(ws) != 0 {
		t.Errorf("empty image: %v %v", ws, err)
	}
}

func TestNewChecksDictionary(t *testing.T) {
	testEngine(t) // skips under -short, fails without the models
	cfg := DefaultConfig(testDir(t))
	short := t.TempDir() + "/keys.txt"
	os.WriteFile(short, []byte(strings.Repeat("a\n", 100)), 0o644)
	cfg.Dict = short
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "classes") {
		t.Errorf("a dictionary of the wrong size: err %v", err)
	}
}
