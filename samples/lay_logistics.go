package samples

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// Courier document layouts modelled on real ones: the thermal electronic
// label (电子面单) with 收/寄 captions and unlabelled runs, a tracking page
// (物流详情) with its timeline, a signed delivery note (签收单), a
// platform's shipment table, and a multi-part paper waybill (详情单).

// Label size: 100 × 180 mm; paper waybill: 230 × 127 mm.
const (
	labelW, labelH = 283.46, 510.24
	paperW, paperH = 651.97, 360.0
)

func init() {
	register(
		&layoutSpec{id: "logistics/label", prints: []string{"carrier", "tracking_no", "shipped", "sender", "recipient", "address", "pieces", "weight"}, fits: byCourier, draw: drawLogLabel,
			about: "thermal 电子面单 (100×180 mm): carrier logo, barcode with the number under it, 大头笔 routing code, 收/寄 captions with name, phone and address in one run, 打印时间 (the day it was handed over); no order number, no signature date"},
		&layoutSpec{id: "logistics/tracking", prints: []string{"carrier", "tracking_no", "shipped", "signed", "recipient", "address"}, fits: byCourier, draw: drawLogTracking,
			about: "tracking page printed from the carrier's site (物流详情): status, 收件人 and 收货地址, a timeline from 已揽收 through 运输中 to 已签收 with times"},
		&layoutSpec{id: "logistics/pod", prints: []string{"carrier", "tracking_no", "shipped", "signed", "sender", "recipient", "address", "pieces", "weight", "order_no"}, draw: drawLogPOD,
			about: "快件签收单 (proof of delivery) signed and stamped by the recipient: 发件单位, 收件单位, 货物名称, 收件人签字, 签收日期"},
		&layoutSpec{id: "logistics/shipments", prints: []string{"carrier", "tracking_no", "shipped", "signed", "sender", "recipient", "address", "pieces", "weight", "order_no"}, draw: drawLogShipments,
			about: "logistics platform's 物流信息查询单: one row under 运单号码 | 承运商 | 发件方 | 收件方 | 揽收时间 | 签收时间 | 签收人 | 状态, names wrapped in their cells"},
		&layoutSpec{id: "logistics/paper-waybill", prints: []string{"carrier", "tracking_no", "shipped", "signed", "sender", "recipient", "address", "pieces", "weight"}, fits: byCourier, draw: drawLogPaper,
			about: "multi-part paper 快递详情单 (230×127 mm, YTO style): ①寄件人信息 ⑤收件人信息 boxes, 内件品名/数量/重量, signatures with 年 月 日"},
		&layoutSpec{id: "logistics/merchant-label", prints: []string{"carrier", "tracking_no", "shipped", "sender", "recipient", "address", "weight", "order_no"}, fits: byCourier, draw: drawLogMerchantLabel,
			about: "two-part label printed by a merchant's shipping software (EMS 经济快递 style, 100×150 mm): labelled 寄件人/收件人/电话/地址/城市/邮编, 计费重量（KG）, the merchant's 订单号 under a second barcode, blank 收件人签名/签收时间"},
		&layoutSpec{id: "logistics/freight-voucher", prints: []string{"carrier", "tracking_no", "shipped", "sender", "address"}, draw: drawLogFreight,
			fits:  func(d *orderDocs) bool { return d.logistics.carrier == freightCarrier },
			about: "货拉拉 货物运输电子货票收款凭证 for goods sent by a booked van: 托运人名称 and 纳税人识别号, 用车时间, 订单编号, 自/至 addresses, 费用合计 CNY…, 承运人 masked; no recipient, no signature"},
	)
}

// byCourier fits orders sent by courier, not by freight van.
func byCourier(d *orderDocs) bool { return d.logistics.carrier != freightCarrier }

// logFields records the fields a courier document prints; keys in skip
// are not printed.
func logFields(p *page, d *orderDocs, skip ...string) {
	v := &d.logistics
	for _, f := range [][2]string{
		{"carrier", v.carrier}, {"tracking_no", fID(v.trackingNo)}, {"shipped", fDate(v.shipped)}, {"signed", fDate(v.signed)},
		{"sender", v.sender}, {"recipient", v.recipient}, {"address", v.address},
		{"pieces", fCount(v.pieces)}, {"weight", fWeight(v.grams)}, {"order_no", d.no},
	} {
		if !contains(skip, f[0]) {
			p.field(f[0], f[1])
		}
	}
}

