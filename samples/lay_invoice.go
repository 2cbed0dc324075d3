package samples

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
)

// Invoice layouts modelled on real ones: the fully digitalised invoice
// (数电, 210 × 140 mm) with its vertical 购买方信息/销售方信息 captions; the
// old-style VAT electronic ordinary invoice (发票代码, 8-digit 发票号码,
// 校验码, 密码区); a platform print with the parties as grid rows (税号) and
// the columns in another order; and the tax bureau's verification page
// (发票查验明细).

const (
	digitalW, digitalH = 595.28, 396.85
	oldW, oldH         = 609.45, 394.0
)

func init() {
	digital := []string{"number", "date", "buyer_name", "buyer_id", "seller_name", "seller_id", "total", "total_upper", "amount", "tax", "issuer", "order_no"}
	old := append([]string{"code"}, digital...)
	lines := capNames | capQty | capPrice | capTax
	register(
		&layoutSpec{id: "invoice/digital", prints: digital, lines: lines, family: "digital", draw: drawInvDigital,
			about: "数电 电子发票（普通发票/增值税专用发票）, 210×140 mm: 发票号码 and 开票日期 top right, 购/买/方/信/息 and 销/售/方/信/息 captions, 统一社会信用代码/纳税人识别号, wrapped item names, 价税合计 row, 备/注 box"},
		&layoutSpec{id: "invoice/vat-old", prints: old, lines: lines, family: "old", draw: drawInvOld,
			about: "old-style 湖南增值税电子普通发票: 发票代码 + 8-digit 发票号码, 校验码, 机器编号, 购买方 block with 纳税人识别号/地址、电话/开户行及账号, 密码区, 货物或应税劳务、服务名称 table, 销售方 block beside 备注, 收款人/复核/开票人"},
		&layoutSpec{id: "invoice/grid-alt", prints: digital, lines: lines, family: "digital", draw: drawInvGridAlt,
			about: "invoice printed by an invoicing platform: parties as grid rows (购买方名称 | 购买方税号), columns 序号 项目名称 单位 数量 单价 税率 金额 税额 规格型号, 开票人/复核人/收款人 cells"},
		&layoutSpec{id: "invoice/verify-page", prints: old, lines: lines, family: "old", draw: drawInvVerify,
			about: "全国增值税发票查验平台 发票查验明细: 发票代码/发票号码/开票日期/校验码 line, shaded label cells, 查验次数 and 查验时间"},
	)
}

// colEnd is where column i of a table drawn with tableAt from x, width
// wide, ends.
func colEnd(cols []column, i int, x, width float64) float64 {
	total, upTo := 0.0, 0.0
	for j, c := range cols {
		total += c.w
		if j <= i {
			upTo += c.w
		}
	}
	return x + width*upTo/total
}

// taxText prints a line's tax: *** when exempt.
func taxText(l invoiceLine) string {
	if l.rate == exempt {
		return "***"
	}
	return l.tax.String()
}

// allExempt reports whether every line is exempt.
func (v *invoiceDoc) allExempt() bool {
	for _, l := range v.lines {
		if l.rate != exempt {
			return false
		}
	}
	return true
}

// cipher is the 密码区 of an old-style invoice: four lines of 27.
func cipher(rng *rand.Rand) []string {
	const alphabet = "0123456789+-*/<>"
	var out []string
	for range 4 {
		b := make([]byte, 27)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		out = append(out, string(b))
	}
	return out
}

// checkCode is an ordinary invoice's 20-digit 校验码, in groups of five.
func checkCode(rng *rand.Rand) string { return groups(digits(rng, 20), 5) }

