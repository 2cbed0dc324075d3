package samples

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
)

// needFont skips a test that draws documents when the font is not
// installed (CI installs fonts-wqy-microhei).
func needFont(t testing.TB) {
	t.Helper()
	if _, err := FontPath(); err != nil {
		t.Skipf("no font for the documents: %v", err)
	}
}

// generate writes a dataset into a fresh temporary directory.
func generate(t testing.TB, opt Options) (string, *pipeline.Dataset) {
	t.Helper()
	dir := t.TempDir()
	ds, err := Generate(context.Background(), dir, opt)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opt, err)
	}
	return dir, ds
}

// checkDataset checks what holds for every generated dataset: it reads
// back with dataset.Read, codes are valid, amounts add up, truth labels
// every order and documents are where they should be.
func checkDataset(t *testing.T, dir string, ds *pipeline.Dataset, withDocs bool) {
	t.Helper()
	back, err := dataset.Read(dir)
	if err != nil {
		t.Fatalf("dataset.Read: %v", err)
	}
	if len(back.Orders) != len(ds.Orders) || len(back.Buyers) != len(ds.Buyers) ||
		len(back.Suppliers) != len(ds.Suppliers) || len(back.Products) != len(ds.Products) {
		t.Errorf("read back %d orders, %d buyers, %d suppliers, %d products; generated %d, %d, %d, %d",
			len(back.Orders), len(back.Buyers), len(back.Suppliers), len(back.Products),
			len(ds.Orders), len(ds.Buyers), len(ds.Suppliers), len(ds.Products))
	}
	if !slices.Equal(back.Truth, ds.Truth) {
		t.Errorf("truth.csv reads back differently")
	}

	for _, b := range ds.Buyers {
		if b.Kind == pipeline.BuyerIndividual {
			if b.USCC != "" {
				t.Errorf("individual %s has USCC %s", b.Name, b.USCC)
			}
			continue
		}
		if err := ident.ValidUSCC(b.USCC); err != nil {
			t.Errorf("buyer %s: %v", b.Name, err)
		}
		if b.USCC[2:8] != b.DivisionCode {
			t.Errorf("buyer %s: USCC %s not registered in %s", b.Name, b.USCC, b.DivisionCode)
		}
	}
	for _, s := range ds.Suppliers {
		if err := ident.ValidUSCC(s.USCC); err != nil {
			t.Errorf("supplier %s: %v", s.Name, err)
		}
		if s.USCC[2:8] != s.DivisionCode {
			t.Errorf("supplier %s: USCC %s not registered in %s", s.Name, s.USCC, s.DivisionCode)
		}
		if n := len(s.BankAccount); n < 16 || n > 19 || strings.Trim(s.BankAccount, "0123456789") != "" {
			t.Errorf("supplier %s: account %q is not 16-19 digits", s.Name, s.BankAccount)
		}
	}

	labels := map[string]bool{LabelClean: true}
	for _, r := range AnomalyRules {
		labels[r] = true
	}
	truth := map[string]pipeline.Truth{}
	for _, tr := range ds.Truth {
		truth[tr.OrderNo] = tr
		if !labels[tr.Label] {
			t.Errorf("%s: unknown label %q", tr.OrderNo, tr.Label)
		}
		if (tr.Label == LabelClean) != (tr.Detail == "") {
			t.Errorf("%s: label %s with detail %q", tr.OrderNo, tr.Label, tr.Detail)
		}
	}
	for i, o := range ds.Orders {
		if want := fmt.Sprintf("HN2021%06d", i+1); o.No != want {
			t.Errorf("order %d numbered %s, want %s", i, o.No, want)
		}
		if o.Date.Before(periodStart) || periodEnd.Before(o.Date) {
			t.Errorf("%s dated %s, outside the 2021 period", o.No, o.Date)
		}
		if i > 0 && o.Date.Before(ds.Orders[i-1].Date) {
			t.Errorf("%s dated %s, before the order numbered before it", o.No, o.Date)
		}
		if n := len(o.Lines); n < 1 || n > 4 {
			t.Errorf("%s has %d lines", o.No, n)
		}
		var sum money.Fen
		for _, l := range o.Lines {
			if l.Quantity <= 0 || l.UnitPrice <= 0 {
				t.Errorf("%s: line %+v", o.No, l)
			}
			if got := l.Quantity.Times(l.UnitPrice); got != l.Amount {
				t.Errorf("%s: %s × %s = %s, line says %s", o.No, l.Quantity, l.UnitPrice, got, l.Amount)
			}
			sum += l.Amount
		}
		if sum != o.Total {
			t.Errorf("%s: lines add up to %s, total %s", o.No, sum, o.Total)
		}
		tr, ok := truth[o.No]
		if !ok {
			t.Errorf("%s has no truth label", o.No)
		}
		if !withDocs {
			continue
		}
		docs := ds.Documents[o.No]
		for _, k := range pipeline.DocKinds {
			p, listed := docs[k]
			missing := tr.Label == RuleMissing && strings.HasPrefix(tr.Detail, string(k)+" ")
			if listed == missing {
				t.Errorf("%s %s: listed %v, planted missing %v", o.No, k, listed, missing)
			}
			if listed {
				if want := dataset.DocumentPath(o.No, k, "pdf"); p != want {
					t.Errorf("%s %s at %s, want %s", o.No, k, p, want)
				}
				if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
					t.Errorf("%s %s: %v", o.No, k, err)
				}
			} else if _, err := os.Stat(filepath.Join(dir, dataset.DocumentPath(o.No, k, "pdf"))); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s %s: planted missing, but the file is there", o.No, k)
			}
		}
	}
}

