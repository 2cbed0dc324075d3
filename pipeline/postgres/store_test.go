package postgres_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
)

type bundle struct {
	pool  *pgxpool.Pool
	store *postgres.Store
}

// market is one buyer, one supplier, one product and n orders of ¥100.00
// each between them, on n consecutive days (n ≤ 28: one a day is no split
// order).
func market(n int) *pipeline.Dataset {
	ds := &pipeline.Dataset{
		Buyers:    []pipeline.Buyer{{ID: "B1", Name: "茶陵县第二中学", USCC: "121200004013590816", DivisionCode: "430224", Kind: pipeline.BuyerBudgetUnit}},
		Suppliers: []pipeline.Supplier{{ID: "S1", Name: "平江县山里香合作社", USCC: "91110000600037341L", DivisionCode: "430626", BankName: "农业银行", BankAccount: "6228", Admitted: true}},
		Products:  []pipeline.Product{{SKU: "P1", SupplierID: "S1", Name: "茶油", Category: pipeline.CategoryOil, Unit: "瓶"}},
	}
	for i := 1; i <= n; i++ {
		ds.Orders = append(ds.Orders, pipeline.Order{No: fmt.Sprintf("HN%d", i), BuyerID: "B1", SupplierID: "S1",
			Date: pipeline.Date{Year: 2021, Month: 11, Day: i}, Total: 10000,
			Lines: []pipeline.OrderLine{{SKU: "P1", Quantity: 1000, UnitPrice: 10000, Amount: 10000}}})
	}
	return ds
}

// setup imports market(n).
func setup(t *testing.T, n int) *bundle {
	t.Helper()
	store, pool := testenv.Market(t, market(n))
	return &bundle{pool: pool, store: store}
}

// cleanFields are what a reader finds on a clean document of the order.
func cleanFields(kind pipeline.DocKind) evidence.Extraction {
	f := func(kv ...string) map[string]evidence.Field {
		m := map[string]evidence.Field{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = evidence.Field{Value: kv[i+1]}
		}
		return m
	}
	ex := evidence.Extraction{Kind: string(kind), Source: "pdf-text", Readable: true}
	const buyer, seller = "茶陵县第二中学", "平江县山里香合作社"
	switch kind {
	case pipeline.KindContract:
		ex.Fields = f("total", "100.00", "buyer_id", "121200004013590816", "seller_id", "91110000600037341L", "buyer_name", buyer, "seller_name", seller)
	case pipeline.KindInvoice:
		ex.Fields = f("total", "100.00", "amount", "88.50", "tax", "11.50", "buyer_id", "121200004013590816", "seller_id", "91110000600037341L", "buyer_name", buyer, "seller_name", seller)
		ex.Lines = []evidence.Line{{Name: "*食用植物油*茶油", Quantity: "1", UnitPrice: "88.50", Amount: "88.50", TaxRate: "13%", Tax: "11.50"}}
	case pipeline.KindPayment:
		ex.Fields = f("amount", "100.00", "amount_upper", "人民币壹佰元整", "payee_account", "6228", "payer_name", buyer, "payee_name", seller)
	case pipeline.KindAcceptance:
		ex.Fields = f("total", "100.00", "buyer_name", buyer, "seller_name", seller, "conclusion", "合格", "date", "2021-11-29")
		ex.Lines = []evidence.Line{{Name: "茶油", Quantity: "1", Received: "1", UnitPrice: "100.00", Amount: "100.00"}}
	default:
		ex.Fields = f("carrier", "顺丰速运", "address", "湖南省株洲市茶陵县城关镇解放路12号", "signed", "2021-11-29")
	}
	return ex
}

