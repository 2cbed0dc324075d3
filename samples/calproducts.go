package samples

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// The products of the calibrated dataset. The summary fixes how many
// products are registered and how many of them are on clean orders, so
// each supplier's products are chosen with its orders: the distinct
// products its orders can carry (placement) bound how many it transacts;
// those bounds share the summary's count exactly (apportion); then each
// order gets lines of exactly those products, adding up to its amount.

// supplierPlan is one supplier's products while they are planned.
type supplierPlan struct {
	s      *supplier
	cands  []*product // every product of its kind, in a random order
	orders []int      // its clean orders, largest first
	hi     int        // how many distinct products its orders can carry
}

// candidates returns a product of every catalogue entry of s's kind, in a
// random order, with list prices drawn as addProducts draws them.
func (w *world) candidates(s *supplier) []*product {
	var specs []*productSpec
	for i := range catalog {
		if slices.Contains(s.kind.Categories, catalog[i].Category) {
			specs = append(specs, &catalog[i])
		}
	}
	w.rng.Shuffle(len(specs), func(i, j int) { specs[i], specs[j] = specs[j], specs[i] })
	out := make([]*product, len(specs))
	for i, sp := range specs {
		out[i] = &product{
			Product: pipeline.Product{Name: sp.Name, Category: sp.Category, Unit: sp.Unit},
			spec:    sp,
			base:    roundPrice(sp.Lo + money.Fen(w.rng.Int64N(int64(sp.Hi-sp.Lo)+1))),
		}
	}
	return out
}

// maxPrice is the dearest unit price orderPrice gives p.
func maxPrice(p *product) money.Fen {
	return max(10, money.Fen(math.Round(float64(p.base)*1.05/10))*10)
}

// minLine is the least a line of p at list price can come to: one unit, or
// half a unit of goods sold by weight (qtyFor's smallest step is a tenth,
// for dear ones: half at the dearest price bounds both).
func minLine(p *product) money.Fen {
	if p.spec.Weighed {
		return money.Qty(500).Times(maxPrice(p))
	}
	return maxPrice(p)
}

// lastMin is the least the exact last line (weighed goods) should take:
// a fifth of a unit at list price, well above exactLine's tenth at -30%.
func lastMin(p *product) money.Fen { return max(1, p.base/5) }

// minLeft is what an order of amount keeps for its exact last line of p.
func minLeft(amount money.Fen, p *product) money.Fen { return max(amount/16, lastMin(p)) }

// placement is which products an order's lines carry: a last line of
// goods sold by weight, which hits the amount to the fen, and up to three
// lines before it, each at list price.
type placement struct {
	last   []*product
	extra  [][]*product
	sumMin []money.Fen // least the extra lines of each order come to
	used   []*product  // the distinct products placed, in order of first use
	in     map[*product]bool
}

// fits reports whether order o of amount a can take one more line of c.
func (pl *placement) fits(o int, a money.Fen, c *product) bool {
	return len(pl.extra[o]) < 3 && c != pl.last[o] && !slices.Contains(pl.extra[o], c) &&
		pl.sumMin[o]+minLine(c)+minLeft(a, pl.last[o]) <= a
}

