package samples

import (
	"fmt"
	"math/rand/v2"

	"github.com/heshi-verify/heshi/evidence/money"
)

// A second batch of held-out layouts (LayoutsHoldout), written on
// 2026-12-02 in a commit of their own, before the reader was changed for
// the misses of the layouts already drawn, so that what is measured on them
// was tuned on nothing: a township canteen's 物资验收入库单 with the
// parties in a grid, labels such as 验收人（签名） and 关联订单号 and the
// conclusion ticked; a post office's paper 国内标准快递 详情单 whose dates
// stand under the signatures of the clerk who took the parcel and of the
// recipient; and a 农副产品采购协议书 whose parties are 甲方（采购人）/
// 乙方（供应商）, with the order number inside a paragraph, wrapped where the
// line ends.

func init() {
	lines := capNames | capQty | capPrice | capReceived
	register(
		&layoutSpec{id: "acceptance/ho-township-stockin", prints: []string{"order_no", "buyer_name", "seller_name", "date", "total", "conclusion", "signer"},
			lines: lines, draw: drawHoTownshipStockIn,
			about: "a township canteen's 物资验收入库单: unit name over the title, 单据编号 and 入库日期 (2021年10月05日), grid 验收单位 | 供货商 / 采购方式 | 关联订单号, lines with 订购数量/实收数量, 合计（大写） with ¥ figures, 验收情况 ticked √, 验收人（签名）/保管员/负责人 on one row; no contract number"},
		&layoutSpec{id: "logistics/ho-post-paper", prints: []string{"carrier", "tracking_no", "shipped", "signed", "sender", "recipient", "address", "pieces", "weight", "order_no"},
			fits: byCourier, draw: drawHoPostPaper,
			about: "a post office's paper 国内标准快递 详情单: 邮件号码 top right, framed 寄件人/收件人 blocks with 单位名称/详细地址/联系电话, 内件品名, 件数 and 实际重量（千克）, 备注 carrying the order number, the 收寄人员签名 and 收寄日期 box and the 收件人签名 and 投递日期 box with the dates on a row of their own under their captions"},
		&layoutSpec{id: "contract/ho-framework", prints: []string{"number", "date", "buyer_name", "buyer_id", "seller_name", "seller_id", "order_no", "total", "total_upper"},
			lines: capNames | capQty | capPrice, draw: drawHoFramework,
			about: "农副产品采购协议书: 协议编号 top right, 甲方（采购人）/乙方（供应商） each with its 统一社会信用代码, a preamble naming the e-market order (电子卖场订单编号) wrapped with the paragraph, 采购清单 table, 协议总金额：人民币…（￥…）, clauses, two signature columns with 日期"},
	)
}

