package samples

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// The calibrated plan reproduces every table of the 2021 statement on the
// clean orders alone, to the fen. It works in this order, each step exact
// by construction rather than by drawing and rejecting:
//
//  1. suppliers: the county table's admitted suppliers in their counties,
//     the summary's other admitted ones and the applicants never admitted;
//  2. orders: each supplier county's sales split into its order count;
//  3. columns: the orders are dealt to columns of the buyer side — each
//     ranked unit, the rest of each row's budget-unit purchases, and the
//     pool of unions and individuals — each column filled to its target
//     exactly (the order that would overfill it is cut to fit and what it
//     loses goes to another unassigned order of the same supplier county,
//     so the county's sales do not move); the pool takes what is left;
//  4. buyers: every registered purchaser, the transacting ones each given
//     at least one of its column's orders, no other budget unit reaching
//     the 50th ranked amount;
//  5. suppliers of orders, then products: each admitted supplier's orders
//     get lines of products chosen so that the distinct products on clean
//     orders number exactly the summary's, and every registered product is
//     counted once;
//  6. dates, then the anomalous orders on top.

// calOrder is a clean order while it is planned.
type calOrder struct {
	county   int // index into calibration.targets
	amount   money.Fen
	buyer    *buyer
	supplier *supplier
}

// calColumn is a share of the buyer side that orders are dealt to.
type calColumn struct {
	target   money.Fen
	home     []int     // supplier counties it prefers to buy from
	maxOrder money.Fen // the largest order it takes; 0 for any
	orders   []int
}

// Planning constants.
const (
	// minClose is the smallest amount an order is cut to when it closes a
	// column, and the smallest remainder a column is left with before it is
	// closed.
	minClose money.Fen = 2000
	// localShare is the chance that an order a column takes comes from a
	// county it prefers (its own, or its prefecture's).
	localShare = 0.5
	// placeTries is how many orders a column draws in a row that do not
	// fit before it closes.
	placeTries = 12
)

// calPlanner holds the state of one calibrated plan.
type calPlanner struct {
	w   *world
	rng *rand.Rand
	cal *calibration

	divisions  map[string]pipeline.Division // every Hunan division by code
	countyOf   map[string]int               // supplier county index by code
	admittedIn [][]*supplier                // admitted suppliers per supplier county
	orders     []*calOrder
	transact   []*buyer // buyers with clean orders
}

// planCalibrated plans the clean orders of the 2021 statement and the
// anomalous orders on top, rate of all orders.
func planCalibrated(w *world, rate float64) ([]*plannedOrder, error) {
	cal, err := loadCalibration()
	if err != nil {
		return nil, err
	}
	w.manyBuyers = true
	p := &calPlanner{w: w, rng: w.rng, cal: cal, divisions: map[string]pipeline.Division{}, countyOf: map[string]int{}}
	for _, d := range pipeline.HunanDivisions() {
		p.divisions[d.Code] = d
	}
	for i, t := range cal.targets {
		if _, ok := w.counties[t.Code]; !ok {
			return nil, fmt.Errorf("samples: county %s (%s) of the 2021 table is not a Hunan county", t.Name, t.Code)
		}
		p.countyOf[t.Code] = i
	}
	for _, r := range cal.rows {
		if _, ok := p.divisions[r.Code]; !ok {
			return nil, fmt.Errorf("samples: %s (%s) of the 2021 table is not a Hunan division", r.Name, r.Code)
		}
	}
	if err := p.addSuppliers(); err != nil {
		return nil, err
	}
	for i, t := range cal.targets {
		if t.Orders == 0 {
			continue
		}
		for _, a := range splitAmount(p.rng, t.Sales, t.Orders) {
			p.orders = append(p.orders, &calOrder{county: i, amount: a})
		}
	}
	named, rows, pool, err := p.dealOrders()
	if err != nil {
		return nil, err
	}
	if err := p.addBuyers(named, rows, pool); err != nil {
		return nil, err
	}
	p.assignSuppliers()
	lines, err := p.planProducts()
	if err != nil {
		return nil, err
	}
	dates := newDatePicker()
	out := make([]*plannedOrder, 0, len(p.orders)*11/10)
	for i, o := range p.orders {
		date, err := p.freeDate(dates, o.buyer, o.supplier)
		if err != nil {
			return nil, err
		}
		if got := lineTotal(lines[i]); got != o.amount {
			return nil, fmt.Errorf("samples: internal error: lines add up to %s, want %s", got, o.amount)
		}
		out = append(out, &plannedOrder{
			buyer: o.buyer, supplier: o.supplier, date: date,
			lines: lines[i], total: o.amount, sortKey: p.rng.Uint64(),
		})
	}
	extra := int(math.Round(float64(len(out)) * rate / (1 - rate)))
	out = append(out, p.anomalousOrders(dates, extra)...)
	return out, nil
}