// place chooses the products of orders of the given amounts (largest
// first) among cands, using at most limit distinct ones and as many as it
// can up to that. It draws nothing: with a lower limit it places a prefix
// of the same products, so the count it reaches is known before lines are
// drawn.
func place(amounts []money.Fen, cands []*product, limit int) *placement {
	n := len(amounts)
	pl := &placement{last: make([]*product, n), extra: make([][]*product, n), sumMin: make([]money.Fen, n), in: map[*product]bool{}}
	use := func(c *product) {
		if !pl.in[c] {
			pl.in[c] = true
			pl.used = append(pl.used, c)
		}
	}
	var weighed []*product
	for _, c := range cands {
		if c.spec.Weighed {
			weighed = append(weighed, c)
		}
	}
	// The last lines: a new product sold by weight while the limit allows,
	// else one already used, in turn.
	for o, a := range amounts {
		var pick *product
		if len(pl.used) < limit {
			for _, c := range weighed {
				if !pl.in[c] && a >= lastMin(c) {
					pick = c
					break
				}
			}
		}
		if pick == nil {
			var fit []*product
			for _, c := range weighed {
				if pl.in[c] && a >= lastMin(c) {
					fit = append(fit, c)
				}
			}
			if len(fit) > 0 {
				pick = fit[o%len(fit)]
			}
		}
		if pick == nil { // a tiny order: the cheapest allowed
			for _, c := range weighed {
				if (pl.in[c] || len(pl.used) < limit) && (pick == nil || lastMin(c) < lastMin(pick)) {
					pick = c
				}
			}
		}
		pl.last[o] = pick
		use(pick)
	}
	// Every other product once, on the order with the fewest lines that
	// has room for it (the most room of those).
	for _, c := range cands {
		if len(pl.used) >= limit {
			break
		}
		if pl.in[c] {
			continue
		}
		best, bestRoom := -1, money.Fen(0)
		for o, a := range amounts {
			if !pl.fits(o, a, c) {
				continue
			}
			room := a - pl.sumMin[o] - minLine(c) - minLeft(a, pl.last[o])
			if best < 0 || len(pl.extra[o]) < len(pl.extra[best]) || len(pl.extra[o]) == len(pl.extra[best]) && room > bestRoom {
				best, bestRoom = o, room
			}
		}
		if best >= 0 {
			pl.extra[best] = append(pl.extra[best], c)
			pl.sumMin[best] += minLine(c)
			use(c)
		}
	}
	return pl
}

// planProducts registers every supplier's products and returns the lines
// of each clean order (by index into p.orders).
func (p *calPlanner) planProducts() ([][]plannedLine, error) {
	w, cal := p.w, p.cal
	plans := make([]*supplierPlan, len(w.suppliers))
	index := map[*supplier]int{}
	for i, s := range w.suppliers {
		index[s] = i
		plans[i] = &supplierPlan{s: s, cands: w.candidates(s)}
	}
	for i, o := range p.orders {
		sp := plans[index[o.supplier]]
		sp.orders = append(sp.orders, i)
	}
	var active []*supplierPlan
	for _, sp := range plans {
		if len(sp.orders) == 0 {
			continue
		}
		slices.SortStableFunc(sp.orders, func(a, b int) int { return cmp.Compare(p.orders[b].amount, p.orders[a].amount) })
		sp.hi = len(place(p.amounts(sp.orders), sp.cands, len(sp.cands)).used)
		active = append(active, sp)
	}

	// Share the products on clean orders among the active suppliers, in
	// proportion to what their orders can carry; a share placement cannot
	// reach lowers that supplier's bound, and the sharing is done again.
	ws := make([]float64, len(active))
	lo := make([]int, len(active))
	hi := make([]int, len(active))
	var t []int
	for {
		for i, sp := range active {
			ws[i], lo[i], hi[i] = float64(sp.hi), 1, sp.hi
		}
		var err error
		if t, err = apportion(cal.transacted, ws, lo, hi); err != nil {
			return nil, fmt.Errorf("samples: %d products on clean orders: %w", cal.transacted, err)
		}
		short := false
		for i, sp := range active {
			if got := len(place(p.amounts(sp.orders), sp.cands, t[i]).used); got < t[i] {
				sp.hi, short = got, true
			}
		}
		if !short {
			break
		}
	}

	// The lines, drawn.
	lines := make([][]plannedLine, len(p.orders))
	used := map[*supplier]map[*product]bool{}
	for i, sp := range active {
		pl := place(p.amounts(sp.orders), sp.cands, t[i])
		for k, o := range sp.orders {
			a := p.orders[o].amount
			// More lines as orders usually have, of products already used.
			for want := lineCount(p.rng, 4); 1+len(pl.extra[k]) < want; {
				var opts []*product
				for _, c := range pl.used {
					if pl.fits(k, a, c) {
						opts = append(opts, c)
					}
				}
				if len(opts) == 0 {
					break
				}
				c := pick(p.rng, opts)
				pl.extra[k] = append(pl.extra[k], c)
				pl.sumMin[k] += minLine(c)
			}
			lines[o] = calLines(p.rng, a, pl.extra[k], pl.last[k])
		}
		used[sp.s] = pl.in
	}

	// Registered products: those on orders, and as many more of the
	// supplier's kind as make up the summary's count. Suppliers without
	// clean orders register 2-5, as the free datasets' do.
	idle := map[*supplier]int{}
	idleSum := 0
	for _, sp := range plans {
		if len(sp.orders) == 0 {
			n := min(len(sp.cands), 2+p.rng.IntN(4))
			idle[sp.s] = n
			idleSum += n
		}
	}
	more := cal.products - cal.transacted - idleSum
	slack := make([]int, len(active))
	for i, sp := range active {
		ws[i], lo[i], slack[i] = float64(len(sp.cands)-t[i]), 0, len(sp.cands)-t[i]
	}
	extra, err := apportion(more, ws, lo, slack)
	if err != nil {
		return nil, fmt.Errorf("samples: %d products registered: %w", cal.products, err)
	}
	ai := 0
	for _, sp := range plans {
		var reg []*product
		if len(sp.orders) == 0 {
			reg = sp.cands[:idle[sp.s]]
			if !slices.ContainsFunc(reg, func(c *product) bool { return c.spec.Weighed }) {
				// Orders need one sold by weight (addProducts): swap one in.
				for _, c := range sp.cands[len(reg):] {
					if c.spec.Weighed {
						reg = append(slices.Clone(reg[:len(reg)-1]), c)
						break
					}
				}
			}
		} else {
			in := used[sp.s]
			n := extra[ai]
			ai++
			for _, c := range sp.cands {
				switch {
				case in[c]:
					reg = append(reg, c)
				case n > 0:
					reg = append(reg, c)
					n--
				}
			}
		}
		for i, c := range reg {
			c.SKU = fmt.Sprintf("%s-%02d", sp.s.ID, i+1)
			c.SupplierID = sp.s.ID
		}
		sp.s.products = reg
	}
	return lines, nil
}

