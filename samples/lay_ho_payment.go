package samples

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// Held-out bank receipt layouts (LayoutsHoldout), each drawn from a real
// receipt the other layouts do not imitate: a 企业网上银行电子回单 grid after
// PSBC's
// with 付款方/收款方 captions beside their 户名/账号/开户行 rows in one band
// and 支出金额/收入金额 labels; a rural credit union's receipt whose labels
// end in a colon and stand right-aligned in two columns that do not pair
// up row by row; and a joint-stock bank's 客户回单 with 开户行名/开户行号,
// the amount in words and figures in one run (人民币…整RMB…) and a fee
// receipt of the same account below it.

func init() {
	all := paymentPrints
	noReceipt := []string{"date", "serial", "payer_name", "payer_account", "payer_bank", "payee_name", "payee_account", "payee_bank", "amount", "amount_upper", "purpose"}
	register(
		&layoutSpec{id: "payment/ho-ebank-grid", prints: all, draw: drawHoEbankGrid,
			about: "企业网上银行电子回单 grid after PSBC's (and 重庆农商's), with the holder's bank's logo: 回单编号/回单类型 row, 付款方 and 收款方 captions side by side each with 户 名/账 号/开户行 rows, 支出金额(大写)/(小写) or 收入金额 labels wrapped in their cells, 币种/摘要, 交易时间/交易流水号, 记账日期/渠道名称, 附言, 用途, 全局路由号, seal in the corner cell"},
		&layoutSpec{id: "payment/ho-rural-colon", prints: all, draw: drawHoRuralColon,
			fits:  func(d *orderDocs) bool { return isRural(d.payment.payerBank) || isRural(d.payment.payeeBank) },
			about: "湖南农信 rural commercial bank / credit union 企业网上银行电子回单 (after 四川农信's): 湖南农信 logo and the bank's legal name on two lines, labels right-aligned with a half-width colon (电子回单号码: 付款户名: … 收款人开户行:) in two columns whose rows do not pair up, long values wrapped, 交易金额(小写)/(大写), 交易流水号, 摘要, 重要提示, 录入员/复核员/授权员"},
		&layoutSpec{id: "payment/ho-kehu-huidan", prints: noReceipt, draw: drawHoKehuHuidan,
			about: "joint-stock bank 客户回单 (中信银行 style) with a 收费回单 of the same account below it on the page: 业务类型: 二代支付, 交易日期 with time, 付/款/人 and 收/款/人 captions over 名称/账号/开户行名/开户行号, 币种及金额：人民币…整RMB… in one run, 其他信息 box with 摘要或附言, 核心流水号, 页数 1/1, QR code outside the frame; no receipt number"},
	)
}

func isPSBC(bank string) bool { return bankBrand(bank) == "中国邮政储蓄银行" }

func isRural(bank string) bool {
	b := bankBrand(bank)
	return strings.HasSuffix(b, "农商银行") || strings.HasSuffix(b, "农村信用合作联社")
}

// holderIsPayer says whose account a receipt of a bank that is is: the
// payer's if only its bank is one, the payee's if only its, either if both.
func holderIsPayer(rng *rand.Rand, v *paymentDoc, is func(string) bool) bool {
	payer, payee := is(v.payerBank), is(v.payeeBank)
	if payer && payee {
		return rng.IntN(2) == 0
	}
	return payer || !payee && rng.IntN(2) == 0
}

// cellFit writes s in a cell at size, or smaller, or wrapped on two lines
// when even the smaller size does not fit.
func (p *page) cellFit(x, top, w, h, size float64, s string, align byte) {
	const pad = 3
	switch {
	case p.f.Width(s, size) <= w-2*pad:
		p.cell(x, top, w, h, size, s, align, inkBlack)
	case p.f.Width(s, size*0.85) <= w-2*pad || h < size*2.4:
		p.cell(x, top, w, h, size*0.85, s, align, inkBlack)
	default:
		p.wrapCell(x, top, w, h, size*0.85, s, align, inkBlack)
	}
}

// printedAt is when a receipt of a transfer made on date at t was
// printed: later that day, in office hours, or on one of the next days.
func printedAt(rng *rand.Rand, date pipeline.Date, t clock) string {
	if n := rng.IntN(4); n > 0 || t.h >= 16 {
		return addDays(date, max(1, n)).String() + " " + workTime(rng).String()
	}
	return date.String() + " " + t.later(20+rng.IntN(90)).String()
}

// logoSize is the size at which bankLogo draws brand no wider than room:
// size, or smaller for a long name (通道侗族自治县农村信用合作联社).
func (p *page) logoSize(brand string, size, room float64) float64 {
	if w := 2.1*size + p.f.Width(brand, size); w > room {
		return size * room / w
	}
	return size
}

