package samples

import (
	"fmt"
	"math/rand/v2"

	"github.com/heshi-verify/heshi/evidence/money"
)

// Held-out contract layouts (LayoutsHoldout): a 供货合同 whose parties sit
// in a three-column table with the labels in the middle (甲方 | 项目 | 乙方),
// and an 订货单 issued under a framework agreement (框架协议), a one-page
// form with 纳税人识别号 for the parties' codes and a delivery date on each
// line.

func init() {
	all := contractPrints
	lines := capNames | capQty | capPrice
	register(
		&layoutSpec{id: "contract/ho-mid-labels", prints: all, lines: lines, draw: drawHoContractMidLabels,
			about: "供货合同 whose parties sit in a three-column table, 甲方（需方）| 项  目 | 乙方（供方）, the labels (单位名称, 统一社会信用代码, 联系人, 联系电话, 通讯地址, 开户银行, 银行账号) in the shaded middle column and each side's values centred beside them; 供货清单 with a 合计 row, 合同金额 as figures then words in brackets, 签订日期 under each signature"},
		&layoutSpec{id: "contract/ho-order-form", prints: all, lines: lines, draw: drawHoContractOrderForm,
			about: "订货单（合同）under a 框架协议 (协议编号 beside the 合同（订单）编号): bordered header of 需方（订货单位）/供方（供货单位） with 纳税人识别号, 订货日期, 收货地址; lines with 交货日期; 合计金额（人民币大写）and ￥ in one row; 约定事项; 需方/供方 签章 cells with 经办人 and 日期"},
	)
}

