package evidence

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// Fold normalises text as the reader compares it: NFKC, so full-width
// letters, digits and punctuation read as ASCII.
func Fold(s string) string { return fold(s) }

// fold normalises text for comparison: NFKC (full-width letters, digits
// and punctuation to ASCII, Kangxi radicals to ideographs, ￥ to ¥).
func fold(s string) string { return norm.NFKC.String(s) }

// squeeze removes all white space.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// foldRune folds one rune as fold does. Folding rune by rune keeps track
// of which printed character each folded one came from; CJK text has no
// combining sequences for whole-string NFKC to compose.
func foldRune(r rune) string {
	if r < 0x80 {
		return string(r)
	}
	return norm.NFKC.String(string(r))
}

// line is a row prepared for label search: its folded text with a single
// space between items, the x position and width of each rune, and the
// same text without spaces (labels are matched there, so 名 称 is 名称).
// Values of names and free text are returned as printed: src maps each
// folded rune to the printed rune in orig it came from.
type line struct {
	row     pdftext.Row
	runes   []rune    // folded text, items joined by ' '
	xs      []float64 // x of each rune
	ws      []float64 // width of each rune (0 for the joining spaces)
	src     []int     // src[i] is the index in orig of runes[i]
	orig    []rune    // printed text, items joined by ' '
	compact []rune    // runes without spaces
	at      []int     // at[i] is the index in runes of compact[i]
	size    float64   // the line's height: its largest font size
}

// newLine prepares row; items whose whole (folded) text is in drop are
// left out.
func newLine(row pdftext.Row, drop map[string]bool) *line {
	l := &line{row: row}
	for _, it := range row.Items {
		if drop[strings.TrimSpace(fold(it.Text))] {
			continue
		}
		if len(l.runes) > 0 {
			l.orig = append(l.orig, ' ')
			l.runes = append(l.runes, ' ')
			l.xs = append(l.xs, it.X)
			l.ws = append(l.ws, 0)
			l.src = append(l.src, len(l.orig)-1)
		}
		printed := []rune(it.Text)
		step := 0.0
		if len(printed) > 0 {
			step = it.W / float64(len(printed))
		}
		for i, p := range printed {
			l.orig = append(l.orig, p)
			for _, r := range foldRune(p) {
				if unicode.IsSpace(r) {
					r = ' '
				}
				l.runes = append(l.runes, r)
				l.xs = append(l.xs, it.X+float64(i)*step)
				l.ws = append(l.ws, step)
				l.src = append(l.src, len(l.orig)-1)
			}
		}
	}
	for i, r := range l.runes {
		if r != ' ' {
			l.compact = append(l.compact, r)
			l.at = append(l.at, i)
		}
	}
	l.size = lineSize(row)
	return l
}

// lineSize is a row's height: the largest font size of its items or, for
// rows that do not say, the width of its widest CJK character; 10 when
// nothing tells.
func lineSize(row pdftext.Row) float64 {
	size := 0.0
	for _, it := range row.Items {
		size = max(size, it.Size)
	}
	if size > 0 {
		return size
	}
	for _, it := range row.Items {
		n := 0
		for _, r := range it.Text {
			n++
			_ = r
		}
		if n > 0 && isCJK([]rune(it.Text)[0]) {
			size = max(size, it.W/float64(n))
		}
	}
	if size > 0 {
		return size
	}
	return 10
}

// endX returns the x where the folded rune before index end ends.
func (l *line) endX(end int) float64 {
	if end <= 0 || end > len(l.xs) {
		if len(l.xs) == 0 {
			return 0
		}
		end = len(l.xs)
	}
	return l.xs[end-1] + l.ws[end-1]
}

// text returns the folded text from rune index i to j, trimmed.
func (l *line) text(i, j int) string {
	if i >= j {
		return ""
	}
	return strings.TrimSpace(string(l.runes[i:j]))
}