func drawInvDigital(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.invoice
	p.sized(digitalW, digitalH)
	brown := inkBrown
	upper := "⊗" + money.UppercaseInvoice(v.upper)
	invoiceFields(p, d, upper, v.number, "")
	const L = 26.0
	R := digitalW - 26
	W := R - L
	title := "电子发票（普通发票）"
	if v.special {
		title = "电子发票（增值税专用发票）"
	}
	p.qr(L, 14, 48, v.number)
	p.putC(digitalW/2, 40, 17, title, brown)
	tw := p.f.Width(title, 17)
	p.seg(digitalW/2-tw/2, 46, digitalW/2+tw/2, 46, pen{0.8, brown})
	p.seg(digitalW/2-tw/2, 48.5, digitalW/2+tw/2, 48.5, pen{0.8, brown})
	p.put(R-150, 30, 9, "发票号码：", brown)
	p.put(R-150+p.f.Width("发票号码：", 9), 30, 9, v.number, inkBlack)
	p.put(R-150, 46, 9, "开票日期：", brown)
	p.put(R-150+p.f.Width("开票日期：", 9), 46, 9, dateCN(v.date), inkBlack)
	pe := pen{0.7, brown}
	top := 68.0
	partyH := 64.0
	half := W / 2
	capW := 18.0
	for i, side := range [2][2]string{{v.buyerName, v.buyerID}, {v.sellerName, v.sellerID}} {
		x := L + float64(i)*half
		p.vtext(x+capW/2, top, partyH, 8.5, []string{"购买方信息", "销售方信息"}[i], brown)
		p.seg(x+capW, top, x+capW, top+partyH, pe)
		p.put(x+capW+5, top+20, 8.5, "名称：", brown)
		p.put(x+capW+5+p.f.Width("名称：", 8.5), top+20, p.fit(side[0], 9, half-capW-40), side[0], inkBlack)
		lab := "统一社会信用代码/纳税人识别号："
		p.put(x+capW+5, top+46, 7.5, lab, brown)
		p.put(x+capW+5+p.f.Width(lab, 7.5), top+46, 9, side[1], inkBlack)
	}
	p.seg(L+half, top, L+half, top+partyH, pe)
	y := top + partyH
	p.seg(L, y, R, y, pe)
	cols := []column{{"项目名称", 112, 'l'}, {"规格型号", 56, 'c'}, {"单 位", 34, 'c'}, {"数 量", 44, 'r'}, {"单 价", 66, 'r'}, {"金 额", 60, 'r'}, {"税率/征收率", 52, 'c'}, {"税 额", 52, 'r'}}
	var body [][]string
	for _, l := range v.lines {
		body = append(body, []string{l.item, l.spec, l.unit, l.qty.String(), unitPrice(l.amount, l.qty), l.amount.String(), rateText(l.rate), taxText(l)})
	}
	tableTop := y
	y = p.tableAt(L, y, W, cols, body, tableOpts{size: 8, rowH: 16, pe: pe, headInk: brown, wrap: true})
	y = max(y+6, tableTop+100)
	taxTotal := "¥" + v.tax.String()
	if v.allExempt() {
		taxTotal = "***"
	}
	p.put(L+40, y, 8.5, "合        计", brown)
	p.putR(colEnd(cols, 5, L, W)-3, y, 8.5, "¥"+v.amount.String(), inkBlack)
	p.putR(R-4, y, 8.5, taxTotal, inkBlack)
	y += 8
	p.seg(L, y, R, y, pe)
	h := 20.0
	p.cell(L, y, 120, h, 8.5, "价税合计（大写）", 'c', brown)
	p.seg(L+120, y, L+120, y+h, pe)
	p.put(L+130, mid(y, h, 9), 9, upper, inkBlack)
	p.put(R-150, mid(y, h, 8.5), 8.5, "（小写）", brown)
	p.put(R-150+p.f.Width("（小写）", 8.5), mid(y, h, 9), 9, yenPlain(v.total), inkBlack)
	y += h
	p.seg(L, y, R, y, pe)
	noteH := 48.0
	p.vtext(L+capW/2, y, noteH, 8.5, "备注", brown)
	p.seg(L+capW, y, L+capW, y+noteH, pe)
	note := "订单编号：" + d.no
	if v.special {
		note = "购方开户银行：" + d.payment.payerBank + "；银行账号：" + d.payment.payerAccount + "；" + note
	}
	p.para(L+capW+6, y+2, W-capW-12, 8, 12, note, inkBlack)
	y += noteH
	p.frame(L, top, W, y-top, pe)
	p.put(L+40, y+18, 9, "开票人：", brown)
	p.put(L+40+p.f.Width("开票人：", 9), y+18, 9, v.issuer, inkBlack)
	p.stamp(seal{cx: digitalW / 2, cy: 34, rx: 38, ry: 26, arc: "全国统一发票监制", center: "国家税务总局", below: "湖南省税务局"})
	p.stamp(seal{cx: L + half*1.6, cy: top + partyH*0.5, rx: 40, ry: 27, arc: v.sellerName, center: "发票专用章", below: v.sellerID})
}

