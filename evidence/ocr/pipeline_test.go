package ocr

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"
)

func TestCTCDecode(t *testing.T) {
	dict := []string{"a", "b", " "}
	// Steps: a a blank a b b blank, then two padding steps.
	steps := [][]float32{
		{0.1, 0.8, 0.05, 0.05},
		{0.1, 0.9, 0.0, 0.0},
		{0.9, 0.05, 0.05, 0},
		{0.3, 0.6, 0.1, 0},
		{0.2, 0.1, 0.7, 0},
		{0.1, 0.1, 0.8, 0},
		{0.99, 0, 0, 0.01},
		{0, 0, 0.99, 0},
		{0, 0, 0.99, 0},
	}
	var probs []float32
	for _, s := range steps {
		probs = append(probs, s...)
	}
	lt := ctcDecode(probs, 7, dict)
	var text string
	for _, c := range lt.chars {
		text += c.Text
	}
	if text != "aab" {
		t.Fatalf("text %q, want aab (padding steps ignored)", text)
	}
	if lt.chars[0].X0 != 0 || lt.chars[0].X1 != 16 || !near(lt.chars[0].Conf, 0.9, 1e-6) {
		t.Errorf("first char %+v", lt.chars[0])
	}
	if !near(lt.conf, (0.9+0.6+0.8)/3, 1e-6) {
		t.Errorf("conf %v", lt.conf)
	}
}

func TestRasterRotate(t *testing.T) {
	r := newRaster(3, 2)
	for i := range r.pix {
		r.pix[i] = uint8(i)
	}
	if got := r.rotate(1).rotate(1).rotate(1).rotate(1); !bytes.Equal(got.pix, r.pix) {
		t.Error("four quarter turns are not the identity")
	}
	q := r.rotate(1)
	if q.w != 2 || q.h != 3 {
		t.Fatalf("quarter turn size %dx%d", q.w, q.h)
	}
	// Clockwise: the top left pixel goes to the top right.
	if !bytes.Equal(q.pix[3*(0*q.w+1):3*(0*q.w+1)+3], r.pix[0:3]) {
		t.Error("clockwise turn put the top left pixel elsewhere")
	}
	if !bytes.Equal(r.rotate(2).rotate(2).pix, r.pix) || !bytes.Equal(r.rotate(1).rotate(3).pix, r.pix) {
		t.Error("half turns or opposite turns do not cancel")
	}
}

func TestToRasterOverWhite(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 1, 1)) // transparent
	if r := toRaster(img); r.pix[0] != 255 || r.pix[1] != 255 || r.pix[2] != 255 {
		t.Errorf("transparent pixel read as %v, want white", r.pix[:3])
	}
	g := image.NewGray(image.Rect(2, 3, 4, 5)) // not at the origin
	g.SetGray(3, 4, color.Gray{Y: 7})
	if r := toRaster(g); r.w != 2 || r.h != 2 || r.pix[3*3] != 7 {
		t.Errorf("gray raster %dx%d %v", r.w, r.h, r.pix)
	}
}

func TestWarpResizeKeepsMean(t *testing.T) {
	r := newRaster(40, 40)
	for y := 0; y < 40; y++ {
		for x := 0; x < 40; x++ {
			v := uint8(0)
			if (x/2+y/2)%2 == 0 {
				v = 255
			}
			copy(r.pix[3*(y*40+x):], []uint8{v, v, v})
		}
	}
	s := r.resize(10, 10)
	var sum float64
	for i := 0; i < len(s.pix); i += 3 {
		sum += float64(s.pix[i])
	}
	if mean := sum / 100; math.Abs(mean-127.5) > 10 {
		t.Errorf("mean after 4x shrink %v, want about 127.5 (averaging, not point sampling)", mean)
	}
}

func TestDetSize(t *testing.T) {
	for _, c := range []struct{ w, h, max, ww, wh int }{
		{1654, 2339, 1600, 1120, 1600},
		{794, 1123, 1600, 800, 1120},
		{10, 10, 1600, 32, 32},
	} {
		if w, h := detSize(c.w, c.h, c.max); w != c.ww || h != c.wh {
			t.Errorf("detSize(%d, %d, %d) = %d, %d, want %d, %d", c.w, c.h, c.max, w, h, c.ww, c.wh)
		}
	}
}

