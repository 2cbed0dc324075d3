package evidence

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// Sections: captions such as 付款人 | 收款人, 甲方, 寄件人, printed beside
// generic labels, above them as column headers, or down the left of their
// rows one character per line, give those labels their party.

// findCaptions adds the role labels found in rows (outside goods tables)
// to the vertical captions newReader found, and the items that are a
// caption by themselves even where a longer label took them in
// (付款方 | 户名 read as 付款方户名): a caption beside a block of rows.
func (rd *reader) findCaptions(inTable []bool) {
	roles, generics := map[string]int{}, map[string]bool{}
	for k, e := range rd.spec.fields {
		for _, lb := range e.labels {
			switch e.what {
			case eRole:
				roles[squeeze(fold(lb))] = k
			case eGeneric:
				generics[squeeze(fold(lb))] = true
			}
		}
	}
	for i, l := range rd.lines {
		if inTable[i] {
			continue
		}
		for n, it := range l.row.Items {
			entry, ok := roles[squeeze(fold(it.Text))]
			if !ok || rd.captionAt(i, it.X) {
				continue
			}
			side := genericNext(l.row.Items[n+1:], generics)
			rd.caps = append(rd.caps, caption{role: rd.spec.fields[entry].key, entry: entry, line: i, occ: -1, page: l.row.Page,
				x0: it.X, x1: it.X + it.W, top: l.row.Y, bot: l.row.Y, side: side})
		}
	}
	for i, occs := range rd.occs {
		if inTable[i] {
			continue
		}
		l := rd.lines[i]
		for j, o := range occs {
			e := rd.spec.fields[o.field]
			if e.what != eRole {
				continue
			}
			folded, _ := l.value(occs, j, rd.cut(i, j))
			rd.caps = append(rd.caps, caption{role: e.key, entry: o.field, line: i, occ: j, page: l.row.Page,
				x0: l.xs[o.start], x1: l.endX(o.end), top: l.row.Y, bot: l.row.Y, header: folded == ""})
		}
	}
}

// genericNext reports whether items open with a generic label, whole or
// letter-spaced over several items (账 号).
func genericNext(items []pdftext.Item, generics map[string]bool) bool {
	t := ""
	for _, it := range items[:min(len(items), 4)] {
		t += squeeze(fold(it.Text))
		if generics[t] {
			return true
		}
	}
	return false
}

// capGlyph is one character of a vertical caption: the line it is on and
// the x of its item.
type capGlyph struct {
	line int
	r    rune
	x, w float64
	y    float64 // its own baseline: a row may have gathered it from a little below
}

