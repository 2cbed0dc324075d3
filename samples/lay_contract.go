package samples

import (
	"fmt"
	"math/rand/v2"

	"github.com/heshi-verify/heshi/evidence/money"
)

// Contract layouts modelled on real purchase contracts: the government
// procurement template, a 买方 | 卖方 party table, a 供方/需方 contract in the
// style of a Word document, 甲方/乙方 blocks, and the market's printed cover
// with labels above values.

// contractPrints are the fields every contract layout prints, here and in the
// held-out set.
var contractPrints = []string{"number", "date", "buyer_name", "buyer_id", "seller_name", "seller_id", "order_no", "total", "total_upper"}

func init() {
	all := contractPrints
	lines := capNames | capQty | capPrice
	register(
		&layoutSpec{id: "contract/gov-template", prints: all, lines: lines, draw: drawContractGov,
			about: "政府采购合同 template: 合同编号 top right, clauses, goods table, total in words and figures in one sentence, signature blocks side by side"},
		&layoutSpec{id: "contract/party-table", prints: all, lines: lines, draw: drawContractPartyTable,
			about: "购销合同 whose parties sit in a 买方 | 卖方 table (名称, 统一社会信用代码, 地址, 开户银行, 账号 rows)"},
		&layoutSpec{id: "contract/supply-demand", prints: all, lines: lines, draw: drawContractSupplyDemand,
			about: "供方/需方 购销合同 in the style of a Word document (供方：…（以下简称供方）), totals in the table's last row, party grid at the end"},
		&layoutSpec{id: "contract/party-blocks", prints: all, lines: lines, draw: drawContractPartyBlocks,
			about: "采购合同 with 甲方/乙方 blocks of 名称/统一社会信用代码/地址/开户行/账号 rows"},
		&layoutSpec{id: "contract/label-above", prints: all, lines: lines, draw: drawContractLabelAbove,
			about: "the e-market's printed contract: framed cells with the label above the value, electronic signatures"},
	)
}

// contractFields records the fields every contract layout prints; upper
// is the uppercase amount as printed.
func contractFields(p *page, d *orderDocs, upper string) {
	c := &d.contract
	for _, f := range [][2]string{
		{"number", d.contractNo}, {"date", fDate(c.date)}, {"buyer_name", c.buyerName}, {"buyer_id", fID(c.buyerID)},
		{"seller_name", c.sellerName}, {"seller_id", fID(c.sellerID)}, {"order_no", d.no},
		{"total", fAmount(c.total)}, {"total_upper", upper},
	} {
		p.field(f[0], f[1])
	}
}

// supplierAddress is where the supplier is: the address its goods are
// sent from.
func supplierAddress(d *orderDocs) string { return d.logistics.senderAddress }

