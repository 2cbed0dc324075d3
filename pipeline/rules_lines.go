package pipeline

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
)

// decimal parses a decimal as printed by the extractor (12, 2.5,
// 33.3495145631068, 1,234.50) exactly.
func decimal(s string) (*big.Rat, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" || strings.ContainsAny(s, "/eE") {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// fenOf returns r yuan rounded half away from zero to the fen.
func fenOf(r *big.Rat) money.Fen {
	x := new(big.Rat).Mul(r, big.NewRat(100, 1))
	n, d := x.Num(), x.Denom()
	q, m := new(big.Int).QuoRem(n, d, new(big.Int))
	if new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(d) >= 0 {
		if n.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return money.Fen(q.Int64())
}

// ratOfFen returns f as yuan.
func ratOfFen(f money.Fen) *big.Rat { return big.NewRat(int64(f), 100) }

// taxRate parses a printed tax rate: 9% → 0.09, 免税 → 0 with exempt.
func taxRate(s string) (rate *big.Rat, exempt, ok bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "免税", "免征", "不征税":
		return new(big.Rat), true, true
	}
	p, cut := strings.CutSuffix(s, "%")
	if !cut {
		return nil, false, false
	}
	r, ok := decimal(p)
	if !ok {
		return nil, false, false
	}
	return r.Quo(r, big.NewRat(100, 1)), false, true
}

// itemName is an invoice line's product name without its tax
// classification: *蔬菜*白菜 → 白菜.
func itemName(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "*") {
		if i := strings.Index(s[1:], "*"); i >= 0 {
			s = s[i+2:]
		}
	}
	return s
}

// invoiceArithmetic: invoice.arithmetic — each line's amount is quantity ×
// unit price within LineTolerance and its tax round(amount × rate) within
// TaxTolerance; the 合计 amount and tax are the lines' sums and 价税合计
// their sum, exactly.
func (c *checker) invoiceArithmetic() {
	d := c.usable[KindInvoice]
	if d == nil {
		return
	}
	bad := func(detail map[string]any, zh, en string) {
		c.add(RuleArithmetic, SeverityContradiction, detail, "发票 "+zh, "invoice "+en)
	}
	var sumAmount, sumTax money.Fen
	sums := true
	for i, l := range d.Lines {
		name := itemName(l.Name)
		amount, err := money.ParseYuan(l.Amount)
		if l.Amount == "" || err != nil {
			sums = false
			continue
		}
		sumAmount += amount
		qty, okQ := decimal(l.Quantity)
		price, okP := decimal(l.UnitPrice)
		if okQ && okP {
			want := fenOf(new(big.Rat).Mul(qty, price))
			if abs64(int64(want-amount)) > int64(c.cfg.LineTolerance) {
				bad(map[string]any{"line": i + 1, "name": name, "quantity": l.Quantity, "unit_price": l.UnitPrice, "amount": amount.String(), "product": want.String()},
					fmt.Sprintf("第%d行 %s 数量 %s × 单价 %s = %s ≠ 金额 %s", i+1, name, l.Quantity, l.UnitPrice, yuan(want), yuan(amount)),
					fmt.Sprintf("line %d %s: %s × %s = %s ≠ amount %s", i+1, name, l.Quantity, l.UnitPrice, want, amount))
			}
		}
		tax, err := money.ParseYuan(l.Tax)
		if l.Tax == "" || err != nil {
			sums = false
			continue
		}
		sumTax += tax
		rate, exempt, ok := taxRate(l.TaxRate)
		if !ok {
			continue // invoice.tax_rate reports it
		}
		want := fenOf(new(big.Rat).Mul(ratOfFen(amount), rate))
		if exempt {
			want = 0
		}
		if abs64(int64(want-tax)) > int64(c.cfg.TaxTolerance) {
			bad(map[string]any{"line": i + 1, "name": name, "amount": amount.String(), "tax_rate": l.TaxRate, "tax": tax.String(), "want": want.String()},
				fmt.Sprintf("第%d行 %s 金额 %s × 税率 %s = %s ≠ 税额 %s", i+1, name, yuan(amount), l.TaxRate, yuan(want), yuan(tax)),
				fmt.Sprintf("line %d %s: tax %s ≠ %s × %s = %s", i+1, name, tax, amount, l.TaxRate, want))
		}
	}
	field := func(key string) (money.Fen, bool) {
		v, ok := c.field(KindInvoice, key)
		if !ok {
			return 0, false
		}
		f, err := money.ParseYuan(v)
		return f, err == nil
	}
	amount, okA := field(evidence.FieldAmount)
	tax, okT := field(evidence.FieldTax)
	total, okTotal := field(evidence.FieldTotal)
	if len(d.Lines) > 0 && sums {
		if okA && amount != sumAmount {
			bad(map[string]any{"field": evidence.FieldAmount, "value": amount.String(), "sum": sumAmount.String()},
				fmt.Sprintf("合计金额 %s ≠ 各行金额之和 %s", yuan(amount), yuan(sumAmount)),
				fmt.Sprintf("total amount %s ≠ sum of lines %s", amount, sumAmount))
		}
		if okT && tax != sumTax {
			bad(map[string]any{"field": evidence.FieldTax, "value": tax.String(), "sum": sumTax.String()},
				fmt.Sprintf("合计税额 %s ≠ 各行税额之和 %s", yuan(tax), yuan(sumTax)),
				fmt.Sprintf("total tax %s ≠ sum of lines %s", tax, sumTax))
		}
	}
	if okA && okT && okTotal && amount+tax != total {
		bad(map[string]any{"field": evidence.FieldTotal, "value": total.String(), "amount": amount.String(), "tax": tax.String()},
			fmt.Sprintf("合计金额 %s + 合计税额 %s ≠ 价税合计 %s", yuan(amount), yuan(tax), yuan(total)),
			fmt.Sprintf("amount %s + tax %s ≠ total %s", amount, tax, total))
	}
}

