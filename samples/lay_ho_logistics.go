package samples

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Held-out courier layouts (LayoutsHoldout): the 76 × 130 mm one-part
// electronic label most couriers print since 2019, with 收件人/寄件人
// captions down the side and labelled 电话/地址 (after 百世汇通's and
// 极兔's); a phone screenshot of a parcel-tracking app's 物流详情, long
// enough to hold its 订单信息; and a freight waybill's 签收回单联 (德邦 style)
// signed by the recipient and sent back to the shipper.

// One-part label: 76 × 130 mm; app screenshot: 390 pt wide, a long
// capture; freight waybill: 241 × 140 mm continuous paper.
const (
	oneLabelW, oneLabelH = 215.43, 368.5
	appW                 = 390.0
	freightW, freightH   = 683.15, 396.85
)

func init() {
	register(
		&layoutSpec{id: "logistics/ho-one-label", prints: []string{"carrier", "tracking_no", "shipped", "sender", "recipient", "address", "pieces", "weight"}, draw: drawHoOneLabel,
			fits: func(d *orderDocs) bool {
				return byCourier(d) && d.logistics.carrier != "顺丰速运" && d.logistics.carrier != "京东物流"
			},
			about: "76×130 mm one-part 电子面单 (极兔/中通/韵达/百世 style): logo and 标准快递, barcode over the spaced number, 三段码 and 集包地, vertical 收件人/寄件人 captions with name and phone then 电话:/地址: rows, 件数/重量/付款方式/物品, 收件人签收/日期 box left blank, 打印时间; no order number, no signature date"},
		&layoutSpec{id: "logistics/ho-app-screenshot", prints: []string{"carrier", "tracking_no", "shipped", "signed", "sender", "recipient", "address", "pieces", "weight"}, fits: byCourier, draw: drawHoAppScreenshot,
			about: "long screenshot of a parcel-tracking app's 物流详情 (菜鸟/快递100 style, 390 pt wide): status bar, route card 寄 city → 收 city, carrier and number with 复制, 已签收, 收/寄 rows with masked phones, timeline dated MM-DD HH:MM without the year, then 订单信息 with 寄件时间/签收时间 in full, 物品, 件数, 计费重量"},
		&layoutSpec{id: "logistics/ho-freight-pod", prints: []string{"carrier", "tracking_no", "shipped", "signed", "sender", "recipient", "address", "pieces", "weight", "order_no"}, fits: byCourier, draw: drawHoFreightPOD,
			about: "freight waybill's 签收回单联 (德邦 货物托运单 style, 241×140 mm): 托运日期/始发站/目的站/客户单号 grid, 托运人 and 收货人 rows with 联系电话 and addresses, one-row goods table (货物名称/包装/件数/重量(kg)/体积(m³)/保价金额/运费/付款方式/送货方式), 收货人签字 with masked ID and 签收日期, copy name down the edge"},
	)
}

// maskPhone masks the middle of a phone number: 138****5678.
func maskPhone(s string) string {
	if len(s) != 11 {
		return s
	}
	return s[:3] + "****" + s[7:]
}

// itemNames is the goods of an order, as a courier's 物品 line prints them.
func itemNames(d *orderDocs, most int) string {
	var names []string
	for _, l := range d.contract.lines {
		names = append(names, l.name)
	}
	if len(names) > most {
		return strings.Join(names[:most], "、") + "等"
	}
	return strings.Join(names, "、")
}

// threeSegment is a one-part label's 三段码: the sorting centre, the
// outlet and the courier's route.
func threeSegment(rng *rand.Rand) string {
	return fmt.Sprintf("%d-%s%02d %03d", 730+rng.IntN(20), string(rune('A'+rng.IntN(8))), 1+rng.IntN(40), 1+rng.IntN(120))
}

