package pipeline

import (
	"fmt"
	"slices"
	"time"

	"github.com/heshi-verify/heshi/evidence/money"
)

// Period bounds statistics by order date; a zero bound is open.
type Period struct {
	From, To Date
}

// YearPeriod is a calendar year.
func YearPeriod(year int) Period {
	return Period{From: Date{Year: year, Month: time.January, Day: 1}, To: Date{Year: year, Month: time.December, Day: 31}}
}

// Bucket names the rollup that holds exactly this period's verified orders
// (migrations/0013): "all" for an open period, "Y2021" for a calendar year,
// "Q2021-4" for a quarter, "M2021-10" for a month. ok is false for any
// other period, whose statistics are aggregated from the orders.
func (p Period) Bucket() (bucket string, ok bool) {
	if p.From.IsZero() && p.To.IsZero() {
		return "all", true
	}
	f, t := p.From, p.To
	if f.IsZero() || t.IsZero() || f.Day != 1 || f.Year != t.Year || !t.isLastOfMonth() {
		return "", false
	}
	switch {
	case f.Month == time.January && t.Month == time.December:
		return fmt.Sprintf("Y%04d", f.Year), true
	case (f.Month-1)%3 == 0 && t.Month == f.Month+2:
		return fmt.Sprintf("Q%04d-%d", f.Year, (f.Month-1)/3+1), true
	case t.Month == f.Month:
		return fmt.Sprintf("M%04d-%02d", f.Year, int(f.Month)), true
	}
	return "", false
}

func (d Date) isLastOfMonth() bool {
	return d.Day == time.Date(d.Year, d.Month+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// How many the annual statement ranks: budget units (top 50, as the
// province publishes them), suppliers (top 30), and the budget units of the
// prefectures and of the counties apart (top 20 each).
const (
	StatementTop       = 50
	StatementSuppliers = 30
	StatementLevelTop  = 20
)

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
	// PrefectureUnits and CountyUnits rank the budget units of the
	// prefectures (市直单位, development zones) and of the counties apart,
	// as the statement does (Store.StatementStats fills them).
	PrefectureUnits []PartyRow `json:"prefecture_units,omitempty"`
	CountyUnits     []PartyRow `json:"county_units,omitempty"`
}

// Amount is a sum of money as the statement shows it: in fen, in yuan and in 万元.
type Amount struct {
	Fen  money.Fen `json:"fen"`
	Yuan string    `json:"yuan"`
	Wan  string    `json:"wan_yuan"`
}

// AmountOf returns a sum of fen as the statement shows it.
func AmountOf(fen int64) Amount {
	f := money.Fen(fen)
	return Amount{Fen: f, Yuan: f.String(), Wan: f.Wan()}
}

// Summary is the statement's overview: who and what transacted, how many
// orders, how much, beside the master data registered. The registered
// figures are of the master data as it stands, not of the period.
type Summary struct {
	Purchasers int64  `json:"purchasers_transacting"`
	Suppliers  int64  `json:"suppliers_transacting"`
	Orders     int64  `json:"orders"`
	Amount     Amount `json:"amount"`

	PurchasersRegistered int64 `json:"purchasers_registered"`
	SuppliersApplied     int64 `json:"suppliers_applied"`
	SuppliersAdmitted    int64 `json:"suppliers_admitted"`
	ProductsRegistered   int64 `json:"products_registered"`
	ProductsTraded       int64 `json:"products_transacted"`
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

// CountyTotal is the county table's total row: the sums of its columns.
func (st *Statistics) CountyTotal() CountyRow {
	var bu, ls int64
	var t CountyRow
	for _, c := range st.Counties {
		bu, ls = bu+int64(c.BudgetUnitAmount.Fen), ls+int64(c.LocalSales.Fen)
		t.SuppliersAdmitted += c.SuppliersAdmitted
		t.SupplierOrders += c.SupplierOrders
	}
	t.BudgetUnitAmount, t.LocalSales = AmountOf(bu), AmountOf(ls)
	return t
}

// CategoryTotal is the category table's total row.
func (st *Statistics) CategoryTotal() CategoryRow {
	var amt int64
	var t CategoryRow
	for _, c := range st.Categories {
		amt += int64(c.Amount.Fen)
		t.Orders += c.Orders
	}
	t.Amount = AmountOf(amt)
	return t
}

// PipelineTotal is the status table's total row: every order.
func (st *Statistics) PipelineTotal() StatusRow {
	var amt int64
	var t StatusRow
	for _, p := range st.Pipeline {
		amt += int64(p.Amount.Fen)
		t.Orders += p.Orders
	}
	t.Amount = AmountOf(amt)
	return t
}

// AddPendingCategories gives a category with orders in review or rejected
// but none verified its row, at zero, so that "not yet verified" is not
// read as "not sold". pending is keyed as the store's Unverified keys it.
func (st *Statistics) AddPendingCategories(pending map[string]Pending) {
	for _, c := range Categories {
		pe := pending["category:"+string(c)]
		if pe.InReview+pe.Rejected == 0 || slices.ContainsFunc(st.Categories, func(r CategoryRow) bool { return r.Category == c }) {
			continue
		}
		st.Categories = append(st.Categories, CategoryRow{Category: c, Label: c.Label()})
	}
}
