package pipeline

import (
	"fmt"
	"strings"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
)

// amountFields names, per document kind, the field carrying the amount that
// must equal the order total, its uppercase twin, and how it is called on
// the document.
var amountFields = []struct {
	kind         DocKind
	field, upper string
	label        string
}{
	{KindContract, evidence.FieldTotal, evidence.FieldTotalUpper, "合同金额"},
	{KindInvoice, evidence.FieldTotal, evidence.FieldTotalUpper, "价税合计"},
	{KindPayment, evidence.FieldAmount, evidence.FieldAmountUpper, "付款金额"},
	{KindAcceptance, evidence.FieldTotal, "", "验收金额"},
}

// amounts: amount.mismatch and amount.uppercase. A payment voucher carries
// one amount; several payments for one order would be summed by the reader
// of the voucher before they reach here.
func (c *checker) amounts() {
	total := c.in.Order.Total
	for _, a := range amountFields {
		d := c.usable[a.kind]
		if d == nil {
			continue
		}
		f, ok := d.Fields[a.field]
		if !ok || f.Value == "" {
			c.missing(a.kind, a.field, a.label)
			continue
		}
		got, err := money.ParseYuan(f.Value)
		if err != nil {
			c.invalid(a.kind, a.field, a.label, f.Value, "金额 (an amount)")
			continue
		}
		if got != total {
			c.add(RuleAmount, SeverityContradiction, map[string]any{
				"kind": a.kind, "field": a.field, "value": got.String(), "order_total": total.String(), "text": f.Text, "page": f.Page,
			}, fmt.Sprintf("%s %s %s ≠ 订单金额 %s", a.kind.Label(), a.label, yuan(got), yuan(total)),
				fmt.Sprintf("%s %s %s ≠ order total %s", a.kind, a.field, got, total))
		}
		if a.upper == "" {
			continue
		}
		u, ok := d.Fields[a.upper]
		if !ok || u.Value == "" {
			continue // not every layout prints the uppercase form
		}
		up, err := money.ParseUppercase(u.Value)
		if err != nil {
			c.add(RuleUppercase, SeverityWarning, map[string]any{"kind": a.kind, "field": a.upper, "value": u.Value, "text": u.Text, "error": err.Error()},
				fmt.Sprintf("%s 大写金额「%s」无法识读", a.kind.Label(), u.Value), fmt.Sprintf("%s: uppercase amount unreadable", a.kind))
			continue
		}
		if up != got {
			c.add(RuleUppercase, SeverityContradiction, map[string]any{"kind": a.kind, "field": a.upper, "uppercase": u.Value, "uppercase_value": up.String(), "figures": got.String(), "text": u.Text},
				fmt.Sprintf("%s 大写「%s」(%s) ≠ 小写 %s", a.kind.Label(), u.Value, yuan(up), yuan(got)),
				fmt.Sprintf("%s: uppercase %s ≠ figures %s", a.kind, up, got))
		}
	}
}

// partyField is a field naming a party on a document.
type partyField struct {
	kind  DocKind
	field string
	label string
	id    bool // a USCC or tax ID, compared exactly; else a name
}

var (
	buyerFields = []partyField{
		{KindContract, evidence.FieldBuyerName, "采购人名称", false},
		{KindContract, evidence.FieldBuyerID, "采购人统一社会信用代码", true},
		{KindInvoice, evidence.FieldBuyerName, "购买方名称", false},
		{KindInvoice, evidence.FieldBuyerID, "购买方纳税人识别号", true},
		{KindPayment, evidence.FieldPayerName, "付款人户名", false},
		{KindAcceptance, evidence.FieldBuyerName, "采购单位", false},
	}
	sellerFields = []partyField{
		{KindContract, evidence.FieldSellerName, "供应商名称", false},
		{KindContract, evidence.FieldSellerID, "供应商统一社会信用代码", true},
		{KindInvoice, evidence.FieldSellerName, "销售方名称", false},
		{KindInvoice, evidence.FieldSellerID, "销售方纳税人识别号", true},
		{KindPayment, evidence.FieldPayeeName, "收款人户名", false},
		{KindAcceptance, evidence.FieldSellerName, "供货单位", false},
	}
)

// SameParty reports whether a name read from a document names the party
// registered as want: equal after ident.NormalizeName (spaces, full-width
// forms, punctuation), or after ident.SimilarName (有限公司, 合作社 and
// other organisation forms).
func SameParty(got, want string) bool {
	return ident.NormalizeName(got) == ident.NormalizeName(want) || ident.SimilarName(got) == ident.SimilarName(want)
}