func drawInvOld(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.invoice
	p.sized(oldW, oldH)
	brown := inkBrown
	upper := "⊗" + money.UppercaseInvoice(v.upper)
	invoiceFields(p, d, upper, v.oldNumber, v.code)
	const L = 22.0
	R := oldW - 22
	W := R - L
	p.qr(L, 10, 46, v.code+v.oldNumber)
	p.putC(oldW/2, 34, 17, "湖南增值税电子普通发票", brown)
	tw := p.f.Width("湖南增值税电子普通发票", 17)
	p.seg(oldW/2-tw/2, 40, oldW/2+tw/2, 40, pen{0.7, brown})
	p.seg(oldW/2-tw/2, 42.5, oldW/2+tw/2, 42.5, pen{0.7, brown})
	kv := func(x, y float64, label, value string) {
		p.put(x, y, 8.5, label, brown)
		p.put(x+p.f.Width(label, 8.5)+2, y, 8.5, value, inkBlack)
	}
	kv(R-150, 22, "发票代码：", v.code)
	kv(R-150, 35, "发票号码：", v.oldNumber)
	kv(R-150, 48, "开票日期：", fmt.Sprintf("%04d 年%02d 月%02d 日", v.date.Year, int(v.date.Month), v.date.Day))
	kv(R-150, 61, "校 验 码：", checkCode(rng))
	kv(L, 68, "机器编号：", digits(rng, 12))
	pe := pen{0.7, brown}
	top := 74.0
	blockH := 64.0
	capW := 16.0
	cipherX := L + W*0.6
	// Buyer block and 密码区.
	p.vtext(L+capW/2, top, blockH, 9, "购买方", brown)
	p.seg(L+capW, top, L+capW, top+blockH, pe)
	buyerRows := [][2]string{
		{"名            称：", v.buyerName},
		{"纳税人识别号：", v.buyerID},
		{"地 址、电 话：", "湖南省" + d.buyer.address + " " + d.buyer.phone},
		{"开户行及账号：", d.payment.payerBank + " " + d.payment.payerAccount},
	}
	if v.buyerName != d.buyer.Name { // made out to another buyer: not this buyer's details
		buyerRows[2][1], buyerRows[3][1] = "", ""
	}
	for i, r := range buyerRows {
		yy := top + 13 + float64(i)*15
		p.put(L+capW+4, yy, 8, r[0], brown)
		size := 8.5
		if i >= 2 {
			size = 6.5
		}
		p.put(L+capW+70, yy, p.fit(r[1], size, cipherX-L-capW-80), r[1], inkBlack)
	}
	p.seg(cipherX, top, cipherX, top+blockH, pe)
	p.vtext(cipherX+8, top, blockH, 9, "密码区", brown)
	p.seg(cipherX+16, top, cipherX+16, top+blockH, pe)
	for i, c := range cipher(rng) {
		p.put(cipherX+22, top+14+float64(i)*14, 9, c, inkBlack)
	}
	y := top + blockH
	p.seg(L, y, R, y, pe)
	cols := []column{{"货物或应税劳务、服务名称", 140, 'l'}, {"规格型号", 56, 'c'}, {"单位", 32, 'c'}, {"数 量", 44, 'r'}, {"单 价", 62, 'r'}, {"金 额", 66, 'r'}, {"税率", 36, 'c'}, {"税 额", 60, 'r'}}
	var body [][]string
	for _, l := range v.lines {
		body = append(body, []string{l.item, l.spec, l.unit, l.qty.String(), unitPrice(l.amount, l.qty), l.amount.String(), rateText(l.rate), taxText(l)})
	}
	tableTop := y
	y = p.tableAt(L, y, W, cols, body, tableOpts{size: 8, rowH: 15, pe: pe, headInk: brown, wrap: true})
	y = max(y+4, tableTop+92)
	p.put(L+60, y, 8.5, "合        计", brown)
	taxTotal := "¥" + v.tax.String()
	if v.allExempt() {
		taxTotal = "***"
	}
	p.putR(colEnd(cols, 5, L, W)-3, y, 8.5, "¥"+v.amount.String(), inkBlack)
	p.putR(R-4, y, 8.5, taxTotal, inkBlack)
	y += 6
	p.seg(L, y, R, y, pe)
	h := 18.0
	p.cell(L, y, 130, h, 8.5, "价税合计(大写)", 'c', brown)
	p.seg(L+130, y, L+130, y+h, pe)
	p.put(L+140, mid(y, h, 9), 9, upper, inkBlack)
	p.put(R-140, mid(y, h, 8.5), 8.5, "(小写)", brown)
	p.put(R-140+p.f.Width("(小写)", 8.5), mid(y, h, 9), 9, yenPlain(v.total), inkBlack)
	y += h
	p.seg(L, y, R, y, pe)
	// Seller block beside 备注.
	p.vtext(L+capW/2, y, blockH, 9, "销售方", brown)
	p.seg(L+capW, y, L+capW, y+blockH, pe)
	for i, r := range [][2]string{
		{"名            称：", v.sellerName},
		{"纳税人识别号：", v.sellerID},
		{"地 址、电 话：", supplierAddress(d) + " " + d.supplier.phone},
		{"开户行及账号：", d.supplier.BankName + " " + d.supplier.BankAccount},
	} {
		yy := y + 13 + float64(i)*15
		p.put(L+capW+4, yy, 8, r[0], brown)
		size := 8.5
		if i >= 2 {
			size = 6.5
		}
		p.put(L+capW+70, yy, p.fit(r[1], size, cipherX-L-capW-80), r[1], inkBlack)
	}
	p.seg(cipherX, y, cipherX, y+blockH, pe)
	p.vtext(cipherX+8, y, blockH, 9, "备注", brown)
	p.seg(cipherX+16, y, cipherX+16, y+blockH, pe)
	p.put(cipherX+22, y+16, 8.5, "订单号："+d.no, inkBlack)
	y += blockH
	p.frame(L, top, W, y-top, pe)
	y += 15
	kv(L+10, y, "收款人：", personName(rng))
	kv(L+W*0.28, y, "复核：", personName(rng))
	kv(L+W*0.52, y, "开票人：", v.issuer)
	p.put(L+W*0.78, y, 8.5, "销售方：（章）", brown)
	p.stamp(seal{cx: oldW / 2, cy: 34, rx: 38, ry: 26, arc: "全国统一发票监制章", center: "国家税务总局", below: "湖南省税务局"})
	p.stamp(seal{cx: R - 60, cy: y - 26, rx: 42, ry: 28, arc: v.sellerName, center: "发票专用章", below: v.sellerID})
}