func drawContractGov(p *page, rng *rand.Rand, d *orderDocs) {
	c := &d.contract
	const L, R = 58.0, pageW - 58
	W := R - L
	upper := money.Uppercase(c.upper)
	contractFields(p, d, upper)

	y := 52.0
	p.putR(R, y, 9.5, "合同编号："+d.contractNo, inkBlack)
	y += 36
	p.putC(pageW/2, y, 20, spaced(pick(rng, []string{"政府采购合同", "政府采购货物合同"})), inkBlack)
	y += 20
	p.putC(pageW/2, y, 10, "（湖南省政府采购电子卖场 乡村振兴馆）", inkBlack)
	y += 30
	p.put(L, y, 10.5, "采购人（甲方）："+c.buyerName, inkBlack)
	y += 19
	p.put(L, y, 10.5, "供应商（乙方）："+c.sellerName, inkBlack)
	y += 19
	p.put(L, y, 10.5, "电子卖场订单编号："+d.no, inkBlack)
	y += 14
	y = p.para(L, y, W, 10.5, 17, "　　根据《中华人民共和国政府采购法》《中华人民共和国民法典》等法律法规的规定，甲乙双方就下列农副产品的采购事宜，经协商一致，订立本合同。", inkBlack)
	y += 6
	p.put(L, y+10, 10.5, "第一条  合同标的", inkBlack)
	y += 18
	var body [][]string
	for _, r := range goodsTable(c.lines, true) {
		body = append(body, r)
	}
	body = append(body, []string{"合计", "", "", "", "", "", c.total.String()})
	y = p.tableAt(L, y, W, []column{
		{"序号", 28, 'c'}, {"品目名称", 90, 'l'}, {"规格型号", 62, 'c'}, {"计量单位", 48, 'c'},
		{"数量", 50, 'r'}, {"单价（元）", 62, 'r'}, {"金额（元）", 72, 'r'},
	}, body, tableOpts{size: 9, rowH: 20, pe: thinPen, inner: true, rows: true, outer: true})
	y += 10
	p.put(L, y+10, 10.5, "第二条  合同金额", inkBlack)
	y += 30
	// Words and figures in one sentence, as the template has them.
	x := L + 21
	for _, part := range []string{"本合同总金额为人民币（大写）：", upper, "（¥" + grouped(c.total) + "）", "，含运费及税费。"} {
		p.put(x, y, 10.5, part, inkBlack)
		x += p.f.Width(part, 10.5)
	}
	y += 10
	clauses := []string{
		fmt.Sprintf("第三条  履约期限、地点和方式：乙方应于合同签订后%d日内将货物送达%s，运费由乙方承担。", 3+rng.IntN(5), c.place),
		fmt.Sprintf("第四条  付款方式：货物经甲方验收合格、乙方开具发票后%d个工作日内，甲方一次性支付全部合同款。", c.payDays),
		"第五条  质量要求：所供产品须为国家脱贫地区农副产品，符合国家食品安全标准，附合格证明。",
		"第六条  违约责任：乙方逾期交货或货物不符合约定的，甲方有权拒收并要求乙方承担相应责任。",
		"第七条  本合同一式三份，甲乙双方各执一份，电子卖场备案一份，自双方签字盖章之日起生效。",
	}
	for _, cl := range clauses {
		y = p.para(L, y, W, 10, 16, cl, inkBlack) + 3
	}
	y += 26
	half := W / 2
	sig := func(x float64, who, name, id, rep, phone string) {
		yy := y
		p.put(x, yy, 10.5, who+"（盖章）："+name, inkBlack)
		yy += 20
		if id != "" {
			p.put(x, yy, 9.5, "统一社会信用代码："+id, inkBlack)
			yy += 20
		}
		p.put(x, yy, 9.5, "法定代表人或授权代表（签字）："+rep, inkBlack)
		yy += 20
		p.put(x, yy, 9.5, "联系电话："+phone, inkBlack)
		yy += 20
		p.put(x, yy, 9.5, "签订日期："+dateCN(c.date), inkBlack)
	}
	sig(L, "甲方", c.buyerName, c.buyerID, d.buyer.contact, d.buyer.phone)
	sig(L+half+6, "乙方", c.sellerName, c.sellerID, d.supplier.contact, d.supplier.phone)
	p.stamp(sealFor(c.buyerName, "合同专用章", L+95, y+26))
	p.stamp(sealFor(c.sellerName, "合同专用章", L+half+100, y+26))
}

