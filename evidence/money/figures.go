package money

import (
	"fmt"
	"strings"
)

// figurePrefixes are the currency marks printed before an amount in figures
// (小写金额). Matching is case-insensitive.
var figurePrefixes = []string{"¥", "￥", "人民币", "RMB", "CNY"}

// figureWidth maps full-width digits, period, comma and minus signs to ASCII.
var figureWidth = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"．", ".", "，", ",", "－", "-", "−", "-",
)

// ParseFigures parses an amount printed in figures into fen: an optional
// currency mark (¥, ￥, 人民币, RMB, CNY), thousands separators (, or ，) in
// groups of three, full-width digits and period, surrounding spaces, an
// optional trailing 元, and a leading minus before or after the mark
// ("-¥1,234.50", "¥-1,234.50"). At most two decimals. Errors wrap ErrAmount.
func ParseFigures(s string) (Fen, error) {
	t := strings.TrimSpace(figureWidth.Replace(s))
	neg := false
	if strings.HasPrefix(t, "-") {
		neg, t = true, strings.TrimSpace(t[1:])
	}
	for _, p := range figurePrefixes {
		if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) {
			t = strings.TrimSpace(t[len(p):])
			break
		}
	}
	if !neg && strings.HasPrefix(t, "-") {
		neg, t = true, strings.TrimSpace(t[1:])
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, "元"))
	if t == "" || t[0] < '0' || t[0] > '9' {
		return 0, fmt.Errorf("%w: %q", ErrAmount, s)
	}
	whole, frac, hasDot := strings.Cut(t, ".")
	if strings.ContainsRune(whole, ',') {
		groups := strings.Split(whole, ",")
		if len(groups[0]) > 3 {
			return 0, fmt.Errorf("%w: %q: misplaced thousands separator", ErrAmount, s)
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, fmt.Errorf("%w: %q: misplaced thousands separator", ErrAmount, s)
			}
		}
		whole = strings.Join(groups, "")
	}
	plain := whole
	if hasDot {
		plain += "." + frac
	}
	v, err := ParseYuan(plain) // checks the digits, decimals and size
	if err != nil {
		return 0, fmt.Errorf("figures %q: %w", s, err)
	}
	if neg {
		v = -v
	}
	return v, nil
}
