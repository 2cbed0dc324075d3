package samples

import (
	"fmt"
	"math/rand/v2"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// Held-out acceptance layouts (LayoutsHoldout): a canteen's food
// inspection and stock-in register (食堂食材进货查验及入库验收记录, landscape,
// with 生产日期/批号, 保质期, 感官检查 and 索证索票 columns, as school and
// unit canteens must keep them), and a hospital-style 物资验收记录单 whose
// checks and conclusion are boxes ticked with √.

func init() {
	lines := capNames | capQty | capPrice | capReceived
	register(
		&layoutSpec{id: "acceptance/ho-canteen-register", prints: []string{"order_no", "buyer_name", "seller_name", "date", "total", "conclusion", "signer"},
			lines: lines, draw: drawHoCanteenRegister,
			fits:  func(d *orderDocs) bool { return d.buyer.Kind == pipeline.BuyerBudgetUnit },
			about: "a budget unit's canteen register 食堂食材进货查验及入库验收记录 (A4 landscape): 单位名称/供货单位/订单编号/验收日期 line, columns 食材名称 规格 单位 订购数量 验收数量 单价 金额 生产日期/批号 保质期 感官检查 索证索票 备注, 合计 row, 验收结论, 验收人/供货人/食堂负责人 signatures; no contract number"},
		&layoutSpec{id: "acceptance/ho-check-record", prints: []string{"order_no", "contract_no", "buyer_name", "seller_name", "date", "total", "conclusion", "signer"},
			lines: lines, draw: drawHoCheckRecord,
			about: "hospital-style 物资验收记录单: 验收单位/供货单位/合同编号/订单编号/到货日期/验收日期 grid (the arrival date beside the acceptance date), 订货数量/实到数量 lines, drawn boxes ticked √ for 外包装, 数量核对, 质量（感官）, 证照资料 and the 验收结论 (合格/部分合格/不合格/待整改), 验收意见, 验收人员 beside 库管员 and 科室负责人"},
	)
}

// shelfLife is what a register prints for a line's 生产日期/批号 and 保质期:
// fresh produce has neither.
func shelfLife(rng *rand.Rand, l docLine, accepted pipeline.Date) (batch, life string) {
	switch l.taxItem {
	case "蔬菜", "水果", "食用菌":
		if l.spec == "鲜" || l.taxItem != "食用菌" {
			return "/", "/"
		}
	}
	made := addDays(accepted, -3-rng.IntN(60))
	life = "12个月"
	switch l.taxItem {
	case "茶叶":
		life = "24个月"
	case "食用植物油":
		life = "18个月"
	}
	return dateCompact(made), life
}

func drawHoCanteenRegister(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	accFields(p, d, v.signers, "contract_no")
	p.sized(pageH, pageW)
	const L = 30.0
	R := pageH - 30
	W := R - L
	y := 50.0
	p.putC(pageH/2, y, 17, "食堂食材进货查验及入库验收记录", inkBlack)
	y += 30
	x := L
	for i, s := range []string{"单位名称：" + v.buyerName, "供货单位：" + v.sellerName, "订单编号：" + d.no, "验收日期：" + dateCN(v.date)} {
		w := W * []float64{0.32, 0.32, 0.19, 0.17}[i]
		p.put(x, y, p.fit(s, 10, w-14), s, inkBlack)
		x += w
	}
	q := W / 4
	y += 8
	var body [][]string
	ok := v.conclusion == "合格"
	for i, l := range v.lines {
		batch, life := shelfLife(rng, l, v.date)
		sense := "正常"
		if !ok && i == 0 {
			sense = "异常"
		}
		body = append(body, []string{fmt.Sprint(i + 1), l.name, l.spec, l.unit, l.qty.String(), l.received.String(), l.price.String(), l.amount.String(),
			batch, life, sense, pick(rng, []string{"√", "合格证√", "检测报告√"}), ""})
	}
	for len(body) < 6 {
		body = append(body, []string{""})
	}
	body = append(body, []string{"合计", "", "", "", "", "", "", v.total.String(), "", "", "", "", ""})
	y = p.tableAt(L, y, W, []column{
		{"序号", 26, 'c'}, {"食材名称", 76, 'c'}, {"规格", 56, 'c'}, {"单位", 30, 'c'}, {"订购数量", 50, 'c'}, {"验收数量", 50, 'c'},
		{"单价(元)", 52, 'c'}, {"金额(元)", 60, 'c'}, {"生产日期/批号", 70, 'c'}, {"保质期", 44, 'c'}, {"感官检查", 48, 'c'}, {"索证索票", 56, 'c'}, {"备注", 44, 'c'},
	}, body, tableOpts{size: 9.5, rowH: 24, pe: thinPen, inner: true, rows: true, outer: true})
	y += 26
	p.put(L, y, 11, "验收结论："+v.conclusion, inkBlack)
	p.put(L+q, y, 11, "验收人（签字）："+v.signers, inkBlack)
	p.put(L+2*q+30, y, 11, "供货人（签字）："+d.supplier.contact, inkBlack)
	p.put(L+3*q+30, y, 11, "食堂负责人："+personName(rng), inkBlack)
	y += 28
	for _, l := range []string{
		"注：1. 采购食材须查验供货者的营业执照、食品经营许可证，并索取产品合格证明或检验检测报告（索证索票）；",
		"2. 感官检查异常、超过保质期或无法提供合格证明的食材不得入库；3. 本记录保存期限不少于产品保质期满后六个月，没有明确保质期的不少于二年。",
	} {
		p.put(L, y, 8.5, l, inkGray)
		y += 14
	}
	p.stamp(sealFor(v.buyerName, "食堂专用章", L+q*1.6, y-50))
}

// tickBoxes draws options from x at baseline y, each after a box, the one
// chosen ticked with √, and returns the x after them.
func (p *page) tickBoxes(x, y, size float64, options []string, chosen string) float64 {
	for _, o := range options {
		p.frame(x, y-size*0.85, size*0.9, size*0.9, pen{0.6, inkBlack})
		if o == chosen {
			p.put(x+size*0.05, y-size*0.05, size*0.9, "√", inkBlack)
		}
		x += size * 1.3
		p.put(x, y, size, o, inkBlack)
		x += p.f.Width(o, size) + size*1.6
	}
	return x
}

func drawHoCheckRecord(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	accFields(p, d, v.signers)
	const L, R = 48.0, pageW - 48
	W := R - L
	y := 60.0
	p.putC(pageW/2, y, 18, pick(rng, []string{"物资验收记录单", "物资（食材）验收记录单"}), inkBlack)
	y += 20
	p.putR(R, y, 9, "记录编号：WZYS"+dateCompact(v.date)+digits(rng, 3), inkBlack)
	y += 8
	h := 24.0
	lw := 70.0
	half := W / 2
	top := y
	for _, r := range [][4]string{
		{"验收单位", v.buyerName, "供货单位", v.sellerName},
		{"合同编号", d.contractNo, "订单编号", d.no},
		{"到货日期", dateCN(d.logistics.signed), "验收日期", dateCN(v.date)},
	} {
		p.cell(L, y, lw, h, 10, r[0], 'c', inkBlack)
		p.cellFit(L+lw, y, half-lw, h, 9.5, r[1], 'l')
		p.cell(L+half, y, lw, h, 10, r[2], 'c', inkBlack)
		p.cellFit(L+half+lw, y, half-lw, h, 9.5, r[3], 'l')
		for _, x := range []float64{L + lw, L + half, L + half + lw} {
			p.seg(x, y, x, y+h, thinPen)
		}
		y += h
		p.seg(L, y, R, y, thinPen)
	}
	p.cell(L, y, lw, h, 10, "验收地点", 'c', inkBlack)
	p.cellFit(L+lw, y, W-lw, h, 9.5, v.place, 'l')
	p.seg(L+lw, y, L+lw, y+h, thinPen)
	y += h
	p.frame(L, top, W, y-top, thinPen)
	y += 10
	var body [][]string
	short := false
	for _, r := range accRows(v) {
		body = append(body, r)
	}
	for _, l := range v.lines {
		short = short || l.received != l.qty
	}
	body = append(body, []string{"合计", "", "", "", "", "", "", v.total.String()})
	y = p.tableAt(L, y, W, []column{{"序号", 28, 'c'}, {"品名", 90, 'c'}, {"规格", 60, 'c'}, {"单位", 32, 'c'}, {"订货数量", 54, 'c'}, {"实到数量", 54, 'c'}, {"单价(元)", 56, 'c'}, {"金额(元)", 62, 'c'}},
		body, tableOpts{size: 9.5, rowH: 22, pe: thinPen, inner: true, rows: true, outer: true})
	y += 10
	ok := v.conclusion == "合格"
	quality, count := "合格", "与订单相符"
	if !ok {
		quality = "不合格"
	}
	if short {
		count = "不符"
	}
	options := []string{"合格", "部分合格", "不合格", "待整改"}
	if !contains(options, v.conclusion) {
		options = append(options, v.conclusion)
	}
	checks := []struct {
		label   string
		options []string
		chosen  string
	}{
		{"外包装", []string{"完好", "破损"}, "完好"},
		{"数量核对", []string{"与订单相符", "不符"}, count},
		{"质量（感官）", []string{"合格", "不合格"}, quality},
		{"证照资料", []string{"齐全", "不全"}, "齐全"},
		{"验收结论", options, v.conclusion},
	}
	top = y
	ch := 24.0
	for i, c := range checks {
		if i > 0 {
			p.seg(L, y, R, y, thinPen)
		}
		p.cell(L, y, lw+20, ch, 10, c.label, 'c', inkBlack)
		p.tickBoxes(L+lw+30, mid(y, ch, 10), 10, c.options, c.chosen)
		y += ch
	}
	p.seg(L, y, R, y, thinPen)
	p.cell(L, y, lw+20, ch+8, 10, "验收意见", 'c', inkBlack)
	p.cellFit(L+lw+20, y, W-lw-20, ch+8, 10, opinion(v.conclusion), 'l')
	y += ch + 8
	p.seg(L, y, R, y, thinPen)
	p.cell(L, y, lw+20, ch, 10, "金额合计", 'c', inkBlack)
	p.cell(L+lw+20, y, W-lw-20, ch, 10, "¥"+grouped(v.total)+"（大写："+money.Uppercase(v.total)+"）", 'l', inkBlack)
	y += ch
	p.frame(L, top, W, y-top, thinPen)
	p.seg(L+lw+20, top, L+lw+20, y, thinPen)
	y += 30
	p.put(L, y, 10.5, "验收人员（签字）："+v.signers, inkBlack)
	p.put(L+W*0.55, y, 10.5, "库管员："+personName(rng), inkBlack)
	y += 26
	p.put(L, y, 10.5, "科室负责人："+personName(rng), inkBlack)
	p.put(L+W*0.55, y, 10.5, "日期："+dateCNSpaced(v.date), inkBlack)
	y += 24
	p.put(L, y, 8.5, "注：本记录一式三联，第一联验收科室留存，第二联交财务科报账，第三联交供货单位。", inkGray)
	p.stamp(sealFor(v.buyerName, "验收专用章", L+W*0.7, y-40))
}