// verticalCaptions finds captions printed one character per row: runs of
// single-character items at about the same x on consecutive rows whose
// characters, joined, are a role label (付/款/人, 收/件/人).
func (rd *reader) verticalCaptions() []caption {
	var singles []capGlyph
	for i, l := range rd.lines {
		if rd.cols != nil && rd.isHeader(l) {
			continue // 单 价 of a goods table's header
		}
		for _, it := range l.row.Items {
			// A scan's speck beside the character (·款) is no part of it.
			t := []rune(strings.TrimFunc(fold(it.Text), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }))
			if len(t) == 1 && unicode.Is(unicode.Han, t[0]) {
				singles = append(singles, capGlyph{i, t[0], it.X, it.W, it.Y})
			}
		}
	}
	roles := map[string]int{} // folded caption label → entry
	for k, e := range rd.spec.fields {
		if e.what == eRole {
			for _, lb := range e.labels {
				roles[squeeze(fold(lb))] = k
			}
		}
	}
	used := make([]bool, len(singles))
	var out []caption
	for a := range singles {
		if used[a] {
			continue
		}
		run := []int{a}
		for b := a + 1; b < len(singles); b++ {
			last := singles[run[len(run)-1]]
			g := singles[b]
			la, lb := rd.lines[last.line], rd.lines[g.line]
			if used[b] || g.line == last.line || la.row.Page != lb.row.Page {
				continue
			}
			size := math.Max(la.size, lb.size)
			if last.y-g.y > 3*size {
				break
			}
			if math.Abs((g.x+g.w/2)-(last.x+last.w/2)) >= 0.6*size || g.line <= last.line {
				continue
			}
			// The characters of one caption stand evenly apart.
			if len(run) >= 2 {
				first := singles[run[0]].y - singles[run[1]].y
				if d := last.y - g.y; d > 1.5*first || d < 0.6*first { // OCR's baselines wander a little
					break
				}
			}
			run = append(run, b)
		}
		if len(run) < 2 {
			continue
		}
		var word []rune
		for _, r := range run {
			word = append(word, singles[r].r)
		}
		found := false
		// The longest caption the run starts with (收款人 of 收款人信息…).
		for n := len(word); n >= 2 && !found; n-- {
			entry, ok := roles[string(word[:n])]
			if !ok {
				continue
			}
			first, last := singles[run[0]], singles[run[n-1]]
			fl, ll := rd.lines[first.line], rd.lines[last.line]
			c := caption{role: rd.spec.fields[entry].key, entry: entry, line: first.line, occ: -1, page: fl.row.Page,
				x0: first.x, x1: first.x + first.w, top: fl.row.Y, bot: ll.row.Y, vertical: true}
			for _, r := range run[:n] {
				used[r] = true
				c.glyphs = append(c.glyphs, singles[r])
			}
			out = append(out, c)
			found = true
		}
		// Three or more characters down a margin that are no caption
		// (本凭证作客户付款通知): no value's, but read for the direction.
		// They are set close, as vertical text is; single characters
		// rows apart at one x are the first characters of letter-spaced
		// labels (交 易 类 型 over 摘 要 over 备 注).
		if !found && len(run) >= 3 && rd.tight(singles, run) {
			c := caption{line: singles[run[0]].line, occ: -1, entry: -1, vertical: true}
			for _, r := range run {
				used[r] = true
				c.glyphs = append(c.glyphs, singles[r])
			}
			rd.vtexts = append(rd.vtexts, string(word))
			out = append(out, c)
		}
	}
	return out
}

// tight reports whether the glyphs of run stand at most twice their size
// apart, top to bottom.
func (rd *reader) tight(singles []capGlyph, run []int) bool {
	first, second := rd.lines[singles[run[0]].line], rd.lines[singles[run[1]].line]
	return singles[run[0]].y-singles[run[1]].y <= 2*math.Max(first.size, second.size)
}

// verticalContacts reads the party of each contact caption printed down
// the side of its block (收/件/人 beside a label's name, 电话：… and
// 地址：…): the first row of the block that no label opens is its name.
func (rd *reader) verticalContacts(x *Extraction) {
	for k := range rd.caps {
		c := &rd.caps[k]
		if !c.vertical || c.entry < 0 || rd.spec.fields[c.entry].value != "contact" {
			continue
		}
		for i, l := range rd.lines {
			if l.row.Page != c.page || !rd.inBand(c, l) || len(rd.occs[i]) > 0 {
				continue
			}
			var parts []string
			for _, it := range l.row.Items {
				if it.X >= c.x1 {
					parts = append(parts, strings.TrimSpace(it.Text))
				}
			}
			if t := strings.Join(parts, " "); t != "" {
				rd.contact(x, c.role, found{fold(t), t, l.row.Text(), l.row.Page, viaContact}, rd.capLabel(c))
				break
			}
		}
	}
}

// inBand reports whether line l is among the rows vertical caption c
// stands beside: within its first and last characters' rows, or a row
// beyond either end.
func (rd *reader) inBand(c *caption, l *line) bool {
	band := 0.8 * l.size
	if n := len(c.glyphs); n > 1 {
		band = math.Max(band, 1.2*(c.top-c.bot)/float64(n-1))
	}
	if l.row.Y <= c.top+band && l.row.Y >= c.bot-band {
		return true
	}
	// A caption centred on a block of tall rows: the rows within two and
	// a half of its characters' height beyond its ends are the block's
	// too, unless another caption down the same margin claims them.
	if n := len(c.glyphs); n > 1 && l.row.Page == c.page {
		size := rd.lines[c.glyphs[0].line].size
		if d := math.Max(l.row.Y-c.top, c.bot-l.row.Y); d > 2.5*size {
			return false
		}
		for k := range rd.caps {
			o := &rd.caps[k]
			if o != c && o.vertical && o.page == c.page && math.Abs(o.x0-c.x0) < size && l.row.Y <= o.top+band && l.row.Y >= o.bot-band {
				return false
			}
		}
		return true
	}
	return false
}

