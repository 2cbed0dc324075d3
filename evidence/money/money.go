// Package money holds the fixed-point amounts heshi computes with: money in
// integer fen (分) and quantities in thousandths. Floats never carry money.
package money

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Fen is an amount of renminbi in fen (1 yuan = 100 fen).
type Fen int64

// Yuan returns f as a yuan string with two decimals and no grouping, e.g. "1234.50".
func (f Fen) String() string {
	sign := ""
	v := int64(f)
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Wan returns f in 万元 (10,000 yuan) rounded half away from zero to two
// decimals, as the province's statement prints it, e.g. "843.93".
func (f Fen) Wan() string {
	// 1 万元 = 1,000,000 fen; two decimals of 万元 = 10,000 fen.
	v := int64(f)
	neg := v < 0
	if neg {
		v = -v
	}
	q := (v + 5000) / 10000
	s := fmt.Sprintf("%d.%02d", q/100, q%100)
	if neg && q != 0 {
		s = "-" + s
	}
	return s
}

// ErrAmount reports text that is not an amount.
var ErrAmount = errors.New("not an amount")

// ParseYuan parses a plain yuan amount with at most two decimals ("1234.5",
// "-3", "1234.50") into fen. See ParseFigures for printed forms with ¥ and commas.
func ParseYuan(s string) (Fen, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("%w: empty", ErrAmount)
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = s[1:]
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || (hasDot && (frac == "" || len(frac) > 2)) {
		return 0, fmt.Errorf("%w: %q", ErrAmount, s)
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("%w: %q", ErrAmount, s)
			}
		}
	}
	if len(whole) > 15 {
		return 0, fmt.Errorf("%w: %q is too large", ErrAmount, s)
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	var fr int64
	if frac != "" {
		fr, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			fr *= 10
		}
	}
	v := w*100 + fr
	if neg {
		v = -v
	}
	return Fen(v), nil
}

// Qty is a quantity in thousandths of its unit (3 decimals: kilograms to the gram).
type Qty int64

// String formats q with as few decimals as it needs: "12", "2.5", "0.125".
func (q Qty) String() string {
	v := int64(q)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := fmt.Sprintf("%s%d", sign, v/1000)
	if r := v % 1000; r != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%03d", r), "0")
	}
	return s
}

// ParseQty parses a decimal quantity with at most three decimals.
func ParseQty(s string) (Qty, error) {
	s = strings.TrimSpace(s)
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || (hasDot && (frac == "" || len(frac) > 3)) || len(whole) > 12 {
		return 0, fmt.Errorf("not a quantity: %q", s)
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("not a quantity: %q", s)
			}
		}
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	var fr int64
	if frac != "" {
		fr, _ = strconv.ParseInt((frac + "00")[:3], 10, 64)
	}
	return Qty(w*1000 + fr), nil
}

// Times returns the amount of q units at price p, rounded half up to the fen.
func (q Qty) Times(p Fen) Fen {
	v := int64(q) * int64(p)
	if v >= 0 {
		return Fen((v + 500) / 1000)
	}
	return Fen(-((-v + 500) / 1000))
}

// Grouped returns f in yuan with thousands separators: 1,234,567.89.
func (f Fen) Grouped() string { return GroupDigits(f.String()) }

// GroupDigits puts thousands separators into a decimal figure's whole part:
// 1234567.89 is 1,234,567.89, -1234 is -1,234.
func GroupDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}
