package samples

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// world is the market the orders happen in: buyers, suppliers and their
// products, with what the documents print about them beyond pipeline's
// types (addresses, bank accounts, contact people).
type world struct {
	rng      *rand.Rand
	counties map[string]pipeline.Division // county-level divisions by code

	buyers          []*buyer
	suppliers       []*supplier
	buyersByCounty  map[string][]*buyer
	suppliersByCode map[string][]*supplier

	// Identifiers and names already handed out, to keep them unique.
	usccs, accounts, names map[string]bool
	// days holds each buyer, supplier and date of an order planned, so
	// that no two orders look split (orders.split).
	days map[string]bool
	// manyBuyers draws buyers' names from the larger vocabulary the
	// calibrated dataset's tens of thousands of purchasers need
	// (manyUnitShapes, fullName); the free datasets keep the small one.
	manyBuyers bool
}

// buyer is a purchaser with what its documents print.
type buyer struct {
	pipeline.Buyer
	div      pipeline.Division
	address  string // street address in its county, without the name
	bankName string
	account  string
	contact  string
	phone    string
	weight   float64 // how much it buys, relative to others
}

// supplier is a seller with what its documents print.
type supplier struct {
	pipeline.Supplier
	div      pipeline.Division
	kind     supplierKind
	products []*product
	contact  string
	phone    string
	weight   float64
}

// product is a supplier's registered product with its list price.
type product struct {
	pipeline.Product
	spec *productSpec
	base money.Fen
}

func newWorld(rng *rand.Rand) *world {
	w := &world{
		rng:             rng,
		counties:        make(map[string]pipeline.Division),
		buyersByCounty:  make(map[string][]*buyer),
		suppliersByCode: make(map[string][]*supplier),
		usccs:           make(map[string]bool),
		accounts:        make(map[string]bool),
		names:           make(map[string]bool),
		days:            make(map[string]bool),
	}
	for _, d := range pipeline.HunanCounties() {
		w.counties[d.Code] = d
	}
	return w
}

// countyCodes returns the codes of the counties, in order.
func (w *world) countyCodes() []string {
	codes := make([]string, 0, len(w.counties))
	for c := range w.counties {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// pick returns a uniformly chosen element of xs.
func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// weighted returns an index chosen with probability proportional to weights.
func weighted(rng *rand.Rand, weights []float64) int {
	total := 0.0
	for _, x := range weights {
		total += x
	}
	r := rng.Float64() * total
	for i, x := range weights {
		if r < x {
			return i
		}
		r -= x
	}
	return len(weights) - 1
}

// lognormal returns exp(N(0, sigma²)).
func lognormal(rng *rand.Rand, sigma float64) float64 { return math.Exp(rng.NormFloat64() * sigma) }

// digits returns n random decimal digits.
func digits(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + rng.IntN(10))
	}
	return string(b)
}

