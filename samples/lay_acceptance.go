package samples

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
)

// Acceptance layouts modelled on real receiving documents: a 收货单 grid,
// a carbon-copy 入库单 with the amounts in digit boxes, a 验收确认书 letter,
// the market's 验收单 with labels above values, the supplier's 送货单
// signed by the buyer, and a procurement 验收报告 with ticked boxes.

// Stock-in form: about 200 × 115 mm, as the three-part paper forms are.
const stockW, stockH = 566.93, 326.0

func init() {
	names := capNames | capQty | capPrice
	register(
		&layoutSpec{id: "acceptance/receipt-form", prints: []string{"order_no", "contract_no", "buyer_name", "seller_name", "date", "total", "signer"},
			lines: names | capReceived, draw: drawAccReceiptForm,
			about: "收货单: label/value grid (收货单位, 供货单位, 订单号, 合同号, 收货日期), lines with 应收数量/实收数量, 签收人 and 签收日期; no conclusion"},
		&layoutSpec{id: "acceptance/stock-in", prints: []string{"buyer_name", "seller_name", "date", "total", "signer"},
			lines: names, draw: drawAccStockIn,
			about: "three-part paper 入库单 (№ in red, 交货单位, 年 月 日, lines with the amount in 十万…元角分 digit boxes, 记账/保管/制票/交货人, copies named down the edge); no order or contract number, no conclusion"},
		&layoutSpec{id: "acceptance/confirm-letter", prints: []string{"order_no", "contract_no", "buyer_name", "seller_name", "date", "total", "conclusion", "signer"},
			lines: names | capReceived, draw: drawAccConfirmLetter,
			about: "验收确认书: a letter to the supplier (致：…), the goods table with 合同数量/实收数量, 验收意见, 验收结论, 验收人签字, the purchaser's seal and date"},
		&layoutSpec{id: "acceptance/label-above", prints: []string{"order_no", "contract_no", "buyer_name", "seller_name", "date", "total", "conclusion", "signer"},
			lines: names | capReceived, draw: drawAccLabelAbove,
			about: "the e-market's 验收单: framed cells with the label above the value (验收单号, 采购人, 验收时间, 验收结果), lines with 应收/实收数量, 验收人签字"},
		&layoutSpec{id: "acceptance/delivery-note", prints: []string{"order_no", "buyer_name", "seller_name", "date", "total", "signer"},
			lines: names, draw: drawAccDeliveryNote,
			about: "the supplier's 送货单 signed by the buyer: 客户名称, 送货日期, 订单号, lines, 合计金额 in words and figures, 收货人签字 and 收货日期, copies 白联/红联/黄联; no conclusion"},
		&layoutSpec{id: "acceptance/report-form", prints: []string{"order_no", "contract_no", "buyer_name", "seller_name", "date", "total", "conclusion", "signer"},
			lines: names | capReceived, draw: drawAccReportForm,
			about: "政府采购项目验收报告: grid of 采购人/供应商/合同编号/订单编号/合同金额/验收金额/验收时间, 验收内容 table, 验收结论 as ticked boxes (■合格 □不合格), 验收小组 signatures"},
	)
}

// accFields records the fields an acceptance document prints; keys in
// skip are not printed; signer is the signature as printed.
func accFields(p *page, d *orderDocs, signer string, skip ...string) {
	v := &d.acceptance
	for _, f := range [][2]string{
		{"order_no", d.no}, {"contract_no", d.contractNo}, {"buyer_name", v.buyerName}, {"seller_name", v.sellerName},
		{"date", fDate(v.date)}, {"total", fAmount(v.total)}, {"conclusion", v.conclusion}, {"signer", signer},
	} {
		if !contains(skip, f[0]) {
			p.field(f[0], f[1])
		}
	}
}