// bankCode is a 12-digit CNAPS bank code (开户行号): the bank's three
// digits, a Hunan area code, the branch and a check digit.
func bankCode(rng *rand.Rand, bank string) string {
	prefix := map[string]string{
		"中国工商银行": "102", "中国农业银行": "103", "中国银行": "104", "中国建设银行": "105", "交通银行": "301",
		"中信银行": "302", "中国光大银行": "303", "招商银行": "308", "兴业银行": "309", "浙商银行": "316",
		"中国邮政储蓄银行": "403", "长沙银行": "313", "湖南银行": "313",
	}[bankBrand(bank)]
	if prefix == "" {
		prefix = "314"
		if strings.Contains(bank, "信用合作联社") {
			prefix = "402"
		}
	}
	return prefix + pick(rng, []string{"5510", "5520", "5530", "5540", "5550", "5580", "5610", "5630"}) + digits(rng, 5)
}

func drawHoEbankGrid(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 36.0, pageW - 36
	W := R - L
	upper := pick(rng, []string{money.Uppercase(v.upper), upperZheng(v.upper)})
	paymentFields(p, v, upper)
	// A PSBC account's receipt where either side banks there, else either
	// side's.
	debit := holderIsPayer(rng, v, isPSBC)
	bank := v.payeeBank
	if debit {
		bank = v.payerBank
	}
	brand := bankBrand(bank)
	t := workTime(rng)
	y := 40.0
	p.bankLogo(L, y, p.logoSize(brand, 15, W*0.47-12), brand)
	p.put(L+W*0.47, y+16, 16, "企业网上银行电子回单", inkBlack)
	y += 34
	const capW, labW = 62.0, 52.0
	half := W / 2
	valW := half - capW - labW
	h := 27.0
	top := y
	kind, amt := "收入", "收入金额"
	if debit {
		kind, amt = "支出", "支出金额"
	}
	row2 := func(l1, v1, l2, v2 string) {
		p.cell(L, y, capW, h, 8.5, l1, 'l', inkBlack)
		p.cellFit(L+capW, y, half-capW, h, 9, v1, 'l')
		p.cell(L+half, y, capW, h, 8.5, l2, 'l', inkBlack)
		p.cellFit(L+half+capW, y, half-capW, h, 9, v2, 'l')
		for _, x := range []float64{L + capW, L + half, L + half + capW} {
			p.seg(x, y, x, y+h, thinPen)
		}
		y += h
		p.seg(L, y, R, y, thinPen)
	}
	row2("回单编号", v.receiptNo, "回单类型", kind)
	// The parties: caption, then three label/value rows, on each side.
	for i, side := range [2][3]string{{v.payerName, acct(rng, v.payerAccount), v.payerBank}, {v.payeeName, acct(rng, v.payeeAccount), v.payeeBank}} {
		x := L + float64(i)*half
		p.cell(x, y, capW, 3*h, 8.5, []string{"付款方", "收款方"}[i], 'l', inkBlack)
		for j, lab := range []string{"户    名", "账    号", "开户行"} {
			yy := y + float64(j)*h
			if j > 0 {
				p.seg(x+capW, yy, x+half, yy, thinPen)
			}
			p.cell(x+capW, yy, labW, h, 8.5, lab, 'l', inkBlack)
			p.cellFit(x+capW+labW, yy, valW, h, 9, side[j], 'l')
		}
		for _, xx := range []float64{x + capW, x + capW + labW} {
			p.seg(xx, y, xx, y+3*h, thinPen)
		}
	}
	p.seg(L+half, y, L+half, y+3*h, thinPen)
	y += 3 * h
	p.seg(L, y, R, y, thinPen)
	// The amount labels wrap in their narrow cells, as PSBC prints them.
	p.wrapCell(L, y, capW, h, 8.5, amt+"(大写)", 'l', inkBlack)
	p.cellFit(L+capW, y, half-capW, h, 9, upper, 'c')
	p.wrapCell(L+half, y, capW, h, 8.5, amt+"(小写)", 'l', inkBlack)
	p.cell(L+half+capW, y, half-capW, h, 9, pick(rng, []string{grouped(v.amount), v.amount.String(), yuanSuffix(v.amount)}), 'l', inkBlack)
	for _, x := range []float64{L + capW, L + half, L + half + capW} {
		p.seg(x, y, x, y+h, thinPen)
	}
	y += h
	p.seg(L, y, R, y, thinPen)
	row2("币种", "人民币", "摘要", pick(rng, []string{"转账", "跨行转出", "网银转账"}))
	row2("交易时间", v.date.String()+" "+t.String(), "交易流水号", v.serial)
	row2("记账日期", dateCompact(v.date), "渠道名称", pick(rng, []string{"企业网银", "网上银行"}))
	// 附言, 用途 and 全局路由号 to the left of the seal's cell; the
	// purpose under one of the first two.
	inFy := rng.IntN(2) == 0
	fy, yt := v.purpose, pick(rng, []string{"货款", "采购款", "支付货款"})
	if !inFy {
		fy, yt = pick(rng, []string{"", "网银汇款"}), v.purpose
	}
	split := L + W*0.6
	sealTop := y
	for _, r := range [][2]string{{"附言", fy}, {"用途", yt}, {"全局路由号", digits(rng, 4) + strings.ToUpper(fmt.Sprintf("%08x%08x", rng.Uint32(), rng.Uint32())) + digits(rng, 6)}} {
		p.cell(L, y, capW, h, 8.5, r[0], 'l', inkBlack)
		p.cellFit(L+capW, y, split-L-capW, h, 9, r[1], 'l')
		p.seg(L+capW, y, L+capW, y+h, thinPen)
		y += h
		if y < sealTop+3*h-1 {
			p.seg(L, y, split, y, thinPen)
		}
	}
	p.seg(split, sealTop, split, y, thinPen)
	p.frame(L, top, W, y-top, thinPen)
	p.stamp(seal{cx: split + (R-split)/2, cy: sealTop + 1.5*h, rx: 40, ry: 40, arc: brand, center: "电子回单专用章"})
	y += 16
	p.put(L, y, 8, "打印次数：1    打印时间："+printedAt(rng, v.date, t), inkGray)
}