func drawInvGridAlt(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.invoice
	upper := money.UppercaseInvoice(v.upper)
	invoiceFields(p, d, upper, v.number, "")
	const L, R = 40.0, pageW - 40
	W := R - L
	title := "电子发票（普通发票）"
	if v.special {
		title = "电子发票（增值税专用发票）"
	}
	y := 60.0
	p.putC(pageW/2, y, 16, title, inkBlack)
	y += 26
	p.put(L, y, 9, "发票号码："+v.number, inkBlack)
	p.putR(R, y, 9, "开票日期："+v.date.String(), inkBlack)
	y += 8
	pe := thinPen
	h := 22.0
	labW := 70.0
	top := y
	idW := 150.0
	for _, r := range [][4]string{
		{"购买方名称", v.buyerName, "购买方税号", v.buyerID},
		{"销售方名称", v.sellerName, "销售方税号", v.sellerID},
	} {
		p.shade(L, y, labW, h, inkLight)
		p.shade(R-idW-labW, y, labW, h, inkLight)
		p.cell(L, y, labW, h, 9, r[0], 'c', inkBlack)
		p.cell(L+labW, y, W-2*labW-idW, h, 9.5, r[1], 'l', inkBlack)
		p.cell(R-idW-labW, y, labW, h, 9, r[2], 'c', inkBlack)
		p.cell(R-idW, y, idW, h, 9.5, r[3], 'l', inkBlack)
		y += h
		p.seg(L, y, R, y, pe)
	}
	for _, x := range []float64{L + labW, R - idW - labW, R - idW} {
		p.seg(x, top, x, y, pe)
	}
	p.frame(L, top, W, y-top, pe)
	y += 10
	cols := []column{{"序号", 26, 'c'}, {"项目名称", 120, 'l'}, {"单位", 30, 'c'}, {"数量", 44, 'r'}, {"单价", 66, 'r'}, {"税率", 36, 'c'}, {"金额", 60, 'r'}, {"税额", 52, 'r'}, {"规格型号", 56, 'c'}}
	var body [][]string
	for i, l := range v.lines {
		body = append(body, []string{fmt.Sprint(i + 1), l.item, l.unit, l.qty.String(), unitPrice(l.amount, l.qty), rateText(l.rate), l.amount.String(), taxText(l), l.spec})
	}
	taxTotal := v.tax.String()
	if v.allExempt() {
		taxTotal = "***"
	}
	body = append(body, []string{"", "合计", "", "", "", "", v.amount.String(), taxTotal, ""})
	y = p.tableAt(L, y, W, cols, body, tableOpts{size: 8.5, rowH: 20, pe: pe, inner: true, rows: true, outer: true, wrap: true, headFill: inkLight})
	top = y
	rows := [][4]string{
		{"价税合计（大写）", upper, "价税合计（小写）", yen(v.total)},
		{"备注", "订单编号：" + d.no, "", ""},
		{"开票人", v.issuer, "复核人", personName(rng)},
	}
	for _, r := range rows {
		p.shade(L, y, 96, h, inkLight)
		p.cell(L, y, 96, h, 9, r[0], 'c', inkBlack)
		if r[2] == "" {
			p.cell(L+96, y, W-96, h, 9.5, r[1], 'l', inkBlack)
		} else {
			p.cell(L+96, y, W*0.45, h, 9.5, r[1], 'l', inkBlack)
			p.shade(L+96+W*0.45, y, 96, h, inkLight)
			p.cell(L+96+W*0.45, y, 96, h, 9, r[2], 'c', inkBlack)
			p.cell(L+192+W*0.45, y, W-192-W*0.45, h, 9.5, r[3], 'l', inkBlack)
			p.seg(L+96+W*0.45, y, L+96+W*0.45, y+h, pe)
			p.seg(L+192+W*0.45, y, L+192+W*0.45, y+h, pe)
		}
		p.seg(L+96, y, L+96, y+h, pe)
		y += h
		p.seg(L, y, R, y, pe)
	}
	p.frame(L, top, W, y-top, pe)
	y += 20
	p.put(L, y, 8, "本发票由"+pick(rng, []string{"百望云", "诺诺网", "航信开票"})+"电子发票服务平台开具，可在国家税务总局全国增值税发票查验平台查验。", inkGray)
	p.stamp(seal{cx: R - 80, cy: top - 20, rx: 42, ry: 28, arc: v.sellerName, center: "发票专用章", below: v.sellerID})
}

