package samples

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// LabelClean is the truth label of an order without an anomaly.
const LabelClean = "clean"

// The anomalies the generator plants, by the id of the rule that should
// find them. Each anomalous order carries exactly one.
const (
	RuleMissing      = "completeness.missing"    // a document is not there
	RuleUnreadable   = "completeness.unreadable" // a .pdf that is not a readable PDF
	RuleAmount       = "amount.mismatch"         // a document shows another total
	RuleUppercase    = "amount.uppercase"        // 大写 disagrees with its figures
	RulePayeeAccount = "party.payee_account"     // paid to another account
	RuleBuyer        = "party.buyer"             // invoice made out to another buyer
	RuleInvoiceReuse = "unique.invoice"          // invoice number of another order
	RuleTrackReuse   = "unique.tracking"         // tracking number of another order
	RuleDateSequence = "date.sequence"           // signed for before shipped, …

	RuleSeller       = pipeline.RuleSeller       // another supplier named on one document
	RuleCounty       = pipeline.RuleCounty       // delivered to another county
	RuleArithmetic   = pipeline.RuleArithmetic   // an invoice line's tax does not follow from its amount
	RuleTaxRate      = pipeline.RuleTaxRate      // a rate the category does not allow
	RuleLineQuantity = pipeline.RuleLineQuantity // a line's quantity is not the order's
	RuleLinePrice    = pipeline.RuleLinePrice    // the acceptance report's unit price is not the order's
	RuleLineProduct  = pipeline.RuleLineProduct  // a product that was not ordered
	RuleConclusion   = pipeline.RuleConclusion   // the acceptance report did not pass the goods
	RuleReceived     = pipeline.RuleReceived     // less received than ordered
	RuleDatePeriod   = pipeline.RuleDatePeriod   // invoiced or paid months after the order
)

// Rules that cannot be planted in a dataset directory: integrity.hash (the
// stored object is tampered with after upload, not in the file),
// eligibility.supplier and .category (the format admits every supplier
// listed and the database takes six categories only), unique.payment and
// unique.file (planted like unique.invoice, left out to keep the cycle
// short), date.future (depends on the day of the check), and the red flags
// (ident.uscc, date.holiday, amount.round, orders.split), which clean
// orders may carry and which are information or warnings, not anomalies.

// AnomalyRules lists the rule ids the generator plants, in the order it
// cycles through them (shuffled per cycle).
var AnomalyRules = []string{
	RuleMissing, RuleUnreadable, RuleAmount, RuleUppercase, RulePayeeAccount,
	RuleBuyer, RuleInvoiceReuse, RuleTrackReuse, RuleDateSequence,
	RuleSeller, RuleCounty, RuleArithmetic, RuleTaxRate, RuleLineQuantity,
	RuleLinePrice, RuleLineProduct, RuleConclusion, RuleReceived, RuleDatePeriod,
}

// Ways a document is broken (completeness.unreadable). Each still starts as
// a PDF, so it passes the upload's type check and fails only when read: a
// file that is not a PDF at all is refused at upload (415) and never becomes
// evidence.
const (
	brokenTruncated = iota // a PDF cut off part way
	brokenGarbage          // a PDF header followed by random bytes
	brokenCorrupt          // a PDF whose body and xref were overwritten
	brokenModes
)