// kg prints a weight in kilograms with one decimal, without the unit.
func kg(grams int) string { return fmt.Sprintf("%d.%d", grams/1000, grams%1000/100) }

// carrierInk is a carrier's colour.
func carrierInk(carrier string) ink {
	switch carrier {
	case "中国邮政EMS":
		return inkGreen
	case "京东物流", "极兔速递":
		return inkCrimson
	case "中通快递", "德邦快递":
		return inkNavy
	case "圆通速递":
		return inkPurple
	case "申通快递":
		return inkOrange
	case "韵达快递":
		return rgb(90, 70, 10)
	}
	return inkBlack
}

// carrierLogoAt draws a carrier's logo: its letters in a box and its name.
func (p *page) carrierLogoAt(x, top, size float64, carrier string, c ink) float64 {
	letters, name := carrierLogo(carrier)
	lw := p.f.Width(letters, size) + size*0.6
	p.shade(x, top, lw, size*1.35, c)
	p.put(x+size*0.3, top+size*1.05, size, letters, rgb(255, 255, 255))
	p.put(x+lw+size*0.3, top+size*1.05, size, name, c)
	return lw + size*0.3 + p.f.Width(name, size)
}

// routeCode is the label's 大头笔: province and city abbreviations and a
// sorting code.
func routeCode(rng *rand.Rand, address string) string {
	city, county := cityOf(address)
	city = strings.TrimSuffix(strings.TrimSuffix(city, "市"), "土家族苗族自治州")
	return fmt.Sprintf("湘-%s-%s %03d-%s%02d", city, shortCounty(county), 700+rng.IntN(50), string(rune('A'+rng.IntN(6))), rng.IntN(40))
}

func drawLogLabel(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d, "signed", "order_no")
	p.sized(labelW, labelH)
	const L = 8.0
	R := labelW - 8
	W := R - L
	pe := pen{1, inkBlack}
	y := 8.0
	p.frame(L, y, W, labelH-16, pe)
	// Logo and product.
	p.carrierLogoAt(L+6, y+8, 13, v.carrier, inkBlack)
	p.putR(R-6, y+24, 13, pick(rng, []string{"标准快递", "特快", "经济快递", "快递包裹"}), inkBlack)
	y += 38
	p.seg(L, y, R, y, pe)
	// The barcode, the number under it.
	p.barcode(L+20, y+6, W-40, 40, v.trackingNo)
	number := v.trackingNo
	if strings.Trim(number, "0123456789") == "" {
		number = groups(number, 4) // all digits: in fours, as ZTO and Yunda print them
	}
	p.putC(labelW/2, y+58, 11, number, inkBlack)
	y += 64
	p.seg(L, y, R, y, pe)
	rc := routeCode(rng, v.address)
	p.putC(labelW/2, y+27, p.fit(rc, 22, W-12), rc, inkBlack)
	y += 38
	p.seg(L, y, R, y, pe)
	capW := 26.0
	box := func(caption string, h float64, lines []string, size float64) {
		p.seg(L+capW, y, L+capW, y+h, pe)
		p.putC(L+capW/2, mid(y, h, 16), 16, caption, inkBlack)
		yy := y + size + 5
		for _, l := range lines {
			for _, w := range p.wrap(l, size, W-capW-10) {
				p.put(L+capW+5, yy, size, w, inkBlack)
				yy += size * 1.3
			}
		}
		y += h
		p.seg(L, y, R, y, pe)
	}
	box("收", 68, []string{v.recipient + " " + v.phone, v.address}, 10)
	box("寄", 52, []string{v.sender + " " + v.senderPhone, v.senderAddress}, 7.5)
	// Service details and the signature box, left blank: the label is
	// printed before delivery.
	half := W * 0.55
	t := workTime(rng)
	p.put(L+5, y+13, 8, fmt.Sprintf("件数：%d", v.pieces), inkBlack)
	p.put(L+5, y+26, 8, "计费重量(kg)："+kg(v.grams), inkBlack)
	p.put(L+5, y+39, 8, "付款方式："+pick(rng, []string{"寄付月结", "寄付现结", "月结"}), inkBlack)
	p.put(L+5, y+52, 8, "打印时间："+v.shipped.String()+" "+t.hm(), inkBlack)
	p.seg(L+half, y, L+half, y+60, pe)
	p.put(L+half+5, y+13, 8, "签收人：", inkBlack)
	p.put(L+half+5, y+38, 8, "签收时间：   年   月   日", inkBlack)
	y += 60
	p.seg(L, y, R, y, pe)
	// The sender's part: the number again, short.
	p.barcode(L+8, y+6, W*0.6, 26, v.trackingNo)
	p.put(L+8, y+42, 8, v.trackingNo, inkBlack)
	p.qr(R-50, y+6, 42, v.trackingNo)
	y += 52
	p.seg(L, y, R, y, pe)
	p.put(L+5, y+12, 7.5, "收 "+v.recipient+" "+v.phone, inkBlack)
	p.put(L+5, y+24, 7, p.wrap(v.address, 7, W-10)[0], inkBlack)
	p.put(L+5, y+38, 7.5, "寄 "+v.sender+" "+v.senderPhone, inkBlack)
	var items []string
	for _, l := range d.contract.lines {
		items = append(items, l.name)
	}
	p.put(L+5, y+52, 7.5, "内件品名："+strings.Join(items, "、"), inkBlack)
	p.put(L+5, labelH-14, 6.5, "客服电话："+carrierPhone(v.carrier)+"   已验视", inkBlack)
}