func (b *bundle) addDoc(t *testing.T, orderNo string, kind pipeline.DocKind, content string) pipeline.Document {
	t.Helper()
	sum := sha256.Sum256([]byte(content))
	d, _, err := b.store.AddDocument(context.Background(), pipeline.System, pipeline.NewDocument{
		OrderNo: orderNo, Kind: kind, SHA256: sum[:], Size: int64(len(content)), MediaType: "application/pdf", ObjectKey: fmt.Sprintf("sha256/%x", sum),
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (b *bundle) crossCheckJobs(t *testing.T) []string {
	t.Helper()
	rows, err := b.pool.Query(context.Background(), `select args->>'evidence_key' from river_job where kind = 'cross_check' order by id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		rows.Scan(&k)
		keys = append(keys, k)
	}
	return keys
}

func (b *bundle) check(t *testing.T, orderNo string) pipeline.VerdictResult {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := b.pool.QueryRow(ctx, `select id from orders where order_no = $1`, orderNo).Scan(&id); err != nil {
		t.Fatal(err)
	}
	in, key, err := b.store.LoadCheckInput(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.store.RecordVerdict(ctx, id, key, pipeline.Check(in), pipeline.Identifiers(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (b *bundle) verifiedTotal(t *testing.T) int64 {
	t.Helper()
	st, err := b.store.Stats(context.Background(), pipeline.Period{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	return int64(st.Summary.Amount.Fen)
}

func TestOrderLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 1)
	for i, k := range pipeline.DocKinds {
		d := b.addDoc(t, "HN1", k, "v1 "+string(k))
		if err := b.store.SaveExtraction(ctx, d.ID, cleanFields(k)); err != nil {
			t.Fatal(err)
		}
		if jobs := b.crossCheckJobs(t); (i < 4 && len(jobs) != 0) || (i == 4 && len(jobs) != 1) {
			t.Fatalf("after %d documents read, cross-check jobs %v", i+1, jobs)
		}
	}
	// A retried extraction neither adds a job nor changes the set.
	det, _ := b.store.OrderDetail(ctx, pipeline.System, "HN1")
	if err := b.store.SaveExtraction(ctx, det.Documents[0].ID, cleanFields(det.Documents[0].Kind)); err != nil {
		t.Fatal(err)
	}
	if jobs := b.crossCheckJobs(t); len(jobs) != 1 {
		t.Fatalf("a retried extraction made cross-check jobs %v", jobs)
	}
	if det.Status != pipeline.StatusChecking {
		t.Fatalf("status = %s, want checking", det.Status)
	}
	if res := b.check(t, "HN1"); res.Status != pipeline.StatusVerified || !res.Recorded {
		t.Fatalf("verdict = %+v, want verified", res)
	}
	if got := b.verifiedTotal(t); got != 10000 {
		t.Fatalf("verified total = %d fen, want 10000", got)
	}

	// New evidence on a verified order: it leaves the totals and returns to
	// review at once, and stays there even when the new set checks clean.
	d := b.addDoc(t, "HN1", pipeline.KindInvoice, "v2 invoice")
	if d.Version != 2 {
		t.Fatalf("version = %d, want 2", d.Version)
	}
	det, _ = b.store.OrderDetail(ctx, pipeline.System, "HN1")
	if det.Status != pipeline.StatusNeedsReview {
		t.Fatalf("status after new evidence = %s, want needs_review", det.Status)
	}
	if got := b.verifiedTotal(t); got != 0 {
		t.Fatalf("verified total after new evidence = %d, want 0", got)
	}
	if err := b.store.SaveExtraction(ctx, d.ID, cleanFields(pipeline.KindInvoice)); err != nil {
		t.Fatal(err)
	}
	if jobs := b.crossCheckJobs(t); len(jobs) != 2 || jobs[0] == jobs[1] {
		t.Fatalf("cross-check jobs %v, want one per evidence set", jobs)
	}
	if res := b.check(t, "HN1"); res.Status != pipeline.StatusNeedsReview {
		t.Fatalf("re-check of changed verified evidence = %s, want needs_review", res.Status)
	}
	trail, err := b.store.AuditTrail(ctx, "order:HN1")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range trail {
		if e.Action == "order.status" && strings.Contains(string(e.Detail), "evidence changed after verification") {
			found = true
		}
	}
	if !found {
		t.Errorf("no audit entry for leaving the totals; trail: %d entries", len(trail))
	}
}

// TestFanInConcurrent: when the last two documents finish extraction at the
// same moment, exactly one cross-check is enqueued.
func TestFanInConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const n = 8
	b := setup(t, n)
	for i := 1; i <= n; i++ {
		no := fmt.Sprintf("HN%d", i)
		var docs []pipeline.Document
		for _, k := range pipeline.DocKinds {
			docs = append(docs, b.addDoc(t, no, k, no+string(k)))
		}
		for _, d := range docs[:3] {
			if err := b.store.SaveExtraction(ctx, d.ID, cleanFields(d.Kind)); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		for _, d := range docs[3:] {
			wg.Go(func() {
				if err := b.store.SaveExtraction(ctx, d.ID, cleanFields(d.Kind)); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	if jobs := b.crossCheckJobs(t); len(jobs) != n {
		t.Fatalf("%d cross-check jobs for %d orders, want one each", len(jobs), n)
	}
}

func TestAuditChain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 1)
	b.addDoc(t, "HN1", pipeline.KindContract, "c")
	rep, err := b.store.AuditVerify(ctx, nil)
	n := rep.Entries
	if err != nil || n < 2 {
		t.Fatalf("AuditVerify = %d, %v; want an intact chain of at least 2", n, err)
	}
	if _, err := b.pool.Exec(ctx, `update audit_log set actor = 'mallory' where seq = 1`); err == nil {
		t.Fatal("updating the audit log succeeded; it must be append-only")
	}
	for _, stmt := range []string{`delete from audit_log where seq = (select max(seq) from audit_log)`, `truncate audit_log`} {
		if _, err := b.pool.Exec(ctx, stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("%s: %v; want it refused as append-only", stmt, err)
		}
	}
	if rep, err := b.store.AuditVerify(ctx, nil); err != nil || rep.Entries != n {
		t.Fatalf("AuditVerify after refused deletions = %d, %v; want the %d entries intact", rep.Entries, err, n)
	}
	// Someone who can bypass the trigger edits an entry: the chain shows it.
	if _, err := b.pool.Exec(ctx, `alter table audit_log disable trigger audit_log_no_update;
		update audit_log set entry = convert_to(replace(convert_from(entry, 'UTF8'), '"size":1', '"size":9'), 'UTF8') where seq = 2`); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.AuditVerify(ctx, nil); err == nil || !strings.Contains(err.Error(), "entry 2") {
		t.Fatalf("AuditVerify after tampering = %v, want a broken chain at entry 2", err)
	}
}

func TestAddDocumentRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 1)
	sum := sha256.Sum256([]byte("x"))
	nd := pipeline.NewDocument{OrderNo: "HN1", Kind: pipeline.KindInvoice, SHA256: sum[:], ObjectKey: "k", MediaType: "application/pdf"}
	tests := []struct {
		name  string
		actor pipeline.Actor
		edit  func(*pipeline.NewDocument)
		code  pipeline.ErrorCode
	}{
		{"unknown order", pipeline.System, func(d *pipeline.NewDocument) { d.OrderNo = "HN404" }, pipeline.ENotFound},
		{"other supplier", pipeline.Actor{Name: "s2", Role: pipeline.RoleSupplier, SupplierID: "S2"}, func(*pipeline.NewDocument) {}, pipeline.EForbidden},
		{"assessor", pipeline.Actor{Name: "a", Role: pipeline.RoleAssessor}, func(*pipeline.NewDocument) {}, pipeline.EForbidden},
		{"bad kind", pipeline.System, func(d *pipeline.NewDocument) { d.Kind = "receipt" }, pipeline.EInvalid},
	}
	for _, tt := range tests {
		d := nd
		tt.edit(&d)
		_, _, err := b.store.AddDocument(ctx, tt.actor, d)
		if got := pipeline.ErrorCodeOf(err); got != tt.code {
			t.Errorf("%s: error %v (code %s), want %s", tt.name, err, got, tt.code)
		}
	}
	own := pipeline.Actor{Name: "s1", Role: pipeline.RoleSupplier, SupplierID: "S1"}
	if _, created, err := b.store.AddDocument(ctx, own, nd); err != nil || !created {
		t.Fatalf("own supplier's upload: created %v, %v", created, err)
	}
}

// TestDuplicateInvoiceConcurrent: orders carrying the same invoice number,
// checked at the same moment, never both pass.
func TestDuplicateInvoiceConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const n = 6
	b := setup(t, n)
	for i := 1; i <= n; i++ {
		no := fmt.Sprintf("HN%d", i)
		for _, k := range pipeline.DocKinds {
			d := b.addDoc(t, no, k, no+string(k))
			ex := cleanFields(k)
			if k == pipeline.KindInvoice {
				ex.Fields["number"] = evidence.Field{Value: "21430000000000000042"} // the same on every order
			}
			if err := b.store.SaveExtraction(ctx, d.ID, ex); err != nil {
				t.Fatal(err)
			}
		}
	}
	var wg sync.WaitGroup
	results := make([]pipeline.VerdictResult, n)
	for i := range n {
		wg.Go(func() { results[i] = b.check(t, fmt.Sprintf("HN%d", i+1)) })
	}
	wg.Wait()
	verified := 0
	for _, r := range results {
		if r.Status == pipeline.StatusVerified {
			verified++
		}
	}
	if verified > 1 {
		t.Fatalf("%d of %d orders sharing one invoice were verified", verified, n)
	}
	// Afterwards none counts: the holder went back to review when the
	// others found its invoice, and they name it.
	holders := 0
	for i := 1; i <= n; i++ {
		det, err := b.store.OrderDetail(ctx, pipeline.System, fmt.Sprintf("HN%d", i))
		if err != nil {
			t.Fatal(err)
		}
		if det.Status != pipeline.StatusNeedsReview {
			t.Errorf("order HN%d is %s, want needs_review", i, det.Status)
		}
		if len(det.Check.Findings) == 0 {
			holders++
			continue
		}
		if len(det.Check.Findings) != 1 || det.Check.Findings[0].Rule != "unique.invoice" {
			t.Errorf("order HN%d findings %+v, want one unique.invoice", i, det.Check.Findings)
		}
	}
	if holders != 1 {
		t.Errorf("%d orders hold the invoice, want 1", holders)
	}
	if got := b.verifiedTotal(t); got != 0 {
		t.Errorf("verified total = %d, want 0", got)
	}
}

// addSet adds an order's five documents, read clean, with the invoice
// number given.
func (b *bundle) addSet(t *testing.T, no, invoiceNo string) {
	t.Helper()
	for _, k := range pipeline.DocKinds {
		d := b.addDoc(t, no, k, no+string(k))
		ex := cleanFields(k)
		if k == pipeline.KindInvoice {
			ex.Fields["number"] = evidence.Field{Value: invoiceNo}
		}
		if err := b.store.SaveExtraction(context.Background(), d.ID, ex); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDuplicateLaterClaimantGoesToReview (issue 11, bug 5): an order
// verified before another order's evidence reuses its invoice number stays
// counted, with a note naming the reuser; the later claimant goes to review
// with a finding naming the first. A supplier cannot knock a competitor's
// verified order out of the totals by uploading a copy of its invoice.
func TestDuplicateLaterClaimantGoesToReview(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 2)
	b.addSet(t, "HN1", "21430000000000000042")
	if r := b.check(t, "HN1"); r.Status != pipeline.StatusVerified {
		t.Fatalf("HN1 = %s, want verified", r.Status)
	}
	b.addSet(t, "HN2", "21430000000000000042")
	if r := b.check(t, "HN2"); r.Status != pipeline.StatusNeedsReview {
		t.Fatalf("HN2 = %s, want needs_review", r.Status)
	}
	det, err := b.store.OrderDetail(ctx, pipeline.System, "HN2")
	if err != nil {
		t.Fatal(err)
	}
	if len(det.Check.Findings) != 1 || det.Check.Findings[0].Rule != pipeline.RuleUniqueInvoice || det.Check.Findings[0].Detail["other_order"] != "HN1" {
		t.Errorf("HN2's findings %+v; want one unique.invoice naming HN1", det.Check.Findings)
	}
	if det, err = b.store.OrderDetail(ctx, pipeline.System, "HN1"); err != nil {
		t.Fatal(err)
	}
	if det.Status != pipeline.StatusVerified {
		t.Fatalf("HN1 after a later order reused its invoice = %s, want it still verified", det.Status)
	}
	if len(det.Notes) != 1 || det.Notes[0].OtherOrder != "HN2" || det.Notes[0].Value != "21430000000000000042" || det.Notes[0].Kind != pipeline.NoteIdentifierReused {
		t.Errorf("HN1's notes %+v; want one naming HN2 and the invoice", det.Notes)
	}
	if got := b.verifiedTotal(t); got != 10000 {
		t.Fatalf("verified total = %d, want HN1's 10000", got)
	}
	if _, err := b.store.AuditVerify(ctx, nil); err != nil {
		t.Fatal(err)
	}
}

// TestDuplicateArrivedTogether: two orders whose evidence with the same
// invoice number came before either was checked both go to a person,
// whichever was checked first (an import's planted copy may win the race).
func TestDuplicateArrivedTogether(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 2)
	b.addSet(t, "HN1", "21430000000000000042")
	b.addSet(t, "HN2", "21430000000000000042")
	if r := b.check(t, "HN1"); r.Status != pipeline.StatusVerified {
		t.Fatalf("HN1 = %s, want verified", r.Status)
	}
	if r := b.check(t, "HN2"); r.Status != pipeline.StatusNeedsReview {
		t.Fatalf("HN2 = %s, want needs_review", r.Status)
	}
	det, err := b.store.OrderDetail(ctx, pipeline.System, "HN1")
	if err != nil {
		t.Fatal(err)
	}
	if det.Status != pipeline.StatusNeedsReview {
		t.Fatalf("HN1, whose copy arrived with it, = %s, want needs_review", det.Status)
	}
	if got := b.verifiedTotal(t); got != 0 {
		t.Fatalf("verified total = %d, want 0: neither order of the pair counts", got)
	}
}

// TestReimportChangingMasterData: a re-import that changes a fact of a
// supplier its orders were verified against records the change (before and
// after) and holds those orders for review; an unchanged re-import holds
// nothing.
func TestReimportChangingMasterData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ds := market(2)
	store, pool := testenv.Market(t, ds)
	b := &bundle{pool: pool, store: store}
	if _, err := pool.Exec(ctx, `update orders set status = 'verified' where order_no = 'HN1'`); err != nil {
		t.Fatal(err)
	}
	if res, err := store.ImportMaster(ctx, ds, pipeline.System); err != nil || res.OrdersHeld != 0 {
		t.Fatalf("unchanged re-import: %+v, %v; want nothing held", res, err)
	}
	ds.Suppliers[0].BankAccount = "6228999"
	ds.Suppliers[0].DivisionCode = "430224"
	res, err := store.ImportMaster(ctx, ds, pipeline.System)
	if err != nil || res.OrdersHeld != 1 {
		t.Fatalf("re-import changing the supplier: %+v, %v; want HN1 held", res, err)
	}
	for no, want := range map[string]pipeline.Status{"HN1": pipeline.StatusNeedsReview, "HN2": pipeline.StatusAwaitingDocuments} {
		var status string
		var review bool
		if err := pool.QueryRow(ctx, `select status, requires_review from orders where order_no = $1`, no).Scan(&status, &review); err != nil {
			t.Fatal(err)
		}
		if pipeline.Status(status) != want || (no == "HN1") != review {
			t.Errorf("%s: %s, requires review %v; want %s", no, status, review, want)
		}
	}
	if got := b.verifiedTotal(t); got != 0 {
		t.Errorf("verified total %d fen after the change, want 0 until a person decides", got)
	}
	trail, err := store.AuditTrail(ctx, "supplier:S1")
	if err != nil || len(trail) != 1 || trail[0].Action != "supplier.change" {
		t.Fatalf("supplier audit trail %+v, %v; want one supplier.change", trail, err)
	}
	for _, s := range []string{`"bank_account":{"before":"6228","after":"6228999"}`, `"division_code":{"before":"430626","after":"430224"}`, `"orders_held":["HN1"]`} {
		if !strings.Contains(string(trail[0].Detail), s) {
			t.Errorf("audit entry %s lacks %s", trail[0].Detail, s)
		}
	}
	if res, err := store.ImportMaster(ctx, ds, pipeline.System); err != nil || res.OrdersHeld != 0 {
		t.Errorf("the same re-import again: %+v, %v; want nothing more held", res, err)
	}
	if rep, err := store.AuditVerify(ctx, nil); err != nil || rep.Entries == 0 {
		t.Errorf("audit chain: %d entries, %v", rep.Entries, err)
	}
}
