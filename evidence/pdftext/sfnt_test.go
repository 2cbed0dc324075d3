package pdftext

import (
	"encoding/binary"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence/pdftext/pdftest"
)

// sfntFile builds a font file holding the given tables (tag → bytes).
func sfntFile(tables ...sfntTableData) []byte {
	head := 12 + 16*len(tables)
	b := make([]byte, head)
	binary.BigEndian.PutUint32(b, 0x00010000)
	binary.BigEndian.PutUint16(b[4:], uint16(len(tables)))
	for i, t := range tables {
		rec := b[12+16*i:]
		copy(rec, t.tag)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(b)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
		b = append(b, t.data...)
	}
	return b
}

type sfntTableData struct {
	tag  string
	data []byte
}

// cmapSub is one encoding record of a cmap table with its subtable.
type cmapSub struct {
	plat, enc uint16
	data      []byte
}

func cmapTable(subs ...cmapSub) sfntTableData {
	b := make([]byte, 4+8*len(subs))
	binary.BigEndian.PutUint16(b[2:], uint16(len(subs)))
	for i, s := range subs {
		binary.BigEndian.PutUint16(b[4+8*i:], s.plat)
		binary.BigEndian.PutUint16(b[6+8*i:], s.enc)
		binary.BigEndian.PutUint32(b[8+8*i:], uint32(len(b)))
		b = append(b, s.data...)
	}
	return sfntTableData{"cmap", b}
}

// seg4 is a format 4 segment: codes start..end map to code+delta, or,
// when glyphs is set, to glyphs[code-start]+delta.
type seg4 struct {
	start, end, delta uint16
	glyphs            []uint16
}

// d is the format 4 delta taking code to glyph id gid.
func d(gid, code int) uint16 { return uint16(gid - code) }

