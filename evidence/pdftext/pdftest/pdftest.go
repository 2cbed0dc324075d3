// Package pdftest writes small text-only PDFs for tests of text extraction.
//
// Text is shown in one composite font whose character codes are the
// Unicode code points (Identity-H, with a ToUnicode map), so any Chinese
// text can be placed without embedding a font file: viewers substitute a
// face, and extractors read exactly what was written. Widths are 1000/1000
// of the font size for every character except printable ASCII (500/1000),
// which is what a CJK font with half-width Latin prints.
package pdftest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sort"
	"strings"
)

// Doc is a PDF under construction. The zero Doc is not usable; call New.
type Doc struct {
	W, H     float64 // page size in points
	Rotate   int     // /Rotate of every page (0, 90, 180, 270)
	Compress bool    // FlateDecode the content streams
	Encrypt  bool    // declare an encryption dictionary the reader cannot open
	pages    []*Page
}

// Page is one page of a Doc.
type Page struct {
	h   float64
	ops bytes.Buffer
}

// A4W and A4H are the A4 page size in points.
const A4W, A4H = 595.28, 841.89

// New starts a document with pages of w×h points.
func New(w, h float64) *Doc { return &Doc{W: w, H: h} }

// AddPage appends an empty page.
func (d *Doc) AddPage() *Page {
	p := &Page{h: d.H}
	d.pages = append(d.pages, p)
	return p
}

// Text shows s with its baseline starting at x points from the left edge
// and y points from the TOP edge, in a font of the given size.
func (p *Page) Text(x, y, size float64, s string) {
	fmt.Fprintf(&p.ops, "BT /F1 %.2f Tf %.2f %.2f Td <", size, x, p.h-y)
	for _, r := range s {
		if r > 0xFFFF {
			r = 0xFFFD
		}
		fmt.Fprintf(&p.ops, "%04X", r)
	}
	p.ops.WriteString("> Tj ET\n")
}

// Line draws a line; it adds no text (a page of lines only reads as a scan).
func (p *Page) Line(x0, y0, x1, y1 float64) {
	fmt.Fprintf(&p.ops, "%.2f %.2f m %.2f %.2f l S\n", x0, p.h-y0, x1, p.h-y1)
}

// Raw appends content-stream operators as they are, for tests of unusual
// constructs (TJ arrays, text matrices, character spacing).
func (p *Page) Raw(ops string) { p.ops.WriteString(ops) }

// Bytes returns the finished PDF.
func (d *Doc) Bytes() []byte {
	used := map[rune]bool{}
	for _, p := range d.pages {
		for _, r := range hexRunes(p.ops.String()) {
			used[r] = true
		}
	}
	var objs []string // objs[i] is object i+1
	add := func(s string) int { objs = append(objs, s); return len(objs) }

	catalog := add("") // filled below
	pagesObj := add("")
	font := add("")
	desc := add("")
	toUni := add(toUnicode(used))
	var kids []string
	for _, p := range d.pages {
		data := p.ops.Bytes()
		filter := ""
		if d.Compress {
			var z bytes.Buffer
			w := zlib.NewWriter(&z)
			w.Write(data)
			w.Close()
			data = z.Bytes()
			filter = " /Filter /FlateDecode"
		}
		content := add(fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(data), filter, data))
		rot := ""
		if d.Rotate != 0 {
			rot = fmt.Sprintf(" /Rotate %d", d.Rotate)
		}
		page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f]%s /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>",
			pagesObj, d.W, d.H, rot, font, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	objs[font-1] = fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /TestCJK /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, toUni)
	objs[desc-1] = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCJK /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [32 126 500] >>"

	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	xref := writeObjects(&b, objs)
	encrypt := ""
	if d.Encrypt {
		encrypt = " /Encrypt << /Filter /Unknown /V 9 /R 9 >> /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]"
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, encrypt, xref)
	return b.Bytes()
}

// hexRunes returns the code points written in <...> strings of ops.
func hexRunes(ops string) []rune {
	var out []rune
	for {
		i := strings.IndexByte(ops, '<')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(ops[i:], '>')
		if j < 0 {
			return out
		}
		h := ops[i+1 : i+j]
		for k := 0; k+4 <= len(h); k += 4 {
			var r rune
			fmt.Sscanf(h[k:k+4], "%04X", &r)
			out = append(out, r)
		}
		ops = ops[i+j+1:]
	}
}

// toUnicode writes a ToUnicode CMap mapping each used code to itself.
func toUnicode(used map[rune]bool) string {
	codes := make([]int, 0, len(used))
	for r := range used {
		codes = append(codes, int(r))
	}
	sort.Ints(codes)
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
	b.WriteString("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
	b.WriteString("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(codes) > 0 {
		n := min(len(codes), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, c := range codes[:n] {
			fmt.Fprintf(&b, "<%04X> <%04X>\n", c, c)
		}
		b.WriteString("endbfchar\n")
		codes = codes[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	s := b.String()
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s)
}

// File assembles a PDF from raw object bodies (object i+1 is objs[i]) with
// a correct cross-reference table, for tests of malformed structures. The
// trailer is << /Size n /Root 1 0 R extra >>; in extra, the text XREF is
// replaced by the offset of the cross-reference table (for /Prev loops).
func File(extra string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	xref := writeObjects(&b, objs)
	extra = strings.ReplaceAll(extra, "XREF", fmt.Sprint(xref))
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, extra, xref)
	return b.Bytes()
}

// writeObjects writes objs as objects 1…n followed by their cross-reference
// table, and returns the table's offset.
func writeObjects(b *bytes.Buffer, objs []string) (xref int) {
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref = b.Len()
	fmt.Fprintf(b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(b, "%010d 00000 n \n", off)
	}
	return xref
}