func drawHoTownshipStockIn(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	accFields(p, d, v.signers, "contract_no")
	const L, R = 50.0, pageW - 50
	W := R - L
	y := 64.0
	p.putC(pageW/2, y, 13, v.buyerName, inkBlack)
	y += 28
	p.putC(pageW/2, y, 18, spaced("物资验收入库单"), inkBlack)
	y += 26
	p.put(L, y, 10, "单据编号：RK"+dateCompact(v.date)+digits(rng, 3), inkBlack)
	p.putR(R, y, 10, "入库日期："+dateCN(v.date), inkBlack)
	y += 10
	h := 24.0
	grid := func(cells ...string) {
		ws := []float64{0.16, 0.34, 0.16, 0.34}
		x := L
		for i, c := range cells {
			w := ws[i] * W
			p.frame(x, y, w, h, thinPen)
			p.cellFit(x, y, w, h, 10, c, map[bool]byte{true: 'c', false: 'l'}[i%2 == 0])
			x += w
		}
		y += h
	}
	grid("验收单位", v.buyerName, "供货商", v.sellerName)
	grid("采购方式", pick(rng, []string{"电子卖场直购", "网上超市", "电子卖场"}), "关联订单号", d.no)
	y += 12
	y = p.tableAt(L, y, W, []column{{"序号", 28, 'c'}, {"物资名称", 92, 'c'}, {"规格", 56, 'c'}, {"单位", 30, 'c'}, {"订购数量", 50, 'r'}, {"实收数量", 50, 'r'}, {"单价（元）", 54, 'r'}, {"金额（元）", 62, 'r'}},
		accRows(v), tableOpts{size: 9, rowH: 21, pe: thinPen, inner: true, rows: true, outer: true})
	p.frame(L, y, W, h, thinPen)
	p.cellFit(L, y, W*0.7, h, 10, "合计（大写）："+money.Uppercase(v.total), 'l')
	p.cellFit(L+W*0.7, y, W*0.3, h, 10, yen(v.total), 'r')
	y += h + 22
	p.put(L, y, 10.5, "验收情况：", inkBlack)
	options := []string{"合格", "部分合格", "不合格"}
	if !contains(options, v.conclusion) {
		options = append(options, v.conclusion)
	}
	p.tickBoxes(L+p.f.Width("验收情况：", 10.5)+4, y, 10.5, options, v.conclusion)
	y += 22
	p.para(L, y, W, 10, 16, "说明：物资已按订单清点，质量、数量经现场查验；本单一式三联，第一联存根，第二联财务，第三联供货商。", inkBlack)
	y += 46
	keeper := pick(rng, []string{"刘敏", "陈建华", "唐丽", "周志刚"})
	head := pick(rng, []string{"黄卫东", "谭小红", "邓国庆"})
	p.put(L, y, 10.5, "验收人（签名）："+v.signers, inkBlack)
	p.put(L+W*0.45, y, 10.5, "保管员："+keeper, inkBlack)
	p.put(L+W*0.72, y, 10.5, "负责人："+head, inkBlack)
	p.stamp(sealFor(v.buyerName, "食堂专用章", L+W*0.8, y-30))
}

func drawHoPostPaper(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d)
	p.sized(freightW, freightH)
	const L = 24.0
	R := freightW - 24
	W := R - L
	green := carrierInk(v.carrier)
	y := 22.0
	p.carrierLogoAt(L, y, 14, v.carrier, green)
	p.putC(freightW/2, y+14, 15, pick(rng, []string{"国内标准快递", "国内快递包裹"})+"  详情单", green)
	p.put(R-190, y+6, 9, "邮件号码", green)
	p.barcode(R-190, y+10, 190, 22, v.trackingNo)
	p.putC(R-95, y+42, 10, v.trackingNo, inkBlack)
	y += 52
	half := W / 2
	pe := pen{0.7, green}
	block := func(x float64, caption, name, addr, tel string) {
		p.frame(x, y, half, 92, pe)
		p.vtext(x+9, y, 92, 9, caption, green)
		p.seg(x+18, y, x+18, y+92, pe)
		xx := x + 24
		p.put(xx, y+17, 9.5, "单位名称："+name, inkBlack)
		for i, l := range p.wrap("详细地址："+addr, 9.5, half-30) {
			p.put(xx, y+38+float64(i)*14, 9.5, l, inkBlack)
		}
		p.put(xx, y+84, 9.5, "联系电话："+maskPhone(tel), inkBlack)
	}
	block(L, "寄件人", v.sender, v.senderAddress, v.senderPhone)
	block(L+half, "收件人", v.recipient, v.address, v.phone)
	y += 92
	p.frame(L, y, W, 44, pe)
	p.put(L+6, y+15, 9.5, "内件品名："+itemNames(d, 3), inkBlack)
	p.put(L+6, y+34, 9.5, fmt.Sprintf("件数：%d", v.pieces), inkBlack)
	p.put(L+half*0.5, y+34, 9.5, "实际重量（千克）："+kg(v.grams), inkBlack)
	p.put(L+half, y+34, 9.5, "备注：订单"+d.no, inkBlack)
	y += 44
	// The two signature boxes: the caption, then the date under it.
	clerk := pick(rng, []string{"胡建军", "罗海燕", "廖志明"})
	p.frame(L, y, half, 64, pe)
	p.put(L+6, y+16, 9.5, "收寄人员签名："+clerk, inkBlack)
	p.put(L+6, y+34, 9.5, "收寄日期", inkBlack)
	p.put(L+6, y+52, 9.5, dateCNSpaced(v.shipped)+" "+fmt.Sprint(9+rng.IntN(9))+" 时", inkBlack)
	p.frame(L+half, y, half, 64, pe)
	p.put(L+half+6, y+16, 9.5, "收件人签名：", inkBlack)
	p.put(L+half+6, y+34, 9.5, "投递日期", inkBlack)
	p.put(L+half+6, y+52, 9.5, dateCNSpaced(v.signed)+" "+fmt.Sprint(9+rng.IntN(9))+" 时", inkBlack)
	y += 64
	p.put(L, y+14, 8, "客服电话："+carrierPhone(v.carrier)+"  寄件人已阅读并同意背书条款", inkGray)
}