// capLabel is a caption's text, for Field.Via.
func (rd *reader) capLabel(c *caption) string {
	if c == nil {
		return ""
	}
	if c.vertical {
		return rd.spec.fields[c.entry].key + " (vertical)"
	}
	if c.occ < 0 {
		for _, it := range rd.lines[c.line].row.Items {
			if math.Abs(it.X-c.x0) < 0.5 {
				return strings.TrimSpace(it.Text)
			}
		}
		return rd.spec.fields[c.entry].key
	}
	l := rd.lines[c.line]
	o := rd.occs[c.line][c.occ]
	return l.text(o.start, o.end)
}

// sectionOf returns the caption whose section holds x on line i: a
// vertical caption left of x whose rows span the line's; else a caption on
// the line left of x; else the nearest caption line above (within twelve
// lines) whose column holds x. nil when none does.
func (rd *reader) sectionOf(i int, x float64) *caption {
	l := rd.lines[i]
	var best *caption
	for k := range rd.caps {
		c := &rd.caps[k]
		if !c.vertical || c.page != l.row.Page || c.x0 > x {
			continue
		}
		if rd.inBand(c, l) && (best == nil || c.x0 > best.x0) {
			best = c
		}
	}
	if best != nil {
		return best
	}
	for k := range rd.caps {
		c := &rd.caps[k]
		if !c.vertical && c.line == i && c.x0 < x && (best == nil || c.x0 > best.x0) {
			best = c
		}
	}
	if best != nil {
		return best
	}
	if c := rd.sideCaption(i, x); c != nil {
		return c
	}
	for up := i - 1; up >= 0 && up >= i-12; up-- {
		if rd.lines[up].row.Page != l.row.Page {
			break
		}
		if c := rd.columnOf(up, x); c != nil {
			return c
		}
		// A caption with its value (收件人：某单位, or 乙方（盖章）：某公司
		// in the right half of a signature block) heads the rows below it
		// that start where it starts (地址：…), up to the next such caption.
		if c := rd.alignedCaption(up, x, 1.5*l.size); c != nil {
			return c
		}
	}
	return nil
}

// captionAt reports whether a caption of line i starts at x.
func (rd *reader) captionAt(i int, x float64) bool {
	for _, c := range rd.caps {
		if c.line == i && math.Abs(c.x0-x) < 0.5 {
			return true
		}
	}
	return false
}

// alignedCaption returns the caption of line i that starts within tol of
// x, or nil.
func (rd *reader) alignedCaption(i int, x, tol float64) *caption {
	if len(rd.occs[i]) == 0 {
		return nil
	}
	for k := range rd.caps {
		// A row that starts where the caption starts, or indented under
		// the caption's own words (甲方（采购人）：某单位 over an indented
		// 统一社会信用代码：…), is of its block.
		if c := &rd.caps[k]; !c.vertical && c.line == i && (math.Abs(c.x0-x) < tol || x > c.x0 && x < c.x1) {
			return c
		}
	}
	return nil
}