func drawHoOneLabel(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d, "signed", "order_no")
	p.sized(oneLabelW, oneLabelH)
	const L = 5.0
	R := oneLabelW - 5
	W := R - L
	pe := pen{0.8, inkBlack}
	y := 5.0
	p.frame(L, y, W, oneLabelH-10, pe)
	p.carrierLogoAt(L+4, y+5, 9, v.carrier, inkBlack)
	p.frame(R-58, y+3, 55, 18, pe)
	p.putC(R-30.5, y+15.5, 9.5, pick(rng, []string{"标准快递", "快递包裹", "标准件"}), inkBlack)
	y += 24
	p.seg(L, y, R, y, pe)
	p.barcode(L+16, y+4, W-32, 32, v.trackingNo)
	p.putC(oneLabelW/2, y+46, 9, groups(v.trackingNo, 4), inkBlack)
	y += 51
	p.seg(L, y, R, y, pe)
	seg3 := threeSegment(rng)
	p.putC(oneLabelW/2, y+24, p.fit(seg3, 21, W-10), seg3, inkBlack)
	y += 31
	p.seg(L, y, R, y, pe)
	city, _ := cityOf(v.address)
	p.put(L+4, y+11, 7.5, "集包地："+shortCity(city)+pick(rng, []string{"中转包", "集散包", "转运中心包"}), inkBlack)
	p.putR(R-4, y+11, 7.5, "运费：寄付月结", inkBlack)
	y += 15
	p.seg(L, y, R, y, pe)
	const capW = 16.0
	block := func(caption, name, tel, addr string, size, h float64) {
		p.seg(L+capW, y, L+capW, y+h, pe)
		p.vtext(L+capW/2, y, h, 7.5, caption, inkBlack)
		x := L + capW + 4
		yy := y + size + 3
		p.put(x, yy, p.fit(name, size+0.5, R-x-3), name, inkBlack)
		yy += size * 1.45
		p.put(x, yy, size-0.5, "电话："+tel, inkBlack)
		yy += size * 1.35
		lines := p.wrap(addr, size-0.5, R-x-3-p.f.Width("地址：", size-0.5))
		p.put(x, yy, size-0.5, "地址：", inkBlack)
		for _, l := range lines {
			p.put(x+p.f.Width("地址：", size-0.5), yy, size-0.5, l, inkBlack)
			yy += size * 1.25
		}
		y += h
		p.seg(L, y, R, y, pe)
	}
	block("收件人", v.recipient, v.phone, v.address, 8.5, 62)
	block("寄件人", v.sender, v.senderPhone, v.senderAddress, 7, 46)
	// Service details beside the blank signature box.
	half := W * 0.5
	t := clock{14 + rng.IntN(5), rng.IntN(60), rng.IntN(60)}
	for i, s := range []string{
		fmt.Sprintf("件数：%d", v.pieces),
		"重量：" + kg(v.grams) + "kg",
		"物品：" + itemNames(d, 2),
		"保价：" + pick(rng, []string{"未保价", "0.00元"}),
	} {
		p.put(L+4, y+10+float64(i)*10.5, p.fit(s, 7, half-8), s, inkBlack)
	}
	p.seg(L+half, y, L+half, y+48, pe)
	p.put(L+half+4, y+10, 7, "收件人签收/日期", inkBlack)
	p.para(L+half+4, y+28, half-8, 4.6, 6, "快件送达收件人地址，经收件人或收件人允许的代收人签字，视为送达。", inkBlack)
	y += 48
	p.seg(L, y, R, y, pe)
	p.barcode(L+6, y+5, W*0.58, 22, v.trackingNo)
	p.put(L+6, y+36, 7, "运单号："+v.trackingNo, inkBlack)
	p.qr(R-40, y+4, 36, v.trackingNo)
	y += 44
	p.seg(L, y, R, y, pe)
	p.put(L+4, y+10, 6.5, "打印时间："+v.shipped.String()+" "+t.String(), inkBlack)
	p.put(L+4, y+20, 6.5, "客服电话："+carrierPhone(v.carrier)+"   已验视   已实名", inkBlack)
}

