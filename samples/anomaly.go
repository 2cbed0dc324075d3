package samples

import (
	"fmt"
	"math/rand/v2"

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
)

// AnomalyRules lists the rule ids the generator plants, in the order it
// cycles through them (shuffled per cycle).
var AnomalyRules = []string{
	RuleMissing, RuleUnreadable, RuleAmount, RuleUppercase, RulePayeeAccount,
	RuleBuyer, RuleInvoiceReuse, RuleTrackReuse, RuleDateSequence,
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
		rule := next()
		// Fall back to another rule where this one cannot be planted.
		for range len(AnomalyRules) {
			if applicable(rule, w, docs, clean) {
				break
			}
			rule = next()
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
		switch d.rule {
		case RuleInvoiceReuse:
			d.invoice.number = src.invoice.number
			d.detail = fmt.Sprintf("invoice number %s is also the invoice of order %s", src.invoice.number, src.no)
		case RuleTrackReuse:
			d.logistics.carrier = src.logistics.carrier
			d.logistics.trackingNo = src.logistics.trackingNo
			d.detail = fmt.Sprintf("tracking number %s (%s) is also the tracking number of order %s",
				src.logistics.trackingNo, src.logistics.carrier, src.no)
		}
	}
}

// applicable reports whether rule can be planted in this dataset.
func applicable(rule string, w *world, docs []*orderDocs, clean []*orderDocs) bool {
	switch rule {
	case RuleInvoiceReuse, RuleTrackReuse:
		return len(clean) > 0
	case RuleBuyer:
		return len(w.buyers) > 1
	}
	return true
}

// kindName is a document kind as details name it.
func kindName(k pipeline.DocKind) string { return fmt.Sprintf("%s (%s)", k, k.Label()) }

// plant plants rule in d and describes it in d.detail.
func plant(rng *rand.Rand, w *world, d *orderDocs, rule string) {
	total := d.order.Total
	switch rule {
	case RuleMissing:
		d.missing = pick(rng, pipeline.DocKinds)
		d.detail = fmt.Sprintf("%s not submitted", kindName(d.missing))

	case RuleUnreadable:
		d.unreadable = pick(rng, pipeline.DocKinds)
		d.brokenMode = rng.IntN(brokenModes)
		how := map[int]string{
			brokenTruncated: "is a truncated PDF",
			brokenGarbage:   "is a PDF header followed by random bytes",
			brokenCorrupt:   "is a PDF whose body and cross-references are overwritten",
		}[d.brokenMode]
		d.detail = fmt.Sprintf("%s %s", kindName(d.unreadable), how)

	case RuleAmount:
		kind := pick(rng, []pipeline.DocKind{pipeline.KindContract, pipeline.KindInvoice, pipeline.KindPayment, pipeline.KindAcceptance})
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
		d.detail = fmt.Sprintf("payment went to account %s, not the supplier's registered account %s", account, d.supplier.BankAccount)

	case RuleBuyer:
		other := d.buyer
		for other == d.buyer || (other.USCC == "") != (d.buyer.USCC == "") && rng.IntN(4) != 0 {
			other = pick(rng, w.buyers)
		}
		d.invoice.buyerName, d.invoice.buyerID = other.Name, other.USCC
		d.detail = fmt.Sprintf("invoice is made out to %s, the order's buyer is %s", other.Name, d.buyer.Name)

	case RuleDateSequence:
		l := &d.logistics
		if rng.IntN(2) == 0 {
			l.signed = addDays(l.shipped, -1-rng.IntN(3))
			d.detail = fmt.Sprintf("logistics: signed for on %s, before it was shipped on %s", l.signed, l.shipped)
		} else {
			d.acceptance.date = addDays(l.shipped, -1-rng.IntN(3))
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
