package evidence

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// How a field's value was found, for Field.Via and the confidence it gives.
const (
	viaRow      = "same row"
	viaBeside   = "beside"
	viaBelow    = "below"
	viaColumn   = "column"
	viaSection  = "section"
	viaContact  = "contact"
	viaTotals   = "totals row"
	viaPurpose  = "purpose"
	viaRecog    = "recognised"
	viaTitle    = "title"
	viaPosition = "position"
)

// confidence of a value by how it was found: a label with its value on the
// same row is the surest; a value below its label, or one whose party
// comes from a section, a little less; a value recognised by its form
// alone least.
var confidence = map[string]float64{
	viaRow: 0.98, viaBeside: 0.9, viaBelow: 0.9, viaColumn: 0.9, viaSection: 0.92, viaContact: 0.85,
	viaTotals: 0.9, viaPurpose: 0.9, viaRecog: 0.7, viaTitle: 0.8, viaPosition: 0.85,
}

// reader reads one document (or one of several on a page) against the
// lexicon of its kind.
type reader struct {
	spec   *kindSpec
	labels *labelSet
	cols   *labelSet
	lines  []*line
	occs   [][]occurrence // label occurrences of each line
	caps   []caption      // section captions
	// dir is the receipt's side for its account holder: "debit" (the
	// holder paid), "credit" (the holder was paid) or "".
	dir string
	// prio is the priority of the label each field's value came from
	// (lower wins): a field's labels in lexicon order, then generic labels,
	// then values found without a label.
	prio map[string]int
	// vtexts are the texts printed down a margin, one character per row,
	// that are no section caption.
	vtexts []string
	// boxesFrom is where a form's digit boxes begin (see digitRows).
	boxesFrom float64
	// over marks the rows of captions printed over their values (see
	// overRows).
	over []bool
	// recs holds the values of the labels of rows that caption a record
	// (see records), by line and occurrence.
	recs map[int][]found
}

// Priorities of values found without a label of their own.
const (
	prioGeneric = 100  // plus the generic label's index
	prioOther   = 1000 // totals rows, purposes, contacts, recognised values
)

// caption is a section caption: a role and where it stands.
type caption struct {
	role     string
	entry    int // index into spec.fields
	line     int // the line it is on (its first line if vertical)
	occ      int // its occurrence on that line; -1 if vertical
	page     int
	x0, x1   float64
	top, bot float64 // baselines of its first and last rows (top ≥ bot)
	vertical bool
	glyphs   []capGlyph // a vertical caption's characters
	// header: the caption has no value of its own on its row, so it heads
	// the rows below it; side: a generic label follows it on its row, so it
	// stands beside the rows of its block.
	header, side bool
}

// newReader prepares rows for reading as a document of spec. glued, for
// text recognised on an image (OCR), also takes a label run together with
// its value (验收单位冷水江市…, where the cell's border kept them apart).
func newReader(spec *kindSpec, rows []pdftext.Row, glued bool) *reader {
	rd := &reader{spec: spec, labels: newLabelSet(spec.fields), prio: map[string]int{}}
	rd.labels.glued = glued
	if spec.columns != nil {
		cs := make([]fieldSpec, len(spec.columns))
		for i, c := range spec.columns {
			cs[i] = fieldSpec{labels: c.labels}
			// A quantity's header says 数量 or, shorter, 量: 实收数量 and
			// 实收量 are one column.
			for _, lb := range c.labels {
				if short, ok := strings.CutSuffix(lb, "数量"); ok && short != "" && !slices.Contains(c.labels, short+"量") {
					cs[i].labels = append(cs[i].labels, short+"量")
				}
			}
		}
		rd.cols = newLabelSet(cs)
	}
	for _, r := range rows {
		rd.lines = append(rd.lines, newLine(r, spec.markers))
	}
	// Captions printed one character per row are found first and their
	// characters taken out of the rows, so that none is read as part of a
	// value (付 款 人 down the left of a receipt's rows).
	vcaps := rd.verticalCaptions()
	for _, c := range vcaps {
		if c.entry >= 0 {
			rd.caps = append(rd.caps, c)
		}
	}
	if len(vcaps) > 0 {
		drop := map[int]map[float64]bool{}
		for _, c := range vcaps {
			for _, g := range c.glyphs {
				if drop[g.line] == nil {
					drop[g.line] = map[float64]bool{}
				}
				drop[g.line][g.x] = true
			}
		}
		for i, l := range rd.lines {
			if d := drop[i]; d != nil {
				row := l.row
				row.Items = nil
				for _, it := range l.row.Items {
					if !d[it.X] {
						row.Items = append(row.Items, it)
					}
				}
				rd.lines[i] = newLine(row, spec.markers)
				rd.lines[i].size = l.size
			}
		}
	}
	rd.joinWrappedLabels()
	for _, l := range rd.lines {
		rd.occs = append(rd.occs, rd.labels.find(l))
	}
	rd.over = rd.overRows()
	rd.recs = rd.records()
	return rd
}