// opinion is the 验收意见 that goes with a conclusion.
func opinion(conclusion string) string {
	switch conclusion {
	case "合格":
		return "货物数量、规格、质量符合合同约定，包装完好，同意验收。"
	case "不合格":
		return "部分货物质量不符合合同约定，不予验收，请供应商退换。"
	case "部分合格":
		return "部分货物存在质量问题，合格部分予以验收，其余退换。"
	}
	return "货物存在问题，请供应商限期整改后重新验收。"
}

// accRows are the lines with ordered and received quantities.
func accRows(v *acceptanceDoc) [][]string {
	var rows [][]string
	for i, l := range v.lines {
		rows = append(rows, []string{fmt.Sprint(i + 1), l.name, l.spec, l.unit, l.qty.String(), l.received.String(), l.price.String(), l.amount.String()})
	}
	return rows
}

func drawAccReceiptForm(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	accFields(p, d, v.signers, "conclusion")
	const L, R = 64.0, pageW - 64
	W := R - L
	y := 80.0
	p.putC(pageW/2, y, 16, "收货单", inkBlack)
	y += 22
	h := 24.0
	q := W / 4
	top := y
	for _, r := range [][4]string{
		{"收货单位", v.buyerName, "供货单位", v.sellerName},
		{"订单号", d.no, "合同号", d.contractNo},
		{"收货日期", dateCNSpaced(v.date), "收货地点", v.place},
	} {
		p.cell(L, y, q*0.8, h, 10, r[0], 'c', inkBlack)
		p.cell(L+q*0.8, y, q*1.2, h, 9.5, r[1], 'c', inkBlack)
		p.cell(L+2*q, y, q*0.8, h, 10, r[2], 'c', inkBlack)
		p.cell(L+2.8*q, y, q*1.2, h, 9.5, r[3], 'c', inkBlack)
		y += h
		p.seg(L, y, R, y, thinPen)
	}
	for _, x := range []float64{L + q*0.8, L + 2*q, L + 2.8*q} {
		p.seg(x, top, x, y, thinPen)
	}
	p.frame(L, top, W, y-top, thinPen)
	y += 14
	var body [][]string
	for _, r := range accRows(v) {
		body = append(body, []string{r[1], r[2], r[3], r[4], r[5], r[6], r[7], ""})
	}
	body = append(body, []string{"合计", "", "", "", "", "", v.total.String(), ""})
	y = p.tableAt(L, y, W, []column{{"品名", 80, 'c'}, {"规格", 60, 'c'}, {"单位", 34, 'c'}, {"应收数量", 52, 'c'}, {"实收数量", 52, 'c'}, {"单价(元)", 56, 'c'}, {"金额(元)", 62, 'c'}, {"备注", 40, 'c'}},
		body, tableOpts{size: 9.5, rowH: 24, pe: thinPen, inner: true, rows: true, outer: true})
	top = y
	p.cell(L, y, q*0.8, h, 10, "签收人", 'c', inkBlack)
	p.cell(L+q*0.8, y, q*1.2, h, 10, v.signers, 'c', inkBlack)
	p.cell(L+2*q, y, q*0.8, h, 10, "签收日期", 'c', inkBlack)
	p.cell(L+2.8*q, y, q*1.2, h, 9.5, dateCNSpaced(v.date), 'c', inkBlack)
	y += h
	for _, x := range []float64{L + q*0.8, L + 2*q, L + 2.8*q} {
		p.seg(x, top, x, y, thinPen)
	}
	p.frame(L, top, W, y-top, thinPen)
	y += 30
	p.para(L+20, y, W-20, 10, 20, "注：货物运输过程中，因包装、装卸等因素造成的数量偏差，在合同约定的范围内属于正常现象；超出部分由供货单位负责补足。", inkBlack)
	p.stamp(sealFor(v.buyerName, "收货专用章", L+2.4*q, top+4))
}