// trackEvent is one line of a tracking timeline.
type trackEvent struct {
	date   pipeline.Date
	t      clock
	status string
	text   string
}

// trackEvents makes the timeline from pick-up to signature, newest first.
func trackEvents(rng *rand.Rand, d *orderDocs) []trackEvent {
	v := &d.logistics
	fromCity := d.supplier.div.CityName
	fromCounty := d.supplier.div.Name
	toCity, toCounty := cityOf(v.address)
	hub := pick(rng, []string{"长沙转运中心", "长沙集散中心", "湖南长沙分拨中心"})
	courier, deliverer := personName(rng), personName(rng)
	picked := clock{14 + rng.IntN(4), rng.IntN(60), rng.IntN(60)}
	ev := []trackEvent{
		{v.shipped, picked, "已揽收", fmt.Sprintf("【%s%s营业点】快递员%s已揽收", shortCity(fromCity), fromCounty, courier)},
		{v.shipped, picked.later(90 + rng.IntN(120)), "运输中", fmt.Sprintf("快件已从【%s%s营业点】发出，下一站【%s】", shortCity(fromCity), fromCounty, hub)},
	}
	days := days(v.shipped, v.signed)
	mid := addDays(v.shipped, max(0, min(days, 1)))
	ev = append(ev,
		trackEvent{mid, clock{2 + rng.IntN(3), rng.IntN(60), rng.IntN(60)}, "运输中", fmt.Sprintf("快件已到达【%s】", hub)},
		trackEvent{mid, clock{6 + rng.IntN(3), rng.IntN(60), rng.IntN(60)}, "运输中", fmt.Sprintf("快件已从【%s】发出，下一站【%s%s集散点】", hub, shortCity(toCity), shortCounty(toCounty))},
	)
	signedAt := clock{10 + rng.IntN(7), rng.IntN(60), rng.IntN(60)}
	ev = append(ev,
		trackEvent{v.signed, clock{7 + rng.IntN(2), rng.IntN(60), rng.IntN(60)}, "派送中", fmt.Sprintf("【%s%s营业部】快递员%s（%s）正在为您派件", shortCity(toCity), toCounty, deliverer, phone(rng))},
		trackEvent{v.signed, signedAt, "已签收", fmt.Sprintf("您的快件已签收，签收人：%s。感谢使用%s，期待再次为您服务", pick(rng, []string{"本人签收", "单位收发室", "门卫代收"}), v.carrier)},
	)
	slices.SortStableFunc(ev, func(a, b trackEvent) int { // newest first
		if c := days2(b.date, a.date); c != 0 {
			return c
		}
		return (b.t.h*3600 + b.t.m*60 + b.t.s) - (a.t.h*3600 + a.t.m*60 + a.t.s)
	})
	return ev
}