// joinWrappedLabels mends labels that a paragraph's line break cut in two
// (…电子卖场订单 | 号：HN2021000007）): when a line of prose ends with the
// start of a field's label, eight characters or more into its last run of
// text, and the next line, starting at the paragraph's
// left edge, goes on with the rest of it and a colon, the start is written
// again before the next line's text, so that the label and its value are
// read there.
func (rd *reader) joinWrappedLabels() {
	for i := 0; i+1 < len(rd.lines); i++ {
		l, m := rd.lines[i], rd.lines[i+1]
		if len(l.compact) < 2 || len(m.compact) < 2 || len(m.row.Items) == 0 || m.row.Page != l.row.Page {
			continue
		}
		dy := l.row.Y - m.row.Y
		if dy < 0.8*l.size || dy > 2.5*l.size || !isCJK(l.compact[len(l.compact)-1]) ||
			m.row.Items[0].X > l.row.Items[0].X+0.5*l.size {
			continue
		}
		head := rd.wrappedHead(l.compact, m.compact)
		// Prose: the label's start ends a run of other text (…电子卖场订单),
		// not a cell of its own (销售方 heading a column above 名称：).
		if last := []rune(squeeze(fold(l.row.Items[len(l.row.Items)-1].Text))); head == 0 || len(last) < head+8 {
			continue
		}
		first := m.row.Items[0]
		text := string(l.compact[len(l.compact)-head:])
		row := m.row
		row.Items = append([]pdftext.Item{{X: first.X - float64(head)*m.size, Y: first.Y, W: float64(head) * m.size, Size: first.Size, Text: text}}, row.Items...)
		size := m.size
		rd.lines[i+1] = newLine(row, rd.spec.markers)
		rd.lines[i+1].size = size
	}
}

// wrappedHead returns how many runes at the end of a are the start of a
// field's label whose rest opens b, followed by a colon; 0 if none.
func (rd *reader) wrappedHead(a, b []rune) int {
	for k := 1; k <= 6 && k < len(a); k++ {
		head := a[len(a)-k:]
		for _, lb := range rd.labels.byFirst[head[0]] {
			n := len(lb.text)
			if lb.what != eField || lb.stem || n <= k || !equalRunes(lb.text[:k], head) {
				continue
			}
			rest := lb.text[k:]
			if len(rest) < len(b) && equalRunes(b[:len(rest)], rest) && (b[len(rest)] == ':' || b[len(rest)] == '：') {
				return k
			}
		}
	}
	return 0
}

// overRows marks the rows of captions printed over their values: a row of
// labels in smaller type whose every item starts where an item of the row
// below, a row of no labels, starts (验收人签字 | 采购人确认（电子签章） over
// 李文斌 | 石门县实验中学).
// Such a row holds no values, and each caption's value stands under it,
// up to where the next caption starts, whether the lexicon knows that
// caption or not.
func (rd *reader) overRows() []bool {
	over := make([]bool, len(rd.lines))
	for i := 0; i+1 < len(rd.lines); i++ {
		l, m := rd.lines[i], rd.lines[i+1]
		dy := l.row.Y - m.row.Y
		if len(rd.occs[i]) == 0 || len(rd.occs[i+1]) > 0 || m.row.Page != l.row.Page || l.size > 0.85*m.size || dy < 0.6*m.size || dy > 2.5*m.size {
			continue
		}
		if rd.holdsValues(i) {
			continue // 验收日期：2021-10-01 over a table's header is a label and its value
		}
		aligned := true
		for _, it := range l.row.Items {
			ok := false
			for _, v := range m.row.Items {
				if math.Abs(v.X-it.X) <= l.size {
					ok = true
					break
				}
			}
			if !ok {
				aligned = false
				break
			}
		}
		over[i] = aligned
	}
	return over
}

// holdsValues reports whether a label of line i is followed on its row by a
// value: after a colon, or one no caption could be (a code, a date, an
// amount, an account number). Such a row gives its values itself,
// whatever stands under it.
func (rd *reader) holdsValues(i int) bool {
	l := rd.lines[i]
	for j, o := range rd.occs[i] {
		v, _ := l.value(rd.occs[i], j, 0)
		if v == "" {
			continue
		}
		if l.followedByColon(o.end) {
			return true
		}
		switch t := rd.spec.fields[o.field].typ; t {
		case vID, vDate, vAmount, vAccount:
			if plausible(t, v) {
				return true
			}
		}
	}
	return false
}

