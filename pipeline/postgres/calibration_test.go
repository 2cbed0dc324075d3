package postgres_test

import (
	"context"
	"testing"

	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
	"github.com/heshi-verify/heshi/samples"
	"github.com/heshi-verify/heshi/workers"
)

// TestCalibratedCountyTable imports the calibrated 2021 dataset (without its
// documents), marks its clean orders verified and checks that the statistics
// reproduce the published county table to the fen: the statistics queries
// count verified orders by the supplier's county exactly as the province does.
func TestCalibratedCountyTable(t *testing.T) {
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
	st, err := store.Stats(ctx, pipeline.Period{}, 30)
	if err != nil {
		t.Fatal(err)
	}
	targets, err := samples.CalibrationTargets()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]pipeline.CountyRow{}
	for _, c := range st.Counties {
		got[c.Code] = c
	}
	var sales int64
	var orders int64
	for _, tg := range targets {
		c := got[tg.Code]
		if c.LocalSales.Fen != tg.Sales || c.SupplierOrders != int64(tg.Orders) || c.SuppliersAdmitted != int64(tg.Suppliers) {
			t.Errorf("%s %s: sales %s, %d orders, %d suppliers; published %s, %d, %d",
				tg.Code, tg.Name, c.LocalSales.Wan, c.SupplierOrders, c.SuppliersAdmitted, tg.Sales.Wan(), tg.Orders, tg.Suppliers)
		}
		sales += int64(tg.Sales)
		orders += int64(tg.Orders)
	}
	if st.Summary.Amount.Wan != "12790.70" || st.Summary.Orders != 18647 || int64(st.Summary.Amount.Fen) != sales || st.Summary.Orders != orders {
		t.Errorf("summary %s 万元 in %d orders, want 12790.70 in 18647", st.Summary.Amount.Wan, st.Summary.Orders)
	}
}
