package main

import (
	"context"
	"fmt"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/heshi-verify/heshi/internal/config"
	"github.com/heshi-verify/heshi/migrations"
	"github.com/heshi-verify/heshi/pipeline"
)

// cmdBenchStats measures the statistics at scale (issue 13): it makes a
// scratch database of N verified orders, with their lines, buyers,
// suppliers and products, straight in SQL (no documents), and times the
// queries the totals page and the statement make, for periods of each kind
// of bucket and for one that is no bucket, printing p50 and p95.
func cmdBenchStats(ctx context.Context, e *env, args []string) error {
	fs := e.flags("bench-stats")
	orders := fs.Int("orders", 1_000_000, "verified orders to make")
	buyers := fs.Int("buyers", 200_000, "buyers (a tenth of them not budget units)")
	suppliers := fs.Int("suppliers", 20_000, "suppliers")
	runs := fs.Int("runs", 50, "times each page's queries are run")
	keep := fs.Bool("keep", false, "keep the scratch database")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *orders <= 0 || *buyers <= 0 || *suppliers <= 0 || *runs <= 0 {
		return fmt.Errorf("%w: heshi bench-stats [--orders N] [--buyers B] [--suppliers S] [--runs R] [--keep]", errUsage)
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	scratch := fmt.Sprintf("heshi_bench_stats_%d", time.Now().UnixNano())
	drop, err := scratchDatabase(ctx, cfg.DatabaseURL, scratch)
	if err != nil {
		return err
	}
	if *keep {
		fmt.Fprintf(e.stderr, "bench-stats: database %s kept afterwards\n", scratch)
	} else {
		fmt.Fprintf(e.stderr, "bench-stats: scratch database %s, removed afterwards\n", scratch)
		defer drop()
	}
	cfg.DatabaseURL = withDatabase(cfg.DatabaseURL, scratch)
	a, err := e.openWith(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer a.close()
	if err := migrations.Up(ctx, a.pool, e.log); err != nil {
		return err
	}
	if err := a.store.SeedDivisions(ctx); err != nil {
		return err
	}

	t0 := time.Now()
	// Master data: parties spread over Hunan's counties (and a tenth of the
	// budget units over its prefectures), three products a supplier.
	type stmt struct {
		sql  string
		args []any
	}
	for _, st := range []stmt{
		{`insert into suppliers (id, name, uscc, division_code, bank_name, bank_account, admitted)
		 select 'S' || i, '供应商' || i, '91110000600037341L', c.code, '农业银行', '6228' || i, i % 10 <> 0
		 from generate_series(1, $1::int) i
		 join (select code, row_number() over (order by code) - 1 as k, count(*) over () as n from divisions where city_code is not null) c
		   on c.k = i % c.n`, []any{*suppliers}},
		{`insert into buyers (id, name, uscc, division_code, kind)
		 select 'B' || i, '单位' || i, '121200004013590816', c.code,
		        case when i % 10 = 0 then 'union' else 'budget_unit' end
		 from generate_series(1, $1::int) i
		 join (select code, row_number() over (order by code) - 1 as k, count(*) over () as n from divisions) c
		   on c.k = i % c.n`, []any{*buyers}},
		{`insert into products (sku, supplier_id, name, category, unit)
		 select 'P' || s || '-' || j, 'S' || s, '产品', (array['rice','oil','vegetable','tea','mushroom','fruit'])[1 + (s * 3 + j) % 6], '袋'
		 from generate_series(1, $1::int) s, generate_series(1, 3) j`, []any{*suppliers}},
	} {
		if _, err := a.pool.Exec(ctx, st.sql, st.args...); err != nil {
			return fmt.Errorf("bench-stats: master data: %w", err)
		}
	}
	// The orders, in chunks, each with one or two lines, made verified and
	// then counted by stats_apply, the function the trigger calls after a
	// verdict (turned off while the rows are made, since their lines come
	// after them).
	if _, err := a.pool.Exec(ctx, `alter table orders disable trigger orders_stats_insert`); err != nil {
		return err
	}
	const chunk = 250_000
	for from := 1; from <= *orders; from += chunk {
		to := min(from+chunk-1, *orders)
		for _, st := range []stmt{
			{`insert into orders (id, order_no, buyer_id, supplier_id, order_date, total_fen, status) overriding system value
			 select i, 'HN' || i, 'B' || (1 + (i::bigint * 7919) % $3::int), 'S' || (1 + (i::bigint * 104729) % $4::int),
			        date '2024-01-01' + (i * 31) % 1096,
			        (select sum(1000 + (i::bigint * j * 37) % 500000) from generate_series(1, 1 + i % 2) j), 'verified'
			 from generate_series($1::int, $2::int) i`, []any{from, to, *buyers, *suppliers}},
			{`insert into order_lines (order_id, line_no, sku, quantity_milli, unit_price_fen, amount_fen)
			 select o.id, j, 'P' || substr(o.supplier_id, 2) || '-' || (1 + (o.id + j) % 3), 1000, 1000 + (o.id * j * 37) % 500000, 1000 + (o.id * j * 37) % 500000
			 from orders o, generate_series(1, 1 + (o.id % 2)::int) j
			 where o.id between $1 and $2`, []any{from, to}},
			{`select stats_apply('{}'::orders[], array(select o from orders o where o.id between $1 and $2))`, []any{from, to}},
		} {
			if _, err := a.pool.Exec(ctx, st.sql, st.args...); err != nil {
				return fmt.Errorf("bench-stats: orders %d-%d: %w", from, to, err)
			}
		}
		fmt.Fprintf(e.stderr, "bench-stats: %d orders verified (%s)\n", to, time.Since(t0).Round(time.Second))
	}
	if _, err := a.pool.Exec(ctx, `alter table orders enable trigger orders_stats_insert`); err != nil {
		return err
	}
	if _, err := a.pool.Exec(ctx, "vacuum analyze"); err != nil {
		return err
	}
	made := time.Since(t0)
	if st, err := a.store.Stats(ctx, pipeline.Period{}, 1); err != nil {
		return err
	} else if st.Summary.Orders != int64(*orders) {
		return fmt.Errorf("bench-stats: the rollups count %d verified orders of %d", st.Summary.Orders, *orders)
	}

	d := func(y int, m time.Month, day int) pipeline.Date { return pipeline.Date{Year: y, Month: m, Day: day} }
	periods := []struct {
		name string
		p    pipeline.Period
	}{
		{"all time", pipeline.Period{}},
		{"year 2025", pipeline.YearPeriod(2025)},
		{"quarter 2025-Q3", pipeline.Period{From: d(2025, 7, 1), To: d(2025, 9, 30)}},
		{"month 2025-11", pipeline.Period{From: d(2025, 11, 1), To: d(2025, 11, 30)}},
		{"2025-11-03..2025-11-16 (no bucket)", pipeline.Period{From: d(2025, 11, 3), To: d(2025, 11, 16)}},
	}
	fmt.Fprintf(e.stdout, "heshi bench-stats: %d verified orders, %d buyers, %d suppliers, made in %s; %d runs each\n",
		*orders, *buyers, *suppliers, made.Round(time.Second), *runs)
	w := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "period\tpage\tp50\tp95\tmax\t")
	for _, per := range periods {
		for _, page := range []struct {
			name string
			run  func() error
		}{
			// What /totals asks: the tables, the ranking of 30, the counts
			// not yet verified.
			{"/totals", func() error {
				if _, err := a.store.Stats(ctx, per.p, 30); err != nil {
					return err
				}
				_, err := a.store.Unverified(ctx, per.p)
				return err
			}},
			{"statement", func() error { _, err := a.store.StatementStats(ctx, per.p); return err }},
		} {
			if page.name == "statement" && per.p != pipeline.YearPeriod(2025) {
				continue
			}
			n := *runs
			if _, ok := per.p.Bucket(); !ok {
				n = min(n, 5) // aggregated from the orders: slow, and measured all the same
			}
			var ds []time.Duration
			for range n {
				start := time.Now()
				if err := page.run(); err != nil {
					return err
				}
				ds = append(ds, time.Since(start))
			}
			slices.Sort(ds)
			q := func(f float64) time.Duration { return ds[min(len(ds)-1, max(0, int(f*float64(len(ds))+0.5)-1))] }
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t\n", per.name, page.name, ms(q(0.5)), ms(q(0.95)), ms(ds[len(ds)-1]))
		}
	}
	return w.Flush()
}
