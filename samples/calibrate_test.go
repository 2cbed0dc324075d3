package samples

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
)

func TestCalibrationTargets(t *testing.T) {
	targets, err := CalibrationTargets()
	if err != nil {
		t.Fatal(err)
	}
	var sales money.Fen
	orders, suppliers := 0, 0
	seen := map[string]bool{}
	for _, c := range targets {
		if seen[c.Code] {
			t.Errorf("county %s (%s) twice", c.Name, c.Code)
		}
		seen[c.Code] = true
		sales += c.Sales
		orders += c.Orders
		suppliers += c.Suppliers
	}
	// The statement: 12,790.7 万元 in 18,647 orders.
	if want := money.Fen(12_790_700_000); sales != want {
		t.Errorf("sales add up to %s 万元, want 12790.70", sales.Wan())
	}
	if orders != 18_647 {
		t.Errorf("orders add up to %d, want 18647", orders)
	}
	if v, _ := Summary("orders"); v != strconv.Itoa(orders) {
		t.Errorf("summary orders %q, counties %d", v, orders)
	}
	if len(targets) != 98 || suppliers != 787 {
		t.Errorf("%d counties with %d suppliers, want 98 with 787", len(targets), suppliers)
	}
	// Spot check: 茶陵县 843.93 万元, 1297 orders, 22 suppliers.
	for _, c := range targets {
		if c.Code == "430224" {
			if c.Name != "茶陵县" || c.Sales != 843_930_000 || c.Orders != 1297 || c.Suppliers != 22 {
				t.Errorf("茶陵县: %+v", c)
			}
		}
	}
}

// TestCalibratedDataset generates the calibrated dataset without documents,
// with two seeds, and checks that its clean orders alone reproduce every
// table of the 2021 statement to the fen (checkStatement), and that
// anomalous orders come on top.
func TestCalibratedDataset(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 19,000 orders")
	}
	const rate = 0.05
	for _, seed := range []int64{2021, 7} {
		t.Run(strconv.FormatInt(seed, 10), func(t *testing.T) {
			dir, ds := generate(t, Options{Seed: seed, AnomalyRate: rate, Calibrate: CalibrateHunan2021, NoDocuments: true, Orders: 5 /* ignored */})
			checkDataset(t, dir, ds, false)
			// The files, read back: what the statement is computed from.
			// Supplier.Admitted is not stored (dataset.Write), so it is
			// taken from the generated dataset.
			back, err := dataset.Read(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(back.Suppliers) != len(ds.Suppliers) {
				t.Fatalf("%d suppliers read back, %d generated", len(back.Suppliers), len(ds.Suppliers))
			}
			for i := range back.Suppliers {
				back.Suppliers[i].Admitted = ds.Suppliers[i].Admitted
			}
			checkStatement(t, back)
			if seed == 2021 {
				checkCatches(t, back)
			}
			clean, anomalous := 0, 0
			for _, tr := range back.Truth {
				if tr.Label == LabelClean {
					clean++
				} else {
					anomalous++
				}
			}
			if want := int(float64(clean)*rate/(1-rate) + 0.5); anomalous != want {
				t.Errorf("%d anomalous orders on top of %d, want %d", anomalous, clean, want)
			}
		})
	}
}