// plantAnomalies plants one anomaly in each order marked anomalous, the
// rules taken in turn from shuffled cycles of AnomalyRules so that they are
// spread evenly. Orders that copy a number from another order (unique.*)
// copy it from a clean order, planted last.
func plantAnomalies(rng *rand.Rand, w *world, docs []*orderDocs, anomalous []bool) {
	var cycle []string
	next := func() string {
		if len(cycle) == 0 {
			cycle = append(cycle, AnomalyRules...)
			rng.Shuffle(len(cycle), func(i, j int) { cycle[i], cycle[j] = cycle[j], cycle[i] })
		}
		r := cycle[0]
		cycle = cycle[1:]
		return r
	}
	var clean []*orderDocs
	for i, d := range docs {
		if !anomalous[i] {
			clean = append(clean, d)
		}
	}
	var later []*orderDocs
	for i, d := range docs {
		if !anomalous[i] {
			continue
		}
		// A rule that cannot be planted in this order goes back to the end
		// of the cycle, for a later order.
		rule := ""
		var deferred []string
		for range 2 * len(AnomalyRules) {
			r := next()
			if applicable(r, w, d, clean) {
				rule = r
				break
			}
			deferred = append(deferred, r)
		}
		cycle = append(cycle, deferred...)
		if rule == "" {
			rule = RuleMissing // always applicable
		}
		d.rule = rule
		switch rule {
		case RuleInvoiceReuse, RuleTrackReuse:
			later = append(later, d)
		default:
			plant(rng, w, d, rule)
		}
	}
	used := map[string]map[*orderDocs]bool{RuleInvoiceReuse: {}, RuleTrackReuse: {}}
	for _, d := range later {
		// A different source for each copy while there are enough.
		src := clean[rng.IntN(len(clean))]
		for tries := 0; used[d.rule][src] && tries < 4*len(clean); tries++ {
			src = clean[rng.IntN(len(clean))]
		}
		used[d.rule][src] = true
		d.copiedFrom = src
		switch d.rule {
		case RuleInvoiceReuse:
			d.invoice.number = src.invoice.number
			d.invoice.code, d.invoice.oldNumber = src.invoice.code, src.invoice.oldNumber
			d.detail = fmt.Sprintf("invoice number %s is also the invoice of order %s", src.invoice.number, src.no)
		case RuleTrackReuse:
			d.logistics.carrier = src.logistics.carrier
			d.logistics.trackingNo = src.logistics.trackingNo
			d.detail = fmt.Sprintf("tracking number %s (%s) is also the tracking number of order %s",
				src.logistics.trackingNo, src.logistics.carrier, src.no)
		}
	}
}

// applicable reports whether rule can be planted in order d.
func applicable(rule string, w *world, d *orderDocs, clean []*orderDocs) bool {
	switch rule {
	case RuleInvoiceReuse, RuleTrackReuse:
		return len(clean) > 0
	case RuleBuyer:
		return len(w.buyers) > 1
	case RuleSeller:
		return len(w.suppliers) > 1
	case RuleCounty:
		return len(w.counties) > 1
	case RuleArithmetic:
		return taxedLine(d) >= 0
	case RuleLineProduct:
		return len(otherProducts(d)) > 0
	}
	return true
}

// taxedLine returns the index of the first invoice line taxed enough to
// move ¥0.10 from its tax to its amount, or -1.
func taxedLine(d *orderDocs) int {
	for i, l := range d.invoice.lines {
		if l.rate > 0 && l.tax >= 20 {
			return i
		}
	}
	return -1
}

// otherProducts lists the catalogue's products of the order's categories
// that the order does not have.
func otherProducts(d *orderDocs) []*productSpec {
	has := map[string]bool{}
	cats := map[pipeline.Category]bool{}
	for _, l := range d.contract.lines {
		has[l.name] = true
	}
	for _, p := range d.supplier.products {
		cats[p.Category] = true
	}
	var out []*productSpec
	for i := range catalog {
		if p := &catalog[i]; cats[p.Category] && !has[p.Name] {
			out = append(out, p)
		}
	}
	return out
}

// kindName is a document kind as details name it.
func kindName(k pipeline.DocKind) string { return fmt.Sprintf("%s (%s)", k, k.Label()) }

