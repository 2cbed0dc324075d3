package samples

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
)

// FontEnv names the environment variable that points at the font the
// documents are set in: a TrueType file (.ttf) or a collection (.ttc), whose
// first face is used.
const FontEnv = "HESHI_FONT"

// DefaultFontPath is where Debian's fonts-wqy-microhei puts WenQuanYi Micro
// Hei, the font used when HESHI_FONT is not set.
const DefaultFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

// ErrNoFont reports that no font for the documents could be found.
var ErrNoFont = errors.New("samples: no CJK font for the documents")

// FontPath returns the font file the documents would be set in: $HESHI_FONT
// if set, else DefaultFontPath. It fails with ErrNoFont when the file is not
// there.
func FontPath() (string, error) {
	p := os.Getenv(FontEnv)
	if p == "" {
		p = DefaultFontPath
	}
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s not found (install Debian's fonts-wqy-microhei or set %s to a TrueType font with Chinese glyphs): %v",
			ErrNoFont, p, FontEnv, err)
	}
	return p, nil
}

// LoadFont reads the font at FontPath and returns it as a standalone
// TrueType font: a collection (.ttc) is reduced to its first face, since
// gopdf reads single fonts only.
func LoadFont() ([]byte, error) {
	p, err := FontPath()
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("samples: reading font: %w", err)
	}
	ttf, err := FirstFace(data)
	if err != nil {
		return nil, fmt.Errorf("samples: font %s: %w", p, err)
	}
	return ttf, nil
}

// sfnt versions and the collection tag.
const (
	tagTTCF      = 0x74746366 // "ttcf"
	sfntTrueType = 0x00010000
	sfntTrue     = 0x74727565 // "true" (old Apple TrueType)
	sfntOTTO     = 0x4F54544F // "OTTO" (CFF outlines)
	tagHead      = 0x68656164 // "head"
	headAdjustAt = 8          // offset of checkSumAdjustment in 'head'
	checksumBase = 0xB1B0AFBA
)

// FirstFace returns data unchanged when it is a single sfnt font, and the
// first face of a TrueType collection as a standalone font otherwise: the
// face's table directory and the tables it references are copied into a
// new file, each table at a 4-byte aligned offset, with table checksums and
// the head table's checkSumAdjustment recomputed.
func FirstFace(data []byte) ([]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("not a font: too short")
	}
	switch binary.BigEndian.Uint32(data) {
	case sfntTrueType, sfntTrue, sfntOTTO:
		return data, nil
	case tagTTCF:
	default:
		return nil, errors.New("not a TrueType font or collection")
	}
	numFonts := binary.BigEndian.Uint32(data[8:])
	if numFonts == 0 || len(data) < 16 {
		return nil, errors.New("font collection holds no face")
	}
	return extractFace(data, int(binary.BigEndian.Uint32(data[12:])))
}

// tableRecord is one entry of an sfnt table directory.
type tableRecord struct {
	tag, offset, length uint32
}

// extractFace copies the face whose offset table starts at off.
func extractFace(data []byte, off int) ([]byte, error) {
	if off < 0 || off+12 > len(data) {
		return nil, errors.New("face offset out of range")
	}
	version := binary.BigEndian.Uint32(data[off:])
	numTables := int(binary.BigEndian.Uint16(data[off+4:]))
	if numTables == 0 || off+12+16*numTables > len(data) {
		return nil, errors.New("bad table directory")
	}
	recs := make([]tableRecord, numTables)
	for i := range recs {
		p := off + 12 + 16*i
		r := tableRecord{
			tag:    binary.BigEndian.Uint32(data[p:]),
			offset: binary.BigEndian.Uint32(data[p+8:]),
			length: binary.BigEndian.Uint32(data[p+12:]),
		}
		if uint64(r.offset)+uint64(r.length) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q out of range", tagString(r.tag))
		}
		recs[i] = r
	}
	// Tables are listed in ascending tag order, as the format requires.
	sort.Slice(recs, func(i, j int) bool { return recs[i].tag < recs[j].tag })

	headerLen := 12 + 16*numTables
	size := headerLen
	for _, r := range recs {
		size += pad4(int(r.length))
	}
	out := make([]byte, size)

	// Offset table: searchRange, entrySelector and rangeShift derive from
	// the number of tables.
	binary.BigEndian.PutUint32(out, version)
	binary.BigEndian.PutUint16(out[4:], uint16(numTables))
	entrySelector := 0
	for 1<<(entrySelector+1) <= numTables {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(numTables*16-searchRange))

	pos := headerLen
	headAt := -1
	for i, r := range recs {
		table := out[pos : pos+int(r.length)]
		copy(table, data[r.offset:r.offset+r.length])
		if r.tag == tagHead {
			if r.length < headAdjustAt+4 {
				return nil, errors.New("head table too short")
			}
			binary.BigEndian.PutUint32(table[headAdjustAt:], 0)
			headAt = pos
		}
		p := 12 + 16*i
		binary.BigEndian.PutUint32(out[p:], r.tag)
		binary.BigEndian.PutUint32(out[p+4:], checksum(out[pos:pos+pad4(int(r.length))]))
		binary.BigEndian.PutUint32(out[p+8:], uint32(pos))
		binary.BigEndian.PutUint32(out[p+12:], r.length)
		pos += pad4(int(r.length))
	}
	if headAt < 0 {
		return nil, errors.New("face has no head table")
	}
	binary.BigEndian.PutUint32(out[headAt+headAdjustAt:], checksumBase-checksum(out))
	return out, nil
}

// checksum is the sfnt table checksum: the sum of the big-endian uint32
// words of b, which must be padded to a multiple of four bytes.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	return sum
}

func pad4(n int) int { return (n + 3) &^ 3 }

func tagString(t uint32) string {
	return string([]byte{byte(t >> 24), byte(t >> 16), byte(t >> 8), byte(t)})
}
