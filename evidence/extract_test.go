package evidence_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ofd"
	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/evidence/pdftext/pdftest"
	"github.com/heshi-verify/heshi/evidence/xmlinvoice"
)

var update = flag.Bool("update", false, "rewrite testdata: synthetic PDFs and golden files")

// TestSyntheticFixtures keeps the committed synthetic PDFs identical to
// what their builders write (run with -update after changing a builder).
func TestSyntheticFixtures(t *testing.T) {
	for name, data := range synthetic() {
		path := filepath.Join("testdata", name+".pdf")
		if *update {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s differs from its builder (run go test -update)", path)
		}
	}
}

// readers extract a testdata file by its extension, as the sandbox's
// parsers do.
var readers = map[string]func(data []byte) evidence.Extraction{
	".pdf": func(data []byte) evidence.Extraction { return evidence.ExtractPDF(data, "", evidence.Limits{}) },
	".ofd": func(data []byte) evidence.Extraction { return ofd.Extract(data, "", 0) },
	".xml": func(data []byte) evidence.Extraction { return xmlinvoice.Extract(data, "") },
}

// TestGolden extracts every PDF, OFD and XML file in testdata and
// compares the result with <name>.golden.json beside it.
func TestGolden(t *testing.T) {
	var files []string
	for ext := range readers {
		fs, err := filepath.Glob(filepath.Join("testdata", "*"+ext))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatal("no documents in testdata")
	}
	for _, f := range files {
		ext := filepath.Ext(f)
		name := strings.TrimSuffix(filepath.Base(f), ext)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			x := readers[ext](data)
			if x.Readable && len(x.Layout) == 0 && x.Source != evidence.SourceXML {
				t.Errorf("readable %s keeps no layout", x.Source)
			}
			// The layout is what the reader read, not what it found: the
			// golden files hold the findings.
			x.Layout = nil
			for i := range x.Slips {
				x.Slips[i].Layout = nil
			}
			got, err := json.MarshalIndent(x, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, ext) + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("extraction differs from %s:\n%s", golden, got)
			}
		})
	}
}