func drawContractPartyTable(p *page, rng *rand.Rand, d *orderDocs) {
	c := &d.contract
	const L, R = 50.0, pageW - 50
	W := R - L
	upper := money.Uppercase(c.upper)
	contractFields(p, d, upper)
	y := 66.0
	p.putC(pageW/2, y, 19, pick(rng, []string{"农副产品购销合同", "农产品购销合同", "食材采购合同"}), inkBlack)
	y += 28
	dates := []string{c.date.String(), dateCN(c.date), dateSlash(c.date)}
	p.put(L, y, 9.5, "合同编号："+d.contractNo, inkBlack)
	p.put(L+W*0.38, y, 9.5, "签订日期："+pick(rng, dates), inkBlack)
	p.put(L+W*0.68, y, 9.5, "签订地点：湖南长沙", inkBlack)
	y += 12
	// The parties: a label column and two value columns under 买方 | 卖方.
	labelW := 92.0
	colW := (W - labelW) / 2
	rowH := 21.0
	rows := [][3]string{
		{"名称", c.buyerName, c.sellerName},
		{"统一社会信用代码", c.buyerID, c.sellerID},
		{"地址", "湖南省" + d.buyer.address, supplierAddress(d)},
		{"联系人", d.buyer.contact, d.supplier.contact},
		{"联系电话", d.buyer.phone, d.supplier.phone},
		{"开户银行", d.payment.payerBank, d.supplier.BankName},
		{"银行账号", d.payment.payerAccount, d.supplier.BankAccount},
	}
	top := y
	p.shade(L, y, W, rowH, inkLight)
	p.cell(L+labelW, y, colW, rowH, 10.5, "买方", 'c', inkBlack)
	p.cell(L+labelW+colW, y, colW, rowH, 10.5, "卖方", 'c', inkBlack)
	y += rowH
	for _, r := range rows {
		p.seg(L, y, R, y, thinPen)
		p.cell(L, y, labelW, rowH, 9.5, r[0], 'c', inkBlack)
		p.cell(L+labelW, y, colW, rowH, 9.5, r[1], 'l', inkBlack)
		p.cell(L+labelW+colW, y, colW, rowH, 9.5, r[2], 'l', inkBlack)
		y += rowH
	}
	p.frame(L, top, W, y-top, thinPen)
	p.seg(L+labelW, top, L+labelW, y, thinPen)
	p.seg(L+labelW+colW, top, L+labelW+colW, y, thinPen)
	y += 22
	p.put(L, y, 10, "订单编号："+d.no+"（湖南省政府采购电子卖场）", inkBlack)
	y += 20
	p.put(L, y, 10.5, "一、产品明细", inkBlack)
	y += 8
	var body [][]string
	for _, l := range c.lines {
		body = append(body, []string{l.name, l.spec, l.unit, l.qty.String(), l.price.String(), l.amount.String()})
	}
	y = p.tableAt(L, y, W, []column{
		{"产品名称", 110, 'l'}, {"规格", 70, 'c'}, {"单位", 40, 'c'}, {"数量", 55, 'r'}, {"单价（元）", 65, 'r'}, {"金额（元）", 75, 'r'},
	}, body, tableOpts{size: 9.5, rowH: 20, pe: thinPen, inner: true, rows: true, outer: true, headFill: inkLight})
	y += 18
	p.put(L, y, 10, "合计金额（小写）：¥"+grouped(c.total), inkBlack)
	p.put(L+W*0.45, y, 10, "合计金额（大写）："+upper, inkBlack)
	y += 14
	for _, cl := range []string{
		"二、质量标准：产品须符合国家食品安全标准和行业标准，来自国家脱贫地区农副产品名录。",
		fmt.Sprintf("三、交货时间及地点：卖方于合同签订后%d日内送货至%s。", 2+rng.IntN(6), c.place),
		fmt.Sprintf("四、结算方式：买方收货验收合格并收到发票后%d日内，以银行转账方式付清货款。", c.payDays),
		"五、争议解决：本合同履行中发生争议，双方协商解决；协商不成的，向买方所在地人民法院起诉。",
	} {
		y = p.para(L, y, W, 10, 16, cl, inkBlack) + 2
	}
	y += 30
	p.put(L, y, 10.5, "买方（盖章）：", inkBlack)
	p.put(L+W/2, y, 10.5, "卖方（盖章）：", inkBlack)
	y += 24
	p.put(L, y, 10, "代表人："+d.buyer.contact, inkBlack)
	p.put(L+W/2, y, 10, "代表人："+d.supplier.contact, inkBlack)
	y += 22
	p.put(L, y, 10, "日期："+dateCN(c.date), inkBlack)
	p.put(L+W/2, y, 10, "日期："+dateCN(c.date), inkBlack)
	p.stamp(sealFor(c.buyerName, "合同专用章", L+90, y-28))
	p.stamp(sealFor(c.sellerName, "合同专用章", L+W/2+90, y-28))
}

