package samples

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/heshi-verify/heshi/evidence/money"
)

// CalibrateHunan2021 is the Options.Calibrate value that reproduces the
// hall's published 2021 county table.
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

// topBudgetUnits returns the names of the 2021 ranking of budget units.
func topBudgetUnits() []string {
	recs, err := csv.NewReader(strings.NewReader(billTopBudgetUnitsCSV)).ReadAll()
	if err != nil {
		return nil
	}
	var out []string
	for i, r := range recs {
		if i > 0 && len(r) >= 2 && r[1] != "" {
			out = append(out, r[1])
		}
	}
	return out
}