// read fills x with the fields, lines and problems of the document.
func (rd *reader) read(x *Extraction) {
	tables := rd.tables()
	// Rows after the first table's totals row (or its header when it has
	// none) belong to the seller's block on an old-style invoice.
	split := len(rd.lines)
	inTable := make([]bool, len(rd.lines)) // header and goods rows: no labelled fields
	for k, tb := range tables {
		if k == 0 {
			split = tb.head
			if tb.end >= 0 {
				split = tb.end
			}
		}
		for i := tb.head; i < tb.last(len(rd.lines)); i++ {
			inTable[i] = true
		}
	}
	rd.dir = rd.direction()
	rd.findCaptions(inTable)
	for i := range rd.lines {
		if inTable[i] {
			continue
		}
		for j := range rd.occs[i] {
			rd.take(x, i, j, i > split)
		}
	}
	boxed := rd.digitRows()
	for _, tb := range tables {
		x.Lines = append(x.Lines, rd.goods(x, tb.head, tb.last(len(rd.lines)), boxed)...)
		if tb.end >= 0 {
			rd.totals(x, rd.lines[tb.end], boxed)
		}
	}
	rd.boxedAmounts(x, boxed)
	rd.verticalContacts(x)
	if x.Kind == KindPayment {
		if p, ok := x.Fields["purpose"]; ok {
			if m := orderRe.FindString(strings.ToUpper(squeeze(p.Value))); m != "" {
				rd.setVia(x, "order_no", Field{Value: m, Text: p.Text, Page: p.Page}, viaPurpose, "order number in the purpose", prioOther)
			}
		}
		rd.resolveHolder(x)
	}
	rd.signatureDates(x)
	rd.recognise(x)
	rd.missing(x, len(tables) > 0)
}

// signatureDates reads the date written under a party's signature
// (寄件人签名：彭艳 over 2021 年 09 月 30 日): a party dates what it signs, so
// the date is its role's generic date (generic:date; a courier's sender
// dates the shipping, its recipient the receipt). Only for fields no label
// gave.
func (rd *reader) signatureDates(x *Extraction) {
	g := rd.spec.entry(eGeneric, "date")
	if g == nil {
		return
	}
	type sign struct {
		key, role string
		x         float64
	}
	for i, l := range rd.lines {
		var signs []sign
		for p := 0; p < len(l.compact); p++ {
			for _, lb := range rd.labels.byFirst[l.compact[p]] {
				n := len(lb.text)
				if lb.what != eRole || lb.stem || p+n > len(l.compact) || !equalRunes(l.compact[p:p+n], lb.text) {
					continue
				}
				end := l.at[p+n-1] + 1
				if wordAfter(signWords, l.runes, end) == 0 && !(end < len(l.runes) && l.runes[end] == '(' && unitSuffix(l.runes, end) > 0) {
					continue
				}
				if role := rd.spec.fields[lb.field].key; g.byRole[role] != "" {
					signs = append(signs, sign{g.byRole[role], role, l.xs[l.at[p]]})
				}
				p += n - 1
				break
			}
		}
		for k, sg := range signs {
			if _, ok := x.Fields[sg.key]; ok {
				continue
			}
			x1 := math.Inf(1)
			if k+1 < len(signs) {
				x1 = signs[k+1].x
			}
			for _, j := range []int{i + 1, i + 2} {
				if j >= len(rd.lines) || rd.lines[j].row.Page != l.row.Page || l.row.Y-rd.lines[j].row.Y > 4.5*l.size {
					break
				}
				var parts []string
				for _, it := range rd.lines[j].row.Items {
					if it.X >= sg.x-l.size && it.X < x1-0.5*l.size {
						parts = append(parts, it.Text)
					}
				}
				t := strings.Join(parts, " ")
				if v, problem := date(fold(t)); v != "" && problem == "" {
					rd.setVia(x, sg.key, Field{Value: v, Text: rd.lines[j].row.Text(), Page: rd.lines[j].row.Page}, viaBelow,
						"date under the "+sg.role+"'s signature, "+viaBelow, prioOther)
					break
				}
			}
		}
	}
}

// take reads the value of label occurrence j of line i into x. below says
// the line is below the goods table (an old-style invoice's seller block).
func (rd *reader) take(x *Extraction, i, j int, below bool) {
	o := rd.occs[i][j]
	e := &rd.spec.fields[o.field]
	label := rd.lines[i].text(o.start, o.end)
	switch e.what {
	case eIgnore:
		return
	case eField:
		v := rd.valueOf(i, j, e.typ)
		switch {
		case e.key == directionKey:
			rd.directionValue(v.folded)
		case v.folded != "":
			rd.put(x, e.key, e, v, "label "+label, o.variant)
		}
	case eRole:
		rd.captionValue(x, i, j, e, label)
	case eGeneric:
		rd.generic(x, i, j, e, label, below)
	}
}

// put normalises a found value as field key of entry e's type and records
// it, with its pair when the value also holds the other form.
func (rd *reader) put(x *Extraction, key string, e *fieldSpec, v found, why string, prio int) {
	val, problem := normalise(e.typ, v.folded, v.printed)
	if problem != "" && e.typ == vAmount && rd.labels.glued {
		if fixed, ok := ocrFigures(v.folded); ok {
			val, problem = normalise(e.typ, fixed, fixed)
		}
	}
	if e.pair != "" {
		rd.pair(x, e, v, why, prio)
		if e.typ == vUpper && upperRun(v.folded) == "" && figureRe.MatchString(v.folded) {
			// An uppercase label whose value holds figures only.
			val, problem = "", ""
		}
		if e.typ == vAmount && problem != "" {
			val, problem = "", "" // the uppercase form alone: the pair has it
		}
	}
	if problem != "" {
		x.Problems = append(x.Problems, key+": "+problem)
	}
	if val == "" {
		return
	}
	if key == "carrier" {
		val = carrierName(val) // a courier's branch (顺丰速运永州营业部) is the courier
	}
	rd.setVia(x, key, Field{Value: val, Text: v.text, Page: v.page}, v.how, why+", "+v.how, prio)
}