func format4(segs ...seg4) []byte {
	segs = append(segs, seg4{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	b := make([]byte, 14+2+8*n)
	be := binary.BigEndian
	be.PutUint16(b[0:], 4)
	be.PutUint16(b[6:], uint16(2*n))
	ends, starts, deltas, ranges := 14, 16+2*n, 16+4*n, 16+6*n
	var glyphArray []byte
	for i, s := range segs {
		be.PutUint16(b[ends+2*i:], s.end)
		be.PutUint16(b[starts+2*i:], s.start)
		be.PutUint16(b[deltas+2*i:], s.delta)
		if s.glyphs != nil {
			// Offset from this idRangeOffset entry to the glyph array.
			off := (n-i)*2 + len(glyphArray)
			be.PutUint16(b[ranges+2*i:], uint16(off))
			for _, g := range s.glyphs {
				glyphArray = be.AppendUint16(glyphArray, g)
			}
		}
	}
	b = append(b, glyphArray...)
	be.PutUint16(b[2:], uint16(len(b)))
	return b
}

func format12(groups ...[3]uint32) []byte {
	b := make([]byte, 16, 16+12*len(groups))
	be := binary.BigEndian
	be.PutUint16(b[0:], 12)
	be.PutUint32(b[4:], uint32(16+12*len(groups)))
	be.PutUint32(b[12:], uint32(len(groups)))
	for _, g := range groups {
		b = be.AppendUint32(b, g[0])
		b = be.AppendUint32(b, g[1])
		b = be.AppendUint32(b, g[2])
	}
	return b
}

func TestSfntGlyphRunes(t *testing.T) {
	t.Parallel()
	hanzi := format4(seg4{start: 'A', end: 'C', delta: d(10, 'A')}, seg4{start: 0x4E2D, end: 0x4E2D, delta: d(5, 0x4E2D)})
	tests := []struct {
		name string
		font []byte
		want map[uint16]rune
	}{
		{"format 4 with deltas", sfntFile(cmapTable(cmapSub{3, 1, hanzi})),
			map[uint16]rune{10: 'A', 11: 'B', 12: 'C', 5: '中'}},
		{"format 4 with a glyph array", sfntFile(cmapTable(cmapSub{3, 1, format4(seg4{start: '1', end: '3', glyphs: []uint16{7, 0, 9}})})),
			map[uint16]rune{7: '1', 9: '3'}},
		{"format 12 (3,10) is preferred to format 4 (3,1)",
			sfntFile(sfntTableData{"head", make([]byte, 54)}, cmapTable(cmapSub{3, 1, hanzi}, cmapSub{3, 10, format12([3]uint32{0x20000, 0x20001, 40})})),
			map[uint16]rune{40: 0x20000, 41: 0x20001}},
		{"Unicode platform 0", sfntFile(cmapTable(cmapSub{0, 3, hanzi})),
			map[uint16]rune{10: 'A', 11: 'B', 12: 'C', 5: '中'}},
		{"two codes on one glyph: the lower wins", sfntFile(cmapTable(cmapSub{3, 1, format4(seg4{start: 'A', end: 'A', delta: d(3, 'A')}, seg4{start: 'a', end: 'a', delta: d(3, 'a')})})),
			map[uint16]rune{3: 'A'}},
		{"two codes on one glyph: the unified ideograph wins", sfntFile(cmapTable(cmapSub{3, 1, format4(seg4{start: 0x2F00, end: 0x2F00, delta: d(3, 0x2F00)}, seg4{start: 0x4E00, end: 0x4E00, delta: d(3, 0x4E00)})})),
			map[uint16]rune{3: 0x4E00}},
		{"symbol cmap (3,0) only: no text", sfntFile(cmapTable(cmapSub{3, 0, format4(seg4{start: 0xF020, end: 0xF07E, delta: 1})})), nil},
		{"private use and controls dropped", sfntFile(cmapTable(cmapSub{3, 1, format4(seg4{start: 0x01, end: 0x02, delta: 4}, seg4{start: 0xE000, end: 0xE001, delta: 1})})), nil},
		{"no cmap table", sfntFile(sfntTableData{"glyf", []byte{1, 2, 3}}), nil},
		{"cmap offset past the end", func() []byte {
			b := sfntFile(cmapTable(cmapSub{3, 1, hanzi}))
			binary.BigEndian.PutUint32(b[12+8:], 1<<31)
			return b
		}(), nil},
		{"subtable offset past the table", func() []byte {
			c := cmapTable(cmapSub{3, 1, hanzi})
			binary.BigEndian.PutUint32(c.data[8:], 0xFFFFFFF0)
			return sfntFile(c)
		}(), nil},
		{"format 4 truncated in its arrays", sfntFile(cmapTable(cmapSub{3, 1, hanzi[:20]})), nil},
		{"not a font", []byte("%PDF-1.4"), nil},
		{"empty", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sfntGlyphRunes(tc.font)
			if !maps.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestSfntGlyphRunesBounded checks that a cmap claiming every code point,
// many times over, costs a bounded amount of work.
func TestSfntGlyphRunesBounded(t *testing.T) {
	t.Parallel()
	groups := make([][3]uint32, 2000)
	for i := range groups {
		groups[i] = [3]uint32{0, 0x10FFFF, 0xFFFF} // glyph ids past 0xFFFF
	}
	font := sfntFile(cmapTable(cmapSub{3, 10, format12(groups...)}))
	// nil says the work budget ran out: without it the claim would be
	// read out in full (hours). No timing, which a loaded machine flakes.
	if got := sfntGlyphRunes(font); got != nil {
		t.Errorf("got %d glyphs, want none", len(got))
	}
	overlap := make([]seg4, 300)
	for i := range overlap {
		overlap[i] = seg4{start: 0x20, end: 0xFFFE, delta: uint16(i)}
	}
	font = sfntFile(cmapTable(cmapSub{3, 1, format4(overlap...)}))
	if got := sfntGlyphRunes(font); len(got) == 0 || len(got) > maxCmapCodes {
		t.Errorf("got %d glyphs", len(got))
	}
}

// FuzzSfntCmap checks that no font file makes the cmap reader panic, run
// away or return glyphs it did not find.
func FuzzSfntCmap(f *testing.F) {
	f.Add(sfntFile(cmapTable(cmapSub{3, 1, format4(seg4{start: 'A', end: 'C', delta: d(10, 'A')}, seg4{start: '1', end: '3', glyphs: []uint16{7, 0, 9}})})))
	f.Add(sfntFile(cmapTable(cmapSub{3, 10, format12([3]uint32{0x4E00, 0x4E10, 40})}, cmapSub{0, 3, format4(seg4{start: 0x4E00, end: 0x4E01, delta: 1})})))
	f.Add(sfntFile(cmapTable(cmapSub{3, 0, format4(seg4{start: 0xF020, end: 0xF07E, delta: 1})})))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(5*time.Second, func() {
			panic("sfntGlyphRunes still running after 5s")
		})
		defer watchdog.Stop()
		m := sfntGlyphRunes(data)
		if len(m) > maxCmapCodes {
			t.Fatalf("%d glyphs from %d bytes", len(m), len(data))
		}
		for gid, r := range m {
			if gid == 0 || !usableRune(r) || r > 0x10FFFF {
				t.Fatalf("glyph %d → %U", gid, r)
			}
		}
	})
}

// TestRowsFontsWithoutToUnicode reads Identity-H fonts that have no
// ToUnicode map: Adobe-GB1 CIDs through the collection's table, TrueType
// CID fonts through their embedded cmap, and nothing else.
func TestRowsFontsWithoutToUnicode(t *testing.T) {
	t.Parallel()
	uni := sfntFile(cmapTable(cmapSub{3, 1, format4(seg4{start: 'A', end: 'C', delta: d(10, 'A')}, seg4{start: 0x4E2D, end: 0x4E2D, delta: d(5, 0x4E2D)})}))
	symbol := sfntFile(cmapTable(cmapSub{3, 0, format4(seg4{start: 0xF020, end: 0xF07E, delta: 1})}))
	stream := func(data string) string {
		return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
	}
	cid2 := func(csi, extra string) string {
		return "<< /Type /Font /Subtype /Type0 /BaseFont /F /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 /DW 1000 " +
			"/CIDSystemInfo << /Registry (Adobe) /Ordering (" + csi + ") /Supplement 0 >> /FontDescriptor << /FontFile2 6 0 R >> " + extra + " >>] >>"
	}
	tests := []struct {
		name, font, content, fontFile, extra string
		want                                 string
	}{
		{name: "Adobe-GB1 CIDs, font not embedded",
			font:    "<< /Type /Font /Subtype /Type0 /BaseFont /STKaiti /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType0 /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 1 >> >>] >>",
			content: "<063F0BD0001100120013>", want: "发票012"},
		{name: "TrueType CID font, CID = glyph id",
			font: cid2("Identity", ""), content: "<000A000B0005>", fontFile: string(uni), want: "AB中"},
		{name: "TrueType CID font with a CIDToGIDMap",
			font: cid2("Identity", "/CIDToGIDMap 7 0 R"), content: "<000100020003>", fontFile: string(uni),
			extra: "\x00\x00\x00\x0C\x00\x05", want: "C中\uFFFD"},
		{name: "TrueType CID font with a symbol cmap: unknown",
			font: cid2("Identity", ""), content: "<00010002>", fontFile: string(symbol), want: "\uFFFD\uFFFD"},
		{name: "TrueType CID font, font file not a font: unknown",
			font: cid2("Identity", ""), content: "<0001>", fontFile: "not a font", want: "\uFFFD"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			content := "BT /F1 10 Tf 40 700 Td " + tc.content + " Tj ET"
			data := pdftest.File("",
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
				tc.font, stream(content), stream(tc.fontFile), stream(tc.extra))
			rows, err := Rows(data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				for _, it := range r.Items {
					got = append(got, it.Text)
				}
			}
			if strings.Join(got, "") != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGB1Rune(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cid  uint32
		want rune
	}{
		{0, 0}, // .notdef
		{1, ' '},
		{0x11, '0'},
		{0x63F, '发'},
		{0x11CF, '中'},
		{0x5620, 0x20087}, // <d840dc87>: outside the BMP
		{30283, 0xA4C6},   // the last CID of supplement 5, in <7615> <764b> <a490>
		{30284, 0},
		{1 << 20, 0},
	}
	for _, tc := range tests {
		if got := gb1Rune(tc.cid); got != tc.want {
			t.Errorf("CID %d: got %U, want %U", tc.cid, got, tc.want)
		}
	}
}