// addSuppliers creates the summary's applicant suppliers in a random order
// (their numbers say nothing of their fate): the county table's admitted
// suppliers in its counties, and the suppliers the table does not place —
// the summary's other admitted ones (789 against the table's 787 in its
// counties) and the applicants never admitted — in the Hunan counties the
// table does not list at all, none with a clean order. Where they really
// are is not published; there every published row stays exact, even when
// Admitted is lost (suppliers.csv does not store it and dataset.Read
// admits every supplier). Products come later (planProducts).
func (p *calPlanner) addSuppliers() error {
	type slot struct {
		d        pipeline.Division
		admitted bool
		county   int // supplier county, or -1
	}
	var slots []slot
	listed := 0
	for i, t := range p.cal.targets {
		for range t.Suppliers {
			slots = append(slots, slot{p.w.counties[t.Code], true, i})
		}
		listed += t.Suppliers
	}
	inTable := map[string]bool{}
	for _, r := range p.cal.rows {
		inTable[r.Code] = true
	}
	var unlisted []pipeline.Division
	for _, d := range pipeline.HunanCounties() {
		if !inTable[d.Code] {
			unlisted = append(unlisted, d)
		}
	}
	if p.cal.applied > listed && len(unlisted) == 0 {
		return fmt.Errorf("samples: no county outside the table for %d suppliers", p.cal.applied-listed)
	}
	for i := range p.cal.applied - listed {
		slots = append(slots, slot{pick(p.rng, unlisted), i < p.cal.admitted-listed, -1})
	}
	p.rng.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	p.admittedIn = make([][]*supplier, len(p.cal.targets))
	for _, sl := range slots {
		s := p.w.newSupplier(sl.d)
		s.Admitted = sl.admitted
		p.w.registerSupplier(s)
		if sl.county >= 0 {
			p.admittedIn[sl.county] = append(p.admittedIn[sl.county], s)
		}
	}
	return nil
}

// home returns the supplier counties a buyer of division code buys from
// first: its own county if it is one, else those of its prefecture.
func (p *calPlanner) home(code string) []int {
	if i, ok := p.countyOf[code]; ok && p.cal.targets[i].Orders > 0 {
		return []int{i}
	}
	city := code
	if d := p.divisions[code]; d.IsCounty() {
		city = d.CityCode
	}
	var out []int
	for i, t := range p.cal.targets {
		if t.Orders > 0 && p.w.counties[t.Code].CityCode == city {
			out = append(out, i)
		}
	}
	return out
}

// orderPool holds the orders not yet dealt, by supplier county.
type orderPool struct {
	byCounty [][]int
	n        int
}

// pick draws an unassigned order: from a county of home with chance
// localShare (if it has any left), else uniformly among all.
func (q *orderPool) pick(rng *rand.Rand, home []int) (county, at int) {
	if len(home) > 0 && rng.Float64() < localShare {
		left := 0
		for _, c := range home {
			left += len(q.byCounty[c])
		}
		if left > 0 {
			r := rng.IntN(left)
			for _, c := range home {
				if r < len(q.byCounty[c]) {
					return c, r
				}
				r -= len(q.byCounty[c])
			}
		}
	}
	r := rng.IntN(q.n)
	for c, os := range q.byCounty {
		if r < len(os) {
			return c, r
		}
		r -= len(os)
	}
	panic("samples: order pool miscounted")
}

// take removes and returns the order at position at of county c.
func (q *orderPool) take(c, at int) int {
	os := q.byCounty[c]
	o := os[at]
	os[at] = os[len(os)-1]
	q.byCounty[c] = os[:len(os)-1]
	q.n--
	return o
}

