package samples

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
)

// A third batch of held-out layouts (LayoutsHoldout), written on
// 2026-12-02 after the reader's changes of that day and committed before
// it read them, so that what is measured on them was tuned on nothing: a
// bank's one-column 业务回单 whose parties are spelt into each label
// (付款户名, 付款账户, 付款行名, 收款户名 …) with the amount as 金额（小写）
// and 交易时间 in full; a courier's 寄递详情 print-out with 寄件信息 |
// 收件信息 column heads over 姓名/电话/地址 rows and a 时间轴 of
// 下单/揽收/妥投; and a school canteen's 食材验收单 dated with dots
// (2021.10.05), with a 陪餐人 beside the 验收人员 and the order number in its
// head.

func init() {
	register(
		&layoutSpec{id: "payment/ho-one-column", prints: []string{"date", "serial", "receipt_no", "payer_name", "payer_account", "payer_bank", "payee_name", "payee_account", "payee_bank", "amount", "amount_upper", "purpose"},
			draw:  drawHoOneColumn,
			about: "a bank's one-column 业务回单 (邮储/农信 style): 回单编号 and 交易时间 (2021-10-06 10:22:31) in the head, then one label a row with the party spelt into it (付款户名/付款账户/付款行名, 收款户名/收款账户/收款行名), 金额（小写）/金额（大写）, 附言, 交易渠道, and the bank's seal"},
		&layoutSpec{id: "logistics/ho-detail-print", prints: []string{"carrier", "tracking_no", "shipped", "signed", "sender", "recipient", "address", "pieces", "weight", "order_no"},
			fits: byCourier, draw: drawHoDetailPrint,
			about: "a courier's 寄递详情 print-out: carrier and 运单号 in the head, a table with 寄件信息 | 收件信息 column heads over 姓名/电话/地址 rows, 包裹数 and 计费重量, 商家订单号, and a 时间轴 of 下单时间/揽收时间/妥投时间 rows"},
		&layoutSpec{id: "acceptance/ho-school-meal", prints: []string{"order_no", "buyer_name", "seller_name", "date", "total", "conclusion", "signer"},
			lines: capNames | capQty | capPrice | capReceived, draw: drawHoSchoolMeal,
			about: "a school canteen's 食材验收单: 学校 and 订单编号 in the head, 供应单位 and 验收日期 dated with dots (2021.10.05), goods with 订购量/验收量, 总金额, 验收结果, 验收人员（签字） beside 陪餐人 and 食堂负责人; no contract number"},
	)
}

func drawHoOneColumn(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	upper := upperFor(rng, v.upper)
	paymentFields(p, v, upper)
	const L, R = 70.0, pageW - 70
	W := R - L
	brand := bankBrand(v.payerBank)
	y := 56.0
	p.bankLogo(L, y, 14, brand)
	y += 40
	p.putC(pageW/2, y, 16, "业 务 回 单", inkBlack)
	y += 24
	t := workTime(rng)
	p.put(L, y, 9.5, "回单编号："+v.receiptNo, inkBlack)
	p.putR(R, y, 9.5, "交易时间："+v.date.String()+" "+t.String(), inkBlack)
	y += 10
	h := 22.0
	labelW := 110.0
	rows := [][2]string{
		{"付款户名", v.payerName}, {"付款账户", acct(rng, v.payerAccount)}, {"付款行名", v.payerBank},
		{"收款户名", v.payeeName}, {"收款账户", acct(rng, v.payeeAccount)}, {"收款行名", v.payeeBank},
		{"金额（小写）", figureFor(rng, v.amount)}, {"金额（大写）", upper},
		{"附言", v.purpose}, {"交易渠道", pick(rng, []string{"网上银行", "企业网银", "柜面"})},
		{"交易流水号", v.serial},
	}
	top := y
	for _, r := range rows {
		p.cell(L, y, labelW, h, 9.5, r[0], 'l', inkBlack)
		p.cellFit(L+labelW, y, W-labelW, h, 9.5, r[1], 'l')
		y += h
		p.seg(L, y, R, y, thinPen)
	}
	p.frame(L, top, W, y-top, thinPen)
	p.seg(L+labelW, top, L+labelW, y, thinPen)
	y += 16
	p.put(L, y, 8, "打印次数：1  验证码："+v.verify, inkGray)
	p.stamp(bankSeal(v.payerBank, "业务专用章", R-70, y-50))
}