func TestGenerateSmall(t *testing.T) {
	needFont(t)
	var progress []int
	dir, ds := generate(t, Options{Orders: 12, Seed: 7, AnomalyRate: 0.5, Workers: 3,
		Progress: func(done, total int) { progress = append(progress, done) }})
	checkDataset(t, dir, ds, true)
	docs := 0
	for _, m := range ds.Documents {
		docs += len(m)
	}
	if len(progress) == 0 || progress[len(progress)-1] != docs {
		t.Errorf("progress reported %v, want it to end at %d documents", progress, docs)
	}
	anomalies := 0
	for _, tr := range ds.Truth {
		if tr.Label != LabelClean {
			anomalies++
		}
	}
	if anomalies == 0 || anomalies == len(ds.Orders) {
		t.Errorf("%d of %d orders anomalous at rate 0.5", anomalies, len(ds.Orders))
	}
}

// orderFacts is what a test reads from an order's documents.
type orderFacts struct {
	violations map[string]bool
	invoiceNo  string
	trackingNo string
}

// readOrder reads an order's documents back and checks them against the
// order as a verifier would, returning the rules they break. It also checks
// the text contract: titles, labels and values on one row.
func readOrder(t *testing.T, dir string, ds *pipeline.Dataset, o pipeline.Order, b pipeline.Buyer, s pipeline.Supplier) orderFacts {
	t.Helper()
	f := orderFacts{violations: map[string]bool{}}
	flag := func(rule, format string, args ...any) {
		f.violations[rule] = true
		t.Logf("%s: %s: %s", o.No, rule, fmt.Sprintf(format, args...))
	}
	read := map[pipeline.DocKind]readDoc{}
	for _, k := range pipeline.DocKinds {
		p, ok := ds.Documents[o.No][k]
		if !ok {
			flag(RuleMissing, "%s not there", k)
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := pdfRuns(data)
		if err != nil {
			flag(RuleUnreadable, "%s: %v", k, err)
			continue
		}
		d := readDoc{rows}
		if got := kindOfTitle(d.title()); got != k {
			t.Errorf("%s %s: title %q reads as %q", o.No, k, d.title(), got)
		}
		read[k] = d
	}
	orderDate := func(k pipeline.DocKind, labels ...string) pipeline.Date {
		v := read[k].get(labels...)
		d, ok := parseDocDate(v)
		if !ok {
			t.Errorf("%s %s: date %q (%v)", o.No, k, v, labels)
		}
		return d
	}
	party := func(k pipeline.DocKind, what, got, want string) {
		if got != want {
			flag("party.other", "%s %s %q, want %q", k, what, got, want)
		}
	}
	seller := func(k pipeline.DocKind, what, got, want string) {
		if got != want {
			flag(RuleSeller, "%s %s %q, want %q", k, what, got, want)
		}
	}
	amounts := func(k pipeline.DocKind, figLabels, upperLabels []string) {
		d := read[k]
		fig := figures(d.get(figLabels...))
		if fig != o.Total {
			flag(RuleAmount, "%s total %s, order %s", k, fig, o.Total)
		}
		if upperLabels == nil {
			return
		}
		if up := uppercase(d.get(upperLabels...)); up != fig {
			flag(RuleUppercase, "%s uppercase %s, figures %s", k, up, fig)
		}
	}

	if d, ok := read[pipeline.KindContract]; ok {
		if got := d.get("合同编号"); !regexp.MustCompile(`^HT-2021-\d{6}$`).MatchString(got) {
			t.Errorf("%s contract number %q", o.No, got)
		}
		party(pipeline.KindContract, "order", d.get("订单编号"), o.No)
		party(pipeline.KindContract, "buyer", d.get("采购人（甲方）", "甲方（采购人）", "甲方"), b.Name)
		seller(pipeline.KindContract, "seller", d.get("供应商（乙方）", "乙方（供应商）", "乙方"), s.Name)
		seller(pipeline.KindContract, "seller id", d.get("供应商统一社会信用代码", "乙方统一社会信用代码"), s.USCC)
		if b.USCC != "" {
			party(pipeline.KindContract, "buyer id", d.get("采购人统一社会信用代码", "甲方统一社会信用代码"), b.USCC)
		}
		orderDate(pipeline.KindContract, "签订日期", "签订时间")
		amounts(pipeline.KindContract, []string{"合同总金额（小写）", "合同金额（小写）"}, []string{"合同总金额（大写）", "合同金额（大写）"})
		if !strings.Contains(d.text(), "序号 商品名称 单位 数量 单价（元） 金额（元）") {
			t.Errorf("%s contract: no lines table header", o.No)
		}
	}
	if d, ok := read[pipeline.KindPayment]; ok {
		party(pipeline.KindPayment, "payer", d.get("付款人户名", "付款人名称", "付款方户名"), b.Name)
		seller(pipeline.KindPayment, "payee", d.get("收款人户名", "收款人名称", "收款方户名"), s.Name)
		if got := d.get("收款人账号", "收款方账号"); got != s.BankAccount {
			flag(RulePayeeAccount, "paid to %s, registered %s", got, s.BankAccount)
		}
		party(pipeline.KindPayment, "payee bank", d.get("收款人开户行", "收款方开户行"), s.BankName)
		if got := d.get("付款人账号", "付款方账号"); len(got) < 16 || len(got) > 19 {
			t.Errorf("%s payer account %q", o.No, got)
		}
		if got := d.get("用途", "摘要"); !strings.Contains(got, o.No) {
			t.Errorf("%s payment purpose %q does not name the order", o.No, got)
		}
		for _, l := range [][]string{{"交易日期", "记账日期"}, {"交易流水号", "流水号"}, {"回单编号", "回单号"}} {
			if d.get(l...) == "" {
				t.Errorf("%s payment has no %s", o.No, l[0])
			}
		}
		orderDate(pipeline.KindPayment, "交易日期", "记账日期")
		amounts(pipeline.KindPayment, []string{"金额（小写）", "交易金额（小写）", "小写金额"}, []string{"金额（大写）", "交易金额（大写）", "大写金额"})
	}
	var shipped pipeline.Date
	if d, ok := read[pipeline.KindLogistics]; ok {
		f.trackingNo = d.get("运单号", "快递单号", "运单号码")
		carrier := d.get("承运公司", "快递公司", "承运商")
		hint := map[string]string{"顺丰速运": ident.HintSF, "中国邮政EMS": ident.HintEMS, "京东物流": ident.HintJD, "中通快递": ident.HintTongs}[carrier]
		if hint == "" || ident.CourierHint(f.trackingNo) != hint {
			t.Errorf("%s: tracking number %q does not look like %s's", o.No, f.trackingNo, carrier)
		}
		party(pipeline.KindLogistics, "recipient", d.get("收件人"), b.Name)
		party(pipeline.KindLogistics, "sender", d.get("寄件人"), s.Name)
		county := pipeline.Division{}
		for _, c := range pipeline.HunanCounties() {
			if c.Code == b.DivisionCode {
				county = c
			}
		}
		if addr := d.get("收件地址"); !strings.HasPrefix(addr, "湖南省"+county.CityName+county.Name) {
			flag(RuleCounty, "address %q not in the buyer's county %s", addr, county.Name)
		}
		if d.get("件数") == "" || !strings.HasSuffix(d.get("重量"), "kg") || d.get("订单编号", "备注（订单）") != o.No {
			t.Errorf("%s logistics: pieces %q, weight %q, order %q", o.No, d.get("件数"), d.get("重量"), d.get("订单编号", "备注（订单）"))
		}
		shipped = orderDate(pipeline.KindLogistics, "寄件日期", "发货日期", "揽收日期")
		signed := orderDate(pipeline.KindLogistics, "签收日期")
		if signed.Before(shipped) {
			flag(RuleDateSequence, "signed for %s before shipped %s", signed, shipped)
		}
		if c, ok := read[pipeline.KindContract]; ok {
			if signedOn, _ := parseDocDate(c.get("签订日期", "签订时间")); shipped.Before(signedOn) {
				flag(RuleDateSequence, "shipped %s before the contract %s", shipped, signedOn)
			}
		}
	}
	if d, ok := read[pipeline.KindInvoice]; ok {
		f.invoiceNo = d.get("发票号码")
		if !regexp.MustCompile(`^2143\d{16}$`).MatchString(f.invoiceNo) {
			t.Errorf("%s invoice number %q", o.No, f.invoiceNo)
		}
		buyer, ok := d.field(0, "购买方名称")
		if !ok {
			buyer, _ = d.field(-1, "名称")
		}
		if buyer != b.Name {
			flag(RuleBuyer, "invoice made out to %q", buyer)
		}
		sellerName, ok := d.field(0, "销售方名称")
		if !ok {
			sellerName, _ = d.field(+1, "名称")
		}
		seller(pipeline.KindInvoice, "seller", sellerName, s.Name)
		sellerID, ok := d.field(0, "销售方纳税人识别号", "销售方统一社会信用代码/纳税人识别号")
		if !ok {
			sellerID, _ = d.field(+1, "统一社会信用代码/纳税人识别号")
		}
		seller(pipeline.KindInvoice, "seller id", sellerID, s.USCC)
		if got := d.get("备注"); got != "订单编号："+o.No {
			t.Errorf("%s invoice 备注 %q", o.No, got)
		}
		if d.get("开票人") == "" || !strings.Contains(d.text(), "项目名称 规格型号 单位 数量 单价 金额 税率/征收率 税额") {
			t.Errorf("%s invoice: no issuer or lines header", o.No)
		}
		orderDate(pipeline.KindInvoice, "开票日期")
		amounts(pipeline.KindInvoice, []string{"价税合计（小写）", "（小写）"}, []string{"价税合计（大写）"})
		// 合计 row: amount + tax = 价税合计.
		for _, row := range d.rows {
			if row[0].s == "合计" && len(row) == 3 {
				amount, tax := figures(row[1].s), figures(row[2].s)
				if row[2].s == "***" {
					tax = 0
				}
				if total := figures(d.get("价税合计（小写）", "（小写）")); amount+tax != total {
					t.Errorf("%s invoice: 合计 %s + %s ≠ 价税合计 %s", o.No, row[1].s, row[2].s, total)
				}
			}
		}
	}
	if d, ok := read[pipeline.KindAcceptance]; ok {
		party(pipeline.KindAcceptance, "order", d.get("订单编号"), o.No)
		party(pipeline.KindAcceptance, "buyer", d.get("采购单位", "验收单位"), b.Name)
		seller(pipeline.KindAcceptance, "seller", d.get("供应商", "供货单位"), s.Name)
		if got := d.get("合同编号"); !regexp.MustCompile(`^HT-2021-\d{6}$`).MatchString(got) {
			t.Errorf("%s acceptance contract number %q", o.No, got)
		}
		if got := d.get("验收结论"); got != "合格" {
			flag(RuleConclusion, "acceptance conclusion %q", got)
		}
		amounts(pipeline.KindAcceptance, []string{"验收金额（小写）", "合计金额"}, nil)
		accepted := orderDate(pipeline.KindAcceptance, "验收日期")
		if !shipped.IsZero() && accepted.Before(shipped) {
			flag(RuleDateSequence, "accepted %s before shipped %s", accepted, shipped)
		}
	}
	return f
}

// readerRules are the labels readOrder can tell from the documents' text;
// the others (line arithmetic, tax rates, line-by-line comparisons, the
// order's period) break nothing readOrder looks at, and the pipeline's own
// tests find them.
var readerRules = []string{RuleMissing, RuleUnreadable, RuleAmount, RuleUppercase, RulePayeeAccount,
	RuleBuyer, RuleDateSequence, RuleSeller, RuleCounty, RuleConclusion}

// TestDocumentsTellTheTruth reads every document of a dataset back from its
// PDF and checks, as a verifier would, that clean orders break no rule and
// each anomalous order breaks exactly the rule its truth label names (or
// none readOrder sees).
func TestDocumentsTellTheTruth(t *testing.T) {
	needFont(t)
	dir, ds := generate(t, Options{Orders: 70, Seed: 3, AnomalyRate: 0.6})
	checkDataset(t, dir, ds, true)
	buyers := map[string]pipeline.Buyer{}
	for _, b := range ds.Buyers {
		buyers[b.ID] = b
	}
	suppliers := map[string]pipeline.Supplier{}
	for _, s := range ds.Suppliers {
		suppliers[s.ID] = s
	}
	seen := map[string]int{}
	invoices := map[string][]string{}
	tracking := map[string][]string{}
	for i, o := range ds.Orders {
		tr := ds.Truth[i]
		seen[tr.Label]++
		f := readOrder(t, dir, ds, o, buyers[o.BuyerID], suppliers[o.SupplierID])
		if f.invoiceNo != "" {
			invoices[f.invoiceNo] = append(invoices[f.invoiceNo], o.No)
		}
		if f.trackingNo != "" {
			tracking[f.trackingNo] = append(tracking[f.trackingNo], o.No)
		}
		var got []string
		for r := range f.violations {
			got = append(got, r)
		}
		slices.Sort(got)
		var want []string
		if slices.Contains(readerRules, tr.Label) {
			want = []string{tr.Label}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s labelled %s (%s): documents break %v", o.No, tr.Label, tr.Detail, got)
		}
	}
	// A number on two orders: exactly one of them is labelled, and its
	// detail names the other.
	truth := map[string]pipeline.Truth{}
	for _, tr := range ds.Truth {
		truth[tr.OrderNo] = tr
	}
	for rule, numbers := range map[string]map[string][]string{RuleInvoiceReuse: invoices, RuleTrackReuse: tracking} {
		for n, orders := range numbers {
			if len(orders) == 1 {
				if truth[orders[0]].Label == rule {
					t.Errorf("%s labelled %s, but its number %s is on no other order", orders[0], rule, n)
				}
				continue
			}
			if len(orders) != 2 {
				t.Errorf("number %s on %d orders %v", n, len(orders), orders)
				continue
			}
			a, b := truth[orders[0]], truth[orders[1]]
			if a.Label != rule {
				a, b = b, a
			}
			if a.Label != rule || b.Label != LabelClean || !strings.Contains(a.Detail, b.OrderNo) {
				t.Errorf("number %s on %v: labels %s (%s) and %s", n, orders, a.Label, a.Detail, b.Label)
			}
		}
	}
	for _, r := range AnomalyRules {
		if seen[r] == 0 {
			t.Errorf("no order labelled %s (labels: %v)", r, seen)
		}
	}
	// Spread evenly: every rule within one of the others.
	lo, hi := len(ds.Orders), 0
	for _, r := range AnomalyRules {
		lo, hi = min(lo, seen[r]), max(hi, seen[r])
	}
	if hi-lo > 1 {
		t.Errorf("anomalies unevenly spread: %v", seen)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	needFont(t)
	opt := Options{Orders: 6, Seed: 11, AnomalyRate: 0.5}
	a, _ := generate(t, opt)
	opt.Workers = 1
	b, _ := generate(t, opt)
	files := 0
	err := filepath.WalkDir(a, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			return err
		}
		if string(x) != string(y) {
			t.Errorf("%s differs between two runs with seed %d", rel, opt.Seed)
		}
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 6*4 {
		t.Errorf("compared only %d files", files)
	}
	c, _ := generate(t, Options{Orders: 6, Seed: 12, AnomalyRate: 0.5, NoDocuments: true})
	x, _ := os.ReadFile(filepath.Join(a, "orders.csv"))
	y, _ := os.ReadFile(filepath.Join(c, "orders.csv"))
	if string(x) == string(y) {
		t.Errorf("seeds 11 and 12 give the same orders")
	}
}

func TestGenerateRefusesOldDocuments(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "documents", "HN2021000001"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(context.Background(), dir, Options{Orders: 1, NoDocuments: true}); err == nil {
		t.Errorf("Generate into a directory with documents: no error")
	}
}

func TestGenerateCancelled(t *testing.T) {
	needFont(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, t.TempDir(), Options{Orders: 50, Seed: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("Generate with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestOptionsCheck(t *testing.T) {
	for _, opt := range []Options{
		{Orders: 0},
		{Orders: -3},
		{Orders: 1_000_000},
		{Orders: 5, AnomalyRate: 1.5},
		{Orders: 5, AnomalyRate: -0.1},
		{Calibrate: CalibrateHunan2021, AnomalyRate: 1},
		{Orders: 5, Calibrate: "hunan-2022"},
	} {
		if err := opt.check(); err == nil {
			t.Errorf("%+v: no error", opt)
		}
	}
	for _, opt := range []Options{{Orders: 1}, {Orders: 5, AnomalyRate: 1}, {Calibrate: CalibrateHunan2021, AnomalyRate: 0.3}} {
		if err := opt.check(); err != nil {
			t.Errorf("%+v: %v", opt, err)
		}
	}
}

func TestEveryOrderAnomalous(t *testing.T) {
	g, err := plan(Options{Orders: 30, Seed: 5, AnomalyRate: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range g.docs {
		// With no clean order to copy numbers from, unique.* fall back to
		// other rules.
		if d.rule == "" || d.rule == RuleInvoiceReuse || d.rule == RuleTrackReuse || d.detail == "" {
			t.Errorf("%s: rule %q, detail %q", d.no, d.rule, d.detail)
		}
	}
}

func TestBrokenDocumentsAreUnreadable(t *testing.T) {
	f := testFace(t)
	g, err := plan(Options{Orders: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	pg := render(f, g.docs[0], pipeline.KindInvoice)
	set := map[rune]bool{}
	pg.runes(set)
	var rs []rune
	for r := range set {
		rs = append(rs, r)
	}
	sub, err := f.Subset(rs)
	if err != nil {
		t.Fatal(err)
	}
	fc := newFontContainer(t, sub)
	good, err := pdfBytes(fc, pg, g.docs[0].order.Date.Time())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pdfRuns(good); err != nil {
		t.Fatalf("intact PDF unreadable: %v", err)
	}
	for mode := range brokenModes {
		for seed := range uint64(5) {
			b := brokenBytes(randFor(seed), mode, good)
			if _, err := pdfRuns(b); err == nil {
				t.Errorf("mode %d seed %d: broken document reads", mode, seed)
			}
		}
	}
}

// BenchmarkGenerate measures how fast documents are written, in docs/s:
//
//	go test ./samples/ -run '^$' -bench Generate -benchtime 3x
func BenchmarkGenerate(b *testing.B) {
	needFont(b)
	docs := 0
	for b.Loop() {
		ds, err := Generate(context.Background(), b.TempDir(), Options{Orders: 400, Seed: 1, AnomalyRate: 0.05})
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range ds.Documents {
			docs += len(m)
		}
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
}

// TestNoSplitOrders: no two clean orders share buyer, supplier and date,
// which the checks note as a split order (orders.split).
func TestNoSplitOrders(t *testing.T) {
	for _, opt := range []Options{{Orders: 2000, Seed: 4, AnomalyRate: 0.1}, {Calibrate: CalibrateHunan2021, Seed: 7, AnomalyRate: 0.05}} {
		g, err := plan(opt)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]string{}
		for i, o := range g.orders {
			if g.docs[i].rule != "" {
				continue
			}
			k := o.BuyerID + " " + o.SupplierID + " " + o.Date.String()
			if other, ok := seen[k]; ok {
				t.Errorf("%s and %s: same buyer, supplier and day (%s)", other, o.No, k)
			}
			seen[k] = o.No
		}
	}
}
