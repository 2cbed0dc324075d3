package evidence

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
)

var (
	// dateRe matches 2021年10月05日, 2021-10-05, 2021/10/05, 2021.10.05,
	// with spaces anywhere (real invoices print 2022年 08月30日).
	dateRe = regexp.MustCompile(`(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})`)
	// compactDateRe matches a date printed without separators, 20211005,
	// as banks print them.
	compactDateRe = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^\d]|$)`)
	// figureRe matches an amount in figures with its currency mark.
	figureRe = regexp.MustCompile(`-?\s*(?:¥|RMB|CNY|人民币)?\s*-?\d[\d,]*(?:\.\d+)?(?:\s*元)?`)
	// orderRe matches an order number of the e-market (HN2021000123).
	orderRe = regexp.MustCompile(`[A-Z]{2}\d{6,}`)
)

// normalise returns the normalised value for a field of type t from its
// text folded (see fold) and as printed, and a problem when the text does
// not read as one. Names and free text keep their printed characters.
func normalise(t valueType, raw, printed string) (value, problem string) {
	switch t {
	case vCode:
		return codeToken(raw), ""
	case vID:
		// A code is letters and digits: a label's last character glued
		// to it on a scan (号91431321…) is no part of it.
		return strings.TrimLeftFunc(ident.NormalizeUSCC(firstToken(raw)), func(r rune) bool { return unicode.Is(unicode.Han, r) }), ""
	case vAccount:
		return squeeze(raw), ""
	case vCompact:
		return squeeze(raw), ""
	case vOrderNo:
		if m := orderRe.FindString(strings.ToUpper(squeeze(raw))); m != "" {
			return m, ""
		}
		return firstToken(raw), ""
	case vAmount:
		return amount(raw)
	case vUpper:
		v := squeeze(raw)
		if v == "" {
			return "", ""
		}
		if u := upperRun(v); u != "" {
			v = u // 壹仟元整(¥1,000.00) or 壹仟元整) as printed in a sentence
		}
		if _, err := money.ParseUppercase(v); err != nil {
			return v, fmt.Sprintf("uppercase amount %q does not read: %v", v, err)
		}
		return v, ""
	case vDate:
		return date(raw)
	case vName:
		return cleanName(printed), ""
	case vWeight:
		return weight(raw)
	case vCount:
		if m := countRe.FindStringSubmatch(raw); m != nil {
			return m[1], ""
		}
		return squeeze(raw), ""
	case vChoice:
		return choice(printed), ""
	}
	return tidy(printed), ""
}

// amount reads the first amount in figures in s as yuan with two decimals;
// of a calculation (1000 元/吨 × 1000 吨 = 1,000,000 元), its result.
func amount(s string) (string, string) {
	if s == "" {
		return "", ""
	}
	if k := strings.LastIndexAny(s, "=＝"); k >= 0 && figureRe.MatchString(s[k:]) {
		s = s[k:]
	}
	m := figureRe.FindString(s)
	if m == "" {
		return "", fmt.Sprintf("no amount in %q", s)
	}
	f, err := money.ParseFigures(squeeze(m))
	if err != nil {
		return "", fmt.Sprintf("amount %q does not read: %v", m, err)
	}
	return f.String(), ""
}

// date reads the first date in s as YYYY-MM-DD.
func date(s string) (string, string) {
	if s == "" {
		return "", ""
	}
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		m = compactDateRe.FindStringSubmatch(s)
	}
	if m == nil {
		return "", fmt.Sprintf("no date in %q", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return "", fmt.Sprintf("impossible date %q", m[0])
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), ""
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// firstToken returns s up to its first space.
func firstToken(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// tidy trims s and collapses runs of spaces to one.
func tidy(s string) string { return strings.Join(strings.Fields(s), " ") }

// tidyName is tidy that also removes a space between two CJK characters:
// Chinese names have no spaces, so one there comes from a name drawn as
// two strings of the PDF.
func tidyName(s string) string {
	rs := []rune(tidy(s))
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && isCJK(rs[i-1]) && isCJK(rs[i+1]) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// plausible reports whether text found near a label (not after it on its
// row) can be a value of type t: a code or account has digits, an ID is
// a credit code's length, an amount has figures or an uppercase amount, a
// date reads as one. Text of other types is taken as it is.
func plausible(t valueType, folded string) bool {
	s := squeeze(folded)
	switch t {
	case vCode, vAccount, vOrderNo, vCompact:
		return strings.ContainsAny(s, "0123456789")
	case vID:
		return len(firstToken(folded)) >= 15
	case vAmount:
		return strings.ContainsAny(s, "0123456789") || upperRun(s) != ""
	case vUpper:
		return upperRun(s) != ""
	case vDate:
		_, problem := date(folded)
		return problem == ""
	}
	return s != ""
}

// codeToken returns a document number: s up to its first space or
// separating punctuation (HT-2021-000001;电子卖场 is HT-2021-000001).
func codeToken(s string) string {
	s = firstToken(s)
	if i := strings.IndexAny(s, ";；,，、"); i > 0 {
		s = s[:i]
	}
	return s
}

var (
	// nameTail is what may follow a name in its cell without being part
	// of it: a date, an amount, (以下简称甲方).
	nameTail = regexp.MustCompile(`\s*(?:[(（](?:以下简称|以下称|下称|简称)[^)）]*[)）]|\d{4}\s*[年./-]\s*\d{1,2}.*|[¥￥].*)$`)
	// countRe reads a count (件数: 18件, 18 件/8.9kg).
	countRe = regexp.MustCompile(`^\s*(\d+)`)
	// weightRe reads a weight and its unit.
	weightRe = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(kg|KG|Kg|公斤|千克|g|克|吨|t)?`)
	// checked reads the option a form marks: ■合格 □不合格, ☑合格, and
	// ■合格口不合格 as a scan reads the empty box after it.
	checked = regexp.MustCompile(`[■☑√✓✔▣◉●]\s*([^\s□☐○〇口■☑√✓✔]+)`)
)

