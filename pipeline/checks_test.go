package pipeline

import (
	"errors"
	"slices"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/money"
)

// cleanInput is an order whose five documents agree with it and each other:
// 10 bags of rice at ¥98.00 (invoiced at 9%) and 50 kg of cabbage at ¥5.09
// (exempt), ¥1,234.50 in all.
func cleanInput() CheckInput {
	f := func(kv ...string) map[string]evidence.Field {
		m := map[string]evidence.Field{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = evidence.Field{Value: kv[i+1], Text: kv[i] + "：" + kv[i+1], Page: 1}
		}
		return m
	}
	doc := func(k DocKind, fields map[string]evidence.Field, lines ...evidence.Line) *CheckDoc {
		return &CheckDoc{Document: Document{Kind: k, Version: 1}, Extracted: true, Readable: true, Fields: fields, Lines: lines}
	}
	const (
		buyer  = "茶陵县第二中学"
		seller = "茶陵县绿源农业开发有限公司"
	)
	rice := OrderLine{SKU: "S1-01", Quantity: 10000, UnitPrice: 9800, Amount: 98000}
	cabbage := OrderLine{SKU: "S1-02", Quantity: 50000, UnitPrice: 509, Amount: 25450}
	return CheckInput{
		Order: Order{No: "HN2021000001", Date: Date{2021, 10, 8}, Total: 123450, Lines: []OrderLine{rice, cabbage}},
		Lines: []CheckLine{
			{OrderLine: rice, Name: "大米", Category: CategoryRice, Unit: "袋"},
			{OrderLine: cabbage, Name: "白菜", Category: CategoryVegetable, Unit: "kg"},
		},
		Buyer:            Buyer{ID: "B1", Name: buyer, USCC: "121200004013590816", DivisionCode: "430224", Kind: BuyerBudgetUnit},
		Supplier:         Supplier{ID: "S1", Name: seller, USCC: "91110000600037341L", DivisionCode: "430224", BankAccount: "6228480018001234567", Admitted: true},
		BuyerDivision:    Division{Code: "430224", Name: "茶陵县", CityCode: "430200", CityName: "株洲市"},
		SupplierDivision: Division{Code: "430224", Name: "茶陵县", CityCode: "430200", CityName: "株洲市"},
		Today:            Date{2025, 6, 3},
		Docs: map[DocKind]*CheckDoc{
			KindContract: doc(KindContract, f("total", "1234.50", "total_upper", "壹仟贰佰叁拾肆元伍角整",
				"buyer_name", buyer, "buyer_id", "121200004013590816", "seller_name", seller, "seller_id", "91110000600037341L", "date", "2021-10-08")),
			KindPayment: doc(KindPayment, f("amount", "1234.50", "amount_upper", "人民币壹仟贰佰叁拾肆元伍角整",
				"payer_name", buyer, "payee_name", seller, "payee_account", "6228480018001234567", "date", "2021-10-13")),
			KindLogistics: doc(KindLogistics, f("tracking_no", "SF1234567890123", "shipped", "2021-10-09", "signed", "2021-10-11",
				"address", "湖南省株洲市茶陵县城关镇解放路12号 茶陵县第二中学")),
			KindInvoice: doc(KindInvoice, f("total", "1234.50", "total_upper", "⊗壹仟贰佰叁拾肆圆伍角", "amount", "1153.58", "tax", "80.92",
				"buyer_name", buyer, "buyer_id", "121200004013590816", "seller_name", seller, "seller_id", "91110000600037341L", "date", "2021-10-12"),
				evidence.Line{Name: "*粮食*大米", Unit: "袋", Quantity: "10", UnitPrice: "89.908", Amount: "899.08", TaxRate: "9%", Tax: "80.92"},
				evidence.Line{Name: "*蔬菜*白菜", Unit: "kg", Quantity: "50", UnitPrice: "5.09", Amount: "254.50", TaxRate: "免税", Tax: "0.00"}),
			KindAcceptance: doc(KindAcceptance, f("total", "1234.50", "date", "2021-10-11", "buyer_name", buyer, "seller_name", seller, "conclusion", "合格"),
				evidence.Line{Name: "大米", Unit: "袋", Quantity: "10", Received: "10", UnitPrice: "98.00", Amount: "980.00"},
				evidence.Line{Name: "白菜", Unit: "kg", Quantity: "50", Received: "50", UnitPrice: "5.09", Amount: "254.50"}),
		},
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	tests := []checkCase{
		{"clean", func(*CheckInput) {}, nil, StatusVerified},
		{"missing invoice", func(in *CheckInput) { delete(in.Docs, KindInvoice) }, []string{"completeness.missing"}, StatusNeedsReview},
		{"unreadable payment", func(in *CheckInput) {
			in.Docs[KindPayment].Readable, in.Docs[KindPayment].Reason = false, "no text layer"
		}, []string{"completeness.unreadable"}, StatusNeedsReview},
		{"tampered object", func(in *CheckInput) {
			in.Docs[KindContract].Integrity = errors.New("hash differs")
		}, []string{"integrity.hash"}, StatusNeedsReview},
		{"invoice total differs", func(in *CheckInput) {
			in.Docs[KindInvoice].Fields["total"] = evidence.Field{Value: "1243.50"}
		}, []string{"amount.mismatch", "amount.uppercase", "invoice.arithmetic"}, StatusNeedsReview},
		{"payment uppercase differs", func(in *CheckInput) {
			in.Docs[KindPayment].Fields["amount_upper"] = evidence.Field{Value: "壹仟贰佰肆拾叁元伍角整"}
		}, []string{"amount.uppercase"}, StatusNeedsReview},
		{"uppercase unreadable is a warning", func(in *CheckInput) {
			in.Docs[KindContract].Fields["total_upper"] = evidence.Field{Value: "壹仟贰佰两"}
		}, []string{"amount.uppercase"}, StatusNeedsReview},
		{"acceptance amount missing", func(in *CheckInput) { delete(in.Docs[KindAcceptance].Fields, "total") }, []string{"field.missing"}, StatusNeedsReview},
		{"wrong payee account", func(in *CheckInput) {
			in.Docs[KindPayment].Fields["payee_account"] = evidence.Field{Value: "6228480018009999999"}
		}, []string{"party.payee_account"}, StatusNeedsReview},
		{"invoice to another buyer", func(in *CheckInput) {
			in.Docs[KindInvoice].Fields["buyer_id"] = evidence.Field{Value: "91350100M000100Y43"}
		}, []string{"party.buyer"}, StatusNeedsReview},
		{"tax id differs only in case and width", func(in *CheckInput) {
			in.Docs[KindInvoice].Fields["seller_id"] = evidence.Field{Value: "９１１１００００６０００３７３４１l"}
		}, nil, StatusVerified},
		{"signed for before shipped", func(in *CheckInput) {
			in.Docs[KindLogistics].Fields["signed"] = evidence.Field{Value: "2021-10-08"}
		}, []string{"date.sequence"}, StatusNeedsReview},
		{"invoice before contract", func(in *CheckInput) {
			in.Docs[KindInvoice].Fields["date"] = evidence.Field{Value: "2021-09-30"}
		}, []string{"date.sequence"}, StatusNeedsReview},
		{"accepted the day it was signed for", func(in *CheckInput) {
			in.Docs[KindAcceptance].Fields["date"] = evidence.Field{Value: "2021-10-11"}
		}, nil, StatusVerified},
		{"order total differs from all", func(in *CheckInput) { in.Order.Total = money.Fen(123400) },
			[]string{"amount.mismatch", "amount.mismatch", "amount.mismatch", "amount.mismatch"}, StatusNeedsReview},
	}
	runCheckCases(t, tests, func(t *testing.T, f Finding) {
		if f.Message == "" {
			t.Errorf("finding %s has no message", f.Rule)
		}
	})
}

// checkCase changes the clean input and says which rules must find what,
// in order, and the verdict.
type checkCase struct {
	name   string
	change func(*CheckInput)
	want   []string // rules found, in order
	status Status
}

// runCheckCases runs each case's change through Check, with each finding
// also checked by each.
func runCheckCases(t *testing.T, tests []checkCase, each func(*testing.T, Finding)) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := cleanInput()
			tt.change(&in)
			got := Check(in)
			var rules []string
			for _, f := range got {
				rules = append(rules, f.Rule)
				each(t, f)
			}
			if !slices.Equal(rules, tt.want) {
				t.Fatalf("rules = %v, want %v\nfindings: %+v", rules, tt.want, got)
			}
			if s := Verdict(got); s != tt.status {
				t.Errorf("Verdict = %s, want %s", s, tt.status)
			}
		})
	}
}