// amounts returns the amounts of orders.
func (p *calPlanner) amounts(orders []int) []money.Fen {
	out := make([]money.Fen, len(orders))
	for i, o := range orders {
		out[i] = p.orders[o].amount
	}
	return out
}

// qtyStep is the step of quantities of p at price, as qtyFor rounds them.
func qtyStep(p *product, price money.Fen) money.Qty {
	switch {
	case !p.spec.Weighed:
		return 1000
	case price > 5000:
		return 100
	}
	return 500
}

// calLines makes the lines of an order of amount: extra at list prices,
// about a random share each (fewer if they would leave the last line too
// little), then a last line of last whose quantity and unit price multiply
// to what is left, to the fen. place has made sure they fit.
func calLines(rng *rand.Rand, amount money.Fen, extra []*product, last *product) []plannedLine {
	lines := make([]plannedLine, 0, len(extra)+1)
	left := amount
	if len(extra) > 0 {
		shares := splitShares(rng, amount, len(extra)+1)
		for i, c := range extra {
			price := orderPrice(rng, c)
			lines = append(lines, plannedLine{product: c, qty: qtyFor(c, shares[i], price), price: price})
		}
		room := amount - minLeft(amount, last)
		sum := func() money.Fen {
			var s money.Fen
			for i := range lines {
				lines[i].amount = lines[i].qty.Times(lines[i].price)
				s += lines[i].amount
			}
			return s
		}
		if s := sum(); s > room {
			// Scale down at once, then trim the largest line step by step.
			f := float64(room) / float64(s)
			for i := range lines {
				step := qtyStep(lines[i].product, lines[i].price)
				lines[i].qty = max(step, money.Qty(float64(lines[i].qty)*f)/step*step)
			}
			for s := sum(); s > room; s = sum() {
				big := -1
				for i, l := range lines {
					if l.qty > qtyStep(l.product, l.price) && (big < 0 || l.amount > lines[big].amount) {
						big = i
					}
				}
				if big < 0 {
					break // cannot happen when place checked minLine
				}
				lines[big].qty -= qtyStep(lines[big].product, lines[big].price)
			}
		}
		left -= sum()
	}
	q, price, ok := exactLine(last, left)
	if !ok { // nothing near the list price (rare, place leaves room): one unit at the whole amount
		q, price = 1000, left
	}
	return append(lines, plannedLine{product: last, qty: q, price: price, amount: left})
}