// dealOrders deals every clean order to a column: one per ranked unit (in
// rank order), one per county-table row for the rest of its budget-unit
// purchases, and the pool of the other purchasers, which takes what is
// left and so comes out exact too.
func (p *calPlanner) dealOrders() (named []*calColumn, rows []*calColumn, pool *calColumn, err error) {
	q := &orderPool{byCounty: make([][]int, len(p.cal.targets)), n: len(p.orders)}
	for i, o := range p.orders {
		q.byCounty[o.county] = append(q.byCounty[o.county], i)
	}
	// No other budget unit may reach the last ranked amount: the rows' own
	// units take orders of at most half of it, and are enough that half of
	// it is more than their average (addBuyers).
	limit := p.cal.units[len(p.cal.units)-1].Amount
	rest := make([]money.Fen, len(p.cal.rows))
	var budget money.Fen
	for i, r := range p.cal.rows {
		rest[i] = r.BudgetUnit
		budget += r.BudgetUnit
	}
	for _, u := range p.cal.units {
		rest[u.Row] -= u.Amount
		named = append(named, &calColumn{target: u.Amount, home: p.home(p.cal.rows[u.Row].Code)})
	}
	rows = make([]*calColumn, len(p.cal.rows))
	var order []int
	for i, r := range p.cal.rows {
		if rest[i] > 0 {
			rows[i] = &calColumn{target: rest[i], home: p.home(r.Code), maxOrder: (limit - 1) / 2}
			order = append(order, i)
		}
	}
	p.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for _, c := range named {
		if err := p.fill(q, c); err != nil {
			return nil, nil, nil, err
		}
	}
	for _, i := range order {
		if err := p.fill(q, rows[i]); err != nil {
			return nil, nil, nil, fmt.Errorf("%w (budget units of %s)", err, p.cal.rows[i].Name)
		}
	}
	pool = &calColumn{target: p.cal.amount - budget}
	var got money.Fen
	for c := range q.byCounty {
		for _, o := range q.byCounty[c] {
			pool.orders = append(pool.orders, o)
			got += p.orders[o].amount
		}
	}
	if got != pool.target {
		return nil, nil, nil, fmt.Errorf("samples: internal error: other purchasers buy %s, want %s", got, pool.target)
	}
	return named, rows, pool, nil
}

// fill deals orders to column c until they add up to its target exactly.
// It takes whole orders that fit while it finds them, then closes the
// column with one order cut to what is missing; the fen cut off go to
// another unassigned order of the same supplier county.
func (p *calPlanner) fill(q *orderPool, c *calColumn) error {
	left := c.target
	fits := func(a money.Fen) bool {
		return a <= left && (c.maxOrder == 0 || a <= c.maxOrder) && (a == left || left-a >= minClose)
	}
	for fails := 0; left > 0 && fails < placeTries && q.n > 0; {
		county, at := q.pick(p.rng, c.home)
		if a := p.orders[q.byCounty[county][at]].amount; fits(a) {
			c.orders = append(c.orders, q.take(county, at))
			left -= a
			fails = 0
		} else {
			fails++
		}
	}
	for left > 0 {
		// Cut an order at least as large as what is missing, from a county
		// with another order to take the difference; home counties first.
		counties := slices.Clone(c.home)
		start := p.rng.IntN(len(q.byCounty))
		for i := range q.byCounty {
			counties = append(counties, (start+i)%len(q.byCounty))
		}
		if c.maxOrder == 0 || left <= c.maxOrder {
			for _, county := range counties {
				os := q.byCounty[county]
				if len(os) < 2 {
					continue
				}
				for at, o := range os {
					if p.orders[o].amount < left {
						continue
					}
					q.take(county, at)
					sib := q.byCounty[county][p.rng.IntN(len(q.byCounty[county]))]
					p.orders[sib].amount += p.orders[o].amount - left
					p.orders[o].amount = left
					c.orders = append(c.orders, o)
					return nil
				}
			}
		}
		// Nothing to cut: take the largest order that fits whole.
		bestC, bestAt := -1, -1
		var best money.Fen
		for county, os := range q.byCounty {
			for at, o := range os {
				if a := p.orders[o].amount; fits(a) && a > best {
					bestC, bestAt, best = county, at, a
				}
			}
		}
		if bestC < 0 {
			return fmt.Errorf("samples: cannot deal orders worth %s exactly", c.target)
		}
		c.orders = append(c.orders, q.take(bestC, bestAt))
		left -= best
	}
	return nil
}