// pair reads, from an amount label's value, the amount in the form of its
// pair field (figures and the uppercase amount are often printed together:
// 人民币壹仟元整 ¥1,000.00).
func (rd *reader) pair(x *Extraction, e *fieldSpec, v found, why string, prio int) {
	pe := rd.spec.entry(eField, e.pair)
	if pe == nil {
		return
	}
	var val string
	switch pe.typ {
	case vUpper:
		val = upperRun(v.folded)
	case vAmount:
		if !figureRe.MatchString(v.folded) || !strings.ContainsAny(v.folded, "0123456789") {
			return
		}
		val, _ = amount(v.folded)
	default: // 件数/重量: 13件 / 8.9kg
		val, _ = normalise(pe.typ, v.folded, v.printed)
	}
	if val != "" {
		rd.setVia(x, pe.key, Field{Value: val, Text: v.text, Page: v.page}, v.how, why+", "+v.how, prio+prioGeneric)
	}
}

// found is a value found for a label: its text folded and as printed, the
// row it was read from, and how it was found.
type found struct {
	folded, printed string
	text            string
	page            int
	how             string
}

// valueOf finds the value of label occurrence j of line i: after it on
// the same row up to the next label; else beside it in the same cell (a
// row a little above or below, as a label centred in a tall cell prints);
// else below it (a label above its value).
func (rd *reader) valueOf(i, j int, typ valueType) found {
	if rec, ok := rd.recs[i]; ok {
		if v := rec[j]; plausible(typ, v.folded) {
			return v
		}
		return found{}
	}
	l := rd.lines[i]
	folded, printed := l.value(rd.occs[i], j, rd.cut(i, j))
	if rd.over[i] {
		folded, printed = "", "" // the row's other text is captions
	}
	// A label with a colon introduces a value on its own row: if there is
	// none there, the value is blank, not the text of the row below.
	blank := folded == "" && l.followedByColon(rd.occs[i][j].end)
	if typ == vDate && !strings.ContainsAny(folded, "0123456789") {
		// A timeline prints the date before the event (2021-10-23 已揽收);
		// a signature's caption has the name after it, the date below.
		if b, bp := l.before(rd.occs[i], j); dateRe.MatchString(b) || compactDateRe.MatchString(b) {
			return found{b, bp, l.row.Text(), l.row.Page, viaBeside}
		}
		folded = ""
	}
	if folded != "" {
		folded, printed = compoundPart(l, rd.occs[i], j, folded, printed)
		switch typ {
		case vText:
			folded, printed = rd.continued(i, j, folded, printed, 0)
		case vName:
			// A long name wraps its last characters (…杭州分公 / 司).
			folded, printed = rd.continued(i, j, folded, printed, 4)
		}
		return found{folded, printed, l.row.Text(), l.row.Page, viaRow}
	}
	if blank {
		if v, ok := rd.wrapped(i, j); ok && plausible(typ, v.folded) {
			return v
		}
	}
	colon := blank
	for _, below := range []bool{false, true} {
		if below && colon {
			break
		}
		if !below && typ == vText {
			if v, ok := rd.besideText(i, j); ok {
				return v
			}
			continue
		}
		if v, ok := rd.near(i, j, below); ok && plausible(typ, v.folded) {
			return v
		}
	}
	if !colon {
		if v, ok := rd.orphanAbove(i, j); ok && plausible(typ, v.folded) {
			return v
		}
	}
	return found{}
}

