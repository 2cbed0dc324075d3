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

func stats(ctx context.Context, q *db.Queries, p pipeline.Period, n int) (*pipeline.Statistics, error) {
	from, to := periodParams(p)
	st := &pipeline.Statistics{Period: p}
	sum, err := q.StatsSummary(ctx, db.StatsSummaryParams{From: from, To: to})
	if err != nil {
		return nil, dbError(err, "summary")
	}
	st.Summary = pipeline.Summary{Purchasers: sum.Purchasers, Suppliers: sum.Suppliers, Orders: sum.Orders, Amount: pipeline.AmountOf(sum.TotalFen),
		PurchasersRegistered: sum.PurchasersRegistered, SuppliersApplied: sum.SuppliersApplied, SuppliersAdmitted: sum.SuppliersAdmitted,
		ProductsRegistered: sum.ProductsRegistered, ProductsTraded: sum.ProductsTraded}

	counties, err := q.StatsCounties(ctx, db.StatsCountiesParams{From: from, To: to})
	if err != nil {
		return nil, dbError(err, "county table")
	}
	for _, c := range counties {
		st.Counties = append(st.Counties, pipeline.CountyRow{
			Code: c.Code, Name: c.Name, City: c.CityName, BudgetUnitAmount: pipeline.AmountOf(c.BudgetUnitFen),
			LocalSales: pipeline.AmountOf(c.LocalSalesFen), SuppliersAdmitted: c.SuppliersAdmitted, SupplierOrders: c.SupplierOrders,
		})
	}
	if st.BudgetUnits, err = budgetUnits(ctx, q, p, "", n); err != nil {
		return nil, err
	}
	sups, err := q.StatsSuppliers(ctx, db.StatsSuppliersParams{From: from, To: to, MaxRows: int32(n)})
	if err != nil {
		return nil, dbError(err, "top suppliers")
	}
	for _, x := range sups {
		st.Suppliers = append(st.Suppliers, pipeline.PartyRow{ID: x.ID, Name: x.Name, DivisionCode: x.DivisionCode, Amount: pipeline.AmountOf(x.TotalFen), Orders: x.Orders})
	}
	cats, err := q.StatsCategories(ctx, db.StatsCategoriesParams{From: from, To: to})
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
		if st.PrefectureUnits, err = budgetUnits(ctx, q, p, "prefecture", pipeline.StatementLevelTop); err != nil {
			return err
		}
		st.CountyUnits, err = budgetUnits(ctx, q, p, "county", pipeline.StatementLevelTop)
		return err
	})
	return st, err
}

// budgetUnits ranks the budget units of a level ("" all) by verified
// purchases in p, top n.
func budgetUnits(ctx context.Context, q *db.Queries, p pipeline.Period, level string, n int) ([]pipeline.PartyRow, error) {
	from, to := periodParams(p)
	rows, err := q.StatsBudgetUnits(ctx, db.StatsBudgetUnitsParams{From: from, To: to, Level: text(level), MaxRows: int32(n)})
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
