package money

import (
	"fmt"
	"math"
	"strings"
	"unicode"
)

// Uppercase amounts (大写金额) as written on contracts, bank receipts and
// invoices. Formatting follows the People's Bank of China rules for filling in
// bills and settlement vouchers (正确填写票据和结算凭证的基本规定) and reads
// numbers the way schools teach: trailing zeros of a 4-digit group are not
// written, any other run of zeros is written as one 零.

var (
	upperDigits = [10]string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	upperSmall  = [4]string{"", "拾", "佰", "仟"}
)

// Uppercase returns the canonical 大写 form of f as printed on contracts and
// bank receipts: 元; 整 after an amount ending at 元 or at 角; 壹拾, never a
// bare 拾; one 零 for each run of zeros inside the number; 零 between 元 and
// 分 when 角 is zero; and none of the optional 零s (before 角 when the 元
// digit is zero, or before a 4-digit group whose 仟 digit is nonzero).
// Examples:
//
//	1409.50 → 壹仟肆佰零玖元伍角整
//	325.04  → 叁佰贰拾伍元零肆分
//	1680.32 → 壹仟陆佰捌拾元叁角贰分
//	0       → 零元整
//	-16.00  → 负壹拾陆元整
//
// Every int64 value has a form: amounts of 1 万亿 yuan and above nest units
// (壹万亿, 壹亿亿) and ParseUppercase reads them back.
func Uppercase(f Fen) string { return uppercase(f, "元", true) }

// UppercaseInvoice returns f in the style of a VAT invoice's 价税合计（大写）:
// 圆 instead of 元, 整 only after 圆, e.g. 壹仟肆佰零玖圆伍角, 壹佰圆整,
// 壹佰零伍圆零贰分. The ⊗ the invoice prints before it is not included.
func UppercaseInvoice(f Fen) string { return uppercase(f, "圆", false) }

func uppercase(f Fen, yuanChar string, zhengAfterJiao bool) string {
	var b strings.Builder
	m := uint64(f)
	if f < 0 {
		b.WriteString("负")
		m = -m // two's complement; correct for math.MinInt64 too
	}
	yuan, jiao, fen := m/100, m/10%10, m%10
	switch {
	case m == 0:
		b.WriteString("零" + yuanChar + "整")
		return b.String()
	case yuan > 0:
		writeUpperInt(&b, yuan)
		b.WriteString(yuanChar)
	}
	switch {
	case jiao == 0 && fen == 0:
		b.WriteString("整")
	case jiao == 0:
		if yuan > 0 {
			b.WriteString("零")
		}
		b.WriteString(upperDigits[fen] + "分")
	default:
		b.WriteString(upperDigits[jiao] + "角")
		if fen > 0 {
			b.WriteString(upperDigits[fen] + "分")
		} else if zhengAfterJiao {
			b.WriteString("整")
		}
	}
	return b.String()
}