func drawContractSupplyDemand(p *page, rng *rand.Rand, d *orderDocs) {
	c := &d.contract
	const L, R = 72.0, pageW - 72
	W := R - L
	upper := money.Uppercase(c.upper)
	contractFields(p, d, upper)
	y := 78.0
	p.putC(pageW/2, y, 18, "购 销 合 同", inkBlack)
	y += 26
	p.putR(R, y, 10, "合同编号："+d.contractNo, inkBlack)
	y += 24
	p.put(L, y, 10.5, "供方："+c.sellerName+"（以下简称供方）", inkBlack)
	y += 21
	p.put(L, y, 10.5, "需方："+c.buyerName+"（以下简称需方）", inkBlack)
	y += 21
	_, county := cityOf(c.place)
	p.put(L, y, 10.5, "签订时间："+dateCNSpaced(c.date), inkBlack)
	p.put(L+W*0.55, y, 10.5, "签订地点："+county, inkBlack)
	y += 12
	y = p.para(L, y, W, 10.5, 19, "　　依据《中华人民共和国民法典》及有关规定，为明确供需双方的权利义务，经双方协商一致，签订本合同，共同遵守。", inkBlack)
	y += 4
	p.put(L, y+10, 10.5, "第一条  产品名称、规格、数量、金额", inkBlack)
	y += 18
	var body [][]string
	for _, l := range c.lines {
		body = append(body, []string{l.name, l.spec, l.unit, l.qty.String(), l.price.String(), l.amount.String(), ""})
	}
	cols := []column{{"产品名称", 90, 'c'}, {"规格型号", 64, 'c'}, {"单位", 36, 'c'}, {"数量", 50, 'c'}, {"单价（元）", 58, 'c'}, {"金额（元）", 66, 'c'}, {"备注", 40, 'c'}}
	y = p.tableAt(L, y, W, cols, body, tableOpts{size: 9.5, rowH: 21, pe: thinPen, inner: true, rows: true, outer: true})
	// The total row spans the table: words, then figures.
	p.frame(L, y, W, 22, thinPen)
	p.put(L+6, mid(y, 22, 9.5), 9.5, "合计人民币（大写）："+upper, inkBlack)
	p.putR(R-6, mid(y, 22, 9.5), 9.5, "¥"+c.total.String(), inkBlack)
	y += 34
	for _, cl := range []string{
		"第二条  质量标准：按国家标准执行，产品须来自国家脱贫地区农副产品名录，供方提供产品合格证明。",
		fmt.Sprintf("第三条  交货时间、地点及方式：供方于%s前送货至需方指定地点（%s），运输费用由供方承担。", dateCNShort(addDays(c.date, 3+rng.IntN(5))), c.place),
		fmt.Sprintf("第四条  结算方式及期限：需方验收合格并收到供方发票后%d日内付款（湖南省政府采购电子卖场订单号：%s）。", c.payDays, d.no),
		"第五条  违约责任：按《中华人民共和国民法典》有关规定执行。",
		"第六条  本合同一式两份，供需双方各执一份，经双方签字盖章后生效。",
	} {
		y = p.para(L, y, W, 10, 17, cl, inkBlack) + 3
	}
	y += 18
	// The parties' grid: 供方 | 需方.
	half := W / 2
	rowH := 19.0
	top := y
	p.cell(L, y, half, rowH, 10, "供    方", 'c', inkBlack)
	p.cell(L+half, y, half, rowH, 10, "需    方", 'c', inkBlack)
	y += rowH
	pairs := [][2][2]string{
		{{"单位名称（章）：", c.sellerName}, {"单位名称（章）：", c.buyerName}},
		{{"统一社会信用代码：", c.sellerID}, {"统一社会信用代码：", c.buyerID}},
		{{"委托代理人：", d.supplier.contact}, {"委托代理人：", d.buyer.contact}},
		{{"电话：", d.supplier.phone}, {"电话：", d.buyer.phone}},
		{{"开户银行：", d.supplier.BankName}, {"开户银行：", d.payment.payerBank}},
		{{"账号：", d.supplier.BankAccount}, {"账号：", d.payment.payerAccount}},
	}
	for _, pr := range pairs {
		p.seg(L, y, R, y, thinPen)
		for i, kv := range pr {
			x := L + float64(i)*half
			text := kv[0] + kv[1]
			if kv[1] == "" {
				text = kv[0]
			}
			p.put(x+4, mid(y, rowH, 9), p.fit(text, 9, half-8), text, inkBlack)
		}
		y += rowH
	}
	p.frame(L, top, W, y-top, thinPen)
	p.seg(L+half, top, L+half, y, thinPen)
	p.stamp(sealFor(c.sellerName, "合同专用章", L+half*0.62, top+rowH*1.8))
	p.stamp(sealFor(c.buyerName, "合同专用章", L+half*1.62, top+rowH*1.8))
}