// cleanName is tidyName without what may follow a name in its cell.
func cleanName(s string) string {
	return tidyName(nameTail.ReplaceAllString(s, ""))
}

// weight reads a weight in kilograms ("1307.5", "0.5" of 500g); the
// number as printed when it has no unit or kilograms.
func weight(s string) (string, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	// Several figures (13件/8.9kg): the one with a weight's unit.
	ms := weightRe.FindAllStringSubmatch(s, -1)
	if len(ms) == 0 {
		return squeeze(s), fmt.Sprintf("no weight in %q", s)
	}
	m := ms[0]
	for _, c := range ms {
		if c[2] != "" {
			m = c
			break
		}
	}
	switch strings.ToLower(m[2]) {
	case "g", "克":
		v, _ := strconv.ParseFloat(m[1], 64)
		return strconv.FormatFloat(v/1000, 'f', -1, 64), ""
	case "吨", "t":
		v, _ := strconv.ParseFloat(m[1], 64)
		return strconv.FormatFloat(v*1000, 'f', -1, 64), ""
	}
	return m[1], ""
}

// choice returns the option a form marks (■合格 □不合格 is 合格); for a
// written opinion that plainly passes the goods (货物符合合同约定，同意验收),
// 合格; else the text as printed, for a person to read.
func choice(s string) string {
	if m := checked.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	if o, ok := unboxedOption(s); ok {
		return o
	}
	if passes(s) {
		return "合格"
	}
	return tidyName(s)
}

// optionRe is one option of a form's choice with the box printed before
// it, if any: □不合格, or 口不合格 as text recognition reads an empty box.
var optionRe = regexp.MustCompile(`([□☐○〇口]?)\s*(部分合格|基本合格|不合格|合格|待整改|不通过|通过|不同意|同意)`)

// unboxedOption reads a choice whose mark did not survive reading: every
// option but one stands behind an empty box (合格 □不合格, or 合格口不合格
// from a scan, where the tick before 合格 was lost). s must hold nothing
// but options.
func unboxedOption(s string) (string, bool) {
	ms := optionRe.FindAllStringSubmatch(s, -1)
	if len(ms) < 2 || strings.TrimSpace(optionRe.ReplaceAllString(s, "")) != "" {
		return "", false
	}
	pick, n := "", 0
	for _, m := range ms {
		if m[1] == "" {
			pick, n = m[2], n+1
		}
	}
	return pick, n == 1
}

var (
	// passWords are what an acceptance opinion says when it passes the
	// goods.
	passWords = regexp.MustCompile(`合格|同意验收|准予验收|予以验收|验收通过|通过验收|同意接收|验收无误|符合`)
	// doubtWords are what it says when it does not, or not wholly: any of
	// them leaves the opinion to a person. 无破损 and the like deny a fault,
	// so they are taken out first.
	doubtWords  = regexp.MustCompile(`不|未|非|否|部分|整改|拒|退|暂缓|有误|短缺|缺|差|损|待|异常|问题|但|除`)
	deniedFault = regexp.MustCompile(`(?:无|没有)(?:任何)?(?:破损|损坏|短缺|差错|异常|质量问题|问题|变质|霉变|缺损)`)
)

// passes reports whether a written acceptance opinion passes the goods
// without reservation.
func passes(s string) bool {
	s = squeeze(fold(s))
	if utf8.RuneCountInString(s) > 80 || !passWords.MatchString(s) {
		return false
	}
	return !doubtWords.MatchString(deniedFault.ReplaceAllString(s, ""))
}

// ocrFigureRe matches an amount as OCR may read it: the currency mark,
// digits and separators misread (1.438:20 for 1,438.20), letters after it.
var ocrFigureRe = regexp.MustCompile(`[¥￥Y]?\s*\d[\d.,:;']*\d`)

// ocrFigures repairs an amount OCR misread in its separators: the last
// separator before two final digits is the decimal point and the others
// are thousands separators, each before three digits. ok is false when
// the figures do not read so.
func ocrFigures(s string) (string, bool) {
	m := ocrFigureRe.FindString(s)
	if m == "" {
		return "", false
	}
	digits := strings.TrimLeft(strings.TrimSpace(strings.TrimLeft(m, "¥￥Y")), " ")
	var groups []string
	cur := ""
	for _, r := range digits {
		if r >= '0' && r <= '9' {
			cur += string(r)
			continue
		}
		groups = append(groups, cur)
		cur = ""
	}
	groups = append(groups, cur)
	if len(groups) < 2 || len(groups[len(groups)-1]) != 2 || groups[0] == "" || len(groups[0]) > 3 && len(groups) > 2 {
		return "", false
	}
	for _, g := range groups[1 : len(groups)-1] {
		if len(g) != 3 {
			return "", false
		}
	}
	return strings.Join(groups[:len(groups)-1], "") + "." + groups[len(groups)-1], true
}
