// Package report writes the statistics' tables (pipeline.Statistics) for
// people and programs: aligned text for a terminal, CSV and XLSX. The CLI's
// `heshi stats` and the web's exports both write through it.
//
// It imports the domain and excelize; no database, no HTTP.
package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
)

// Tables names the tables of pipeline.Statistics, in the order they print.
var Tables = []string{"summary", "counties", "budget_units", "suppliers", "categories", "pipeline"}

// TotalRow opens the last row of the tables that add up (counties,
// categories, pipeline): the sums of their columns.
const TotalRow = "total"

// Table returns one table as a header and rows of strings; amounts appear in
// yuan and in 万元. The tables that add up end with a TotalRow.
func Table(st *pipeline.Statistics, name string) (header []string, rows [][]string, err error) {
	itoa := func(n int64) string { return strconv.FormatInt(n, 10) }
	switch name {
	case "summary":
		header = []string{"figure", "value"}
		rows = [][]string{
			{"purchasers_registered", itoa(st.Summary.PurchasersRegistered)},
			{"purchasers_transacting", itoa(st.Summary.Purchasers)},
			{"suppliers_applied", itoa(st.Summary.SuppliersApplied)},
			{"suppliers_admitted", itoa(st.Summary.SuppliersAdmitted)},
			{"suppliers_transacting", itoa(st.Summary.Suppliers)},
			{"products_registered", itoa(st.Summary.ProductsRegistered)},
			{"products_transacted", itoa(st.Summary.ProductsTraded)},
			{"orders", itoa(st.Summary.Orders)},
			{"amount_yuan", st.Summary.Amount.Yuan},
			{"amount_wan_yuan", st.Summary.Amount.Wan},
		}
	case "counties":
		header = []string{"division_code", "county", "city", "budget_unit_purchase_yuan", "budget_unit_purchase_wan_yuan",
			"local_product_sales_yuan", "local_product_sales_wan_yuan", "suppliers_admitted", "supplier_orders"}
		for _, c := range st.Counties {
			rows = append(rows, []string{c.Code, c.Name, c.City, c.BudgetUnitAmount.Yuan, c.BudgetUnitAmount.Wan,
				c.LocalSales.Yuan, c.LocalSales.Wan, itoa(c.SuppliersAdmitted), itoa(c.SupplierOrders)})
		}
		t := st.CountyTotal()
		rows = append(rows, []string{TotalRow, "", "", t.BudgetUnitAmount.Yuan, t.BudgetUnitAmount.Wan, t.LocalSales.Yuan, t.LocalSales.Wan,
			itoa(t.SuppliersAdmitted), itoa(t.SupplierOrders)})
	case "budget_units", "suppliers":
		list := st.BudgetUnits
		if name == "suppliers" {
			list = st.Suppliers
		}
		header = []string{"rank", "id", "name", "division_code", "amount_yuan", "amount_wan_yuan", "orders"}
		for i, p := range list {
			rows = append(rows, []string{strconv.Itoa(i + 1), p.ID, p.Name, p.DivisionCode, p.Amount.Yuan, p.Amount.Wan, itoa(p.Orders)})
		}
	case "categories":
		header = []string{"category", "label", "amount_yuan", "amount_wan_yuan", "orders"}
		for _, c := range st.Categories {
			rows = append(rows, []string{string(c.Category), c.Label, c.Amount.Yuan, c.Amount.Wan, itoa(c.Orders)})
		}
		t := st.CategoryTotal()
		rows = append(rows, []string{TotalRow, "", t.Amount.Yuan, t.Amount.Wan, itoa(t.Orders)})
	case "pipeline":
		header = []string{"status", "orders", "amount_yuan", "amount_wan_yuan"}
		for _, p := range st.Pipeline {
			rows = append(rows, []string{string(p.Status), itoa(p.Orders), p.Amount.Yuan, p.Amount.Wan})
		}
		t := st.PipelineTotal()
		rows = append(rows, []string{TotalRow, itoa(t.Orders), t.Amount.Yuan, t.Amount.Wan})
	default:
		return nil, nil, pipeline.Errorf(pipeline.EInvalid, "unknown table %q (want one of %v)", name, Tables)
	}
	return header, rows, nil
}

// WriteCSV writes the named tables (all when none is named) as CSV for
// programs, with Table's keys; several tables are separated by a blank line
// and each starts with a row naming it.
func WriteCSV(w io.Writer, st *pipeline.Statistics, tables ...string) error {
	return writeCSV(w, tables, func(name string) (string, []string, [][]string, error) {
		header, rows, err := Table(st, name)
		return name, header, rows, err
	})
}

// writeCSV writes tables as CSV, each as table gives its title, header and
// rows, with formulas made inert.
func writeCSV(w io.Writer, tables []string, table func(name string) (title string, header []string, rows [][]string, err error)) error {
	if len(tables) == 0 {
		tables = Tables
	}
	cw := csv.NewWriter(w)
	for i, name := range tables {
		title, header, rows, err := table(name)
		if err != nil {
			return err
		}
		if len(tables) > 1 {
			if i > 0 {
				cw.Write([]string{}) //nolint:errcheck // checked by Flush
			}
			cw.Write([]string{title}) //nolint:errcheck
		}
		cw.Write(header) //nolint:errcheck
		for _, r := range rows {
			cw.Write(inertCells(r)) //nolint:errcheck
		}
	}
	cw.Flush()
	return cw.Error()
}

// inertCells returns the row with every cell a spreadsheet would take for
// a formula made inert: a name a supplier chose such as
// =HYPERLINK("http://…") or @SUM(…) opens as text, prefixed with an
// apostrophe (OWASP's advice for CSV injection). Numbers, negative ones too,
// stay as they are.
func inertCells(row []string) []string {
	var out []string
	for i, c := range row {
		if !formulaLike(c) {
			continue
		}
		if out == nil {
			out = slices.Clone(row)
		}
		out[i] = "'" + c
	}
	if out == nil {
		return row
	}
	return out
}

// formulaLike says whether a spreadsheet would read cell c as a formula or
// a command: it starts with =, +, -, @, a tab or a carriage return and is
// not a plain number.
func formulaLike(c string) bool {
	if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return false
	}
	_, err := strconv.ParseFloat(c, 64)
	return err != nil
}

// WriteText writes the named tables (all when none is named) as aligned text
// for a terminal.
func WriteText(w io.Writer, st *pipeline.Statistics, tables ...string) error {
	if len(tables) == 0 {
		tables = Tables
	}
	for i, name := range tables {
		header, rows, err := Table(st, name)
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "== %s ==\n", name)
		if err := writeAligned(w, append([][]string{header}, rows...)); err != nil {
			return err
		}
	}
	return nil
}

// writeAligned writes rows in columns padded to their display width: a
// Chinese character takes two cells on a terminal, which tabwriter ignores.
func writeAligned(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.Reset()
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// displayWidth counts East Asian wide characters as two cells.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) ||
			(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6) ||
			(r >= 0x20000 && r <= 0x3fffd)):
			n += 2
		default:
			n++
		}
	}
	return n
}