// continued adds to a text value (an address, a purpose) the lines its
// cell wraps onto (for a name, only a line of at most maxRunes characters,
// the tail of a long name): the lines just above, closer than rows are set, and
// the lines just below, within 1.7 line
// heights each, that hold no label and whose text all starts where the
// value starts and stays within the label's span.
func (rd *reader) continued(i, j int, folded, printed string, maxRunes int) (string, string) {
	l := rd.lines[i]
	o := rd.occs[i][j]
	k := o.end
	for k < len(l.runes) && (l.runes[k] == ' ' || l.runes[k] == ':') {
		k++
	}
	if k >= len(l.xs) {
		return folded, printed
	}
	x0 := l.xs[k]
	_, x1 := rd.span(i, j)
	// A cell centred on its label's row starts on lines just above it,
	// closer than rows are set.
	for n := i - 1; n >= 0 && n >= i-2; n-- {
		m := rd.lines[n]
		if m.row.Page != l.row.Page || len(rd.occs[n]) > 0 || m.row.Y-l.row.Y > 0.8*math.Max(l.size, m.size) || len(m.row.Items) == 0 {
			break
		}
		if math.Abs(m.row.Items[0].X-x0) > 0.6*l.size || m.row.Items[len(m.row.Items)-1].X >= x1 {
			break
		}
		t := strings.TrimSpace(m.row.Text())
		folded, printed = strings.Join(appendCell([]string{fold(t)}, folded), ""), strings.Join(appendCell([]string{t}, printed), "")
	}
	prev := l
	for n := i + 1; n < len(rd.lines) && n <= i+3; n++ {
		m := rd.lines[n]
		if m.row.Page != l.row.Page || len(rd.occs[n]) > 0 || prev.row.Y-m.row.Y > 1.7*math.Max(prev.size, m.size) || len(m.row.Items) == 0 {
			break
		}
		// The wrapped text starts under the value, or under the label when
		// the cell wraps label and value as one text (详细地址：… / 小学).
		if first := m.row.Items[0]; math.Abs(first.X-x0) > 0.6*l.size && (maxRunes > 0 || math.Abs(first.X-o.x) > 0.6*l.size) {
			break
		}
		if last := m.row.Items[len(m.row.Items)-1]; last.X >= x1 {
			break
		}
		t := strings.TrimSpace(m.row.Text())
		if maxRunes > 0 && utf8.RuneCountInString(t) > maxRunes {
			break
		}
		folded, printed = strings.Join(appendCell([]string{folded}, fold(t)), ""), strings.Join(appendCell([]string{printed}, t), "")
		prev = m
	}
	return folded, printed
}

// wrapped finds the value of a label that ends a line of prose (…电子卖场
// 订单号：) at the start of the next line, where the sentence wraps: the
// label follows other text in its item, nothing follows its colon, and
// the next line starts left of the label, within two line heights. The
// value is that line's first run of text up to a bracket, a stop or a
// space.
func (rd *reader) wrapped(i, j int) (found, bool) {
	l := rd.lines[i]
	o := rd.occs[i][j]
	if j+1 < len(rd.occs[i]) || o.start == 0 || l.runes[o.start-1] == ' ' || i+1 >= len(rd.lines) {
		return found{}, false
	}
	m := rd.lines[i+1]
	if m.row.Page != l.row.Page || l.row.Y-m.row.Y > 2*math.Max(l.size, m.size) || len(m.row.Items) == 0 || m.row.Items[0].X >= o.x {
		return found{}, false
	}
	first := strings.TrimSpace(m.row.Items[0].Text)
	if k := strings.IndexAny(first, " ）)，,。；;、"); k >= 0 {
		first = first[:k]
	}
	return found{fold(first), first, m.row.Text(), m.row.Page, viaBelow}, first != ""
}

// orphanAbove finds the value of a label that has none on its row, beside
// or below it, on the row just above it (within two and a half line
// heights) when that row holds no label at all and all its text stands
// right of the label: a tall cell (附言) prints its label at mid-height and
// its text at the top.
func (rd *reader) orphanAbove(i, j int) (found, bool) {
	l := rd.lines[i]
	labelEnd := l.endX(rd.occs[i][j].end)
	_, x1 := rd.span(i, j)
	for k := i - 1; k >= 0; k-- {
		m := rd.lines[k]
		dy := m.row.Y - l.row.Y
		if m.row.Page != l.row.Page || dy > 2.5*math.Max(l.size, m.size) {
			break
		}
		if dy <= 1.0*math.Max(l.size, m.size) {
			continue // beside: near looked there
		}
		if len(rd.occs[k]) > 0 || len(m.row.Items) == 0 {
			return found{}, false
		}
		var parts, printed []string
		for _, it := range m.row.Items {
			if it.X < labelEnd || it.X+it.W/2 >= x1 {
				return found{}, false
			}
			if t := strings.TrimSpace(it.Text); t != "" {
				parts, printed = append(parts, fold(t)), append(printed, t)
			}
		}
		return found{strings.Join(parts, " "), strings.Join(printed, " "), m.row.Text(), m.row.Page, viaBeside}, len(parts) > 0
	}
	return found{}, false
}

// compoundPart picks a label's part of a compound value: a caption that
// names two fields joined by a hyphen (账户明细编号-交易流水号：00557-2021…)
// prints their values joined the same way, and the label found is the
// last name.
func compoundPart(l *line, occs []occurrence, j int, folded, printed string) (string, string) {
	b, _ := l.before(occs, j)
	toks := strings.Fields(b)
	if len(toks) == 0 || !strings.HasSuffix(toks[len(toks)-1], "-") {
		return folded, printed
	}
	n := strings.Count(toks[len(toks)-1], "-") // the label's place among the names
	vs, ps := strings.Split(folded, "-"), strings.Split(printed, "-")
	if len(vs) != n+1 || len(ps) != n+1 || strings.TrimSpace(vs[n]) == "" {
		return folded, printed
	}
	return strings.TrimSpace(vs[n]), strings.TrimSpace(ps[n])
}

// cut is where a value on the left half of an invoice must stop: its
// cipher block prints beside the buyer's fields.
func (rd *reader) cut(i, j int) float64 {
	if rd.spec.kind == KindInvoice && rd.lines[i].row.PageWidth > 0 {
		return rd.lines[i].row.PageWidth / 2
	}
	return 0
}