func drawHoContractMidLabels(p *page, rng *rand.Rand, d *orderDocs) {
	c := &d.contract
	const L, R = 56.0, pageW - 56
	W := R - L
	upper := money.Uppercase(c.upper)
	contractFields(p, d, upper)
	y := 62.0
	p.putC(pageW/2, y, 19, pick(rng, []string{"农副产品供货合同", "食材供货合同", "农产品供货合同"}), inkBlack)
	y += 28
	p.put(L, y, 9.5, "合同编号："+d.contractNo, inkBlack)
	p.putR(R, y, 9.5, "签订地点："+shortCity(d.buyer.div.CityName)+shortCounty(d.buyer.div.Name), inkBlack)
	y += 10
	// The parties: values either side of the labels.
	sideW, labW := W*0.4, W*0.2
	h := 22.0
	rows := [][3]string{
		{c.buyerName, "单位名称", c.sellerName},
		{c.buyerID, pick(rng, []string{"统一社会信用代码", "社会信用代码"}), c.sellerID},
		{d.buyer.contact, "联 系 人", d.supplier.contact},
		{d.buyer.phone, "联系电话", d.supplier.phone},
		{"湖南省" + d.buyer.address, "通讯地址", supplierAddress(d)},
		{d.payment.payerBank, "开户银行", d.supplier.BankName},
		{d.payment.payerAccount, "银行账号", d.supplier.BankAccount},
	}
	top := y
	p.shade(L, y, W, h, inkLight)
	p.shade(L+sideW, y+h, labW, float64(len(rows))*h, inkLight)
	p.cell(L, y, sideW, h, 10.5, "甲方（需方）", 'c', inkBlack)
	p.cell(L+sideW, y, labW, h, 10.5, "项    目", 'c', inkBlack)
	p.cell(L+sideW+labW, y, sideW, h, 10.5, "乙方（供方）", 'c', inkBlack)
	y += h
	for _, r := range rows {
		p.seg(L, y, R, y, thinPen)
		p.cellFit(L, y, sideW, h, 9.5, r[0], 'c')
		p.cell(L+sideW, y, labW, h, 9.5, r[1], 'c', inkBlack)
		p.cellFit(L+sideW+labW, y, sideW, h, 9.5, r[2], 'c')
		y += h
	}
	p.frame(L, top, W, y-top, thinPen)
	p.seg(L+sideW, top, L+sideW, y, thinPen)
	p.seg(L+sideW+labW, top, L+sideW+labW, y, thinPen)
	y += 12
	y = p.para(L, y, W, 10, 17, fmt.Sprintf("　　甲方通过湖南省政府采购电子卖场（乡村振兴馆）向乙方采购农副产品（电子卖场订单编号：%s）。为明确双方权利义务，根据《中华人民共和国民法典》等有关规定，经双方协商一致，签订本合同。", d.no), inkBlack)
	y += 4
	p.put(L, y+10, 10.5, "一、供货清单", inkBlack)
	y += 16
	body := goodsTable(c.lines, true)
	for i := range body {
		body[i] = append(body[i], "")
	}
	body = append(body, []string{"合计", "", "", "", "", "", c.total.String(), ""})
	y = p.tableAt(L, y, W, []column{
		{"序号", 28, 'c'}, {"品名", 84, 'c'}, {"规格", 62, 'c'}, {"单位", 34, 'c'}, {"数量", 50, 'c'}, {"单价（元）", 58, 'c'}, {"金额（元）", 66, 'c'}, {"备注", 40, 'c'},
	}, body, tableOpts{size: 9.5, rowH: 21, pe: thinPen, inner: true, rows: true, outer: true})
	y += 10
	// Figures first, the words in brackets.
	y = p.para(L, y, W, 10.5, 18, "二、合同金额：本合同总金额为人民币 ¥"+grouped(c.total)+" 元（大写："+upper+"），该价格已包含货物、包装、运输、装卸及税费等全部费用。", inkBlack)
	for _, cl := range []string{
		fmt.Sprintf("三、交货时间及地点：乙方应于%s前将货物送至%s，由甲方指定人员签收。", dateCNShort(addDays(c.date, 2+rng.IntN(5))), c.place),
		"四、质量要求：货物须为国家脱贫地区农副产品，新鲜、无变质，符合国家食品安全标准；乙方随货提供检验检疫证明或产品合格证。",
		fmt.Sprintf("五、验收与结算：货物经甲方验收合格后，乙方开具合法有效的发票，甲方在收到发票之日起%d日内将货款转入乙方上述账户。", c.payDays),
		"六、违约责任：任何一方违约的，应赔偿对方因此造成的损失；因不可抗力不能履行的，双方互不承担责任。",
		"七、本合同一式贰份，甲乙双方各执壹份，自双方签字盖章之日起生效。",
	} {
		y = p.para(L, y, W, 10, 17, cl, inkBlack) + 2
	}
	y += 30
	half := W / 2
	for i, s := range [][3]string{{"甲方（盖章）：", c.buyerName, d.buyer.contact}, {"乙方（盖章）：", c.sellerName, d.supplier.contact}} {
		x := L + float64(i)*half
		p.put(x, y, 10.5, s[0], inkBlack)
		p.put(x, y+24, 10, "授权代表（签字）："+s[2], inkBlack)
		p.put(x, y+48, 10, "签订日期："+dateCNShort(c.date), inkBlack)
		p.stamp(sealFor(s[1], "合同专用章", x+110, y+10))
	}
}

