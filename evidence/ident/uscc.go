package ident

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// USCCAlphabet is the character set of a unified social credit code
// (GB 32100-2015), in value order: I, O, S, V and Z are not used.
const USCCAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// USCCLen is the length of a unified social credit code.
const USCCLen = 18

// usccWeights are the weights of positions 1-17 for the check character.
var usccWeights = [USCCLen - 1]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// Errors returned by ValidUSCC and USCCCheckChar, wrapped with details.
var (
	ErrUSCCLength = errors.New("unified social credit code: wrong length")
	ErrUSCCChar   = errors.New("unified social credit code: invalid character")
	ErrUSCCCheck  = errors.New("unified social credit code: check character mismatch")
)

// usccValue returns the value of c in USCCAlphabet, or -1.
func usccValue(c byte) int {
	return strings.IndexByte(USCCAlphabet, c)
}

// USCCCheckChar returns the check character (position 18) for the first 17
// characters of a unified social credit code. first17 must already be
// normalised (see NormalizeUSCC). Errors wrap ErrUSCCLength or ErrUSCCChar.
func USCCCheckChar(first17 string) (byte, error) {
	if err := usccShape(first17, USCCLen-1); err != nil {
		return 0, err
	}
	return usccCheck(first17)
}

// usccShape checks that s has n characters, all ASCII.
func usccShape(s string, n int) error {
	if got := utf8.RuneCountInString(s); got != n {
		return fmt.Errorf("%w: %q has %d characters, want %d", ErrUSCCLength, s, got, n)
	}
	if len(s) != n {
		for i, r := range []rune(s) {
			if r >= utf8.RuneSelf {
				return fmt.Errorf("%w: %q at position %d", ErrUSCCChar, r, i+1)
			}
		}
	}
	return nil
}

// usccCheck computes the check character of the ASCII string first17.
func usccCheck(first17 string) (byte, error) {
	sum := 0
	for i := range USCCLen - 1 {
		v := usccValue(first17[i])
		if v < 0 {
			return 0, fmt.Errorf("%w: %q at position %d", ErrUSCCChar, first17[i], i+1)
		}
		sum += v * usccWeights[i]
	}
	return USCCAlphabet[(31-sum%31)%31], nil
}

// ValidUSCC reports whether s is a well-formed unified social credit code
// with a correct check character. It returns nil for a valid code, or an
// error wrapping ErrUSCCLength, ErrUSCCChar or ErrUSCCCheck. s is checked as
// given: pass it through NormalizeUSCC first to accept lowercase, full-width
// characters and spaces.
func ValidUSCC(s string) error {
	if err := usccShape(s, USCCLen); err != nil {
		return err
	}
	want, err := usccCheck(s[:USCCLen-1])
	if err != nil {
		return err
	}
	if got := s[USCCLen-1]; got != want {
		if usccValue(got) < 0 {
			return fmt.Errorf("%w: %q at position %d", ErrUSCCChar, got, USCCLen)
		}
		return fmt.Errorf("%w: %s ends in %c, want %c", ErrUSCCCheck, s, got, want)
	}
	return nil
}

// NormalizeUSCC returns s as a code is compared and validated: full-width
// characters folded to ASCII (NFKC), whitespace, punctuation and symbols
// removed (a code is digits and letters only: the 。 or · a scan leaves
// before it is no part of it), letters uppercased. It does not repair
// look-alike characters (O for 0, I for 1).
func NormalizeUSCC(s string) string {
	return normalizeFixed(s, func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return -1
		}
		return unicode.ToUpper(r)
	})
}

// normalizeFixed applies NFKC and then mapping to s until the result is
// stable. One round is almost always enough; a second is needed when a
// dropped rune leaves a combining mark next to a new base (NFKC turns "΄"
// into a space and a combining accent).
func normalizeFixed(s string, mapping func(rune) rune) string {
	for range 4 {
		t := strings.Map(mapping, norm.NFKC.String(s))
		if t == s {
			break
		}
		s = t
	}
	return s
}

// USCCDivision returns positions 3-8 of a unified social credit code, the
// GB/T 2260 division code of the registering authority (e.g. "430100"), or
// "" if the normalised code is not 18 characters long or those positions are
// not six digits. It does not verify the check character.
func USCCDivision(s string) string {
	s = NormalizeUSCC(s)
	if len(s) != USCCLen {
		return ""
	}
	div := s[2:8]
	for i := range len(div) {
		if div[i] < '0' || div[i] > '9' {
			return ""
		}
	}
	return div
}
