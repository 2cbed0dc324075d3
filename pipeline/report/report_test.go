package report

import (
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
