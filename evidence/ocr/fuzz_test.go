package ocr

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"testing"

	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// FuzzDecode checks that no image file takes the decoder down or past its
// bounds: it is refused, or decoded within maxSide on its longest side.
// (The pixel bound is lowered here so that the fuzzer's inputs decode
// fast; DecodeScaled uses MaxPixels.)
func FuzzDecode(f *testing.F) {
	if png, err := os.ReadFile("testdata/payment.png"); err == nil {
		f.Add(png)
	}
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 120, 80)), nil)
	f.Add(jpg.Bytes())
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	const maxSide = 256
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := decodeScaled(data, maxSide, 1<<20)
		if err != nil {
			return
		}
		if b := img.Bounds(); b.Dx() <= 0 || b.Dy() <= 0 || b.Dx() > maxSide || b.Dy() > maxSide {
			t.Fatalf("decoded to %v, beyond %d px", b, maxSide)
		}
	})
}

// FuzzDecodePageImage: a PDF page image's stated size and samples, however
// they disagree, are decoded within bounds or refused.
func FuzzDecodePageImage(f *testing.F) {
	f.Add(40, 30, 1, 8, make([]byte, 40*30))
	f.Add(40, 30, 3, 8, make([]byte, 40*30*3))
	f.Add(41, 30, 1, 1, make([]byte, 6*30))
	f.Add(40, 30, 3, 8, make([]byte, 10))
	f.Fuzz(func(t *testing.T, w, h, comps, bits int, samples []byte) {
		if w <= 0 || h <= 0 || w > 1000 || h > 1000 {
			return // sizes up to MaxImagePixels are allowed; kept small for speed
		}
		img, err := DecodePageImage(pdftext.PageImage{Width: w, Height: h, Components: comps, Bits: bits, Samples: samples}, 256)
		if err != nil {
			return
		}
		if b := img.Bounds(); b.Dx() > 256 || b.Dy() > 256 {
			t.Fatalf("decoded to %v", b)
		}
	})
}