// span returns the x range a label's value may take: from the label to
// the next label on its row, or to the right edge.
func (rd *reader) span(i, j int) (x0, x1 float64) {
	l := rd.lines[i]
	o := rd.occs[i][j]
	x0, x1 = l.xs[o.start], math.Inf(1)
	if j+1 < len(rd.occs[i]) {
		x1 = rd.occs[i][j+1].x
	}
	if rd.over[i] {
		end := l.endX(o.end)
		for _, it := range l.row.Items {
			if it.X >= end-0.2*l.size && it.X < x1 {
				x1 = it.X
			}
		}
	}
	return x0, x1
}

// near looks for the value of label occurrence j of line i on nearby lines
// of the same page: below the label (below) within two and a half line
// heights, under its x range; or beside it (within a line height up or
// down), right of it. Text that another label on its line precedes belongs
// to that label.
func (rd *reader) near(i, j int, below bool) (found, bool) { return rd.nearIn(i, j, below, false) }

// nearStrict is near taking only text that no label precedes on its row.
func (rd *reader) nearStrict(i, j int, below bool) (found, bool) { return rd.nearIn(i, j, below, true) }

func (rd *reader) nearIn(i, j int, below, strict bool) (found, bool) {
	for _, k := range rd.neighbours(i, below) {
		m := rd.lines[k]
		if parts, printed := rd.partsIn(i, j, k, below, strict); len(parts) > 0 {
			how := viaBeside
			if below {
				how = viaBelow
			}
			return found{strings.Join(parts, " "), strings.Join(printed, " "), m.row.Text(), m.row.Page, how}, true
		}
	}
	return found{}, false
}

// partsIn returns the text of line k that may be the value of label
// occurrence j of line i, as near looks for it, folded and as printed.
func (rd *reader) partsIn(i, j, k int, below, strict bool) (parts, printed []string) {
	l, m := rd.lines[i], rd.lines[k]
	o := rd.occs[i][j]
	x0, x1 := rd.span(i, j)
	labelEnd := l.endX(o.end)
	for _, it := range m.row.Items {
		t := strings.TrimSpace(it.Text)
		if t == "" || rd.spec.markers[fold(t)] {
			continue
		}
		cx := it.X + it.W/2
		if below {
			if cx < x0-l.size || cx >= x1 {
				continue
			}
		} else if it.X < labelEnd-0.2*l.size || cx >= x1 {
			continue
		}
		owner := x0
		if strict {
			owner = math.Inf(-1)
		}
		if rd.ownedByOther(k, it.X, owner) || rd.isLabel(k, it) {
			continue
		}
		parts = append(parts, fold(t))
		printed = append(printed, t)
	}
	return parts, printed
}

// besideText is the value of a text label (an address) whose cell wraps
// around the label's row, above and below it: the text beside it on every
// such row, top down.
func (rd *reader) besideText(i, j int) (found, bool) {
	ks := rd.neighbours(i, false)
	sort.Slice(ks, func(a, b int) bool { return rd.lines[ks[a]].row.Y > rd.lines[ks[b]].row.Y })
	var folded, printed []string
	text := ""
	for _, k := range ks {
		if len(rd.occs[k]) > 0 {
			continue // a row of its own labels
		}
		f, p := rd.partsIn(i, j, k, false, false)
		if len(f) == 0 {
			continue
		}
		folded, printed = appendCell(folded, strings.Join(f, " ")), appendCell(printed, strings.Join(p, " "))
		if text == "" {
			text = rd.lines[k].row.Text()
		}
	}
	if len(folded) == 0 {
		return found{}, false
	}
	return found{strings.Join(folded, ""), strings.Join(printed, ""), text, rd.lines[i].row.Page, viaBeside}, true
}

// neighbours returns the lines to search for a value of line i: below it
// within 2.5 line heights, nearest first, or beside it (less than a line
// height above or below).
func (rd *reader) neighbours(i int, below bool) []int {
	l := rd.lines[i]
	var out []int
	for k := range rd.lines {
		m := rd.lines[k]
		if k == i || m.row.Page != l.row.Page {
			continue
		}
		dy := l.row.Y - m.row.Y // > 0: m is below l
		h := math.Max(l.size, m.size)
		switch {
		case below && dy > 0.6*h && dy <= 2.5*h:
			out = append(out, k)
		case !below && math.Abs(dy) <= 1.0*h:
			out = append(out, k)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		return math.Abs(l.row.Y-rd.lines[out[a]].row.Y) < math.Abs(l.row.Y-rd.lines[out[b]].row.Y)
	})
	return out
}

// ownedByOther reports whether text at x on line k follows a label of that
// line that starts right of x0 (the start of the label whose value is
// sought): the text is that label's.
func (rd *reader) ownedByOther(k int, x, x0 float64) bool {
	m := rd.lines[k]
	for _, o := range rd.occs[k] {
		if o.x < x && o.x > x0+0.5*m.size {
			return true
		}
	}
	return false
}

