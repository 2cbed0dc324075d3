package pdftext

import (
	"io"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Bounds that keep a hostile font dictionary from costing more than a real
// one could need.
const (
	maxCMapBytes   = 4 << 20 // decoded size of one ToUnicode stream
	maxCMapEntries = 1 << 17 // codes mapped by one ToUnicode CMap
	maxWidthRuns   = 1 << 15 // entries read from one W array
)

// codeKind says how a font's strings split into character codes.
type codeKind int

const (
	oneByte  codeKind = iota // simple fonts
	twoByte                  // Identity-H and the UCS-2 CMaps
	utf16BE                  // UniGB-UTF16-H: UTF-16, surrogate pairs are one code
	gbkMixed                 // GBK-EUC-H and friends: ASCII one byte, else two
)

// font is what the text interpreter needs from a PDF font: how to cut a
// string into codes, what Unicode text each code stands for, and how far
// each code advances the pen.
type font struct {
	codes     codeKind
	toUni     map[uint32]string // from /ToUnicode; has priority when present
	ucs       bool              // codes are UCS-2 / UTF-16 code units
	gbk       bool              // codes are GBK bytes
	simple    *pdf.Font         // simple font: the library's byte encodings
	first     int               // simple font: FirstChar
	widths    []float64         // simple font: Widths, in glyph units
	dw        float64           // composite font: default width (DW)
	wruns     []widthRun        // composite font: W array
	cidIsCode bool              // composite font: Identity CMap, so W applies to codes
	gb1       bool              // composite font: Adobe-GB1 CIDs, text from the collection
	glyphRune map[uint16]rune   // composite TrueType font: the embedded font's cmap, reversed
	cidToGID  string            // composite TrueType font: CIDToGIDMap stream ("" is Identity)
	missing   float64           // width used for codes outside the tables
	scale     float64           // glyph units to text space (1/1000, or Type 3 FontMatrix)
}

// widthRun is one entry of a composite font's W array: CIDs first..last
// either all of width w[0] (len 1) or of widths w[cid-first].
type widthRun struct {
	first, last int
	w           []float64
}

// glyphCode is one character code of a shown string.
type glyphCode struct {
	code  uint32
	raw   string // the code's bytes
	text  string // Unicode text ("" when unknown)
	width float64
	space bool // single-byte code 32: word spacing applies
}

// newFont reads the font dictionary v. It never fails: missing or odd
// entries fall back to defaults that at least keep positions plausible.
func newFont(v pdf.Value) *font {
	f := &font{scale: 0.001, missing: 500}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUni = readToUnicode(tu, v)
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.codes = twoByte
		f.dw = 1000
		f.missing = 1000
		enc := v.Key("Encoding").Name()
		switch {
		case enc == "Identity-H" || enc == "Identity-V":
			f.cidIsCode = true
		case strings.HasSuffix(enc, "UCS2-H") || strings.HasSuffix(enc, "UCS2-V"):
			f.ucs = true
		case strings.HasSuffix(enc, "UTF16-H") || strings.HasSuffix(enc, "UTF16-V"):
			f.ucs, f.codes = true, utf16BE
		case strings.HasPrefix(enc, "GBK") || strings.HasPrefix(enc, "GB-EUC") || strings.HasPrefix(enc, "GBpc-EUC") || strings.HasPrefix(enc, "GBT-EUC"):
			f.gbk, f.codes = true, gbkMixed
		}
		d := v.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.wruns = readW(d.Key("W"))
		if f.cidIsCode {
			f.cidText(d, f.toUni == nil)
		}
	default:
		f.codes = oneByte
		lib := pdf.Font{V: v}
		f.simple = &lib
		f.first = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		n := ws.Len()
		if n > 256 {
			n = 256
		}
		f.widths = make([]float64, n)
		for i := range f.widths {
			f.widths[i] = ws.Index(i).Float64()
		}
		if mw := v.Key("FontDescriptor").Key("MissingWidth").Float64(); mw > 0 {
			f.missing = mw
		} else if strings.Contains(v.Key("BaseFont").Name(), "Courier") {
			f.missing = 600
		}
		if v.Key("Subtype").Name() == "Type3" {
			if m := v.Key("FontMatrix"); m.Len() == 6 && m.Index(0).Float64() != 0 {
				f.scale = m.Index(0).Float64()
			}
		}
	}
	return f
}