func days2(a, b pipeline.Date) int { return days(b, a) }

// shortCity is a city without 市 (or a prefecture without its suffix).
func shortCity(c string) string {
	for _, suf := range []string{"土家族苗族自治州", "市"} {
		if s, ok := strings.CutSuffix(c, suf); ok {
			return s
		}
	}
	return c
}

func drawLogTracking(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d, "sender", "pieces", "weight", "order_no")
	const L, R = 50.0, pageW - 50
	W := R - L
	c := carrierInk(v.carrier)
	if c == inkBlack {
		c = rgb(40, 40, 40)
	}
	y := 40.0
	p.shade(0, 0, pageW, 70, c)
	letters, name := carrierLogo(v.carrier)
	p.put(L, 44, 20, letters+" "+name, rgb(255, 255, 255))
	p.putR(R, 44, 11, "运单追踪 | 物流详情", rgb(255, 255, 255))
	y = 100
	p.put(L, y, 13, "运单号："+v.trackingNo, inkBlack)
	p.frame(L+p.f.Width("运单号："+v.trackingNo, 13)+8, y-11, 30, 15, pen{0.5, inkGray})
	p.put(L+p.f.Width("运单号："+v.trackingNo, 13)+13, y, 9, "复制", inkGray)
	p.putR(R, y, 10, "承运商："+v.carrier, inkBlack)
	y += 30
	p.shade(L, y-16, W, 66, rgb(245, 246, 248))
	p.put(L+12, y+2, 15, "已签收", inkGreen)
	fromCity := shortCity(d.supplier.div.CityName)
	toCity, _ := cityOf(v.address)
	p.put(L+90, y+2, 11, fromCity+"  →  "+shortCity(toCity), inkBlack)
	p.put(L+12, y+22, 9.5, "收件人："+v.recipient+"  "+v.phone, inkBlack)
	p.put(L+12, y+38, 9.5, "收货地址："+v.address, inkBlack)
	y += 76
	p.put(L, y, 11, "物流详情", inkBlack)
	y += 10
	p.seg(L, y, R, y, pen{0.5, inkGray})
	y += 24
	evs := trackEvents(rng, d)
	dotX := L + 112
	first := y
	for i, e := range evs {
		col := inkGray
		if i == 0 {
			col = c
		}
		p.put(L, y, 9.5, e.date.String(), col)
		p.put(L+4, y+13, 8.5, e.t.String(), inkGray)
		p.shade(dotX-3.5, y-7, 7, 7, col)
		p.put(dotX+16, y, 10, e.status, col)
		ly := y
		for _, l := range p.wrap(e.text, 9, R-dotX-70) {
			p.put(dotX+66, ly, 9, l, col)
			ly += 13
		}
		y = max(y+40, ly+18)
	}
	p.seg(dotX, first-3, dotX, y-40, pen{0.8, rgb(200, 200, 200)})
	p.put(L, y+6, 8, "以上信息由"+v.carrier+"提供，仅供参考；打印时间："+addDays(v.signed, 1+rng.IntN(4)).String(), inkGray)
	// Printed and stamped by the supplier, as proof of delivery.
	p.stamp(sealFor(v.sender, "业务专用章", R-90, y-30))
}

