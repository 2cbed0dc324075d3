package evidence_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
)

// TestRealPDFInvoices states the key fields of every real text-layer PDF
// invoice in testdata as poppler's `pdftotext -layout` reads them (and as
// printed on the rendered page), independently of the golden files.
func TestRealPDFInvoices(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file                                                  string
		number, date, buyer, buyerID, seller, sellerID, total string
	}{
		{file: "real-invoice-old-15.94.pdf", number: "27086599", date: "2022-08-30", buyer: "中铁文化旅游投资集团有限公司", buyerID: "91520000MA6DKWDM90",
			seller: "苏州市吉利优行电子科技有限公司", sellerID: "91320594MA1MFD7F31", total: "15.94"},
		{file: "real-invoice-old-21.06.pdf", number: "38526680", date: "2022-08-30", buyer: "中铁文化旅游投资集团有限公司", buyerID: "91520000MA6DKWDM90",
			seller: "广州旅宝网络科技有限公司", sellerID: "914401043314030072", total: "21.06"},
		{file: "real-invoice-digital-585.pdf", number: "24112000000019562163", date: "2024-04-07", buyer: "中铁文化旅游投资集团有限公司", buyerID: "91520000MA6DKWDM90",
			seller: "北京飞天下航空服务有限公司", sellerID: "91110106580837279G", total: "585.00"},
		{file: "real-invoice-digital-goods.pdf", number: "25322000000337005189", date: "2025-07-22", buyer: "无锡天鹏菜篮子工程有限公司", buyerID: "91320200796148368W",
			seller: "梁溪苏翼智能产品中心", sellerID: "92320213MACRYAKN16", total: "8819.60"},
		{file: "real-invoice-shenzhen-962.pdf", number: "09826096", date: "2023-03-18", buyer: "中铁文化旅游投资集团有限公司", buyerID: "91520000MA6DKWDM90",
			seller: "深圳市定军山商业管理有限公司", sellerID: "91440300MA5FPRG28K", total: "962.00"},
		// No ToUnicode: Adobe-GB1 CIDs, text from the collection's table.
		{file: "real-invoice-shenzhen-37.20.pdf", number: "02730522", date: "2024-01-17", buyer: "中铁文化旅游投资集团有限公司", buyerID: "91520000MA6DKWDM90",
			seller: "深圳市中交出行科技有限公司", sellerID: "91440300MA5DBYX94A", total: "37.20"},
		{file: "real-invoice-beijing-2017.pdf", number: "16046427", date: "2017-08-21", buyer: "北京金山办公软件股份有限公司", buyerID: "91110108587665983J",
			seller: "奇点同舟餐饮管理（北京）有限公司", sellerID: "91110108306521335M", total: "22.00"},
		// No ToUnicode, Adobe-Identity CIDs: the embedded TrueType's cmap.
		// pdftotext cannot read this one; the figures are those of the
		// rendered page (pdftoppm).
		{file: "real-invoice-no-tounicode.pdf", number: "04868861", date: "2022-08-25", buyer: "中铁文化旅游投资集团有限公司", buyerID: "91520000MA6DKWDM90",
			seller: "郫都区优舍酒店", sellerID: "92510124MA6794X98P", total: "759.00"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			x := evidence.ExtractPDF(data, "", evidence.Limits{})
			if !x.Readable || x.Kind != evidence.KindInvoice {
				t.Fatalf("readable %v kind %q (%s)", x.Readable, x.Kind, x.Reason)
			}
			want := map[string]string{"number": tc.number, "date": tc.date, "buyer_name": tc.buyer, "buyer_id": tc.buyerID,
				"seller_name": tc.seller, "seller_id": tc.sellerID, "total": tc.total}
			for k, v := range want {
				if got := x.Fields[k].Value; got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}
