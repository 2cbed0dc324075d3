package samples

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// The period of the 2021 statement: trial operation from 14 September,
// formal operation from 21 December, counted to 31 December.
var (
	periodStart = pipeline.Date{Year: 2021, Month: time.September, Day: 14}
	formalStart = pipeline.Date{Year: 2021, Month: time.December, Day: 21}
	periodEnd   = pipeline.Date{Year: 2021, Month: time.December, Day: 31}
)

// addDays returns d moved by n days.
func addDays(d pipeline.Date, n int) pipeline.Date {
	t := d.Time().AddDate(0, 0, n)
	return pipeline.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

// days returns the number of days from a to b.
func days(a, b pipeline.Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }

// minDate returns the earlier of a and b.
func minDate(a, b pipeline.Date) pipeline.Date {
	if b.Before(a) {
		return b
	}
	return a
}

// datePicker draws order dates: more towards the year's end, when budgets
// are spent, and fewer at weekends.
type datePicker struct {
	dates   []pipeline.Date
	weights []float64
}

func newDatePicker() *datePicker {
	p := &datePicker{}
	n := days(periodStart, periodEnd)
	for i := 0; i <= n; i++ {
		d := addDays(periodStart, i)
		w := 1 + 1.5*float64(i)/float64(n)
		if wd := d.Time().Weekday(); wd == time.Saturday || wd == time.Sunday {
			w *= 0.3
		}
		if !d.Before(formalStart) {
			w *= 1.3
		}
		p.dates = append(p.dates, d)
		p.weights = append(p.weights, w)
	}
	return p
}

func (p *datePicker) pick(rng *rand.Rand) pipeline.Date { return p.dates[weighted(rng, p.weights)] }

// plannedOrder is an order before it is numbered: its parties, date and
// lines, and whether it is to carry an anomaly.
type plannedOrder struct {
	buyer     *buyer
	supplier  *supplier
	date      pipeline.Date
	lines     []plannedLine
	total     money.Fen
	anomalous bool
	sortKey   uint64
}

// plannedLine is an order line with its product.
type plannedLine struct {
	product *product
	qty     money.Qty
	price   money.Fen
	amount  money.Fen
}

// orderAmount draws the amount of a free (uncalibrated) order: canteens and
// unions buy in bulk, individuals a little.
func orderAmount(rng *rand.Rand, kind pipeline.BuyerKind) money.Fen {
	median, sigma := 3500.0, 0.9 // yuan
	switch kind {
	case pipeline.BuyerUnion:
		median, sigma = 5000, 0.7
	case pipeline.BuyerIndividual:
		median, sigma = 300, 0.8
	}
	yuan := math.Max(20, median*lognormal(rng, sigma))
	return money.Fen(math.Round(yuan * 100))
}

// lineCount draws how many lines an order has (1-4), at most n.
func lineCount(rng *rand.Rand, n int) int {
	k := 1 + weighted(rng, []float64{35, 30, 20, 15})
	return min(k, n)
}

// orderPrice is the unit price of a product on one order: its list price,
// give or take 5%, rounded to the jiao.
func orderPrice(rng *rand.Rand, p *product) money.Fen {
	f := 0.95 + 0.1*rng.Float64()
	return max(10, money.Fen(math.Round(float64(p.base)*f/10))*10)
}

// qtyFor returns a plausible quantity of p worth about share at price:
// whole units, or half kilograms (tenths for dear goods) when sold by weight.
func qtyFor(p *product, share, price money.Fen) money.Qty {
	if !p.spec.Weighed {
		return money.Qty(max(1, int64(math.Round(float64(share)/float64(price)))) * 1000)
	}
	step := int64(500)
	if price > 5000 {
		step = 100
	}
	q := int64(math.Round(float64(share)*1000/float64(price)/float64(step))) * step
	return money.Qty(max(step, q))
}

// chooseProducts returns k distinct products of s in random order.
func chooseProducts(rng *rand.Rand, s *supplier, k int) []*product {
	ps := slices.Clone(s.products)
	rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
	return ps[:k]
}

// splitShares splits amount into k positive shares with random weights.
func splitShares(rng *rand.Rand, amount money.Fen, k int) []money.Fen {
	ws := make([]float64, k)
	sum := 0.0
	for i := range ws {
		ws[i] = 0.3 + rng.Float64()
		sum += ws[i]
	}
	out := make([]money.Fen, k)
	var used money.Fen
	for i := range out[:k-1] {
		out[i] = money.Fen(float64(amount) * ws[i] / sum)
		used += out[i]
	}
	out[k-1] = amount - used
	return out
}

// freeLines makes 1-4 lines of about amount in total, at list prices.
func freeLines(rng *rand.Rand, s *supplier, amount money.Fen) []plannedLine {
	k := lineCount(rng, len(s.products))
	ps := chooseProducts(rng, s, k)
	shares := splitShares(rng, amount, k)
	lines := make([]plannedLine, k)
	for i, p := range ps {
		price := orderPrice(rng, p)
		q := qtyFor(p, shares[i], price)
		lines[i] = plannedLine{product: p, qty: q, price: price, amount: q.Times(price)}
	}
	return lines
}

// exactLine finds a quantity of p and a unit price near its list price
// (within -30%..+30%) whose product, rounded to the fen, is amount. Whole
// units are tried first, then (for goods sold by weight) halves, tenths,
// hundredths and thousandths.
func exactLine(p *product, amount money.Fen) (money.Qty, money.Fen, bool) {
	lo, hi := max(1, p.base*7/10), p.base*13/10+1
	steps := []int64{1000}
	if p.spec.Weighed {
		steps = append(steps, 500, 100, 10, 1)
	}
	minQty := int64(1000)
	if p.spec.Weighed {
		minQty = 100
	}
	for _, step := range steps {
		// Walk prices outwards from the list price.
		for d := money.Fen(0); p.base-d >= lo || p.base+d <= hi; d++ {
			cands := []money.Fen{p.base - d, p.base + d}
			if d == 0 {
				cands = cands[:1]
			}
			for _, u := range cands {
				if u < lo || u > hi {
					continue
				}
				q := (int64(amount)*1000/int64(u) + step/2) / step * step
				for _, qq := range []int64{q, q - step, q + step} {
					if qq >= minQty && money.Qty(qq).Times(u) == amount {
						return money.Qty(qq), u, true
					}
				}
			}
		}
	}
	return 0, 0, false
}

// lineTotal sums the lines' amounts.
func lineTotal(lines []plannedLine) money.Fen {
	var t money.Fen
	for _, l := range lines {
		t += l.amount
	}
	return t
}

// numberOrders sorts the orders by date (ties in random order) and returns
// them; order i gets number HN2021 followed by i+1 in six digits.
func numberOrders(orders []*plannedOrder) {
	slices.SortStableFunc(orders, func(a, b *plannedOrder) int {
		if c := days(b.date, a.date); c != 0 {
			return c
		}
		switch {
		case a.sortKey < b.sortKey:
			return -1
		case a.sortKey > b.sortKey:
			return 1
		}
		return 0
	})
}

// orderNo and contractNo format the numbers of the i-th order (from 0).
func orderNo(i int) string    { return fmt.Sprintf("HN2021%06d", i+1) }
func contractNo(i int) string { return fmt.Sprintf("HT-2021-%06d", i+1) }
