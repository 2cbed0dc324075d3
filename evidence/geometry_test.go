package evidence_test

import (
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// cell is a run of text at x on a row of a hand-built page.
type cell struct {
	x float64
	s string
}

// page builds rows from the top of an A4 page down, 20pt apart, 10pt
// text; a nil row leaves a gap. Each character is 10pt wide.
func page(rows ...[]cell) []pdftext.Row {
	var out []pdftext.Row
	y := 780.0
	for _, r := range rows {
		if r != nil {
			row := pdftext.Row{Page: 1, Y: y, PageWidth: 595}
			for _, c := range r {
				row.Items = append(row.Items, pdftext.Item{X: c.x, Y: y, W: 10 * float64(len([]rune(c.s))), Size: 10, Text: c.s})
			}
			out = append(out, row)
		}
		y -= 20
	}
	return out
}

func c(x float64, s string) cell { return cell{x, s} }

// rowAt builds one row at y in type of size (characters size wide), for
// pages whose rows are not evenly spaced.
func rowAt(y, size float64, cells ...cell) pdftext.Row {
	row := pdftext.Row{Page: 1, Y: y, PageWidth: 595}
	for _, c := range cells {
		row.Items = append(row.Items, pdftext.Item{X: c.x, Y: y, W: size * float64(len([]rune(c.s))), Size: size, Text: c.s})
	}
	return row
}

// TestReadGeometry reads fields laid out as banks, couriers and buyers lay
// them out, beyond label: value on one row.
func TestReadGeometry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kind string
		rows []pdftext.Row
		want map[string]string
	}{
		{"receipt with payer and payee column headers", evidence.KindPayment, page(
			[]cell{c(200, "中国建设银行网上银行电子回单")},
			[]cell{c(150, "付款人"), c(360, "收款人")},
			[]cell{c(50, "全称"), c(150, buyerName), c(360, firmName)},
			[]cell{c(50, "账号"), c(150, "4300 1234 5678 9"), c(360, "1982 5645 8027 2161 920")},
			[]cell{c(50, "开户行"), c(150, "中国农业银行茶陵县支行"), c(360, "中国工商银行株洲分行")},
			[]cell{c(50, "金额"), c(150, "人民币壹仟贰佰叁拾肆元伍角整"), c(400, "¥1,234.50")},
			[]cell{c(50, "交易日期"), c(150, "20211005"), c(300, "回单编号"), c(400, "R20211005001")},
		), map[string]string{
			"payer_name": buyerName, "payee_name": firmName, "payer_account": "4300123456789", "payee_account": "1982564580272161920",
			"payer_bank": "中国农业银行茶陵县支行", "payee_bank": "中国工商银行株洲分行", "amount": "1234.50",
			"amount_upper": "人民币壹仟贰佰叁拾肆元伍角整", "date": "2021-10-05", "receipt_no": "R20211005001",
		}},
		{"receipt with vertical captions and generic rows", evidence.KindPayment, page(
			[]cell{c(200, "网上银行电子回单")},
			[]cell{c(30, "付"), c(50, "户名"), c(100, buyerName), c(300, "收"), c(320, "户名"), c(370, coopName)},
			[]cell{c(30, "款"), c(50, "账号"), c(100, "4300123456789"), c(300, "款"), c(320, "账号"), c(370, "6228480000000001")},
			[]cell{c(30, "人"), c(50, "开户行"), c(110, "农行茶陵支行"), c(300, "人"), c(320, "开户行"), c(380, "茶陵农商银行")},
			[]cell{c(50, "交易金额(小写)"), c(200, "CNY1,234.50")},
		), map[string]string{
			"payer_name": buyerName, "payee_name": coopName, "payer_account": "4300123456789", "payee_account": "6228480000000001",
			"payer_bank": "农行茶陵支行", "payee_bank": "茶陵农商银行", "amount": "1234.50",
		}},
		{"vertical caption one of whose characters a scan specked (·款)", evidence.KindPayment, page(
			[]cell{c(200, "网上银行电子回单")},
			[]cell{c(30, "付"), c(50, "户名"), c(100, buyerName), c(300, "收"), c(320, "户名"), c(370, coopName)},
			[]cell{c(30, "款"), c(50, "账号"), c(100, "4300123456789"), c(296, "·款"), c(320, "账号"), c(370, "6228480000000001")},
			[]cell{c(30, "人"), c(50, "开户行"), c(110, "农行茶陵支行"), c(300, "人"), c(320, "开户行"), c(380, "茶陵农商银行")},
		), map[string]string{
			"payer_account": "4300123456789", "payee_name": coopName, "payee_account": "6228480000000001", "payee_bank": "茶陵农商银行",
		}},
		{"debit advice naming the holder and the counterparty", evidence.KindPayment, page(
			[]cell{c(220, "借记通知")},
			[]cell{c(50, "账号：4300123456789"), c(300, "户名："+buyerName)},
			[]cell{c(50, "对方账号：6228480000000001"), c(300, "对方户名："+coopName)},
			[]cell{c(50, "发生额：1,234.50"), c(300, "记账日期：2021-10-05")},
		), map[string]string{
			"payer_name": buyerName, "payer_account": "4300123456789", "payee_name": coopName, "payee_account": "6228480000000001",
			"amount": "1234.50", "date": "2021-10-05",
		}},
		{"waybill grid of headers above values", evidence.KindLogistics, page(
			[]cell{c(220, "顺丰速运 电子运单")},
			[]cell{c(50, "运单号码"), c(180, "揽收时间"), c(330, "签收时间")},
			[]cell{c(50, "SF1234567890123"), c(180, "2021-10-03 09:12"), c(330, "2021-10-05 16:40")},
		), map[string]string{
			"tracking_no": "SF1234567890123", "shipped": "2021-10-03", "signed": "2021-10-05", "carrier": "顺丰速运",
		}},
		{"courier label with 寄 and 收 and no labels", evidence.KindLogistics, page(
			[]cell{c(50, "中通快递"), c(300, "78901234567890")},
			[]cell{c(50, "收"), c(80, "李老师 13800138000")},
			[]cell{c(80, "湖南省株洲市茶陵县城关镇解放路12号")},
			nil,
			[]cell{c(50, "寄"), c(80, "王建国 13900139000")},
			[]cell{c(80, "湖南省株洲市炎陵县霞阳镇")},
		), map[string]string{
			"carrier": "中通快递", "tracking_no": "78901234567890", "recipient": "李老师", "sender": "王建国",
			"address": "湖南省株洲市茶陵县城关镇解放路12号",
		}},
		{"contract with the parties in a buyer | seller table", evidence.KindContract, page(
			[]cell{c(220, "农副产品购销合同")},
			[]cell{c(50, "合同编号："+contractNo)},
			[]cell{c(200, "买方"), c(400, "卖方")},
			[]cell{c(50, "名称"), c(200, buyerName), c(400, firmName)},
			[]cell{c(50, "统一社会信用代码"), c(200, buyerID), c(400, firmID)},
			[]cell{c(50, "地址"), c(200, "茶陵县城关镇"), c(400, "炎陵县霞阳镇")},
		), map[string]string{
			"number": contractNo, "buyer_name": buyerName, "seller_name": firmName, "buyer_id": buyerID, "seller_id": firmID,
		}},
		{"acceptance form in its own words", evidence.KindAcceptance, page(
			[]cell{c(240, "收货单")},
			[]cell{c(50, "采购人："+buyerName), c(320, "订单号："+orderNo)},
			[]cell{c(50, "供应商："+firmName)},
			[]cell{c(50, "验收意见：合格"), c(320, "验收时间：2021年10月08日")},
		), map[string]string{
			"buyer_name": buyerName, "seller_name": firmName, "order_no": orderNo, "conclusion": "合格", "date": "2021-10-08",
		}},
		{"tracking record under column captions, its cells wrapped", evidence.KindLogistics, []pdftext.Row{
			rowAt(780, 14, c(220, "快件跟踪记录")),
			rowAt(750, 8, c(40, "快递单号"), c(140, "快递公司"), c(220, "寄件方"), c(320, "收件方"), c(420, "寄件时间"), c(500, "进度")),
			rowAt(731, 8, c(130, "京东物流"), c(200, "茶陵县湘米种植专业合"), c(310, "茶陵县第二中"), c(415, "2021-10-03")),
			rowAt(726, 8, c(30, "JDX000123456789"), c(500, "已签收")),
			rowAt(721, 8, c(200, "作社"), c(310, "学"), c(425, "09:12")),
			rowAt(690, 10, c(40, "收件地址：湖南省株洲市茶陵县城关镇解放路12号")),
		}, map[string]string{
			"tracking_no": "JDX000123456789", "carrier": "京东物流", "sender": coopName, "recipient": buyerName, "shipped": "2021-10-03",
		}},
		{"captions over their values in smaller type", evidence.KindAcceptance, []pdftext.Row{
			rowAt(780, 14, c(240, "货物验收确认单")),
			rowAt(750, 7, c(40, "采购单位"), c(300, "供货单位")),
			rowAt(735, 10, c(40, buyerName), c(300, firmName)),
			rowAt(715, 7, c(40, "验收人"), c(300, "采购人盖章")),
			rowAt(700, 10, c(40, "张敏"), c(300, buyerName)),
			rowAt(680, 7, c(40, "验收日期")),
			rowAt(665, 10, c(40, "2021年10月08日")),
		}, map[string]string{
			"buyer_name": buyerName, "seller_name": firmName, "signer": "张敏", "date": "2021-10-08",
		}},
		{"receipt printing a tall cell's text above its label", evidence.KindPayment, page(
			[]cell{c(200, "农村商业银行业务回单")},
			[]cell{c(50, "付款人户名："+buyerName)},
			[]cell{c(50, "收款人户名："+coopName)},
			[]cell{c(50, "金额：¥1,234.50")},
			[]cell{c(250, "采购款 订单"+orderNo)},
			[]cell{c(50, "用途")},
		), map[string]string{
			"purpose": "采购款 订单" + orderNo, "order_no": orderNo, "amount": "1234.50",
		}},
		{"receipt with a hyphenated compound caption", evidence.KindPayment, page(
			[]cell{c(200, "单位客户专用回单")},
			[]cell{c(50, "付款人户名："+buyerName)},
			[]cell{c(50, "日期：2021-10-05"), c(250, "明细序号-交易流水号：00031-2021100500018")},
		), map[string]string{
			"serial": "2021100500018", "date": "2021-10-05", "payer_name": buyerName,
		}},
		{"receipt with its amount in digit boxes beside its label", evidence.KindPayment, []pdftext.Row{
			rowAt(780, 14, c(220, "交易回单")),
			rowAt(750, 10, c(40, "付款人户名："+buyerName)),
			rowAt(720, 8, c(300, "万"), c(315, "千"), c(330, "百"), c(345, "十"), c(360, "元"), c(375, "角"), c(390, "分")),
			rowAt(710, 10, c(40, "金额")),
			rowAt(702, 10, c(100, "壹仟贰佰叁拾肆元伍角"), c(300, "¥"), c(315, "1"), c(330, "2"), c(345, "3"), c(360, "4"), c(375, "5"), c(390, "0")),
		}, map[string]string{
			"amount": "1234.50", "amount_upper": "壹仟贰佰叁拾肆元伍角", "payer_name": buyerName,
		}},
		{"waybill naming the sending unit and its contact", evidence.KindLogistics, page(
			[]cell{c(50, "德邦快递"), c(300, "DPK301234567890")},
			[]cell{c(50, "寄件人信息"), c(300, "收件人信息")},
			[]cell{c(50, "寄件人姓名"), c(120, "王建国"), c(300, "收件人姓名"), c(370, "李老师")},
			[]cell{c(50, "单位名称"), c(120, coopName), c(300, "单位名称"), c(370, buyerName)},
		), map[string]string{
			"sender": coopName, "recipient": buyerName,
		}},
		{"contract signature block, each party's rows under its caption", evidence.KindContract, page(
			[]cell{c(240, "采购合同")},
			[]cell{c(50, "甲方（盖章）："+buyerName), c(300, "乙方（盖章）："+firmName)},
			[]cell{c(50, "统一社会信用代码："+buyerID), c(300, "统一社会信用代码："+firmID)},
		), map[string]string{
			"buyer_name": buyerName, "seller_name": firmName, "buyer_id": buyerID, "seller_id": firmID,
		}},
		{"signature block whose name label carries its seal note: 单位名称（章）：", evidence.KindContract, page(
			[]cell{c(240, "购销合同")},
			[]cell{c(50, "需方"), c(300, "供方")},
			[]cell{c(50, "单位名称（章）："+buyerName), c(300, "单位名称（章）："+firmName)},
			[]cell{c(50, "统一社会信用代码："+buyerID), c(300, "统一社会信用代码："+firmID)},
		), map[string]string{
			"buyer_name": buyerName, "seller_name": firmName, "buyer_id": buyerID, "seller_id": firmID,
		}},
		{"label: value on the row above a table header in larger type", evidence.KindAcceptance, []pdftext.Row{
			rowAt(780, 18, c(230, "农副产品验收单")),
			rowAt(661, 12.7, c(45, "验收日期：2021-10-01")),
			rowAt(637, 15, c(47, "序号"), c(106, "品名"), c(164, "单位"), c(223, "应收数量"), c(300, "实收数量")),
			rowAt(618, 12.6, c(50, "1"), c(105, "红薯"), c(167, "kg"), c(276, "410"), c(353, "410")),
		}, map[string]string{
			"date": "2021-10-01",
		}},
		{"grid row of label | value cells over a table header in larger type", evidence.KindInvoice, []pdftext.Row{
			rowAt(790, 15, c(216, "电子发票（普通发票）")),
			rowAt(717, 11, c(51, "销售方名称"), c(112, firmName), c(346, "销售方税号"), c(407, firmID)),
			rowAt(687, 14, c(42, "序号"), c(110, "项目名称"), c(198, "单位"), c(237, "数量"), c(347, "税率"), c(398, "金额")),
			rowAt(668, 11, c(53, "1"), c(69, "*蔬菜*豆角"), c(202, "kg"), c(245, "561.5"), c(351, "9%"), c(406, "3348.39")),
		}, map[string]string{
			"seller_name": firmName, "seller_id": firmID,
		}},
		{"acceptance letter whose order number wraps to the next line", evidence.KindAcceptance, page(
			[]cell{c(240, "收货确认函")},
			[]cell{c(50, "我单位已收到贵公司依据合同（电子卖场订单号：")},
			[]cell{c(30, orderNo+"）供应的货物。")},
		), map[string]string{
			"order_no": orderNo,
		}},
		{"waybill address wrapping in its cell", evidence.KindLogistics, []pdftext.Row{
			rowAt(780, 12, c(50, "中通快递"), c(300, "78901234567890")),
			rowAt(750, 9, c(50, "收件地址："), c(100, "湖南省株洲市茶陵县城关镇解放路12号茶陵")),
			rowAt(738, 9, c(100, "县第二中学")),
			rowAt(715, 9, c(50, "寄件日期：2021-10-03")),
		}, map[string]string{
			"address": "湖南省株洲市茶陵县城关镇解放路12号茶陵县第二中学", "shipped": "2021-10-03",
		}},
		{"acceptance opinion written out", evidence.KindAcceptance, page(
			[]cell{c(240, "验收报告")},
			[]cell{c(50, "采购人："+buyerName)},
			[]cell{c(50, "验收意见：经查验，货物规格、数量符合合同要求，外观无破损，同意验收。")},
			[]cell{c(50, "验收人：张敏"), c(320, "日期：2021年10月08日")},
		), map[string]string{
			"conclusion": "合格", "signer": "张敏",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			x := evidence.ExtractRows(tt.rows, tt.kind, evidence.SourcePDFText)
			for k, want := range tt.want {
				got := x.Fields[k]
				if got.Value != want {
					t.Errorf("%s = %q (via %q), want %q", k, got.Value, got.Via, want)
				} else if got.Conf <= 0 || got.Via == "" {
					t.Errorf("%s: confidence %v, via %q: both must be set", k, got.Conf, got.Via)
				}
			}
			if t.Failed() {
				t.Logf("fields %+v\nproblems %q", x.Fields, x.Problems)
			}
		})
	}
}