func drawInvVerify(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.invoice
	upper := "⊗" + money.UppercaseInvoice(v.upper)
	invoiceFields(p, d, upper, v.oldNumber, v.code)
	const L, R = 34.0, pageW - 34
	W := R - L
	blue := rgb(30, 90, 170)
	p.shade(0, 0, pageW, 44, blue)
	p.put(L, 28, 13, "国家税务总局全国增值税发票查验平台", rgb(255, 255, 255))
	y := 76.0
	p.putC(pageW/2, y, 15, "增值税电子普通发票", inkBrown)
	y += 8
	p.putC(pageW/2, y+12, 9, "发票查验明细", inkGray)
	y += 28
	checked := addDays(v.date, 1+rng.IntN(20))
	p.put(L, y, 8.5, "发票代码："+v.code, inkBlack)
	p.put(L+W*0.24, y, 8.5, "发票号码："+v.oldNumber, inkBlack)
	p.put(L+W*0.45, y, 8.5, "开票日期："+dateCN(v.date), inkBlack)
	p.put(L+W*0.7, y, 8.5, "校验码："+strings.ReplaceAll(checkCode(rng), " ", ""), inkBlack)
	y += 16
	p.put(L, y, 8.5, "机器编号："+digits(rng, 12), inkBlack)
	y += 8
	pe := pen{0.5, rgb(170, 180, 200)}
	lab := rgb(236, 240, 248)
	h := 19.0
	labW := 90.0
	block := func(caption string, rows [][2]string) {
		top := y
		p.shade(L, y, 24, float64(len(rows))*h, lab)
		p.vtext(L+12, y, float64(len(rows))*h, 8.5, caption, inkBlack)
		for _, r := range rows {
			p.shade(L+24, y, labW, h, lab)
			p.cell(L+24, y, labW, h, 8.5, r[0], 'c', inkBlack)
			p.cell(L+24+labW, y, W-24-labW, h, 9, r[1], 'l', inkBlack)
			y += h
			p.seg(L+24, y, R, y, pe)
		}
		p.frame(L, top, W, y-top, pe)
		p.seg(L+24, top, L+24, y, pe)
		p.seg(L+24+labW, top, L+24+labW, y, pe)
	}
	block("购买方", [][2]string{
		{"名称", v.buyerName}, {"纳税人识别号", v.buyerID},
		{"地址、电话", ""}, {"开户行及账号", ""},
	})
	y += 8
	cols := []column{{"货物或应税劳务、服务名称", 140, 'l'}, {"规格型号", 56, 'c'}, {"单位", 32, 'c'}, {"数量", 44, 'r'}, {"单价", 62, 'r'}, {"金额", 66, 'r'}, {"税率", 36, 'c'}, {"税额", 60, 'r'}}
	var body [][]string
	for _, l := range v.lines {
		body = append(body, []string{l.item, l.spec, l.unit, l.qty.String(), unitPrice(l.amount, l.qty), l.amount.String(), rateText(l.rate), taxText(l)})
	}
	taxTotal := "¥" + v.tax.String()
	if v.allExempt() {
		taxTotal = "***"
	}
	body = append(body, []string{"合计", "", "", "", "", "¥" + v.amount.String(), "", taxTotal})
	y = p.tableAt(L, y, W, cols, body, tableOpts{size: 8, rowH: 18, pe: pe, inner: true, rows: true, outer: true, wrap: true, headFill: lab})
	p.shade(L, y, 114, h, lab)
	p.cell(L, y, 114, h, 8.5, "价税合计（大写）", 'c', inkBlack)
	p.cell(L+114, y, W*0.5, h, 9, upper, 'l', inkBlack)
	p.cell(R-160, y, 160, h, 9, "（小写）"+yenPlain(v.total), 'l', inkBlack)
	p.frame(L, y, W, h, pe)
	p.seg(L+114, y, L+114, y+h, pe)
	y += h + 8
	block("销售方", [][2]string{
		{"名称", v.sellerName}, {"纳税人识别号", v.sellerID},
		{"地址、电话", supplierAddress(d) + " " + d.supplier.phone}, {"开户行及账号", d.supplier.BankName + " " + d.supplier.BankAccount},
		{"备注", "订单号：" + d.no},
	})
	y += 22
	p.put(L, y, 9, "开票人："+v.issuer, inkBlack)
	y += 22
	p.put(L, y, 8.5, fmt.Sprintf("查验次数：第%d次", 1+rng.IntN(3)), inkGray)
	p.put(L+W*0.3, y, 8.5, "查验时间："+checked.String()+" "+workTime(rng).String(), inkGray)
	y += 14
	p.put(L, y, 8, "注：查验结果仅供参考，以税务机关开具或认可的发票为准。", inkGray)
}
