package pdftext_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/evidence/pdftext/pdftest"
)

// texts returns the Text of each row.
func texts(rows []pdftext.Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Text()
	}
	return out
}

func TestRowsSynthetic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		build func(d *pdftest.Doc)
		want  []string
	}{
		{
			name: "rows top to bottom whatever the drawing order",
			build: func(d *pdftest.Doc) {
				p := d.AddPage()
				p.Text(50, 200, 12, "第三行")
				p.Text(50, 100, 12, "第一行")
				p.Text(50, 150, 12, "第二行")
			},
			want: []string{"第一行", "第二行", "第三行"},
		},
		{
			name: "label and value in separate cells of one row",
			build: func(d *pdftest.Doc) {
				p := d.AddPage()
				p.Text(50, 100, 10, "合同编号：")
				p.Text(200, 100, 10, "HT-2021-000123")
				p.Text(350, 100, 10, "签订日期：")
				p.Text(450, 100.8, 10, "2021年10月05日") // slightly off baseline
			},
			want: []string{"合同编号： HT-2021-000123 签订日期： 2021年10月05日"},
		},
		{
			name: "abutting strings merge into one item",
			build: func(d *pdftest.Doc) {
				p := d.AddPage()
				p.Text(50, 100, 10, "采购")  // 2 glyphs of 10pt: ends at 70
				p.Text(70, 100, 10, "合同")  // abuts
				p.Text(90.5, 100, 10, "书") // 0.5pt gap: still abutting
			},
			want: []string{"采购合同书"},
		},
		{
			name: "space glyphs split items and become single spaces",
			build: func(d *pdftest.Doc) {
				p := d.AddPage()
				p.Text(50, 100, 10, "名      称：某某合作社")
			},
			want: []string{"名 称：某某合作社"},
		},
		{
			name: "overprinted fake bold is read once",
			build: func(d *pdftest.Doc) {
				p := d.AddPage()
				p.Text(50, 100, 16, "采购合同")
				p.Text(50.3, 100, 16, "采购合同")
			},
			want: []string{"采购合同"},
		},
		{
			name: "TJ offsets and character spacing move glyphs",
			build: func(d *pdftest.Doc) {
				p := d.AddPage()
				// 名, then -3000/1000 em to the right, then 称: a visible gap.
				p.Raw("BT /F1 10 Tf 50 700 Td [<540D> -3000 <79F0>] TJ ET\n")
				// 2pt character spacing on a 10pt font: glyphs still abut.
				p.Raw("BT /F1 10 Tf 2 Tc 50 650 Td <91D1989D> Tj ET\n")
			},
			want: []string{"名 称", "金额"},
		},
		{
			name: "text matrix and cm scale the font",
			build: func(d *pdftest.Doc) {
				p := d.AddPage()
				p.Raw("q 2 0 0 2 0 0 cm BT /F1 5 Tf 1 0 0 1 25 350 Tm <53D1> Tj <7968> Tj ET Q\n")
				p.Text(50, 200, 10, "下一行")
			},
			want: []string{"发票", "下一行"},
		},
		{
			name: "pages in order",
			build: func(d *pdftest.Doc) {
				d.AddPage().Text(50, 100, 10, "第一页")
				d.AddPage().Text(50, 100, 10, "第二页")
			},
			want: []string{"第一页", "第二页"},
		},
		{
			name: "compressed content",
			build: func(d *pdftest.Doc) {
				d.Compress = true
				d.AddPage().Text(50, 100, 10, "¥1,234.50")
			},
			want: []string{"¥1,234.50"},
		},
		{
			name: "a page without text gives no rows",
			build: func(d *pdftest.Doc) {
				d.AddPage().Line(10, 10, 100, 100)
			},
			want: []string{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := pdftest.New(pdftest.A4W, pdftest.A4H)
			tc.build(d)
			rows, err := pdftext.Rows(d.Bytes(), pdftext.Limits{})
			if err != nil {
				t.Fatalf("Rows: %v", err)
			}
			got := texts(rows)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("rows:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestRowsGeometry(t *testing.T) {
	t.Parallel()
	d := pdftest.New(pdftest.A4W, pdftest.A4H)
	p := d.AddPage()
	p.Text(40, 100, 10, "名称：甲方单位")
	p.Text(340, 100, 10, "名称：乙方公司")
	rows, err := pdftext.Rows(d.Bytes(), pdftext.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || len(rows[0].Items) != 2 {
		t.Fatalf("got %+v, want one row of two items", rows)
	}
	r := rows[0]
	if r.Page != 1 || r.PageWidth != pdftest.A4W {
		t.Errorf("page %d width %.2f, want 1 and %.2f", r.Page, r.PageWidth, pdftest.A4W)
	}
	if wantY := pdftest.A4H - 100; abs(r.Y-wantY) > 0.01 {
		t.Errorf("row Y = %.2f, want %.2f", r.Y, wantY)
	}
	left, right := r.Items[0], r.Items[1]
	if left.Text != "名称：甲方单位" || right.Text != "名称：乙方公司" {
		t.Errorf("items %q, %q", left.Text, right.Text)
	}
	// Seven full-width glyphs at 10pt.
	if abs(left.X-40) > 0.01 || abs(left.W-70) > 0.01 || abs(right.X-340) > 0.01 {
		t.Errorf("left X=%.2f W=%.2f, right X=%.2f; want 40, 70, 340", left.X, left.W, right.X)
	}
}

func TestRowsRotatedPage(t *testing.T) {
	t.Parallel()
	// Landscape content drawn on a portrait MediaBox rotated 90°: text
	// drawn upwards along the page's left edge reads left to right once
	// the page is displayed.
	d := pdftest.New(400, 600)
	d.Rotate = 90
	p := d.AddPage()
	p.Raw("BT /F1 10 Tf 0 1 -1 0 100 50 Tm <53D1796853F77801> Tj ET\n") // 发票号码, x=100 from the left, upwards from y=50
	p.Raw("BT /F1 10 Tf 0 1 -1 0 150 50 Tm <5F00796865E5671F> Tj ET\n") // 开票日期, further right on the MediaBox = lower on display
	rows, err := pdftext.Rows(d.Bytes(), pdftext.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := texts(rows)
	want := []string{"发票号码", "开票日期"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", got, want)
	}
	if rows[0].PageWidth != 600 {
		t.Errorf("PageWidth = %v, want 600 (the displayed width)", rows[0].PageWidth)
	}
}

func TestRowText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		items []pdftext.Item
		want  string
	}{
		{"empty", nil, ""},
		{"one", []pdftext.Item{{X: 0, W: 20, Text: "合同"}}, "合同"},
		{"abutting", []pdftext.Item{{X: 0, W: 20, Text: "合同"}, {X: 20, W: 20, Text: "编号"}}, "合同编号"},
		{"gap", []pdftext.Item{{X: 0, W: 20, Text: "合同"}, {X: 30, W: 20, Text: "编号"}}, "合同 编号"},
		{"tiny gap is not visible", []pdftext.Item{{X: 0, W: 20, Text: "合同"}, {X: 20.5, W: 20, Text: "编号"}}, "合同编号"},
	}
	for _, tc := range tests {
		if got := (pdftext.Row{Items: tc.items}).Text(); got != tc.want {
			t.Errorf("%s: Text() = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRowsErrors(t *testing.T) {
	t.Parallel()
	valid := func() []byte {
		d := pdftest.New(pdftest.A4W, pdftest.A4H)
		d.AddPage().Text(50, 50, 10, "发票")
		return d.Bytes()
	}
	twoPages := func() []byte {
		d := pdftest.New(pdftest.A4W, pdftest.A4H)
		d.AddPage().Text(50, 50, 10, "一")
		d.AddPage().Text(50, 50, 10, "二")
		return d.Bytes()
	}
	encrypted := func() []byte {
		d := pdftest.New(pdftest.A4W, pdftest.A4H)
		d.Encrypt = true
		d.AddPage().Text(50, 50, 10, "发票")
		return d.Bytes()
	}
	tests := []struct {
		name string
		data []byte
		lim  pdftext.Limits
		want error
	}{
		{"empty", nil, pdftext.Limits{}, pdftext.ErrUnreadable},
		{"not a PDF", []byte("PK\x03\x04 this is a zip, not a PDF at all"), pdftext.Limits{}, pdftext.ErrUnreadable},
		{"truncated", valid()[:300], pdftext.Limits{}, pdftext.ErrUnreadable},
		{"bad xref offset", []byte(strings.Replace(string(valid()), "startxref\n", "startxref\n9", 1)), pdftext.Limits{}, pdftext.ErrUnreadable},
		{"too many bytes", valid(), pdftext.Limits{MaxBytes: 100}, pdftext.ErrTooLarge},
		{"too many pages", twoPages(), pdftext.Limits{MaxPages: 1}, pdftext.ErrTooLarge},
		{"encrypted", encrypted(), pdftext.Limits{}, pdftext.ErrEncrypted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := pdftext.Rows(tc.data, tc.lim)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Rows error = %v, want %v", err, tc.want)
			}
			if rows != nil {
				t.Errorf("rows = %v, want nil with an error", rows)
			}
		})
	}
}

func TestRowsRepairsHeaderAndTrailer(t *testing.T) {
	t.Parallel()
	d := pdftest.New(pdftest.A4W, pdftest.A4H)
	d.AddPage().Text(50, 50, 10, "验收报告")
	data := d.Bytes()
	v2 := append([]byte("%PDF-2.0"), data[8:]...)                      // PDF 2.0 header
	junk := append(append([]byte(nil), data...), make([]byte, 500)...) // padding after %%EOF
	for name, b := range map[string][]byte{"pdf 2.0": v2, "trailing junk": junk} {
		rows, err := pdftext.Rows(b, pdftext.Limits{})
		if err != nil || len(rows) != 1 || rows[0].Text() != "验收报告" {
			t.Errorf("%s: got %q, %v; want one row 验收报告", name, texts(rows), err)
		}
	}
}

// TestRowsRealInvoices reads real invoices (see ../testdata/ATTRIBUTION.tsv)
// and checks rows that the field extractor depends on.
func TestRowsRealInvoices(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file      string
		wantRows  []string // each must be the Text of some row
		unknownOK bool     // glyphs without Unicode (U+FFFD) are expected
	}{
		{"real-invoice-old-15.94.pdf", []string{
			"国家税务总局 开票日期：2022年08月30日",
			"价税合计（大写） 壹拾伍圆玖角肆分 （小写）¥15.94",
			"纳税人识别号:91520000MA6DKWDM90 88901</-+912</<-49/02838*521",
			"收款人: 王文鑫 复核: 郑丽群 开票人: 孔炜 销售方:(章)",
		}, false},
		{"real-invoice-old-21.06.pdf", []string{
			"名 称: 中铁文化旅游投资集团有限公司 *7>967576<46757+728702255<5",
			"*运输服务*客运服务费 无 次 1 21.06 21.06 免税 ***",
		}, false},
		{"real-invoice-digital-585.pdf", []string{
			"电子发票（增值税专用发票） 发票号码：24112000000019562163",
			"购 名称：中铁文化旅游投资集团有限公司 销 名称：北京飞天下航空服务有限公司",
			"合 计 ¥551.89 ¥33.11",
		}, false},
		{"real-invoice-digital-goods.pdf", []string{
			"价税合计（大写） 捌仟捌佰壹拾玖圆陆角整 （小写）¥8819.60",
		}, false},
		// No ToUnicode maps: Adobe-GB1 CIDs, through the collection's table.
		{"real-invoice-shenzhen-37.20.pdf", []string{
			"发票号码：02730522",
			"开票日期：2024 年 01 月 17 日",
			"名 称：中铁文化旅游投资集团有限公司 密",
			"纳税人识别号：91440300MA5DBYX94A",
			"价税合计（大写） 叁拾柒圆贰角 （小写）¥37.20",
		}, false},
		{"real-invoice-beijing-2017.pdf", []string{
			"国 开票日期：2017年08月21日",
			"纳税人识别号：91110108587665983J 513*+>9<57+28+>10--/7>7-9/>3", // a label's space under the first digit
			"名 称：奇点同舟餐饮管理（北京）有限公司",
			"价税合计 (大写） 贰拾贰元整 （小写） ￥ 22.00",
		}, false},
		{"real-invoice-shenzhen-962.pdf", []string{
			"发票号码：09826096",
			"价税合计（大写） ⊗ 玖佰陆拾贰元整 （小写） ￥962.00",
			"售 纳税人识别号：91440300MA5FPRG28K",
		}, false},
		// No ToUnicode map, Adobe-Identity CIDs: the embedded TrueType's cmap.
		{"real-invoice-no-tounicode.pdf", []string{
			"发票号码：04868861",
			"销 名 称：郫都区优舍酒店",
			"纳税人识别号：92510124MA6794X98P",
			"价税合计（大写） 柒佰伍拾玖圆整 （小写）¥759.00",
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join("..", "testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := pdftext.Rows(data, pdftext.Limits{})
			if err != nil {
				t.Fatalf("Rows: %v", err)
			}
			got := texts(rows)
			have := map[string]bool{}
			unknown := 0
			for _, s := range got {
				have[s] = true
				unknown += strings.Count(s, "\uFFFD")
			}
			for _, w := range tc.wantRows {
				if !have[w] {
					t.Errorf("no row %q in\n%s", w, strings.Join(got, "\n"))
				}
			}
			if tc.unknownOK != (unknown > 0) {
				t.Errorf("%d unknown glyphs, want some: %v", unknown, tc.unknownOK)
			}
			for i := 1; i < len(rows); i++ {
				if rows[i].Page == rows[i-1].Page && rows[i].Y > rows[i-1].Y {
					t.Errorf("row %d (Y=%.1f) above row %d (Y=%.1f)", i, rows[i].Y, i-1, rows[i-1].Y)
				}
			}
		})
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