// TestReadRecognisedLabelTails: recognised text runs a label into what
// follows it; what is still the label's is not the value: a signature
// note (单位名称（章）：) and the rest of a compound label whose last
// character a seal hid (统一社会信用代码/纳税人识别：).
func TestReadRecognisedLabelTails(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, kind string
		rows       []pdftext.Row
		want       map[string]string
	}{
		{"signature block's seal note", evidence.KindContract, page(
			[]cell{c(240, "购销合同")},
			[]cell{c(50, "需方"), c(300, "供方")},
			[]cell{c(50, "单位名称（章）："+buyerName), c(300, "单位名称（盖章）："+firmName)},
		), map[string]string{"buyer_name": buyerName, "seller_name": firmName}},
		{"compound label cut short", evidence.KindInvoice, []pdftext.Row{
			rowAt(780, 9, c(200, "电子发票（普通发票）")),
			rowAt(750, 6, c(20, "购"), c(40, "名称："+buyerName), c(300, "销"), c(320, "名称："+firmName)),
			rowAt(735, 6, c(20, "买"), c(40, "统一社会信用代码/纳税人识别号："+buyerID), c(300, "售"), c(320, "统一社会信用代码/纳税人识别："+firmID)),
			rowAt(720, 6, c(20, "方"), c(300, "方")),
		}, map[string]string{"buyer_id": buyerID, "seller_id": firmID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := evidence.ExtractRows(tt.rows, tt.kind, evidence.SourceOCR)
			for k, want := range tt.want {
				if got := x.Fields[k]; got.Value != want {
					t.Errorf("%s = %q (via %q), want %q", k, got.Value, got.Via, want)
				}
			}
		})
	}
}