func drawHoDetailPrint(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d)
	const L, R = 50.0, pageW - 50
	W := R - L
	y := 56.0
	p.carrierLogoAt(L, y, 13, v.carrier, carrierInk(v.carrier))
	p.putR(R, y+12, 15, "寄递详情", inkBlack)
	y += 38
	p.put(L, y, 10, "运单号："+v.trackingNo, inkBlack)
	p.putR(R, y, 10, "商家订单号："+d.no, inkBlack)
	y += 12
	h := 24.0
	labelW := 60.0
	colW := (W - labelW) / 2
	top := y
	p.shade(L, y, W, h, inkLight)
	p.cell(L+labelW, y, colW, h, 10, "寄件信息", 'c', inkBlack)
	p.cell(L+labelW+colW, y, colW, h, 10, "收件信息", 'c', inkBlack)
	y += h
	for _, r := range [][3]string{
		{"姓名", v.sender, v.recipient},
		{"电话", maskPhone(v.senderPhone), maskPhone(v.phone)},
		{"地址", v.senderAddress, v.address},
	} {
		p.seg(L, y, R, y, thinPen)
		p.cell(L, y, labelW, h, 9.5, r[0], 'c', inkBlack)
		p.cellFit(L+labelW, y, colW, h, 9, r[1], 'l')
		p.cellFit(L+labelW+colW, y, colW, h, 9, r[2], 'l')
		y += h
	}
	p.frame(L, top, W, y-top, thinPen)
	p.seg(L+labelW, top, L+labelW, y, thinPen)
	p.seg(L+labelW+colW, top, L+labelW+colW, y, thinPen)
	y += 24
	p.put(L, y, 10, fmt.Sprintf("包裹数：%d", v.pieces), inkBlack)
	p.put(L+W/3, y, 10, "计费重量："+kg(v.grams)+" kg", inkBlack)
	p.put(L+2*W/3, y, 10, "物品："+itemNames(d, 2), inkBlack)
	y += 30
	p.put(L, y, 11, "时间轴", inkBlack)
	y += 6
	ordered := addDays(v.shipped, -rng.IntN(2))
	a, b := workTime(rng), workTime(rng)
	for _, r := range [][2]string{
		{"妥投时间", v.signed.String() + " " + b.String()},
		{"揽收时间", v.shipped.String() + " " + a.String()},
		{"下单时间", ordered.String() + " " + a.later(-1).String()},
	} {
		y += 20
		p.put(L+12, y, 10, r[0], inkGray)
		p.put(L+90, y, 10, r[1], inkBlack)
	}
}

func drawHoSchoolMeal(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	accFields(p, d, v.signers, "contract_no")
	const L, R = 48.0, pageW - 48
	W := R - L
	y := 60.0
	p.putC(pageW/2, y, 16, v.buyerName, inkBlack)
	y += 24
	p.putC(pageW/2, y, 15, "食 材 验 收 单", inkBlack)
	y += 24
	dots := strings.ReplaceAll(v.date.String(), "-", ".")
	p.put(L, y, 10, "供应单位："+v.sellerName, inkBlack)
	p.putR(R, y, 10, "订单编号："+d.no, inkBlack)
	y += 18
	p.put(L, y, 10, "验收日期："+dots, inkBlack)
	p.putR(R, y, 10, "餐次："+pick(rng, []string{"早餐", "午餐", "晚餐"}), inkBlack)
	y += 10
	var body [][]string
	for i, l := range v.lines {
		body = append(body, []string{fmt.Sprint(i + 1), l.name, l.unit, l.qty.String(), l.received.String(), l.price.String(), l.amount.String(), "良好"})
	}
	y = p.tableAt(L, y, W, []column{{"序号", 28, 'c'}, {"食材名称", 90, 'c'}, {"单位", 30, 'c'}, {"订购量", 50, 'r'}, {"验收量", 50, 'r'}, {"单价", 50, 'r'}, {"金额", 60, 'r'}, {"感官", 40, 'c'}},
		body, tableOpts{size: 9, rowH: 20, pe: thinPen, inner: true, rows: true, outer: true})
	y += 20
	p.put(L, y, 10.5, "总金额："+yenPlain(v.total)+"（"+money.Uppercase(v.total)+"）", inkBlack)
	y += 20
	p.put(L, y, 10.5, "验收结果："+v.conclusion, inkBlack)
	y += 34
	p.put(L, y, 10.5, "验收人员（签字）："+v.signers, inkBlack)
	p.put(L+W*0.5, y, 10.5, "陪餐人："+pick(rng, []string{"吴校长", "刘老师", "陈老师"}), inkBlack)
	y += 20
	p.put(L+W*0.5, y, 10.5, "食堂负责人："+pick(rng, []string{"李建国", "周红"}), inkBlack)
}
