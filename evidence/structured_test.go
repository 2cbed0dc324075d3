package evidence_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ofd"
	"github.com/heshi-verify/heshi/evidence/xmlinvoice"
)

// TestRealStructured states the fields of the real OFD and XML files as
// read off their pages by a person (the figures printed on each), and
// where they must come from.
func TestRealStructured(t *testing.T) {
	t.Parallel()
	inv := func(number, date, buyer, buyerID, seller, sellerID, total string) map[string]string {
		m := map[string]string{"number": number, "date": date, "buyer_name": buyer, "seller_name": seller, "seller_id": sellerID, "total": total}
		if buyerID != "" {
			m["buyer_id"] = buyerID
		}
		return m
	}
	pay := func(date, payer, payerAcct, payee, payeeAcct, amount, receipt string) map[string]string {
		return map[string]string{"date": date, "payer_name": payer, "payer_account": payerAcct, "payee_name": payee,
			"payee_account": payeeAcct, "amount": amount, "receipt_no": receipt}
	}
	tests := []struct {
		file, source string
		fields       map[string]string
	}{
		{"real-invoice-ofd-xml-526.ofd", evidence.SourceOFDXML, inv("83089647", "2020-07-23", "江苏京利华新材料有限公司", "91320115MA202UKD7X", "兰溪市悦济舫餐厅", "92330781MA2EDMFU50", "526.00")},
		{"real-invoice-ofd-xml-200.ofd", evidence.SourceOFDXML, inv("31471858", "2020-10-04", "上海后衍品牌管理有限公司钟楼分公司", "91320404MA22FHG7XX", "新北区河海华昇印章雕刻社", "32040419760706081301", "200.00")},
		{"real-invoice-ofd-no-page-container.ofd", evidence.SourceOFDXML, inv("04875996", "2020-04-20", "上海浪潮云计算服务有限公司", "91310108342080987A", "上海阿金大白餐饮管理有限公司", "91310110MA1G8YNR76", "57.00")},
		{"real-invoice-ofd-xml-25254.62.ofd", evidence.SourceOFDXML, inv("00008006", "2022-05-05", "中国移动通信集团贵州有限公司黔南分公司", "91522701709696623X", "独山县城南网格刘梦阳通讯店", "92522726MA7GNHJ07M", "25254.62")},
		{"real-invoice-ofd-testenv-5pages.ofd", evidence.SourceOFDXML, inv("12235358", "2020-08-05", "个人", "", "财天下科技有限公司", "91500102563638729E", "10600.00")},
		{"real-invoice-ofd-digital-customtag.ofd", evidence.SourceOFDCustomTag, inv("24322000000489101796", "2024-12-05", "无锡天鹏菜篮子工程有限公司", "91320200796148368W", "无锡爱尔拓燃气技术设备有限公司", "91320211739560225X", "20000.00")},
		{"real-invoice-ofd-digital-2024.ofd", evidence.SourceOFDCustomTag, inv("24112000000048542163", "2024-05-28", "海南麒麟云服科技有限公司", "91460300MAA92DJN95", "北京互联三六五科技有限公司", "91110108690017781B", "4449.00")},
		{"real-invoice-fp-526.xml", evidence.SourceXML, inv("83089647", "2020-07-23", "江苏京利华新材料有限公司", "91320115MA202UKD7X", "兰溪市悦济舫餐厅", "92330781MA2EDMFU50", "526.00")},
		{"synthetic-invoice-einvoice.xml", evidence.SourceXML, inv("21432000000012345680", "2021-10-15", buyerName, buyerID, coopName, coopID, "1234.50")},
		{"real-receipt-ofd-icbc.ofd", evidence.SourceOFDXBRL, pay("2022-06-28", "国网河北能源技术服务有限公司", "0402021509300089989", "中环建（北京）工程管理有限公司榆林分公司", "806050001421015777", "40000.00", "22179000012")},
		{"real-receipt-bker-icbc.xml", evidence.SourceXML, pay("2022-06-28", "国网河北能源技术服务有限公司", "0402021509300089989", "中环建（北京）工程管理有限公司榆林分公司", "806050001421015777", "40000.00", "22179000012")},
		{"real-receipt-ofd-ceb.ofd", evidence.SourceOFDXBRL, pay("2020-06-22", "余额对账流程户4人民币", "35030188011164119", "网电十一", "9003022102010123", "400000.00", "202006229013100000510000000001")},
		{"real-receipt-ofd-power-finance.ofd", evidence.SourceOFDXBRL, pay("2022-05-25", "国网福建省电力有限公司", "1605281110201000001", "国网汇通金财（北京）信息科技有限公司", "1099476510201000001", "", "202205250016050102202100000069-141950")},
		{"real-receipt-ofd-mof-specimen.ofd", evidence.SourceOFDXBRL, pay("2019-11-30", "上海商务电子有限公司", "6226000100010001", "天隆超市有限公司", "6226000200020002", "", "201903039029660024300000000001")},
	}
	for _, tc := range tests {
		data, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		var x evidence.Extraction
		if filepath.Ext(tc.file) == ".xml" {
			x = xmlinvoice.Extract(data, "")
		} else {
			x = ofd.Extract(data, "", 0)
		}
		if !x.Readable || x.Source != tc.source {
			t.Errorf("%s: readable %v source %q (%s), want source %q", tc.file, x.Readable, x.Source, x.Reason, tc.source)
			continue
		}
		for k, v := range tc.fields {
			if v == "" {
				continue
			}
			if got := x.Fields[k].Value; got != v {
				t.Errorf("%s: %s = %q, want %q", tc.file, k, got, v)
			}
		}
	}
}