func drawLogPOD(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d)
	const L, R = 54.0, pageW - 54
	W := R - L
	y := 62.0
	p.carrierLogoAt(L, y-16, 12, v.carrier, carrierInk(v.carrier))
	p.putC(pageW/2, y+36, 18, pick(rng, []string{"快件签收单", "送货签收单", "货物签收回单"}), inkBlack)
	y += 64
	p.put(L, y, 10, "运单号："+v.trackingNo, inkBlack)
	p.putR(R, y, 10, "No. "+digits(rng, 8), inkRed)
	y += 10
	top := y
	h := 26.0
	labW := 84.0
	half := W / 2
	var items []string
	for _, l := range d.contract.lines {
		items = append(items, l.name+" "+lineQtyText(l.qty, l.unit))
	}
	rows := [][4]string{
		{"发件单位", v.sender, "发件日期", pick(rng, []string{v.shipped.String(), dateCN(v.shipped)})},
		{"发件人电话", v.senderPhone, "件数/重量", fmt.Sprintf("%d件 / %skg", v.pieces, kg(v.grams))},
		{"收件单位", v.recipient, "", ""},
		{"收件地址", v.address, "", ""},
		{"货物名称", strings.Join(items, "；"), "", ""},
		{"备注", "订单号：" + d.no, "", ""},
	}
	for i, r := range rows {
		if i > 0 {
			p.seg(L, y, R, y, thinPen)
		}
		p.cell(L, y, labW, h, 10, r[0], 'c', inkBlack)
		if r[2] == "" {
			p.cell(L+labW, y, W-labW, h, 10, r[1], 'l', inkBlack)
		} else {
			p.cell(L+labW, y, half-labW+40, h, 10, r[1], 'l', inkBlack)
			p.cell(L+half+40, y, labW-10, h, 10, r[2], 'c', inkBlack)
			p.cell(L+half+30+labW, y, half-30-labW, h, 10, r[3], 'l', inkBlack)
			p.seg(L+half+40, y, L+half+40, y+h, thinPen)
			p.seg(L+half+30+labW, y, L+half+30+labW, y+h, thinPen)
		}
		y += h
	}
	p.seg(L+labW, top, L+labW, y, thinPen)
	p.seg(L, y, R, y, thinPen)
	y += 34
	p.put(L+10, y, 11, "收件人签字："+d.buyer.contact, inkBlack)
	p.put(L+half+10, y, 11, "签收日期："+dateCNSpaced(v.signed), inkBlack)
	y += 26
	p.put(L+10, y, 9.5, "收件人确认：货物外包装完好，件数无误，已签收。", inkBlack)
	y += 20
	p.frame(L, top, W, y-top, thinPen)
	p.stamp(sealFor(v.recipient, "收货专用章", L+half-30, y-36))
	y += 20
	p.put(L, y, 8.5, "本签收单一式两联：第一联承运方留存，第二联收件方留存。服务热线："+carrierPhone(v.carrier), inkGray)
}

func drawLogShipments(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d)
	const L, R = 36.0, pageW - 36
	W := R - L
	y := 60.0
	p.putC(pageW/2, y, 16, "物流信息查询单", inkBlack)
	y += 26
	p.put(L, y, 9, "查询平台：湖南省政府采购电子卖场 物流跟踪", inkBlack)
	p.putR(R, y, 9, "查询时间："+addDays(v.signed, 1+rng.IntN(5)).String()+" "+workTime(rng).String(), inkBlack)
	y += 10
	evs := trackEvents(rng, d)
	var picked, signedAt clock
	for _, e := range evs {
		switch e.status {
		case "已揽收":
			picked = e.t
		case "已签收":
			signedAt = e.t
		}
	}
	cols := []column{
		{"运单号码", 86, 'l'}, {"承运商", 50, 'c'}, {"发件方", 86, 'l'}, {"收件方", 86, 'l'},
		{"揽收时间", 62, 'c'}, {"签收时间", 62, 'c'}, {"签收人", 44, 'c'}, {"状态", 38, 'c'},
	}
	row := []string{v.trackingNo, v.carrier, v.sender, v.recipient,
		v.shipped.String() + " " + picked.hm(), v.signed.String() + " " + signedAt.hm(), pick(rng, []string{"本人", "收发室", d.buyer.contact}), "已签收"}
	y = p.tableAt(L, y, W, cols, [][]string{row}, tableOpts{size: 8.5, rowH: 22, pe: thinPen, inner: true, rows: true, outer: true, wrap: true, headFill: inkLight})
	y += 24
	p.put(L, y, 9.5, "收件地址："+v.address, inkBlack)
	y += 20
	p.put(L, y, 9.5, fmt.Sprintf("件数：%d", v.pieces), inkBlack)
	p.put(L+W*0.25, y, 9.5, "计费重量："+kg(v.grams)+"kg", inkBlack)
	p.put(L+W*0.55, y, 9.5, "关联订单："+d.no, inkBlack)
	y += 30
	p.put(L, y, 9.5, "最新动态：", inkBlack)
	y += 18
	for _, e := range evs[:min(3, len(evs))] {
		p.put(L+12, y, 8.5, e.date.String()+" "+e.t.String()+"  "+e.text, inkGray)
		y += 15
	}
	p.stamp(sealFor(v.sender, "业务专用章", R-90, y-40))
}

