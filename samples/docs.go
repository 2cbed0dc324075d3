package samples

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// orderDocs is everything the five documents of one order print. It starts
// as a faithful copy of the order; anomalies then change one document.
type orderDocs struct {
	no         string
	contractNo string
	buyer      *buyer
	supplier   *supplier
	order      *pipeline.Order
	seed       uint64 // layout choices

	contract   contractDoc
	payment    paymentDoc
	logistics  logisticsDoc
	invoice    invoiceDoc
	acceptance acceptanceDoc

	missing    pipeline.DocKind // not written (completeness.missing)
	unreadable pipeline.DocKind // written as a broken file (completeness.unreadable)
	brokenMode int              // how it is broken: see brokenBytes
	rule       string           // the anomaly planted, or "" for a clean order
	detail     string

	// Where the anomaly is: the document it changed (for rules that may
	// change one of several), plantedAlt for date.sequence planted in the
	// acceptance report, and the order a unique.* rule copied from.
	plantedKind pipeline.DocKind
	plantedAlt  bool
	copiedFrom  *orderDocs

	// The layout and scan format of each document, by kindIndex (nil and
	// "" unless Options.Layouts or Options.Scans ask for them).
	layouts [5]*layoutSpec
	scans   [5]string
}

// docLine is an order line as a document prints it.
type docLine struct {
	name, unit, spec string
	taxItem          string
	rate             int // percent, or exempt
	qty              money.Qty
	received         money.Qty // acceptance: 实收数量
	price            money.Fen
	amount           money.Fen
}

type contractDoc struct {
	date                 pipeline.Date
	buyerName, buyerID   string
	sellerName, sellerID string
	lines                []docLine
	total                money.Fen
	upper                money.Fen // the amount the uppercase text spells
	place                string
	payDays              int
}

type paymentDoc struct {
	date                               pipeline.Date
	serial, receiptNo, verify          string
	payerName, payerAccount, payerBank string
	payeeName, payeeAccount, payeeBank string
	amount, upper                      money.Fen
	purpose                            string
	bankTitle                          string
}

type logisticsDoc struct {
	carrier, trackingNo string
	shipped, signed     pipeline.Date
	sender, senderPhone string
	senderAddress       string
	recipient, phone    string
	address             string
	pieces              int
	grams               int
}

type invoiceDoc struct {
	number               string // 数电: 20 digits
	code, oldNumber      string // old style: 发票代码 (12 digits) and 发票号码 (8)
	date                 pipeline.Date
	special              bool
	buyerName, buyerID   string
	sellerName, sellerID string
	lines                []invoiceLine
	amount, tax, total   money.Fen
	upper                money.Fen
	issuer               string
}

// invoiceLine is a line of the invoice: the order line split into its
// amount before tax and the tax.
type invoiceLine struct {
	item, spec, unit string
	qty              money.Qty
	amount, tax      money.Fen
	rate             int
}

type acceptanceDoc struct {
	date                  pipeline.Date
	buyerName, sellerName string
	place                 string
	lines                 []docLine
	total                 money.Fen
	conclusion            string
	signers               string
}

// taxRate is the VAT rate of a line: vegetables a cooperative sells are
// exempt, edible oil and tea (processed) 13%, other primary produce 9%.
func taxRate(s *supplier, p *product) int {
	switch p.Category {
	case pipeline.CategoryVegetable:
		if s.kind.cooperative() {
			return exempt
		}
	case pipeline.CategoryOil, pipeline.CategoryTea:
		return 13
	}
	return 9
}

// splitTax splits a tax-inclusive amount at rate into the amount before
// tax, round(total/(1+rate)), and the tax, the rest.
func splitTax(total money.Fen, rate int) (amount, tax money.Fen) {
	if rate <= 0 {
		return total, 0
	}
	d := int64(100 + rate)
	amount = money.Fen((int64(total)*100*2 + d) / (2 * d)) // half up
	return amount, total - amount
}

// idGen hands out document numbers that must be unique in a dataset.
type idGen struct {
	rng  *rand.Rand
	seen map[string]bool
}

func (g *idGen) fresh(make func() string) string {
	for {
		if s := make(); !g.seen[s] {
			g.seen[s] = true
			return s
		}
	}
}

// trackingNo returns a number in the shape carrier uses.
func (g *idGen) trackingNo(carrier string) string {
	r := g.rng
	return g.fresh(func() string {
		switch carrier {
		case "顺丰速运":
			return "SF" + pick(r, []string{"1", "3", "4"}) + digits(r, 11)
		case "中国邮政EMS":
			serial := digits(r, 8)
			c, err := ident.S10CheckDigit(serial)
			if err != nil {
				panic(err) // eight digits by construction
			}
			return pick(r, []string{"E", "L", "C"}) + string(rune('A'+r.IntN(26))) + serial + string(c) + "CN"
		case "京东物流":
			return "JD" + digits(r, 13)
		default: // 中通快递
			return pick(r, []string{"75", "78", "73"}) + digits(r, 10+r.IntN(4))
		}
	})
}

