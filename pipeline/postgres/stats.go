package postgres

import (
	"context"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// Stats computes the statement's tables for a period: the summary, the county
// table, the budget-unit ranking (top n), the top n suppliers and the totals
// by category. The queries run in one read-only repeatable-read transaction,
// so the tables agree with one another.
func (s *Store) Stats(ctx context.Context, p pipeline.Period, n int) (*pipeline.Statistics, error) {
	var st *pipeline.Statistics
	err := s.inSnapshot(ctx, func(q *db.Queries) (err error) {
		st, err = stats(ctx, q, p, n)
		return err
	})
	return st, err
}

// fromOrdersKey, set in a context (by tests, export_test.go), makes every
// period aggregate the orders, as a period that is not one bucket does: the
// rollups can then be checked against the orders they count.
type fromOrdersKey struct{}

// statsSource reads the statement's tables of a period: from the rollups
// of its bucket (migrations/0013) when it is exactly one, or aggregated from
// the orders.
type statsSource struct {
	q      *db.Queries
	p      pipeline.Period
	bucket string // "" for the orders
}

func sourceOf(ctx context.Context, q *db.Queries, p pipeline.Period) statsSource {
	src := statsSource{q: q, p: p}
	if b, ok := p.Bucket(); ok && ctx.Value(fromOrdersKey{}) == nil {
		src.bucket = b
	}
	return src
}

func (src statsSource) summary(ctx context.Context) (db.StatsSummaryRow, error) {
	if src.bucket != "" {
		r, err := src.q.RollupSummary(ctx, src.bucket)
		return db.StatsSummaryRow(r), err
	}
	from, to := periodParams(src.p)
	return src.q.StatsSummary(ctx, db.StatsSummaryParams{From: from, To: to})
}

func (src statsSource) counties(ctx context.Context) ([]db.StatsCountiesRow, error) {
	if src.bucket != "" {
		rs, err := src.q.RollupCounties(ctx, src.bucket)
		return convertAll(rs, func(r db.RollupCountiesRow) db.StatsCountiesRow { return db.StatsCountiesRow(r) }), err
	}
	from, to := periodParams(src.p)
	return src.q.StatsCounties(ctx, db.StatsCountiesParams{From: from, To: to})
}

func (src statsSource) budgetUnits(ctx context.Context, level string, n int) ([]db.StatsBudgetUnitsRow, error) {
	if src.bucket != "" {
		rs, err := src.q.RollupBudgetUnits(ctx, db.RollupBudgetUnitsParams{Bucket: src.bucket, Level: text(level), MaxRows: int32(n)})
		return convertAll(rs, func(r db.RollupBudgetUnitsRow) db.StatsBudgetUnitsRow { return db.StatsBudgetUnitsRow(r) }), err
	}
	from, to := periodParams(src.p)
	return src.q.StatsBudgetUnits(ctx, db.StatsBudgetUnitsParams{From: from, To: to, Level: text(level), MaxRows: int32(n)})
}

func (src statsSource) suppliers(ctx context.Context, n int) ([]db.StatsSuppliersRow, error) {
	if src.bucket != "" {
		rs, err := src.q.RollupSuppliers(ctx, db.RollupSuppliersParams{Bucket: src.bucket, MaxRows: int32(n)})
		return convertAll(rs, func(r db.RollupSuppliersRow) db.StatsSuppliersRow { return db.StatsSuppliersRow(r) }), err
	}
	from, to := periodParams(src.p)
	return src.q.StatsSuppliers(ctx, db.StatsSuppliersParams{From: from, To: to, MaxRows: int32(n)})
}

func (src statsSource) categories(ctx context.Context) ([]db.StatsCategoriesRow, error) {
	if src.bucket != "" {
		rs, err := src.q.RollupCategories(ctx, src.bucket)
		return convertAll(rs, func(r db.RollupCategoriesRow) db.StatsCategoriesRow { return db.StatsCategoriesRow(r) }), err
	}
	from, to := periodParams(src.p)
	return src.q.StatsCategories(ctx, db.StatsCategoriesParams{From: from, To: to})
}

func convertAll[T, U any](ts []T, f func(T) U) []U {
	us := make([]U, len(ts))
	for i, t := range ts {
		us[i] = f(t)
	}
	return us
}

func stats(ctx context.Context, q *db.Queries, p pipeline.Period, n int) (*pipeline.Statistics, error) {
	src := sourceOf(ctx, q, p)
	st := &pipeline.Statistics{Period: p}
	sum, err := src.summary(ctx)
	if err != nil {
		return nil, dbError(err, "summary")
	}
	st.Summary = pipeline.Summary{Purchasers: sum.Purchasers, Suppliers: sum.Suppliers, Orders: sum.Orders, Amount: pipeline.AmountOf(sum.TotalFen),
		PurchasersRegistered: sum.PurchasersRegistered, SuppliersApplied: sum.SuppliersApplied, SuppliersAdmitted: sum.SuppliersAdmitted,
		ProductsRegistered: sum.ProductsRegistered, ProductsTraded: sum.ProductsTraded}

	counties, err := src.counties(ctx)
	if err != nil {
		return nil, dbError(err, "county table")
	}
	for _, c := range counties {
		st.Counties = append(st.Counties, pipeline.CountyRow{
			Code: c.Code, Name: c.Name, City: c.CityName, BudgetUnitAmount: pipeline.AmountOf(c.BudgetUnitFen),
			LocalSales: pipeline.AmountOf(c.LocalSalesFen), SuppliersAdmitted: c.SuppliersAdmitted, SupplierOrders: c.SupplierOrders,
		})
	}
	if st.BudgetUnits, err = budgetUnits(ctx, src, "", n); err != nil {
		return nil, err
	}
	sups, err := src.suppliers(ctx, n)
	if err != nil {
		return nil, dbError(err, "top suppliers")
	}
	for _, x := range sups {
		st.Suppliers = append(st.Suppliers, pipeline.PartyRow{ID: x.ID, Name: x.Name, DivisionCode: x.DivisionCode, Amount: pipeline.AmountOf(x.TotalFen), Orders: x.Orders})
	}
	cats, err := src.categories(ctx)
	if err != nil {
		return nil, dbError(err, "categories")
	}
	for _, c := range cats {
		st.Categories = append(st.Categories, pipeline.CategoryRow{Category: pipeline.Category(c.Category), Label: pipeline.Category(c.Category).Label(), Amount: pipeline.AmountOf(c.TotalFen), Orders: c.Orders})
	}
	statuses, err := q.OrderStatusCounts(ctx)
	if err != nil {
		return nil, dbError(err, "orders by status")
	}
	for _, x := range statuses {
		st.Pipeline = append(st.Pipeline, pipeline.StatusRow{Status: pipeline.Status(x.Status), Orders: x.Orders, Amount: pipeline.AmountOf(x.TotalFen)})
	}
	return st, nil
}

// StatementStats is Stats as the statement ranks it (pipeline.StatementTop
// budget units, StatementSuppliers suppliers), with the budget units of the
// prefectures and of the counties ranked apart (StatementLevelTop each).
func (s *Store) StatementStats(ctx context.Context, p pipeline.Period) (*pipeline.Statistics, error) {
	var st *pipeline.Statistics
	err := s.inSnapshot(ctx, func(q *db.Queries) (err error) {
		if st, err = stats(ctx, q, p, pipeline.StatementTop); err != nil {
			return err
		}
		st.Suppliers = st.Suppliers[:min(len(st.Suppliers), pipeline.StatementSuppliers)]
		src := sourceOf(ctx, q, p)
		if st.PrefectureUnits, err = budgetUnits(ctx, src, "prefecture", pipeline.StatementLevelTop); err != nil {
			return err
		}
		st.CountyUnits, err = budgetUnits(ctx, src, "county", pipeline.StatementLevelTop)
		return err
	})
	return st, err
}

// budgetUnits ranks the budget units of a level ("" all) by verified
// purchases, top n.
func budgetUnits(ctx context.Context, src statsSource, level string, n int) ([]pipeline.PartyRow, error) {
	rows, err := src.budgetUnits(ctx, level, n)
	if err != nil {
		return nil, dbError(err, "budget-unit ranking")
	}
	out := make([]pipeline.PartyRow, 0, len(rows))
	for _, b := range rows {
		out = append(out, pipeline.PartyRow{ID: b.ID, Name: b.Name, DivisionCode: b.DivisionCode, Amount: pipeline.AmountOf(b.TotalFen), Orders: b.Orders})
	}
	return out, nil
}

// periodParams returns a period's bounds as query parameters; an open bound is NULL.
func periodParams(p pipeline.Period) (from, to pgtype.Date) {
	if !p.From.IsZero() {
		from = pgtype.Date{Time: p.From.Time(), Valid: true}
	}
	if !p.To.IsZero() {
		to = pgtype.Date{Time: p.To.Time(), Valid: true}
	}
	return from, to
}
