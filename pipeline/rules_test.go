package pipeline

import (
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/money"
)

func TestRules(t *testing.T) {
	t.Parallel()
	in := cleanInput()
	got := Check(in)
	if len(got) != 0 {
		t.Fatalf("clean input: findings %+v", got)
	}
	tests := []checkCase{
		{"seller name on the acceptance report", func(in *CheckInput) {
			in.Docs[KindAcceptance].Fields["seller_name"] = evidence.Field{Value: "炎陵县丰收农业开发有限公司"}
		}, []string{RuleSeller}, StatusNeedsReview},
		{"payee name of another supplier", func(in *CheckInput) {
			in.Docs[KindPayment].Fields["payee_name"] = evidence.Field{Value: "茶陵县金穗米业有限公司"}
		}, []string{RuleSeller}, StatusNeedsReview},
		{"payer name of another buyer", func(in *CheckInput) {
			in.Docs[KindPayment].Fields["payer_name"] = evidence.Field{Value: "茶陵县第一中学"}
		}, []string{RuleBuyer}, StatusNeedsReview},
		{"names normalised: spaces, full width, organisation form", func(in *CheckInput) {
			in.Docs[KindContract].Fields["seller_name"] = evidence.Field{Value: "茶陵县 绿源农业开发公司"}
			in.Docs[KindInvoice].Fields["buyer_name"] = evidence.Field{Value: "茶陵县第二中学　"}
		}, nil, StatusVerified},
		{"seller name not read", func(in *CheckInput) { delete(in.Docs[KindInvoice].Fields, "seller_name") }, []string{RuleFieldMissing}, StatusNeedsReview},
		{"delivered to another county", func(in *CheckInput) {
			in.Docs[KindLogistics].Fields["address"] = evidence.Field{Value: "湖南省株洲市炎陵县霞阳镇解放路12号 茶陵县第二中学"}
		}, []string{RuleCounty}, StatusNeedsReview},
		{"address without a county", func(in *CheckInput) {
			in.Docs[KindLogistics].Fields["address"] = evidence.Field{Value: "解放路12号"}
		}, []string{RuleCounty}, StatusNeedsReview},
		{"a prefecture's own unit, delivered in one of its counties", func(in *CheckInput) {
			in.Buyer.DivisionCode, in.BuyerDivision = "430200", Division{Code: "430200", Name: "株洲市"}
			in.Docs[KindLogistics].Fields["address"] = evidence.Field{Value: "湖南省株洲市炎陵县霞阳镇解放路12号"}
		}, nil, StatusVerified},
		{"a prefecture's own unit, an address naming only the prefecture", func(in *CheckInput) {
			in.Buyer.DivisionCode, in.BuyerDivision = "430200", Division{Code: "430200", Name: "株洲市"}
			in.Docs[KindLogistics].Fields["address"] = evidence.Field{Value: "湖南省株洲市新华西路1号 株洲市直机关食堂"}
		}, nil, StatusVerified},
		{"a prefecture's own unit, delivered to another prefecture", func(in *CheckInput) {
			in.Buyer.DivisionCode, in.BuyerDivision = "430200", Division{Code: "430200", Name: "株洲市"}
			in.Docs[KindLogistics].Fields["address"] = evidence.Field{Value: "湖南省岳阳市平江县汉昌镇天岳大道8号"}
		}, []string{RuleCounty}, StatusNeedsReview},
		{"invoice line amount is not quantity × price", func(in *CheckInput) {
			in.Docs[KindInvoice].Lines[1].UnitPrice = "5.10"
		}, []string{RuleArithmetic}, StatusNeedsReview},
		{"invoice tax off by more than 0.06", func(in *CheckInput) {
			l := &in.Docs[KindInvoice].Lines[0]
			l.Amount, l.Tax, l.UnitPrice = "900.08", "79.92", "90.008"
			in.Docs[KindInvoice].Fields["amount"] = evidence.Field{Value: "1154.58"}
			in.Docs[KindInvoice].Fields["tax"] = evidence.Field{Value: "79.92"}
		}, []string{RuleArithmetic}, StatusNeedsReview},
		{"invoice tax within 0.06", func(in *CheckInput) {
			l := &in.Docs[KindInvoice].Lines[0]
			l.Amount, l.Tax, l.UnitPrice = "899.13", "80.87", "89.913"
			in.Docs[KindInvoice].Fields["amount"] = evidence.Field{Value: "1153.63"}
			in.Docs[KindInvoice].Fields["tax"] = evidence.Field{Value: "80.87"}
		}, nil, StatusVerified},
		{"invoice totals do not add up", func(in *CheckInput) {
			in.Docs[KindInvoice].Fields["tax"] = evidence.Field{Value: "80.93"}
		}, []string{RuleArithmetic, RuleArithmetic}, StatusNeedsReview},
		{"13% on rice", func(in *CheckInput) {
			l := &in.Docs[KindInvoice].Lines[0]
			l.TaxRate, l.Amount, l.Tax, l.UnitPrice = "13%", "867.26", "112.74", "86.726"
			in.Docs[KindInvoice].Fields["amount"] = evidence.Field{Value: "1121.76"}
			in.Docs[KindInvoice].Fields["tax"] = evidence.Field{Value: "112.74"}
		}, []string{RuleTaxRate}, StatusNeedsReview},
		{"a product not ordered", func(in *CheckInput) {
			in.Docs[KindAcceptance].Lines[1].Name = "萝卜"
		}, []string{RuleLineProduct, RuleLineProduct}, StatusNeedsReview},
		{"invoice quantity differs", func(in *CheckInput) {
			l := &in.Docs[KindInvoice].Lines[0]
			l.Quantity, l.UnitPrice = "11", "81.734545"
		}, []string{RuleLineQuantity}, StatusNeedsReview},
		{"acceptance unit price differs", func(in *CheckInput) {
			in.Docs[KindAcceptance].Lines[0].UnitPrice = "99.00"
		}, []string{RuleLinePrice}, StatusNeedsReview},
		{"received less than ordered", func(in *CheckInput) {
			in.Docs[KindAcceptance].Lines[1].Received = "48.5"
		}, []string{RuleReceived}, StatusNeedsReview},
		{"received more than ordered", func(in *CheckInput) {
			in.Docs[KindAcceptance].Lines[1].Received = "51"
		}, nil, StatusVerified},
		{"courier's dates missing, accepted before the contract", func(in *CheckInput) {
			delete(in.Docs[KindLogistics].Fields, "shipped")
			delete(in.Docs[KindLogistics].Fields, "signed")
			in.Docs[KindAcceptance].Fields["date"] = evidence.Field{Value: "2021-09-30"}
		}, []string{RuleDateSequence, RuleFieldMissing}, StatusNeedsReview},
		{"acceptance undated", func(in *CheckInput) {
			delete(in.Docs[KindAcceptance].Fields, "date")
		}, []string{RuleFieldMissing}, StatusNeedsReview},
		{"receiving note without a conclusion, signed by the receiver", func(in *CheckInput) {
			delete(in.Docs[KindAcceptance].Fields, "conclusion")
			in.Docs[KindAcceptance].Fields["signer"] = evidence.Field{Value: "唐军"}
		}, nil, StatusVerified},
		{"acceptance without a conclusion or a signature", func(in *CheckInput) {
			delete(in.Docs[KindAcceptance].Fields, "conclusion")
		}, []string{RuleFieldMissing}, StatusNeedsReview},
		{"a value found by the order's value where nothing says whose it is", func(in *CheckInput) {
			in.Docs[KindPayment].Fields["payee_account"] = evidence.Field{Value: "6228480018001234567", Conf: 0.55, Via: "the order's value, found in no party's section"}
		}, []string{RuleLowConfidence}, StatusNeedsReview},
		{"acceptance failed", func(in *CheckInput) {
			in.Docs[KindAcceptance].Fields["conclusion"] = evidence.Field{Value: "不合格"}
		}, []string{RuleConclusion}, StatusNeedsReview},
		{"payment months after the order", func(in *CheckInput) {
			in.Docs[KindPayment].Fields["date"] = evidence.Field{Value: "2022-01-11"}
		}, []string{RuleDatePeriod}, StatusNeedsReview},
		{"invoice in the future", func(in *CheckInput) {
			in.Docs[KindInvoice].Fields["date"] = evidence.Field{Value: "2025-06-04"}
		}, []string{RuleDateFuture}, StatusNeedsReview},
		{"date that does not parse", func(in *CheckInput) {
			in.Docs[KindInvoice].Fields["date"] = evidence.Field{Value: "2021-13-01"}
		}, []string{RuleFieldInvalid}, StatusNeedsReview},
		{"supplier not admitted", func(in *CheckInput) { in.Supplier.Admitted = false }, []string{RuleSupplierElig}, StatusNeedsReview},
		{"supplier registered at a prefecture", func(in *CheckInput) { in.Supplier.DivisionCode = "430200" }, []string{RuleSupplierElig}, StatusNeedsReview},
		{"category not one of six", func(in *CheckInput) { in.Lines[0].Category = "meat" }, []string{RuleCategoryElig}, StatusNeedsReview},
		{"buyer's credit code fails its check", func(in *CheckInput) {
			in.Buyer.USCC = "121200004013590817"
			in.Docs[KindContract].Fields["buyer_id"] = evidence.Field{Value: in.Buyer.USCC}
			in.Docs[KindInvoice].Fields["buyer_id"] = evidence.Field{Value: in.Buyer.USCC}
		}, []string{RuleUSCCCheck}, StatusNeedsReview},
		{"paid on a Sunday: noted only", func(in *CheckInput) {
			in.Docs[KindPayment].Fields["date"] = evidence.Field{Value: "2021-10-17"}
		}, []string{RuleHoliday}, StatusVerified},
		{"adjusted working Saturday is a working day", func(in *CheckInput) {
			in.Docs[KindContract].Fields["date"] = evidence.Field{Value: "2021-10-09"}
			in.Docs[KindLogistics].Fields["shipped"] = evidence.Field{Value: "2021-10-09"}
		}, nil, StatusVerified},
		{"round total: noted only", func(in *CheckInput) { roundTotal(in) }, []string{RuleAmount, RuleAmount, RuleAmount, RuleAmount, RuleRoundAmount}, StatusNeedsReview},
		{"same-day order: noted only", func(in *CheckInput) {
			in.SameDay = []Order{{No: "HN2021000002", Total: 80000}}
		}, []string{RuleSplit}, StatusVerified},
		{"same-day orders reaching the split limit", func(in *CheckInput) {
			in.SameDay = []Order{{No: "HN2021000002", Total: 4900000}}
		}, []string{RuleSplit}, StatusNeedsReview},
		{"holiday and same-day order together", func(in *CheckInput) {
			in.Docs[KindPayment].Fields["date"] = evidence.Field{Value: "2021-10-17"}
			in.SameDay = []Order{{No: "HN2021000002", Total: 80000}}
		}, []string{RuleHoliday, RuleSplit, RuleRedFlags}, StatusNeedsReview},
	}
	runCheckCases(t, tests, func(t *testing.T, f Finding) {
		if _, ok := RuleByID(f.Rule); !ok {
			t.Errorf("finding of rule %s, not in the catalogue", f.Rule)
		}
		if !strings.Contains(f.Message, " (") {
			t.Errorf("message %q has no English half", f.Message)
		}
	})
}