// TestExtractSynthetic states what each synthetic document must give,
// independently of the golden files.
func TestExtractSynthetic(t *testing.T) {
	t.Parallel()
	type want struct {
		kind     string
		readable bool
		fields   map[string]string
		lines    []evidence.Line
		problems []string // exactly these, in order
	}
	tests := map[string]want{
		"synthetic-contract": {
			kind: evidence.KindContract, readable: true,
			fields: map[string]string{
				"number": contractNo, "date": "2021-10-05", "order_no": orderNo,
				"buyer_name": buyerName, "buyer_id": buyerID, "seller_name": coopName, "seller_id": coopID,
				"total": "1234.50", "total_upper": "壹仟贰佰叁拾肆元伍角整",
			},
			lines: []evidence.Line{
				{Name: "湘米（长粒香）", Unit: "袋", Quantity: "20", UnitPrice: "45.00", Amount: "900.00"},
				{Name: "茶油", Unit: "瓶", Quantity: "5", UnitPrice: "66.90", Amount: "334.50"},
			},
		},
		"synthetic-contract-problems": {
			kind: evidence.KindContract, readable: true,
			fields: map[string]string{"number": "HT-2021-000999", "buyer_name": buyerName, "total": "105.00", "total_upper": "壹佰伍元整"},
			problems: []string{
				`date: impossible date "2021年02月30"`,
				"total_upper: uppercase amount",
				`buyer_name: "茶陵县第一中学" on page 1 differs from "茶陵县第二中学" read first`,
				"missing field buyer_id",
				"missing field date",
				"missing field order_no",
				"missing field seller_id",
				"no goods table found",
			},
		},
		"synthetic-payment": {
			kind: evidence.KindPayment, readable: true,
			fields: map[string]string{
				"date": "2021-10-12", "receipt_no": "ABC20211012000456", "serial": "202110121430059876",
				"payer_name": buyerName, "payer_account": "18330101040012345", "payer_bank": "中国农业银行茶陵支行",
				"payee_name": coopName, "payee_account": "6228480012345678901", "payee_bank": "茶陵县农村信用合作联社",
				"amount": "1234.50", "amount_upper": "人民币壹仟贰佰叁拾肆元伍角整",
				"purpose": "货款 订单" + orderNo, "order_no": orderNo,
			},
		},
		"synthetic-logistics": {
			kind: evidence.KindLogistics, readable: true,
			fields: map[string]string{
				"carrier": "顺丰速运", "tracking_no": "SF1234567890123", "shipped": "2021-10-08", "signed": "2021-10-10",
				"sender": "王建国", "recipient": "李老师",
				"address": "湖南省株洲市茶陵县城关镇解放路12号 " + buyerName,
				"pieces":  "2", "weight": "12.5", "order_no": orderNo,
			},
		},
		"synthetic-invoice-stacked": {
			kind: evidence.KindInvoice, readable: true,
			fields: map[string]string{
				"number": "21432000000012345678", "date": "2021-10-15",
				"buyer_name": buyerName, "buyer_id": buyerID, "seller_name": firmName, "seller_id": firmID,
				"amount": "1160.19", "tax": "74.31", "total": "1234.50", "total_upper": "⊗壹仟贰佰叁拾肆圆伍角",
				"order_no": orderNo, "issuer": "王芳",
			},
			lines: []evidence.Line{
				{Name: "*粮食*大米", Unit: "袋", Quantity: "20", UnitPrice: "41.28", Amount: "825.69", TaxRate: "9%", Tax: "74.31"},
				{Name: "*蔬菜*白菜", Unit: "斤", Quantity: "100", UnitPrice: "3.345", Amount: "334.50", TaxRate: "免税", Tax: "0.00"},
			},
		},
		"synthetic-invoice-columns": {
			kind: evidence.KindInvoice, readable: true,
			fields: map[string]string{
				"number": "21432000000012345679", "date": "2021-10-16",
				"buyer_name": buyerName, "buyer_id": buyerID, "seller_name": coopName, "seller_id": coopID,
				"amount": "1234.50", "tax": "0.00", "total": "1234.50", "order_no": "HN2021000124", "issuer": "刘洋",
			},
			lines: []evidence.Line{
				{Name: "*粮食*大米", Unit: "袋", Quantity: "20", UnitPrice: "61.725", Amount: "1234.50", TaxRate: "免税", Tax: "0.00"},
			},
		},
		"synthetic-acceptance": {
			kind: evidence.KindAcceptance, readable: true,
			fields: map[string]string{
				"order_no": orderNo, "contract_no": contractNo, "buyer_name": buyerName, "seller_name": coopName,
				"date": "2021-10-11", "total": "1234.50", "conclusion": "合格", "signer": "赵六",
			},
			lines: []evidence.Line{
				{Name: "湘米（长粒香）", Unit: "袋", Quantity: "20", Received: "20", UnitPrice: "45.00", Amount: "900.00"},
				{Name: "茶油", Unit: "瓶", Quantity: "5", Received: "5", UnitPrice: "66.90", Amount: "334.50"},
			},
		},
		"synthetic-scan": {kind: "", readable: false},
	}
	docs := synthetic()
	for name, w := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			x := evidence.ExtractPDF(docs[name], "", evidence.Limits{})
			if x.Kind != w.kind || x.Readable != w.readable || x.Source != evidence.SourcePDFText {
				t.Fatalf("kind %q readable %v source %q, want %q %v %q (reason %q)",
					x.Kind, x.Readable, x.Source, w.kind, w.readable, evidence.SourcePDFText, x.Reason)
			}
			for k, v := range w.fields {
				if got := x.Fields[k]; got.Value != v || got.Page != 1 || got.Text == "" {
					t.Errorf("field %s = %+v, want value %q on page 1", k, got, v)
				}
			}
			if w.problems == nil && w.readable {
				if len(x.Problems) > 0 {
					t.Errorf("problems %q, want none", x.Problems)
				}
			} else if !matchProblems(x.Problems, w.problems) {
				t.Errorf("problems:\n got %q\nwant %q", x.Problems, w.problems)
			}
			if w.lines != nil && !slices.Equal(x.Lines, w.lines) {
				t.Errorf("lines:\n got %+v\nwant %+v", x.Lines, w.lines)
			}
		})
	}
}

