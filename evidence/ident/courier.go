package ident

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// s10Weights are the UPU S10 weights of the eight serial digits.
var s10Weights = [8]int{8, 6, 4, 2, 3, 5, 9, 7}

// S10CheckDigit returns the UPU S10 check digit ('0'-'9') for an 8-digit
// serial number: 11 minus the weighted sum mod 11, with 10 → 0 and 11 → 5.
func S10CheckDigit(serial8 string) (byte, error) {
	if len(serial8) != 8 || !allDigits(serial8) {
		return 0, fmt.Errorf("S10 serial %q: want 8 digits", serial8)
	}
	sum := 0
	for i := range 8 {
		sum += int(serial8[i]-'0') * s10Weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return '0', nil
	case 11:
		return '5', nil
	default:
		return byte('0' + c), nil
	}
}

// ValidS10 reports whether s is a UPU S10 item identifier (AA123456785CC:
// two letters, eight serial digits, a check digit, two letters) with a
// correct check digit, as used by EMS and China Post for international items.
// Surrounding spaces and lowercase letters are accepted.
func ValidS10(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 13 || !allUpper(s[:2]) || !allUpper(s[11:]) || !allDigits(s[2:11]) {
		return false
	}
	c, err := S10CheckDigit(s[2:10])
	return err == nil && c == s[10]
}

// Carrier hints returned by CourierHint.
const (
	HintSF    = "SF"            // SF Express: SF + 12-13 digits
	HintYTO   = "YTO"           // YTO Express: YT + 13 digits
	HintJT    = "JT"            // J&T Express: JT + 13 digits
	HintJD    = "JD"            // JD Logistics: JD + 13-15 characters
	HintEMS   = "EMS"           // EMS / China Post: valid UPU S10
	HintTongs = "ZTO/STO/Yunda" // 12-15 digits
)

// CourierHint guesses the carrier of a tracking number from its shape:
// HintSF, HintYTO, HintJT, HintJD, HintEMS, HintTongs, or "" if no shape
// fits. Carriers publish no formats, so the result is a hint for a reviewer,
// never grounds to reject a number. Full-width characters, lowercase letters,
// spaces and hyphens are tolerated.
func CourierHint(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return unicode.ToUpper(r)
	}, norm.NFKC.String(s))
	if ValidS10(s) {
		return HintEMS
	}
	for _, p := range courierPrefixes {
		rest, ok := strings.CutPrefix(s, p.prefix)
		if ok && len(rest) >= p.minLen && len(rest) <= p.maxLen && p.body(rest) {
			return p.hint
		}
	}
	if allDigits(s) && len(s) >= 12 && len(s) <= 15 {
		return HintTongs
	}
	return ""
}

// courierPrefixes are the lettered shapes CourierHint knows.
var courierPrefixes = []struct {
	prefix         string
	minLen, maxLen int
	body           func(string) bool
	hint           string
}{
	{"SF", 12, 13, allDigits, HintSF},
	{"YT", 13, 13, allDigits, HintYTO},
	{"JT", 13, 13, allDigits, HintJT},
	{"JD", 13, 15, allAlnum, HintJD},
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func allUpper(s string) bool {
	for i := range len(s) {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

func allAlnum(s string) bool {
	for i := range len(s) {
		if (s[i] < '0' || s[i] > '9') && (s[i] < 'A' || s[i] > 'Z') {
			return false
		}
	}
	return s != ""
}