func drawAccStockIn(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	signer := strings.Split(v.signers, "、")[0]
	accFields(p, d, signer, "order_no", "contract_no", "conclusion")
	p.sized(stockW, stockH)
	ink := rgb(40, 40, 120) // the form's print; what is filled in is black
	pe := pen{0.6, ink}
	const L = 22.0
	R := stockW - 48
	W := R - L
	y := 34.0
	p.putC(stockW/2, y, 20, "入  库  单", ink)
	tw := p.f.Width("入  库  单", 20)
	p.seg(stockW/2-tw/2-8, y+6, stockW/2+tw/2+8, y+6, pen{1, ink})
	p.seg(stockW/2-tw/2-8, y+9, stockW/2+tw/2+8, y+9, pen{0.5, ink})
	p.put(R-110, y-2, 15, "№", ink)
	p.put(R-92, y-2, 15, digits(rng, 7), inkRed)
	y += 28
	p.put(L+4, y, 9.5, "交货单位：", ink)
	p.put(L+4+p.f.Width("交货单位：", 9.5), y, 9.5, v.sellerName, inkBlack)
	dt := v.date
	p.put(L+W*0.5, y, 9.5, fmt.Sprintf("%d  年  %02d  月  %02d  日", dt.Year, int(dt.Month), dt.Day), inkBlack)
	y += 16
	p.put(L+4, y, 9.5, "收货单位：", ink)
	p.put(L+4+p.f.Width("收货单位：", 9.5), y, 9.5, v.buyerName, inkBlack)
	y += 8
	// Columns, then eight digit boxes for 金额, then 附注.
	fixed := []column{{"编号", 26, 'c'}, {"品  名", 100, 'l'}, {"单位", 28, 'c'}, {"规  格", 56, 'c'}, {"数  量", 44, 'r'}, {"单  价", 52, 'r'}}
	units := []string{"十", "万", "千", "百", "十", "元", "角", "分"}
	fen := fmt.Sprint(int64(v.total))
	for len(fen)+1 > len(units) { // more digits than boxes: another box to the left
		units = append([]string{"百"}, units...)
	}
	box := 13.0
	noteW := 44.0
	fixedW := W - box*float64(len(units)) - noteW
	top := y
	headH, rowH := 30.0, 21.0
	x := L
	tot := 0.0
	for _, c := range fixed {
		tot += c.w
	}
	ws := make([]float64, len(fixed))
	for i, c := range fixed {
		ws[i] = c.w * fixedW / tot
		p.cell(x, y, ws[i], headH, 9, c.head, 'c', ink)
		x += ws[i]
	}
	bx := x
	p.cell(bx, y, box*float64(len(units)), headH/2, 9, "金    额", 'c', ink)
	for i, u := range units {
		p.cell(bx+float64(i)*box, y+headH/2, box, headH/2, 7.5, u, 'c', ink)
	}
	p.cell(R-noteW, y, noteW, headH, 9, "附 注", 'c', ink)
	y += headH
	digitsIn := func(f money.Fen, yy float64) {
		s := []rune("¥" + fmt.Sprint(int64(f)))
		if len(fmt.Sprint(int64(f))) < 3 {
			s = []rune("¥" + fmt.Sprintf("%03d", int64(f)))
		}
		for i := range s {
			k := len(units) - len(s) + i
			if k >= 0 {
				p.cell(bx+float64(k)*box, yy, box, rowH, 9, string(s[i]), 'c', inkBlack)
			}
		}
	}
	nRows := max(5, len(v.lines))
	for i := range nRows {
		p.seg(L, y, R, y, pe)
		if i < len(v.lines) {
			l := v.lines[i]
			vals := []string{fmt.Sprint(i + 1), l.name, l.unit, l.spec, l.received.String(), l.price.String()}
			x := L
			for j, s := range vals {
				p.cell(x, y, ws[j], rowH, 9.5, s, fixed[j].align, inkBlack)
				x += ws[j]
			}
			digitsIn(l.amount, y)
		}
		y += rowH
	}
	p.seg(L, y, R, y, pe)
	p.put(L+40, mid(y, rowH, 10), 10, "合", ink)
	p.put(bx-60, mid(y, rowH, 10), 10, "计", ink)
	digitsIn(v.total, y)
	y += rowH
	p.frame(L, top, W, y-top, pe)
	x = L
	for _, w := range ws {
		x += w
		p.seg(x, top, x, y-rowH, pe)
	}
	p.seg(bx, top, bx, y, pe)
	for i := 1; i < len(units); i++ {
		p.seg(bx+float64(i)*box, top+headH/2, bx+float64(i)*box, y, pen{0.4, ink})
	}
	p.seg(bx, top+headH/2, R-noteW, top+headH/2, pe)
	p.seg(R-noteW, top, R-noteW, y, pe)
	y += 22
	q := W / 4
	for i, s := range [][2]string{{"记账", personName(rng)}, {"保管", signer}, {"制票", personName(rng)}, {"交货人", d.supplier.contact}} {
		p.put(L+float64(i)*q+4, y, 9.5, s[0], ink)
		p.put(L+float64(i)*q+4+p.f.Width(s[0], 9.5)+10, y, 10, s[1], inkBlack)
	}
	p.vtext(R+18, top, y-top, 8, "存根(白)财会(红)交货单位(黄)", ink)
	p.stamp(sealFor(v.buyerName, "验收专用章", L+W*0.42, y-30))
}