func drawLogPaper(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d, "order_no")
	p.sized(paperW, paperH)
	c := carrierInk(v.carrier)
	if c == inkBlack {
		c = rgb(70, 50, 90)
	}
	pe := pen{0.8, c}
	L, R := 24.0, paperW-60
	W := R - L
	y := 22.0
	p.carrierLogoAt(L, y, 17, v.carrier, c)
	p.put(L+175, y+18, 13, "（详情单）", c)
	p.barcode(R-250, y-6, 170, 28, v.trackingNo)
	p.put(R-250, y+34, 12, v.trackingNo, inkBlack)
	p.put(L, y+40, 7.5, "服务电话："+carrierPhone(v.carrier), c)
	y += 50
	half := W / 2
	top := y
	sec := func(x, yy float64, title string) {
		p.shade(x, yy, half, 12, c)
		p.put(x+4, yy+9, 8, title, rgb(255, 255, 255))
	}
	// ① sender, ⑤ recipient.
	sec(L, y, "①寄件人信息")
	sec(L+half, y, "⑤收件人信息")
	y += 12
	rowH := 18.0
	filled := func(x, yy float64, label, value string, size float64) {
		p.put(x+4, yy+12, 8, label, c)
		p.put(x+4+p.f.Width(label, 8)+6, yy+12, p.fit(value, size, half-p.f.Width(label, 8)-16), value, inkBlack)
	}
	lines := [][2][2]string{
		{{"寄件人姓名", d.supplier.contact}, {"收件人姓名", d.buyer.contact}},
		{{"单位名称", v.sender}, {"单位名称", v.recipient}},
		{{"寄件地址", v.senderAddress}, {"收件地址", v.address}},
		{{"联系电话(非常重要)", v.senderPhone}, {"联系电话(非常重要)", v.phone}},
	}
	for _, l := range lines {
		filled(L, y, l[0][0], l[0][1], 9.5)
		filled(L+half, y, l[1][0], l[1][1], 9.5)
		y += rowH
		p.seg(L, y, R, y, pen{0.4, c})
	}
	sec(L, y, "②快递物品信息")
	sec(L+half, y, "⑥服务与费用")
	y += 12
	var items []string
	for _, l := range d.contract.lines {
		items = append(items, l.name)
	}
	filled(L, y, "内件品名", strings.Join(items, "、"), 9.5)
	filled(L+half, y, "付款方式", pick(rng, []string{"现金", "协议结算"}), 9.5)
	y += rowH
	filled(L, y, "数  量", fmt.Sprint(v.pieces), 9.5)
	filled(L+half*0.5, y, "重量(kg)", kg(v.grams), 9.5)
	filled(L+half, y, "费用总计 ¥", fmt.Sprintf("%d.00", 8+v.grams/1000), 9.5)
	y += rowH
	p.seg(L, y, R, y, pen{0.4, c})
	sec(L, y, "③寄件人签名")
	sec(L+half, y, "⑦收件人签名")
	y += 12
	p.para(L+4, y, half-8, 6, 8, "本人已阅读并充分理解《国内快递服务协议》，本人确认所交寄的物品价值不超过人民币3万元，非禁寄物品。", c)
	y += 26
	filled(L, y, "寄件人签名：", d.supplier.contact, 10)
	filled(L+half, y, "收件人签名：", d.buyer.contact, 10)
	y += rowH
	p.put(L+half*0.45, y+10, 10, dateCNSpaced(v.shipped), inkBlack)
	p.put(L+half+half*0.45, y+10, 10, dateCNSpaced(v.signed), inkBlack)
	y += rowH
	p.seg(L, y, R, y, pen{0.4, c})
	sec(L, y, "④揽/派业务员签名")
	y += 12
	filled(L, y, "揽件业务员签名：", personName(rng), 9.5)
	filled(L+half, y, "备注：", "", 9.5)
	y += rowH + 4
	p.frame(L, top, W, y-top, pe)
	p.seg(L+half, top, L+half, y, pe)
	p.putR(R, y+16, 14, digits(rng, 6), inkBlack)
	// The copies' names down the right edge.
	for i, part := range []string{"①名址联", "②结账联", "③发件联", "④收件联"} {
		x := R + 6 + float64(i)*13
		p.vtext(x+6, top, y-top, 8, part, c)
	}
	p.stamp(sealFor(v.recipient, "收货专用章", L+half*1.55, y-48))
}