// isLabel reports whether item it of line k holds a label.
func (rd *reader) isLabel(k int, it pdftext.Item) bool {
	m := rd.lines[k]
	for _, o := range rd.occs[k] {
		if lx := m.xs[o.start]; lx >= it.X-0.1*m.size && lx < it.X+it.W {
			return true
		}
	}
	return false
}

// generic reads a generic label (户名, 账号, 名称): its section gives the
// field. Under column headers (付款人 | 收款人 above 户名 | A | B) the
// row's value splits into one value per column.
func (rd *reader) generic(x *Extraction, i, j int, e *fieldSpec, label string, below bool) {
	if cols := rd.columnsAround(i, j); cols != nil {
		for _, seg := range rd.sides(i, j, cols) {
			if key := e.byRole[seg.role]; key != "" {
				rd.put(x, key, e, seg.v, fmt.Sprintf("section %s, label %s", rd.capLabel(seg.cap), label), prioGeneric+rd.occs[i][j].variant)
			}
		}
		return
	}
	if cols := rd.columnsAbove(i, j); cols != nil {
		for _, seg := range rd.segments(i, j, cols) {
			if key := e.byRole[seg.role]; key != "" {
				rd.put(x, key, e, seg.v, fmt.Sprintf("section %s, label %s", rd.capLabel(seg.cap), label), prioGeneric+rd.occs[i][j].variant)
			}
		}
		return
	}
	v := rd.valueOf(i, j, e.typ)
	if v.folded == "" {
		return
	}
	c := rd.sectionOf(i, rd.occs[i][j].x)
	if c == nil {
		if rd.spec.kind == KindInvoice {
			rd.invoiceParty(x, i, j, e, v, label, below)
			return
		}
		if rd.spec.kind == KindPayment {
			if key := e.byRole["holder"]; key != "" {
				rd.put(x, key, e, v, "label "+label+" (the account holder's)", prioGeneric+rd.occs[i][j].variant)
			}
			return
		}
		// Outside any section, the party whose form it is (none=FIELD: an
		// acceptance record's 单位名称 is the buyer's, who accepts).
		if key := e.byRole["none"]; key != "" {
			rd.put(x, key, e, v, "label "+label+" (the form's own party)", prioGeneric+rd.occs[i][j].variant)
		}
		return
	}
	if key := e.byRole[c.role]; key != "" {
		if v.how == viaRow {
			v.how = viaSection
		}
		rd.put(x, key, e, v, fmt.Sprintf("section %s, label %s", rd.capLabel(c), label), prioGeneric+rd.occs[i][j].variant)
	}
}

// invoiceParty assigns a name or code of a VAT invoice whose section the
// reader did not find to buyer or seller by position: the old layout's
// seller block below the goods table, the right one of two on a row, the
// right half of the page.
func (rd *reader) invoiceParty(x *Extraction, i, j int, e *fieldSpec, v found, label string, below bool) {
	o := rd.occs[i][j]
	n, before := 0, 0
	for k, p := range rd.occs[i] {
		if p.field == o.field {
			n++
			if k < j {
				before++
			}
		}
	}
	cut := rd.cut(i, j)
	seller := false
	switch {
	case below:
		seller = true
	case n >= 2:
		seller = before > 0
	case cut > 0 && o.x >= cut:
		seller = true
	}
	role := "buyer"
	if seller {
		role = "seller"
	}
	if key := e.byRole[role]; key != "" {
		v.how = viaPosition
		rd.put(x, key, e, v, "label "+label+", "+role+" by position", prioGeneric+o.variant)
	}
}

// captionValue reads what follows a section caption on its row: the
// caption's own value (甲方：某某学校 is the buyer's name), or for a
// courier's 寄/收 a contact: name, phone and address in one run.
func (rd *reader) captionValue(x *Extraction, i, j int, e *fieldSpec, label string) {
	if e.value == "" {
		return
	}
	l := rd.lines[i]
	if occs := rd.occs[i]; j+1 < len(occs) && occs[j+1].start <= occs[j].end+1 && rd.spec.fields[occs[j+1].field].what == eGeneric {
		return // the caption of the generic label written with it
	}
	folded, printed := l.value(rd.occs[i], j, rd.cut(i, j))
	v := found{folded, printed, l.row.Text(), l.row.Page, viaRow}
	rec, isRecord := rd.recs[i]
	if isRecord {
		v = rec[j]
	}
	if e.value == "contact" {
		if isRecord {
			rd.contact(x, e.key, v, label)
		} else {
			rd.contact(x, e.key, rd.region(i, j), label)
		}
		return
	}
	if folded == "" && !isRecord {
		// A caption above or beside its value (采购人 over the buyer's
		// name): only text that no other label on its row claims.
		for _, below := range []bool{false, true} {
			if nv, ok := rd.nearStrict(i, j, below); ok && plausible(vName, nv.folded) {
				v = nv
				break
			}
		}
	}
	if v.folded == "" || rd.startsWithLabel(v.folded) {
		return
	}
	g := rd.spec.entry(eGeneric, e.value)
	if g == nil {
		return
	}
	if key := g.byRole[e.key]; key != "" {
		rd.put(x, key, g, v, "section "+label, prioGeneric+rd.occs[i][j].variant)
	}
}