func drawAccConfirmLetter(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	accFields(p, d, v.signers)
	const L, R = 70.0, pageW - 70
	W := R - L
	y := 88.0
	p.putC(pageW/2, y, 19, "验 收 确 认 书", inkBlack)
	y += 40
	p.put(L, y, 11, "致："+v.sellerName, inkBlack)
	y += 12
	text := fmt.Sprintf("　　我单位（%s）于%s在%s收到贵单位依据合同（合同编号：%s；电子卖场订单号：%s）供应的下列货物，经组织验收，确认如下：",
		v.buyerName, dateCNShort(v.date), v.place, d.contractNo, d.no)
	y = p.para(L, y, W, 11, 21, text, inkBlack)
	y += 8
	var body [][]string
	for _, r := range accRows(v) {
		body = append(body, []string{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]})
	}
	y = p.tableAt(L, y, W, []column{{"序号", 26, 'c'}, {"货物名称", 70, 'c'}, {"规格", 50, 'c'}, {"单位", 30, 'c'}, {"合同数量", 46, 'c'}, {"实收数量", 46, 'c'}, {"单价", 48, 'c'}, {"金额", 56, 'c'}},
		body, tableOpts{size: 9, rowH: 22, pe: thinPen, inner: true, rows: true, outer: true})
	y += 12
	total := pick(rng, []string{yen(v.total), yuanSuffix(v.total)})
	y = p.para(L, y, W, 11, 21, "　　验收金额合计："+total+"。", inkBlack)
	y = p.para(L, y, W, 11, 21, "　　验收意见："+opinion(v.conclusion), inkBlack)
	y = p.para(L, y, W, 11, 21, "　　验收结论："+v.conclusion, inkBlack)
	y += 26
	x := L + W*0.45
	p.put(x, y, 11, "验收人签字："+v.signers, inkBlack)
	y += 24
	p.put(x, y, 11, "采购人（盖章）："+v.buyerName, inkBlack)
	y += 24
	p.put(x, y, 11, "日期："+dateCN(v.date), inkBlack)
	p.stamp(sealFor(v.buyerName, "验收专用章", x+120, y-26))
}

