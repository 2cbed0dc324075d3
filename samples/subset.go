package samples

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// face is a parsed TrueType font: what layout needs (advance widths by
// rune) and what subsetting needs (glyph outlines and metrics).
//
// A full CJK font makes every PDF large, because gopdf's subsetter keeps
// the hmtx and loca tables whole (some 400 KB for WenQuanYi's 49,000
// glyphs). The generator therefore first reduces the font to the glyphs of
// the characters its documents print, with Subset, and hands gopdf that.
type face struct {
	data       []byte
	tables     map[string][]byte
	unitsPerEm int
	numGlyphs  int
	advances   []uint16 // per glyph
	lsbs       []int16  // per glyph
	loca       []uint32 // numGlyphs+1 offsets into glyf
	cmap       map[rune]uint16
}

// parseFace parses a standalone TrueType font (see FirstFace).
func parseFace(data []byte) (*face, error) {
	if len(data) < 12 || binary.BigEndian.Uint32(data) != sfntTrueType {
		return nil, errors.New("not a TrueType font with glyf outlines")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, errors.New("bad table directory")
	}
	f := &face{data: data, tables: make(map[string][]byte, n)}
	for i := 0; i < n; i++ {
		p := 12 + 16*i
		off := binary.BigEndian.Uint32(data[p+8:])
		length := binary.BigEndian.Uint32(data[p+12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q out of range", data[p:p+4])
		}
		f.tables[string(data[p:p+4])] = data[off : off+length]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "OS/2", "name", "post"} {
		if _, ok := f.tables[tag]; !ok {
			return nil, fmt.Errorf("font has no %q table", tag)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("truncated head, hhea or maxp table")
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if f.unitsPerEm == 0 || numHMetrics == 0 || numHMetrics > f.numGlyphs {
		return nil, errors.New("bad font metrics")
	}

	hmtx := f.tables["hmtx"]
	if len(hmtx) < 4*numHMetrics+2*(f.numGlyphs-numHMetrics) {
		return nil, errors.New("truncated hmtx table")
	}
	f.advances = make([]uint16, f.numGlyphs)
	f.lsbs = make([]int16, f.numGlyphs)
	for g := 0; g < f.numGlyphs; g++ {
		if g < numHMetrics {
			f.advances[g] = binary.BigEndian.Uint16(hmtx[4*g:])
			f.lsbs[g] = int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
		} else {
			f.advances[g] = f.advances[numHMetrics-1]
			f.lsbs[g] = int16(binary.BigEndian.Uint16(hmtx[4*numHMetrics+2*(g-numHMetrics):]))
		}
	}

	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for g := range f.loca {
		if longLoca {
			if 4*g+4 > len(loca) {
				return nil, errors.New("truncated loca table")
			}
			f.loca[g] = binary.BigEndian.Uint32(loca[4*g:])
		} else {
			if 2*g+2 > len(loca) {
				return nil, errors.New("truncated loca table")
			}
			f.loca[g] = 2 * uint32(binary.BigEndian.Uint16(loca[2*g:]))
		}
		if f.loca[g] > uint32(len(f.tables["glyf"])) || (g > 0 && f.loca[g] < f.loca[g-1]) {
			return nil, errors.New("bad loca table")
		}
	}

	cmap, err := parseCmap(f.tables["cmap"])
	if err != nil {
		return nil, err
	}
	f.cmap = cmap
	return f, nil
}

// parseCmap reads the best Unicode subtable: format 12 (3,10) if present,
// else format 4 (3,1 or 0,x).
func parseCmap(t []byte) (map[rune]uint16, error) {
	if len(t) < 4 {
		return nil, errors.New("truncated cmap table")
	}
	n := int(binary.BigEndian.Uint16(t[2:]))
	best, bestScore := -1, 0
	for i := 0; i < n; i++ {
		p := 4 + 8*i
		if p+8 > len(t) {
			return nil, errors.New("truncated cmap table")
		}
		platform := binary.BigEndian.Uint16(t[p:])
		encoding := binary.BigEndian.Uint16(t[p+2:])
		off := int(binary.BigEndian.Uint32(t[p+4:]))
		if off+2 > len(t) {
			continue
		}
		format := binary.BigEndian.Uint16(t[off:])
		score := 0
		switch {
		case format == 12 && (platform == 3 && encoding == 10 || platform == 0):
			score = 3
		case format == 4 && platform == 3 && encoding == 1:
			score = 2
		case format == 4 && platform == 0:
			score = 1
		}
		if score > bestScore {
			best, bestScore = off, score
		}
	}
	if best < 0 {
		return nil, errors.New("font has no Unicode cmap (format 4 or 12)")
	}
	m := make(map[rune]uint16)
	s := t[best:]
	switch binary.BigEndian.Uint16(s) {
	case 4:
		if len(s) < 14 {
			return nil, errors.New("truncated cmap format 4")
		}
		segs := int(binary.BigEndian.Uint16(s[6:])) / 2
		ends, starts := 14, 16+2*segs
		deltas, ranges := starts+2*segs, starts+4*segs
		if ranges+2*segs > len(s) {
			return nil, errors.New("truncated cmap format 4")
		}
		for i := 0; i < segs; i++ {
			end := int(binary.BigEndian.Uint16(s[ends+2*i:]))
			start := int(binary.BigEndian.Uint16(s[starts+2*i:]))
			delta := binary.BigEndian.Uint16(s[deltas+2*i:])
			ro := int(binary.BigEndian.Uint16(s[ranges+2*i:]))
			for c := start; c <= end && c != 0xFFFF; c++ {
				var g uint16
				if ro == 0 {
					g = uint16(c) + delta
				} else {
					p := ranges + 2*i + ro + 2*(c-start)
					if p+2 > len(s) {
						continue
					}
					g = binary.BigEndian.Uint16(s[p:])
					if g != 0 {
						g += delta
					}
				}
				if g != 0 {
					m[rune(c)] = g
				}
			}
		}
	case 12:
		if len(s) < 16 {
			return nil, errors.New("truncated cmap format 12")
		}
		groups := int(binary.BigEndian.Uint32(s[12:]))
		if 16+12*groups > len(s) {
			return nil, errors.New("truncated cmap format 12")
		}
		for i := 0; i < groups; i++ {
			p := 16 + 12*i
			start := binary.BigEndian.Uint32(s[p:])
			end := binary.BigEndian.Uint32(s[p+4:])
			g := binary.BigEndian.Uint32(s[p+8:])
			if end < start || end > 0x10FFFF || end-start > 0x10000 {
				continue
			}
			for c := start; c <= end; c++ {
				if gid := g + (c - start); gid != 0 && gid <= 0xFFFF {
					m[rune(c)] = uint16(gid)
				}
			}
		}
	}
	return m, nil
}

// HasRune reports whether the font has a glyph for r.
func (f *face) HasRune(r rune) bool { _, ok := f.cmap[r]; return ok }

// Width returns the advance width of s set at size points.
func (f *face) Width(s string, size float64) float64 {
	units := 0
	for _, r := range s {
		units += int(f.advances[f.cmap[r]])
	}
	return float64(units) * size / float64(f.unitsPerEm)
}

// Composite glyph flags (glyf table).
const (
	compArgsAreWords     = 0x0001
	compHaveScale        = 0x0008
	compMore             = 0x0020
	compHaveXYScale      = 0x0040
	compHave2x2          = 0x0080
	compHaveInstructions = 0x0100
)

// components returns the offsets (within the glyph's data) of the glyph
// indices of a composite glyph's components, or nil for a simple glyph.
func components(g []byte) []int {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var offs []int
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		offs = append(offs, p+2)
		p += 4
		if flags&compArgsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&compHaveScale != 0:
			p += 2
		case flags&compHaveXYScale != 0:
			p += 4
		case flags&compHave2x2 != 0:
			p += 8
		}
		if flags&compMore == 0 {
			break
		}
	}
	return offs
}

// hasInstructions reports whether glyph data g carries hinting
// instructions.
func hasInstructions(g []byte) bool {
	if len(g) < 10 {
		return false
	}
	n := int(int16(binary.BigEndian.Uint16(g)))
	if n >= 0 {
		p := 10 + 2*n
		return p+2 <= len(g) && binary.BigEndian.Uint16(g[p:]) > 0
	}
	for _, off := range components(g) {
		if binary.BigEndian.Uint16(g[off-2:])&compHaveInstructions != 0 {
			return true
		}
	}
	return false
}

func (f *face) glyph(g uint16) []byte {
	return f.tables["glyf"][f.loca[g]:f.loca[g+1]]
}

// Subset returns a TrueType font holding only the glyphs for runes (and
// .notdef and the components of composite glyphs): glyf, loca, hmtx and a
// format 4 cmap rebuilt for them, the other tables gopdf reads copied.
// Runes the font has no glyph for are an error. Only the Basic Multilingual
// Plane is supported.
func (f *face) Subset(runes []rune) ([]byte, error) {
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)

	// New glyph ids: 0 is .notdef, then the runes' glyphs in rune order
	// (consecutive runes get consecutive ids, which keeps the cmap short),
	// then components of composites.
	newID := map[uint16]uint16{0: 0}
	order := []uint16{0}
	add := func(g uint16) {
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(len(order))
			order = append(order, g)
		}
	}
	var missing []rune
	for _, r := range rs {
		g, ok := f.cmap[r]
		if !ok || r > 0xFFFF {
			missing = append(missing, r)
			continue
		}
		add(g)
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("font has no glyph for %q", string(missing))
	}
	for i := 0; i < len(order); i++ { // order grows while components are added
		gd := f.glyph(order[i])
		for _, off := range components(gd) {
			add(binary.BigEndian.Uint16(gd[off:]))
		}
	}
	if len(order) > 0xFFFF {
		return nil, errors.New("too many glyphs")
	}

	// glyf, loca (long offsets) and hmtx (all long metrics).
	var glyf []byte
	hinted := false
	loca := make([]byte, 4*(len(order)+1))
	hmtx := make([]byte, 4*len(order))
	for i, old := range order {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		gd := slices.Clone(f.glyph(old))
		hinted = hinted || hasInstructions(gd)
		for _, off := range components(gd) {
			binary.BigEndian.PutUint16(gd[off:], newID[binary.BigEndian.Uint16(gd[off:])])
		}
		glyf = append(glyf, gd...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], f.advances[old])
		binary.BigEndian.PutUint16(hmtx[4*i+2:], uint16(f.lsbs[old]))
	}
	binary.BigEndian.PutUint32(loca[4*len(order):], uint32(len(glyf)))

	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint16(head[50:], 1) // indexToLocFormat: long
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))
	post := make([]byte, 32)
	copy(post, f.tables["post"])
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	cmapRunes := make(map[rune]uint16, len(rs))
	for _, r := range rs {
		cmapRunes[r] = newID[f.cmap[r]]
	}
	tables := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca,
		"glyf": glyf, "cmap": buildCmap4(cmapRunes), "post": post,
		"OS/2": f.tables["OS/2"], "name": f.tables["name"],
	}
	// The hinting programs matter only to glyphs with instructions; WenQuanYi
	// has none, and leaving the programs out saves 2 KB in every PDF.
	if hinted {
		for _, tag := range []string{"cvt ", "fpgm", "prep"} {
			if t, ok := f.tables[tag]; ok {
				tables[tag] = t
			}
		}
	}
	return assembleSfnt(tables)
}