func drawLogFreight(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d, "signed", "recipient", "pieces", "weight", "order_no")
	const L, R = 50.0, pageW - 70
	W := R - L
	y := 64.0
	p.put(L, 40, 13, "货拉拉", inkOrange)
	p.put(L+p.f.Width("货拉拉", 13)+4, 40, 7, "LALAMOVE", inkOrange)
	p.putC(L+W/2, y, 15, "货物运输电子货票收款凭证", inkBlack)
	p.seg(L+W/2-110, y+5, L+W/2+110, y+5, pen{0.6, inkBlack})
	y += 22
	p.putR(R, y, 8.5, "电子报销凭证序号 "+digits(rng, 14), inkBlack)
	y += 8
	pe := pen{0.5, rgb(140, 140, 140)}
	top := y
	h := 40.0
	p.labelAbove(L, y, W*0.55, h, "托运人名称", v.sender, 10.5, inkBlack, pe)
	p.labelAbove(L+W*0.55, y, W*0.45, h, "托运人纳税人识别号", d.supplier.USCC, 10.5, inkBlack, pe)
	y += h
	t := clock{6 + rng.IntN(12), rng.IntN(60), 0}
	addrW := W * 0.45
	colW := (W - addrW) / 3
	p.frame(L, y, W, 96, pe)
	for i, head := range []string{"用车时间", "订单编号", "服务类型"} {
		x := L + addrW + float64(i)*colW
		p.cell(x, y, colW, 22, 9, head, 'c', inkBlack)
	}
	p.cell(L+addrW, y+40, colW, 22, 9, v.shipped.String()+" "+t.hm(), 'c', inkBlack)
	p.cell(L+addrW+colW, y+40, colW, 22, 9, v.trackingNo, 'c', inkBlack)
	p.cell(L+addrW+2*colW, y+40, colW, 22, 9, "运输", 'c', inkBlack)
	p.put(L+8, y+24, 10, "自", inkBlack)
	p.para(L+40, y+12, addrW-48, 8.5, 12, v.senderAddress, inkBlack)
	p.put(L+8, y+64, 10, "至", inkBlack)
	p.para(L+40, y+52, addrW-48, 8.5, 12, v.address, inkBlack)
	p.seg(L+addrW, y, L+addrW, y+96, pe)
	y += 96
	fee := money.Fen((60 + rng.IntN(900)) * 100)
	p.frame(L, y, W, 28, pe)
	p.putR(R-8, mid(y, 28, 11), 11, "费用合计："+cnyPlain(fee), inkOrange)
	y += 28
	p.frame(L, y, W, 26, pe)
	p.put(L+6, mid(y, 26, 8.5), 8.5, "承运人身份证号码 43"+digits(rng, 10)+"******", inkBlack)
	p.put(L+W*0.45, mid(y, 26, 8.5), 8.5, "承运人姓名 "+maskName(personName(rng)), inkBlack)
	p.put(L+W*0.72, mid(y, 26, 8.5), 8.5, "申请日期 "+addDays(v.shipped, 1+rng.IntN(20)).String(), inkBlack)
	y += 26
	p.put(L, y+12, 6.5, "货拉拉仅作为制作方为承运人向托运人开具本电子收款凭证，依据国家税务总局公告2018年第28号《企业所得税税前扣除凭证管理办法》第九条可作为合法凭证", inkGray)
	p.vtext(R+16, top-40, 90, 8.5, "承运人收款凭证", inkRed)
	p.vtext(R+16, top+60, 60, 8.5, "手写无效", inkRed)
	p.stamp(seal{cx: L + W*0.6, cy: y - 30, rx: 40, ry: 40, arc: "货拉拉电子凭证专用", center: "", star: true})
	y += 40
	for _, l := range []string{
		"承运人收款凭证可以作为企业所得税税前扣除凭证，税法依据：",
		"一、依据《企业所得税税前扣除凭证管理办法》第九条，对方为依法无需办理税务登记的单位或者从事小额零星经营业务的个人，其支出以收款凭证及内部凭证作为税前扣除凭证。",
		"二、起征点规定：对月销售额10万元以下（含本数）的增值税小规模纳税人，免征增值税。",
	} {
		y = p.para(L, y, W+20, 8, 12, l, inkBlack) + 4
	}
}

