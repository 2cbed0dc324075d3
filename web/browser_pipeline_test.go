package web_test

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/heshi-verify/heshi/evidence/sandbox"
	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
	"github.com/heshi-verify/heshi/pipeline/postgres"
	"github.com/heshi-verify/heshi/web"
	"github.com/heshi-verify/heshi/web/account"
	"github.com/heshi-verify/heshi/workers"
)

// pipelineOrder is the order of the committed small sample whose documents
// the browser uploads: its truth label is amount.mismatch (the acceptance
// report's total differs from the order's), so the real cross-check sends it
// to review.
const pipelineOrder = "HN2021000010"

// TestBrowserThroughPipeline is the main path with nothing faked: the
// supplier uploads the five real PDFs of an order in the browser, the River
// workers read them through the sandbox and cross-check the order, the
// operator takes it from the queue with n, sees the finding and the PDFs
// inline and approves it, and the assessor sees the order's amount in the
// verified total and exports it.
func TestBrowserThroughPipeline(t *testing.T) {
	t.Parallel()
	ctx, downloads := newBrowser(t)
	bg := context.Background()

	// The sample's master data for this one order only: nothing else can
	// land in the queue before it.
	sample := filepath.Join("..", "samples", "testdata", "small")
	full, err := dataset.Read(sample)
	if err != nil {
		t.Fatal(err)
	}
	ds := &pipeline.Dataset{}
	var order pipeline.Order
	for _, o := range full.Orders {
		if o.No == pipelineOrder {
			order = o
		}
	}
	if order.No == "" {
		t.Fatalf("%s is not in the sample", pipelineOrder)
	}
	ds.Orders = []pipeline.Order{order}
	for _, b := range full.Buyers {
		if b.ID == order.BuyerID {
			ds.Buyers = append(ds.Buyers, b)
		}
	}
	for _, s := range full.Suppliers {
		if s.ID == order.SupplierID {
			ds.Suppliers = append(ds.Suppliers, s)
		}
	}
	for _, p := range full.Products {
		if p.SupplierID == order.SupplierID {
			ds.Products = append(ds.Products, p)
		}
	}

	pool := testenv.DB(t)
	queue, err := workers.NewQueue(pool)
	if err != nil {
		t.Fatal(err)
	}
	store := postgres.New(pool, queue, testenv.StoreOptions())
	if err := store.SeedDivisions(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := store.ImportMaster(bg, ds, pipeline.System); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name     string
		role     pipeline.Role
		supplier string
	}{{"s1", pipeline.RoleSupplier, order.SupplierID}, {"op", pipeline.RoleOperator, ""}, {"as", pipeline.RoleAssessor, ""}} {
		if _, err := account.New(store).CreateUser(bg, pipeline.System, u.name, u.role, u.supplier); err != nil {
			t.Fatal(err)
		}
		if err := account.New(store).SetPassword(bg, pipeline.System, u.name, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	objects := testenv.Objects(t)

	// Real workers, the test binary as the reader child (TestMain).
	pdf, err := sandbox.New(sandbox.Config{Workers: 1, Timeout: 30 * time.Second, Command: []string{os.Args[0], sandbox.ChildArg}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pdf.Close() })
	client, err := workers.NewClient(pool, workers.Deps{Store: store, Objects: objects, PDF: pdf, MaxObjectBytes: 20 << 20, ExtractTimeout: 60 * time.Second}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(bg); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		client.Stop(sctx) //nolint:errcheck
	})
	srv := httptest.NewServer(web.NewServer(web.Config{Store: store, Objects: objects, Jobs: testenv.Jobs(t, pool), MaxUploadBytes: 20 << 20}))
	t.Cleanup(srv.Close)
	base := srv.URL

	// Supplier: the five real PDFs, under names such as people give them.
	dir := t.TempDir()
	names := map[pipeline.DocKind]string{
		pipeline.KindContract: "购销合同.pdf", pipeline.KindPayment: "转账回单.pdf", pipeline.KindLogistics: "express-waybill.pdf",
		pipeline.KindInvoice: "fapiao.pdf", pipeline.KindAcceptance: "验收单.pdf",
	}
	var files []string
	for _, k := range pipeline.DocKinds {
		raw, err := os.ReadFile(filepath.Join(sample, "documents", pipelineOrder, string(k)+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, names[k])
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	var kinds []string
	var ok int
	if err := chromedp.Run(ctx,
		uploadAs(base, "s1", pipelineOrder, files, &kinds, &ok),
	); err != nil {
		t.Fatal(err)
	}
	// The kind guessed from names as people give them, Chinese or English.
	var guesses map[string]string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`Object.fromEntries([
		"采购合同.pdf", "供货协议 2021.pdf", "Contract_HN1.PDF", "银行回单.pdf", "转账凭证.pdf", "付款.jpg", "bank-receipt.pdf", "payment.pdf",
		"顺丰快递运单.pdf", "物流单.png", "Courier receipt.pdf", "express.pdf", "waybill.pdf", "增值税电子普通发票.pdf", "fapiao.pdf",
		"INVOICE-123.pdf", "验收报告.pdf", "acceptance.pdf", "scan0001.pdf"].map(n => [n, guessKind(n)]))`, &guesses)); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"采购合同.pdf": "contract", "供货协议 2021.pdf": "contract", "Contract_HN1.PDF": "contract",
		"银行回单.pdf": "payment", "转账凭证.pdf": "payment", "付款.jpg": "payment", "bank-receipt.pdf": "payment", "payment.pdf": "payment",
		"顺丰快递运单.pdf": "logistics", "物流单.png": "logistics", "Courier receipt.pdf": "logistics", "express.pdf": "logistics", "waybill.pdf": "logistics",
		"增值税电子普通发票.pdf": "invoice", "fapiao.pdf": "invoice", "INVOICE-123.pdf": "invoice",
		"验收报告.pdf": "acceptance", "acceptance.pdf": "acceptance", "scan0001.pdf": "",
	} {
		if guesses[name] != want {
			t.Errorf("guessKind(%q) = %q, want %q", name, guesses[name], want)
		}
	}
	want := make([]string, len(pipeline.DocKinds))
	for i, k := range pipeline.DocKinds {
		want[i] = string(k)
	}
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds guessed %v, want %v", kinds, want)
	}
	if ok != 5 {
		t.Fatalf("%d of 5 uploads succeeded", ok)
	}

	// The workers read and cross-check the order.
	wctx, cancel := context.WithTimeout(bg, 3*time.Minute)
	defer cancel()
	if err := testenv.Jobs(t, pool).WaitIdle(wctx, 200*time.Millisecond, nil); err != nil {
		t.Fatalf("jobs did not finish: %v", err)
	}
	if _, discarded, err := testenv.Jobs(t, pool).Pending(bg); err != nil || discarded != 0 {
		t.Fatalf("%d jobs discarded (err %v)", discarded, err)
	}
	det, err := store.OrderDetail(bg, pipeline.System, pipelineOrder)
	if err != nil {
		t.Fatal(err)
	}
	if det.Status != pipeline.StatusNeedsReview {
		t.Fatalf("%s is %s after the workers, want %s", pipelineOrder, det.Status, pipeline.StatusNeedsReview)
	}

	// The supplier's page has refreshed by itself: five documents read, and
	// the finding in plain words.
	var readDocs int
	var plain, supStatus, history string
	if err := chromedp.Run(ctx,
		chromedp.Poll(`document.querySelectorAll('.doc-panel .d-read').length === 5`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Evaluate(`document.querySelectorAll('.doc-panel .d-read').length`, &readDocs),
		chromedp.Text(`#findings`, &plain, chromedp.ByID),
		chromedp.Text(`#order-status`, &supStatus, chromedp.ByID),
		chromedp.Text(`#history`, &history, chromedp.ByID),
		chromedp.Evaluate(`window.scrollTo(0, 0)`, nil),
		viewShot("pipeline-supplier-top"),
		screenshot("pipeline-supplier"),
	); err != nil {
		t.Fatalf("supplier page after the workers: %v", err)
	}
	if readDocs != 5 || supStatus != "待人工审核" || !strings.Contains(history, "待人工审核") {
		t.Errorf("supplier page refreshed to %d documents read, status %q, history %q", readDocs, supStatus, history)
	}
	if !strings.Contains(plain, "金额") {
		t.Errorf("supplier findings %q do not say in plain words what is wrong with the amount", plain)
	}

	// Operator: n claims it; the finding is there; the PDFs are inline.
	var findings, docType, docHead string
	var frames int
	if err := chromedp.Run(ctx,
		signInAs(base, "op"),
		chromedp.WaitVisible(`#queue-table`, chromedp.ByID),
		chromedp.KeyEvent("n"),
		chromedp.WaitVisible(`#decision-form`, chromedp.ByID),
		chromedp.Text(`#findings`, &findings, chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll('iframe.pdf').length`, &frames),
		chromedp.Evaluate(`fetch(document.querySelector('iframe.pdf').src).then(r => r.headers.get('Content-Type'))`, &docType, awaitPromise),
		chromedp.Evaluate(`fetch(document.querySelector('iframe.pdf').src).then(r => r.arrayBuffer()).then(b => String.fromCharCode(...new Uint8Array(b.slice(0, 5))))`, &docHead, awaitPromise),
		chromedp.Sleep(4*time.Second), // the PDF viewer draws
		viewShot("pipeline-operator-top"),
		chromedp.ScrollIntoView(`iframe.pdf`),
		viewShot("pipeline-operator-pdf"),
		chromedp.ScrollIntoView(`#doc-payment table.fields`),
		viewShot("pipeline-operator-fields"),
		screenshot("pipeline-operator"),
	); err != nil {
		t.Fatal(err)
	}
	// The claim extends while the operator works: let it near its end, start
	// the page's renewal with a short period, and show activity.
	if _, err := pool.Exec(bg, `update review_claims set expires_at = now() + interval '1 minute'`); err != nil {
		t.Fatal(err)
	}
	var until string
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`renewClaim(300); document.dispatchEvent(new Event("scroll")); true`, nil),
		chromedp.Sleep(1500*time.Millisecond),
		chromedp.Text(`#claim-until`, &until, chromedp.ByID),
	); err != nil {
		t.Fatal(err)
	}
	if c, err := store.ClaimOf(bg, pipelineOrder); err != nil || c == nil || time.Until(c.ExpiresAt) < pipeline.ClaimTTL-time.Minute {
		t.Errorf("claim after activity %+v (%v), want renewed for %v", c, err, pipeline.ClaimTTL)
	} else if want := c.ExpiresAt.In(pipeline.Shanghai).Format("2006-01-02 15:04"); until != want {
		t.Errorf("page shows the claim until %q, want %q", until, want)
	}
	if !strings.Contains(findings, "amount.mismatch") {
		t.Errorf("operator findings %q, want amount.mismatch", findings)
	}
	if frames != 5 || docType != "application/pdf" || docHead != "%PDF-" {
		t.Errorf("inline documents: %d frames, %q, starting %q; want 5, application/pdf, %%PDF-", frames, docType, docHead)
	}
	approveOpenOrder(t, ctx, base, pipelineOrder, "验收报告数量笔误，供应商已书面说明")

	// Assessor: the verified total is the order's amount; export it.
	if total := assessorTotalAndExport(t, ctx, base, "pipeline-assessor", downloads); strings.ReplaceAll(total, ",", "") != order.Total.String() {
		t.Errorf("verified total %q, want %s", total, order.Total)
	}
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// waitDownload waits for one non-empty file matching pattern in dir.
func waitDownload(t *testing.T, dir, pattern string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m, _ := filepath.Glob(filepath.Join(dir, pattern)); len(m) == 1 {
			if fi, err := os.Stat(m[0]); err == nil && fi.Size() > 0 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s was downloaded", pattern)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// viewShot saves what the window shows (a full-page shot of the order page
// is too tall to look at).
func viewShot(name string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var buf []byte
		if err := chromedp.CaptureScreenshot(&buf).Do(ctx); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(os.TempDir(), "heshi-"+name+".png"), buf, 0o644)
	})
}