func drawAccLabelAbove(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	accFields(p, d, v.signers)
	const L, R = 44.0, pageW - 44
	W := R - L
	teal := inkTeal
	p.shade(L, 30, W, 28, teal)
	p.put(L+10, 49, 12, "湖南省政府采购电子卖场", rgb(255, 255, 255))
	p.putR(R-10, 49, 12, "验收单", rgb(255, 255, 255))
	y := 76.0
	pe := pen{0.5, rgb(160, 180, 180)}
	h := 36.0
	row := func(cells ...[2]string) {
		w := W / float64(len(cells))
		for i, c := range cells {
			p.labelAbove(L+float64(i)*w, y, w, h, c[0], c[1], 10, inkGray, pe)
		}
		y += h
	}
	t := workTime(rng)
	row([2]string{"验收单号", "YS" + dateCompact(v.date) + digits(rng, 4)}, [2]string{"订单号", d.no}, [2]string{"合同编号", d.contractNo})
	row([2]string{"采购人", v.buyerName}, [2]string{"供应商", v.sellerName})
	row([2]string{"验收时间", v.date.String() + " " + t.String()}, [2]string{"验收地点", v.place})
	y += 14
	var body [][]string
	for _, r := range accRows(v) {
		body = append(body, []string{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]})
	}
	y = p.tableAt(L, y, W, []column{{"序号", 28, 'c'}, {"商品名称", 96, 'l'}, {"规格", 60, 'c'}, {"单位", 30, 'c'}, {"应收数量", 50, 'r'}, {"实收数量", 50, 'r'}, {"单价(元)", 56, 'r'}, {"金额(元)", 64, 'r'}},
		body, tableOpts{size: 9, rowH: 21, pe: pe, rows: true, outer: true, headFill: rgb(225, 240, 238)})
	y += 10
	row([2]string{"验收金额（元）", grouped(v.total)}, [2]string{"验收结果", v.conclusion})
	row([2]string{"验收意见", opinion(v.conclusion)})
	row([2]string{"验收人签字", v.signers}, [2]string{"采购人确认（电子签章）", v.buyerName})
	p.put(L, y+16, 8, "本验收单由采购人在电子卖场在线确认，打印时间："+addDays(v.date, rng.IntN(5)).String(), inkGray)
	p.stamp(sealFor(v.buyerName, "验收专用章", L+W*0.78, y-20))
}

func drawAccDeliveryNote(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	signer := v.signers
	accFields(p, d, signer, "contract_no", "conclusion")
	const L, R = 44.0, pageW - 44
	W := R - L
	y := 56.0
	p.putC(pageW/2, y, 15, v.sellerName, inkBlack)
	y += 28
	p.putC(pageW/2, y, 18, "送  货  单", inkBlack)
	p.putR(R, y, 10, "No. "+digits(rng, 7), inkRed)
	y += 26
	p.put(L, y, 10, "客户名称："+v.buyerName, inkBlack)
	p.putR(R, y, 10, "送货日期："+d.logistics.shipped.String(), inkBlack)
	y += 18
	p.put(L, y, 10, "订单号："+d.no, inkBlack)
	p.putR(R, y, p.fit("收货地址："+v.place, 10, W*0.62), "收货地址："+v.place, inkBlack)
	y += 8
	var body [][]string
	for i, l := range v.lines {
		body = append(body, []string{fmt.Sprint(i + 1), l.name, l.spec, l.unit, l.qty.String(), l.price.String(), l.amount.String(), ""})
	}
	for len(body) < 6 {
		body = append(body, []string{""})
	}
	y = p.tableAt(L, y, W, []column{{"序号", 28, 'c'}, {"品名", 96, 'c'}, {"规格", 64, 'c'}, {"单位", 32, 'c'}, {"数量", 48, 'c'}, {"单价", 54, 'c'}, {"金额", 64, 'c'}, {"备注", 50, 'c'}},
		body, tableOpts{size: 9.5, rowH: 22, pe: thinPen, inner: true, rows: true, outer: true})
	p.frame(L, y, W, 24, thinPen)
	p.put(L+6, mid(y, 24, 10), 10, "合计金额（大写）："+money.Uppercase(v.total), inkBlack)
	p.putR(R-6, mid(y, 24, 10), 10, "（小写）：¥"+grouped(v.total), inkBlack)
	y += 48
	p.put(L, y, 10.5, "送货人："+d.supplier.contact, inkBlack)
	p.put(L+W*0.34, y, 10.5, "收货人签字："+signer, inkBlack)
	p.put(L+W*0.7, y, 10.5, "收货日期："+dateCN(v.date), inkBlack)
	y += 26
	p.put(L, y, 8.5, "白联：存根    红联：客户    黄联：回单          货物验收无误后请签字确认", inkGray)
	p.stamp(sealFor(v.buyerName, "收货专用章", L+W*0.45, y-34))
}

