package sandbox

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ocr"
	"github.com/heshi-verify/heshi/internal/repo"
)

// scanPool returns a pool whose children read scans with the installed
// OCR engine; under -short the test is skipped.
func scanPool(t *testing.T) *Pool {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the OCR models")
	}
	dir, err := repo.OCRDir()
	if err != nil {
		t.Fatal(err)
	}
	if err := ocr.Installed(dir); err != nil {
		t.Fatalf("%v (run scripts/ocr.sh)", err)
	}
	return newPool(t, Config{Workers: 1, MemoryLimit: DefaultMemoryLimit, OCRDir: dir})
}

// TestReadScans reads a photographed slip (PNG) and an image-only PDF in
// a child, by OCR.
func TestReadScans(t *testing.T) {
	t.Parallel()
	p := scanPool(t)
	tests := []struct {
		file, parser, kind string
		want               map[string]string
	}{
		// The top of a receipt the sample generator drew, at 200 dpi.
		{"../ocr/testdata/payment.png", ParserImage, evidence.KindPayment, map[string]string{
			"payer_name": "麻阳苗族自治县教育局工会委员会", "payee_name": "邵阳县碧水油茶开发有限公司",
			"payer_account": "1817943773629018164", "payee_account": "1982564580272161920",
		}},
		// A courier label drawn, printed, scanned and saved as a PDF by
		// the generator (HN2021000002 of seed 77, --scans 1).
		{"testdata/scan-logistics-label.pdf", ParserPDF, evidence.KindLogistics, map[string]string{
			"tracking_no": "889989906856191", "carrier": "申通快递", "weight": "28.9", "pieces": "2",
		}},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		x, err := p.ExtractWith(context.Background(), tt.parser, tt.kind, data)
		if err != nil {
			t.Fatal(err)
		}
		if !x.Readable || x.Source != evidence.SourceOCR {
			t.Errorf("%s: readable %v, source %q, reason %q", tt.file, x.Readable, x.Source, x.Reason)
			continue
		}
		for k, v := range tt.want {
			if f := x.Fields[k]; f.Value != v || f.Conf <= 0 || f.Conf > 1 {
				t.Errorf("%s: %s = %q (confidence %v), want %q", filepath.Base(tt.file), k, f.Value, f.Conf, v)
			}
		}
	}
}

// TestHostileScans: image files that would make a reader allocate without
// bound, or that are cut short, are reported unreadable with a reason, and
// the child that read them serves the next document.
func TestHostileScans(t *testing.T) {
	t.Parallel()
	p := scanPool(t)
	var good bytes.Buffer
	if err := jpeg.Encode(&good, image.NewGray(image.Rect(0, 0, 400, 300)), nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		data   []byte
		reason string
	}{
		{"PNG declaring 60000×60000 pixels", pngHeader(60000, 60000), "over limits"},
		{"JPEG cut short", good.Bytes()[:good.Len()/2], "image"},
		{"blank page", good.Bytes(), "no text"},
	}
	for _, tt := range tests {
		x, err := p.ExtractWith(context.Background(), ParserImage, evidence.KindPayment, tt.data)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if x.Readable || !strings.Contains(x.Reason, tt.reason) || !strings.Contains(x.Reason, "needs human reading") {
			t.Errorf("%s: readable %v, reason %q; want it unreadable for %q", tt.name, x.Readable, x.Reason, tt.reason)
		}
	}
	if n := p.starts.Load(); n != 1 {
		t.Errorf("%d children started, want 1: a hostile image must not cost the child", n)
	}
}

// TestScansWithoutOCR: a pool set up without the OCR engine reports a
// scan as needing a person, and says why.
func TestScansWithoutOCR(t *testing.T) {
	t.Parallel()
	p := newPool(t, Config{Workers: 1})
	data, err := os.ReadFile("../ocr/testdata/payment.png")
	if err != nil {
		t.Fatal(err)
	}
	x, err := p.ExtractWith(context.Background(), ParserImage, evidence.KindPayment, data)
	if err != nil {
		t.Fatal(err)
	}
	if x.Readable || !strings.Contains(x.Reason, "HESHI_OCR_DIR") {
		t.Errorf("readable %v, reason %q; want unreadable, naming HESHI_OCR_DIR", x.Readable, x.Reason)
	}
}

// pngHeader returns the signature and IHDR chunk of a w×h 8-bit grey
// PNG, and no pixels.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}