// printed returns the printed text of folded runes i to j, trimmed.
func (l *line) printed(i, j int) string {
	if i >= j {
		return ""
	}
	return strings.TrimSpace(string(l.orig[l.src[i] : l.src[j-1]+1]))
}

// startsWith reports whether the row's text, spaces ignored, starts with s.
func (l *line) startsWith(s string) bool {
	return strings.HasPrefix(string(l.compact), s)
}

// label is one label variant of a field, folded and without spaces.
type label struct {
	text    []rune
	field   int       // index into the kind's fields
	variant int       // index into the field's labels: earlier ones are preferred
	alone   bool      // see fieldSpec.alone
	what    entryKind // what the field's labels are
	// stem: a role caption without its agent suffix (发件 of 发件人, 收款
	// of 收款方), which counts only written together with a generic label
	// (发件单位, 收款账号).
	stem bool
}

// labelSet finds label occurrences in rows, longest variant first.
type labelSet struct {
	byFirst map[rune][]label // variants by first rune, longest first
	// glued also finds a field's label run into its value (OCR).
	glued bool
	roles map[int]bool // the fields that are role captions
}

// newLabelSet indexes the labels of fields.
func newLabelSet(fields []fieldSpec) *labelSet {
	s := &labelSet{byFirst: map[rune][]label{}, roles: map[int]bool{}}
	known := map[string]bool{}
	for _, f := range fields {
		for _, v := range f.labels {
			known[squeeze(fold(v))] = true
		}
	}
	for i, f := range fields {
		for k, v := range f.labels {
			t := []rune(squeeze(fold(v)))
			s.byFirst[t[0]] = append(s.byFirst[t[0]], label{text: t, field: i, variant: k, alone: f.alone || f.aloneLabels[v], what: f.what})
			if f.what != eRole {
				continue
			}
			s.roles[i] = true
			st := roleStem(t)
			if st == nil {
				continue
			}
			if !known[string(st)] {
				known[string(st)] = true
				s.byFirst[st[0]] = append(s.byFirst[st[0]], label{text: st, field: i, variant: k, what: f.what, stem: true})
			}
			// The same stem with another agent suffix names the same
			// party: 供货单位, 供货方, 供货商.
			for _, suf := range agentSuffixes {
				v := append(slices.Clone(st), suf...)
				if !known[string(v)] {
					known[string(v)] = true
					s.byFirst[v[0]] = append(s.byFirst[v[0]], label{text: v, field: i, variant: k, what: f.what})
				}
			}
		}
	}
	for _, ls := range s.byFirst {
		// Longest first; of two the same, a field's label before a role
		// caption (付款账户 names the account where it has a value).
		sort.SliceStable(ls, func(i, j int) bool {
			if len(ls[i].text) != len(ls[j].text) {
				return len(ls[i].text) > len(ls[j].text)
			}
			return ls[i].what == eField && ls[j].what == eRole
		})
	}
	return s
}

// roleStem returns a role caption without the suffix that makes it an
// agent (agentSuffixes), when two characters or more are left: 发件 of
// 发件人, 付款 of 付款方. Forms write the stem together with a generic label
// (发件单位, 付款账号, 收货地址), so the stem is the role there.
func roleStem(t []rune) []rune {
	for _, suf := range agentSuffixes {
		if len(t) >= len(suf)+2 && equalRunes(t[len(t)-len(suf):], suf) {
			return t[:len(t)-len(suf)]
		}
	}
	return nil
}

// agentSuffixes make a party of a stem: 供货单位, 发件人, 付款方, 供应商.
var agentSuffixes = [][]rune{[]rune("单位"), []rune("人"), []rune("方"), []rune("商")}

