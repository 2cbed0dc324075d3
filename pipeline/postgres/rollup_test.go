package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
)

// rollupMarket is a small market spread over two years: budget units of a
// county and of a prefecture, a union and an individual, suppliers of three
// counties, products of four categories and orders of one to three lines.
func rollupMarket(r *rand.Rand, orders int) *pipeline.Dataset {
	const uscc, suscc = "121200004013590816", "91110000600037341L"
	ds := &pipeline.Dataset{
		Buyers: []pipeline.Buyer{
			{ID: "B1", Name: "茶陵县第二中学", USCC: uscc, DivisionCode: "430224", Kind: pipeline.BuyerBudgetUnit},
			{ID: "B2", Name: "茶陵县人民医院", USCC: uscc, DivisionCode: "430224", Kind: pipeline.BuyerBudgetUnit},
			{ID: "B3", Name: "岳阳市公安局", USCC: uscc, DivisionCode: "430600", Kind: pipeline.BuyerBudgetUnit},
			{ID: "B4", Name: "平江县总工会", USCC: uscc, DivisionCode: "430626", Kind: pipeline.BuyerUnion},
			{ID: "B5", Name: "个人", DivisionCode: "430626", Kind: pipeline.BuyerIndividual},
		},
		Suppliers: []pipeline.Supplier{
			{ID: "S1", Name: "平江县山里香合作社", USCC: suscc, DivisionCode: "430626", BankName: "农业银行", BankAccount: "6228", Admitted: true},
			{ID: "S2", Name: "茶陵县茶祖农业公司", USCC: suscc, DivisionCode: "430224", BankName: "农业银行", BankAccount: "6229", Admitted: true},
			{ID: "S3", Name: "炎陵县黄桃合作社", USCC: suscc, DivisionCode: "430225", BankName: "农业银行", BankAccount: "6230", Admitted: false},
		},
		Products: []pipeline.Product{
			{SKU: "P1", SupplierID: "S1", Name: "茶油", Category: pipeline.CategoryOil, Unit: "瓶"},
			{SKU: "P2", SupplierID: "S1", Name: "大米", Category: pipeline.CategoryRice, Unit: "袋"},
			{SKU: "P3", SupplierID: "S2", Name: "绿茶", Category: pipeline.CategoryTea, Unit: "盒"},
			{SKU: "P4", SupplierID: "S2", Name: "茶油", Category: pipeline.CategoryOil, Unit: "瓶"},
			{SKU: "P5", SupplierID: "S3", Name: "黄桃", Category: pipeline.CategoryFruit, Unit: "箱"},
		},
	}
	skus := map[string][]string{"S1": {"P1", "P2"}, "S2": {"P3", "P4"}, "S3": {"P5"}}
	for i := 1; i <= orders; i++ {
		sup := ds.Suppliers[r.IntN(len(ds.Suppliers))].ID
		o := pipeline.Order{No: fmt.Sprintf("HN%d", i), BuyerID: ds.Buyers[r.IntN(len(ds.Buyers))].ID, SupplierID: sup,
			Date: pipeline.DateOf(time.Date(2024, 1, 1+r.IntN(730), 12, 0, 0, 0, pipeline.Shanghai))}
		for range 1 + r.IntN(3) {
			sku := skus[sup][r.IntN(len(skus[sup]))]
			price := int64(100 * (1 + r.IntN(500)))
			o.Lines = append(o.Lines, pipeline.OrderLine{SKU: sku, Quantity: 1000, UnitPrice: money.Fen(price), Amount: money.Fen(price)})
			o.Total += money.Fen(price)
		}
		ds.Orders = append(ds.Orders, o)
	}
	return ds
}