func drawHoContractOrderForm(p *page, rng *rand.Rand, d *orderDocs) {
	c := &d.contract
	const L, R = 40.0, pageW - 40
	W := R - L
	upper := money.Uppercase(c.upper)
	contractFields(p, d, upper)
	y := 56.0
	p.putC(pageW/2, y, 18, pick(rng, []string{"农副产品订货单（合同）", "采购订货单（合同）"}), inkBlack)
	y += 24
	p.put(L, y, 9.5, "合同（订单）编号："+d.contractNo, inkBlack)
	p.putR(R, y, 9.5, "电子卖场订单号："+d.no, inkBlack)
	y += 16
	p.put(L, y, 9.5, "框架协议编号：KJXY-2021-"+fmt.Sprintf("%03d", 1+rng.IntN(120)), inkBlack)
	p.putR(R, y, 9.5, "订货日期："+dateSlash(c.date), inkBlack)
	y += 8
	h := 22.0
	lw := 96.0
	half := W / 2
	top := y
	for _, r := range [][4]string{
		{"需方（订货单位）", c.buyerName, "纳税人识别号", c.buyerID},
		{"供方（供货单位）", c.sellerName, "纳税人识别号", c.sellerID},
		{"需方联系人", d.buyer.contact + "  " + d.buyer.phone, "供方联系人", d.supplier.contact + "  " + d.supplier.phone},
	} {
		p.shade(L, y, lw, h, inkLight)
		p.cell(L, y, lw, h, 9.5, r[0], 'c', inkBlack)
		p.cellFit(L+lw, y, half+20-lw, h, 9.5, r[1], 'l')
		p.shade(L+half+20, y, 72, h, inkLight)
		p.cell(L+half+20, y, 72, h, 9.5, r[2], 'c', inkBlack)
		p.cellFit(L+half+92, y, half-92, h, 9.5, r[3], 'l')
		for _, x := range []float64{L + lw, L + half + 20, L + half + 92} {
			p.seg(x, y, x, y+h, thinPen)
		}
		y += h
		p.seg(L, y, R, y, thinPen)
	}
	p.shade(L, y, lw, h, inkLight)
	p.cell(L, y, lw, h, 9.5, "收货地址", 'c', inkBlack)
	p.cellFit(L+lw, y, W-lw, h, 9.5, c.place, 'l')
	p.seg(L+lw, y, L+lw, y+h, thinPen)
	y += h
	p.frame(L, top, W, y-top, thinPen)
	y += 10
	due := dateSlash(addDays(c.date, 1+rng.IntN(5)))
	var body [][]string
	for i, l := range c.lines {
		body = append(body, []string{fmt.Sprint(i + 1), l.name, l.spec, l.unit, l.qty.String(), l.price.String(), l.amount.String(), due})
	}
	y = p.tableAt(L, y, W, []column{
		{"序号", 26, 'c'}, {"品名", 86, 'l'}, {"规格", 60, 'c'}, {"单位", 32, 'c'}, {"订货数量", 52, 'r'}, {"单价(元)", 54, 'r'}, {"金额(元)", 62, 'r'}, {"交货日期", 62, 'c'},
	}, body, tableOpts{size: 9.5, rowH: 21, pe: thinPen, inner: true, rows: true, outer: true, headFill: inkLight})
	p.frame(L, y, W, 24, thinPen)
	p.put(L+6, mid(y, 24, 10), 10, "合计金额（人民币大写）："+upper, inkBlack)
	p.putR(R-6, mid(y, 24, 10), 10, "￥"+grouped(c.total), inkBlack)
	y += 40
	y = p.para(L, y, W, 9.5, 15, "说明：本订货单依据双方签订的《农副产品供货框架协议》下达，是框架协议的组成部分，与框架协议具有同等法律效力；本订货单未约定的事项，按框架协议执行。", inkBlack)
	y += 8
	p.put(L, y+10, 10.5, "约定事项：", inkBlack)
	y += 16
	for i, cl := range []string{
		"供方按订货单所列品名、规格、数量及交货日期送货到需方收货地址，运输费用由供方承担。",
		"产品须符合国家食品安全标准，属国家脱贫地区农副产品；需方收货时当场验收，不合格的供方负责退换。",
		fmt.Sprintf("需方验收合格并收到供方开具的发票后%d日内，通过银行转账支付货款。", c.payDays),
		"本订货单经双方签章后生效，传真件、扫描件与原件具有同等效力。",
	} {
		y = p.para(L+12, y, W-12, 9.5, 15, fmt.Sprintf("%d. %s", i+1, cl), inkBlack) + 2
	}
	y += 14
	sh := 92.0
	for i, s := range [][3]string{{"需方（盖章）", c.buyerName, d.buyer.contact}, {"供方（盖章）", c.sellerName, d.supplier.contact}} {
		x := L + float64(i)*half
		p.frame(x, y, half, sh, thinPen)
		p.put(x+8, y+18, 10, s[0], inkBlack)
		p.put(x+8, y+40, 9.5, "单位名称："+s[1], inkBlack)
		p.put(x+8, y+62, 9.5, "经办人："+s[2], inkBlack)
		p.put(x+8, y+82, 9.5, "日期："+dateCN(c.date), inkBlack)
		p.stamp(sealFor(s[1], "合同专用章", x+half-70, y+46))
	}
}
