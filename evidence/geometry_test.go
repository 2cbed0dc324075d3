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
