package evidence

import (
	"fmt"
)

// OCR misreads a place name's rarer characters as common look-alikes: 涟源市
// comes back as 连源市, the 氵 lost in the scan, the 连 read with a
// confidence of 0.4-0.6. Place names are a closed set
// (lexicon/places.tsv), so a name that differs from exactly one known place
// in one character, that character read with doubt, its last (市, 县, 区)
// the same, and that is no known place itself nor the tail of one, is
// that place. Party names are never mended so: a name one character off
// may be another party.

// MendPlaces mends the place names OCR misread in text, whose characters
// were read with the confidences conf (one a rune; nil when unknown, and
// then nothing is mended): a character read with a confidence under
// uncertainChar may be mended. It returns the text and a note for each
// mending, for a reviewer.
func MendPlaces(text string, conf []float64) (string, []string) {
	return mustLexicon().mendText(text, conf)
}

// uncertainChar is the confidence under which OCR's reading of a
// character may be mended by a place name: 涟 misread as 连 comes at
// 0.4-0.6, 溆 as 激 at 0.92, characters read right at 0.95 and over.
const uncertainChar = 0.95

func (lx *Lexicon) mendText(text string, conf []float64) (string, []string) {
	runes := []rune(text)
	if len(lx.places) == 0 || len(conf) != len(runes) {
		return text, nil
	}
	known := make(map[string]bool, len(lx.places))
	for _, p := range lx.places {
		known[string(p)] = true
	}
	out, fixes := lx.mendPlaces(runes, known, func(k int) bool { return conf[k] < uncertainChar })
	var notes []string
	for _, f := range fixes {
		notes = append(notes, fmt.Sprintf("OCR read %s, taken as the place %s", f[0], f[1]))
	}
	return out, notes
}

// mendPlaces mends the misread place names of text; uncertain says
// whether the character at an index may have been misread.
func (lx *Lexicon) mendPlaces(text []rune, known map[string]bool, uncertain func(int) bool) (string, [][2]string) {
	var fixes [][2]string
	for i := 0; i < len(text); i++ {
		var match []rune
		ambiguous := false
		for _, p := range lx.places {
			n := len(p)
			if n < 3 || i+n > len(text) || text[i+n-1] != p[n-1] {
				continue
			}
			diff, at := 0, -1
			for k := 0; k < n-1 && diff < 2; k++ {
				if text[i+k] != p[k] {
					diff, at = diff+1, i+k
				}
			}
			if diff != 1 || !uncertain(at) || known[string(text[i:i+n])] || lx.endsPlace(text, i, i+n, known) {
				continue
			}
			if match != nil {
				ambiguous = true
				break
			}
			match = p
		}
		if match == nil || ambiguous {
			continue
		}
		fixes = append(fixes, [2]string{string(text[i : i+len(match)]), string(match)})
		copy(text[i:], match)
		i += len(match) - 1
	}
	return string(text), fixes
}

// endsPlace reports whether text[start:end] is the tail of a known place
// that starts before it (水江市 of 冷水江市 is no misread 沅江市).
func (lx *Lexicon) endsPlace(text []rune, start, end int, known map[string]bool) bool {
	for j := max(0, start-4); j < start; j++ {
		if known[string(text[j:end])] {
			return true
		}
	}
	return false
}