func TestOrderWords(t *testing.T) {
	ws := []Word{
		{Text: "c", X: 300, Y: 52, W: 50, H: 30},
		{Text: "d", X: 10, Y: 100, W: 50, H: 30},
		{Text: "a", X: 10, Y: 50, W: 50, H: 30},
		{Text: "b", X: 100, Y: 48, W: 50, H: 34},
		{Text: "e", X: 100, Y: 101, W: 50, H: 28},
	}
	orderWords(ws)
	want := "abcde"
	lines := []int{0, 0, 0, 1, 1}
	for i, w := range ws {
		if w.Text != want[i:i+1] || w.Line != lines[i] {
			t.Errorf("word %d: %q line %d, want %q line %d", i, w.Text, w.Line, want[i:i+1], lines[i])
		}
	}
}

func TestPlaceWordsSplitsAtGaps(t *testing.T) {
	// A strip 48 px high in page pixels, so strip and page units agree.
	s := strip{origin: point{100, 200}, dir: point{1, 0}, down: point{0, 1}, length: 600, thick: 48}
	ch := func(text string, x0 float64) Char { return Char{Text: text, X0: x0, X1: x0 + 16, Conf: 0.9} }
	lt := lineText{width: 600, chars: []Char{
		ch("户", 10), ch("名", 46), // adjacent ideographs
		ch("麻", 200), ch("阳", 236), // after a wide gap
		ch(" ", 270), ch("1", 290), ch("2", 310), // after a space
	}}
	ws := placeWords(s, lt, deskewFrame{})
	var got []string
	for _, w := range ws {
		got = append(got, w.Text)
	}
	if len(got) != 3 || got[0] != "户名" || got[1] != "麻阳" || got[2] != "12" {
		t.Fatalf("words %q, want [户名 麻阳 12]", got)
	}
	if ws[0].X != 100 || ws[2].X+ws[2].W != 700 || ws[1].Y != 200 || ws[1].H != 48 {
		t.Errorf("boxes %+v", ws)
	}
	if ws[1].X != 300 || !near(ws[1].Chars[1].X0, 336, 1e-9) {
		t.Errorf("second word at %v, chars %+v", ws[1].X, ws[1].Chars)
	}
}

func TestMeasureSkewAndFrame(t *testing.T) {
	var boxes []detBox
	for i := 0; i < 5; i++ {
		// Lines rising to the right by 2°: negative angle in a y-down frame.
		boxes = append(boxes, detBox{r: rect{cx: 500, cy: float64(100 + 60*i), w: 800, h: 30, angle: -2 * math.Pi / 180}})
	}
	boxes = append(boxes, detBox{r: rect{cx: 50, cy: 50, w: 30, h: 30, angle: 0.3}}) // not a line
	skew := measureSkew(boxes)
	if !near(skew, 2, 1e-9) {
		t.Fatalf("skew %v, want 2", skew)
	}
	f := deskewFrame{cx: 500, cy: 100, angle: skew * math.Pi / 180}
	c := boxes[0].r.corners()
	a, b := f.apply(c[0]), f.apply(c[1]) // the top edge, left and right
	if !near(a.y, b.y, 1e-9) {
		t.Errorf("top edge after deskew from y %v to %v, want level", a.y, b.y)
	}
}

func TestDecodeImageRejectsLarge(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 3000, 4))); err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeImage(buf.Bytes(), 2500); !errors.Is(err, ErrTooLarge) {
		t.Errorf("3000 px wide image: err %v, want ErrTooLarge", err)
	}
	if img, err := DecodeImage(buf.Bytes(), 3000); err != nil || img.Bounds().Dx() != 3000 {
		t.Errorf("at the limit: %v", err)
	}
	if _, err := DecodeImage([]byte("not an image"), 0); err == nil {
		t.Error("garbage decoded")
	}
}