// wordAfter returns the length of one of words written straight after a
// label at runes[at], when what follows it may part it from its value, or
// 0. After a field's label a signature word (验收人签字, 收货人签名：) leaves
// it the same label, asking for the signature; after a role's caption a
// heading word (寄件信息, 付款方资料) makes it the heading of its section.
func wordAfter(words [][]rune, runes []rune, at int) int {
	for _, w := range words {
		n := len(w)
		if at+n <= len(runes) && equalRunes(runes[at:at+n], w) && delimited(w, runes, at+n) {
			return n
		}
	}
	return 0
}

var (
	signWords = [][]rune{[]rune("签字盖章"), []rune("签字"), []rune("签名"), []rune("签章")}
	headWords = [][]rune{[]rune("信息"), []rune("资料")}
)

// occurrence is a label found in a line: field index, its span in
// line.runes, and the x where it starts.
type occurrence struct {
	field      int
	variant    int // which of the field's labels
	start, end int
	x          float64
}

// find returns the label occurrences of l, left to right. A label counts
// only where a value can follow it: at the end of the row, before a space
// or an item boundary, before a colon, or when it ends in a closing
// bracket. So 甲方 in 甲方应于…, or in 甲方（盖章）, is not a label. Labels
// marked alone must also start the row or follow a space.
func (s *labelSet) find(l *line) []occurrence {
	var out []occurrence
	for p := 0; p < len(l.compact); {
		matched := false
		for _, lb := range s.byFirst[l.compact[p]] {
			n := len(lb.text)
			if p+n > len(l.compact) || !equalRunes(l.compact[p:p+n], lb.text) {
				continue
			}
			end := l.at[p+n-1] + 1
			switch {
			case lb.stem:
				// A role's stem counts only before a generic label, opening
				// its cell (see roleStem).
				if !s.genericAt(l, p+n) || (l.at[p] > 0 && l.runes[l.at[p]-1] != ' ') {
					continue
				}
			case delimited(lb.text, l.runes, end):
			case lb.what != eIgnore && s.compoundAt(l, end):
				// Two labels written as one, their values in the same order:
				// 件数/重量 47件 / 811.5kg (see line.value).
			case s.glued && lb.what != eIgnore && (l.at[p] == 0 || l.runes[l.at[p]-1] == ' ') && p+n < len(l.compact):
				// Recognised text runs a label into its value when the
				// cell's border parted them: a label opening its word,
				// with its unit or seal note if it has one (单位名称（章）).
				if u := unitSuffix(l.runes, end); u > 0 {
					end += u
					n += len([]rune(squeeze(string(l.runes[end-u : end]))))
				}
			case lb.what == eRole && s.genericAt(l, p+n) && (l.at[p] == 0 || l.runes[l.at[p]-1] == ' '):
				// A caption written together with a generic label, opening
				// its cell: 采购单位统一社会信用代码, 收款人开户行名称 (not
				// 送达收件人地址 in a sentence).
			default:
				// A unit in brackets may follow the label: 合同金额（元）,
				// 重量(kg); or another name of the same thing: 需方（订货单位）.
				u := unitSuffix(l.runes, end)
				if u == 0 {
					u = s.synonymSuffix(l.runes, end, lb.field)
				}
				if u == 0 && lb.what == eField {
					u = wordAfter(signWords, l.runes, end)
				}
				if u == 0 && lb.what == eRole {
					u = wordAfter(headWords, l.runes, end)
				}
				if u == 0 {
					continue
				}
				end += u
				n += len([]rune(squeeze(string(l.runes[end-u : end]))))
			}
			if start := l.at[p]; lb.alone && start > 0 && l.runes[start-1] != ' ' {
				continue
			}
			if start := l.at[p]; lb.what == eGeneric && start > 0 && isCJK(l.runes[start-1]) &&
				(len(out) == 0 || out[len(out)-1].end != start || !s.isRole(out[len(out)-1])) {
				// A generic label inside a longer word is no label (名称 in
				// 货物名称), unless a role caption is written with it
				// (收款人账号, 发件单位).
				continue
			}
			out = append(out, occurrence{field: lb.field, variant: lb.variant, start: l.at[p], end: end, x: l.xs[l.at[p]]})
			p += n
			matched = true
			break
		}
		if !matched {
			p++
		}
	}
	return out
}