func drawContractPartyBlocks(p *page, rng *rand.Rand, d *orderDocs) {
	c := &d.contract
	const L, R = 60.0, pageW - 60
	W := R - L
	upper := money.Uppercase(c.upper)
	contractFields(p, d, upper)
	y := 66.0
	p.putC(pageW/2, y, 19, pick(rng, []string{"采购合同", "农副产品采购合同"}), inkBlack)
	y += 30
	p.put(L, y, 9.5, "合同编号："+d.contractNo, inkBlack)
	p.putR(R, y, 9.5, "订单编号："+d.no, inkBlack)
	y += 8
	p.seg(L, y, R, y, pen{1.2, inkBlack})
	y += 22
	block := func(caption string, rows [][2]string) {
		p.put(L, y, 11, caption, inkBlack)
		y += 19
		for _, r := range rows {
			if r[1] == "" {
				continue
			}
			p.put(L+18, y, 10, r[0], inkBlack)
			p.put(L+128, y, 10, r[1], inkBlack)
			y += 17
		}
		y += 6
	}
	block("甲方（采购人）", [][2]string{
		{"名        称：", c.buyerName}, {"统一社会信用代码：", c.buyerID}, {"地        址：", "湖南省" + d.buyer.address},
		{"开  户  行：", d.payment.payerBank}, {"账        号：", groups(d.payment.payerAccount, 4)},
	})
	block("乙方（供应商）", [][2]string{
		{"名        称：", c.sellerName}, {"统一社会信用代码：", c.sellerID}, {"地        址：", supplierAddress(d)},
		{"开  户  行：", d.supplier.BankName}, {"账        号：", groups(d.supplier.BankAccount, 4)},
	})
	y = p.para(L, y, W, 10, 17, "　　甲乙双方本着平等互利的原则，就甲方通过湖南省政府采购电子卖场向乙方采购下列产品达成如下协议：", inkBlack)
	y += 6
	var body [][]string
	for _, l := range c.lines {
		body = append(body, []string{l.name, l.unit, l.qty.String(), l.price.String(), l.amount.String()})
	}
	y = p.tableAt(L, y, W, []column{{"商品名称", 130, 'l'}, {"单位", 50, 'c'}, {"数量", 70, 'r'}, {"单价(元)", 80, 'r'}, {"小计(元)", 90, 'r'}},
		body, tableOpts{size: 9.5, rowH: 19, pe: thinPen, headRule: true, outer: false, rows: false})
	p.seg(L, y, R, y, thinPen)
	y += 20
	p.put(L, y, 10.5, "合同总价：¥"+grouped(c.total)+"（人民币大写："+upper+"）", inkBlack)
	y += 12
	for i, cl := range []string{
		fmt.Sprintf("乙方于%s前将货物送达%s，并承担运输费用及途中风险。", dateCN(addDays(c.date, 2+rng.IntN(5))), c.place),
		"货物到达后甲方组织验收，验收不合格的，乙方应在二日内无条件调换。",
		fmt.Sprintf("甲方在验收合格并收到乙方发票后%d个工作日内支付货款至乙方上述账户。", c.payDays),
		"本合同未尽事宜，双方协商解决。本合同自双方签字（盖章）之日起生效。",
	} {
		y = p.para(L, y, W, 10, 17, fmt.Sprintf("%d. %s", i+1, cl), inkBlack) + 2
	}
	y += 34
	p.put(L, y, 10.5, "甲方代表（签字）："+d.buyer.contact, inkBlack)
	p.put(L+W/2+10, y, 10.5, "乙方代表（签字）："+d.supplier.contact, inkBlack)
	y += 28
	p.put(L, y, 10.5, "签订日期："+dateCNSpaced(c.date), inkBlack)
	p.stamp(sealFor(c.buyerName, "合同专用章", L+120, y-40))
	p.stamp(sealFor(c.sellerName, "合同专用章", L+W/2+130, y-40))
}

