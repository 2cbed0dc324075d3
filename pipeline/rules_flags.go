package pipeline

import (
	"fmt"
	"strings"

	"github.com/heshi-verify/heshi/evidence/ident"
)

// eligibility: eligibility.supplier and eligibility.category.
func (c *checker) eligibility() {
	s := c.in.Supplier
	if !s.Admitted {
		c.add(RuleSupplierElig, SeverityContradiction, map[string]any{"supplier": s.ID, "admitted": false},
			fmt.Sprintf("供应商 %s 未准入", s.Name), fmt.Sprintf("supplier %s is not admitted", s.ID))
	}
	listed := false
	for _, d := range HunanCounties() {
		listed = listed || d.Code == s.DivisionCode
	}
	if !listed {
		c.add(RuleSupplierElig, SeverityContradiction, map[string]any{"supplier": s.ID, "division_code": s.DivisionCode},
			fmt.Sprintf("供应商 %s 登记地 %s 不是名录内的县（市、区）", s.Name, s.DivisionCode),
			fmt.Sprintf("supplier %s is registered in %q, not a listed county", s.ID, s.DivisionCode))
	}
	for _, l := range c.in.Lines {
		if !l.Category.Valid() {
			c.add(RuleCategoryElig, SeverityContradiction, map[string]any{"sku": l.SKU, "name": l.Name, "category": l.Category},
				fmt.Sprintf("商品 %s 类别「%s」不在六大类之内", l.Name, l.Category),
				fmt.Sprintf("product %s (%s) is in category %q, not one of the six", l.SKU, l.Name, l.Category))
		}
	}
}

// redFlags: ident.uscc, date.holiday, amount.round, orders.split and
// redflags.combined. Alone a holiday date, a round total or a second order
// on the same day is noted (info): clean orders have them. Two kinds on one
// order, or same-day orders that together reach the split limit while each
// stays below it, are a warning.
func (c *checker) redFlags() {
	for _, p := range []struct {
		who, name, code string
	}{{"采购人", c.in.Buyer.Name, c.in.Buyer.USCC}, {"供应商", c.in.Supplier.Name, c.in.Supplier.USCC}} {
		if p.code == "" {
			continue
		}
		if err := ident.ValidUSCC(p.code); err != nil {
			c.add(RuleUSCCCheck, SeverityWarning, map[string]any{"party": p.who, "name": p.name, "value": p.code, "error": err.Error()},
				fmt.Sprintf("%s %s 统一社会信用代码 %s 校验不通过，需人工核实", p.who, p.name, p.code),
				fmt.Sprintf("%s's credit code %s fails its check: %v", p.name, p.code, err))
		}
	}

	kinds := map[string]bool{}
	var days []string
	for _, r := range officeDates {
		d, ok := c.date(r)
		if !ok {
			continue
		}
		if name, off := NonWorkingDay(d); off {
			days = append(days, fmt.Sprintf("%s %s（%s）", r.label, d, name))
		}
	}
	if len(days) > 0 {
		kinds[RuleHoliday] = true
		c.add(RuleHoliday, SeverityInfo, map[string]any{"dates": days},
			"非工作日："+strings.Join(days, "，"), "dated on a weekend or public holiday: "+strings.Join(days, ", "))
	}

	t := c.in.Order.Total
	if c.cfg.RoundStep > 0 && t >= c.cfg.RoundMin && t%c.cfg.RoundStep == 0 {
		kinds[RuleRoundAmount] = true
		c.add(RuleRoundAmount, SeverityInfo, map[string]any{"order_total": t.String()},
			fmt.Sprintf("订单金额 %s 为整数金额", yuan(t)), fmt.Sprintf("order total %s is a round sum", t))
	}

	if len(c.in.SameDay) > 0 {
		kinds[RuleSplit] = true
		sum, below := t, t < c.cfg.SplitLimit
		var nos []string
		for _, o := range c.in.SameDay {
			sum += o.Total
			below = below && o.Total < c.cfg.SplitLimit
			nos = append(nos, o.No)
		}
		sev := SeverityInfo
		if c.cfg.SplitLimit > 0 && below && sum >= c.cfg.SplitLimit {
			sev = SeverityWarning
		}
		c.add(RuleSplit, sev, map[string]any{"orders": nos, "sum": sum.String(), "limit": c.cfg.SplitLimit.String()},
			fmt.Sprintf("同一采购人与供应商 %s 当日另有订单 %s，合计 %s", c.in.Order.Date, strings.Join(nos, "、"), yuan(sum)),
			fmt.Sprintf("the same buyer and supplier have orders %s on %s too, together %s", strings.Join(nos, ", "), c.in.Order.Date, sum))
	}

	if len(kinds) >= 2 {
		var names []string
		for _, r := range []string{RuleHoliday, RuleRoundAmount, RuleSplit} {
			if kinds[r] {
				names = append(names, r)
			}
		}
		c.add(RuleRedFlags, SeverityWarning, map[string]any{"rules": names},
			"多项提示同时出现："+strings.Join(names, "、"), "several red flags together: "+strings.Join(names, ", "))
	}
}
