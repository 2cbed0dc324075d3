package samples

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
)

// Bank receipt layouts modelled on real ones (see the realdocs index):
// parties under 付款人 | 收款人 column headers; the CCB-style grid with
// vertical captions; BOC's label pairs side by side; ICBC's business
// receipt; holder-only debit and credit advices; two receipts on one page
// (the order's and another); a rural bank's settlement receipt; a
// transaction receipt with the amount in digit boxes.

// paymentPrints are the fields every payment layout prints, here and in the
// held-out set.
var paymentPrints = []string{"date", "serial", "receipt_no", "payer_name", "payer_account", "payer_bank", "payee_name", "payee_account", "payee_bank", "amount", "amount_upper", "purpose"}

func init() {
	all := paymentPrints
	without := func(keys ...string) []string {
		var out []string
		for _, k := range all {
			if !contains(keys, k) {
				out = append(out, k)
			}
		}
		return out
	}
	register(
		&layoutSpec{id: "payment/colheads", prints: all, draw: drawPayColHeads,
			about: "city-bank receipt: 户名/账号/开户行 rows under 付款人 | 收款人 column headers"},
		&layoutSpec{id: "payment/vcaption", prints: without("receipt_no"), draw: drawPayVCaption,
			about: "CCB 网上银行电子回执: vertical captions 付/款/人 and 收/款/人, rows 全称/账号/开户行 (or 户名/账号/行名), 大写/小写金额 cells"},
		&layoutSpec{id: "payment/sidebyside", prints: all, draw: drawPaySideBySide,
			about: "BOC 国内支付业务收款/付款回单: 收款人账号 | 付款人账号 label pairs side by side, 金额：CNY…, 业务编号, 附言, footer with 交易流水号 and 回单编号"},
		&layoutSpec{id: "payment/business-pairs", prints: all, draw: drawPayBusinessPairs,
			about: "ICBC 业务回单(付款): each party's 户名 beside its 账号, 金额 in words with 小写, 凭证号码/摘要/用途/交易机构号 pairs"},
		&layoutSpec{id: "payment/advice", prints: all, draw: drawPayAdvice,
			about: "借记通知/贷记通知: the holder's 账号 and 户名, the counterparty as 对方户名/对方账号/对方开户行, 发生额, 借贷标志, 柜员流水"},
		&layoutSpec{id: "payment/two-up-abc", prints: without("serial"), draw: func(p *page, rng *rand.Rand, d *orderDocs) { drawPayTwoUp(p, rng, d, 0) },
			about: "two ABC 网上银行电子回单 (客户收付款入账通知) slips on one A4 page: 付款方/收款方 with 账号/户名/开户行 rows, 金额（小写）, 凭证号, 交易时间, 会计日期, 附言; one slip is the order's, the other another payment of the same account"},
		&layoutSpec{id: "payment/two-up-czb", prints: all, draw: func(p *page, rng *rand.Rand, d *orderDocs) { drawPayTwoUp(p, rng, d, 1) },
			about: "two CZB 客户电子回单（借）and（贷） on one A4 page: 付/款/人 captions with 户名:/账号:/开户银行: in the cells, 金额 in words and ¥, a block of 交易流水号/业务类型/附言; one is the order's, the other another payment of the same account"},
		&layoutSpec{id: "payment/settlement", prints: without("receipt_no"), draw: drawPaySettlement,
			about: "rural commercial bank 结算业务回单: 付/款/人 captions with 账/卡号, 户名, 开户行; 金额(小写) CNY…, 钞汇属性, 流水号, 附言, 备注"},
		&layoutSpec{id: "payment/digit-boxes", prints: without("receipt_no"), draw: drawPayDigitBoxes,
			about: "finance company 交易回单: 交易账户信息 and 对方账户信息 captions, the amount in 仟佰拾亿…元角分 digit boxes, 交易类型 付款/收款"},
	)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// paymentFields records the fields a receipt prints; upper is the
// uppercase amount as printed. Keys in skip are not printed.
func paymentFields(p *page, v *paymentDoc, upper string, skip ...string) {
	for _, f := range [][2]string{
		{"date", fDate(v.date)}, {"serial", v.serial}, {"receipt_no", v.receiptNo},
		{"payer_name", v.payerName}, {"payer_account", fID(v.payerAccount)}, {"payer_bank", v.payerBank},
		{"payee_name", v.payeeName}, {"payee_account", fID(v.payeeAccount)}, {"payee_bank", v.payeeBank},
		{"amount", fAmount(v.amount)}, {"amount_upper", upper}, {"purpose", v.purpose},
	} {
		if !contains(skip, f[0]) {
			p.field(f[0], f[1])
		}
	}
}

// bankInk is the colour of a bank's logo.
func bankInk(brand string) ink {
	switch brand {
	case "中国农业银行", "中国邮政储蓄银行", "农村信用合作联社":
		return inkGreen
	case "中国建设银行", "交通银行", "湖南银行":
		return inkNavy
	case "中国光大银行":
		return inkPurple
	}
	if strings.HasSuffix(brand, "农商银行") {
		return inkGreen
	}
	return inkCrimson
}

// ring draws a circle outline.
func (p *page) ring(cx, cy, r float64, pe pen) {
	const n = 40
	for i := range n {
		a, b := 2*math.Pi*float64(i)/n, 2*math.Pi*float64(i+1)/n
		p.seg(cx+r*math.Cos(a), cy+r*math.Sin(a), cx+r*math.Cos(b), cy+r*math.Sin(b), pe)
	}
}

// bankLogo draws a bank's logo from (x, top): an emblem, the name and its
// English line, and returns the width it took.
func (p *page) bankLogo(x, top, size float64, brand string) float64 {
	c := bankInk(brand)
	r := size * 0.85
	p.ring(x+r, top+r, r, pen{size * 0.16, c})
	p.ring(x+r, top+r, r*0.45, pen{size * 0.12, c})
	p.put(x+2*r+size*0.4, top+size*1.05, size, brand, c)
	w := 2*r + size*0.4 + p.f.Width(brand, size)
	if en := bankEnglish(brand); en != "" {
		es := size * 0.32
		p.put(x+2*r+size*0.4, top+size*1.55, es, en, c)
	}
	return w
}

// upperFor draws how a receipt prints the uppercase amount.
func upperFor(rng *rand.Rand, f money.Fen) string {
	switch rng.IntN(4) {
	case 0:
		return "人民币" + money.Uppercase(f)
	case 1:
		return upperZheng(f)
	}
	return money.Uppercase(f)
}

// figureFor draws how a receipt prints the amount in figures.
func figureFor(rng *rand.Rand, f money.Fen) string {
	switch rng.IntN(5) {
	case 0:
		return cny(f)
	case 1:
		return yenWide(f)
	case 2:
		return f.String()
	case 3:
		return yenPlain(f)
	}
	return yen(f)
}

// acct prints an account number, in groups of four on some forms.
func acct(rng *rand.Rand, s string) string {
	if rng.IntN(4) == 0 {
		return groups(s, 4)
	}
	return s
}

func drawPayColHeads(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 46.0, pageW - 46
	W := R - L
	upper := upperFor(rng, v.upper)
	paymentFields(p, v, upper)
	brand := bankBrand(v.payerBank)
	t := workTime(rng)
	y := 50.0
	p.bankLogo(L, y, 15, brand)
	p.putR(R, y+14, 16, pick(rng, []string{"电子回单", "转账业务回单", "网上银行电子回单"}), inkBlack)
	y += 46
	p.putR(R, y, 9, pick(rng, []string{"回单编号：", "电子回单号："})+v.receiptNo, inkBlack)
	y += 16
	date := pick(rng, []string{dateCN(v.date), v.date.String(), dateCompact(v.date)})
	p.put(L, y, 9, "交易日期："+date, inkBlack)
	p.put(L+W*0.3, y, 9, "交易时间："+t.String(), inkBlack)
	p.put(L+W*0.55, y, 9, pick(rng, []string{"交易流水号：", "流水号：", "交易流水："})+v.serial, inkBlack)
	y += 8
	labelW := 96.0
	colW := (W - labelW) / 2
	h := 23.0
	top := y
	names := pick(rng, [][3]string{{"户名", "账号", "开户行"}, {"名称", "账号", "开户银行"}, {"全称", "账号", "开户行"}, {"户名", "账号", "行名"}})
	p.shade(L+labelW, y, W-labelW, h, inkLight)
	p.cell(L+labelW, y, colW, h, 10, "付款人", 'c', inkBlack)
	p.cell(L+labelW+colW, y, colW, h, 10, "收款人", 'c', inkBlack)
	y += h
	for _, r := range [][3]string{
		{names[0], v.payerName, v.payeeName},
		{names[1], acct(rng, v.payerAccount), acct(rng, v.payeeAccount)},
		{names[2], v.payerBank, v.payeeBank},
	} {
		p.seg(L, y, R, y, thinPen)
		p.cell(L, y, labelW, h, 9.5, r[0], 'c', inkBlack)
		p.cell(L+labelW, y, colW, h, 9.5, r[1], 'l', inkBlack)
		p.cell(L+labelW+colW, y, colW, h, 9.5, r[2], 'l', inkBlack)
		y += h
	}
	split := y
	amountLabel := pick(rng, [][2]string{{"金额（小写）", "金额（大写）"}, {"交易金额(小写)", "交易金额(大写)"}, {"小写(合计)金额", "大写(合计)金额"}, {"转账金额", "金额大写"}})
	// The purpose under one of the labels banks use; another row says how
	// the money went.
	purpose := pick(rng, [][2]string{{"用途", "备注"}, {"摘要", "附言"}, {"附言", "备注"}, {"备注", "摘要"}})
	for _, r := range [][2]string{{amountLabel[0], figureFor(rng, v.amount)}, {amountLabel[1], upper},
		{purpose[0], v.purpose}, {purpose[1], pick(rng, []string{"网银转账", "跨行转账", "行内转账", "公务结算"})}} {
		p.seg(L, y, R, y, thinPen)
		p.cell(L, y, labelW, h, 9.5, r[0], 'c', inkBlack)
		p.cell(L+labelW, y, W-labelW, h, 9.5, r[1], 'l', inkBlack)
		y += h
	}
	p.frame(L, top, W, y-top, thinPen)
	p.seg(L+labelW, top, L+labelW, y, thinPen)
	p.seg(L+labelW+colW, top, L+labelW+colW, split, thinPen)
	y += 16
	p.put(L, y, 8, "验证码："+v.verify, inkBlack)
	p.putR(R, y, 8, "打印时间："+addDays(v.date, rng.IntN(3)).String()+" "+t.later(30+rng.IntN(300)).String(), inkBlack)
	y += 14
	p.put(L, y, 8, "本回单仅作为转账交易的凭证，重复打印无效，请勿重复记账。", inkGray)
	p.stamp(bankSeal(v.payerBank, "电子回单专用章", R-80, y-60))
}

func drawPayVCaption(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 40.0, pageW - 40
	W := R - L
	upper := money.Uppercase(v.upper)
	paymentFields(p, v, upper, "receipt_no")
	brand := bankBrand(v.payerBank)
	frame := pen{0.7, inkPaleBlue}
	if rng.IntN(2) == 0 {
		frame = thinPen
	}
	y := 60.0
	h := 26.0
	top := y
	p.cell(L, y, W, h+4, 12, brand+pick(rng, []string{"网上银行电子回执", "网上银行电子回单", "单位客户专用回单"}), 'c', inkBlack)
	y += h + 4
	p.seg(L, y, R, y, frame)
	p.put(L+30, mid(y, h, 9.5), 9.5, "币别：人民币", inkBlack)
	p.put(L+W*0.22, mid(y, h, 9.5), 9.5, "日期："+pick(rng, []string{dateCompact(v.date), dateCN(v.date)}), inkBlack)
	p.put(L+W*0.42, mid(y, h, 9.5), 9.5, "凭证号："+digits(rng, 9), inkBlack)
	detail := "账户明细编号-交易流水号：" + "00" + digits(rng, 3) + "-" + v.serial
	p.put(L+W*0.6, mid(y, h, 9.5), p.fit(detail, 9.5, W*0.4-4), detail, inkBlack)
	y += h
	p.seg(L, y, R, y, frame)
	rows := pick(rng, [][3]string{{"全 称", "账 号", "开户行"}, {"户名", "账号", "行名"}, {"户名", "账号", "开户行"}})
	capW, labW := 34.0, 70.0
	half := W / 2
	partyTop := y
	for i, side := range [2][3]string{{v.payerName, acct(rng, v.payerAccount), v.payerBank}, {v.payeeName, acct(rng, v.payeeAccount), v.payeeBank}} {
		x := L + float64(i)*half
		p.vtext(x+capW/2, partyTop, 3*h, 11, []string{"付款人", "收款人"}[i], inkBlack)
		for j := range 3 {
			yy := partyTop + float64(j)*h
			if j > 0 {
				p.seg(x+capW, yy, x+half, yy, frame)
			}
			p.cell(x+capW, yy, labW, h, 10, rows[j], 'c', inkBlack)
			p.cell(x+capW+labW, yy, half-capW-labW, h, 9.5, side[j], 'l', inkBlack)
		}
		p.seg(x+capW, partyTop, x+capW, partyTop+3*h, frame)
	}
	p.seg(L+half, partyTop, L+half, partyTop+3*h, frame)
	y = partyTop + 3*h
	p.seg(L, y, R, y, frame)
	lw := capW + labW
	p.cell(L, y, lw, h, 10, "大写金额", 'c', inkBlack)
	p.cell(L+lw, y, half-lw, h, 9.5, upper, 'l', inkBlack)
	p.cell(L+half, y, lw, h, 10, "小写金额", 'c', inkBlack)
	p.cell(L+half+lw, y, half-lw, h, 10, figureFor(rng, v.amount), 'l', inkBlack)
	p.seg(L+lw, y, L+lw, y+3*h, frame)
	p.seg(L+half, y, L+half, y+2*h, frame)
	p.seg(L+half+lw, y, L+half+lw, y+2*h, frame)
	y += h
	p.seg(L, y, R, y, frame)
	p.cell(L, y, lw, h, 10, "用 途", 'c', inkBlack)
	p.cell(L+lw, y, half-lw, h, 9.5, v.purpose, 'l', inkBlack)
	p.cell(L+half, y, lw, h, 10, "钞汇标志", 'c', inkBlack)
	p.cell(L+half+lw, y, half-lw, h, 10, "钞", 'l', inkBlack)
	y += h
	p.seg(L, y, R, y, frame)
	p.cell(L, y, lw, h, 10, "摘 要", 'c', inkBlack)
	p.cell(L+lw, y, W-lw, h, 9.5, pick(rng, []string{"转账支付", "网银跨行汇款", "单位结算卡转账"}), 'l', inkBlack)
	y += h
	p.seg(L, y, R, y, frame)
	p.para(L+4, y, W-8, 9, 13, "重要提示：银行受理成功，本回执不作为收、付款方交易的最终依据，正式回单请在交易成功第二日打印。", inkRed)
	y += 30
	p.frame(L, top, W, y-top, frame)
	p.stamp(seal{cx: R - 70, cy: y - 40, rx: 38, ry: 38, arc: brand, center: "电子回单专用章"})
}

func drawPaySideBySide(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 40.0, pageW - 40
	W := R - L
	upper := money.Uppercase(v.upper)
	paymentFields(p, v, upper)
	// The holder's side comes first: a payment receipt (付款回单) of the
	// payer's bank, or a receipt of money received (收款回单) of the payee's.
	credit := rng.IntN(2) == 0
	bank := v.payerBank
	if credit {
		bank = v.payeeBank
	}
	brand := bankBrand(bank)
	c := bankInk(brand)
	y := 46.0
	p.bankLogo(L+6, y, 15, brand)
	title := "国内支付业务付款回单"
	if credit {
		title = "国内支付业务收款回单"
	}
	p.put(L+W*0.4, y+18, 17, title, inkBlack)
	y += 36
	p.seg(L, y, R, y, pen{1.4, c})
	y += 18
	p.put(L+W*0.2, y, 9.5, "客户号："+digits(rng, 9), inkBlack)
	p.put(L+W*0.58, y, 9.5, "日期："+dateCNSpaced(v.date), inkBlack)
	y += 22
	payer := [3][2]string{{"付款人账号：", v.payerAccount}, {"付款人名称：", v.payerName}, {"付款人开户行：", v.payerBank}}
	payee := [3][2]string{{"收款人账号：", v.payeeAccount}, {"收款人名称：", v.payeeName}, {"收款人开户行：", v.payeeBank}}
	left, right := payer, payee
	if credit {
		left, right = payee, payer
	}
	half := W / 2
	for i := range 3 {
		for j, side := range [2][3][2]string{left, right} {
			x := L + float64(j)*half
			lab := side[i][0]
			p.put(x, y, 10.5, lab, inkBlack)
			val := side[i][1]
			vs := p.fit(val, 10, half-p.f.Width(lab, 10.5)-6)
			p.put(x+p.f.Width(lab, 10.5), y, vs, val, inkBlack)
		}
		y += 22
		if i == 1 {
			y += 8
		}
	}
	y += 8
	p.put(L, y, 10.5, "金额：", inkBlack)
	p.put(L+p.f.Width("金额：", 10.5), y, 10.5, pick(rng, []string{cny(v.amount), cnyPlain(v.amount)}), inkBlack)
	y += 20
	p.put(L+36, y, 10.5, "人民币", inkBlack)
	p.put(L+110, y, 10.5, upper, inkBlack)
	y += 10
	p.seg(L, y, R, y, pen{0.5, inkGray})
	y += 16
	p.put(L, y, 9.5, "业务种类："+pick(rng, []string{"普通汇兑", "网银互联", "转账"}), inkBlack)
	p.put(L+W*0.3, y, 9.5, "业务编号："+digits(rng, 12), inkBlack)
	p.put(L+W*0.62, y, 9.5, "凭证号码：", inkBlack)
	y += 18
	purposeLabel := pick(rng, []string{"用途：", "附言："})
	if purposeLabel == "用途：" {
		p.put(L, y, 9.5, "用途："+v.purpose, inkBlack)
		y += 26
		p.put(L, y, 9.5, "备注：", inkBlack)
		y += 26
		p.put(L, y, 9.5, "附言：", inkBlack)
	} else {
		p.put(L, y, 9.5, "用途：", inkBlack)
		y += 26
		p.put(L, y, 9.5, "备注：", inkBlack)
		y += 26
		p.put(L, y, 9.5, "附言："+v.purpose, inkBlack)
	}
	y += 70
	p.put(L+14, y, 8.5, "本机构吸收的本外币存款依照《存款保险条例》受到保护。", inkBlack)
	y += 14
	p.put(L+14, y, 8.5, "如您已通过银行网点取得相应纸质回单，请注意核对，勿重复记账！", inkBlack)
	y += 22
	t := workTime(rng)
	p.put(L, y, 9.5, "交易机构："+digits(rng, 5), inkBlack)
	p.put(L+W*0.22, y, 9.5, "交易渠道：网上银行", inkBlack)
	p.put(L+W*0.44, y, 9.5, "交易流水号："+v.serial, inkBlack)
	p.put(L+W*0.86, y, 9.5, "经办：", inkBlack)
	y += 6
	p.seg(L, y, R, y, pen{1.4, c})
	y += 12
	p.put(L, y, 8, "回单编号："+v.receiptNo, inkBlack)
	p.put(L+W*0.32, y, 8, "回单验证码："+v.verify, inkBlack)
	p.put(L+W*0.6, y, 8, "打印时间："+v.date.String()+" "+t.String(), inkBlack)
	p.put(L+W*0.85, y, 8, "打印次数：1 次", inkBlack)
	p.frame(L-8, 34, W+16, y+10-34, pen{0.5, inkGray})
	p.stamp(bankSeal(bank, "电子回单专用章", R-90, y-90))
}

func drawPayBusinessPairs(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 40.0, pageW - 40
	W := R - L
	upper := money.Uppercase(v.upper)
	paymentFields(p, v, upper)
	brand := bankBrand(v.payerBank)
	y := 44.0
	p.bankLogo(L, y, 18, brand)
	p.putR(R, y+10, 10, "日期："+v.date.String(), inkBlack)
	p.putR(R, y+28, 10, "回单编号："+v.receiptNo, inkBlack)
	y += 76
	p.putC(pageW/2, y, 17, "业务回单（付款）", inkBlack)
	y += 40
	half := W / 2
	pair := func(l1, v1, l2, v2 string) {
		if l1 != "" {
			p.put(L, y, 10, l1, inkBlack)
			p.put(L+p.f.Width(l1, 10)+2, y, p.fit(v1, 10, half-p.f.Width(l1, 10)-8), v1, inkBlack)
		}
		if l2 != "" {
			p.put(L+half, y, 10, l2, inkBlack)
			p.put(L+half+p.f.Width(l2, 10)+2, y, p.fit(v2, 10, half-p.f.Width(l2, 10)-4), v2, inkBlack)
		}
		y += 17
	}
	pair("付款人户名：", v.payerName, "付款人账号：", v.payerAccount)
	pair("付款人开户行：", v.payerBank, "", "")
	y += 14
	pair("收款人户名：", v.payeeName, "收款人账号：", v.payeeAccount)
	pair("收款人开户行：", v.payeeBank, "", "")
	y += 14
	pair("币种：", "人民币(本位币)", "", "")
	pair("金额：", upper, "小写：", v.amount.String())
	y += 14
	pair("业务(产品)种类：", pick(rng, []string{"跨行发报", "行内汇划", "网银转账"}), "凭证种类：", digits(rng, 8))
	pair("凭证号码：", digits(rng, 14), "摘要：", pick(rng, []string{"货款", "采购款", "转账"}))
	pair("用途：", v.purpose, "交易机构号：", digits(rng, 5))
	pair("记账柜员：", digits(rng, 5), "交易代码：", digits(rng, 5))
	pair("渠道：", "网上银行", "", "")
	pair("指令编号：", "HQP"+digits(rng, 12), "提交人：", "")
	y += 6
	pair("授权人：", "", "流水号：", v.serial)
	y += 100
	p.put(L, y, 9.5, "重要提示：该文件为"+brand+"电子化回单，请勿重复打印或重复记账。", inkBlack)
	p.stamp(bankSeal(v.payerBank, "电子回单专用章", R-80, y-34))
}

func drawPayAdvice(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 48.0, pageW - 48
	W := R - L
	upper := upperFor(rng, v.upper)
	paymentFields(p, v, upper)
	// A debit advice is the payer's (the holder paid); a credit advice the
	// payee's (the holder received).
	debit := rng.IntN(2) == 0
	holder := [3]string{v.payerName, v.payerAccount, v.payerBank}
	other := [3]string{v.payeeName, v.payeeAccount, v.payeeBank}
	title, flag := pick(rng, []string{"借记通知", "客户借记回单", "付款通知"}), "借"
	if !debit {
		holder, other = other, holder
		title, flag = pick(rng, []string{"贷记通知", "客户贷记回单", "入账通知"}), "贷"
	}
	brand := bankBrand(holder[2])
	c := bankInk(brand)
	y := 58.0
	p.putC(pageW/2, y, 17, brand+"  "+title, c)
	y += 10
	p.seg(L+W*0.25, y, R-W*0.25, y, pen{0.8, c})
	p.seg(L+W*0.25, y+2.5, R-W*0.25, y+2.5, pen{0.8, c})
	y += 24
	p.put(L, y, 9.5, "回单编号："+v.receiptNo, inkBlack)
	p.putR(R, y, 9.5, "签发日期："+dateCompact(v.date), inkBlack)
	y += 10
	top := y
	h := 24.0
	labW := 92.0
	half := W / 2
	rows := [][4]string{
		{"账号", acct(rng, holder[1]), "户名", holder[0]},
		{"开户机构", holder[2], "币种", "人民币"},
		{"对方户名", other[0], "", ""},
		{"对方账号", other[1], "对方开户行", other[2]},
	}
	t := workTime(rng)
	more := [][4]string{
		{"交易日期", v.date.String(), "交易时间", t.String()},
		{pick(rng, []string{"发生额", "交易金额", "金额"}), pick(rng, []string{yen(v.amount), yenPlain(v.amount), v.amount.String()}), "借贷标志", flag},
		{"金额大写", upper, "", ""},
		{"摘要", pick(rng, []string{"转账", "汇兑", "网银支付"}), "附言", v.purpose},
		{"交易流水", v.serial, "柜员流水", digits(rng, 10)},
	}
	rows = append(rows, more...)
	for i, r := range rows {
		if i > 0 {
			p.seg(L, y, R, y, thinPen)
		}
		p.shade(L, y, labW, h, inkLight)
		p.cell(L, y, labW, h, 10, r[0], 'c', inkBlack)
		if r[2] == "" {
			p.cell(L+labW, y, W-labW, h, 10, r[1], 'l', inkBlack)
		} else {
			p.cell(L+labW, y, half-labW, h, 10, r[1], 'l', inkBlack)
			p.shade(L+half, y, labW, h, inkLight)
			p.cell(L+half, y, labW, h, 10, r[2], 'c', inkBlack)
			p.cell(L+half+labW, y, half-labW, h, 9.5, r[3], 'l', inkBlack)
			p.seg(L+half, y, L+half, y+h, thinPen)
			p.seg(L+half+labW, y, L+half+labW, y+h, thinPen)
		}
		y += h
	}
	p.frame(L, top, W, y-top, thinPen)
	p.seg(L+labW, top, L+labW, y, thinPen)
	// The shading is drawn under everything, so the cells' lines stay.
	y += 18
	p.para(L, y, W, 8.5, 13, "备注：已在柜台领取纸质回单的，请注意核对，避免重复。电子回单编号相同表示同一笔业务，请勿重复记账。", inkBlack)
	y += 34
	p.put(L, y, 9, "校验码："+v.verify, inkBlack)
	p.put(L+W*0.5, y, 9, "渠道：网上银行", inkBlack)
	p.stamp(bankSeal(holder[2], "电子回单专用章", R-90, y-60))
}

// decoyPayment is another payment of the order's payer, or to its payee: a
// receipt printed on the same page as the order's.
func decoyPayment(d *orderDocs) paymentDoc {
	v := d.payment
	rng := rand.New(rand.NewPCG(d.seed, saltDecoy))
	o := paymentDoc{
		date:      addDays(v.date, rng.IntN(9)-4),
		serial:    v.date.String()[:4] + digits(rng, 18),
		receiptNo: digits(rng, 16),
		verify:    strings.ToUpper(fmt.Sprintf("%04X-%04X-%04X", rng.IntN(1<<16), rng.IntN(1<<16), rng.IntN(1<<16))),
		purpose:   pick(rng, []string{"运费", "包装材料款", "往来款", "水电费", "代发工资", "手续费", "服务费"}),
	}
	o.amount = money.Fen(500+rng.IntN(900_000)) / 10 * 10
	o.upper = o.amount
	other, otherAcct, otherBank := otherCompany(rng), decoyAccount(rng), decoyBank(rng)
	if rng.IntN(2) == 0 { // the payer paid someone else
		o.payerName, o.payerAccount, o.payerBank = v.payerName, v.payerAccount, v.payerBank
		o.payeeName, o.payeeAccount, o.payeeBank = other, otherAcct, otherBank
	} else { // someone else paid the payer
		o.payerName, o.payerAccount, o.payerBank = other, otherAcct, otherBank
		o.payeeName, o.payeeAccount, o.payeeBank = v.payerName, v.payerAccount, v.payerBank
	}
	return o
}

func drawPayTwoUp(p *page, rng *rand.Rand, d *orderDocs, style int) {
	v := &d.payment
	decoy := decoyPayment(d)
	ownFirst := rng.IntN(2) == 0
	slips := []*paymentDoc{v, &decoy}
	if !ownFirst {
		slips[0], slips[1] = slips[1], slips[0]
	}
	for i, s := range slips {
		top := 30 + float64(i)*pageH/2
		own := s == v
		// The order's receipt records its fields; the other draws from a
		// stream of its own, so what it prints does not depend on order.
		r := rng
		if !own {
			r = rand.New(rand.NewPCG(d.seed, saltDecoy+1))
		}
		if style == 0 {
			abcSlip(p, r, s, top, own, bankBrand(v.payerBank))
		} else {
			czbSlip(p, r, s, top, own, d)
		}
		if i == 0 {
			p.dashed(20, pageH/2, pageW-20, pageH/2, pen{0.5, inkGray})
		}
	}
}

// abcSlip draws an ABC-style 网上银行电子回单 (客户收付款入账通知) from top.
func abcSlip(p *page, rng *rand.Rand, v *paymentDoc, top float64, own bool, brand string) {
	const L, R = 34.0, pageW - 34
	W := R - L
	upper := money.Uppercase(v.upper)
	if own {
		paymentFields(p, v, upper, "serial")
	}
	y := top
	p.bankLogo(L, y, 14, brand)
	p.putC(pageW/2+20, y+14, 15, "网上银行电子回单", inkBlack)
	p.putC(pageW/2+20, y+32, 11, "客户收付款入账通知", inkBlack)
	p.qr(R-40, y, 38, v.receiptNo)
	y += 44
	h := 17.0
	tb := y
	p.cell(L, y, W, h, 9, "回单编号："+v.receiptNo, 'l', inkBlack)
	p.cell(L, y, W, h, 9, "第 1 次打印", 'r', inkBlack)
	y += h
	capW, labW := 44.0, 40.0
	half := W / 2
	for i, side := range [2][3]string{{v.payerAccount, v.payerName, v.payerBank}, {v.payeeAccount, v.payeeName, v.payeeBank}} {
		x := L + float64(i)*half
		p.cell(x, y, capW, 3*h, 9.5, []string{"付款方", "收款方"}[i], 'c', inkBlack)
		for j, lab := range []string{"账号", "户名", "开户行"} {
			yy := y + float64(j)*h
			p.seg(x+capW, yy, x+half, yy, thinPen)
			p.cell(x+capW, yy, labW, h, 9, lab, 'l', inkBlack)
			p.cell(x+capW+labW, yy, half-capW-labW, h, 9, side[j], 'l', inkBlack)
		}
		p.seg(x+capW, y, x+capW, y+3*h, thinPen)
		p.seg(x+capW+labW, y, x+capW+labW, y+3*h, thinPen)
	}
	p.seg(L+half, y, L+half, y+3*h, thinPen)
	p.seg(L, y, R, y, thinPen)
	y += 3 * h
	t := workTime(rng)
	lw := capW + labW
	for _, r := range [][4]string{
		{"金额（小写）", v.amount.String(), "金额（大写）", upper},
		{"币种", "人民币", "交易渠道", pick(rng, []string{"网上银行", "超级网银", "小额支付人行支付中心"})},
		{"摘要", pick(rng, []string{"汇款", "转账", "货款"}), "凭证号", digits(rng, 14)},
		{"交易时间", v.date.String() + " " + t.String(), "会计日期", dateCompact(v.date)},
	} {
		p.seg(L, y, R, y, thinPen)
		p.cell(L, y, lw, h, 9, r[0], 'c', inkBlack)
		p.cell(L+lw, y, half-lw, h, 9, r[1], 'l', inkBlack)
		p.cell(L+half, y, lw, h, 9, r[2], 'c', inkBlack)
		p.cell(L+half+lw, y, half-lw, h, 9, r[3], 'l', inkBlack)
		for _, x := range []float64{L + lw, L + half, L + half + lw} {
			p.seg(x, y, x, y+h, thinPen)
		}
		y += h
	}
	p.seg(L, y, R, y, thinPen)
	p.cell(L, y, lw, 3*h, 9, "附言", 'c', inkBlack)
	p.cell(L+lw, y, W-lw, h, 9, v.purpose, 'c', inkBlack)
	p.seg(L+lw, y, L+lw, y+3*h, thinPen)
	y += 3 * h
	p.frame(L, tb, W, y-tb, thinPen)
	y += 13
	p.put(L, y, 8, "电子回单可以重复打印，回单编号相同表示同一笔业务，请勿重复记账。", inkBlack)
	p.putR(R, y, 8, "打印日期："+addDays(v.date, 1+rng.IntN(20)).String(), inkBlack)
	p.stamp(seal{cx: R - 70, cy: y - 42, rx: 40, ry: 24, arc: brand + "股份有限公司", center: "回单专用章", below: v.receiptNo})
}

// czbSlip draws a CZB-style 客户电子回单(借)/(贷) from top.
func czbSlip(p *page, rng *rand.Rand, v *paymentDoc, top float64, own bool, d *orderDocs) {
	const L, R = 52.0, pageW - 60
	W := R - L
	upper := "人民币" + money.Uppercase(v.upper)
	if own {
		paymentFields(p, v, upper)
	}
	// The account the page is of is the order's payer's: a debit if it
	// paid, a credit if it received.
	debit := v.payerAccount == d.payment.payerAccount
	bank := v.payerBank
	if !debit {
		bank = v.payeeBank
	}
	brand := bankBrand(bank)
	c := bankInk(brand)
	y := top
	bx := L + W*0.22
	if bw := p.f.Width(brand, 12); bx+bw+8 > L+W*0.38 {
		bx = max(L, L+W*0.38-8-bw) // a long name starts further left
	}
	p.put(bx, y+16, p.fit(brand, 12, L+W*0.38-8-bx), brand, c)
	mark := "（借）"
	if !debit {
		mark = "（贷）"
	}
	// Clear of the 防伪码 at the right.
	title := "客户电子回单" + mark
	p.put(L+W*0.38, y+18, p.fit(title, 16, R-116-(L+W*0.38)), title, inkBlack)
	p.put(R-100, y+8, 7.5, "银行日期："+v.date.String(), inkBlack)
	p.put(R-100, y+18, 7.5, "防伪码"+digits(rng, 20), inkBlack)
	y += 28
	h := 16.0
	tb := y
	capW := 24.0
	half := W / 2
	for i, side := range [2][3]string{{v.payerName, v.payerAccount, v.payerBank}, {v.payeeName, v.payeeAccount, v.payeeBank}} {
		x := L + float64(i)*half
		p.vtext(x+capW/2, y, 3*h, 9.5, []string{"付款人", "收款人"}[i], inkBlack)
		for j, lab := range []string{"户名:", "账号:", "开户银行:"} {
			yy := y + float64(j)*h
			if j > 0 {
				p.seg(x+capW, yy, x+half, yy, thinPen)
			}
			text := lab + side[j]
			p.put(x+capW+3, mid(yy, h, 9), p.fit(text, 9, half-capW-6), text, inkBlack)
		}
		p.seg(x+capW, y, x+capW, y+3*h, thinPen)
	}
	p.seg(L+half, y, L+half, y+3*h, thinPen)
	y += 3 * h
	p.seg(L, y, R, y, thinPen)
	p.cell(L, y, 50, 22, 10, "金额", 'c', inkBlack)
	p.seg(L+50, y, L+50, y+22, thinPen)
	p.cell(L+50, y, W-50, 22, 10, upper, 'l', inkBlack)
	p.cell(L+50, y, W-50, 22, 10, yenWide(v.amount), 'r', inkBlack)
	y += 22
	p.seg(L, y, R, y, thinPen)
	t := workTime(rng)
	info := [][2]string{
		{"交易流水号: " + v.serial, "业务渠道: 超级网银"},
		{"业务类型: 汇兑", "受理编号: T0" + digits(rng, 18)},
		{"核心流水号: " + digits(rng, 8), "手续费: ¥0.00"},
		{"交易时间: " + v.date.String() + " " + t.hm(), "附言: " + v.purpose},
		{"回单编号: " + v.receiptNo, ""},
	}
	yy := y + 12
	for _, r := range info {
		p.put(L+4, yy, 7.5, r[0], inkBlack)
		p.put(L+W*0.45, yy, 7.5, r[1], inkBlack)
		yy += 10.5
	}
	y += 118
	p.put(L+6, y-8, 5.5, "本回单需加盖电子签名章，并可通过二维码识别软件读取电子签名或通过本行网站和全国统一服务电话使用防伪码查询回单信息。", inkBlack)
	p.frame(L, tb, W, y-tb, thinPen)
	p.vtext(R+12, tb, y-tb, 8, "本凭证作客户"+map[bool]string{true: "付款", false: "收款"}[debit]+"通知", inkBlack)
	p.put(L, y+12, 8.5, "第1次打印", inkBlack)
	p.putR(R, y+12, 8.5, "打印申请人："+personName(rng), inkBlack)
	p.qr(L+W*0.78, tb+3*h+28, 54, v.receiptNo)
	p.stamp(seal{cx: L + W*0.78 + 27, cy: tb + 3*h + 55, rx: 42, ry: 42, arc: brand + "电子签名章", center: ""})
}

func drawPaySettlement(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 56.0, pageW - 56
	W := R - L
	upper := "人民币" + money.Uppercase(v.upper)
	paymentFields(p, v, upper, "receipt_no")
	y := 60.0
	top := y
	h := 22.0
	p.cell(L, y, W, h, 10, "结算业务回单", 'c', inkBlack)
	y += h
	p.seg(L, y, R, y, thinPen)
	date := pick(rng, []string{v.date.String(), dateCN(v.date)})
	p.put(L+24, mid(y, h, 8.5), 8.5, "业务类型：转账", inkBlack)
	p.put(L+W*0.3, mid(y, h, 8.5), 8.5, "交易日期："+date, inkBlack)
	p.put(L+W*0.55, mid(y, h, 8.5), 8.5, "凭证号码：", inkBlack)
	p.put(L+W*0.8, mid(y, h, 8.5), 8.5, "校验码："+strings.ReplaceAll(v.verify[:9], "-", ""), inkBlack)
	y += h
	p.seg(L, y, R, y, thinPen)
	capW, labW := 30.0, 48.0
	half := W / 2
	ph := 24.0
	for i, side := range [2][3]string{{v.payerAccount, v.payerName, v.payerBank}, {v.payeeAccount, v.payeeName, v.payeeBank}} {
		x := L + float64(i)*half
		p.vtext(x+capW/2, y, 3*ph, 9, []string{"付款人", "收款人"}[i], inkBlack)
		for j, lab := range []string{"账/卡号", "户名", "开户行"} {
			yy := y + float64(j)*ph
			if j > 0 {
				p.seg(x+capW, yy, x+half, yy, thinPen)
			}
			p.cell(x+capW, yy, labW, ph, 8.5, lab, 'l', inkBlack)
			size := 11.0
			if j == 2 {
				size = 8.5
			}
			p.cell(x+capW+labW, yy, half-capW-labW, ph, size, side[j], 'l', inkBlack)
		}
		p.seg(x+capW, y, x+capW, y+3*ph, thinPen)
		p.seg(x+capW+labW, y, x+capW+labW, y+3*ph, thinPen)
	}
	p.seg(L+half, y, L+half, y+3*ph, thinPen)
	y += 3 * ph
	p.seg(L, y, R, y, thinPen)
	lw := capW + labW
	p.cell(L, y, lw, ph, 8.5, "金额(小写)", 'l', inkBlack)
	p.cell(L+lw, y, half-lw, ph, 11, cnyPlain(v.amount), 'l', inkBlack)
	p.cell(L+half, y, 50, ph, 8.5, "钞汇属性", 'l', inkBlack)
	p.cell(L+half+50, y, 60, ph, 8.5, "钞", 'l', inkBlack)
	p.cell(L+half+110, y, 36, ph, 8.5, "流水号", 'l', inkBlack)
	p.cell(L+half+146, y, half-146, ph, 8.5, v.serial, 'l', inkBlack)
	for _, x := range []float64{L + lw, L + half, L + half + 50, L + half + 110, L + half + 146} {
		p.seg(x, y, x, y+ph, thinPen)
	}
	y += ph
	p.seg(L, y, R, y, thinPen)
	p.cell(L, y, lw, ph, 8.5, "金额(大写)", 'l', inkBlack)
	p.cell(L+lw, y, W-lw, ph, 11, upper, 'l', inkBlack)
	p.seg(L+lw, y, L+lw, y+ph, thinPen)
	y += ph
	sealTop := y
	for _, r := range [][2]string{{"附言", v.purpose}, {"备注", pick(rng, []string{"网银行内转账", "网银跨行转账", "柜面转账"})}} {
		p.seg(L, y, R-86, y, thinPen)
		p.cell(L, y, lw, ph, 8.5, r[0], 'l', inkBlack)
		p.cell(L+lw, y, W-lw-86, ph, 8.5, r[1], 'l', inkBlack)
		p.seg(L+lw, y, L+lw, y+ph, thinPen)
		y += ph
	}
	p.seg(L, y, R-86, y, thinPen)
	p.cell(L, y, W-86, ph+4, 8.5, "重要提示：此回单不作为收款方发货依据，并请勿重复记账。", 'l', inkBlack)
	y += ph + 4
	p.seg(R-86, sealTop, R-86, y, thinPen)
	p.frame(L, top, W, y-top, thinPen)
	brand := bankBrand(v.payerBank)
	if !strings.Contains(brand, "农") {
		brand = bankBrand(v.payeeBank)
	}
	p.stamp(seal{cx: R - 43, cy: sealTop + (y-sealTop)/2, rx: 36, ry: 36, arc: brand + "股份有限公司", center: "电子回单专用章", star: true, below: strings.ReplaceAll(v.verify[5:], "-", "")})
}

func drawPayDigitBoxes(p *page, rng *rand.Rand, d *orderDocs) {
	v := &d.payment
	const L, R = 40.0, pageW - 40
	W := R - L
	upper := money.UppercaseInvoice(v.upper) // 圆, as the finance company prints it
	paymentFields(p, v, upper, "receipt_no")
	pay := rng.IntN(2) == 0 // the holder paid (付款) or received (收款)
	holder := [3]string{v.payerName, v.payerAccount, v.payerBank}
	other := [3]string{v.payeeName, v.payeeAccount, v.payeeBank}
	kind := "付款"
	if !pay {
		holder, other, kind = other, holder, "收款"
	}
	y := 56.0
	p.putC(pageW/2, y, 18, "交易回单", inkBlack)
	y += 12
	p.seg(pageW/2-60, y, pageW/2+60, y, thinPen)
	y += 22
	p.put(L, y, 9.5, "币种：人民币", inkBlack)
	p.put(L+W*0.3, y, 9.5, "日期："+v.date.String(), inkBlack)
	p.put(L+W*0.58, y, 9.5, "流水号："+v.serial, inkBlack)
	y += 8
	top := y
	capW, labW := 26.0, 60.0
	half := W / 2
	ph := 26.0
	for i, side := range [2][3]string{holder, other} {
		x := L + float64(i)*half
		p.vtext(x+capW/2, y, 3*ph, 9.5, []string{"交易账户信息", "对方账户信息"}[i], inkBlack)
		for j, lab := range []string{"户名", "账号", "开户机构"} {
			yy := y + float64(j)*ph
			if j > 0 {
				p.seg(x+capW, yy, x+half, yy, thinPen)
			}
			p.cell(x+capW, yy, labW, ph, 9.5, lab, 'c', inkBlack)
			p.cell(x+capW+labW, yy, half-capW-labW, ph, 9.5, side[j], 'l', inkBlack)
		}
		p.seg(x+capW, y, x+capW, y+3*ph, thinPen)
		p.seg(x+capW+labW, y, x+capW+labW, y+3*ph, thinPen)
	}
	p.seg(L+half, y, L+half, y+3*ph, thinPen)
	y += 3 * ph
	p.seg(L, y, R, y, thinPen)
	// 金额: the words, then one box per digit under 仟佰拾亿仟佰拾万千百十元角分,
	// ¥ in the box before the first digit.
	const units = "仟佰拾亿仟佰拾万千百十元角分"
	us := []rune(units)
	boxW := 15.0
	bx := R - boxW*float64(len(us))
	lw := capW + labW
	p.cell(L, y, lw, 2*ph, 10, "金额", 'c', inkBlack)
	p.put(L+lw+4, y+14, 8.5, "(大写)", inkBlack)
	p.put(L+lw+8, y+ph+12, p.fit(upper, 10, bx-L-lw-12), upper, inkBlack)
	p.seg(L+lw, y, L+lw, y+2*ph, thinPen)
	p.seg(bx, y, bx, y+2*ph, thinPen)
	fen := fmt.Sprint(int64(v.amount))
	for len(fen) < 3 {
		fen = "0" + fen
	}
	figs := []rune("¥" + fen)
	for i, u := range us {
		x := bx + float64(i)*boxW
		p.cell(x, y, boxW, ph, 8.5, string(u), 'c', inkBlack)
		if i > 0 {
			p.seg(x, y, x, y+2*ph, pen{0.4, inkBlack})
		}
	}
	for i := range us {
		if k := i - (len(us) - len(figs)); k >= 0 {
			p.cell(bx+float64(i)*boxW, y+ph, boxW, ph, 10, string(figs[k]), 'c', inkBlack)
		}
	}
	p.seg(bx, y+ph, R, y+ph, pen{0.4, inkBlack})
	y += 2 * ph
	for _, r := range [][4]string{
		{"交易类型", kind, "摘要", v.purpose},
		{"备注", pick(rng, []string{"", "网银", "结算"}), "", ""},
		{"检验码", strings.ReplaceAll(v.verify, "-", ""), "受理日期", v.date.String()},
	} {
		p.seg(L, y, R, y, thinPen)
		p.cell(L, y, lw, ph, 9.5, r[0], 'c', inkBlack)
		p.seg(L+lw, y, L+lw, y+ph, thinPen)
		if r[2] == "" {
			p.cell(L+lw, y, W-lw, ph, 9.5, r[1], 'l', inkBlack)
		} else {
			p.cell(L+lw, y, half-lw, ph, 9.5, r[1], 'l', inkBlack)
			p.cell(L+half, y, lw, ph, 9.5, r[2], 'c', inkBlack)
			p.cell(L+half+lw, y, half-lw, ph, 9.5, r[3], 'l', inkBlack)
			p.seg(L+half, y, L+half, y+ph, thinPen)
			p.seg(L+half+lw, y, L+half+lw, y+ph, thinPen)
		}
		y += ph
	}
	p.frame(L, top, W, y-top, thinPen)
	y += 16
	brand := bankBrand(holder[2])
	p.put(L, y, 8.5, "重要提示：该文件为"+brand+"电子签名后的电子化回单，请勿重复打印或重复记账。", inkBlack)
	p.stamp(bankSeal(holder[2], "业务专用章", R-90, y-50))
}