func drawContractLabelAbove(p *page, rng *rand.Rand, d *orderDocs) {
	c := &d.contract
	const L, R = 44.0, pageW - 44
	W := R - L
	upper := money.Uppercase(c.upper)
	contractFields(p, d, upper)
	blue := inkNavy
	y := 48.0
	p.shade(L, y-16, W, 28, blue)
	p.put(L+10, y+2, 12, "湖南省政府采购电子卖场 · 乡村振兴馆", rgb(255, 255, 255))
	p.putR(R-10, y+2, 9, "电子合同", rgb(255, 255, 255))
	y += 44
	p.putC(pageW/2, y, 17, "电子卖场采购合同", inkBlack)
	y += 18
	pe := pen{0.5, rgb(150, 160, 180)}
	h := 36.0
	signed := workTime(rng)
	row := func(cells ...[2]string) {
		w := W / float64(len(cells))
		for i, cl := range cells {
			p.labelAbove(L+float64(i)*w, y, w, h, cl[0], cl[1], 10, inkGray, pe)
		}
		y += h
	}
	row([2]string{"合同编号", d.contractNo}, [2]string{"订单编号", d.no}, [2]string{"签订日期", c.date.String()})
	row([2]string{"采购单位", c.buyerName}, [2]string{"采购单位统一社会信用代码", c.buyerID})
	row([2]string{"供应商", c.sellerName}, [2]string{"供应商统一社会信用代码", c.sellerID})
	row([2]string{"合同金额（元）", grouped(c.total)}, [2]string{"合同金额（大写）", upper})
	row([2]string{"交货地点", c.place})
	y += 14
	p.put(L, y, 10.5, "采购明细", blue)
	y += 6
	var body [][]string
	for i, l := range c.lines {
		body = append(body, []string{fmt.Sprint(i + 1), l.name, l.spec, l.qty.String() + l.unit, l.price.String(), l.amount.String()})
	}
	y = p.tableAt(L, y, W, []column{{"序号", 30, 'c'}, {"商品名称", 120, 'l'}, {"规格", 70, 'c'}, {"数量", 70, 'r'}, {"单价", 70, 'r'}, {"金额", 80, 'r'}},
		body, tableOpts{size: 9.5, rowH: 21, pe: pe, rows: true, outer: true, headFill: rgb(228, 234, 244)})
	y += 18
	for _, cl := range []string{
		"1. 供应商应按订单约定的时间和地点送货，货物质量须符合国家食品安全标准。",
		fmt.Sprintf("2. 采购单位验收合格后，于收到发票之日起%d日内支付货款。", c.payDays),
		"3. 本合同由双方在电子卖场在线签署，与纸质合同具有同等法律效力。",
	} {
		y = p.para(L, y, W, 9.5, 15, cl, inkBlack) + 2
	}
	y += 24
	half := W / 2
	for i, sg := range [][3]string{
		{"采购单位（电子签章）", c.buyerName, signed.String()},
		{"供应商（电子签章）", c.sellerName, signed.later(20 + rng.IntN(200)).String()},
	} {
		x := L + float64(i)*half
		p.frame(x, y, half, 70, pe)
		p.put(x+4, y+10, 7.2, sg[0], inkGray)
		p.put(x+10, y+36, 10.5, sg[1], inkBlack)
		p.put(x+4, y+63, 8, "签署时间："+c.date.String()+" "+sg[2], inkGray)
	}
	p.stamp(sealFor(c.buyerName, "合同专用章", L+half*0.7, y+30))
	p.stamp(sealFor(c.sellerName, "合同专用章", L+half*1.7, y+30))
}