func TestCheckMessageNamesValues(t *testing.T) {
	t.Parallel()
	in := cleanInput()
	in.Docs[KindInvoice].Fields["total"] = evidence.Field{Value: "12345.00", Text: "价税合计（小写）¥12,345.00"}
	in.Order.Total = 1235400
	for _, f := range Check(in) {
		if f.Rule == "amount.mismatch" && f.Detail["kind"] == KindInvoice {
			want := "发票 价税合计 ¥12,345.00 ≠ 订单金额 ¥12,354.00 (invoice total 12345.00 ≠ order total 12354.00)"
			if f.Message != want {
				t.Fatalf("message = %q\nwant      %q", f.Message, want)
			}
			return
		}
	}
	t.Fatal("no amount.mismatch finding for the invoice")
}

func TestVerdictIgnoresInfo(t *testing.T) {
	t.Parallel()
	if got := Verdict([]Finding{{Rule: "x", Severity: SeverityInfo}}); got != StatusVerified {
		t.Fatalf("Verdict(info) = %s, want verified", got)
	}
	if got := Verdict([]Finding{{Rule: "x", Severity: SeverityWarning}}); got != StatusNeedsReview {
		t.Fatalf("Verdict(warning) = %s, want needs_review", got)
	}
}

func TestHunanDivisions(t *testing.T) {
	t.Parallel()
	all := HunanDivisions()
	if len(all) != 148 {
		t.Fatalf("%d divisions, want 148 (14 prefectures and 134 county-level)", len(all))
	}
	counties := HunanCounties()
	if len(counties) != 134 {
		t.Fatalf("%d counties, want 134", len(counties))
	}
	for _, c := range counties {
		if c.CityCode[:4] != c.Code[:4] && c.CityCode != "433100" {
			t.Errorf("%s %s: city %s does not prefix its code", c.Code, c.Name, c.CityCode)
		}
	}
}