func drawHoAppScreenshot(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d, "order_no")
	const L, R = 16.0, appW - 16
	W := R - L
	c := carrierInk(v.carrier)
	if c == inkBlack {
		c = rgb(40, 40, 40)
	}
	orange := rgb(255, 106, 0)
	soft := rgb(244, 245, 247)
	// The phone's status bar and the app's title bar.
	p.shade(0, 0, appW, 92, rgb(255, 255, 255))
	shot := clock{9 + rng.IntN(9), rng.IntN(60), 0}
	p.put(26, 30, 14, shot.hm(), inkBlack)
	p.putR(R-8, 30, 11, "5G  "+fmt.Sprint(40+rng.IntN(60))+"%", inkBlack)
	p.put(L, 72, 20, "‹", inkBlack)
	p.putC(appW/2, 72, 16, "物流详情", inkBlack)
	p.putR(R, 72, 16, "···", inkBlack)
	// The route card.
	y := 104.0
	p.shade(L, y, W, 96, rgb(255, 255, 255))
	from := shortCity(d.supplier.div.CityName)
	toCity, _ := cityOf(v.address)
	p.putC(L+60, y+40, 18, from, inkBlack)
	p.putC(L+60, y+62, 10, "寄件城市", inkGray)
	p.putC(R-60, y+40, 18, shortCity(toCity), inkBlack)
	p.putC(R-60, y+62, 10, "收件城市", inkGray)
	p.dashed(L+120, y+35, R-120, y+35, pen{1.2, orange})
	p.putC(appW/2, y+28, 11, "已签收", orange)
	p.putC(appW/2, y+56, 9, "共"+fmt.Sprint(max(1, days(v.shipped, v.signed)))+"天", inkGray)
	y += 108
	// Carrier, number, status and the two parties.
	p.shade(L, y, W, 150, rgb(255, 255, 255))
	p.carrierLogoAt(L+12, y+12, 11, v.carrier, c)
	num := v.trackingNo
	p.put(L+12, y+48, 13, num, inkBlack)
	nx := L + 12 + p.f.Width(num, 13) + 8
	p.frame(nx, y+36, 30, 16, pen{0.6, inkGray})
	p.put(nx+6, y+48, 9, "复制", inkGray)
	p.putR(R-12, y+48, 10, "客服 "+carrierPhone(v.carrier), inkGray)
	p.seg(L+12, y+60, R-12, y+60, pen{0.5, rgb(225, 225, 225)})
	party := func(yy float64, mark, name, tel, addr string) {
		p.shade(L+12, yy-12, 18, 18, map[string]ink{"收": orange, "寄": inkGray}[mark])
		p.put(L+15, yy+2, 12, mark, rgb(255, 255, 255))
		nm := name + "  " + maskPhone(tel)
		p.put(L+38, yy+1, p.fit(nm, 12, W-60), nm, inkBlack)
		for i, l := range p.wrap(addr, 10, W-60) {
			p.put(L+38, yy+18+float64(i)*13, 10, l, inkGray)
		}
	}
	party(y+84, "寄", v.sender, v.senderPhone, strings.TrimPrefix(v.senderAddress, "湖南省"))
	party(y+126, "收", v.recipient, v.phone, v.address)
	y += 162
	// The timeline, newest first, dated without the year, on a card as
	// tall as its events.
	evs := trackEvents(rng, d)
	dotX := L + 70
	textW := R - dotX - 28
	cardH := 22.0
	for _, e := range evs {
		cardH += 30 + 13*float64(len(p.wrap(e.text, 9.5, textW)))
	}
	p.shade(L, y, W, cardH, rgb(255, 255, 255))
	top := y
	y += 22
	var picked, signedAt clock
	for i, e := range evs {
		switch e.status {
		case "已揽收":
			picked = e.t
		case "已签收":
			signedAt = e.t
		}
		col := inkGray
		if i == 0 {
			col = orange
		}
		p.put(L+12, y, 10, fmt.Sprintf("%02d-%02d", int(e.date.Month), e.date.Day), col)
		p.put(L+14, y+14, 9, e.t.hm(), inkGray)
		p.shade(dotX-4, y-8, 8, 8, col)
		p.put(dotX+14, y, 11, e.status, col)
		ly := y + 16
		for _, l := range p.wrap(e.text, 9.5, textW) {
			p.put(dotX+14, ly, 9.5, l, col)
			ly += 13
		}
		y = ly + 14
	}
	p.seg(dotX, top+18, dotX, y-40, pen{0.8, rgb(210, 210, 210)})
	y = top + cardH
	y += 12
	// 订单信息: the dates in full.
	p.shade(L, y, W, 196, rgb(255, 255, 255))
	p.put(L+12, y+24, 13, "订单信息", inkBlack)
	y += 34
	for _, r := range [][2]string{
		{"运单号", v.trackingNo},
		{"快递公司", v.carrier},
		{"寄件时间", v.shipped.String() + " " + picked.hm()},
		{"签收时间", v.signed.String() + " " + signedAt.hm()},
		{"物品信息", itemNames(d, 3)},
		{"件数", fmt.Sprintf("%d件", v.pieces)},
		{"计费重量", kg(v.grams) + "kg"},
	} {
		y += 21
		p.put(L+12, y, 10.5, r[0], inkGray)
		p.put(L+90, y, p.fit(r[1], 10.5, W-100), r[1], inkBlack)
	}
	y += 26
	p.put(L, y+16, 8, "以上物流信息由"+v.carrier+"提供", inkGray)
	// A long capture is as tall as what it shows, on the app's grey.
	p.sized(appW, y+30)
	p.fills = append([]fill{{0, 0, appW, y + 30, soft}}, p.fills...)
}