// TestReadTwoReceiptsOnAPage reads each receipt of a page on its own.
func TestReadTwoReceiptsOnAPage(t *testing.T) {
	t.Parallel()
	slip := func(title, payee, amount string) [][]cell {
		return [][]cell{
			{c(220, title)},
			{c(50, "付款人户名："+buyerName)},
			{c(50, "收款人户名："+payee)},
			{c(50, "金额（小写）："+amount)},
			nil, nil,
		}
	}
	rows := page(append(slip("招商银行入账回单", coopName, "¥88.00"), slip("招商银行出账回单", firmName, "¥1,234.50")...)...)
	x := evidence.ExtractRows(rows, evidence.KindPayment, evidence.SourcePDFText)
	if len(x.Slips) != 2 {
		t.Fatalf("%d slips, want 2; problems %q", len(x.Slips), x.Problems)
	}
	for i, want := range [][2]string{{coopName, "88.00"}, {firmName, "1234.50"}} {
		f := x.Slips[i].Fields
		if f["payee_name"].Value != want[0] || f["amount"].Value != want[1] {
			t.Errorf("slip %d: payee %q amount %q, want %q %q", i+1, f["payee_name"].Value, f["amount"].Value, want[0], want[1])
		}
	}
	if !strings.Contains(strings.Join(x.Problems, "\n"), "2 documents on the page") {
		t.Errorf("problems %q do not say the page holds two documents", x.Problems)
	}
}