// sideCaption returns the caption printed beside a block of rows, left of
// their generic labels, on the block's middle row (付款方 beside 账号 /
// 户名 / 开户行): one that a generic label follows on its row, within one
// and a half rows of line i (or on the row next to it, in a grid of tall
// rows), left of x and with no caption between.
func (rd *reader) sideCaption(i int, x float64) *caption {
	l := rd.lines[i]
	var best *caption
	for k := range rd.caps {
		c := &rd.caps[k]
		if c.vertical || c.line == i || c.page != l.row.Page || c.x0 >= x || c.x1 > x+0.6*l.size { // boxes of recognised text may overlap a little
			continue
		}
		// The block's rows are within about two lines of its middle; in a
		// grid of tall rows, the rows just above and below it.
		dy := math.Abs(rd.lines[c.line].row.Y - l.row.Y)
		if dy > 2.2*l.size && (c.line-i > 1 || i-c.line > 1 || dy > 4*l.size) {
			continue
		}
		occs := rd.occs[c.line]
		if !c.side && (c.occ < 0 || c.occ+1 >= len(occs) || rd.spec.fields[occs[c.occ+1].field].what != eGeneric) {
			continue // not beside generic labels
		}
		if best == nil || c.x0 > best.x0 {
			best = c
		}
	}
	return best
}

// rowCaptions returns the horizontal captions on line i, left to right;
// with headers, only those that head a section below them (no value of
// their own on their row).
func (rd *reader) rowCaptions(i int, headers bool) []*caption {
	var out []*caption
	for k := range rd.caps {
		if c := &rd.caps[k]; !c.vertical && c.line == i && (!headers || c.header) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].x0 < out[b].x0 })
	return out
}

// columnOf returns the header caption of line i whose column holds x: the
// columns meet halfway between the headers' centres; a lone header's
// column starts a little left of it.
func (rd *reader) columnOf(i int, x float64) *caption {
	cs := rd.rowCaptions(i, true)
	if len(cs) == 1 {
		if x >= cs[0].x0-3*rd.lines[i].size {
			return cs[0]
		}
		return nil
	}
	for k, c := range cs {
		if k+1 == len(cs) || x < (c.x0+c.x1+cs[k+1].x0+cs[k+1].x1)/4 {
			return c
		}
	}
	return nil
}

// columnsAbove returns the captions of the nearest line above i (within
// eight lines) that holds two or more, when label occurrence j of line i
// stands left of their columns: a row label (全称) under column headers
// (付款人 | 收款人) whose row carries one value per column. A label the row
// prints again in the next column is no row label.
func (rd *reader) columnsAbove(i, j int) []*caption {
	l := rd.lines[i]
	o := rd.occs[i][j]
	for k, p := range rd.occs[i] {
		if k != j && p.field == o.field {
			return nil // each column prints the label with its value
		}
	}
	if cs := rd.captionsAbove(i); cs != nil && l.xs[o.start] < cs[0].x0-0.5*l.size {
		return cs
	}
	return nil
}

// captionsAbove returns the captions of the nearest line above i, within
// eight lines and on its page, that holds two or more; nil when none does.
func (rd *reader) captionsAbove(i int) []*caption {
	for up := i - 1; up >= 0 && up >= i-8; up-- {
		if rd.lines[up].row.Page != rd.lines[i].row.Page {
			return nil
		}
		if cs := rd.rowCaptions(up, true); len(cs) >= 2 {
			return cs
		}
	}
	return nil
}

// columnsAround returns the captions of the nearest line above i (within
// eight lines) that holds two or more, when label occurrence j of line i
// stands between their columns, alone on its row, with text on either
// side: a label in the middle column of a parties' table (甲方 | 项目 |
// 乙方 over 某学校 | 单位名称 | 某公司).
func (rd *reader) columnsAround(i, j int) []*caption {
	l := rd.lines[i]
	o := rd.occs[i][j]
	if len(rd.occs[i]) != 1 {
		return nil
	}
	left, right := false, false
	end := l.endX(o.end)
	for _, it := range l.row.Items {
		left = left || it.X+it.W < o.x
		right = right || it.X > end
	}
	if !left || !right {
		return nil
	}
	if cs := rd.captionsAbove(i); cs != nil && o.x > cs[0].x1 && end < cs[len(cs)-1].x0 {
		return cs
	}
	return nil
}

