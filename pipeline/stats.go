package pipeline

import (
	"context"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline/internal/db"
)

// Period bounds statistics by order date; a zero bound is open.
type Period struct {
	From, To Date
}

func (p Period) params() (from, to pgtype.Date) {
	if !p.From.IsZero() {
		from = pgtype.Date{Time: p.From.Time(), Valid: true}
	}
	if !p.To.IsZero() {
		to = pgtype.Date{Time: p.To.Time(), Valid: true}
	}
	return from, to
}

// Statistics are the tables of the province's annual statement, computed from
// verified orders only.
type Statistics struct {
	Period      Period        `json:"-"`
	Summary     Summary       `json:"summary"`
	Counties    []CountyRow   `json:"counties"`
	BudgetUnits []PartyRow    `json:"budget_units"`
	Suppliers   []PartyRow    `json:"top_suppliers"`
	Categories  []CategoryRow `json:"categories"`
	Pipeline    []StatusRow   `json:"pipeline"` // every order by status, so "not yet verified" is not read as "not sold"
}

// Amount is a sum of money as the statement shows it: in fen, in yuan and in 万元.
type Amount struct {
	Fen  money.Fen `json:"fen"`
	Yuan string    `json:"yuan"`
	Wan  string    `json:"wan_yuan"`
}

func amountOf(fen int64) Amount {
	f := money.Fen(fen)
	return Amount{Fen: f, Yuan: f.String(), Wan: f.Wan()}
}

// Summary is the statement's headline: who transacted, how many orders, how much.
type Summary struct {
	Purchasers int64  `json:"purchasers_transacting"`
	Suppliers  int64  `json:"suppliers_transacting"`
	Orders     int64  `json:"orders"`
	Amount     Amount `json:"amount"`
}

// CountyRow is one row of the county table.
type CountyRow struct {
	Code              string `json:"division_code"`
	Name              string `json:"name"`
	City              string `json:"city"`
	BudgetUnitAmount  Amount `json:"budget_unit_purchase"` // by the buyer's county
	LocalSales        Amount `json:"local_product_sales"`  // by the supplier's county
	SuppliersAdmitted int64  `json:"suppliers_admitted"`
	SupplierOrders    int64  `json:"supplier_orders"`
}

// PartyRow is a budget unit or supplier with its verified purchases or sales.
type PartyRow struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	DivisionCode string `json:"division_code"`
	Amount       Amount `json:"amount"`
	Orders       int64  `json:"orders"`
}

// CategoryRow totals order lines by product category.
type CategoryRow struct {
	Category Category `json:"category"`
	Label    string   `json:"label"`
	Amount   Amount   `json:"amount"`
	Orders   int64    `json:"orders"`
}

// StatusRow counts all orders in one status, verified or not.
type StatusRow struct {
	Status Status `json:"status"`
	Orders int64  `json:"orders"`
	Amount Amount `json:"amount"`
}

// Stats computes the statement's tables for a period: the summary, the county
// table, the budget-unit ranking (top n), the top n suppliers and the totals
// by category. The queries run in one read-only repeatable-read transaction,
// so the tables agree with one another.
func (s *Store) Stats(ctx context.Context, p Period, n int) (*Statistics, error) {
	from, to := p.params()
	st := &Statistics{Period: p}
	tx, err := s.pool.BeginTx(ctx, pgxTxReadOnlySnapshot)
	if err != nil {
		return nil, dbError(err, "statistics")
	}
	defer tx.Rollback(ctx) //nolint:errcheck // read-only
	q := s.q.WithTx(tx)

	sum, err := q.StatsSummary(ctx, db.StatsSummaryParams{From: from, To: to})
	if err != nil {
		return nil, dbError(err, "summary")
	}
	st.Summary = Summary{Purchasers: sum.Purchasers, Suppliers: sum.Suppliers, Orders: sum.Orders, Amount: amountOf(sum.TotalFen)}

	counties, err := q.StatsCounties(ctx, db.StatsCountiesParams{From: from, To: to})
	if err != nil {
		return nil, dbError(err, "county table")
	}
	for _, c := range counties {
		st.Counties = append(st.Counties, CountyRow{
			Code: c.Code, Name: c.Name, City: c.CityName, BudgetUnitAmount: amountOf(c.BudgetUnitFen),
			LocalSales: amountOf(c.LocalSalesFen), SuppliersAdmitted: c.SuppliersAdmitted, SupplierOrders: c.SupplierOrders,
		})
	}
	bus, err := q.StatsBudgetUnits(ctx, db.StatsBudgetUnitsParams{From: from, To: to, MaxRows: int32(n)})
	if err != nil {
		return nil, dbError(err, "budget-unit ranking")
	}
	for _, b := range bus {
		st.BudgetUnits = append(st.BudgetUnits, PartyRow{ID: b.ID, Name: b.Name, DivisionCode: b.DivisionCode, Amount: amountOf(b.TotalFen), Orders: b.Orders})
	}
	sups, err := q.StatsSuppliers(ctx, db.StatsSuppliersParams{From: from, To: to, MaxRows: int32(n)})
	if err != nil {
		return nil, dbError(err, "top suppliers")
	}
	for _, x := range sups {
		st.Suppliers = append(st.Suppliers, PartyRow{ID: x.ID, Name: x.Name, DivisionCode: x.DivisionCode, Amount: amountOf(x.TotalFen), Orders: x.Orders})
	}
	cats, err := q.StatsCategories(ctx, db.StatsCategoriesParams{From: from, To: to})
	if err != nil {
		return nil, dbError(err, "categories")
	}
	for _, c := range cats {
		st.Categories = append(st.Categories, CategoryRow{Category: Category(c.Category), Label: Category(c.Category).Label(), Amount: amountOf(c.TotalFen), Orders: c.Orders})
	}
	statuses, err := q.OrderStatusCounts(ctx)
	if err != nil {
		return nil, dbError(err, "orders by status")
	}
	for _, x := range statuses {
		st.Pipeline = append(st.Pipeline, StatusRow{Status: Status(x.Status), Orders: x.Orders, Amount: amountOf(x.TotalFen)})
	}
	return st, nil
}
