package report

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/samples"
)

// TestStatementPDF (issue 12): the statement as a PDF says every table in
// words a reader can extract: the title, the overview's figures grouped,
// each county with its figures, the total row, the rankings; a county table
// longer than a page continues on the next with its header repeated.
func TestStatementPDF(t *testing.T) {
	font, err := samples.LoadFont()
	if errors.Is(err, samples.ErrNoFont) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	st := statsForExport()
	for i := range 120 { // a long county table: three pages or more
		st.Counties = append(st.Counties, pipeline.CountyRow{Code: fmt.Sprintf("43%04d", i), Name: fmt.Sprintf("测试县%03d", i), City: "测试市",
			BudgetUnitAmount: pipeline.AmountOf(int64(i) * 10000), LocalSales: pipeline.AmountOf(int64(i) * 20000), SuppliersAdmitted: 1, SupplierOrders: 2})
	}
	st.BudgetUnits = []pipeline.PartyRow{{ID: "B1", Name: "茶陵县第二中学", Amount: pipeline.AmountOf(50310000), Orders: 12}}
	var b bytes.Buffer
	if err := WriteStatementPDF(&b, st, 2021, Chinese, font, "2026-12-01 18:00"); err != nil {
		t.Fatal(err)
	}
	rows, err := pdftext.Rows(b.Bytes(), pdftext.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	pages, headers := 0, 0
	for _, r := range rows {
		pages = max(pages, r.Page)
		line := r.Text()
		if strings.HasPrefix(line, "市（州）") {
			headers++
		}
		text.WriteString(line + "\n")
	}
	got := text.String()
	for _, want := range []string{"湖南省政府采购电子卖场乡村振兴馆交易情况 2021", "一、总体情况", "注册采购人（个）", "32,824", "1,234,567.89",
		"株洲市", "茶陵县", "100.00", "测试县119", "合计", "三、预算单位采购排名（前50名）", "茶陵县第二中学", "50.31", "五、分品类情况", "湘米"} {
		if !strings.Contains(got, want) {
			t.Errorf("the statement PDF lacks %q", want)
		}
	}
	if pages < 3 || headers < 2 {
		t.Errorf("%d pages, the county header %d times; want the long table over pages with its header repeated", pages, headers)
	}
	if !strings.Contains(got, fmt.Sprintf("第 %d 页", pages)) {
		t.Errorf("the last page is not numbered %d", pages)
	}
}