// shortCounty is a county's name as suppliers use it in their names:
// 茶陵县 → 茶陵, 江华瑶族自治县 → 江华, 南县 → 南县.
func shortCounty(name string) string {
	for _, cut := range []string{"土家族", "苗族", "侗族", "瑶族", "族自治"} {
		if i := strings.Index(name, cut); i > 0 {
			return name[:i]
		}
	}
	for _, suf := range []string{"县", "市", "区"} {
		if s, ok := strings.CutSuffix(name, suf); ok && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return name
}

// personName returns a Chinese personal name.
func personName(rng *rand.Rand) string { return pick(rng, surnames) + pick(rng, givenNames) }

// phone returns a mobile number with the middle digits masked, as documents
// print them.
func phone(rng *rand.Rand) string {
	return pick(rng, []string{"13", "15", "17", "18", "19"}) + digits(rng, 1) + "****" + digits(rng, 4)
}

// newUSCC returns a fresh, valid unified social credit code registered in
// county code with the given first two characters.
func (w *world) newUSCC(prefix, code string) string {
	for {
		var b strings.Builder
		b.WriteString(prefix)
		b.WriteString(code)
		if prefix[0] == '9' && w.rng.IntN(10) < 7 {
			b.WriteString("MA") // codes issued since 2015
		}
		for b.Len() < 17 {
			b.WriteByte(ident.USCCAlphabet[w.rng.IntN(len(ident.USCCAlphabet))])
		}
		first := b.String()
		c, err := ident.USCCCheckChar(first)
		if err != nil {
			panic(fmt.Sprintf("samples: generated USCC prefix %q: %v", first, err)) // alphabet characters only
		}
		s := first + string(c)
		if !w.usccs[s] {
			w.usccs[s] = true
			return s
		}
	}
}

// newAccount returns a fresh corporate account at a bank chosen at random,
// and the branch's name in county.
func (w *world) newAccount(county pipeline.Division) (bankName, account string) {
	ws := make([]float64, len(banks))
	for i, b := range banks {
		ws[i] = float64(b.Weight)
	}
	b := banks[weighted(w.rng, ws)]
	bankName = b.Name + county.Name + b.Branch
	if strings.HasPrefix(b.Name, "湖南农村商业银行") {
		bankName = "湖南" + shortCounty(county.Name) + "农村商业银行股份有限公司" + b.Branch
	}
	for {
		account = b.AcctStart + digits(w.rng, b.AcctLen-len(b.AcctStart))
		if !w.accounts[account] {
			w.accounts[account] = true
			return bankName, account
		}
	}
}

// newCard returns a fresh 19-digit debit card number (Luhn-valid), the
// account an individual pays from.
func (w *world) newCard() string {
	for {
		s := "62" + digits(w.rng, 16)
		sum := 0
		for i := len(s) - 1; i >= 0; i-- {
			d := int(s[i] - '0')
			if (len(s)-i)%2 == 1 { // doubled positions, counting the check digit
				d *= 2
				if d > 9 {
					d -= 9
				}
			}
			sum += d
		}
		s += string(rune('0' + (10-sum%10)%10))
		if !w.accounts[s] {
			w.accounts[s] = true
			return s
		}
	}
}

// uniqueName returns the first name make produces that is not taken yet,
// giving up (and numbering) after a few tries.
func (w *world) uniqueName(make func() string) string {
	for range 20 {
		if n := make(); !w.names[n] {
			w.names[n] = true
			return n
		}
	}
	base := make()
	for i := 2; ; i++ {
		n := fmt.Sprintf("%s（%d）", base, i)
		if !w.names[n] {
			w.names[n] = true
			return n
		}
	}
}

// streetAddress returns an address in county d (or, for a prefecture's own
// units, in its city), without province and name.
func (w *world) streetAddress(d pipeline.Division, town string) string {
	if !d.IsCounty() { // a prefecture's own units: in its city, no town
		return fmt.Sprintf("%s%s%d号", d.Name, pick(w.rng, streets), 1+w.rng.IntN(199))
	}
	if town == "" {
		town = pick(w.rng, towns)
	}
	return fmt.Sprintf("%s%s%s%d号", d.CityName, d.Name, town+pick(w.rng, streets), 1+w.rng.IntN(199))
}

// addSupplier creates a supplier in county d with 2-5 products.
func (w *world) addSupplier(d pipeline.Division) *supplier {
	s := w.newSupplier(d)
	w.addProducts(s)
	w.registerSupplier(s)
	return s
}

// newSupplier draws an admitted supplier in county d, without products and
// not yet in the world's lists.
func (w *world) newSupplier(d pipeline.Division) *supplier {
	ks := make([]float64, len(supplierKinds))
	for i, k := range supplierKinds {
		ks[i] = float64(k.Weight)
	}
	kind := supplierKinds[weighted(w.rng, ks)]
	name := w.uniqueName(func() string {
		county := d.Name
		if w.rng.IntN(3) == 0 {
			county = shortCounty(d.Name)
		}
		word := pick(w.rng, supplierWords)
		if kind.USCCPrefix == "92" {
			word = pick(w.rng, surnames) + "记"
		}
		return county + word + kind.Suffix
	})
	bankName, account := w.newAccount(d)
	s := &supplier{
		Supplier: pipeline.Supplier{
			ID:           fmt.Sprintf("S%04d", len(w.suppliers)+1),
			Name:         name,
			USCC:         w.newUSCC(kind.USCCPrefix, d.Code),
			DivisionCode: d.Code,
			BankName:     bankName,
			BankAccount:  account,
			Admitted:     true,
		},
		div:     d,
		kind:    kind,
		contact: personName(w.rng),
		phone:   phone(w.rng),
		weight:  lognormal(w.rng, 1.0),
	}
	return s
}

// registerSupplier adds s, numbered by newSupplier as the next supplier, to
// the world's lists.
func (w *world) registerSupplier(s *supplier) {
	w.suppliers = append(w.suppliers, s)
	w.suppliersByCode[s.DivisionCode] = append(w.suppliersByCode[s.DivisionCode], s)
}

// addProducts registers 2-5 products of s's categories, at least one sold
// by weight (orders need one to hit an amount to the fen).
func (w *world) addProducts(s *supplier) {
	var cands []*productSpec
	for i := range catalog {
		for _, c := range s.kind.Categories {
			if catalog[i].Category == c {
				cands = append(cands, &catalog[i])
			}
		}
	}
	w.rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	n := min(len(cands), 2+w.rng.IntN(4))
	chosen := cands[:n]
	hasWeighed := false
	for _, p := range chosen {
		hasWeighed = hasWeighed || p.Weighed
	}
	if !hasWeighed {
		for _, p := range cands[n:] {
			if p.Weighed {
				chosen = append(chosen, p)
				break
			}
		}
	}
	for i, sp := range chosen {
		s.products = append(s.products, &product{
			Product: pipeline.Product{
				SKU:        fmt.Sprintf("%s-%02d", s.ID, i+1),
				SupplierID: s.ID,
				Name:       sp.Name,
				Category:   sp.Category,
				Unit:       sp.Unit,
			},
			spec: sp,
			base: roundPrice(sp.Lo + money.Fen(w.rng.Int64N(int64(sp.Hi-sp.Lo)+1))),
		})
	}
}

// roundPrice rounds a list price the way price lists do: whole yuan from
// 100 yuan up, else to the jiao.
func roundPrice(p money.Fen) money.Fen {
	if p >= 10000 {
		return (p + 50) / 100 * 100
	}
	return max(10, (p+5)/10*10)
}

// Buyer kinds' shares among purchasers.
var buyerKindWeights = []float64{0.82, 0.10, 0.08} // budget unit, union, individual

// addBuyer creates a buyer of kind in county d; name, if not empty, is the
// name of a known budget unit.
func (w *world) addBuyer(d pipeline.Division, kind pipeline.BuyerKind, name string) *buyer {
	town := pick(w.rng, towns)
	b := &buyer{div: d, contact: personName(w.rng), phone: phone(w.rng), weight: lognormal(w.rng, 1.1)}
	prefix := ""
	switch kind {
	case pipeline.BuyerIndividual:
		name := personName
		if w.manyBuyers {
			name = fullName
		}
		b.Name = w.uniqueName(func() string { return name(w.rng) })
		b.contact = b.Name
		b.bankName, _ = w.newAccount(d)
		b.account = w.newCard()
		b.weight *= 0.3
	default:
		if name != "" {
			w.names[name] = true
			b.Name = name
			prefix = "12"
			if strings.HasSuffix(name, "局") || strings.HasSuffix(name, "人民政府") || strings.Contains(name, "大队") ||
				strings.HasSuffix(name, "办事处") || strings.HasSuffix(name, "纪委、监察委") {
				prefix = "11"
			}
			b.weight = 6 + lognormal(w.rng, 0.5)
		} else {
			shapes := budgetUnitShapes
			if w.manyBuyers {
				shapes = manyUnitShapes
			}
			ws := make([]float64, len(shapes))
			for i, s := range shapes {
				ws[i] = float64(s.Weight)
				if !d.IsCounty() && strings.Contains(s.Pattern, "%t") {
					ws[i] = 0 // a prefecture's own units are in no town
				}
			}
			var shape budgetUnitShape
			b.Name = w.uniqueName(func() string {
				shape = shapes[weighted(w.rng, ws)]
				n := strings.ReplaceAll(shape.Pattern, "%s", d.Name)
				n = strings.ReplaceAll(n, "%t", d.Name+town)
				if strings.Contains(n, "%v") {
					n = strings.ReplaceAll(n, "%v", pick(w.rng, villages))
				}
				if strings.Contains(n, "%n") {
					n = strings.ReplaceAll(n, "%n", numeral(1+w.rng.IntN(40)))
				}
				if kind == pipeline.BuyerUnion {
					n += "工会委员会"
				}
				return n
			})
			prefix = shape.USCCPrefix
		}
		if kind == pipeline.BuyerUnion {
			prefix = "81"
			b.weight *= 0.6
		}
		b.USCC = w.newUSCC(prefix, d.Code)
		b.bankName, b.account = w.newAccount(d)
	}
	b.ID = fmt.Sprintf("B%05d", len(w.buyers)+1)
	b.DivisionCode = d.Code
	b.Kind = kind
	b.address = w.streetAddress(d, town)
	w.buyers = append(w.buyers, b)
	w.buyersByCounty[d.Code] = append(w.buyersByCounty[d.Code], b)
	return b
}

// buyerCountyWeights weights the counties buyers are in by the budget-unit
// purchases of the 2021 table, with a floor for counties it does not list.
func (w *world) buyerCountyWeights() ([]pipeline.Division, []float64, error) {
	rows, err := billRows()
	if err != nil {
		return nil, nil, err
	}
	byCode := map[string]float64{}
	for _, r := range rows {
		byCode[r.Code] += float64(r.BudgetUnit) / 1e6
	}
	divs := pipeline.HunanCounties()
	ws := make([]float64, len(divs))
	for i, d := range divs {
		ws[i] = 1 + byCode[d.Code]
	}
	return divs, ws, nil
}

// addBuyers creates n buyers in counties weighted as buyerCountyWeights
// says.
func (w *world) addBuyers(n int) error {
	divs, ws, err := w.buyerCountyWeights()
	if err != nil {
		return err
	}
	kinds := []pipeline.BuyerKind{pipeline.BuyerBudgetUnit, pipeline.BuyerUnion, pipeline.BuyerIndividual}
	for len(w.buyers) < n {
		d := divs[weighted(w.rng, ws)]
		w.addBuyer(d, kinds[weighted(w.rng, buyerKindWeights)], "")
	}
	return nil
}

// pickBuyer chooses the buyer of an order from a supplier in county code:
// often a buyer of the same county, else any, by activity.
func (w *world) pickBuyer(code string) *buyer {
	pool := w.buyers
	if local := w.buyersByCounty[code]; len(local) > 0 && w.rng.Float64() < 0.4 {
		pool = local
	}
	ws := make([]float64, len(pool))
	for i, b := range pool {
		ws[i] = b.weight
	}
	return pool[weighted(w.rng, ws)]
}

// pickBuyerOn chooses the buyer of an order from s on date as pickBuyer
// does, avoiding a buyer that already has an order from s that day: two
// such orders look split. After a few tries it takes what it drew.
func (w *world) pickBuyerOn(s *supplier, date pipeline.Date) *buyer {
	var b *buyer
	for range 20 {
		b = w.pickBuyer(s.DivisionCode)
		if !w.days[b.ID+s.ID+date.String()] {
			break
		}
	}
	w.days[b.ID+s.ID+date.String()] = true
	return b
}

// pickSupplier chooses a supplier among ss by activity.
func (w *world) pickSupplier(ss []*supplier) *supplier {
	ws := make([]float64, len(ss))
	for i, s := range ss {
		ws[i] = s.weight
	}
	return ss[weighted(w.rng, ws)]
}