// cidText sets up the text of a composite font whose codes are CIDs
// (Identity-H/V) when its ToUnicode map is missing or incomplete. CIDs of
// the Adobe-GB1 collection have a standard Unicode value (poppler reads
// them so too). Otherwise a TrueType CID font maps CIDs to glyphs
// (CIDToGIDMap, else CID = glyph id) and its embedded program's Unicode
// cmap maps characters to glyphs, which reversed gives the text of each
// glyph (poppler does not do this). Fonts with neither keep their text
// unknown. embedded says whether to read the embedded program: only when
// there is no ToUnicode at all, since reading it costs up to
// maxFontFileBytes.
func (f *font) cidText(d pdf.Value, embedded bool) {
	csi := d.Key("CIDSystemInfo")
	if csi.Key("Registry").RawString() == "Adobe" && csi.Key("Ordering").RawString() == "GB1" {
		f.gb1 = true
		return
	}
	if !embedded || d.Key("Subtype").Name() != "CIDFontType2" {
		return
	}
	f.glyphRune = readFontFile2(d.Key("FontDescriptor").Key("FontFile2"))
	if m := d.Key("CIDToGIDMap"); m.Kind() == pdf.Stream {
		b, err := readAllLimit(m, maxCIDToGIDBytes)
		if err != nil {
			f.glyphRune = nil // the glyphs cannot be found
			return
		}
		f.cidToGID = string(b)
	}
}

// gid returns the glyph id of a CID of a TrueType CID font.
func (f *font) gid(cid uint32) uint16 {
	if f.cidToGID == "" {
		return uint16(cid)
	}
	i := int(cid) * 2
	if cid > 0xFFFF || i+2 > len(f.cidToGID) {
		return 0
	}
	return uint16(f.cidToGID[i])<<8 | uint16(f.cidToGID[i+1])
}

// readW parses a composite font's W array: [c [w1 w2 ...]] or [c1 c2 w].
func readW(w pdf.Value) []widthRun {
	var runs []widthRun
	n := w.Len()
	for i := 0; i < n && len(runs) < maxWidthRuns; {
		first := w.Index(i)
		next := w.Index(i + 1)
		switch {
		case next.Kind() == pdf.Array:
			ws := make([]float64, 0, next.Len())
			for j := 0; j < next.Len() && j < 1<<16; j++ {
				ws = append(ws, next.Index(j).Float64())
			}
			c := int(first.Int64())
			runs = append(runs, widthRun{first: c, last: c + len(ws) - 1, w: ws})
			i += 2
		case i+2 < n:
			runs = append(runs, widthRun{
				first: int(first.Int64()),
				last:  int(next.Int64()),
				w:     []float64{w.Index(i + 2).Float64()},
			})
			i += 3
		default:
			return runs
		}
	}
	return runs
}

// split cuts a shown string into codes with their text and width.
func (f *font) split(s string, out []glyphCode) []glyphCode {
	for len(s) > 0 {
		n := 1
		switch f.codes {
		case twoByte:
			n = 2
		case utf16BE:
			n = 2
			if len(s) >= 4 && s[0] >= 0xD8 && s[0] <= 0xDB {
				n = 4
			}
		case gbkMixed:
			if s[0] >= 0x81 {
				n = 2
			}
		}
		if n > len(s) {
			n = len(s)
		}
		raw := s[:n]
		s = s[n:]
		var code uint32
		for i := 0; i < len(raw); i++ {
			code = code<<8 | uint32(raw[i])
		}
		g := glyphCode{code: code, raw: raw, space: f.codes == oneByte && code == 32}
		g.text = f.text(g)
		g.width = f.width(g) * f.scale
		out = append(out, g)
	}
	return out
}

// text returns the Unicode text of one code.
func (f *font) text(g glyphCode) string {
	if t, ok := f.toUni[g.code]; ok {
		return t
	}
	switch {
	case f.ucs:
		if len(g.raw)%2 != 0 {
			return ""
		}
		u := make([]uint16, 0, 2)
		for i := 0; i+1 < len(g.raw); i += 2 {
			u = append(u, uint16(g.raw[i])<<8|uint16(g.raw[i+1]))
		}
		return string(utf16.Decode(u))
	case f.gbk:
		if len(g.raw) == 1 && g.raw[0] < 0x80 {
			return g.raw
		}
		b, err := simplifiedchinese.GBK.NewDecoder().String(g.raw)
		if err != nil {
			return ""
		}
		return b
	case f.simple != nil:
		return f.simple.Encoder().Decode(g.raw)
	case f.gb1:
		if r := gb1Rune(g.code); r != 0 {
			return string(r)
		}
	case f.glyphRune != nil:
		if r, ok := f.glyphRune[f.gid(g.code)]; ok {
			return string(r)
		}
	}
	return "" // composite font without ToUnicode: the text is unknown
}

