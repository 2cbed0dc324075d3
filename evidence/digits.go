package evidence

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/heshi-verify/heshi/evidence/money"
)

// Amounts in digit boxes: forms that print a money amount one digit per
// cell under a header of units (仟 佰 拾 亿 仟 佰 拾 万 千 百 十 元 角 分), with
// no decimal point: only the column tells a digit's place (¥ 9 6 0 4 0
// under 百 十 元 角 分 is 960.40). Bank receipts (电力财务) and paper
// receiving forms (入库单) print them.

// unitRunes are the characters of a digit-box header.
const unitRunes = "仟佰拾亿万千百十元角分"

// digitRows returns, for each line that prints an amount in the digit
// boxes of a header above it (within two dozen lines: a form's goods rows
// and its totals row), the amount.
func (rd *reader) digitRows() map[int]money.Fen {
	out := map[int]money.Fen{}
	for h, hl := range rd.lines {
		var cells []float64 // the header's cells, left to right: x centres
		for _, it := range hl.row.Items {
			t := strings.TrimSpace(fold(it.Text))
			if utf8.RuneCountInString(t) == 1 && strings.Contains(unitRunes, t) {
				cells = append(cells, it.X+it.W/2)
			}
		}
		if len(cells) < 4 || !strings.HasSuffix(squeeze(fold(hl.row.Text())), "分") && !endsWithFen(hl) {
			continue
		}
		for k := h + 1; k < len(rd.lines) && k <= h+24; k++ {
			l := rd.lines[k]
			if l.row.Page != hl.row.Page {
				break
			}
			if fen, ok := boxedAmount(l, cells); ok {
				out[k] = fen
				rd.boxesFrom = cells[0] - (cells[len(cells)-1]-cells[0])/float64(len(cells)-1)
			}
		}
	}
	return out
}

// endsWithFen reports whether a header's rightmost unit cell is 分 (the
// row may go on with other text, as a margin's caption).
func endsWithFen(l *line) bool {
	last := ""
	for _, it := range l.row.Items {
		t := strings.TrimSpace(fold(it.Text))
		if utf8.RuneCountInString(t) == 1 && strings.Contains(unitRunes, t) {
			last = t
		}
	}
	return last == "分"
}

// boxedAmount reads the single digits of line l that stand under the
// header cells (x centres, the last one 分) as an amount in fen. At least
// two digits must stand in cells, every digit in one.
func boxedAmount(l *line, cells []float64) (money.Fen, bool) {
	var fen int64
	n := 0
	pitch := (cells[len(cells)-1] - cells[0]) / float64(len(cells)-1)
	for _, it := range l.row.Items {
		t := strings.TrimSpace(it.Text)
		if len(t) != 1 || t[0] < '0' || t[0] > '9' {
			continue
		}
		cx := it.X + it.W/2
		if cx < cells[0]-pitch {
			continue // a number of the row's own (序号), left of the boxes
		}
		best, dist := -1, math.Inf(1)
		for c, x := range cells {
			if d := math.Abs(cx - x); d < dist {
				best, dist = c, d
			}
		}
		if dist > 0.45*pitch {
			return 0, false
		}
		place := len(cells) - 1 - best // 0 for 分
		fen += int64(t[0]-'0') * int64(math.Pow10(place))
		n++
	}
	return money.Fen(fen), n >= 2
}

// boxedAmounts fills a receipt's amount from digit boxes, where no label
// gave it: the one boxed amount of the document. Where a label's value is
// the boxed line itself (金额 beside 肆仟…陆角 ¥ 4 4 6 1 6 0), the boxes
// say what its digits mean and replace the label's reading.
func (rd *reader) boxedAmounts(x *Extraction, boxed map[int]money.Fen) {
	if x.Kind != KindPayment || len(boxed) != 1 {
		return
	}
	for k, fen := range boxed {
		l := rd.lines[k]
		f := Field{Value: fen.String(), Text: l.row.Text(), Page: l.row.Page}
		if old, ok := x.Fields["amount"]; ok && old.Page == f.Page && old.Text == f.Text {
			f.Conf, f.Via = confidence[viaColumn], old.Via+", digit boxes"
			x.Fields["amount"] = f
			continue
		}
		rd.setVia(x, "amount", f, viaColumn, "digit boxes", prioOther)
	}
}