// TestBlankValueStaysBlank: a label with a colon and nothing after it is
// blank, not the text of the row below it.
func TestBlankValueStaysBlank(t *testing.T) {
	t.Parallel()
	x := evidence.ExtractRows(page(
		[]cell{c(220, "电子发票（普通发票）")},
		[]cell{c(50, "名称：个人")},
		[]cell{c(50, "纳税人识别号：")},
		[]cell{c(50, "地址、电话：湖南省茶陵县")},
	), evidence.KindInvoice, evidence.SourcePDFText)
	if v, ok := x.Fields["buyer_id"]; ok {
		t.Errorf("buyer_id = %+v, want none (it is blank)", v)
	}
}

// TestPartyCodeOnNameRow: a party's credit code printed on its name's row
// under a label the lexicon does not know is read from its form (a valid
// credit code, the only one there); two codes on the row, or one failing
// its check character, give nothing.
func TestPartyCodeOnNameRow(t *testing.T) {
	t.Parallel()
	const buyer, seller = "124312244Y6E3LECD0", "91431322MA43HW1EEK"
	for _, tc := range []struct {
		name, buyerRow, want string
	}{
		{"one code", buyer, buyer},
		{"two codes", buyer + " " + seller, ""},
		{"bad check character", "124312244Y6E3LECD1", ""},
	} {
		rows := page(
			[]cell{c(200, "电子发票（普通发票）")},
			[]cell{c(40, "发票号码：21437658222018165947"), c(400, "开票日期：2021-09-24")},
			[]cell{c(50, "购买方名称"), c(110, "溆浦县新塘镇中心小学"), c(300, "购方代号"), c(380, tc.buyerRow)},
			[]cell{c(50, "销售方名称"), c(110, "新化瑶乡农副产品有限公司"), c(300, "销方代号"), c(380, seller)},
		)
		x := evidence.ExtractRows(rows, evidence.KindInvoice, evidence.SourcePDFText)
		if got := x.Fields["buyer_id"].Value; got != tc.want {
			t.Errorf("%s: buyer_id %q, want %q (fields %v)", tc.name, got, tc.want, x.Fields)
		}
		if tc.name == "one code" && x.Fields["seller_id"].Value != seller {
			t.Errorf("%s: seller_id %q, want %q", tc.name, x.Fields["seller_id"].Value, seller)
		}
	}
}
