package pdftext_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/evidence/pdftext/pdftest"
)

// TestRowsFonts reads text shown in the font encodings that Chinese PDFs
// use: each case is a font dictionary and a content stream.
func TestRowsFonts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, font, content string
		want                []string
	}{
		{
			name:    "simple font, WinAnsi, widths and word spacing",
			font:    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584] >>",
			content: "BT /F1 12 Tf 50 700 Td (Invoice No. 123) Tj ET BT /F1 12 Tf 50 680 Td [(Total) -3000 (\\2451,234.50)] TJ ET",
			want:    []string{"Invoice No. 123", "Total ¥1,234.50"},
		},
		{
			name:    "UCS-2 CMap (STSong-Light), no widths for CJK",
			font:    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 /W [1 [207] 17 26 462] >>] >>",
			content: "BT /F1 9 Tf 40 700 Td <540D0020002079F0003A4E2D94C1> Tj ET",
			want:    []string{"名 称:中铁"},
		},
		{
			name:    "GBK CMap: one byte for ASCII, two for hanzi",
			font:    "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [<< /Subtype /CIDFontType0 /DW 1000 >>] >>",
			content: "BT /F1 10 Tf 40 700 Td <B7A2C6B13A313233> Tj ET",
			want:    []string{"发票:123"},
		},
		{
			name:    "Identity-H without ToUnicode: unknown text",
			font:    "<< /Type /Font /Subtype /Type0 /BaseFont /BWSimKai /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 /DW 1000 >>] >>",
			content: "BT /F1 10 Tf 40 700 Td <0102> Tj ET",
			want:    []string{"\uFFFD"},
		},
		{
			name:    "ToUnicode bfrange with an offset and an array destination",
			font:    "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 /DW 1000 >>] /ToUnicode 6 0 R >>",
			content: "BT /F1 10 Tf 40 700 Td <001200130020> Tj ET",
			want:    []string{"合吉书"}, // 0x12 → U+5408, 0x13 → U+5409
		},
	}
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"2 beginbfrange <0010> <0013> <5406> <0020> <0020> [<4E66>] endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end"
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data := pdftest.File("",
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
				tc.font,
				fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(tc.content), tc.content),
				fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cmap), cmap))
			rows, err := pdftext.Rows(data, pdftext.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := texts(rows); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