// apportion shares total among len(ws) parts, part i between lo[i] and
// hi[i], as nearly in proportion to ws as the bounds let (Webster's method,
// starting from lo).
func apportion(total int, ws []float64, lo, hi []int) ([]int, error) {
	k := slices.Clone(lo)
	left := total
	for i := range k {
		if lo[i] > hi[i] {
			return nil, fmt.Errorf("samples: internal error: bounds %d > %d", lo[i], hi[i])
		}
		left -= lo[i]
	}
	if left < 0 {
		return nil, fmt.Errorf("samples: cannot share %d among parts of at least %d", total, total-left)
	}
	for ; left > 0; left-- {
		best := -1
		bestV := -1.0
		for i := range k {
			if k[i] < hi[i] {
				if v := ws[i] / (float64(k[i]) + 0.5); v > bestV {
					best, bestV = i, v
				}
			}
		}
		if best < 0 {
			return nil, fmt.Errorf("samples: cannot share %d among parts of at most %d", total, total-left)
		}
		k[best]++
	}
	return k, nil
}

// weightedPicker draws items in proportion to their weights, fast: the
// calibrated world has tens of thousands of buyers.
type weightedPicker[T any] struct {
	items []T
	cum   []float64
}

func newPicker[T any](items []T, weight func(T) float64) *weightedPicker[T] {
	p := &weightedPicker[T]{items: items, cum: make([]float64, len(items))}
	sum := 0.0
	for i, x := range items {
		sum += weight(x)
		p.cum[i] = sum
	}
	return p
}

func (p *weightedPicker[T]) pick(rng *rand.Rand) T {
	r := rng.Float64() * p.cum[len(p.cum)-1]
	return p.items[min(sort.SearchFloat64s(p.cum, r), len(p.items)-1)]
}

// registryWeights weights the divisions purchasers register in: every
// county, more where budget units bought more in 2021, and for budget
// units also the prefectures whose own units the table lists. The floor
// keeps the biggest counties' registers within what names can tell apart.
func (p *calPlanner) registryWeights(prefectures bool) ([]pipeline.Division, []float64) {
	byCode := map[string]float64{}
	for _, r := range p.cal.rows {
		byCode[r.Code] += float64(r.BudgetUnit) / 1e6 / 10
	}
	var divs []pipeline.Division
	var ws []float64
	for _, d := range pipeline.HunanDivisions() {
		switch {
		case d.IsCounty():
			divs, ws = append(divs, d), append(ws, 20+byCode[d.Code])
		case prefectures && byCode[d.Code] > 0:
			divs, ws = append(divs, d), append(ws, byCode[d.Code]/4)
		}
	}
	return divs, ws
}