// matchProblems reports whether got has the problems of want, in order,
// each starting with the wanted text.
func matchProblems(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !strings.HasPrefix(got[i], want[i]) {
			return false
		}
	}
	return true
}

func TestExtractPDFUnreadable(t *testing.T) {
	t.Parallel()
	enc := pdftest.New(300, 300)
	enc.Encrypt = true
	enc.AddPage().Text(10, 50, 10, "电子发票")
	tests := []struct {
		name   string
		data   []byte
		lim    evidence.Limits
		reason string // prefix
	}{
		{"garbage", []byte("not a pdf"), evidence.Limits{}, "unreadable PDF: not a PDF file"},
		{"encrypted", enc.Bytes(), evidence.Limits{}, "encrypted: encrypted PDF"},
		{"over limits", enc.Bytes(), evidence.Limits{MaxBytes: 10}, "over limits: PDF over limits"},
		{"scan", scanDoc(), evidence.Limits{}, evidence.ReasonNoText},
	}
	for _, tc := range tests {
		x := evidence.ExtractPDF(tc.data, evidence.KindInvoice, tc.lim)
		if x.Readable || !strings.HasPrefix(x.Reason, tc.reason) || x.Kind != evidence.KindInvoice || x.Fields == nil {
			t.Errorf("%s: readable %v reason %q kind %q fields %v; want unreadable, reason %q, kind kept",
				tc.name, x.Readable, x.Reason, x.Kind, x.Fields, tc.reason)
		}
	}
}

func TestExtractKindArgument(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind, wantKind string
		problem        string
	}{
		{"", evidence.KindPayment, ""},
		{evidence.KindPayment, evidence.KindPayment, ""},
		{evidence.KindInvoice, evidence.KindInvoice, "title reads as payment, not invoice"},
		{"receipt", "receipt", `unknown document kind "receipt"`},
	}
	data := paymentDoc()
	for _, tc := range tests {
		x := evidence.ExtractPDF(data, tc.kind, evidence.Limits{})
		has := tc.problem == "" || slices.Contains(x.Problems, tc.problem)
		if x.Kind != tc.wantKind || !has {
			t.Errorf("kind %q: got kind %q problems %q; want kind %q with problem %q", tc.kind, x.Kind, x.Problems, tc.wantKind, tc.problem)
		}
	}
}

func TestDetectKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		titles []string
		want   string
	}{
		{[]string{"政府采购合同"}, evidence.KindContract},
		{[]string{"农副产品采购合同"}, evidence.KindContract},
		{[]string{"中国农业银行 电子回单"}, evidence.KindPayment},
		{[]string{"业务回单（付款）"}, evidence.KindPayment},
		{[]string{"顺丰速运 电子运单"}, evidence.KindLogistics},
		{[]string{"中国邮政 EMS 快递详情单"}, evidence.KindLogistics},
		{[]string{"物流签收凭证"}, evidence.KindLogistics},
		{[]string{"电子发票（增值税专用发票）"}, evidence.KindInvoice},
		{[]string{"发票代码：032002100611", "江苏增值税电子普通发票"}, evidence.KindInvoice},
		{[]string{"货物验收单"}, evidence.KindAcceptance},
		{[]string{"采购合同验收报告"}, evidence.KindAcceptance},
		{[]string{"电 子 回 单"}, evidence.KindPayment}, // spaced-out title
		{[]string{"会议纪要"}, ""},
		{[]string{"一", "二", "三", "四", "五", "六", "采购合同"}, ""}, // too far down to be the title
	}
	for _, tc := range tests {
		var rows []pdftext.Row
		for i, s := range tc.titles {
			rows = append(rows, pdftext.Row{Page: 1, Y: 800 - 20*float64(i), Items: []pdftext.Item{{X: 50, W: 100, Text: s}}})
		}
		if got := evidence.DetectKind(rows); got != tc.want {
			t.Errorf("DetectKind(%q) = %q, want %q", tc.titles, got, tc.want)
		}
	}
}