// ruralLegalName is the legal name of a rural bank's branch: 湖南茶陵农村商业
// 银行股份有限公司 for its 营业部, or the credit union itself.
func ruralLegalName(branch string) string {
	if i := strings.Index(branch, "股份有限公司"); i > 0 {
		return branch[:i+len("股份有限公司")]
	}
	if i := strings.Index(branch, "农村信用合作联社"); i > 0 {
		return branch[:i+len("农村信用合作联社")]
	}
	return branch
}

func drawHoRuralColon(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 34.0, pageW - 34
	W := R - L
	upper := upperFor(rng, v.upper)
	paymentFields(p, v, upper)
	payer := holderIsPayer(rng, v, isRural)
	bank := v.payeeBank
	if payer {
		bank = v.payerBank
	}
	t := workTime(rng)
	top := 30.0
	y := top + 14
	// 湖南农信's emblem and name, a bar, the bank's legal name.
	p.ring(L+22, y+20, 17, pen{2.2, inkGreen})
	p.ring(L+22, y+20, 8, pen{1.6, inkGreen})
	p.put(L+44, y+22, 17, "湖南农信", inkGreen)
	p.put(L+44, y+32, 5.2, "HUNAN RURAL CREDIT UNION", inkGreen)
	p.seg(L+128, y+4, L+128, y+44, pen{0.8, inkGray})
	legal := p.wrap(ruralLegalName(bank), 11, 96)
	for i, l := range legal {
		p.put(L+134, y+14+float64(i)*14, 11, l, inkBlack)
	}
	p.put(L+246, y+22, 15, "企业网上银行电子回单", inkBlack)
	p.put(R-122, y+22, 9, "打印时间:", inkBlack)
	p.put(R-122, y+36, 8.5, printedAt(rng, v.date, t), inkBlack)
	y += 62 + float64(max(0, len(legal)-3))*14
	// Two columns of right-aligned labels with their values after them;
	// the payee's column starts a row higher than the payer's.
	lEnd, rEnd := L+112, L+W*0.5+104
	lW, rW := L+W*0.5-lEnd-10, R-rEnd-10
	put := func(xEnd, w, yy float64, label, value string) float64 {
		p.putR(xEnd, yy, 10, label, inkBlack)
		lines := []string{value}
		size := 10.0
		if p.f.Width(value, size) > w {
			size = 9
			lines = p.wrap(value, size, w)
		}
		for i, l := range lines {
			p.put(xEnd+6, yy+float64(i)*12, size, l, inkBlack)
		}
		return float64(len(lines)-1) * 12
	}
	left := [][2]string{{"电子回单号码:", v.receiptNo}, {"付款户名:", v.payerName}, {"付款账号:", v.payerAccount}, {"付款人开户行:", v.payerBank}}
	right := [][2]string{{"收款户名:", v.payeeName}, {"收款账号:", v.payeeAccount}, {"收款人开户行:", v.payeeBank}}
	for i := range left {
		extra := put(lEnd, lW, y, left[i][0], left[i][1])
		if i < len(right) {
			extra = max(extra, put(rEnd, rW, y, right[i][0], right[i][1]))
		}
		y += 22 + extra
	}
	y -= 6
	p.seg(L, y, R, y, pen{0.5, rgb(200, 200, 200)})
	y += 22
	figure := pick(rng, []string{grouped(v.amount), yen(v.amount), v.amount.String()})
	for _, r := range [][4]string{
		{"业务种类:", pick(rng, []string{"转账", "汇兑", "跨行转账"}), "交易时间:", v.date.String() + " " + t.String()},
		{"交易金额(小写):", figure, "交易流水号:", v.serial},
		{"交易金额(大写):", upper, "摘要:", v.purpose},
	} {
		extra := put(lEnd, lW, y, r[0], r[1])
		extra = max(extra, put(rEnd, rW, y, r[2], r[3]))
		y += 22 + extra
	}
	y += 10
	p.put(L+4, y, 12, "重要提示:", inkBlack)
	y += 22
	p.put(L+4, y, 8.5, "1. 电子回单编号相同表示同一笔业务回单，请勿重复记账使用；", inkGray)
	y += 15
	p.put(L+4, y, 8.5, "2. 已在银行柜台领取业务回单的单位，请注意核对，请勿重复记账；", inkGray)
	y += 20
	for i, who := range []string{"录入员:", "复核员:", "授权员:"} {
		p.put(L+4+float64(i)*110, y, 9, who, inkBlack)
	}
	y += 12
	p.frame(L, top, W, y-top, pen{0.6, rgb(190, 190, 190)})
	p.stamp(seal{cx: R - 80, cy: y - 42, rx: 62, ry: 40, arc: ruralLegalName(bank), center: "电子回单专用章"})
}