// addBuyers registers the summary's purchasers: the ranked units first, in
// rank order (so that their numbers break ties of amount in rank order),
// then, in a random order, each row's other budget units with orders, the
// unions and individuals with orders, and the purchasers registered
// without a clean order. It gives every transacting buyer its orders.
func (p *calPlanner) addBuyers(named, rows []*calColumn, pool *calColumn) error {
	w, cal := p.w, p.cal
	for i, u := range cal.units {
		b := w.addBuyer(p.divisions[cal.rows[u.Row].Code], pipeline.BuyerBudgetUnit, u.Name)
		for _, o := range named[i].orders {
			p.orders[o].buyer = b
		}
		p.transact = append(p.transact, b)
	}

	// How many of each kind transact: budget units as many as their share
	// of purchasers, spread over the rows in proportion to what they buy,
	// each row with enough units that none reaches the last ranked amount
	// and no more than it has orders.
	limit := cal.units[len(cal.units)-1].Amount
	var ws []float64
	var lo, hi, idx []int
	for i, c := range rows {
		if c == nil {
			continue
		}
		idx = append(idx, i)
		// A prefecture's own units are fewer and bigger than a county's.
		wt := float64(c.target)
		if !p.divisions[cal.rows[i].Code].IsCounty() {
			wt /= 2
		}
		ws = append(ws, wt)
		lo = append(lo, int(2*c.target/limit)+1)
		hi = append(hi, len(c.orders))
	}
	others := cal.transacting - len(cal.units)
	units := int(math.Round(buyerKindWeights[0]*float64(cal.transacting))) - len(cal.units)
	sumLo, sumHi := 0, 0
	for i := range lo {
		sumLo, sumHi = sumLo+lo[i], sumHi+hi[i]
	}
	units = max(sumLo, min(units, sumHi, others-1))
	perRow, err := apportion(units, ws, lo, hi)
	if err != nil {
		return err
	}
	rest := others - units
	individuals := int(math.Round(float64(rest) * buyerKindWeights[2] / (buyerKindWeights[1] + buyerKindWeights[2])))
	unions := rest - individuals
	if rest > len(pool.orders) || (unions < 1 && len(pool.orders) > individuals) {
		return fmt.Errorf("samples: %d other purchasers cannot share %d orders", rest, len(pool.orders))
	}

	// The register, in a random order.
	type entry struct {
		d     pipeline.Division
		kind  pipeline.BuyerKind
		group int // index into groups, or -1 for no clean order
	}
	groups := make([][]*buyer, len(idx)+2) // rows', then unions, individuals
	unionG, indivG := len(idx), len(idx)+1
	var reg []entry
	for g, i := range idx {
		for range perRow[g] {
			reg = append(reg, entry{p.divisions[cal.rows[i].Code], pipeline.BuyerBudgetUnit, g})
		}
	}
	cdivs, cws := p.registryWeights(false)
	for range unions {
		reg = append(reg, entry{cdivs[weighted(p.rng, cws)], pipeline.BuyerUnion, unionG})
	}
	for range individuals {
		reg = append(reg, entry{cdivs[weighted(p.rng, cws)], pipeline.BuyerIndividual, indivG})
	}
	bdivs, bws := p.registryWeights(true)
	kinds := []pipeline.BuyerKind{pipeline.BuyerBudgetUnit, pipeline.BuyerUnion, pipeline.BuyerIndividual}
	for range cal.registered - len(reg) - len(cal.units) {
		kind := kinds[weighted(p.rng, buyerKindWeights)]
		d := cdivs[weighted(p.rng, cws)]
		if kind == pipeline.BuyerBudgetUnit {
			d = bdivs[weighted(p.rng, bws)]
		}
		reg = append(reg, entry{d, kind, -1})
	}
	p.rng.Shuffle(len(reg), func(i, j int) { reg[i], reg[j] = reg[j], reg[i] })
	for _, e := range reg {
		b := w.addBuyer(e.d, e.kind, "")
		if e.group >= 0 {
			groups[e.group] = append(groups[e.group], b)
			p.transact = append(p.transact, b)
		}
	}

	for g, i := range idx {
		if err := p.spread(rows[i].orders, groups[g], limit); err != nil {
			return fmt.Errorf("%w (budget units of %s)", err, cal.rows[i].Name)
		}
	}
	// Individuals buy little: they get the pool's smallest orders, one
	// each; the unions share the others, each at least one.
	os := slices.Clone(pool.orders)
	slices.SortStableFunc(os, func(a, b int) int { return cmp.Compare(p.orders[a].amount, p.orders[b].amount) })
	for i, b := range groups[indivG] {
		p.orders[os[i]].buyer = b
	}
	os = os[len(groups[indivG]):]
	p.rng.Shuffle(len(os), func(i, j int) { os[i], os[j] = os[j], os[i] })
	us := groups[unionG]
	pickUnion := newPicker(us, func(b *buyer) float64 { return b.weight })
	for i, o := range os {
		if i < len(us) {
			p.orders[o].buyer = us[i]
		} else {
			p.orders[o].buyer = pickUnion.pick(p.rng)
		}
	}
	return nil
}