// parties: party.buyer, party.seller (names and codes on contract,
// invoice, payment and acceptance), party.payee_account.
func (c *checker) parties() {
	check := func(rule, who string, fields []partyField, name, id string) {
		for _, p := range fields {
			want := name
			if p.id {
				want = id
			}
			if c.usable[p.kind] == nil || want == "" {
				continue // individuals have no credit code
			}
			f := c.usable[p.kind].Fields[p.field]
			if f.Value == "" {
				c.missing(p.kind, p.field, p.label)
				continue
			}
			same := SameParty(f.Value, want)
			if p.id {
				same = ident.NormalizeUSCC(f.Value) == ident.NormalizeUSCC(want)
			}
			if !same {
				c.add(rule, SeverityContradiction, map[string]any{"kind": p.kind, "field": p.field, "value": f.Value, "want": want, "text": f.Text},
					fmt.Sprintf("%s %s「%s」≠ 订单%s「%s」", p.kind.Label(), p.label, f.Value, who, want),
					fmt.Sprintf("%s %s %q is not the order's %s %q", p.kind, p.field, f.Value, rule[len("party."):], want))
			}
		}
	}
	check(RuleBuyer, "采购人", buyerFields, c.in.Buyer.Name, c.in.Buyer.USCC)
	check(RuleSeller, "供应商", sellerFields, c.in.Supplier.Name, c.in.Supplier.USCC)

	if d := c.usable[KindPayment]; d != nil {
		f := d.Fields[evidence.FieldPayeeAccount]
		want := c.in.Supplier.BankAccount
		switch {
		case f.Value == "":
			c.missing(KindPayment, evidence.FieldPayeeAccount, "收款人账号")
		case f.Value != want:
			c.add(RulePayeeAccount, SeverityContradiction, map[string]any{"kind": KindPayment, "field": evidence.FieldPayeeAccount, "value": f.Value, "want": want, "text": f.Text},
				fmt.Sprintf("收款人账号 %s ≠ 供应商登记账号 %s", f.Value, want),
				fmt.Sprintf("payee account %s is not the supplier's registered account %s", f.Value, want))
		}
	}
}

// CountyInAddress returns the Hunan county-level division an address is in:
// the first county name the address spells, the longest where names start
// at the same place (湖南省株洲市茶陵县城关镇… → 茶陵县). The buyer's name
// printed after the street (… 茶陵县第二中学) does not count, being later.
func CountyInAddress(addr string) (Division, bool) {
	best, at := Division{}, -1
	for _, d := range HunanCounties() {
		i := strings.Index(addr, d.Name)
		if i < 0 {
			continue
		}
		if at < 0 || i < at || (i == at && len(d.Name) > len(best.Name)) {
			best, at = d, i
		}
	}
	return best, at >= 0
}

// county: logistics.county — the courier recipient's address is in the
// buyer's county.
func (c *checker) county() {
	d := c.usable[KindLogistics]
	want := c.in.Buyer.DivisionCode
	if d == nil || want == "" {
		return
	}
	f := d.Fields[evidence.FieldAddress]
	if f.Value == "" {
		c.missing(KindLogistics, evidence.FieldAddress, "收件地址")
		return
	}
	got, ok := CountyInAddress(f.Value)
	wantName := c.in.BuyerDivision.Name
	if wantName == "" {
		wantName = want
	}
	if bd := c.in.BuyerDivision; bd.Name != "" && !bd.IsCounty() {
		// A prefecture's own units (市直单位, development zones): delivered
		// anywhere in the prefecture, or to an address that names only it.
		switch {
		case ok && got.CityCode == want:
			return
		case !ok && strings.Contains(f.Value, bd.Name):
			return
		}
	}
	if !ok {
		c.add(RuleCounty, SeverityWarning, map[string]any{"kind": KindLogistics, "field": evidence.FieldAddress, "value": f.Value, "want": want},
			fmt.Sprintf("收件地址「%s」未写明县（市、区），采购人在%s", f.Value, wantName),
			fmt.Sprintf("the delivery address names no county; the buyer is in %s", wantName))
		return
	}
	if got.Code != want {
		c.add(RuleCounty, SeverityContradiction, map[string]any{"kind": KindLogistics, "field": evidence.FieldAddress, "value": f.Value, "county": got.Code, "want": want},
			fmt.Sprintf("物流凭证 收件地址在%s%s，采购人在%s", got.CityName, got.Name, wantName),
			fmt.Sprintf("delivered to %s (%s), the buyer is in %s", got.Name, got.Code, want))
	}
}