// sides splits the text of line i around its label occurrence j among
// the columns cols: each run of text goes to the caption whose centre is
// nearest its own.
func (rd *reader) sides(i, j int, cols []*caption) []segment {
	l := rd.lines[i]
	o := rd.occs[i][j]
	end := l.endX(o.end)
	var out []segment
	for _, it := range l.row.Items {
		t := strings.TrimSpace(it.Text)
		if t == "" || it.X+it.W > o.x && it.X < end {
			continue // the label's own item
		}
		c := nearestCaption(cols, cols[0], it.X+it.W/2)
		out = addSegment(out, c, found{folded: fold(t), printed: t, text: l.row.Text(), page: l.row.Page, how: viaColumn})
	}
	return out
}

// nearestCaption is the caption of cols whose centre is nearest x, c when
// none is nearer than c.
func nearestCaption(cols []*caption, c *caption, x float64) *caption {
	for _, cc := range cols {
		if math.Abs(x-(cc.x0+cc.x1)/2) < math.Abs(x-(c.x0+c.x1)/2) {
			c = cc
		}
	}
	return c
}

// addSegment appends the value v under caption c, joined to the last
// segment when that is under c too.
func addSegment(out []segment, c *caption, v found) []segment {
	if n := len(out); n > 0 && out[n-1].cap == c {
		out[n-1].v.folded += " " + v.folded
		out[n-1].v.printed += " " + v.printed
		return out
	}
	return append(out, segment{role: c.role, cap: c, v: v})
}

// segment is the part of a row label's value under one column caption.
type segment struct {
	role string
	cap  *caption
	v    found
}

// segments splits the value of label occurrence j of line i among the
// columns cols: the value's items, grouped where they stand apart, go to
// the columns in order when there are as many groups as columns (headers
// centred over left-aligned values), else each to the column whose header
// centre is nearest.
func (rd *reader) segments(i, j int, cols []*caption) []segment {
	l := rd.lines[i]
	o := rd.occs[i][j]
	start := l.endX(o.end)
	end := math.Inf(1)
	if j+1 < len(rd.occs[i]) {
		end = rd.occs[i][j+1].x
	}
	type group struct {
		x0, x1          float64
		folded, printed string
	}
	var groups []*group
	for _, it := range l.row.Items {
		t := strings.TrimSpace(it.Text)
		if t == "" || it.X < start-0.1*l.size || it.X >= end {
			continue
		}
		if n := len(groups); n > 0 && it.X-groups[n-1].x1 < 1.5*l.size {
			g := groups[n-1]
			g.x1, g.folded, g.printed = it.X+it.W, g.folded+" "+fold(t), g.printed+" "+t
			continue
		}
		groups = append(groups, &group{it.X, it.X + it.W, fold(t), t})
	}
	var out []segment
	for k, g := range groups {
		c := cols[min(k, len(cols)-1)]
		if len(groups) != len(cols) {
			c = nearestCaption(cols, c, (g.x0+g.x1)/2)
		}
		out = addSegment(out, c, found{folded: g.folded, printed: g.printed, text: l.row.Text(), page: l.row.Page, how: viaColumn})
	}
	return out
}

// direction reads whether a receipt is for its account holder's debit
// (the holder paid) or credit (the holder was paid), from its marks.
func (rd *reader) direction() string {
	debit, credit := false, false
	texts := slices.Clone(rd.vtexts)
	for _, l := range rd.lines {
		texts = append(texts, string(l.compact))
	}
	for _, t := range texts {
		for _, m := range rd.spec.debit {
			if strings.Contains(t, squeeze(fold(m))) {
				debit = true
			}
		}
		for _, m := range rd.spec.credit {
			if strings.Contains(t, squeeze(fold(m))) {
				credit = true
			}
		}
	}
	switch {
	case debit && !credit:
		return "debit"
	case credit && !debit:
		return "credit"
	}
	return ""
}

// directionValue reads a receipt's direction from the value of a label
// that states it (交易类型 收款, 借贷标志 借) when its marks did not.
func (rd *reader) directionValue(v string) {
	if rd.dir != "" {
		return
	}
	v = squeeze(v)
	for _, w := range rd.spec.debitValues {
		if strings.HasPrefix(v, squeeze(fold(w))) {
			rd.dir = "debit"
			return
		}
	}
	for _, w := range rd.spec.creditValues {
		if strings.HasPrefix(v, squeeze(fold(w))) {
			rd.dir = "credit"
			return
		}
	}
}