// spread gives a row's orders to its budget units, each at least one and
// each below limit in all: largest orders first, each to the unit that
// stays furthest below its share (by its weight) and within limit.
func (p *calPlanner) spread(orders []int, bs []*buyer, limit money.Fen) error {
	os := slices.Clone(orders)
	slices.SortStableFunc(os, func(a, b int) int { return cmp.Compare(p.orders[b].amount, p.orders[a].amount) })
	load := make([]money.Fen, len(bs))
	for i, o := range os {
		a := p.orders[o].amount
		best := -1
		if i < len(bs) {
			best = i
		} else {
			bestV := math.Inf(1)
			for j, b := range bs {
				if load[j]+a >= limit {
					continue
				}
				if v := float64(load[j]+a) / b.weight; v < bestV {
					best, bestV = j, v
				}
			}
		}
		if best < 0 || load[best]+a >= limit {
			return fmt.Errorf("samples: cannot keep %d budget units below %s", len(bs), limit)
		}
		load[best] += a
		p.orders[o].buyer = bs[best]
	}
	return nil
}

// assignSuppliers gives each order a supplier of its county: every
// admitted supplier one order while there are enough, the rest by the
// suppliers' activity.
func (p *calPlanner) assignSuppliers() {
	byCounty := make([][]int, len(p.cal.targets))
	for i, o := range p.orders {
		byCounty[o.county] = append(byCounty[o.county], i)
	}
	for c, os := range byCounty {
		ss := p.admittedIn[c]
		p.rng.Shuffle(len(os), func(i, j int) { os[i], os[j] = os[j], os[i] })
		perm := p.rng.Perm(len(ss))
		pick := newPicker(ss, func(s *supplier) float64 { return s.weight })
		for i, o := range os {
			if i < len(ss) {
				p.orders[o].supplier = ss[perm[i]]
			} else {
				p.orders[o].supplier = pick.pick(p.rng)
			}
		}
	}
}

// freeDate draws an order's date on which its buyer has no other order
// from its supplier (two such orders look split, orders.split).
func (p *calPlanner) freeDate(dates *datePicker, b *buyer, s *supplier) (pipeline.Date, error) {
	n := len(dates.dates)
	start := p.rng.IntN(n)
	for try := 0; try < 30+n; try++ {
		d := dates.dates[(start+try)%n]
		if try < 30 {
			d = dates.pick(p.rng)
		}
		if k := b.ID + s.ID + d.String(); !p.w.days[k] {
			p.w.days[k] = true
			return d, nil
		}
	}
	return pipeline.Date{}, fmt.Errorf("samples: %s has an order from %s on every day", b.Name, s.Name)
}

// anomalousOrders plans n anomalous orders of the suppliers and buyers
// with clean orders, as the free datasets draw them.
func (p *calPlanner) anomalousOrders(dates *datePicker, n int) []*plannedOrder {
	var active []*supplier
	seen := map[*supplier]bool{}
	for _, o := range p.orders {
		if !seen[o.supplier] {
			seen[o.supplier] = true
			active = append(active, o.supplier)
		}
	}
	pickS := newPicker(active, func(s *supplier) float64 { return s.weight })
	byW := func(b *buyer) float64 { return b.weight }
	all := newPicker(p.transact, byW)
	local := map[string]*weightedPicker[*buyer]{}
	byCode := map[string][]*buyer{}
	for _, b := range p.transact {
		byCode[b.DivisionCode] = append(byCode[b.DivisionCode], b)
	}
	out := make([]*plannedOrder, 0, n)
	for range n {
		s := pickS.pick(p.rng)
		date := dates.pick(p.rng)
		var b *buyer
		for range 20 {
			pk := all
			if bs := byCode[s.DivisionCode]; len(bs) > 0 && p.rng.Float64() < 0.4 {
				if local[s.DivisionCode] == nil {
					local[s.DivisionCode] = newPicker(bs, byW)
				}
				pk = local[s.DivisionCode]
			}
			if b = pk.pick(p.rng); !p.w.days[b.ID+s.ID+date.String()] {
				break
			}
		}
		p.w.days[b.ID+s.ID+date.String()] = true
		lines := freeLines(p.rng, s, orderAmount(p.rng, b.Kind))
		out = append(out, &plannedOrder{
			buyer: b, supplier: s, date: date, lines: lines, total: lineTotal(lines),
			anomalous: true, sortKey: p.rng.Uint64(),
		})
	}
	return out
}
