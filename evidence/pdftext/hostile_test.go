package pdftext_test

import (
	"errors"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/evidence/pdftext/pdftest"
)

// Objects shared by the hostile files: a font and a content stream that
// shows 发票 (font object 4, content object 5).
const (
	hostileFont    = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Subtype /CIDFontType0 /DW 1000 >>] >>"
	hostileContent = "<< /Length 39 >>\nstream\nBT /F1 10 Tf 50 700 Td <53D17968> Tj ET\nendstream"
)

// TestRowsHostile feeds structures that make the parser loop, recurse or
// allocate without bound. Each must end quickly, with rows or an error.
func TestRowsHostile(t *testing.T) {
	t.Parallel()
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
	tests := []struct {
		name string
		data []byte
		want error // nil: must succeed with the text 发票
	}{
		{"baseline", pdftest.File("",
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, hostileFont, hostileContent), nil},
		{"xref Prev points to itself", pdftest.File("/Prev XREF",
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, hostileFont, hostileContent), pdftext.ErrTooLarge},
		{"page tree contains itself", pdftest.File("",
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 2 0 R 2 0 R] /Count 3 >>", page, hostileFont, hostileContent), pdftext.ErrUnreadable},
		{"inherited resources through a Parent cycle", pdftest.File("",
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
			"<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>", hostileFont, hostileContent), nil},
		{"form XObject draws itself", pdftest.File("",
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 7 0 R >>",
			hostileFont, hostileContent,
			"<< /Type /XObject /Subtype /Form /Resources << /XObject << /X 6 0 R >> >> /Length 41 >>\nstream\n/X Do /X Do /X Do /X Do /X Do /X Do /X Do\nendstream",
			"<< /Length 5 >>\nstream\n/X Do\nendstream"), pdftext.ErrTooLarge},
		{"huge trailer Size", []byte(string(pdftest.File("",
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, hostileFont, hostileContent)) + "% /Size 99999999999\n%%EOF\n"), pdftext.ErrUnreadable},
		{"huge trailer Size, name escaped", []byte(string(pdftest.File("",
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, hostileFont, hostileContent)) + "% /S#69ze 99999999999\n%%EOF\n"), pdftext.ErrUnreadable},
		{"xref subsection far away", []byte("%PDF-1.7\nxref\n4000000000 1\n0000000009 00000 n \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"), pdftext.ErrUnreadable},
		{"object stream with billions of objects", pdftest.File("",
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, hostileFont, hostileContent,
			"<< /Type /ObjStm /N 9000000000000 /First 4 /Length 4 >>\nstream\n1 0 \nendstream"), pdftext.ErrUnreadable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			done := make(chan struct{})
			var rows []pdftext.Row
			var err error
			go func() {
				defer close(done)
				rows, err = pdftext.Rows(tc.data, pdftext.Limits{})
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("Rows did not return in 20s")
			}
			if tc.want == nil {
				if err != nil || len(rows) != 1 || rows[0].Text() != "发票" {
					t.Fatalf("got %q, %v; want the row 发票", texts(rows), err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
		})
	}
}