func drawHoKehuHuidan(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 26.0, pageW - 64
	W := R - L
	upper := "人民币" + money.Uppercase(v.upper)
	paymentFields(p, v, upper, "receipt_no")
	payer := rng.IntN(10) < 7
	holder := [3]string{v.payerName, v.payerAccount, v.payerBank}
	if !payer {
		holder = [3]string{v.payeeName, v.payeeAccount, v.payeeBank}
	}
	brand := bankBrand(holder[2])
	t := workTime(rng)
	codes := [2]string{bankCode(rng, v.payerBank), bankCode(rng, v.payeeBank)}
	header := func(y float64, title string) float64 {
		p.bankLogo(L, y, p.logoSize(brand, 16, W*0.55-p.f.Width(title, 17)/2-12), brand)
		p.putC(L+W*0.55, y+22, 17, title, inkBlack)
		y += 42
		p.seg(L-6, y, R+30, y, pen{0.7, inkGray})
		return y
	}
	// The customer receipt.
	y := header(40, "客户回单")
	y += 16
	p.put(L, y, 9.5, "业务类型："+pick(rng, []string{"二代支付", "行内转账", "超级网银"}), inkBlack)
	p.put(L+W*0.42, y, 9.5, "交易日期："+v.date.String()+" "+t.String(), inkBlack)
	y += 5
	top := y
	const capW, labW = 26.0, 56.0
	half := W / 2
	h := 20.0
	for i, side := range [2][4]string{{v.payerName, v.payerAccount, v.payerBank, codes[0]}, {v.payeeName, v.payeeAccount, v.payeeBank, codes[1]}} {
		x := L + float64(i)*half
		p.vtext(x+capW/2, y, 4*h, 10, []string{"付款人", "收款人"}[i], inkBlack)
		for j, lab := range []string{"名称", "账号", "开户行名", "开户行号"} {
			yy := y + float64(j)*h
			if j > 0 {
				p.seg(x+capW, yy, x+half, yy, thinPen)
			}
			p.cell(x+capW, yy, labW, h, 10, lab, 'c', inkBlack)
			size := 8.5
			if j == 1 || j == 3 {
				size = 10
			}
			p.cellFit(x+capW+labW, yy, half-capW-labW, h, size, side[j], 'l')
		}
		p.seg(x+capW, y, x+capW, y+4*h, thinPen)
		p.seg(x+capW+labW, y, x+capW+labW, y+4*h, thinPen)
	}
	p.seg(L+half, y, L+half, y+4*h, thinPen)
	y += 4 * h
	p.seg(L, y, R, y, thinPen)
	p.cell(L, y, W, h+2, 10, "币种及金额："+upper+"RMB"+grouped(v.amount), 'l', inkBlack)
	y += h + 2
	p.seg(L, y, R, y, thinPen)
	boxH := 118.0
	p.vtext(L+capW/2+4, y, boxH, 10, "其他信息", inkBlack)
	p.seg(L+capW+8, y, L+capW+8, y+boxH, thinPen)
	p.para(L+capW+14, y+3, W-capW-20, 10, 14, "摘要或附言："+v.purpose, inkBlack)
	y += boxH
	p.frame(L, top, W, y-top, thinPen)
	p.qr(R+8, top+4, 46, v.serial)
	y += 13
	p.put(L, y, 9, "核心流水号："+v.serial, inkBlack)
	p.put(L+W*0.42, y, 9, "页数：1/1", inkBlack)
	sealCode := strings.ToUpper(fmt.Sprintf("%08X%08X", rng.Uint32(), rng.Uint32()))
	for i, l := range []string{"此回单以客户真实交易为依据，可通过本行网站校验真伪，", "电子回单可重复打印，请勿重复记账。"} {
		p.put(L+W*0.62, y-4+float64(i)*7, 5.5, l, inkBlack)
	}
	p.stamp(seal{cx: R - 60, cy: y - 42, rx: 58, ry: 36, arc: brand + " " + shortCityOfBank(holder[2]), center: "回单专用章", below: sealCode})
	p.dashed(10, pageH/2+6, pageW-10, pageH/2+6, pen{0.4, inkGray})

	// A fee the bank charged the same account, on the lower half.
	fees := []struct {
		kind string
		fee  money.Fen
	}{{"公司网银-数字证书年费", 10000}, {"跨行汇款手续费", 550}, {"企业网银年服务费", 12000}, {"账户管理费", 5000}, {"短信通知服务费", 3000}}
	fee := pick(rng, fees)
	y = header(pageH/2+30, "收费回单")
	y += 16
	p.putC(L+W*0.5, y, 9.5, "交易日期："+dateCompact(addDays(v.date, -1-rng.IntN(20))), inkBlack)
	y += 5
	top = y
	fh := 24.0
	q := W / 2
	code := codes[1]
	if payer {
		code = codes[0]
	}
	for _, r := range [][4]string{{"户名", holder[0], "开户行名", holder[2]}, {"账号", holder[1], "开户行号", code}} {
		p.cell(L, y, 56, fh, 10, r[0], 'c', inkBlack)
		p.cellFit(L+56, y, q-56, fh, 8.5, r[1], 'l')
		p.cell(L+q, y, 56, fh, 10, r[2], 'c', inkBlack)
		p.cellFit(L+q+56, y, q-56, fh, 8.5, r[3], 'l')
		for _, x := range []float64{L + 56, L + q, L + q + 56} {
			p.seg(x, y, x, y+fh, thinPen)
		}
		y += fh
		p.seg(L, y, R, y, thinPen)
	}
	p.cell(L, y, W, fh, 10, "币种及金额："+"人民币"+money.Uppercase(fee.fee)+"RMB"+grouped(fee.fee), 'l', inkBlack)
	y += fh
	p.seg(L, y, R, y, thinPen)
	p.put(L+4, y+15, 10, "收费种类", inkBlack)
	p.put(L+W*0.4, y+15, 10, "金额", inkBlack)
	p.put(L+W*0.6, y+15, 10, "备注", inkBlack)
	p.put(L+4, y+34, 8.5, fee.kind, inkBlack)
	p.put(L+W*0.4, y+34, 8.5, "RMB"+grouped(fee.fee), inkBlack)
	y += 150
	p.frame(L, top, W, y-top, thinPen)
	p.qr(R+8, top+4, 46, v.serial+"fee")
	y += 13
	p.put(L, y, 9, "核心流水号：BC"+digits(rng, 12), inkBlack)
	p.put(L+W*0.42, y, 9, "页数：1/1", inkBlack)
	p.stamp(seal{cx: R - 60, cy: y - 42, rx: 58, ry: 36, arc: brand + " " + shortCityOfBank(holder[2]), center: "回单专用章", below: strings.ToUpper(fmt.Sprintf("%08X", rng.Uint32()))})
}

// shortCityOfBank is the city or county of a branch, for the seal's arc:
// 株洲 for 中国建设银行株洲分行营业部; the branch's name if none is found.
func shortCityOfBank(branch string) string {
	rest, ok := strings.CutPrefix(branch, bankBrand(branch))
	if !ok {
		return ""
	}
	rest = strings.TrimPrefix(rest, "股份有限公司")
	for _, suf := range []string{"分行", "支行", "营业部"} {
		if i := strings.Index(rest, suf); i > 0 {
			return rest[:i+len(suf)]
		}
	}
	return rest
}