func drawAccReportForm(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.acceptance
	accFields(p, d, v.signers)
	const L, R = 50.0, pageW - 50
	W := R - L
	y := 64.0
	p.putC(pageW/2, y, 18, "政府采购项目验收报告", inkBlack)
	y += 20
	p.putR(R, y, 9, "编号：YS-"+d.contractNo[3:], inkBlack)
	y += 8
	h := 24.0
	labW := 78.0
	half := W / 2
	top := y
	p.cell(L, y, labW, h, 10, "项目名称", 'c', inkBlack)
	p.cell(L+labW, y, W-labW, h, 10, "农副产品采购（湖南省政府采购电子卖场乡村振兴馆）", 'l', inkBlack)
	y += h
	for _, r := range [][4]string{
		{"采购人", v.buyerName, "供应商", v.sellerName},
		{"合同编号", d.contractNo, "订单编号", d.no},
		{"合同金额", yen(d.contract.total), "验收金额", yen(v.total)},
		{"验收时间", dateCN(v.date), "验收地点", v.place},
	} {
		p.seg(L, y, R, y, thinPen)
		p.cell(L, y, labW, h, 10, r[0], 'c', inkBlack)
		p.cell(L+labW, y, half-labW, h, 9.5, r[1], 'l', inkBlack)
		p.cell(L+half, y, labW, h, 10, r[2], 'c', inkBlack)
		p.cell(L+half+labW, y, half-labW, h, 9.5, r[3], 'l', inkBlack)
		p.seg(L+half, y, L+half, y+h, thinPen)
		p.seg(L+half+labW, y, L+half+labW, y+h, thinPen)
		y += h
	}
	p.seg(L, y, R, y, thinPen)
	p.seg(L+labW, top, L+labW, y, thinPen)
	p.cell(L, y, W, 20, 10, "验收内容", 'c', inkBlack)
	y += 20
	var body [][]string
	for _, r := range accRows(v) {
		body = append(body, []string{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]})
	}
	y = p.tableAt(L, y, W, []column{{"序号", 26, 'c'}, {"品名", 86, 'c'}, {"规格", 56, 'c'}, {"单位", 30, 'c'}, {"应收数量", 50, 'c'}, {"实收数量", 50, 'c'}, {"单价", 50, 'c'}, {"金额", 60, 'c'}},
		body, tableOpts{size: 9, rowH: 21, pe: thinPen, inner: true, rows: true, outer: false, headRule: true})
	options := []string{"合格", "不合格"}
	if !contains(options, v.conclusion) {
		options = []string{"合格", v.conclusion, "不合格"}
	}
	bottom := [][2]string{
		{"质量情况", "包装完好，产品符合国家食品安全标准"},
		{"验收结论", checkbox(options, v.conclusion)},
		{"验收意见", opinion(v.conclusion)},
		{"验收小组成员签字", v.signers},
	}
	for _, r := range bottom {
		p.seg(L, y, R, y, thinPen)
		p.cell(L, y, labW+20, h+4, 10, r[0], 'c', inkBlack)
		p.cell(L+labW+20, y, W-labW-20, h+4, 10, r[1], 'l', inkBlack)
		p.seg(L+labW+20, y, L+labW+20, y+h+4, thinPen)
		y += h + 4
	}
	p.seg(L, y, R, y, thinPen)
	p.put(L+10, y+30, 10.5, "采购人（盖章）：", inkBlack)
	p.put(L+half+10, y+30, 10.5, "供应商（盖章）：", inkBlack)
	p.put(L+10, y+56, 10, "日期："+dateCNSpaced(v.date), inkBlack)
	p.put(L+half+10, y+56, 10, "日期："+dateCNSpaced(v.date), inkBlack)
	y += 70
	p.frame(L, top, W, y-top, thinPen)
	p.stamp(sealFor(v.buyerName, "验收专用章", L+130, y-40))
}
