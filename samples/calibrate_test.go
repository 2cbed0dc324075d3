package samples

import (
	"strconv"
	"testing"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
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

// TestCalibratedDataset generates the calibrated dataset without documents
// and checks that its clean orders reproduce the 2021 county table to the
// fen.
func TestCalibratedDataset(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 19,000 orders")
	}
	const rate = 0.05
	dir, ds := generate(t, Options{Seed: 2021, AnomalyRate: rate, Calibrate: CalibrateHunan2021, NoDocuments: true, Orders: 5 /* ignored */})
	checkDataset(t, dir, ds, false)
	targets, err := CalibrationTargets()
	if err != nil {
		t.Fatal(err)
	}
	supplierCounty := map[string]string{}
	suppliersIn := map[string]int{}
	for _, s := range ds.Suppliers {
		supplierCounty[s.ID] = s.DivisionCode
		suppliersIn[s.DivisionCode]++
	}
	type sum struct {
		sales  money.Fen
		orders int
	}
	clean := map[string]sum{}
	anomalous := 0
	for i, o := range ds.Orders {
		if ds.Truth[i].Label != LabelClean {
			anomalous++
			continue
		}
		c := clean[supplierCounty[o.SupplierID]]
		c.sales += o.Total
		c.orders++
		clean[supplierCounty[o.SupplierID]] = c
	}
	total := 0
	for _, c := range targets {
		got := clean[c.Code]
		if got.sales != c.Sales || got.orders != c.Orders {
			t.Errorf("%s (%s): clean orders %d for %s fen, table %d for %s fen", c.Name, c.Code, got.orders, got.sales, c.Orders, c.Sales)
		}
		if suppliersIn[c.Code] != c.Suppliers {
			t.Errorf("%s: %d suppliers, table %d", c.Name, suppliersIn[c.Code], c.Suppliers)
		}
		delete(clean, c.Code)
		total += c.Orders
	}
	for code, c := range clean {
		t.Errorf("county %s not in the table has %d clean orders", code, c.orders)
	}
	if len(ds.Suppliers) != 787 {
		t.Errorf("%d suppliers, want 787", len(ds.Suppliers))
	}
	if want := int(float64(total)*rate/(1-rate) + 0.5); anomalous != want {
		t.Errorf("%d anomalous orders on top of %d, want %d", anomalous, total, want)
	}
	kinds := map[pipeline.BuyerKind]int{}
	for _, b := range ds.Buyers {
		kinds[b.Kind]++
	}
	if len(ds.Buyers) != 5327 || kinds[pipeline.BuyerUnion] == 0 || kinds[pipeline.BuyerIndividual] == 0 {
		t.Errorf("%d buyers by kind %v", len(ds.Buyers), kinds)
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

// TestExactLines checks that lines hit any amount to the fen for every kind
// of supplier, from one yuan to a few hundred thousand.
func TestExactLines(t *testing.T) {
	w := newWorld(randFor(9))
	d := pipeline.HunanCounties()[0]
	for range 60 {
		w.addSupplier(d)
	}
	rng := randFor(10)
	fallbacks := 0
	for i := range 3000 {
		s := w.suppliers[i%len(w.suppliers)]
		amount := money.Fen(100 + rng.Int64N(30_000_000))
		if i%10 == 0 {
			amount = money.Fen(1 + rng.Int64N(5000))
		}
		lines := exactLines(rng, s, amount)
		if got := lineTotal(lines); got != amount {
			t.Fatalf("lines for %s add up to %s", amount, got)
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
		}
		if len(lines) == 1 && lines[0].qty == 1000 && lines[0].price == amount {
			fallbacks++
		}
	}
	if fallbacks > 300 {
		t.Errorf("%d of 3000 orders fell back to one unit at the whole amount", fallbacks)
	}
}
