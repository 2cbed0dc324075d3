package pdftext

import (
	_ "embed"
	"encoding/binary"
	"io"

	"github.com/ledongthuc/pdf"
)

// Bounds on reading an embedded font program.
const (
	maxFontFileBytes = 24 << 20 // decoded FontFile2 stream
	maxSfntTables    = 512      // table records read from the directory
	maxCmapSubtables = 64       // encoding records read from the cmap table
	maxCmapGroups    = 1 << 16  // format 12 groups read
	maxCmapCodes     = 1 << 18  // codes looked at in one cmap subtable
	maxCIDToGIDBytes = 2 << 16  // a CIDToGIDMap covers at most 65536 CIDs
)

// adobeGB1 holds the Unicode value of every CID of the Adobe-GB1
// character collection, 3 bytes each (see gen_gb1.go).
//
//go:embed adobe-gb1.bin
var adobeGB1 string

// gb1Rune returns the Unicode character of an Adobe-GB1 CID, or 0.
func gb1Rune(cid uint32) rune {
	i := int(cid) * 3
	if cid > 1<<16 || i+3 > len(adobeGB1) {
		return 0
	}
	return rune(adobeGB1[i])<<16 | rune(adobeGB1[i+1])<<8 | rune(adobeGB1[i+2])
}

// readFontFile2 reads an embedded TrueType program (FontFile2) and returns
// the Unicode character of each glyph, by reversing the font's Unicode cmap
// subtable. It returns nil when the stream is too large or holds no usable
// Unicode cmap.
func readFontFile2(s pdf.Value) map[uint16]rune {
	if s.Kind() != pdf.Stream {
		return nil
	}
	data, err := readAllLimit(s, maxFontFileBytes)
	if err != nil {
		return nil
	}
	return sfntGlyphRunes(data)
}

// readAllLimit reads a stream's decoded content, failing when it exceeds
// max bytes.
func readAllLimit(s pdf.Value, max int64) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, io.ErrUnexpectedEOF
		}
	}()
	data, err = io.ReadAll(io.LimitReader(s.Reader(), max+1))
	if err != nil && len(data) == 0 {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, io.ErrShortBuffer
	}
	return data, nil
}

// sfntGlyphRunes parses an sfnt (TrueType/OpenType) font file and returns
// glyph id → Unicode character from its best Unicode cmap subtable
// (format 12 or 4, platform 3 encodings 10 and 1, or platform 0). Every
// offset is checked against the data; a malformed font yields what was
// read, or nil.
func sfntGlyphRunes(data []byte) map[uint16]rune {
	cmap, ok := sfntTable(data, "cmap")
	if !ok || len(cmap) < 4 {
		return nil
	}
	n := int(be16(cmap, 2))
	if n > maxCmapSubtables {
		n = maxCmapSubtables
	}
	// Pick the subtable: a full-repertoire Unicode one first.
	best, bestRank := []byte(nil), 0
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		plat, enc := be16(cmap, rec), be16(cmap, rec+2)
		off := int64(be32(cmap, rec+4))
		if off+4 > int64(len(cmap)) {
			continue
		}
		sub := cmap[off:]
		format := be16(sub, 0)
		if format != 4 && format != 12 {
			continue
		}
		rank := 0
		switch {
		case plat == 3 && enc == 10 && format == 12:
			rank = 4
		case plat == 0 && format == 12:
			rank = 3
		case plat == 3 && enc == 1:
			rank = 2
		case plat == 0:
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = sub, rank
		}
	}
	if best == nil {
		return nil
	}
	m := make(map[uint16]rune)
	steps := 0
	add := func(r rune, gid uint32) bool {
		if steps++; steps > maxCmapCodes {
			return false
		}
		if gid == 0 || gid > 0xFFFF || !usableRune(r) {
			return true
		}
		// Of several code points on one glyph the lowest wins, except
		// that a unified ideograph beats a radical or compatibility
		// ideograph (fonts map ⼀ U+2F00 and 一 U+4E00 to one glyph).
		if old, dup := m[uint16(gid)]; !dup || compatIdeograph(old) && !compatIdeograph(r) {
			m[uint16(gid)] = r
		}
		return true
	}
	if be16(best, 0) == 4 {
		cmapFormat4(best, add)
	} else {
		cmapFormat12(best, add)
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// usableRune reports whether a cmap's code point is real text: not a
// control character, a surrogate, a private-use code point (symbol fonts
// map there) or a non-character.
func usableRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7F && r < 0xA0:
		return false
	case r >= 0xD800 && r <= 0xF8FF: // surrogates and the BMP private use area
		return false
	case r >= 0xF0000, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return true
}

// compatIdeograph reports whether r is a CJK radical or compatibility
// ideograph, which NFKC would turn into a unified ideograph.
func compatIdeograph(r rune) bool {
	return r >= 0x2E80 && r <= 0x2FDF || r >= 0xF900 && r <= 0xFAFF || r >= 0x2F800 && r <= 0x2FA1F
}

// sfntTable returns the bytes of the named table.
func sfntTable(data []byte, tag string) ([]byte, bool) {
	if len(data) < 12 {
		return nil, false
	}
	n := int(be16(data, 4))
	if n > maxSfntTables {
		n = maxSfntTables
	}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, false
		}
		if string(data[rec:rec+4]) != tag {
			continue
		}
		off, length := int64(be32(data, rec+8)), int64(be32(data, rec+12))
		if off+length > int64(len(data)) {
			length = int64(len(data)) - off // tolerate a short last table
		}
		if off >= int64(len(data)) || length <= 0 {
			return nil, false
		}
		return data[off : off+length], true
	}
	return nil, false
}

// cmapFormat4 walks a format 4 subtable (segments of 16-bit codes).
func cmapFormat4(t []byte, add func(rune, uint32) bool) {
	if len(t) < 14 {
		return
	}
	segX2 := int(be16(t, 6))
	segs := segX2 / 2
	ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
	if ranges+segX2 > len(t) {
		return
	}
	for s := 0; s < segs; s++ {
		end, start := uint32(be16(t, ends+2*s)), uint32(be16(t, starts+2*s))
		delta := uint32(be16(t, deltas+2*s))
		ro := int(be16(t, ranges+2*s))
		for c := start; c <= end && c != 0xFFFF; c++ {
			var gid uint32
			if ro == 0 {
				gid = (c + delta) & 0xFFFF
			} else {
				at := ranges + 2*s + ro + 2*int(c-start)
				if at+2 > len(t) {
					break
				}
				gid = uint32(be16(t, at))
				if gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			if !add(rune(c), gid) {
				return
			}
		}
	}
}

// cmapFormat12 walks a format 12 subtable (groups of 32-bit codes).
func cmapFormat12(t []byte, add func(rune, uint32) bool) {
	if len(t) < 16 {
		return
	}
	n := be32(t, 12)
	if n > maxCmapGroups {
		n = maxCmapGroups
	}
	for g := 0; g < int(n); g++ {
		at := 16 + 12*g
		if at+12 > len(t) {
			return
		}
		start, end, gid := be32(t, at), be32(t, at+4), be32(t, at+8)
		if end < start || end > 0x10FFFF {
			continue
		}
		for c := start; c <= end; c++ {
			if !add(rune(c), gid+(c-start)) {
				return
			}
		}
	}
}

func be16(b []byte, at int) uint16 {
	if at < 0 || at+2 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint16(b[at:])
}

func be32(b []byte, at int) uint32 {
	if at < 0 || at+4 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint32(b[at:])
}
