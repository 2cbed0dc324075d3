package samples

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// CalibrateHunan2021 is the Options.Calibrate value that reproduces the
// hall's published 2021 statement: its county table, its ranking of budget
// units and its summary.
const CalibrateHunan2021 = "hunan-2021"

// The published 2021 statement of the hall (see shared/docs/domain.md).
var (
	//go:embed data/hunan-2021-bill-counties.csv
	billCountiesCSV string
	//go:embed data/hunan-2021-bill-summary.csv
	billSummaryCSV string
	//go:embed data/hunan-2021-bill-top-budget-units.csv
	billTopBudgetUnitsCSV string
)

// CountyTarget is one county of the 2021 table as the calibrated generator
// reproduces it: the clean orders whose supplier is in the county add up to
// Sales and number Orders, and the county has Suppliers suppliers.
type CountyTarget struct {
	Code      string // GB/T 2260 code, e.g. 430224
	Name      string // normalised name, e.g. 茶陵县
	Sales     money.Fen
	Orders    int
	Suppliers int
}

// billRow is a row of hunan-2021-bill-counties.csv.
type billRow struct {
	Name, Code string
	BudgetUnit money.Fen // budget-unit purchases by buyers of the county
	HasSupply  bool      // the supplier columns are filled in
	Sales      money.Fen
	Suppliers  int
	Orders     int
}