// writeUpperInt writes n > 0 with units 拾佰仟万亿, nesting the big units
// (n ≥ 10^12 is written "…万亿", n ≥ 10^16 "…亿亿").
func writeUpperInt(b *strings.Builder, n uint64) {
	for _, big := range []struct {
		unit uint64
		name string
	}{{1e8, "亿"}, {1e4, "万"}} {
		if n < big.unit {
			continue
		}
		q, r := n/big.unit, n%big.unit
		writeUpperInt(b, q)
		b.WriteString(big.name)
		if r > 0 {
			if r < big.unit/10 {
				b.WriteString("零") // the lower group starts with zeros
			}
			writeUpperInt(b, r)
		}
		return
	}
	// 1 ≤ n ≤ 9999: one group.
	digits := [4]uint64{n / 1000, n / 100 % 10, n / 10 % 10, n % 10}
	started, zero := false, false
	for i, d := range digits {
		if d == 0 {
			zero = started
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		b.WriteString(upperDigits[d] + upperSmall[3-i])
		started = true
	}
}

// Token kinds of uppercase text.
type upperKind uint8

const (
	tokDigit upperKind = iota + 1 // value 0-9
	tokSmall                      // 拾 佰 仟: value 10, 100, 1000
	tokBig                        // 万 亿: value 1e4, 1e8
	tokYuan                       // 元 圆 圓
	tokJiao                       // 角
	tokFen                        // 分
	tokZheng                      // 整 正
)

type upperToken struct {
	kind upperKind
	val  uint64
	r    rune
}

var upperRunes = map[rune]upperToken{
	'零': {tokDigit, 0, '零'}, '〇': {tokDigit, 0, '〇'},
	'壹': {tokDigit, 1, '壹'},
	'贰': {tokDigit, 2, '贰'}, '貳': {tokDigit, 2, '貳'},
	'叁': {tokDigit, 3, '叁'}, '叄': {tokDigit, 3, '叄'}, '參': {tokDigit, 3, '參'}, '参': {tokDigit, 3, '参'},
	'肆': {tokDigit, 4, '肆'},
	'伍': {tokDigit, 5, '伍'},
	'陆': {tokDigit, 6, '陆'}, '陸': {tokDigit, 6, '陸'},
	'柒': {tokDigit, 7, '柒'},
	'捌': {tokDigit, 8, '捌'},
	'玖': {tokDigit, 9, '玖'},
	'拾': {tokSmall, 10, '拾'},
	'佰': {tokSmall, 100, '佰'},
	'仟': {tokSmall, 1000, '仟'},
	'万': {tokBig, 1e4, '万'}, '萬': {tokBig, 1e4, '萬'},
	'亿': {tokBig, 1e8, '亿'}, '億': {tokBig, 1e8, '億'},
	'元': {tokYuan, 0, '元'}, '圆': {tokYuan, 0, '圆'}, '圓': {tokYuan, 0, '圓'},
	'角': {tokJiao, 0, '角'},
	'分': {tokFen, 0, '分'},
	'整': {tokZheng, 0, '整'}, '正': {tokZheng, 0, '正'},
}

// upperPrefixes may precede an uppercase amount: the ⊗ printed on invoices
// (and its look-alikes) and the currency on bank receipts.
var upperPrefixes = []string{"⊗", "ⓧ", "Ⓧ", "(人民币)", "（人民币）", "人民币", "RMB"}

// ParseUppercase parses an uppercase (大写) amount into fen. It accepts every
// form the rules permit and the variants seen in print:
//
//   - 元, 圆 or 圓; 整 or 正 (or nothing) after 元 or 角, never after 分;
//   - the optional 零 before 角 or before a group whose first digit is
//     nonzero, and redundant 零s (壹仟零零伍元);
//   - 拾 without 壹 at the start (拾伍元), 零角 for a zero 角;
//   - traditional 貳 參 叄 陸 萬 億 圓, 参 (參 simplified, as some print
//     and as OCR reads 叁), and 〇 for 零;
//   - prefixes ⊗, ⓧ, 人民币, (人民币), RMB, a leading 负 for a negative
//     amount, and whitespace anywhere.
//
// It rejects text whose reading is ambiguous or malformed: 两, lowercase
// numerals, a bare final digit after a skipped position (壹佰伍元 could mean
// 150 or 105), units out of order, 整 after 分. Errors wrap ErrAmount.
func ParseUppercase(s string) (Fen, error) {
	text := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	neg := false
	for changed := true; changed; {
		changed = false
		for _, p := range upperPrefixes {
			if len(text) >= len(p) && strings.EqualFold(text[:len(p)], p) {
				text, changed = text[len(p):], true
			}
		}
		if !neg && strings.HasPrefix(text, "负") {
			text, neg, changed = strings.TrimPrefix(text, "负"), true, true
		}
	}
	if text == "" {
		return 0, fmt.Errorf("%w: %q: no uppercase amount", ErrAmount, s)
	}
	toks := make([]upperToken, 0, len(text)/3)
	for _, r := range text {
		t, ok := upperRunes[r]
		if !ok {
			if r == '两' || r == '兩' {
				return 0, fmt.Errorf("%w: %q: 两 is not an uppercase digit (write 贰)", ErrAmount, s)
			}
			return 0, fmt.Errorf("%w: %q: %q is not an uppercase numeral", ErrAmount, s, r)
		}
		toks = append(toks, t)
	}
	mag, err := parseUpperTokens(toks)
	if err != nil {
		return 0, fmt.Errorf("%w: %q: %s", ErrAmount, s, err.Error())
	}
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	if mag > limit {
		return 0, fmt.Errorf("%w: %q is too large", ErrAmount, s)
	}
	if neg {
		return Fen(-mag), nil // wraps to math.MinInt64 at the limit, as intended
	}
	return Fen(mag), nil
}

// upperError is a parse failure inside the token grammar; ParseUppercase
// wraps it with ErrAmount and the input.
type upperError string

func (e upperError) Error() string { return string(e) }

// parseUpperTokens returns the magnitude in fen of
//
//	[integer 元] [零…] [digit 角] [零…] [digit 分] [整]
func parseUpperTokens(toks []upperToken) (uint64, error) {
	var yuan uint64
	hasYuan := false
	rest := toks
	for i, t := range toks {
		if t.kind != tokYuan {
			continue
		}
		if i == 0 {
			return 0, upperError(string(t.r) + " without digits before it")
		}
		v, err := parseUpperInt(toks[:i])
		if err != nil {
			return 0, err
		}
		yuan, hasYuan, rest = v, true, toks[i+1:]
		break
	}
	var jiao, fen uint64
	hasJiao, hasFen := false, false
	pos := 0
	// decimal reads an optional "零… digit unit" for unit 角 or 分.
	decimal := func(unit upperKind) (uint64, bool, error) {
		start := pos
		for pos+1 < len(rest) && rest[pos].kind == tokDigit && rest[pos].val == 0 &&
			rest[pos+1].kind != tokJiao && rest[pos+1].kind != tokFen {
			pos++ // the 零 before 角 or 分, or a redundant one
		}
		if pos+1 < len(rest) && rest[pos].kind == tokDigit && rest[pos+1].kind == unit {
			d := rest[pos].val
			pos += 2
			return d, true, nil
		}
		if pos > start && (pos >= len(rest) || rest[pos].kind != tokDigit) {
			return 0, false, upperError("零 not followed by a digit")
		}
		return 0, false, nil
	}
	var err error
	if jiao, hasJiao, err = decimal(tokJiao); err != nil {
		return 0, err
	}
	if fen, hasFen, err = decimal(tokFen); err != nil {
		return 0, err
	}
	if pos < len(rest) && rest[pos].kind == tokZheng {
		if hasFen {
			return 0, upperError(string(rest[pos].r) + " after 分")
		}
		if !hasYuan && !hasJiao {
			return 0, upperError(string(rest[pos].r) + " without an amount")
		}
		pos++
	}
	if pos < len(rest) {
		if !hasYuan && rest[pos].kind != tokZheng {
			return 0, upperError(fmt.Sprintf("unexpected %q (no 元?)", rest[pos].r))
		}
		return 0, upperError(fmt.Sprintf("unexpected %q", rest[pos].r))
	}
	if !hasYuan && !hasJiao && !hasFen {
		return 0, upperError("no 元, 角 or 分")
	}
	if yuan > (math.MaxUint64-99)/100 {
		return 0, upperError("too large")
	}
	return yuan*100 + jiao*10 + fen, nil
}

// parseUpperInt parses the integer part (the tokens before 元).
func parseUpperInt(toks []upperToken) (uint64, error) {
	started := false // a token other than 零 has been seen
	for k, t := range toks {
		switch t.kind {
		case tokDigit, tokSmall, tokBig:
		default:
			return 0, upperError(fmt.Sprintf("unexpected %q before 元", t.r))
		}
		// 拾 without a digit means 壹拾 only at the start (拾伍元): after
		// 零 or another unit it could be a zero tens digit (伍佰零拾).
		bare := k == 0 || toks[k-1].kind != tokDigit || toks[k-1].val == 0
		if t.kind == tokSmall && t.val == 10 && bare && started {
			return 0, upperError(fmt.Sprintf("%q without a digit (write 壹拾)", t.r))
		}
		started = started || t.kind != tokDigit || t.val != 0
		// A nonzero digit without a small unit after it is a units digit. It
		// must follow 拾 or 零 (壹佰零伍, 壹拾伍), or begin the number;
		// before 万 it may also follow 亿 (壹亿伍万).
		// Otherwise the reading is ambiguous: 壹佰伍 is 150 in speech.
		if t.kind != tokDigit || t.val == 0 || k == 0 {
			continue
		}
		last := k == len(toks)-1
		if !last && toks[k+1].kind == tokSmall {
			continue
		}
		prev := toks[k-1]
		ok := (prev.kind == tokDigit && prev.val == 0) ||
			(prev.kind == tokSmall && prev.val == 10) ||
			(prev.kind == tokBig && !last && toks[k+1].kind == tokBig && prev.val > toks[k+1].val)
		if !ok {
			return 0, upperError(fmt.Sprintf("ambiguous %q after %q (零 missing?)", t.r, prev.r))
		}
	}
	return parseUpperGroups(toks)
}

// parseUpperGroups splits at the last occurrence of the largest big unit:
// left × unit + right, recursively.
func parseUpperGroups(toks []upperToken) (uint64, error) {
	split, unit := -1, uint64(0)
	for i, t := range toks {
		if t.kind == tokBig && t.val >= unit {
			split, unit = i, t.val
		}
	}
	if split < 0 {
		return parseUpperSection(toks)
	}
	left, err := parseUpperGroups(toks[:split])
	if err != nil {
		return 0, err
	}
	if left == 0 {
		return 0, upperError(fmt.Sprintf("%q without digits before it", toks[split].r))
	}
	if unit == 1e4 && left >= 1e4 {
		return 0, upperError(fmt.Sprintf("%q after a larger group", toks[split].r))
	}
	right, err := parseUpperGroups(toks[split+1:])
	if err != nil {
		return 0, err
	}
	if left > (math.MaxUint64-right)/unit {
		return 0, upperError("too large")
	}
	return left*unit + right, nil
}

// parseUpperSection parses digits and 拾佰仟 (a value below 10,000).
func parseUpperSection(toks []upperToken) (uint64, error) {
	var v uint64
	pending := uint64(0) // nonzero digit waiting for its unit
	lastUnit := uint64(1e4)
	for _, t := range toks {
		switch {
		case t.kind == tokDigit && pending > 0:
			return 0, upperError(fmt.Sprintf("%q follows a digit without a unit", t.r))
		case t.kind == tokDigit:
			pending = t.val // 零 leaves pending at 0
		default: // tokSmall
			if t.val >= lastUnit {
				return 0, upperError(fmt.Sprintf("%q out of order", t.r))
			}
			d := pending
			if d == 0 {
				if t.val != 10 {
					return 0, upperError(fmt.Sprintf("%q without a digit", t.r))
				}
				d = 1 // 拾 alone is 壹拾
			}
			v += d * t.val
			lastUnit, pending = t.val, 0
		}
	}
	return v + pending, nil
}
