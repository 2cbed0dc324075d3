package samples

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// The five documents' layouts. Each kind has three variants, and each
// document also draws its separators, amount and date styles, so that the
// extractor sees the forms the text contract (docs/labels) allows. All
// choices come from the order's seed: the same seed lays out the same page.

// Formatting styles drawn per document.
type styles struct {
	sep    string // "：", ":" or "" (space)
	amount int    // 0 ¥1,234.50; 1 ￥1234.50; 2 1,234.50元
	date   int    // 0 2021年10月05日; 1 2021-10-05; 2 2021/10/05
}

func drawStyles(rng *rand.Rand) styles {
	return styles{
		sep:    pick(rng, []string{"：", "：", ":", ""}),
		amount: rng.IntN(3),
		date:   rng.IntN(3),
	}
}

// grouped formats f as yuan with thousands separators: 1,234.50.
func grouped(f money.Fen) string { return f.Grouped() }

// amountText prints a figure in the document's amount style.
func (s styles) amountText(f money.Fen) string {
	switch s.amount {
	case 1:
		return "￥" + f.String()
	case 2:
		return grouped(f) + "元"
	}
	return "¥" + grouped(f)
}

// dateText prints a date in the document's date style.
func (s styles) dateText(d pipeline.Date) string {
	switch s.date {
	case 1:
		return d.String()
	case 2:
		return fmt.Sprintf("%04d/%02d/%02d", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d年%02d月%02d日", d.Year, int(d.Month), d.Day)
}

// unitPrice prints amount/qty in yuan with up to eight decimals, at least
// two (an invoice's 单价 before tax).
func unitPrice(amount money.Fen, qty money.Qty) string {
	if qty <= 0 {
		return ""
	}
	// yuan = fen/100 ÷ (qty/1000) = fen×10/qty; scaled by 1e8.
	num := new(big.Int).Mul(big.NewInt(int64(amount)), big.NewInt(10*100_000_000))
	den := big.NewInt(int64(qty))
	num.Mul(num, big.NewInt(2)).Add(num, den)
	num.Quo(num, new(big.Int).Mul(den, big.NewInt(2)))
	s := num.String()
	for len(s) < 9 {
		s = "0" + s
	}
	whole, frac := s[:len(s)-8], strings.TrimRight(s[len(s)-8:], "0")
	for len(frac) < 2 {
		frac += "0"
	}
	return whole + "." + frac
}

// rateText prints a tax rate.
func rateText(rate int) string {
	if rate == exempt {
		return "免税"
	}
	return fmt.Sprintf("%d%%", rate)
}

// render lays out one document of d in the layout assigned to it (see
// assignLayouts); without one, the classic renderer draws its variant from
// the document's stream, as it always has. The page records the layout's id
// and the fields it prints.
func render(f *face, d *orderDocs, kind pipeline.DocKind) *page {
	rng := rand.New(rand.NewPCG(d.seed, kindSalt(kind)))
	p := newPage(f)
	force := -1
	if sp := d.layout(kind); sp != nil {
		if !sp.isClassic() {
			p.layout = sp.id
			sp.draw(p, rng, d)
			return p
		}
		force = sp.classic
	}
	switch kind {
	case pipeline.KindContract:
		renderContract(p, rng, d, force)
	case pipeline.KindPayment:
		renderPayment(p, rng, d, force)
	case pipeline.KindLogistics:
		renderLogistics(p, rng, d, force)
	case pipeline.KindInvoice:
		renderInvoice(p, rng, d, force)
	case pipeline.KindAcceptance:
		renderAcceptance(p, rng, d, force)
	}
	return p
}

// variant returns force if it is a variant, else n drawn from rng (which is
// drawn from either way, so that the rest of the page is the same).
func variant(rng *rand.Rand, n, force int) int {
	v := rng.IntN(n)
	if force >= 0 {
		return force
	}
	return v
}

// classicID is the id of a classic renderer's variant.
func classicID(kind pipeline.DocKind, v int) string {
	for _, sp := range layoutSpecs {
		if sp.kind == kind && sp.isClassic() && sp.classic == v {
			return sp.id
		}
	}
	return string(kind) + "/classic"
}

// goodsRows are the rows of a contract's lines table, and the 合计 row.
func goodsRows(lines []docLine, total money.Fen) [][]string {
	var rows [][]string
	for i, l := range lines {
		rows = append(rows, []string{fmt.Sprint(i + 1), l.name, l.unit, l.qty.String(), l.price.String(), l.amount.String()})
	}
	return append(rows, []string{"合计", "", "", "", "", total.String()})
}

func renderContract(p *page, rng *rand.Rand, d *orderDocs, force int) {
	c := &d.contract
	st := drawStyles(rng)
	variant := variant(rng, 3, force)
	p.layout = classicID(pipeline.KindContract, variant)
	p.field("number", d.contractNo)
	p.field("date", fDate(c.date))
	p.field("buyer_name", c.buyerName)
	p.field("buyer_id", c.buyerID)
	p.field("seller_name", c.sellerName)
	p.field("seller_id", c.sellerID)
	p.field("order_no", d.no)
	p.field("total", fAmount(c.total))
	const size = 10.5
	title := pick(rng, []string{"政府采购合同", "农副产品采购合同", "湖南省政府采购电子卖场采购合同"})
	p.title(title, 17)
	upper := money.Uppercase(c.upper)
	p.field("total_upper", upper)
	total := st.amountText(c.total)
	header := []string{"序号", "商品名称", "单位", "数量", "单价（元）", "金额（元）"}
	right := []bool{false, false, false, true, true, true}
	buyerID, sellerID := kv{}, kv{}
	switch variant {
	case 0: // one or two pairs a row, full labels
		if c.buyerID != "" {
			buyerID = kv{"采购人统一社会信用代码", c.buyerID}
		}
		sellerID = kv{"供应商统一社会信用代码", c.sellerID}
		p.pairs(st.sep, size, kv{"合同编号", d.contractNo}, kv{"签订日期", st.dateText(c.date)})
		p.pairs(st.sep, size, kv{"订单编号", d.no})
		p.gap(4)
		p.pairs(st.sep, size, kv{"采购人（甲方）", c.buyerName})
		p.pairs(st.sep, size, buyerID)
		p.pairs(st.sep, size, kv{"供应商（乙方）", c.sellerName})
		p.pairs(st.sep, size, sellerID)
		p.gap(6)
		p.line("甲乙双方经协商一致，就以下农副产品的采购订立本合同。", size)
		p.table(size-1, true, header, right, goodsRows(c.lines, c.total))
		p.pairs(st.sep, size, kv{"合同总金额（小写）", total})
		p.pairs(st.sep, size, kv{"合同总金额（大写）", upper})
	case 1: // bordered grid
		if c.buyerID != "" {
			buyerID = kv{"甲方统一社会信用代码", c.buyerID}
		}
		sellerID = kv{"乙方统一社会信用代码", c.sellerID}
		p.grid(size,
			[]kv{{"合同编号", d.contractNo}, {"签订时间", st.dateText(c.date)}},
			[]kv{{"订单编号", d.no}},
			[]kv{{"甲方（采购人）", c.buyerName}},
			nonEmpty(buyerID),
			[]kv{{"乙方（供应商）", c.sellerName}},
			[]kv{sellerID},
		)
		p.table(size-1, true, header, right, goodsRows(c.lines, c.total))
		p.grid(size, []kv{{"合同金额（小写）", total}}, []kv{{"合同金额（大写）", upper}})
	default: // compact, short party labels
		if c.buyerID != "" {
			buyerID = kv{"甲方统一社会信用代码", c.buyerID}
		}
		sellerID = kv{"乙方统一社会信用代码", c.sellerID}
		p.pairs(st.sep, size, kv{"合同编号", d.contractNo}, kv{"订单编号", d.no}, kv{"签订日期", st.dateText(c.date)})
		p.hrule()
		p.pairs(st.sep, size, kv{"甲方", c.buyerName}, buyerID)
		p.pairs(st.sep, size, kv{"乙方", c.sellerName}, sellerID)
		p.gap(6)
		p.table(size-1, false, header, right, goodsRows(c.lines, c.total))
		p.pairs(st.sep, size, kv{"合同金额（小写）", total}, kv{"合同金额（大写）", upper})
	}
	p.gap(8)
	p.line("一、交货地点："+c.place, size-1)
	p.line(fmt.Sprintf("二、交货时间：合同签订后%d日内送达，运费由供货方承担。", 3+rng.IntN(5)), size-1)
	p.line(fmt.Sprintf("三、付款方式：货物验收合格并收到发票后%d个工作日内一次性支付。", c.payDays), size-1)
	p.line("四、质量要求：产品须符合国家食品安全标准，来自国家扶贫产品名录。", size-1)
	p.line("五、本合同经双方在湖南省政府采购电子卖场确认后生效。", size-1)
	p.gap(18)
	p.pairs("：", size, kv{"采购方签章", ""}, kv{"供货方签章", ""})
	p.pairs("：", size, kv{"代表签字", d.buyer.contact}, kv{"代表签字", d.supplier.contact})
}

func nonEmpty(x kv) []kv {
	if x.label == "" {
		return nil
	}
	return []kv{x}
}

func renderPayment(p *page, rng *rand.Rand, d *orderDocs, force int) {
	v := &d.payment
	st := drawStyles(rng)
	const size = 10
	upper := money.Uppercase(v.upper)
	if rng.IntN(2) == 0 {
		upper = "人民币" + upper
	}
	amount := st.amountText(v.amount)
	variant := variant(rng, 3, force)
	p.layout = classicID(pipeline.KindPayment, variant)
	for _, f := range [][2]string{
		{"date", fDate(v.date)}, {"serial", v.serial}, {"receipt_no", v.receiptNo},
		{"payer_name", v.payerName}, {"payer_account", fID(v.payerAccount)}, {"payer_bank", v.payerBank},
		{"payee_name", v.payeeName}, {"payee_account", fID(v.payeeAccount)}, {"payee_bank", v.payeeBank},
		{"amount", fAmount(v.amount)}, {"amount_upper", upper}, {"purpose", v.purpose},
	} {
		p.field(f[0], f[1])
	}
	switch variant {
	case 0: // bordered receipt with payer and payee side by side
		p.title(v.bankTitle, 16)
		p.grid(size,
			[]kv{{"交易日期", st.dateText(v.date)}, {"回单编号", v.receiptNo}},
			[]kv{{"交易流水号", v.serial}},
			[]kv{{"付款人户名", v.payerName}, {"收款人户名", v.payeeName}},
			[]kv{{"付款人账号", v.payerAccount}, {"收款人账号", v.payeeAccount}},
			[]kv{{"付款人开户行", v.payerBank}, {"收款人开户行", v.payeeBank}},
			[]kv{{"金额（小写）", amount}},
			[]kv{{"金额（大写）", upper}},
			[]kv{{"用途", v.purpose}},
		)
	case 1: // one field a row
		p.title("网上银行电子回单", 16)
		p.pairs(st.sep, size, kv{"记账日期", st.dateText(v.date)})
		p.pairs(st.sep, size, kv{"流水号", v.serial})
		p.pairs(st.sep, size, kv{"回单号", v.receiptNo})
		p.hrule()
		p.pairs(st.sep, size, kv{"付款方户名", v.payerName})
		p.pairs(st.sep, size, kv{"付款方账号", v.payerAccount})
		p.pairs(st.sep, size, kv{"付款方开户行", v.payerBank})
		p.hrule()
		p.pairs(st.sep, size, kv{"收款方户名", v.payeeName})
		p.pairs(st.sep, size, kv{"收款方账号", v.payeeAccount})
		p.pairs(st.sep, size, kv{"收款方开户行", v.payeeBank})
		p.hrule()
		p.pairs(st.sep, size, kv{"交易金额（小写）", amount})
		p.pairs(st.sep, size, kv{"交易金额（大写）", upper})
		p.pairs(st.sep, size, kv{"摘要", v.purpose})
	default: // business receipt, two pairs a row
		p.title("业务回单（付款）", 16)
		p.pairs(st.sep, size, kv{"交易日期", st.dateText(v.date)}, kv{"回单编号", v.receiptNo})
		p.pairs(st.sep, size, kv{"交易流水号", v.serial})
		p.hrule()
		p.pairs(st.sep, size, kv{"付款人名称", v.payerName}, kv{"收款人名称", v.payeeName})
		p.pairs(st.sep, size, kv{"付款人账号", v.payerAccount}, kv{"收款人账号", v.payeeAccount})
		p.pairs(st.sep, size, kv{"付款人开户行", v.payerBank}, kv{"收款人开户行", v.payeeBank})
		p.hrule()
		p.pairs(st.sep, size, kv{"小写金额", amount}, kv{"大写金额", upper})
		p.pairs(st.sep, size, kv{"用途", v.purpose})
	}
	p.gap(8)
	p.line("验证码："+v.verify, size-1)
	p.line("本回单可通过网上银行验证真伪，重复打印无效。", size-1)
	p.rightLine("电子回单专用章", size)
}

func renderLogistics(p *page, rng *rand.Rand, d *orderDocs, force int) {
	v := &d.logistics
	st := drawStyles(rng)
	const size = 10
	weight := fmt.Sprintf("%d.%dkg", v.grams/1000, v.grams%1000/100)
	carrierTitle := v.carrier
	if v.carrier == "中国邮政EMS" {
		carrierTitle = "中国邮政 EMS"
	}
	variant := variant(rng, 3, force)
	p.layout = classicID(pipeline.KindLogistics, variant)
	for _, f := range [][2]string{
		{"carrier", v.carrier}, {"tracking_no", fID(v.trackingNo)}, {"shipped", fDate(v.shipped)}, {"signed", fDate(v.signed)},
		{"sender", v.sender}, {"recipient", v.recipient}, {"address", v.address},
		{"pieces", fCount(v.pieces)}, {"weight", fWeight(v.grams)}, {"order_no", d.no},
	} {
		p.field(f[0], f[1])
	}
	switch variant {
	case 0:
		p.title(carrierTitle+" 电子运单", 16)
		p.pairs(st.sep, size, kv{"运单号", v.trackingNo}, kv{"承运公司", v.carrier})
		p.hrule()
		p.pairs(st.sep, size, kv{"寄件人", v.sender})
		p.pairs(st.sep, size, kv{"寄件电话", v.senderPhone}, kv{"寄件日期", st.dateText(v.shipped)})
		p.pairs(st.sep, size, kv{"寄件地址", v.senderAddress})
		p.hrule()
		p.pairs(st.sep, size, kv{"收件人", v.recipient})
		p.pairs(st.sep, size, kv{"收件电话", v.phone}, kv{"签收日期", st.dateText(v.signed)})
		p.pairs(st.sep, size, kv{"收件地址", v.address})
		p.hrule()
		p.pairs(st.sep, size, kv{"件数", fmt.Sprint(v.pieces)}, kv{"重量", weight})
		p.pairs(st.sep, size, kv{"订单编号", d.no})
	case 1:
		p.title(carrierTitle+" 快递详情单", 16)
		p.grid(size,
			[]kv{{"快递公司", v.carrier}, {"快递单号", v.trackingNo}},
			[]kv{{"寄件人", v.sender}},
			[]kv{{"寄件日期", st.dateText(v.shipped)}, {"签收日期", st.dateText(v.signed)}},
			[]kv{{"收件人", v.recipient}},
			[]kv{{"收件地址", v.address}},
			[]kv{{"件数", fmt.Sprint(v.pieces)}, {"重量", weight}},
			[]kv{{"订单编号", d.no}},
		)
	default:
		p.title("物流（快递）签收凭证", 16)
		p.pairs(st.sep, size, kv{"承运商", v.carrier})
		p.pairs(st.sep, size, kv{"运单号码", v.trackingNo})
		p.pairs(st.sep, size, kv{"揽收日期", st.dateText(v.shipped)}, kv{"签收日期", st.dateText(v.signed)})
		p.pairs(st.sep, size, kv{"寄件人", v.sender})
		p.pairs(st.sep, size, kv{"收件人", v.recipient})
		p.pairs(st.sep, size, kv{"收件地址", v.address})
		p.pairs(st.sep, size, kv{"件数", fmt.Sprint(v.pieces)}, kv{"重量", weight})
		p.pairs(st.sep, size, kv{"备注（订单）", d.no})
	}
	p.gap(10)
	p.line("签收状态：已签收（本人签收）", size-1)
	p.line("货物已按约定送达，包装完好。", size-1)
}

func renderInvoice(p *page, rng *rand.Rand, d *orderDocs, force int) {
	v := &d.invoice
	st := drawStyles(rng)
	st.amount = rng.IntN(2) // invoices print ¥1,234.50 or ￥1234.50
	const size = 9.5
	title := "电子发票（普通发票）"
	if v.special {
		title = "电子发票（增值税专用发票）"
	}
	p.title(title, 17)
	p.pairs("：", size, kv{"发票号码", v.number})
	p.pairs("：", size, kv{"开票日期", st.dateText(v.date)})
	p.gap(4)
	variant := variant(rng, 2, force)
	p.layout = classicID(pipeline.KindInvoice, variant)
	if variant == 0 {
		// (a) stacked, each label names its party.
		idLabel := pick(rng, []string{"纳税人识别号", "统一社会信用代码/纳税人识别号"})
		top := p.y
		p.gap(3)
		p.pairs("：", size, kv{"购买方名称", v.buyerName})
		if v.buyerID != "" {
			p.pairs("：", size, kv{"购买方" + idLabel, v.buyerID})
		}
		p.pairs("：", size, kv{"销售方名称", v.sellerName})
		p.pairs("：", size, kv{"销售方" + idLabel, v.sellerID})
		p.box(top, false)
	} else {
		// (b) the real invoice's two columns: buyer left, seller right.
		head := pick(rng, [][2]string{{"购买方信息", "销售方信息"}, {"购 买 方", "销 售 方"}})
		top := p.y
		p.gap(3)
		p.columns(size, head)
		p.columns(size, [2]string{"名称：" + v.buyerName, "名称：" + v.sellerName})
		const idLabel = "统一社会信用代码/纳税人识别号："
		left := ""
		if v.buyerID != "" {
			left = idLabel + v.buyerID
		}
		p.columns(size, [2]string{left, idLabel + v.sellerID})
		p.box(top, true)
	}
	p.gap(4)
	var rows [][]string
	allExempt := true
	for _, l := range v.lines {
		tax := l.tax.String()
		if l.rate == exempt {
			tax = "***"
		} else {
			allExempt = false
		}
		rows = append(rows, []string{l.item, l.spec, l.unit, l.qty.String(), unitPrice(l.amount, l.qty), l.amount.String(), rateText(l.rate), tax})
	}
	taxTotal := st.amountText(v.tax)
	if allExempt {
		taxTotal = "***"
	}
	rows = append(rows, []string{"合计", "", "", "", "", st.amountText(v.amount), "", taxTotal})
	p.table(size-1, rng.IntN(2) == 0,
		[]string{"项目名称", "规格型号", "单位", "数量", "单价", "金额", "税率/征收率", "税额"},
		[]bool{false, false, false, true, true, true, true, true}, rows)
	upper := money.UppercaseInvoice(v.upper)
	if rng.IntN(4) != 0 {
		upper = "⊗" + upper
	}
	invoiceFields(p, d, upper, v.number, "")
	if rng.IntN(2) == 0 {
		// Label, uppercase, （小写） and figures on one row, as printed.
		y := baseline(p.y, size)
		half := marginX + contentW*0.62
		p.text(marginX, y, size, "价税合计（大写）")
		p.text(marginX+p.f.Width("价税合计（大写）", size)+12, y, size, upper)
		p.text(half, y, size, "（小写）"+st.amountText(v.total))
		p.y += rowHeight(size)
	} else {
		p.pairs("：", size, kv{"价税合计（大写）", upper})
		p.pairs("：", size, kv{"价税合计（小写）", st.amountText(v.total)})
	}
	p.gap(4)
	p.pairs("：", size, kv{"备注", "订单编号：" + d.no})
	p.pairs("：", size, kv{"开票人", v.issuer})
}

func renderAcceptance(p *page, rng *rand.Rand, d *orderDocs, force int) {
	v := &d.acceptance
	st := drawStyles(rng)
	const size = 10
	var rows [][]string
	for i, l := range v.lines {
		rows = append(rows, []string{fmt.Sprint(i + 1), l.name, l.unit, l.qty.String(), l.received.String(), l.price.String(), l.amount.String()})
	}
	rows = append(rows, []string{"合计", "", "", "", "", "", v.total.String()})
	header := []string{"序号", "品名", "单位", "应收数量", "实收数量", "单价（元）", "金额（元）"}
	right := []bool{false, false, false, true, true, true, true}
	total := st.amountText(v.total)
	quality := "包装完好，数量相符，产品符合食品安全标准"
	variant := variant(rng, 3, force)
	p.layout = classicID(pipeline.KindAcceptance, variant)
	for _, f := range [][2]string{
		{"order_no", d.no}, {"contract_no", d.contractNo}, {"buyer_name", v.buyerName}, {"seller_name", v.sellerName},
		{"date", fDate(v.date)}, {"total", fAmount(v.total)}, {"conclusion", v.conclusion}, {"signer", v.signers},
	} {
		p.field(f[0], f[1])
	}
	switch variant {
	case 0:
		p.title("验收报告", 17)
		p.pairs(st.sep, size, kv{"订单编号", d.no}, kv{"合同编号", d.contractNo})
		p.pairs(st.sep, size, kv{"采购单位", v.buyerName})
		p.pairs(st.sep, size, kv{"供应商", v.sellerName})
		p.pairs(st.sep, size, kv{"验收日期", st.dateText(v.date)})
		p.pairs(st.sep, size, kv{"验收地点", v.place})
		p.gap(4)
		p.table(size-1, true, header, right, rows)
		p.pairs(st.sep, size, kv{"验收金额（小写）", total})
		p.pairs(st.sep, size, kv{"质量情况", quality})
		p.pairs(st.sep, size, kv{"验收结论", v.conclusion})
		p.pairs(st.sep, size, kv{"验收人", v.signers})
	case 1:
		p.title("货物验收单", 17)
		p.grid(size,
			[]kv{{"订单编号", d.no}, {"合同编号", d.contractNo}},
			[]kv{{"验收单位", v.buyerName}},
			[]kv{{"供货单位", v.sellerName}},
			[]kv{{"验收日期", st.dateText(v.date)}},
		)
		p.table(size-1, true, header, right, rows)
		p.grid(size,
			[]kv{{"合计金额", total}},
			[]kv{{"质量情况", quality}},
			[]kv{{"验收结论", v.conclusion}, {"验收人", v.signers}},
		)
	default:
		p.title("农副产品验收单", 17)
		p.pairs(st.sep, size, kv{"订单编号", d.no})
		p.pairs(st.sep, size, kv{"合同编号", d.contractNo})
		p.pairs(st.sep, size, kv{"验收单位", v.buyerName})
		p.pairs(st.sep, size, kv{"供货单位", v.sellerName})
		p.pairs(st.sep, size, kv{"验收日期", st.dateText(v.date)})
		p.hrule()
		p.table(size-1, false, header, right, rows)
		p.pairs(st.sep, size, kv{"合计金额", total}, kv{"验收结论", v.conclusion})
		p.pairs(st.sep, size, kv{"验收人", v.signers})
	}
	p.gap(10)
	p.line("以上货物已按合同约定验收，特此确认。", size-1)
	p.rightLine(st.dateText(v.date), size-1)
}

// invoiceFields records the fields every invoice prints: upper is the
// uppercase amount as printed, number and code the invoice's numbers as
// the layout prints them.
func invoiceFields(p *page, d *orderDocs, upper, number, code string) {
	v := &d.invoice
	for _, f := range [][2]string{
		{"number", number}, {"code", code}, {"date", fDate(v.date)},
		{"buyer_name", v.buyerName}, {"buyer_id", fID(v.buyerID)}, {"seller_name", v.sellerName}, {"seller_id", fID(v.sellerID)},
		{"total", fAmount(v.total)}, {"total_upper", upper}, {"amount", fAmount(v.amount)}, {"tax", fAmount(v.tax)},
		{"issuer", v.issuer}, {"order_no", d.no},
	} {
		p.field(f[0], f[1])
	}
}