var billRows = sync.OnceValues(func() ([]billRow, error) {
	recs, err := csv.NewReader(strings.NewReader(billCountiesCSV)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("samples: hunan-2021-bill-counties.csv: %w", err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("samples: hunan-2021-bill-counties.csv is empty")
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, c := range []string{"name", "division_code", "budget_unit_purchase_wan_yuan", "local_product_sales_wan_yuan", "suppliers_admitted", "supplier_orders"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("samples: hunan-2021-bill-counties.csv has no column %s", c)
		}
	}
	var rows []billRow
	for i, r := range recs[1:] {
		line := i + 2
		bad := func(c string, err error) error {
			return fmt.Errorf("samples: hunan-2021-bill-counties.csv line %d: %s: %w", line, c, err)
		}
		row := billRow{Name: r[col["name"]], Code: r[col["division_code"]]}
		if row.BudgetUnit, err = parseWan(r[col["budget_unit_purchase_wan_yuan"]]); err != nil {
			return nil, bad("budget_unit_purchase_wan_yuan", err)
		}
		sales, sup, ord := r[col["local_product_sales_wan_yuan"]], r[col["suppliers_admitted"]], r[col["supplier_orders"]]
		if sales != "" || sup != "" || ord != "" {
			row.HasSupply = true
			if row.Sales, err = parseWan(sales); err != nil {
				return nil, bad("local_product_sales_wan_yuan", err)
			}
			if row.Suppliers, err = strconv.Atoi(sup); err != nil {
				return nil, bad("suppliers_admitted", err)
			}
			if row.Orders, err = strconv.Atoi(ord); err != nil {
				return nil, bad("supplier_orders", err)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
})

// parseWan parses an amount in 万元 ("843.93"; empty is zero) into fen.
func parseWan(s string) (money.Fen, error) {
	if s == "" {
		return 0, nil
	}
	v, err := money.ParseYuan(s)
	if err != nil {
		return 0, err
	}
	return v * 10_000, nil // hundredths of 万元 → fen
}

// CalibrationTargets returns the supplier counties of the hall's 2021 county
// table (samples/data/hunan-2021-bill-counties.csv), in the table's order:
// each with its local product sales (万元 × 1,000,000 fen), its supplier
// orders and its admitted suppliers. Counties whose supplier columns are
// blank in the table are left out; counties with zero sales are kept.
func CalibrationTargets() ([]CountyTarget, error) {
	rows, err := billRows()
	if err != nil {
		return nil, err
	}
	var out []CountyTarget
	for _, r := range rows {
		if !r.HasSupply {
			continue
		}
		if r.Orders < 0 || r.Sales < 0 || (r.Orders == 0) != (r.Sales == 0) || (r.Orders > 0 && r.Suppliers == 0) {
			return nil, fmt.Errorf("samples: county %s (%s): %s 万元 in %d orders from %d suppliers cannot be generated",
				r.Name, r.Code, r.Sales.Wan(), r.Orders, r.Suppliers)
		}
		if r.Sales < money.Fen(r.Orders) {
			return nil, fmt.Errorf("samples: county %s: %d orders cannot share %s fen", r.Name, r.Orders, r.Sales)
		}
		out = append(out, CountyTarget{Code: r.Code, Name: r.Name, Sales: r.Sales, Orders: r.Orders, Suppliers: r.Suppliers})
	}
	return out, nil
}

// Summary returns a figure of the hall's 2021 summary table
// (hunan-2021-bill-summary.csv) by name, e.g. "orders" → "18647".
func Summary(figure string) (string, bool) {
	recs, err := csv.NewReader(strings.NewReader(billSummaryCSV)).ReadAll()
	if err != nil {
		return "", false
	}
	for _, r := range recs {
		if len(r) >= 2 && r[0] == figure {
			return r[1], true
		}
	}
	return "", false
}

// topUnit is a row of the 2021 ranking of budget units
// (hunan-2021-bill-top-budget-units.csv), with the county-table row the
// unit belongs to.
type topUnit struct {
	Rank   int
	Name   string
	Amount money.Fen
	Row    int // index into billRows
}

// unitPlaces are the units of the ranking whose names spell no county:
// each name prefix and the county-table row (by name) it belongs to.
var unitPlaces = []struct{ prefix, row string }{
	{"长沙高新", "长沙高新技术产业开发区管理委员会"}, // 长沙高新区…, 长沙高新技术工程学校
	{"常德经济技术开发区", "常德经济技术开发区管理委员会"},
	{"伍市镇", "平江县"}, // a town of 平江县
}

// unitRow returns the county-table row of a budget unit of the ranking:
// the row of the county its name spells (longest match; an autonomous
// county also by its short form, 新晃县 for 新晃侗族自治县), else the row of
// unitPlaces.
func unitRow(name string, rows []billRow) (int, bool) {
	byName := func(n string) (int, bool) {
		for i, r := range rows {
			if r.Name == n {
				return i, true
			}
		}
		return 0, false
	}
	for _, p := range unitPlaces {
		if strings.HasPrefix(name, p.prefix) {
			return byName(p.row)
		}
	}
	var best pipeline.Division
	for _, d := range pipeline.HunanCounties() {
		short := shortCounty(d.Name) + "县"
		if (strings.Contains(name, d.Name) || (strings.Contains(d.Name, "自治县") && strings.HasPrefix(name, short))) &&
			len(d.Name) > len(best.Name) {
			best = d
		}
	}
	if best.Code == "" {
		return 0, false
	}
	for i, r := range rows {
		if r.Code == best.Code {
			return i, true
		}
	}
	return 0, false
}

// topUnits returns the 2021 ranking of budget units in rank order, each
// with its row of the county table.
func topUnits(rows []billRow) ([]topUnit, error) {
	recs, err := csv.NewReader(strings.NewReader(billTopBudgetUnitsCSV)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("samples: hunan-2021-bill-top-budget-units.csv: %w", err)
	}
	var out []topUnit
	for i, r := range recs[1:] {
		if len(r) < 3 {
			return nil, fmt.Errorf("samples: hunan-2021-bill-top-budget-units.csv line %d: want 3 fields", i+2)
		}
		u := topUnit{Name: r[1]}
		if u.Rank, err = strconv.Atoi(r[0]); err != nil || u.Rank != i+1 {
			return nil, fmt.Errorf("samples: hunan-2021-bill-top-budget-units.csv line %d: rank %q", i+2, r[0])
		}
		if u.Amount, err = parseWan(r[2]); err != nil || u.Amount <= 0 {
			return nil, fmt.Errorf("samples: hunan-2021-bill-top-budget-units.csv line %d: amount %q", i+2, r[2])
		}
		if i > 0 && u.Amount > out[i-1].Amount {
			return nil, fmt.Errorf("samples: the ranking puts %s (%s 万元) below %s (%s 万元)", u.Name, u.Amount.Wan(), out[i-1].Name, out[i-1].Amount.Wan())
		}
		var ok bool
		if u.Row, ok = unitRow(u.Name, rows); !ok {
			return nil, fmt.Errorf("samples: cannot tell the county of budget unit %s", u.Name)
		}
		out = append(out, u)
	}
	return out, nil
}

// summaryInt returns a count of the summary table.
func summaryInt(figure string) (int, error) {
	v, ok := Summary(figure)
	if !ok {
		return 0, fmt.Errorf("samples: hunan-2021-bill-summary.csv has no %s", figure)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("samples: hunan-2021-bill-summary.csv: %s is %q", figure, v)
	}
	return n, nil
}

// calibration is everything the 2021 statement fixes, read and checked
// for consistency.
type calibration struct {
	targets []CountyTarget // supplier counties
	rows    []billRow      // every row, for the budget-unit column
	units   []topUnit

	registered, transacting int // purchasers
	applied, admitted       int // suppliers
	products, transacted    int // products registered, and on orders
	amount                  money.Fen
	orders                  int
}

// loadCalibration reads the three tables and checks that they can be
// generated together: the budget-unit column fits in the total, each
// ranked unit fits in its row, and the summary agrees with the counties.
func loadCalibration() (*calibration, error) {
	c := &calibration{}
	var err error
	if c.targets, err = CalibrationTargets(); err != nil {
		return nil, err
	}
	if c.rows, err = billRows(); err != nil {
		return nil, err
	}
	if c.units, err = topUnits(c.rows); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		to   *int
	}{
		{"purchasers_registered", &c.registered}, {"purchasers_transacting", &c.transacting},
		{"suppliers_applied", &c.applied}, {"suppliers_admitted", &c.admitted},
		{"products_registered", &c.products}, {"products_transacted", &c.transacted},
		{"orders", &c.orders},
	} {
		if *f.to, err = summaryInt(f.name); err != nil {
			return nil, err
		}
	}
	v, _ := Summary("transaction_amount")
	if c.amount, err = parseWan(v); err != nil {
		return nil, fmt.Errorf("samples: hunan-2021-bill-summary.csv: transaction_amount %q", v)
	}

	var sales money.Fen
	orders, suppliers := 0, 0
	for _, t := range c.targets {
		sales += t.Sales
		orders += t.Orders
		suppliers += t.Suppliers
	}
	var budget money.Fen
	for _, r := range c.rows {
		if r.BudgetUnit < 0 {
			return nil, fmt.Errorf("samples: %s buys %s 万元", r.Name, r.BudgetUnit.Wan())
		}
		budget += r.BudgetUnit
	}
	named := make([]money.Fen, len(c.rows))
	for _, u := range c.units {
		named[u.Row] += u.Amount
	}
	switch {
	case sales != c.amount || orders != c.orders:
		return nil, fmt.Errorf("samples: the counties sell %s 万元 in %d orders, the summary says %s in %d", sales.Wan(), orders, c.amount.Wan(), c.orders)
	case budget > c.amount:
		return nil, fmt.Errorf("samples: budget units buy %s 万元, more than the %s 万元 sold", budget.Wan(), c.amount.Wan())
	case suppliers > c.admitted || c.admitted > c.applied:
		return nil, fmt.Errorf("samples: %d suppliers admitted in the counties, %d in the summary, %d applied", suppliers, c.admitted, c.applied)
	case c.transacting > c.registered || c.transacting > c.orders:
		return nil, fmt.Errorf("samples: %d purchasers transacting of %d registered in %d orders", c.transacting, c.registered, c.orders)
	case c.transacted > c.products:
		return nil, fmt.Errorf("samples: %d products transacted of %d registered", c.transacted, c.products)
	}
	for i, r := range c.rows {
		if named[i] > r.BudgetUnit {
			return nil, fmt.Errorf("samples: the ranked units of %s buy %s 万元, more than its %s", r.Name, named[i].Wan(), r.BudgetUnit.Wan())
		}
	}
	return c, nil
}