// roundTotal makes the order's total ¥2,000.00 (the documents keep theirs).
func roundTotal(in *CheckInput) { in.Order.Total = 200000 }

func TestCheckConfigSeverity(t *testing.T) {
	t.Parallel()
	in := cleanInput()
	in.Docs[KindPayment].Fields["date"] = evidence.Field{Value: "2021-10-17"}
	cfg := DefaultCheckConfig()
	cfg.Severity = map[string]Severity{RuleHoliday: SeverityWarning}
	got := CheckWith(cfg, in)
	if len(got) != 1 || got[0].Severity != SeverityWarning || Verdict(got) != StatusNeedsReview {
		t.Fatalf("findings %+v, want one date.holiday warning", got)
	}
	cfg = DefaultCheckConfig()
	cfg.PeriodAfter = 120
	in = cleanInput()
	in.Docs[KindPayment].Fields["date"] = evidence.Field{Value: "2022-01-11"}
	if got := CheckWith(cfg, in); len(got) != 0 {
		t.Fatalf("payment 95 days after the order with a 120-day period: %+v", got)
	}
}

func TestCatalogue(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Zh == "" || r.En == "" || r.Group == "" {
			t.Errorf("rule %s: description or group missing: %+v", r.ID, r)
		}
		switch r.Severity {
		case SeverityContradiction, SeverityWarning, SeverityInfo:
		default:
			t.Errorf("rule %s: severity %q", r.ID, r.Severity)
		}
	}
	// The identifiers' rules are in the catalogue too.
	for _, kind := range []string{"invoice_number", "tracking_number", "payment_serial", "payment_receipt", "file"} {
		f := DuplicateFinding(Identifier{Kind: kind, Value: "X", Doc: KindInvoice}, "HN2021000009")
		if !seen[f.Rule] {
			t.Errorf("identifier %s: rule %q not in the catalogue", kind, f.Rule)
		}
	}
}

func TestNonWorkingDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		date string
		off  bool
		name string
	}{
		{"2021-10-08", false, ""},   // Friday
		{"2021-10-09", false, ""},   // Saturday worked for 国庆节
		{"2021-10-10", true, "周日"},  // Sunday
		{"2021-10-04", true, "国庆节"}, // Monday, holiday
		{"2021-09-18", false, ""},   // Saturday worked for 中秋节
		{"2021-09-20", true, "中秋节"}, // Monday, holiday
		{"2021-12-25", true, "周六"},  // Saturday
		{"2022-01-29", false, ""},   // Saturday worked for 春节
		{"2023-01-01", true, "元旦"},  // Sunday, holiday
		{"2025-09-28", false, ""},   // Sunday worked
		{"2026-02-23", true, "春节"},  // Monday, holiday
		{"2030-06-01", true, "周六"},  // beyond the calendar: weekends only
		{"2030-06-03", false, ""},   // Monday
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.date)
		if err != nil {
			t.Fatal(err)
		}
		name, off := NonWorkingDay(d)
		if off != tt.off || name != tt.name {
			t.Errorf("NonWorkingDay(%s) = %q, %v; want %q, %v", tt.date, name, off, tt.name, tt.off)
		}
	}
}

func TestCountyInAddress(t *testing.T) {
	t.Parallel()
	tests := []struct{ addr, want string }{
		{"湖南省株洲市茶陵县城关镇解放路12号 茶陵县第二中学", "430224"},
		{"湖南省株洲市炎陵县霞阳镇解放路12号 茶陵县第二中学", "430225"},
		{"湖南省长沙市长沙县星沙街道1号", "430121"},
		{"湖南省益阳市南县南洲镇1号", "430921"},
		{"湖南省湘西土家族苗族自治州永顺县灵溪镇1号", "433127"},
		{"解放路12号", ""},
	}
	for _, tt := range tests {
		d, ok := CountyInAddress(tt.addr)
		if d.Code != tt.want || ok != (tt.want != "") {
			t.Errorf("CountyInAddress(%q) = %s %s, %v; want %s", tt.addr, d.Code, d.Name, ok, tt.want)
		}
	}
}

func TestYuan(t *testing.T) {
	t.Parallel()
	for f, want := range map[int64]string{0: "¥0.00", 5: "¥0.05", 123450: "¥1,234.50", 1234567890: "¥12,345,678.90", -100000: "-¥1,000.00"} {
		if got := yuan(moneyFen(f)); got != want {
			t.Errorf("yuan(%d) = %s, want %s", f, got, want)
		}
	}
}

func moneyFen(f int64) money.Fen { return money.Fen(f) }
