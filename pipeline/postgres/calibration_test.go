package postgres_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
	"github.com/heshi-verify/heshi/samples"
	"github.com/heshi-verify/heshi/workers"
)

// TestCalibratedStatement (issue 12) imports the calibrated 2021 dataset
// (without its documents), marks its clean orders verified and checks that
// the statistics reproduce every published table to the fen: the overview
// with the master data, the county table on both sides, the top 50 budget
// units. The statistics count verified orders as the province does.
func TestCalibratedStatement(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 19,000 orders")
	}
	t.Parallel()
	ctx := context.Background()
	ds, err := samples.Generate(ctx, t.TempDir(), samples.Options{Calibrate: samples.CalibrateHunan2021, Seed: 7, AnomalyRate: 0.05, NoDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	pool := testenv.DB(t)
	q, err := workers.NewQueue(pool)
	if err != nil {
		t.Fatal(err)
	}
	store := postgres.New(pool, q, testenv.StoreOptions())
	if err := store.SeedDivisions(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := store.ImportMaster(ctx, ds, pipeline.System); err != nil {
		t.Fatal(err)
	}
	var clean []string
	for _, tr := range ds.Truth {
		if tr.Label == samples.LabelClean {
			clean = append(clean, tr.OrderNo)
		}
	}
	// Stand-in for the pipeline's verdicts, which the end-to-end tests cover.
	if _, err := pool.Exec(ctx, `update orders set status = 'verified' where order_no = any($1)`, clean); err != nil {
		t.Fatal(err)
	}
	st, err := store.StatementStats(ctx, pipeline.Period{})
	if err != nil {
		t.Fatal(err)
	}
	checkPublishedStatement(t, st)
	// The two levels ranked apart: prefectures' own units (their division
	// a prefecture) and counties' units, each in order, the larger of
	// their leaders the overall first.
	for name, list := range map[string][]pipeline.PartyRow{"prefecture": st.PrefectureUnits, "county": st.CountyUnits} {
		if len(list) == 0 {
			t.Errorf("no %s units ranked", name)
		}
		for i, u := range list {
			if strings.HasSuffix(u.DivisionCode, "00") != (name == "prefecture") {
				t.Errorf("%s ranking has %s of division %s", name, u.Name, u.DivisionCode)
			}
			if i > 0 && u.Amount.Fen > list[i-1].Amount.Fen {
				t.Errorf("%s ranking out of order at %d", name, i)
			}
		}
	}
	if a, b := st.PrefectureUnits[0], st.CountyUnits[0]; max(a.Amount.Fen, b.Amount.Fen) != st.BudgetUnits[0].Amount.Fen {
		t.Errorf("the levels' leaders %s and %s, the overall first %s", a.Amount.Wan, b.Amount.Wan, st.BudgetUnits[0].Amount.Wan)
	}
}

// checkPublishedStatement compares the statistics with every table of the
// published 2021 statement (samples/data), to the fen: the overview, the
// county table (rows that share a division code, such as a prefecture's own
// units and its development zones, summed by code) and the top 50 budget
// units in order.
func checkPublishedStatement(t *testing.T, st *pipeline.Statistics) {
	t.Helper()
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join("..", "..", "samples", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[1:]
	}
	wan := func(s string) money.Fen {
		if s == "" {
			return 0
		}
		y, err := money.ParseYuan(s)
		if err != nil {
			t.Fatalf("published amount %q: %v", s, err)
		}
		return y * 10_000
	}
	count := func(s string) int64 {
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("published count %q: %v", s, err)
		}
		return n
	}

	sum := st.Summary
	for _, r := range read("hunan-2021-bill-summary.csv") {
		var got int64
		switch r[0] {
		case "purchasers_registered":
			got = sum.PurchasersRegistered
		case "purchasers_transacting":
			got = sum.Purchasers
		case "suppliers_applied":
			got = sum.SuppliersApplied
		case "suppliers_admitted":
			got = sum.SuppliersAdmitted
		case "products_registered":
			got = sum.ProductsRegistered
		case "products_transacted":
			got = sum.ProductsTraded
		case "orders":
			got = sum.Orders
		case "transaction_amount":
			if sum.Amount.Fen != wan(r[1]) {
				t.Errorf("amount %s 万元, published %s", sum.Amount.Wan, r[1])
			}
			continue
		default:
			continue // dates
		}
		if got != count(r[1]) {
			t.Errorf("%s = %d, published %s", r[0], got, r[1])
		}
	}

	type countyFigures struct {
		budget, sales    money.Fen
		admitted, orders int64
	}
	want := map[string]*countyFigures{}
	for _, r := range read("hunan-2021-bill-counties.csv") {
		c := want[r[2]]
		if c == nil {
			c = &countyFigures{}
			want[r[2]] = c
		}
		c.budget += wan(r[3])
		c.sales += wan(r[4])
		c.admitted += count(r[5])
		c.orders += count(r[6])
	}
	got := map[string]pipeline.CountyRow{}
	for _, c := range st.Counties {
		got[c.Code] = c
	}
	for code, w := range want {
		g := got[code]
		if g.BudgetUnitAmount.Fen != w.budget || g.LocalSales.Fen != w.sales || g.SupplierOrders != w.orders || g.SuppliersAdmitted != w.admitted {
			t.Errorf("%s %s: budget units %s, sales %s 万元, %d orders, %d suppliers; published %s, %s, %d, %d", code, g.Name,
				g.BudgetUnitAmount.Wan, g.LocalSales.Wan, g.SupplierOrders, g.SuppliersAdmitted, w.budget.Wan(), w.sales.Wan(), w.orders, w.admitted)
		}
	}
	for code, g := range got {
		if _, ok := want[code]; !ok && (g.BudgetUnitAmount.Fen != 0 || g.LocalSales.Fen != 0 || g.SupplierOrders != 0) {
			t.Errorf("%s %s has figures the published table does not", code, g.Name)
		}
	}

	top := read("hunan-2021-bill-top-budget-units.csv")
	if len(st.BudgetUnits) < len(top) {
		t.Fatalf("%d budget units ranked, published %d", len(st.BudgetUnits), len(top))
	}
	for i, r := range top {
		if u := st.BudgetUnits[i]; u.Name != r[1] || u.Amount.Fen != wan(r[2]) {
			t.Errorf("rank %s: %s %s 万元, published %s %s", r[0], u.Name, u.Amount.Wan, r[1], r[2])
		}
	}
}