// lineMatch pairs a document's lines with the order's by product name.
type lineMatch struct {
	order *CheckLine
	doc   *evidence.Line
	index int // the document line's, from 1
}

// matchLines pairs doc lines with order lines by normalised product name,
// returning the pairs, the document lines naming no order product and the
// order lines on no document line.
func matchLines(order []CheckLine, doc []evidence.Line, name func(evidence.Line) string) (pairs []lineMatch, extra []int, absent []*CheckLine) {
	used := make([]bool, len(order))
	for i := range doc {
		n := ident.NormalizeName(name(doc[i]))
		found := -1
		for j := range order {
			if !used[j] && ident.NormalizeName(order[j].Name) == n {
				found = j
				break
			}
		}
		if found < 0 {
			extra = append(extra, i)
			continue
		}
		used[found] = true
		pairs = append(pairs, lineMatch{order: &order[found], doc: &doc[i], index: i + 1})
	}
	for j := range order {
		if !used[j] {
			absent = append(absent, &order[j])
		}
	}
	return pairs, extra, absent
}

// qtyEqual compares a printed quantity with an order quantity exactly.
func qtyEqual(printed string, q money.Qty) (equal, ok bool) {
	r, ok := decimal(printed)
	if !ok {
		return false, false
	}
	return r.Cmp(big.NewRat(int64(q), 1000)) == 0, true
}

// lines: lines.product, lines.quantity, lines.price and invoice.tax_rate —
// the invoice's and the acceptance report's goods against the order's.
// A line whose quantity differs is not also checked for its price.
func (c *checker) lines() {
	if len(c.in.Lines) == 0 {
		return
	}
	for _, k := range []DocKind{KindInvoice, KindAcceptance} {
		d := c.usable[k]
		if d == nil {
			continue
		}
		if len(d.Lines) == 0 {
			c.missing(k, "lines", "商品明细")
			continue
		}
		name := func(l evidence.Line) string { return l.Name }
		if k == KindInvoice {
			name = func(l evidence.Line) string { return itemName(l.Name) }
		}
		pairs, extra, absent := matchLines(c.in.Lines, d.Lines, name)
		for _, i := range extra {
			n := name(d.Lines[i])
			c.add(RuleLineProduct, SeverityContradiction, map[string]any{"kind": k, "line": i + 1, "name": n},
				fmt.Sprintf("%s 第%d行 商品「%s」不在订单中", k.Label(), i+1, n),
				fmt.Sprintf("%s line %d: %q is not a product of the order", k, i+1, n))
		}
		for _, o := range absent {
			c.add(RuleLineProduct, SeverityContradiction, map[string]any{"kind": k, "sku": o.SKU, "name": o.Name},
				fmt.Sprintf("%s 缺少订单商品「%s」", k.Label(), o.Name),
				fmt.Sprintf("%s has no line for the order's %q", k, o.Name))
		}
		for _, p := range pairs {
			c.line(k, p)
		}
	}
}