// resolveHolder maps a receipt's account holder and counterparty onto
// payer and payee by its direction, for the fields payer and payee do not
// already have.
func (rd *reader) resolveHolder(x *Extraction) {
	sides := map[string][2]string{"debit": {"payer", "payee"}, "credit": {"payee", "payer"}}
	have := false
	for _, part := range []string{"name", "account", "bank"} {
		for _, who := range []string{"holder_", "counterparty_"} {
			if _, ok := x.Fields[who+part]; ok {
				have = true
			}
		}
	}
	if !have {
		return
	}
	s, ok := sides[rd.dir]
	if !ok {
		x.Problems = append(x.Problems, "the receipt names its account holder but not whether the holder paid or was paid")
	}
	for _, part := range []string{"name", "account", "bank"} {
		for k, who := range []string{"holder_", "counterparty_"} {
			f, found := x.Fields[who+part]
			if !found {
				continue
			}
			delete(x.Fields, who+part)
			if !ok {
				continue
			}
			key := s[k] + "_" + part
			if _, taken := x.Fields[key]; !taken {
				f.Conf = math.Min(f.Conf, confidence[viaSection])
				f.Via += ", " + rd.dir + " receipt"
				x.Fields[key] = f
			}
		}
	}
}

var (
	phoneRe = regexp.MustCompile(`(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}[- ]?\d{7,8}|1[3-9]\d\*{4}\d{4}`)
	// addressRe tells an address by its administrative words, streetRe
	// a street address from a name (an organisation's name holds 县 or 镇
	// too, but not a street and number).
	addressRe = regexp.MustCompile(`[省市县区镇乡村路街道号巷弄栋楼室]`)
	streetRe  = regexp.MustCompile(`[路街巷弄]|\d+号|\d+栋|村\d|组`)
)

// contact reads a name, a phone number and an address printed in one run
// after a courier's 寄 or 收: the name is what precedes the phone number
// (or the first token), the address what follows it.
func (rd *reader) contact(x *Extraction, role string, v found, label string) {
	if v.folded == "" {
		return
	}
	text := strings.TrimSpace(v.printed)
	name, addr := "", ""
	if loc := phoneRe.FindStringIndex(text); loc != nil {
		name, addr = strings.TrimSpace(text[:loc[0]]), strings.TrimSpace(text[loc[1]:])
	} else {
		f := strings.Fields(text)
		name, addr = f[0], strings.TrimSpace(strings.TrimPrefix(text, f[0]))
	}
	// Without a phone number, text that reads as a street address is the
	// address, not a name.
	if addr == "" && streetRe.MatchString(name) {
		name, addr = "", name
	}
	v.how = viaContact
	why := "section " + label + ", contact"
	nameKey := map[string]string{"sender": "sender", "recipient": "recipient"}[role]
	if nameKey != "" && name != "" {
		rd.setVia(x, nameKey, Field{Value: tidyName(name), Text: v.text, Page: v.page}, viaContact, why, prioOther)
	}
	if role == "recipient" && addr != "" && addressRe.MatchString(addr) {
		rd.setVia(x, "address", Field{Value: tidy(addr), Text: v.text, Page: v.page}, viaContact, why, prioOther)
	}
}

// upperRun returns the uppercase amount in s (人民币壹仟元整 of
// 人民币壹仟元整 ¥1,000.00), or "".
func upperRun(s string) string {
	for _, m := range upperRe.FindAllString(squeeze(s), -1) {
		if strings.ContainsAny(m, "元圆角分") && strings.ContainsAny(m, "零壹贰貳叁参參叄肆伍陆陸柒捌玖拾佰仟") {
			return m
		}
	}
	return ""
}

// upperRe matches an uppercase amount, with an optional 人民币 or ⊗ before
// it.
var upperRe = regexp.MustCompile(`(?:人民币|⊗)?[零壹贰貳叁参參叄肆伍陆陸柒捌玖拾佰仟万萬亿億元圆圓角分整正]+`)