// width returns the advance of one code in glyph units.
func (f *font) width(g glyphCode) float64 {
	if f.codes == oneByte {
		if i := int(g.code) - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
			return f.widths[i]
		}
		return f.missing
	}
	if f.cidIsCode {
		return f.cidWidth(int(g.code))
	}
	// A predefined CMap maps codes to CIDs we have no table for, except that
	// in every Adobe CJK collection (GB1, CNS1, Japan1, Korea1) the printable
	// ASCII characters are CIDs 1 to 95 in code order, and the Unicode and
	// EUC CMaps map them there. Other characters take the default width,
	// which for these fonts is the full-width em.
	if g.code >= 0x20 && g.code <= 0x7E {
		return f.cidWidth(int(g.code) - 0x1F)
	}
	return f.dw
}

// cidWidth returns a composite font's width for a CID.
func (f *font) cidWidth(cid int) float64 {
	for _, r := range f.wruns {
		if cid >= r.first && cid <= r.last {
			if len(r.w) == 1 {
				return r.w[0]
			}
			return r.w[cid-r.first]
		}
	}
	return f.dw
}

// readToUnicode parses a ToUnicode CMap (bfchar and bfrange sections) into
// a map from code to text. A CMap that is too large or malformed yields what
// was read before the problem; the caller then treats unmapped codes as
// unknown text. scratch is any dictionary value (the font's own, freshly
// read): the CMap's "/CIDInit /ProcSet findresource begin" needs a
// dictionary on the stack, and the library offers no way to make one.
func readToUnicode(s, scratch pdf.Value) (m map[uint32]string) {
	m = make(map[uint32]string)
	// Refuse to interpret a decompression bomb: measure first.
	if n, _ := io.Copy(io.Discard, io.LimitReader(s.Reader(), maxCMapBytes+1)); n > maxCMapBytes {
		return m
	}
	defer func() {
		if recover() != nil {
			return // keep the entries read so far
		}
	}()
	budget := maxCMapEntries // mappings written, overwrites included
	pdf.Interpret(s, func(stk *pdf.Stack, op string) {
		switch op {
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
		case "beginbfchar", "beginbfrange", "begincodespacerange":
			popAll(stk) // the entry count; we read pairs until the end operator
		case "endbfchar":
			args := popAll(stk)
			for i := 0; i+1 < len(args) && budget > 0; i += 2 {
				budget--
				src, ok := codeOf(args[i].RawString())
				if ok {
					m[src] = utf16Text(args[i+1])
				}
			}
		case "endbfrange":
			args := popAll(stk)
			for i := 0; i+2 < len(args) && budget > 0; i += 3 {
				lo, ok1 := codeOf(args[i].RawString())
				hi, ok2 := codeOf(args[i+1].RawString())
				if !ok1 || !ok2 || hi < lo {
					continue
				}
				if hi-lo >= maxCMapEntries {
					hi = lo + maxCMapEntries - 1
				}
				dst := args[i+2]
				for d := uint32(0); d <= hi-lo && budget > 0; d++ {
					budget--
					if dst.Kind() == pdf.Array {
						m[lo+d] = utf16Text(dst.Index(int(d)))
						continue
					}
					m[lo+d] = addToLast(dst.RawString(), d)
				}
			}
		case "endcodespacerange", "usecmap":
			popAll(stk)
		}
	})
	return m
}

// popAll pops the whole operand stack, bottom first.
func popAll(stk *pdf.Stack) []pdf.Value {
	args := make([]pdf.Value, stk.Len())
	for i := len(args) - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	return args
}

// codeOf reads a source code of 1 to 4 bytes.
func codeOf(s string) (uint32, bool) {
	if len(s) == 0 || len(s) > 4 {
		return 0, false
	}
	var c uint32
	for i := 0; i < len(s); i++ {
		c = c<<8 | uint32(s[i])
	}
	return c, true
}

// utf16Text decodes a CMap destination string (UTF-16BE).
func utf16Text(v pdf.Value) string {
	s := v.RawString()
	if len(s)%2 != 0 {
		return ""
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// addToLast returns the UTF-16BE string s with its last code unit increased
// by d, as a bfrange with a string destination prescribes.
func addToLast(s string, d uint32) string {
	if len(s) < 2 || len(s)%2 != 0 {
		return ""
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	u[len(u)-1] += uint16(d)
	return string(utf16.Decode(u))
}
