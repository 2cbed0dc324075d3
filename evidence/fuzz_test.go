package evidence_test

import (
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// FuzzExtractRows feeds arbitrary rows to the field reader of every kind:
// lines are rows, tabs separate items. It must not panic (ExtractPDF
// recovers, but a panic here would hide a bug) and must keep its
// invariants.
func FuzzExtractRows(f *testing.F) {
	f.Add("电子发票（普通发票）\n名称：甲\t名称：乙\n项目名称\t单位\t数量\t金额\n*粮食*大米\t袋\t2\t1.00\n合 计\t¥1.00\t***")
	f.Add("农副产品采购合同\n合同编号：HT-1\t签订日期：2021年13月01日\n甲方：\n合同总金额（大写）：壹佰伍元")
	f.Add("电子回单\n金额（小写）\t￥1,2,3\n用途\t订单HN2021000123")
	f.Add("验收单\n序号\t品名\t应收数量\t实收数量\n1\t米\t1.2345\t-\n合计金额：")
	f.Fuzz(func(t *testing.T, s string) {
		var rows []pdftext.Row
		for i, ln := range strings.Split(s, "\n") {
			r := pdftext.Row{Page: 1 + i/40, Y: 800 - float64(i%40)*20, PageWidth: 595}
			x := 40.0
			for _, it := range strings.Split(ln, "\t") {
				if it == "" {
					continue
				}
				w := 10 * float64(len([]rune(it)))
				r.Items = append(r.Items, pdftext.Item{X: x, Y: r.Y, W: w, Text: it})
				x += w + 20
			}
			if len(r.Items) > 0 {
				rows = append(rows, r)
			}
		}
		for _, kind := range append([]string{""}, evidence.Kinds...) {
			x := evidence.ExtractRows(rows, kind, evidence.SourcePDFText)
			if x.Fields == nil {
				t.Fatal("nil Fields")
			}
			for k, fl := range x.Fields {
				if k == "" || fl.Value == "" || fl.Page < 1 {
					t.Fatalf("bad field %q: %+v", k, fl)
				}
			}
		}
	})
}