// buildCmap4 returns a cmap table with one (3,1) format 4 subtable mapping
// m, runs of consecutive runes with consecutive glyphs sharing a segment.
func buildCmap4(m map[rune]uint16) []byte {
	rs := make([]rune, 0, len(m))
	for r := range m {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, r := range rs {
		d := m[r] - uint16(r)
		if n := len(segs); n > 0 && segs[n-1].end+1 == uint16(r) && segs[n-1].delta == d {
			segs[n-1].end = uint16(r)
			continue
		}
		segs = append(segs, seg{uint16(r), uint16(r), d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})

	n := len(segs)
	sub := make([]byte, 16+8*n)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*n))
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	binary.BigEndian.PutUint16(sub[8:], uint16(2<<es))
	binary.BigEndian.PutUint16(sub[10:], uint16(es))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*n-(2<<es)))
	for i, s := range segs {
		binary.BigEndian.PutUint16(sub[14+2*i:], s.end)
		binary.BigEndian.PutUint16(sub[16+2*n+2*i:], s.start)
		binary.BigEndian.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0.
	}
	t := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(t[2:], 1)  // one subtable
	binary.BigEndian.PutUint16(t[4:], 3)  // platform Windows
	binary.BigEndian.PutUint16(t[6:], 1)  // encoding Unicode BMP
	binary.BigEndian.PutUint32(t[8:], 12) // offset
	return append(t, sub...)
}

// assembleSfnt lays tables out in a TrueType file: directory in tag order,
// tables 4-byte aligned, checksums and head.checkSumAdjustment computed.
func assembleSfnt(tables map[string][]byte) ([]byte, error) {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	recs := make([]tableRecord, len(tags))
	size := uint32(12 + 16*len(tags))
	for i, tag := range tags {
		recs[i] = tableRecord{
			tag:    binary.BigEndian.Uint32([]byte(tag)),
			offset: size,
			length: uint32(len(tables[tag])),
		}
		size += uint32(pad4(len(tables[tag])))
	}
	// Reuse extractFace: write a one-face file with the tables in place,
	// then let it recompute the directory and checksums.
	data := make([]byte, size)
	binary.BigEndian.PutUint32(data, sfntTrueType)
	binary.BigEndian.PutUint16(data[4:], uint16(len(tags)))
	for i, r := range recs {
		p := 12 + 16*i
		binary.BigEndian.PutUint32(data[p:], r.tag)
		binary.BigEndian.PutUint32(data[p+8:], r.offset)
		binary.BigEndian.PutUint32(data[p+12:], r.length)
		copy(data[r.offset:], tables[tags[i]])
	}
	return extractFace(data, 0)
}