// startsWithLabel reports whether folded text opens with a label.
func (rd *reader) startsWithLabel(folded string) bool {
	l := newLine(pdftext.Row{Items: []pdftext.Item{{Text: folded}}}, nil)
	occs := rd.labels.find(l)
	return len(occs) > 0 && occs[0].start == 0
}

// region returns the text of a contact printed beside its caption (a
// courier label's 收 or 寄, often a character of twice the text's size
// standing left of the lines it heads): the caption's own row after it,
// and the rows of the block beside it, those whose middle is within twice
// the caption's height of the caption's middle, right of the caption and,
// when another label follows the caption on its row (a header grid), left
// of that label. A row that another label starts left of the text ends it.
func (rd *reader) region(i, j int) found {
	l := rd.lines[i]
	o := rd.occs[i][j]
	x0 := l.endX(o.end)
	x1 := math.Inf(1)
	if j+1 < len(rd.occs[i]) {
		x1 = rd.occs[i][j+1].x
	}
	capSize := l.size
	for _, it := range l.row.Items {
		if it.X <= l.xs[o.start] && it.X+it.W >= x0-0.1 && it.Size > 0 {
			capSize = it.Size
		}
	}
	middle := func(m *line) float64 { return m.row.Y + 0.35*m.size }
	capMid := l.row.Y + 0.35*capSize
	var parts, printed, text []string
	for k, m := range rd.lines {
		if k == i {
			if f, p := l.value(rd.occs[i], j, rd.cut(i, j)); f != "" {
				parts, printed, text = append(parts, f), append(printed, p), append(text, l.row.Text())
			}
			continue
		}
		if m.row.Page != l.row.Page || math.Abs(middle(m)-capMid) > 2*capSize {
			continue
		}
		// Rows above belong to a caption larger than its text, which
		// stands beside the middle of its block; a caption of the text's
		// size heads its row and those below.
		if k < i && capSize < 1.3*m.size || k > i && len(rd.occs[k]) > 0 && rd.occs[k][0].x < x0 {
			continue
		}
		var got bool
		for _, it := range m.row.Items {
			if cx := it.X + it.W/2; cx < x0 || cx >= x1 {
				continue
			}
			t := strings.TrimSpace(it.Text)
			if t == "" || rd.isLabel(k, it) || rd.ownedByOther(k, it.X, math.Inf(-1)) {
				continue
			}
			parts, printed, got = append(parts, fold(t)), append(printed, t), true
		}
		if got {
			text = append(text, m.row.Text())
		}
	}
	// Lines above the caption's row come first: rd.lines runs top down,
	// and the caption's own row was taken in its place.
	return found{strings.Join(parts, " "), strings.Join(printed, " "), strings.Join(text, " / "), l.row.Page, viaContact}
}

// setVia records a field found in a way, with its confidence and how,
// unless a value from a label of higher priority (lower prio) is there: a
// value of higher priority replaces it, one of the same priority that
// differs is a problem.
func (rd *reader) setVia(x *Extraction, key string, f Field, how, why string, prio int) {
	f.Conf = confidence[how]
	if f.Conf == 0 {
		f.Conf = 0.9
	}
	f.Via = why
	// A payment's purpose is there to name the order: of its labels (用途,
	// 附言, 摘要, 备注) the one whose text holds an order number wins.
	if key == "purpose" {
		if old, ok := x.Fields[key]; ok && orderRe.MatchString(strings.ToUpper(squeeze(f.Value))) != orderRe.MatchString(strings.ToUpper(squeeze(old.Value))) {
			if orderRe.MatchString(strings.ToUpper(squeeze(f.Value))) {
				x.Fields[key] = f
				rd.prio[key] = prio
			}
			return
		}
	}
	// A waybill's sender and recipient, a form's buyer and seller, are
	// parties: an organisation's name (单位名称, the supplier above a
	// 送货单's title) says who they are better than a contact's (姓名).
	if key == "sender" || key == "recipient" || key == "buyer_name" || key == "seller_name" {
		if old, ok := x.Fields[key]; ok && isOrganisation(f.Value) != isOrganisation(old.Value) {
			if isOrganisation(f.Value) {
				x.Fields[key] = f
				rd.prio[key] = prio
			}
			return
		}
	}
	if old, ok := rd.prio[key]; ok && prio != old {
		if prio < old {
			x.Fields[key] = f
			rd.prio[key] = prio
		}
		return
	}
	rd.prio[key] = prio
	set(x, key, f)
}

// set records a field; the first value read stays, and a different later
// one is reported.
func set(x *Extraction, key string, f Field) {
	old, ok := x.Fields[key]
	if !ok {
		x.Fields[key] = f
		return
	}
	if old.Value != f.Value {
		x.Problems = append(x.Problems, fmt.Sprintf("%s: %q on page %d differs from %q read first", key, f.Value, f.Page, old.Value))
	}
}