// delimited reports whether a label ending before runes[end] is followed
// by what may separate it from its value.
func delimited(lb []rune, runes []rune, end int) bool {
	if end >= len(runes) {
		return true
	}
	switch lb[len(lb)-1] {
	case ')', ']', '】':
		return true
	}
	switch runes[end] {
	case ' ', ':', '：':
		return true
	}
	return false
}

// genericAt reports whether a generic label starts at compact index p of l.
func (s *labelSet) genericAt(l *line, p int) bool {
	if p >= len(l.compact) {
		return false
	}
	for _, lb := range s.byFirst[l.compact[p]] {
		n := len(lb.text)
		if lb.what == eGeneric && p+n <= len(l.compact) && equalRunes(l.compact[p:p+n], lb.text) {
			return true
		}
	}
	return false
}

// isRole reports whether occurrence o is of a role caption.
func (s *labelSet) isRole(o occurrence) bool { return s.roles[o.field] }

// compoundAt reports whether the folded rune at end is a slash followed by
// a label of another kind of value, delimited itself: 件数/重量.
func (s *labelSet) compoundAt(l *line, end int) bool {
	if end+1 >= len(l.runes) || l.runes[end] != '/' {
		return false
	}
	k := end + 1
	for _, lb := range s.byFirst[l.runes[k]] {
		n := len(lb.text)
		if lb.what == eField && !lb.stem && k+n <= len(l.runes) && equalRunes(l.runes[k:k+n], lb.text) && delimited(lb.text, l.runes, k+n) {
			return true
		}
	}
	return false
}

// synonymSuffix returns the length of another label of field in brackets
// at runes[at] (（订货单位） after 需方), or 0.
func (s *labelSet) synonymSuffix(runes []rune, at, field int) int {
	if at >= len(runes) || runes[at] != '(' {
		return 0
	}
	for k := at + 1; k < len(runes) && k <= at+10; k++ {
		if runes[k] != ')' {
			continue
		}
		inner := []rune(squeeze(string(runes[at+1 : k])))
		if len(inner) == 0 {
			return 0
		}
		for _, lb := range s.byFirst[inner[0]] {
			if lb.field == field && equalRunes(lb.text, inner) {
				return k - at + 1
			}
		}
		return 0
	}
	return 0
}

// unitSuffix returns the length of a unit in brackets at runes[at] ((元),
// (kg), (人民币)), or 0.
func unitSuffix(runes []rune, at int) int {
	if at >= len(runes) || runes[at] != '(' {
		return 0
	}
	for k := at + 1; k < len(runes) && k <= at+6; k++ {
		if runes[k] == ')' {
			if unit := string(runes[at+1 : k]); units[strings.ToLower(unit)] {
				return k - at + 1
			}
			return 0
		}
	}
	return 0
}

// units are what a label may name in brackets after it: a unit, or the
// seal or signature it asks for (采购人（盖章）：…).
var units = map[string]bool{"元": true, "人民币": true, "人民币元": true, "万元": true, "rmb": true, "cny": true,
	"kg": true, "公斤": true, "千克": true, "件": true, "个": true,
	"盖章": true, "章": true, "公章": true, "签章": true, "签字": true, "签名": true, "电子签章": true, "签字盖章": true}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// wholeItem reports whether occurrence o is all the text of the item it
// is in (a trailing colon aside).
func (l *line) wholeItem(o occurrence) bool {
	if o.start > 0 && l.runes[o.start-1] != ' ' {
		return false
	}
	end := o.end
	if end < len(l.runes) && l.runes[end] == ':' {
		end++
	}
	return end == len(l.runes) || l.runes[end] == ' '
}

