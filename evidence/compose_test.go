package evidence_test

import (
	"reflect"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// TestReadComposedLabels reads labels the lexicon holds only in parts: a
// label with a signature word (验收人签字), two labels written as one
// (件数/重量), a role's stem with a generic label (发件单位, 发件日期), a
// role with another agent suffix (供货商 beside 供应商), a label a
// paragraph's line break cut in two, and values found with no label of
// their own: a date under a party's signature, a ticked option, an order
// number after the word 订单. unset lists fields that must not be read.
// The lexicon is without the labels tuned on generated layouts, some of
// which spell these out whole (件数/重量, 发件单位).
func TestReadComposedLabels(t *testing.T) {
	t.Parallel()
	lx, err := evidence.LoadLexicon(nil)
	if err != nil {
		t.Fatal(err)
	}
	lx = lx.WithoutLayouts()
	tests := []struct {
		name  string
		kind  string
		rows  []pdftext.Row
		want  map[string]string
		unset []string
	}{
		{"a label asking for a signature", evidence.KindAcceptance, page(
			[]cell{c(200, "验收单")},
			[]cell{c(50, "采购人"), c(120, buyerName), c(300, "订单号"), c(360, "HN2021000007")},
			[]cell{c(50, "验收小组成员签字"), c(220, "李文斌、王芳")},
		), map[string]string{"signer": "李文斌、王芳", "buyer_name": buyerName, "order_no": "HN2021000007"}, nil},
		{"two labels written as one, their values likewise", evidence.KindLogistics, page(
			[]cell{c(200, "顺丰速运 签收回单")},
			[]cell{c(50, "运单号：SF1234567890123")},
			[]cell{c(50, "件数/重量"), c(150, "47件 / 811.5kg")},
		), map[string]string{"pieces": "47", "weight": "811.5", "tracking_no": "SF1234567890123"}, nil},
		{"a role's stem with a generic label; a generic inside a word is none", evidence.KindLogistics, page(
			[]cell{c(200, "顺丰速运 货物签收回单")},
			[]cell{c(50, "发件单位"), c(130, coopName), c(350, "发件日期"), c(430, "2021-10-03")},
			[]cell{c(50, "发件人电话"), c(160, "194****4348")},
			[]cell{c(50, "收件单位"), c(130, buyerName)},
			[]cell{c(50, "货物名称"), c(130, "富硒大米 12袋")},
		), map[string]string{"sender": coopName, "shipped": "2021-10-03", "recipient": buyerName}, nil},
		{"the same party with another agent suffix", evidence.KindAcceptance, page(
			[]cell{c(200, "物资验收入库单")},
			[]cell{c(50, "验收单位"), c(120, buyerName), c(300, "供货商"), c(360, coopName)},
		), map[string]string{"buyer_name": buyerName, "seller_name": coopName}, nil},
		{"a label cut by the paragraph's line break", evidence.KindContract, page(
			[]cell{c(250, "购销合同")},
			[]cell{c(50, "合同编号：HT-2021-000007")},
			[]cell{c(50, "第四条 结算方式：需方验收合格后30日内付款（湖南省政府采购电子卖场订单")},
			[]cell{c(50, "号：HN2021000007）。")},
		), map[string]string{"order_no": "HN2021000007", "number": "HT-2021-000007"}, nil},
		{"dates under the parties' signatures", evidence.KindLogistics, page(
			[]cell{c(50, "SF 顺丰速运（详情单）")},
			[]cell{c(50, "运单号：SF489750225956")},
			[]cell{c(50, "寄件人签名："), c(130, "彭艳"), c(300, "收件人签名："), c(380, "李红梅")},
			[]cell{c(50, "2021 年 09 月 30 日"), c(300, "2021 年 10 月 02 日")},
		), map[string]string{"shipped": "2021-09-30", "signed": "2021-10-02"}, []string{"sender", "recipient"}},
		{"a ticked option and an order number after the word", evidence.KindAcceptance, page(
			[]cell{c(200, "验收单")},
			[]cell{c(50, "采购人"), c(120, buyerName)},
			[]cell{c(50, "验收情况："), c(150, "√ 合格"), c(230, "□部分合格"), c(330, "□不合格")},
			[]cell{c(50, "备注：电商订单HN2021000011")},
		), map[string]string{"conclusion": "合格", "order_no": "HN2021000011"}, nil},
		{"roles as column heads with 信息; a field's label before a role caption", evidence.KindLogistics, page(
			[]cell{c(50, "京东物流"), c(400, "寄递详情")},
			[]cell{c(50, "运单号：JD0012345678901")},
			[]cell{c(150, "寄件信息"), c(350, "收件信息")},
			[]cell{c(50, "姓名"), c(110, coopName), c(310, buyerName)},
			[]cell{c(50, "地址"), c(110, "湖南省株洲市茶陵县城关镇1号"), c(310, "湖南省株洲市茶陵县洣江街道8号")},
		), map[string]string{"sender": coopName, "recipient": buyerName, "address": "湖南省株洲市茶陵县洣江街道8号"}, nil},
		{"a label the lexicon does not know ends the value before it", evidence.KindAcceptance, page(
			[]cell{c(200, "食材验收单")},
			[]cell{c(50, "供应单位："+coopName)},
			[]cell{c(50, "验收人员（签字）：李丽、邓芳"), c(330, "陪餐人：吴校长")},
		), map[string]string{"signer": "李丽、邓芳", "seller_name": coopName}, nil},
		{"one label a row, the party spelt into it", evidence.KindPayment, page(
			[]cell{c(200, "业务回单")},
			[]cell{c(50, "付款户名"), c(160, buyerName)},
			[]cell{c(50, "付款账户"), c(160, "1885209722660216084")},
			[]cell{c(50, "收款户名"), c(160, coopName)},
			[]cell{c(50, "收款账户"), c(160, "81908086103252754")},
		), map[string]string{"payer_account": "1885209722660216084", "payee_account": "81908086103252754", "payer_name": buyerName, "payee_name": coopName}, nil},
		{"a code indented under its party's caption", evidence.KindContract, page(
			[]cell{c(250, "农副产品采购协议书")},
			[]cell{c(50, "甲方（采购人）："+buyerName)},
			[]cell{c(74, "统一社会信用代码：121200004013590816")},
			[]cell{c(50, "乙方（供应商）："+firmName)},
			[]cell{c(74, "统一社会信用代码：91110000600037341L")},
		), map[string]string{"buyer_name": buyerName, "buyer_id": "121200004013590816", "seller_name": firmName, "seller_id": "91110000600037341L"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			x := lx.ExtractRows(tt.rows, tt.kind, evidence.SourcePDFText)
			for k, want := range tt.want {
				if got := x.Fields[k]; got.Value != want {
					t.Errorf("%s = %q (via %q), want %q", k, got.Value, got.Via, want)
				} else if got.Conf <= 0 || got.Via == "" {
					t.Errorf("%s: confidence %v, via %q: both must be set", k, got.Conf, got.Via)
				}
			}
			for _, k := range tt.unset {
				if got, ok := x.Fields[k]; ok {
					t.Errorf("%s = %q (via %q), want none", k, got.Value, got.Via)
				}
			}
			if t.Failed() {
				t.Logf("fields %+v\nproblems %q", x.Fields, x.Problems)
			}
		})
	}
}

// TestReadQuantityHeaders reads a goods table whose quantity headers the
// lexicon does not spell: 验收量 (验收数量 shortened) and 订购量 (no
// column's header at all, but a quantity by its 量).
func TestReadQuantityHeaders(t *testing.T) {
	t.Parallel()
	rows := page(
		[]cell{c(200, "食材验收单")},
		[]cell{c(50, "供应单位："+coopName)},
		[]cell{c(50, "序号"), c(90, "食材名称"), c(190, "单位"), c(240, "订购量"), c(300, "验收量"), c(360, "单价"), c(420, "金额")},
		[]cell{c(50, "1"), c(90, "散装茶油"), c(190, "斤"), c(240, "121.8"), c(300, "120"), c(360, "74.80"), c(420, "9110.64")},
	)
	x := evidence.ExtractRows(rows, evidence.KindAcceptance, evidence.SourcePDFText)
	want := []evidence.Line{{Name: "散装茶油", Unit: "斤", Quantity: "121.8", Received: "120", UnitPrice: "74.80", Amount: "9110.64"}}
	if !reflect.DeepEqual(x.Lines, want) {
		t.Errorf("lines %+v, want %+v (problems %q)", x.Lines, want, x.Problems)
	}
}