// TestRollupsMatchTheOrders changes the orders' statuses at random, as
// verdicts, review decisions and holds do, and checks after each round that
// the statistics read from the rollups equal those aggregated from the
// orders, for every kind of bucket, and that a period of no bucket gives
// the orders' figures too.
func TestRollupsMatchTheOrders(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 1))
	ds := rollupMarket(r, 300)
	store, pool := testenv.Market(t, ds)
	ctx := context.Background()
	d := func(y int, m time.Month, day int) pipeline.Date { return pipeline.Date{Year: y, Month: m, Day: day} }
	periods := []pipeline.Period{
		{}, pipeline.YearPeriod(2024), pipeline.YearPeriod(2025), pipeline.YearPeriod(2026),
		{From: d(2024, 4, 1), To: d(2024, 6, 30)}, {From: d(2025, 10, 1), To: d(2025, 12, 31)},
		{From: d(2024, 2, 1), To: d(2024, 2, 29)}, {From: d(2025, 7, 1), To: d(2025, 7, 31)},
	}
	statuses := []pipeline.Status{pipeline.StatusVerified, pipeline.StatusNeedsReview, pipeline.StatusRejected, pipeline.StatusChecking}
	for round := range 6 {
		// A third of the orders change status each round, some from
		// verified to verified again (no change), in one transaction.
		tx, err := pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range ds.Orders {
			if r.IntN(3) == 0 {
				if _, err := tx.Exec(ctx, `update orders set status = $1 where order_no = $2`, statuses[r.IntN(len(statuses))], o.No); err != nil {
					t.Fatal(err)
				}
			}
		}
		if round == 4 { // an order is removed, verified or not
			if _, err := tx.Exec(ctx, `delete from orders where order_no = 'HN7'`); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		var verified int64
		if err := pool.QueryRow(ctx, `select count(*) from orders where status = 'verified'`).Scan(&verified); err != nil {
			t.Fatal(err)
		}
		if verified == 0 {
			t.Fatalf("round %d: no verified order: the comparison would prove nothing", round)
		}
		for _, p := range periods {
			if _, ok := p.Bucket(); !ok {
				t.Fatalf("%+v is no bucket", p)
			}
			got := statsAgree(t, store, p, fmt.Sprintf("round %d, ", round))
			if p == (pipeline.Period{}) && got.Summary.Orders != verified {
				t.Errorf("round %d: %d verified orders counted, %d verified", round, got.Summary.Orders, verified)
			}
		}
		// The assessment's purchases here come from the year's rollup.
		a, err := store.Assessment(ctx, 2025)
		if err != nil {
			t.Fatal(err)
		}
		var here, want int64
		for _, u := range a.Units {
			here += int64(u.Here)
		}
		if err := pool.QueryRow(ctx, `select coalesce(sum(o.total_fen), 0) from orders o join buyers b on b.id = o.buyer_id
			where o.status = 'verified' and b.kind = 'budget_unit' and extract(year from o.order_date) = 2025`).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if here != want {
			t.Errorf("round %d: the assessment's purchases here sum to %d fen, the verified orders of 2025 to %d", round, here, want)
		}
	}
}

// TestRollupsChangeAtCommit checks that a change of an order holds no
// rollup row until its transaction commits: a second verdict counts and
// commits while the first is still open (before 0014 it waited on the
// bucket rows the first had taken), the first then counts too, and a
// change rolled back leaves nothing behind.
func TestRollupsChangeAtCommit(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 1))
	ds := rollupMarket(r, 3)
	store, pool := testenv.Market(t, ds)
	ctx := context.Background()
	counted := func() (n, fen int64) {
		t.Helper()
		if err := pool.QueryRow(ctx, `select coalesce(sum(orders), 0), coalesce(sum(fen), 0) from stats_buckets where bucket = 'all'`).Scan(&n, &fen); err != nil {
			t.Fatal(err)
		}
		return n, fen
	}
	verify := `update orders set status = 'verified' where order_no = $1`

	first, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback(ctx)
	if _, err := first.Exec(ctx, verify, ds.Orders[0].No); err != nil {
		t.Fatal(err)
	}
	// A second transaction on another order must not wait for the first.
	second, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Rollback(ctx)
	if _, err := second.Exec(ctx, `set local lock_timeout = '5s'`); err != nil {
		t.Fatal(err)
	}
	if _, err := second.Exec(ctx, verify, ds.Orders[1].No); err != nil {
		t.Fatalf("the second verdict waited on the first's rollup rows: %v", err)
	}
	if err := second.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if n, fen := counted(); n != 1 || fen != int64(ds.Orders[1].Total) {
		t.Fatalf("after the second commit: %d orders, %d fen counted; want 1, %d", n, fen, ds.Orders[1].Total)
	}
	// Verified then held in one transaction: counted and uncounted, at commit.
	if _, err := first.Exec(ctx, `update orders set status = 'needs_review' where order_no = $1`, ds.Orders[0].No); err != nil {
		t.Fatal(err)
	}
	if _, err := first.Exec(ctx, verify, ds.Orders[0].No); err != nil {
		t.Fatal(err)
	}
	if err := first.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if n, fen := counted(); n != 2 || fen != int64(ds.Orders[0].Total+ds.Orders[1].Total) {
		t.Fatalf("after the first commit: %d orders, %d fen counted; want 2, %d", n, fen, ds.Orders[0].Total+ds.Orders[1].Total)
	}

	third, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := third.Exec(ctx, verify, ds.Orders[2].No); err != nil {
		t.Fatal(err)
	}
	if err := third.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := counted(); n != 2 {
		t.Fatalf("a rolled-back verdict counted: %d orders", n)
	}
	var staged int
	if err := pool.QueryRow(ctx, `select count(*) from stats_staged`).Scan(&staged); err != nil {
		t.Fatal(err)
	}
	if staged != 0 {
		t.Errorf("%d staged changes left after their transactions ended", staged)
	}
	for _, p := range []pipeline.Period{{}, pipeline.YearPeriod(2024), pipeline.YearPeriod(2025)} {
		statsAgree(t, store, p, "")
	}
}

// statsAgree checks that the statement of period p read from the rollups
// equals the one aggregated from the orders, and returns it; when says
// when, for the message.
func statsAgree(t *testing.T, store *postgres.Store, p pipeline.Period, when string) *pipeline.Statistics {
	t.Helper()
	ctx := context.Background()
	got, err := store.StatementStats(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	want, err := store.StatementStats(postgres.FromOrders(ctx), p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s%+v: from the rollups\n%+v\nfrom the orders\n%+v", when, p, got, want)
	}
	return got
}