// plant plants rule in d and describes it in d.detail.
func plant(rng *rand.Rand, w *world, d *orderDocs, rule string) {
	total := d.order.Total
	switch rule {
	case RuleMissing:
		d.missing = pick(rng, pipeline.DocKinds)
		d.plantedKind = d.missing
		d.detail = fmt.Sprintf("%s not submitted", kindName(d.missing))

	case RuleUnreadable:
		d.unreadable = pick(rng, pipeline.DocKinds)
		d.brokenMode = rng.IntN(brokenModes)
		d.plantedKind = d.unreadable
		how := map[int]string{
			brokenTruncated: "is a truncated PDF",
			brokenGarbage:   "is a PDF header followed by random bytes",
			brokenCorrupt:   "is a PDF whose body and cross-references are overwritten",
		}[d.brokenMode]
		d.detail = fmt.Sprintf("%s %s", kindName(d.unreadable), how)

	case RuleAmount:
		kind := pick(rng, []pipeline.DocKind{pipeline.KindContract, pipeline.KindInvoice, pipeline.KindPayment, pipeline.KindAcceptance})
		d.plantedKind = kind
		var shown money.Fen
		why := ""
		switch kind {
		case pipeline.KindContract:
			c := &d.contract
			c.lines, why = changeQty(rng, c.lines)
			c.total = docTotal(c.lines)
			c.upper, shown = c.total, c.total
		case pipeline.KindAcceptance:
			a := &d.acceptance
			a.lines, why = changeQty(rng, a.lines)
			a.total, shown = docTotal(a.lines), docTotal(a.lines)
		case pipeline.KindInvoice:
			v := &d.invoice
			lines, w := changeQty(rng, d.contract.lines)
			why = w
			for i, l := range lines {
				if l.qty != v.lines[i].qty {
					v.lines[i].qty = l.qty
					v.lines[i].amount, v.lines[i].tax = splitTax(l.amount, l.rate)
				}
			}
			v.sum()
			v.upper, shown = v.total, v.total
		case pipeline.KindPayment:
			p := &d.payment
			p.amount = otherAmount(rng, total)
			p.upper, shown = p.amount, p.amount
			why = "amount paid differs"
		}
		d.detail = fmt.Sprintf("%s shows total %s, order total is %s (%s)", kindName(kind), shown, total, why)

	case RuleUppercase:
		kind := pick(rng, []pipeline.DocKind{pipeline.KindContract, pipeline.KindInvoice, pipeline.KindPayment})
		wrong := oneDigitOff(rng, total)
		d.plantedKind = kind
		switch kind {
		case pipeline.KindContract:
			d.contract.upper = wrong
		case pipeline.KindInvoice:
			d.invoice.upper = wrong
		case pipeline.KindPayment:
			d.payment.upper = wrong
		}
		d.detail = fmt.Sprintf("%s: uppercase amount reads %s but the figures are %s", kindName(kind), wrong, total)

	case RulePayeeAccount:
		account := ""
		if len(w.suppliers) > 1 && rng.IntN(2) == 0 {
			for account == "" || account == d.supplier.BankAccount {
				account = pick(rng, w.suppliers).BankAccount
			}
		} else {
			_, account = w.newAccount(d.supplier.div)
		}
		d.payment.payeeAccount = account
		d.plantedKind = pipeline.KindPayment
		d.detail = fmt.Sprintf("payment went to account %s, not the supplier's registered account %s", account, d.supplier.BankAccount)

	case RuleBuyer:
		other := d.buyer
		for other == d.buyer || (other.USCC == "") != (d.buyer.USCC == "") && rng.IntN(4) != 0 {
			other = pick(rng, w.buyers)
		}
		d.invoice.buyerName, d.invoice.buyerID = other.Name, other.USCC
		d.plantedKind = pipeline.KindInvoice
		d.detail = fmt.Sprintf("invoice is made out to %s, the order's buyer is %s", other.Name, d.buyer.Name)

	case RuleSeller:
		other := d.supplier
		for other == d.supplier {
			other = pick(rng, w.suppliers)
		}
		kind := pick(rng, []pipeline.DocKind{pipeline.KindContract, pipeline.KindInvoice, pipeline.KindPayment, pipeline.KindAcceptance})
		d.plantedKind = kind
		switch kind {
		case pipeline.KindContract:
			d.contract.sellerName = other.Name
		case pipeline.KindInvoice:
			d.invoice.sellerName = other.Name
		case pipeline.KindPayment:
			d.payment.payeeName = other.Name
		case pipeline.KindAcceptance:
			d.acceptance.sellerName = other.Name
		}
		d.detail = fmt.Sprintf("%s names the seller %s, the order's supplier is %s", kindName(kind), other.Name, d.supplier.Name)

	case RuleCounty:
		county := d.buyer.div
		for county.Code == d.buyer.div.Code {
			county = w.counties[pick(rng, w.countyCodes())]
		}
		addr := "湖南省" + w.streetAddress(county, "")
		if d.buyer.Kind != pipeline.BuyerIndividual {
			addr += " " + d.buyer.Name
		}
		d.logistics.address = addr
		d.plantedKind = pipeline.KindLogistics
		d.detail = fmt.Sprintf("delivered to %s in %s, the buyer is in %s", addr, county.Name, d.buyer.div.Name)

	case RuleArithmetic:
		i := taxedLine(d)
		d.plantedKind = pipeline.KindInvoice
		l := &d.invoice.lines[i]
		shift := money.Fen(10 + rng.IntN(int(min(91, l.tax-10))))
		l.amount += shift
		l.tax -= shift
		d.invoice.sum()
		d.detail = fmt.Sprintf("invoice line %d (%s): amount %s and tax %s at %d%%, ¥%s moved from the tax to the amount", i+1, l.item, l.amount, l.tax, l.rate, shift)

	case RuleTaxRate:
		i := rng.IntN(len(d.invoice.lines))
		d.plantedKind = pipeline.KindInvoice
		l := &d.invoice.lines[i]
		rate := 6
		switch d.contract.lines[i].taxItem { // primary produce: 13% does not apply
		case "粮食", "蔬菜", "水果":
			if rng.IntN(2) == 0 {
				rate = 13
			}
		}
		l.amount, l.tax = splitTax(l.amount+l.tax, rate)
		l.rate = rate
		d.invoice.sum()
		d.detail = fmt.Sprintf("invoice line %d (%s) taxed at %d%%", i+1, l.item, rate)

	case RuleLineQuantity:
		if rng.IntN(2) == 0 {
			i := rng.IntN(len(d.invoice.lines))
			l := &d.invoice.lines[i]
			d.plantedKind = pipeline.KindInvoice
			old := l.qty
			l.qty += 1000
			d.detail = fmt.Sprintf("invoice line %d (%s): quantity %s, ordered %s (amount unchanged)", i+1, l.item, l.qty, old)
		} else {
			a := &d.acceptance
			a.lines = slices.Clone(a.lines)
			i := rng.IntN(len(a.lines))
			l := &a.lines[i]
			d.plantedKind = pipeline.KindAcceptance
			old := l.qty
			l.qty += 1000
			l.received = l.qty
			d.detail = fmt.Sprintf("acceptance line %d (%s): quantity %s, ordered %s (amount unchanged)", i+1, l.name, l.qty, old)
		}

	case RuleLinePrice:
		a := &d.acceptance
		a.lines = slices.Clone(a.lines)
		i := rng.IntN(len(a.lines))
		l := &a.lines[i]
		d.plantedKind = pipeline.KindAcceptance
		old := l.price
		l.price += max(10, l.price/100*money.Fen(5+rng.IntN(16)))
		d.detail = fmt.Sprintf("acceptance line %d (%s): unit price %s, ordered at %s", i+1, l.name, l.price, old)

	case RuleLineProduct:
		p := pick(rng, otherProducts(d))
		if rng.IntN(2) == 0 {
			i := rng.IntN(len(d.invoice.lines))
			l := &d.invoice.lines[i]
			old := l.item
			d.plantedKind = pipeline.KindInvoice
			l.item = "*" + p.TaxItem + "*" + p.Name
			d.detail = fmt.Sprintf("invoice line %d is %s, the order has %s", i+1, l.item, old)
		} else {
			a := &d.acceptance
			a.lines = slices.Clone(a.lines)
			i := rng.IntN(len(a.lines))
			old := a.lines[i].name
			d.plantedKind = pipeline.KindAcceptance
			a.lines[i].name = p.Name
			d.detail = fmt.Sprintf("acceptance line %d is %s, the order has %s", i+1, p.Name, old)
		}

	case RuleConclusion:
		d.acceptance.conclusion = pick(rng, []string{"不合格", "部分合格", "待整改"})
		d.plantedKind = pipeline.KindAcceptance
		d.detail = fmt.Sprintf("acceptance conclusion %s", d.acceptance.conclusion)

	case RuleReceived:
		a := &d.acceptance
		a.lines = slices.Clone(a.lines)
		i := rng.IntN(len(a.lines))
		l := &a.lines[i]
		d.plantedKind = pipeline.KindAcceptance
		if l.qty >= 2000 {
			l.received = l.qty - 1000
		} else {
			l.received = l.qty / 2
		}
		d.detail = fmt.Sprintf("acceptance line %d (%s): received %s of %s", i+1, l.name, l.received, l.qty)

	case RuleDatePeriod:
		late := addDays(d.order.Date, 91+rng.IntN(60))
		if rng.IntN(2) == 0 {
			d.invoice.date = late
			d.plantedKind = pipeline.KindInvoice
			d.detail = fmt.Sprintf("invoice dated %s, %d days after the order of %s", late, days(d.order.Date, late), d.order.Date)
		} else {
			d.payment.date = late
			d.plantedKind = pipeline.KindPayment
			d.detail = fmt.Sprintf("payment dated %s, %d days after the order of %s", late, days(d.order.Date, late), d.order.Date)
		}

	case RuleDateSequence:
		l := &d.logistics
		if rng.IntN(2) == 0 {
			l.signed = addDays(l.shipped, -1-rng.IntN(3))
			d.plantedKind = pipeline.KindLogistics
			d.detail = fmt.Sprintf("logistics: signed for on %s, before it was shipped on %s", l.signed, l.shipped)
		} else {
			d.acceptance.date = addDays(l.shipped, -1-rng.IntN(3))
			d.plantedKind, d.plantedAlt = pipeline.KindAcceptance, true
			d.detail = fmt.Sprintf("acceptance dated %s, before the goods were shipped on %s", d.acceptance.date, l.shipped)
		}
	}
}