// reporter is what checkStatement reports to: a test, or a recorder that
// shows it catches a broken dataset.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// published reads a CSV file of samples/data.
func published(t reporter, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("data", name))
	if err != nil {
		t.Fatalf("%v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return recs[1:]
}

// wan parses a published amount in 万元 (empty is zero) into fen.
func wan(t reporter, s string) money.Fen {
	t.Helper()
	if s == "" {
		return 0
	}
	v, err := money.ParseYuan(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return v * 10_000
}

// checkStatement computes the 2021 statement from ds's clean orders and
// compares every figure with the published tables, read here from the
// CSV files independently of the generator.
func checkStatement(t reporter, ds *pipeline.Dataset) {
	t.Helper()
	buyers := map[string]pipeline.Buyer{}
	for _, b := range ds.Buyers {
		buyers[b.ID] = b
	}
	suppliers := map[string]pipeline.Supplier{}
	for _, s := range ds.Suppliers {
		suppliers[s.ID] = s
	}
	label := map[string]string{}
	for _, tr := range ds.Truth {
		label[tr.OrderNo] = tr.Label
	}
	type sum struct {
		fen    money.Fen
		orders int
	}
	bySupplierCounty := map[string]sum{}
	budgetByCode := map[string]money.Fen{}
	byBuyer := map[string]money.Fen{}
	transacting := map[string]bool{}
	skus := map[string]bool{}
	var total money.Fen
	orders := 0
	for _, o := range ds.Orders {
		if label[o.No] != LabelClean {
			continue
		}
		b, s := buyers[o.BuyerID], suppliers[o.SupplierID]
		if !s.Admitted {
			t.Errorf("%s: clean order of %s, not admitted", o.No, s.Name)
		}
		c := bySupplierCounty[s.DivisionCode]
		c.fen += o.Total
		c.orders++
		bySupplierCounty[s.DivisionCode] = c
		if b.Kind == pipeline.BuyerBudgetUnit {
			budgetByCode[b.DivisionCode] += o.Total
			byBuyer[b.ID] += o.Total
		}
		transacting[b.ID] = true
		for _, l := range o.Lines {
			skus[l.SKU] = true
		}
		total += o.Total
		orders++
	}

	// The county table: supplier columns by supplier county, the
	// budget-unit column by buyer division (rows sharing a code, such as a
	// prefecture's own units and its development zones, add up under it).
	admittedIn, appliedIn := map[string]int{}, map[string]int{}
	for _, s := range ds.Suppliers {
		appliedIn[s.DivisionCode]++
		if s.Admitted {
			admittedIn[s.DivisionCode]++
		}
	}
	wantBudget := map[string]money.Fen{}
	listed := map[string]bool{}
	rowCode := map[string]string{}
	for _, r := range published(t, "hunan-2021-bill-counties.csv") {
		name, code := r[1], r[2]
		rowCode[name] = code
		listed[code] = true
		wantBudget[code] += wan(t, r[3])
		if r[4] == "" && r[5] == "" && r[6] == "" {
			continue
		}
		sales := wan(t, r[4])
		admitted, _ := strconv.Atoi(r[5])
		n, _ := strconv.Atoi(r[6])
		got := bySupplierCounty[code]
		if got.fen != sales || got.orders != n {
			t.Errorf("%s (%s): clean orders %d for ¥%s, table %d for ¥%s", name, code, got.orders, got.fen, n, sales)
		}
		if admittedIn[code] != admitted {
			t.Errorf("%s: %d suppliers admitted, table %d", name, admittedIn[code], admitted)
		}
		// The generator keeps the suppliers it cannot place out of the
		// listed counties, so that the column holds even read from the
		// files, which do not store Admitted.
		if appliedIn[code] != admitted {
			t.Errorf("%s: %d suppliers, of them %d admitted", name, appliedIn[code], admitted)
		}
		delete(bySupplierCounty, code)
		delete(appliedIn, code)
	}
	for code, c := range bySupplierCounty {
		t.Errorf("supplier county %s not in the table has %d clean orders", code, c.orders)
	}
	for code, n := range appliedIn {
		if listed[code] {
			t.Errorf("%d suppliers in %s, whose supplier columns are blank", n, code)
		}
	}
	for code, want := range wantBudget {
		if got := budgetByCode[code]; got != want {
			t.Errorf("budget units of %s: clean orders ¥%s, table ¥%s", code, got, want)
		}
		delete(budgetByCode, code)
	}
	for code, fen := range budgetByCode {
		t.Errorf("budget units of %s, not in the table, buy ¥%s", code, fen)
	}

	// The ranking: budget units by clean-order amount, ties by number.
	var ids []string
	for id := range byBuyer {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if c := cmp.Compare(byBuyer[b], byBuyer[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	top := published(t, "hunan-2021-bill-top-budget-units.csv")
	if len(ids) <= len(top) {
		t.Fatalf("%d budget units with clean orders, the ranking has %d", len(ids), len(top))
	}
	for i, r := range top {
		b := buyers[ids[i]]
		if b.Name != r[1] || byBuyer[b.ID] != wan(t, r[2]) {
			t.Errorf("rank %s: %s with ¥%s, published %s with ¥%s", r[0], b.Name, byBuyer[b.ID], r[1], wan(t, r[2]))
		}
		// In its county: the one its name spells, else the table row it
		// belongs to.
		want := ""
		for _, d := range pipeline.HunanCounties() {
			if strings.Contains(b.Name, d.Name) && len(d.Name) > len(want) {
				want = d.Name
			}
		}
		switch {
		case want != "":
			want = rowCode[want]
		case strings.HasPrefix(b.Name, "长沙高新"):
			want = rowCode["长沙高新技术产业开发区管理委员会"]
		case strings.HasPrefix(b.Name, "常德经济技术开发区"):
			want = rowCode["常德经济技术开发区管理委员会"]
		case strings.HasPrefix(b.Name, "伍市镇"):
			want = rowCode["平江县"]
		case strings.HasPrefix(b.Name, "新晃县"):
			want = rowCode["新晃侗族自治县"]
		}
		if b.DivisionCode != want || b.Kind != pipeline.BuyerBudgetUnit {
			t.Errorf("rank %s: %s is a %s in %s, want a budget unit in %s", r[0], b.Name, b.Kind, b.DivisionCode, want)
		}
	}
	if last, next := byBuyer[ids[len(top)-1]], byBuyer[ids[len(top)]]; next >= last {
		t.Errorf("%s buys ¥%s, not less than the last ranked ¥%s", buyers[ids[len(top)]].Name, next, last)
	}

	// The summary.
	admitted := 0
	for _, s := range ds.Suppliers {
		if s.Admitted {
			admitted++
		}
	}
	got := map[string]string{
		"purchasers_registered":  strconv.Itoa(len(ds.Buyers)),
		"purchasers_transacting": strconv.Itoa(len(transacting)),
		"suppliers_applied":      strconv.Itoa(len(ds.Suppliers)),
		"suppliers_admitted":     strconv.Itoa(admitted),
		"products_registered":    strconv.Itoa(len(ds.Products)),
		"products_transacted":    strconv.Itoa(len(skus)),
		"orders":                 strconv.Itoa(orders),
	}
	for _, r := range published(t, "hunan-2021-bill-summary.csv") {
		switch {
		case r[0] == "transaction_amount":
			if want := wan(t, r[1]); total != want {
				t.Errorf("clean orders add up to ¥%s, summary ¥%s", total, want)
			}
		case r[2] == "count":
			if got[r[0]] != r[1] {
				t.Errorf("%s: %s, summary %s", r[0], got[r[0]], r[1])
			}
			delete(got, r[0])
		}
	}
	for f := range got {
		t.Errorf("the summary has no %s", f)
	}
}

// recorder collects what checkStatement reports.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic(r)
}

// checkCatches breaks a calibrated dataset in ways a regression of the
// generator would, one at a time, and checks that checkStatement notices
// each.
func checkCatches(t *testing.T, ds *pipeline.Dataset) {
	clean := map[string]bool{}
	for _, tr := range ds.Truth {
		clean[tr.OrderNo] = tr.Label == LabelClean
	}
	buyers := map[string]pipeline.Buyer{}
	for _, b := range ds.Buyers {
		buyers[b.ID] = b
	}
	skuUses := map[string]int{}
	for _, o := range ds.Orders {
		if clean[o.No] {
			for _, l := range o.Lines {
				skuUses[l.SKU]++
			}
		}
	}
	// firstClean returns the index of the first clean order that ok likes.
	firstClean := func(d *pipeline.Dataset, ok func(o pipeline.Order) bool) int {
		for i, o := range d.Orders {
			if clean[o.No] && ok(o) {
				return i
			}
		}
		t.Fatal("no such clean order")
		return -1
	}
	// otherUnit returns a budget unit other than id, in code or not.
	otherUnit := func(id, code string, same bool) string {
		for _, b := range ds.Buyers {
			if b.ID != id && b.Kind == pipeline.BuyerBudgetUnit && (b.DivisionCode == code) == same {
				return b.ID
			}
		}
		t.Fatal("no other budget unit")
		return ""
	}
	for _, c := range []struct {
		name  string
		spoil func(d *pipeline.Dataset)
	}{
		{"a ranked unit's order goes to a unit of its county", func(d *pipeline.Dataset) {
			i := firstClean(d, func(o pipeline.Order) bool { return o.BuyerID == "B00001" })
			d.Orders[i].BuyerID = otherUnit("B00001", buyers["B00001"].DivisionCode, true)
		}},
		{"a budget unit's order goes to another county", func(d *pipeline.Dataset) {
			i := firstClean(d, func(o pipeline.Order) bool { return buyers[o.BuyerID].Kind == pipeline.BuyerBudgetUnit })
			d.Orders[i].BuyerID = otherUnit(d.Orders[i].BuyerID, buyers[d.Orders[i].BuyerID].DivisionCode, false)
		}},
		{"a budget unit's order goes to a union", func(d *pipeline.Dataset) {
			i := firstClean(d, func(o pipeline.Order) bool { return buyers[o.BuyerID].Kind == pipeline.BuyerBudgetUnit })
			for _, b := range d.Buyers {
				if b.Kind == pipeline.BuyerUnion {
					d.Orders[i].BuyerID = b.ID
					break
				}
			}
		}},
		{"a supplier with orders is not admitted", func(d *pipeline.Dataset) {
			id := d.Orders[firstClean(d, func(pipeline.Order) bool { return true })].SupplierID
			for i := range d.Suppliers {
				if d.Suppliers[i].ID == id {
					d.Suppliers[i].Admitted = false
				}
			}
		}},
		{"a product fewer", func(d *pipeline.Dataset) { d.Products = d.Products[:len(d.Products)-1] }},
		{"a registered buyer fewer", func(d *pipeline.Dataset) { d.Buyers = d.Buyers[:len(d.Buyers)-1] }},
		{"a product on one line only is replaced by another", func(d *pipeline.Dataset) {
			i := firstClean(d, func(o pipeline.Order) bool { return len(o.Lines) > 1 && skuUses[o.Lines[0].SKU] == 1 })
			d.Orders[i].Lines = slices.Clone(d.Orders[i].Lines)
			d.Orders[i].Lines[0].SKU = d.Orders[i].Lines[1].SKU
		}},
		{"a clean order turns anomalous", func(d *pipeline.Dataset) {
			d.Truth = slices.Clone(d.Truth)
			for i := range d.Truth {
				if d.Truth[i].Label == LabelClean {
					d.Truth[i].Label, d.Truth[i].Detail = RuleAmount, "broken"
					break
				}
			}
		}},
	} {
		d := *ds
		d.Orders, d.Buyers = slices.Clone(ds.Orders), slices.Clone(ds.Buyers)
		d.Suppliers, d.Products = slices.Clone(ds.Suppliers), slices.Clone(ds.Products)
		c.spoil(&d)
		r := &recorder{}
		func() {
			defer func() {
				if v := recover(); v != nil && v != r {
					panic(v)
				}
			}()
			checkStatement(r, &d)
		}()
		if len(r.errs) == 0 {
			t.Errorf("%s: the statement check did not notice", c.name)
		}
	}
}

// TestCalibratedDeterministic: the same seed writes the same files.
func TestCalibratedDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 19,000 orders twice")
	}
	opt := Options{Seed: 11, AnomalyRate: 0.05, Calibrate: CalibrateHunan2021, NoDocuments: true}
	a, _ := generate(t, opt)
	b, _ := generate(t, opt)
	for _, name := range []string{"buyers.csv", "suppliers.csv", "products.csv", "orders.csv", "order_lines.csv", "truth.csv"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with seed %d", name, opt.Seed)
		}
	}
}

func TestSplitAmount(t *testing.T) {
	rng := randFor(1)
	for _, c := range []struct {
		total money.Fen
		n     int
	}{{10_000, 2}, {10_000, 1}, {3, 3}, {843_930_000, 1297}, {1_000_000, 999}} {
		parts := splitAmount(rng, c.total, c.n)
		var sum money.Fen
		for _, p := range parts {
			if p < 1 {
				t.Errorf("split %s in %d: part %s", c.total, c.n, p)
			}
			sum += p
		}
		if len(parts) != c.n || sum != c.total {
			t.Errorf("split %s in %d: %d parts adding up to %s", c.total, c.n, len(parts), sum)
		}
	}
}

// TestExactLines checks that the calibrated orders' lines hit any amount to
// the fen for every kind of supplier, from one yuan to a few hundred
// thousand, with the products place chose, at prices near the list.
func TestExactLines(t *testing.T) {
	w := newWorld(randFor(9))
	d := pipeline.HunanCounties()[0]
	var cands [][]*product
	for range 60 {
		s := w.newSupplier(d)
		w.registerSupplier(s)
		cands = append(cands, w.candidates(s))
	}
	rng := randFor(10)
	fallbacks, orders := 0, 0
	for i := range 300 {
		amounts := make([]money.Fen, 1+rng.IntN(20))
		for k := range amounts {
			amounts[k] = money.Fen(100 + rng.Int64N(30_000_000))
			if rng.IntN(10) == 0 {
				amounts[k] = money.Fen(100 + rng.Int64N(5000))
			}
		}
		slices.SortFunc(amounts, func(a, b money.Fen) int { return cmp.Compare(b, a) })
		cs := cands[i%len(cands)]
		limit := 1 + rng.IntN(len(cs))
		pl := place(amounts, cs, limit)
		if len(pl.used) > limit || len(pl.used) < 1 {
			t.Errorf("placed %d products, limit %d", len(pl.used), limit)
		}
		for k, a := range amounts {
			lines := calLines(rng, a, pl.extra[k], pl.last[k])
			orders++
			if got := lineTotal(lines); got != a {
				t.Fatalf("lines for %s add up to %s", a, got)
			}
			if len(lines) < 1 || len(lines) > 4 {
				t.Errorf("%d lines", len(lines))
			}
			for _, l := range lines {
				if l.qty.Times(l.price) != l.amount || l.qty <= 0 || l.price <= 0 {
					t.Errorf("line %s × %s = %s", l.qty, l.price, l.amount)
				}
				if !l.product.spec.Weighed && l.qty%1000 != 0 {
					t.Errorf("%s sold by the %s in %s", l.product.Name, l.product.Unit, l.qty)
				}
				if !pl.in[l.product] {
					t.Errorf("%s on a line but not placed", l.product.Name)
				}
				if l.price < l.product.base*7/10 || l.price > l.product.base*13/10+1 {
					fallbacks++
				}
			}
		}
	}
	if fallbacks > orders/200 {
		t.Errorf("%d of %d orders fell back to one unit at the whole amount", fallbacks, orders)
	}
}

// BenchmarkCalibrated measures generating the calibrated dataset without
// documents (the CSV files included):
//
//	go test ./samples/ -run '^$' -bench Calibrated -benchtime 3x
func BenchmarkCalibrated(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(context.Background(), b.TempDir(), Options{Seed: 2021, AnomalyRate: 0.05, Calibrate: CalibrateHunan2021, NoDocuments: true}); err != nil {
			b.Fatal(err)
		}
	}
}
