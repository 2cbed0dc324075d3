package ident

import (
	"slices"
	"strings"
	"unicode"
)

// NormalizeName returns a party name (purchaser, supplier, payer, payee) in
// the form used to compare names: NFKC-normalised (full-width letters and
// digits become ASCII), Latin letters uppercased, and all whitespace,
// punctuation (ASCII and CJK: （）()·、，,. and the like), symbols and
// invisible format characters removed. Han characters are kept as they are;
// simplified and traditional forms are not unified.
func NormalizeName(s string) string {
	return normalizeFixed(s, nameRune)
}

// nameRune maps one rune of an NFKC-normalised name: dropped (-1) or folded.
func nameRune(r rune) rune {
	switch {
	case unicode.IsSpace(r), unicode.IsPunct(r), unicode.IsSymbol(r),
		unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r), r == unicode.ReplacementChar:
		return -1
	}
	return unicode.ToUpper(r)
}

// nameSuffixes are the organisation-form suffixes SimilarName strips, longest
// first so that the longest match wins.
var nameSuffixes = []string{
	"农民专业合作社",
	"有限责任公司",
	"股份有限公司",
	"专业合作社",
	"有限公司",
	"合作社",
	"公司",
}

// SimilarName returns NormalizeName(s) without a trailing organisation form
// (有限责任公司, 股份有限公司, 有限公司, 农民专业合作社, 专业合作社, 合作社,
// 公司), for fuzzy duplicate detection: 湘西某某农业有限公司 and
// 湘西某某农业公司 compare equal. A name that is nothing but the suffix is
// returned unstripped.
func SimilarName(s string) string {
	n := NormalizeName(s)
	for _, suf := range nameSuffixes {
		if t, ok := strings.CutSuffix(n, suf); ok {
			if t == "" {
				break
			}
			return t
		}
	}
	return n
}

// OneCharApart reports whether names a and b, as NormalizeName leaves them,
// differ by exactly one character dropped, added or replaced: what text
// recognition does to a name when a seal or a stroke hides one character
// (永县 for 永顺县). Names shorter than minRunes never count, nor do equal
// ones.
func OneCharApart(a, b string, minRunes int) bool {
	x, y := []rune(NormalizeName(a)), []rune(NormalizeName(b))
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) < minRunes-1 || len(y) < minRunes || len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if i == len(x) {
		return len(y) == len(x)+1 // only a last character added
	}
	if len(x) == len(y) {
		return slices.Equal(x[i+1:], y[i+1:]) // one replaced
	}
	return slices.Equal(x[i:], y[i+1:]) // one dropped
}