// changeQty returns a copy of lines with one line's quantity one unit more
// or less (never below one unit), its amount recomputed, and a description.
func changeQty(rng *rand.Rand, lines []docLine) ([]docLine, string) {
	out := append([]docLine(nil), lines...)
	i := rng.IntN(len(out))
	l := &out[i]
	old := l.qty
	if l.qty > 1000 && rng.IntN(2) == 0 {
		l.qty -= 1000
	} else {
		l.qty += 1000
	}
	l.received = l.qty
	l.amount = l.qty.Times(l.price)
	return out, fmt.Sprintf("%s quantity %s instead of %s", l.name, l.qty, old)
}

// otherAmount returns an amount near total that differs from it: cents
// dropped, a round sum off, or a tenth short.
func otherAmount(rng *rand.Rand, total money.Fen) money.Fen {
	for {
		var v money.Fen
		switch rng.IntN(3) {
		case 0:
			v = total / 100 * 100 // cents dropped
		case 1:
			v = total + money.Fen(pick(rng, []int64{-10000, -1000, 1000, 10000})) // ±¥10, ±¥100
		default:
			v = total - total/10 // 10% held back
		}
		if v > 0 && v != total {
			return v
		}
		if total <= 1 {
			return total + 100
		}
	}
}

// oneDigitOff returns total with one digit changed, the commonest slip
// between figures and words.
func oneDigitOff(rng *rand.Rand, total money.Fen) money.Fen {
	s := []byte(fmt.Sprint(int64(total)))
	for {
		i := rng.IntN(len(s))
		old := s[i]
		s[i] = byte('0' + (int(old-'0')+1+rng.IntN(9))%10)
		if s[0] != '0' || len(s) == 1 {
			var v int64
			fmt.Sscan(string(s), &v)
			if v > 0 && money.Fen(v) != total {
				return money.Fen(v)
			}
		}
		s[i] = old
	}
}