// line checks one document line against its order line.
func (c *checker) line(k DocKind, p lineMatch) {
	o, l := p.order, p.doc
	eq, ok := qtyEqual(l.Quantity, o.Quantity)
	switch {
	case !ok:
		c.invalid(k, "lines.quantity", o.Name+" 数量", l.Quantity, "数量 (a quantity)")
	case !eq:
		c.add(RuleLineQuantity, SeverityContradiction, map[string]any{"kind": k, "line": p.index, "name": o.Name, "value": l.Quantity, "want": o.Quantity.String()},
			fmt.Sprintf("%s %s 数量 %s ≠ 订单 %s", k.Label(), o.Name, l.Quantity, o.Quantity),
			fmt.Sprintf("%s %s quantity %s ≠ order %s", k, o.Name, l.Quantity, o.Quantity))
	}
	switch k {
	case KindInvoice:
		c.taxRate(p)
		if !eq {
			return
		}
		amount, err1 := money.ParseYuan(l.Amount)
		tax, err2 := money.ParseYuan(l.Tax)
		if err1 != nil || err2 != nil {
			return // invoice.arithmetic and field checks cover unreadable figures
		}
		if abs64(int64(amount+tax-o.Amount)) > int64(c.cfg.LineTolerance) {
			c.add(RuleLinePrice, SeverityContradiction, map[string]any{"kind": k, "line": p.index, "name": o.Name, "value": (amount + tax).String(), "want": o.Amount.String()},
				fmt.Sprintf("发票 %s 金额 %s + 税额 %s = %s ≠ 订单 %s", o.Name, yuan(amount), yuan(tax), yuan(amount+tax), yuan(o.Amount)),
				fmt.Sprintf("invoice %s amount with tax %s ≠ order line %s", o.Name, amount+tax, o.Amount))
		}
	case KindAcceptance:
		if l.Received != "" {
			r, ok := decimal(l.Received)
			if !ok {
				c.invalid(k, "lines.received", o.Name+" 实收数量", l.Received, "数量 (a quantity)")
			} else if r.Cmp(big.NewRat(int64(o.Quantity), 1000)) < 0 {
				c.add(RuleReceived, SeverityContradiction, map[string]any{"kind": k, "line": p.index, "name": o.Name, "value": l.Received, "want": o.Quantity.String()},
					fmt.Sprintf("验收报告 %s 实收 %s < 订单数量 %s", o.Name, l.Received, o.Quantity),
					fmt.Sprintf("acceptance %s received %s < ordered %s", o.Name, l.Received, o.Quantity))
			}
		}
		if !eq {
			return
		}
		if price, err := money.ParseYuan(l.UnitPrice); err == nil && price != o.UnitPrice {
			c.add(RuleLinePrice, SeverityContradiction, map[string]any{"kind": k, "line": p.index, "name": o.Name, "field": "unit_price", "value": price.String(), "want": o.UnitPrice.String()},
				fmt.Sprintf("验收报告 %s 单价 %s ≠ 订单 %s", o.Name, yuan(price), yuan(o.UnitPrice)),
				fmt.Sprintf("acceptance %s unit price %s ≠ order %s", o.Name, price, o.UnitPrice))
		} else if amount, err := money.ParseYuan(l.Amount); err == nil && abs64(int64(amount-o.Amount)) > int64(c.cfg.LineTolerance) {
			c.add(RuleLinePrice, SeverityContradiction, map[string]any{"kind": k, "line": p.index, "name": o.Name, "field": evidence.FieldAmount, "value": amount.String(), "want": o.Amount.String()},
				fmt.Sprintf("验收报告 %s 金额 %s ≠ 订单 %s", o.Name, yuan(amount), yuan(o.Amount)),
				fmt.Sprintf("acceptance %s amount %s ≠ order %s", o.Name, amount, o.Amount))
		}
	}
}

// taxRate: invoice.tax_rate — the line's rate is one CheckConfig.TaxRates
// allows for its product's category.
func (c *checker) taxRate(p lineMatch) {
	l, o := p.doc, p.order
	if l.TaxRate == "" {
		c.missing(KindInvoice, "lines.tax_rate", o.Name+" 税率")
		return
	}
	if _, _, ok := taxRate(l.TaxRate); !ok {
		c.invalid(KindInvoice, "lines.tax_rate", o.Name+" 税率", l.TaxRate, "税率 (a tax rate)")
		return
	}
	allowed, known := c.cfg.TaxRates[o.Category]
	if !known {
		return // eligibility.category reports it
	}
	rate := strings.ReplaceAll(strings.TrimSpace(l.TaxRate), " ", "")
	if rate == "免征" || rate == "不征税" {
		rate = "免税"
	}
	if !slices.Contains(allowed, rate) {
		c.add(RuleTaxRate, SeverityContradiction, map[string]any{"kind": KindInvoice, "line": p.index, "name": o.Name, "category": o.Category, "value": l.TaxRate, "allowed": allowed},
			fmt.Sprintf("发票 %s（%s）税率 %s 不适用，应为 %s", o.Name, o.Category.Label(), l.TaxRate, strings.Join(allowed, "、")),
			fmt.Sprintf("invoice %s (%s) at %s: the category allows %s", o.Name, o.Category, l.TaxRate, strings.Join(allowed, ", ")))
	}
}

// acceptance: acceptance.conclusion — the report's conclusion is 合格.
// A receiving note (收货单, 入库单, 送货单) prints no conclusion: signed by
// the buyer's receiver, it accepts the goods whose received quantities it
// lists (acceptance.received is checked with the lines).
func (c *checker) acceptance() {
	if c.usable[KindAcceptance] == nil {
		return
	}
	v, ok := c.field(KindAcceptance, evidence.FieldConclusion)
	if !ok {
		if _, signed := c.field(KindAcceptance, evidence.FieldSigner); !signed {
			c.missing(KindAcceptance, evidence.FieldConclusion, "验收结论")
		}
		return
	}
	if ident.NormalizeName(v) != "合格" {
		c.add(RuleConclusion, SeverityContradiction, map[string]any{"kind": KindAcceptance, "field": evidence.FieldConclusion, "value": v},
			fmt.Sprintf("验收结论为「%s」，不是合格", v), fmt.Sprintf("acceptance conclusion %q is not 合格 (passed)", v))
	}
}