// drawHoFreightPOD draws the 签收回单联 of a freight waybill.
func drawHoFreightPOD(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d)
	p.sized(freightW, freightH)
	c := carrierInk(v.carrier)
	if c == inkBlack {
		c = rgb(30, 60, 120)
	}
	pe := pen{0.7, c}
	const L = 26.0
	R := freightW - 52
	W := R - L
	y := 22.0
	p.carrierLogoAt(L, y, 15, v.carrier, c)
	p.putC(L+W*0.5, y+16, 17, "货物托运单", c)
	p.putC(L+W*0.5, y+32, 10, "（签收回单联）", c)
	p.barcode(R-190, y-6, 160, 24, v.trackingNo)
	p.put(R-190, y+30, 11, "运单号："+v.trackingNo, inkBlack)
	y += 44
	top := y
	h := 22.0
	lab := func(x, yy, w float64, s string) {
		p.shade(x, yy, w, h, rgb(228, 234, 244))
		p.cell(x, yy, w, h, 8.5, s, 'c', c)
	}
	toCity, toCounty := cityOf(v.address)
	// Columns of the header grid: label, value, label, value, …
	cw := []float64{52, 110, 46, 96, 46, 96, 52}
	cw = append(cw, W-sum(cw))
	xs := []float64{L}
	for _, w := range cw {
		xs = append(xs, xs[len(xs)-1]+w)
	}
	lab(xs[0], y, cw[0], "托运日期")
	p.cell(xs[1], y, cw[1], h, 9.5, dateCN(v.shipped), 'l', inkBlack)
	lab(xs[2], y, cw[2], "始发站")
	p.cell(xs[3], y, cw[3], h, 9.5, shortCity(d.supplier.div.CityName)+shortCounty(d.supplier.div.Name), 'l', inkBlack)
	lab(xs[4], y, cw[4], "目的站")
	p.cell(xs[5], y, cw[5], h, 9.5, shortCity(toCity)+shortCounty(toCounty), 'l', inkBlack)
	lab(xs[6], y, cw[6], "客户单号")
	p.cellFit(xs[7], y, cw[7], h, 9.5, d.no, 'l')
	for _, x := range xs[1:7] {
		p.seg(x, y, x, y+h, pe)
	}
	y += h
	for _, r := range [][4]string{
		{"托运人", v.sender, v.senderPhone, v.senderAddress},
		{"收货人", v.recipient, v.phone, v.address},
	} {
		p.seg(L, y, R, y, pe)
		lab(xs[0], y, cw[0], r[0])
		p.cellFit(xs[1], y, cw[1]+cw[2], h, 9.5, r[1], 'l')
		lab(xs[3], y, 46, "联系电话")
		p.cell(xs[3]+46, y, cw[3]+cw[4]-46, h, 9.5, r[2], 'l', inkBlack)
		lab(xs[5], y, 46, map[string]string{"托运人": "发货地址", "收货人": "收货地址"}[r[0]])
		p.cellFit(xs[5]+46, y, R-xs[5]-46, h, 9, r[3], 'l')
		for _, x := range []float64{xs[1], xs[3], xs[3] + 46, xs[5], xs[5] + 46} {
			p.seg(x, y, x, y+h, pe)
		}
		y += h
	}
	p.seg(L, y, R, y, pe)
	// The goods: one row under its column captions.
	vol := float64(v.grams) / 1000 / 180 // about 180 kg a cubic metre
	fee := 20 + v.grams/1000*3/2
	y = p.tableAt(L, y, W, []column{
		{"货物名称", 120, 'c'}, {"包装", 44, 'c'}, {"件数", 40, 'c'}, {"重量(kg)", 56, 'c'}, {"体积(m³)", 56, 'c'},
		{"保价金额(元)", 70, 'c'}, {"运费(元)", 56, 'c'}, {"付款方式", 56, 'c'}, {"送货方式", 80, 'c'},
	}, [][]string{{itemNames(d, 3), pick(rng, []string{"纸箱", "编织袋", "纸箱/袋"}), fmt.Sprint(v.pieces), kg(v.grams), fmt.Sprintf("%.2f", max(0.01, vol)),
		pick(rng, []string{"0", "1000", "2000"}), fmt.Sprintf("%d.00", fee), pick(rng, []string{"月结", "寄付", "现付"}), pick(rng, []string{"送货上门", "送货(不含上楼)", "自提"})}},
		tableOpts{size: 8.5, rowH: 22, pe: pe, inner: true, rows: true, headFill: rgb(228, 234, 244), headInk: c})
	p.seg(L, y, R, y, pe)
	lab(L, y, cw[0], "备注")
	p.cell(L+cw[0], y, W*0.55-cw[0], h, 9, pick(rng, []string{"签收回单原件返回", "签回单1份，请收货人签字盖章", "签单返还；易碎勿压"}), 'l', inkBlack)
	lab(L+W*0.55, y, 52, "托运人签字")
	p.cell(L+W*0.55+52, y, W*0.45-52, h, 10.5, d.supplier.contact, 'l', inkBlack)
	for _, x := range []float64{L + cw[0], L + W*0.55, L + W*0.55 + 52} {
		p.seg(x, y, x, y+h, pe)
	}
	y += h
	p.seg(L, y, R, y, pe)
	// Signature: the recipient's, with the date it signed.
	sh := 58.0
	p.put(L+8, y+18, 10, "收货人签字：", c)
	p.put(L+8+p.f.Width("收货人签字：", 10)+4, y+18, 12, d.buyer.contact, inkBlack)
	p.put(L+8, y+38, 9, "证件号码：430"+digits(rng, 3)+"********"+digits(rng, 4), inkBlack)
	p.put(L+W*0.36, y+18, 10, "签收日期：", c)
	p.put(L+W*0.36+p.f.Width("签收日期：", 10)+4, y+18, 11, dateCNSpaced(v.signed), inkBlack)
	p.put(L+W*0.36, y+38, 9, "以上货物已按件数收到，外包装完好无破损。", inkBlack)
	p.put(L+W*0.74, y+18, 10, "收货单位（盖章）", c)
	p.seg(L+W*0.72, y, L+W*0.72, y+sh, pe)
	y += sh
	p.frame(L, top, W, y-top, pen{1, c})
	p.vtext(R+16, top, y-top, 8.5, "第四联签收回单请签字盖章后返回托运人", c)
	for i, l := range []string{
		"托运须知：1. 托运人应如实申报货物名称、件数、重量及价值，不得夹带国家禁运物品；未保价货物损毁灭失的，按运费的三倍以内赔偿。",
		"2. 收货人签收前请当面验货，外包装破损或件数不符的，请在签收单上注明；签收后视为货物完好交付。",
		"3. 本单第一联托运人留存，第二联财务联，第三联收货人留存，第四联签收回单返回托运人。",
	} {
		p.put(L, y+16+float64(i)*12, 7.2, l, inkGray)
	}
	y += 40
	p.put(L, y+16, 8, "承运人："+v.carrier+shortCity(d.supplier.div.CityName)+pick(rng, []string{"营业部", "分部", "集配站"})+"    服务热线："+carrierPhone(v.carrier)+"    开单员："+personName(rng), inkGray)
	p.stamp(sealFor(v.recipient, "收货专用章", L+W*0.86, y-30))
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