// Merchant label: 100 × 150 mm.
const merchantW, merchantH = 283.46, 425.2

func drawLogMerchantLabel(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.logistics
	logFields(p, d, "signed", "pieces")
	p.sized(merchantW, merchantH)
	const L = 12.0
	R := merchantW - 12
	W := R - L
	c := carrierInk(v.carrier)
	letters, name := carrierLogo(v.carrier)
	p.put(L, 26, 16, letters, c)
	p.put(L, 46, 14, pick(rng, []string{"经济快递", "标准快递", "快递包裹"}), inkBlack)
	p.put(L+p.f.Width(letters, 16)+6, 26, 8, name, c)
	p.barcode(L+W*0.45, 12, W*0.55, 30, v.trackingNo)
	p.putC(L+W*0.72, 52, 8.5, v.trackingNo, inkBlack)
	t := workTime(rng)
	p.put(L, 62, 7, "打印时间："+fmt.Sprintf("%d-%d-%d %s", v.shipped.Year, int(v.shipped.Month), v.shipped.Day, t.hm()), inkBlack)
	y := 68.0
	p.seg(L, y, R, y, pen{0.8, inkBlack})
	kv := func(x, yy float64, label, value string, size float64) {
		p.put(x, yy, size, label, inkBlack)
		p.put(x+p.f.Width(label, size), yy, p.fit(value, size, R-x-p.f.Width(label, size)), value, inkBlack)
	}
	kv(L, y+14, "寄件人：", v.sender, 8.5)
	kv(L, y+28, "地址：", v.senderAddress, 8)
	kv(L, y+42, "计费重量（KG）：", kg(v.grams), 8)
	kv(L+W*0.55, y+42, "保价金额：", "0.00元", 8)
	y += 48
	p.seg(L, y, R, y, pen{0.8, inkBlack})
	city, county := cityOf(v.address)
	kv(L, y+15, "收件人：", v.recipient, 9)
	kv(L, y+30, "电话：", v.phone, 8.5)
	kv(L+W*0.55, y+30, "城市：", city+county, 8.5)
	addr := p.wrap(v.address, 8.5, W-30)
	p.put(L, y+45, 8.5, "地址：", inkBlack)
	for i, l := range addr {
		p.put(L+26, y+45+float64(i)*12, 8.5, l, inkBlack)
	}
	y += 50 + float64(len(addr))*12
	p.put(L, y, 8, "收件人签名：", inkBlack)
	p.put(L+W*0.45, y, 8, "签收时间：   年   月   日", inkBlack)
	y += 6
	p.dashed(L, y, R, y, pen{0.6, inkBlack})
	y += 6
	p.put(L, y+14, 8, "订单ID：", inkBlack)
	p.barcode(L+40, y+2, W*0.5, 20, d.no)
	p.putC(L+40+W*0.25, y+31, 7, d.no, inkBlack)
	y += 40
	kv(L, y, "寄件人：", v.sender, 7.5)
	kv(L+W*0.62, y, "计费重量（KG）：", kg(v.grams), 7)
	kv(L, y+12, "地址：", v.senderAddress, 7)
	y += 18
	p.seg(L, y, R, y, pen{0.5, inkBlack})
	kv(L, y+13, "收件人：", v.recipient, 8)
	kv(L+W*0.55, y+13, "电话：", v.phone, 8)
	kv(L, y+26, "地址：", v.address, 7.5)
	y += 32
	p.seg(L, y, R, y, pen{0.5, inkBlack})
	p.barcode(L, y+6, W*0.55, 26, v.trackingNo)
	p.putC(L+W*0.275, y+42, 7.5, v.trackingNo, inkBlack)
	p.put(L+W*0.6, y+24, 8.5, "订单号："+d.no, inkBlack)
}