// value returns the text after occurrence i up to the next occurrence in
// the row, without the separating colon and spaces, folded and as printed.
// When cut > 0 and the label starts left of cut, the value also stops at
// the first item that starts at or right of cut (the cipher block of a VAT
// invoice prints beside the buyer's fields).
func (l *line) value(occs []occurrence, i int, cut float64) (folded, printed string) {
	// Two labels written as one (件数/重量) print their values as one
	// (47件 / 811.5kg): the first takes what stands before the slash, the
	// second what stands after it.
	if i+1 < len(occs) && l.compound(occs[i], occs[i+1]) {
		start, end := occs[i+1].end, len(l.runes)
		if i+2 < len(occs) {
			end = occs[i+2].start
		}
		start = skipColons(l.runes, start, end)
		for k := start; k < end; k++ {
			if l.runes[k] == '/' {
				return l.text(start, k), l.printed(start, k)
			}
		}
		return "", ""
	}
	start, end := occs[i].end, len(l.runes)
	if i+1 < len(occs) {
		end = occs[i+1].start
	}
	if cut > 0 && occs[i].x < cut {
		for k := start + 1; k < end; k++ {
			if l.runes[k-1] == ' ' && l.runes[k] != ' ' && l.xs[k] >= cut {
				end = k
				break
			}
		}
	}
	start = skipColons(l.runes, start, end)
	if k := labelTail(l.runes, start, end); k > start {
		start = skipColons(l.runes, k, end)
	}
	end = l.unknownLabel(start, end)
	if i > 0 && l.compound(occs[i-1], occs[i]) {
		for k := start; k < end; k++ {
			if l.runes[k] == '/' {
				start = skipColons(l.runes, k+1, end)
				break
			}
		}
	}
	return l.text(start, end), l.printed(start, end)
}

// unknownLabel returns where a value from start to end stops at a label
// the lexicon does not know: a word of two to eight CJK characters that
// follows a space and ends in a colon (李丽、邓芳 陪餐人：吴校长).
func (l *line) unknownLabel(start, end int) int {
	for k := start + 1; k < end; k++ {
		if l.runes[k-1] != ' ' || !isCJK(l.runes[k]) {
			continue
		}
		n := k
		for n < end && n-k < 9 && isCJK(l.runes[n]) {
			n++
		}
		if n-k >= 2 && n-k <= 8 && n < end && l.runes[n] == ':' {
			return k
		}
	}
	return end
}

// compound reports whether occurrences a and b are two labels written as
// one, parted by a slash only: 件数/重量.
func (l *line) compound(a, b occurrence) bool {
	return a.end < len(l.runes) && l.runes[a.end] == '/' && b.start == a.end+1
}

func skipColons(rs []rune, start, end int) int {
	for start < end && (rs[start] == ' ' || rs[start] == ':') {
		start++
	}
	return start
}

// labelTail returns where the value starts when the folded runes from
// start carry the second half of a compound label whose whole the page no
// longer shows (统一社会信用代码/纳税人识别号 with its last character lost
// under a seal: /纳税人识别:), else start.
func labelTail(rs []rune, start, end int) int {
	if start >= end || rs[start] != '/' {
		return start
	}
	k := start + 1
	for k < end && k-start <= 10 && unicode.Is(unicode.Han, rs[k]) {
		k++
	}
	if k > start+1 && (k == end || rs[k] == ':' || rs[k] == ' ') {
		return k
	}
	return start
}

// followedByColon reports whether a colon follows folded rune index end,
// spaces skipped.
func (l *line) followedByColon(end int) bool {
	for k := end; k < len(l.runes); k++ {
		switch l.runes[k] {
		case ' ':
			continue
		case ':', '：':
			return true
		}
		return false
	}
	return false
}

// before returns the text before occurrence i back to the previous
// occurrence in the row, folded and as printed.
func (l *line) before(occs []occurrence, i int) (folded, printed string) {
	start, end := 0, occs[i].start
	if i > 0 {
		start = occs[i-1].end
	}
	return l.text(start, end), l.printed(start, end)
}