// buildDocs makes the five documents of a numbered order, all consistent
// with it.
func buildDocs(rng *rand.Rand, ids *idGen, i int, po *plannedOrder, o *pipeline.Order) *orderDocs {
	b, s := po.buyer, po.supplier
	d := &orderDocs{
		no: o.No, contractNo: contractNo(i), buyer: b, supplier: s, order: o,
		seed: rng.Uint64(),
	}
	var lines []docLine
	for _, l := range po.lines {
		p := l.product
		lines = append(lines, docLine{
			name: p.Name, unit: p.Unit, spec: p.spec.Spec, taxItem: p.spec.TaxItem,
			rate: taxRate(s, p), qty: l.qty, received: l.qty, price: l.price, amount: l.amount,
		})
	}
	// The delivery address names the buyer after the street address, as
	// waybills print it: 湖南省株洲市茶陵县城关镇解放路12号 茶陵县第二中学.
	deliverTo := "湖南省" + b.address
	if b.Kind != pipeline.BuyerIndividual {
		deliverTo += " " + b.Name
	}
	end := periodEnd
	signedDate := po.date
	shipped := minDate(addDays(signedDate, rng.IntN(4)), end)
	arrived := minDate(addDays(shipped, 1+rng.IntN(4)), end)
	accepted := minDate(addDays(arrived, rng.IntN(3)), end)
	invoiced := minDate(addDays(accepted, rng.IntN(6)), end)
	paid := minDate(addDays(invoiced, rng.IntN(11)), end)

	d.contract = contractDoc{
		date: signedDate, buyerName: b.Name, buyerID: b.USCC, sellerName: s.Name, sellerID: s.USCC,
		lines: lines, total: o.Total, upper: o.Total, place: deliverTo, payDays: pick(rng, []int{10, 15, 30}),
	}

	bankTitle := "网上银行电子回单"
	for _, bk := range banks {
		if strings.HasPrefix(b.bankName, bk.Name) {
			bankTitle = bk.Name + " 电子回单"
		}
	}
	if strings.Contains(b.bankName, "农村商业银行") {
		bankTitle = "湖南农村商业银行 电子回单"
	}
	d.payment = paymentDoc{
		date:      paid,
		serial:    ids.fresh(func() string { return paid.String()[:4] + digits(rng, 18) }),
		receiptNo: ids.fresh(func() string { return digits(rng, 16) }),
		verify:    strings.ToUpper(fmt.Sprintf("%04X-%04X-%04X", rng.IntN(1<<16), rng.IntN(1<<16), rng.IntN(1<<16))),
		payerName: b.Name, payerAccount: b.account, payerBank: b.bankName,
		payeeName: s.Name, payeeAccount: s.BankAccount, payeeBank: s.BankName,
		amount: o.Total, upper: o.Total,
		purpose:   pick(rng, []string{"货款 订单", "采购款 订单", "支付货款 订单编号"}) + o.No,
		bankTitle: bankTitle,
	}

	carrier := carriers[weighted(rng, []float64{40, 20, 15, 25})]
	grams, pieces := 0, 0
	for _, l := range po.lines {
		g := int(int64(l.qty) * int64(l.product.spec.GramsPer) / 1000)
		grams += g
		if l.product.spec.Weighed {
			pieces += max(1, (g+19_999)/20_000)
		} else {
			pieces += int(l.qty / 1000)
		}
	}
	d.logistics = logisticsDoc{
		carrier: carrier, trackingNo: ids.trackingNo(carrier), shipped: shipped, signed: arrived,
		sender: s.Name, senderPhone: s.phone, senderAddress: "湖南省" + s.div.CityName + s.div.Name + pick(rng, towns) + pick(rng, streets) + fmt.Sprintf("%d号", 1+rng.IntN(99)),
		recipient: b.Name, phone: b.phone, address: deliverTo, pieces: max(1, pieces), grams: max(100, grams),
	}

	var inv []invoiceLine
	exemptLine := false
	for _, l := range lines {
		a, t := splitTax(l.amount, l.rate)
		exemptLine = exemptLine || l.rate == exempt
		inv = append(inv, invoiceLine{
			item: "*" + l.taxItem + "*" + l.name, spec: l.spec, unit: l.unit, qty: l.qty,
			amount: a, tax: t, rate: l.rate,
		})
	}
	d.invoice = invoiceDoc{
		number: ids.fresh(func() string {
			return "2143" + pick(rng, []string{"2", "3", "7"}) + digits(rng, 15)
		}),
		date:      invoiced,
		special:   b.Kind == pipeline.BuyerBudgetUnit && !exemptLine && rng.IntN(5) == 0,
		buyerName: b.Name, buyerID: b.USCC, sellerName: s.Name, sellerID: s.USCC,
		lines: inv, upper: o.Total,
		issuer: personName(rng),
	}
	d.invoice.code, d.invoice.oldNumber = oldInvoiceNumber(i)
	d.invoice.sum()

	d.acceptance = acceptanceDoc{
		date: accepted, buyerName: b.Name, sellerName: s.Name, place: deliverTo,
		lines: lines, total: o.Total, conclusion: "合格",
		signers: personName(rng) + "、" + personName(rng),
	}
	return d
}

// oldInvoiceNumber returns the old-style 发票代码 and 发票号码 of the i-th
// order's invoice (from 0): a Hunan 2021 code of an electronic ordinary
// invoice (0 4300 21 batch 11) and an 8-digit number, unique per order
// (48271 is prime to 10⁸, so i ↦ number is one to one). They draw nothing
// random, so the classic documents stay what they were.
func oldInvoiceNumber(i int) (code, number string) {
	code = fmt.Sprintf("0430021%03d11", 1+(i/997)%7)
	number = fmt.Sprintf("%08d", (uint64(i)*48271+30517283)%100_000_000)
	return code, number
}

// sum totals the invoice's lines: 合计 amount and tax, 价税合计.
func (v *invoiceDoc) sum() {
	v.amount, v.tax = 0, 0
	for _, l := range v.lines {
		v.amount += l.amount
		v.tax += l.tax
	}
	v.total = v.amount + v.tax
}

// docTotal sums document lines.
func docTotal(lines []docLine) money.Fen {
	var t money.Fen
	for _, l := range lines {
		t += l.amount
	}
	return t
}
