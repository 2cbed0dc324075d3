package pdftext_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/evidence/pdftext/pdftest"
)

// FuzzRows checks that no input takes the process down: every failure is
// an error wrapping one of the package's sentinels, and every success has
// sane rows.
func FuzzRows(f *testing.F) {
	plain := pdftest.New(300, 200)
	p := plain.AddPage()
	p.Text(10, 30, 10, "采购合同")
	p.Text(10, 60, 8, "合同编号：HT-2021-000123")
	p.Raw("BT /F1 9 Tf 10 100 Td [<91D1> -500 <989D>] TJ 2 Tc T* <00A5> Tj ET\n")
	f.Add(plain.Bytes())

	packed := pdftest.New(300, 200)
	packed.Compress = true
	packed.Rotate = 90
	packed.AddPage().Text(10, 30, 10, "¥1,234.50")
	packed.AddPage().Line(0, 0, 10, 10)
	f.Add(packed.Bytes())

	// Real files: ToUnicode maps, the Adobe-GB1 table without one (Beijing),
	// an embedded TrueType's cmap without one (BWSimKai).
	for _, name := range []string{"real-invoice-old-15.94.pdf", "real-invoice-beijing-2017.pdf", "real-invoice-no-tounicode.pdf"} {
		if real, err := os.ReadFile(filepath.Join("..", "testdata", name)); err == nil {
			f.Add(real)
		}
	}
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))

	lim := pdftext.Limits{MaxBytes: 1 << 20, MaxPages: 8}
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang is a failure too: crash the worker so that the fuzzer
		// records the input.
		watchdog := time.AfterFunc(10*time.Second, func() {
			panic(fmt.Sprintf("Rows still running after 10s on %d bytes", len(data)))
		})
		defer watchdog.Stop()
		rows, err := pdftext.Rows(data, lim)
		if err != nil {
			if !errors.Is(err, pdftext.ErrUnreadable) && !errors.Is(err, pdftext.ErrEncrypted) && !errors.Is(err, pdftext.ErrTooLarge) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		for _, r := range rows {
			if r.Page < 1 || r.Page > lim.MaxPages || len(r.Items) == 0 || bad(r.Y) {
				t.Fatalf("bad row %+v", r)
			}
			for _, it := range r.Items {
				if it.Text == "" || bad(it.X) || bad(it.W) || it.W < 0 {
					t.Fatalf("bad item %+v", it)
				}
			}
		}
	})
}

func bad(f float64) bool { return math.IsNaN(f) || math.IsInf(f, 0) }

// FuzzPageImages checks that no input takes PageImages down or past its
// bounds: every failure wraps a sentinel, every image is within
// MaxImagePixels, a JPEG is one and raw samples fill the image.
func FuzzPageImages(f *testing.F) {
	if scan, err := os.ReadFile(filepath.Join("..", "sandbox", "testdata", "scan-logistics-label.pdf")); err == nil {
		f.Add(scan)
	}
	raw := pdftest.New(300, 200)
	raw.AddPage().Text(10, 30, 10, "no image")
	f.Add(raw.Bytes())
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/XObject/Subtype/Image/Width 300/Height 300/BitsPerComponent 8/ColorSpace/DeviceGray/Length 4>>stream\nabcd\nendstream endobj\n%%EOF\n"))
	lim := pdftext.Limits{MaxBytes: 2 << 20, MaxPages: 4}
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(10*time.Second, func() {
			panic(fmt.Sprintf("PageImages still running after 10s on %d bytes", len(data)))
		})
		defer watchdog.Stop()
		imgs, err := pdftext.PageImages(data, lim)
		if err != nil {
			if !errors.Is(err, pdftext.ErrUnreadable) && !errors.Is(err, pdftext.ErrEncrypted) && !errors.Is(err, pdftext.ErrTooLarge) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		for _, im := range imgs {
			if im.Page < 1 || im.Page > lim.MaxPages || im.Width <= 0 || im.Height <= 0 || int64(im.Width)*int64(im.Height) > pdftext.MaxImagePixels {
				t.Fatalf("bad image %d×%d on page %d", im.Width, im.Height, im.Page)
			}
			switch {
			case im.JPEG != nil:
				if len(im.JPEG) < 2 || im.JPEG[0] != 0xff || im.JPEG[1] != 0xd8 {
					t.Fatal("a JPEG that does not start as one")
				}
			case len(im.Samples) != im.Height*((im.Width*im.Components*im.Bits+7)/8):
				t.Fatalf("%d samples bytes for %d×%d×%d at %d bits", len(im.Samples), im.Width, im.Height, im.Components, im.Bits)
			}
		}
	})
}