func drawHoFramework(p *page, rng *rand.Rand, d *orderDocs) {
	c := &d.contract
	upper := money.Uppercase(c.upper)
	contractFields(p, d, upper)
	const L, R = 62.0, pageW - 62
	W := R - L
	y := 56.0
	p.putR(R, y, 10, "协议编号："+d.contractNo, inkBlack)
	y += 38
	p.putC(pageW/2, y, 19, "农副产品采购协议书", inkBlack)
	y += 36
	party := func(caption, name, id string) {
		p.put(L, y, 11, caption+name, inkBlack)
		y += 18
		if id != "" {
			p.put(L+24, y, 10.5, "统一社会信用代码："+id, inkBlack)
			y += 18
		}
		y += 4
	}
	party("甲方（采购人）：", c.buyerName, c.buyerID)
	party("乙方（供应商）：", c.sellerName, c.sellerID)
	y += 4
	y = p.para(L, y, W, 10.5, 18, fmt.Sprintf("　　为落实消费帮扶政策，甲方通过湖南省政府采购电子卖场（乡村振兴馆）向乙方采购脱贫地区农副产品（电子卖场订单编号：%s），经双方友好协商，签订本协议，共同遵守。", d.no), inkBlack)
	y += 8
	p.put(L, y+10, 10.5, "一、采购清单", inkBlack)
	y += 18
	var body [][]string
	for i, l := range c.lines {
		body = append(body, []string{fmt.Sprint(i + 1), l.name, l.spec, l.qty.String() + l.unit, l.price.String(), l.amount.String()})
	}
	y = p.tableAt(L, y, W, []column{{"序号", 30, 'c'}, {"品名", 110, 'c'}, {"规格", 70, 'c'}, {"数量", 60, 'c'}, {"单价（元）", 64, 'r'}, {"小计（元）", 70, 'r'}},
		body, tableOpts{size: 9.5, rowH: 21, pe: thinPen, inner: true, rows: true, outer: true})
	y += 6
	y = p.para(L, y+10, W, 10.5, 18, "协议总金额：人民币"+upper+"（￥"+c.total.String()+"）。", inkBlack)
	y += 4
	for _, s := range []string{
		fmt.Sprintf("二、交货：乙方于协议签订后%d日内将货物送至甲方指定地点，运费由乙方承担。", 3+rng.IntN(5)),
		fmt.Sprintf("三、付款：甲方验收合格并收到乙方开具的发票后%d个工作日内通过电子卖场支付货款。", c.payDays),
		"四、乙方保证所供产品来自国家脱贫地区农副产品名录，质量符合国家标准。",
		"五、本协议一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。",
	} {
		y = p.para(L, y+10, W, 10.5, 18, s, inkBlack)
	}
	y += 34
	col := L + W*0.52
	a, b := "甲方（盖章）："+c.buyerName, "乙方（盖章）："+c.sellerName
	p.put(L, y, p.fit(a, 10.5, col-L-12), a, inkBlack)
	p.put(col, y, p.fit(b, 10.5, R-col), b, inkBlack)
	y += 22
	p.put(L, y, 10.5, "代表人："+pick(rng, []string{"王建平", "李淑芬", "张红"}), inkBlack)
	p.put(col, y, 10.5, "代表人："+pick(rng, []string{"彭志强", "刘春花", "罗军"}), inkBlack)
	y += 22
	p.put(L, y, 10.5, "日期："+dateCN(c.date), inkBlack)
	p.put(col, y, 10.5, "日期："+dateCN(c.date), inkBlack)
	p.stamp(sealFor(c.buyerName, "合同专用章", L+90, y-30))
	p.stamp(sealFor(c.sellerName, "合同专用章", col+90, y-30))
}
