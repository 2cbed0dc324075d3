package workers_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/evidence/sandbox"
	"github.com/heshi-verify/heshi/internal/repo"
	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
	"github.com/heshi-verify/heshi/pipeline/intake"
	"github.com/heshi-verify/heshi/pipeline/postgres"
	"github.com/heshi-verify/heshi/samples"
	"github.com/heshi-verify/heshi/workers"
)

// smallSample is the committed generated sample (samples/testdata/small);
// HESHI_TEST_SAMPLE names another dataset to run the end-to-end test on.
var smallSample = func() string {
	if d := os.Getenv("HESHI_TEST_SAMPLE"); d != "" {
		return d
	}
	return filepath.Join("..", "samples", "testdata", "small")
}()

type bundle struct {
	pool    *pgxpool.Pool
	store   *postgres.Store
	objects *objstore.Store
	queue   *workers.Queue
	intake  *intake.Intake
	client  *river.Client[pgx.Tx]
	// unreadableAfter is the workers' Deps.UnreadableAfter (0: the default).
	unreadableAfter int
}

func setup(t *testing.T) *bundle {
	t.Helper()
	ctx := context.Background()
	b := &bundle{pool: testenv.DB(t), objects: testenv.Objects(t)}
	var err error
	if b.queue, err = workers.NewQueue(b.pool); err != nil {
		t.Fatal(err)
	}
	b.store = postgres.New(b.pool, b.queue, testenv.StoreOptions())
	if err := b.store.SeedDivisions(ctx); err != nil {
		t.Fatal(err)
	}
	b.intake = &intake.Intake{Store: b.store, Objects: b.objects, MaxBytes: 20 << 20}
	return b
}

// start runs the workers until the test ends.
func (b *bundle) start(t *testing.T) {
	t.Helper()
	// Generous limits: a scan's OCR under the race detector on a loaded
	// machine takes a minute or more.
	pdf, err := sandbox.New(sandbox.Config{Workers: 2, Timeout: 4 * time.Minute, Command: []string{os.Args[0], sandbox.ChildArg}, OCRDir: testenv.OCRDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pdf.Close() })
	c, err := workers.NewClient(b.pool, workers.Deps{Store: b.store, Objects: b.objects, PDF: pdf, MaxObjectBytes: 20 << 20, ExtractTimeout: 5 * time.Minute, UnreadableAfter: b.unreadableAfter}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c.Stop(ctx) //nolint:errcheck
	})
	b.client = c
}

func (b *bundle) wait(t *testing.T) {
	t.Helper()
	// A guard against a hang, not a bound on speed: OCR under the race
	// detector on a loaded machine takes its time.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := testenv.Jobs(t, b.pool).WaitIdle(ctx, 100*time.Millisecond, nil); err != nil {
		t.Fatalf("jobs did not finish: %v", err)
	}
	if _, discarded, err := testenv.Jobs(t, b.pool).Pending(ctx); err != nil || discarded != 0 {
		t.Fatalf("%d jobs discarded (err %v)", discarded, err)
	}
}

// importDir imports a dataset with its documents, as `heshi import` does.
func (b *bundle) importDir(t *testing.T, dir string) *pipeline.Dataset {
	t.Helper()
	ctx := context.Background()
	ds, err := dataset.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.ImportMaster(ctx, ds, pipeline.System); err != nil {
		t.Fatal(err)
	}
	for orderNo, docs := range ds.Documents {
		for kind, rel := range docs {
			f, err := os.Open(filepath.Join(dir, rel))
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = b.intake.Add(ctx, pipeline.System, orderNo, kind, filepath.Base(rel), f)
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
		}
	}
	return ds
}

// rulesChecked are the anomaly labels the cross-check of this slice finds
// by a rule of the same name (the rest land in review by other findings or
// await the full rule catalogue).
var rulesChecked = []string{"completeness.missing", "completeness.unreadable", "amount.mismatch", "amount.uppercase",
	"party.payee_account", "party.buyer", "date.sequence", "unique.invoice", "unique.tracking"}

// TestSmallSampleEndToEnd imports the committed sample, runs the workers and
// checks every verdict and the statistics against the sample's truth.
func TestSmallSampleEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	ds := b.importDir(t, smallSample)
	b.start(t)
	b.wait(t)

	orders := map[string]pipeline.Order{}
	for _, o := range ds.Orders {
		orders[o.No] = o
	}
	suppliers := map[string]pipeline.Supplier{}
	for _, s := range ds.Suppliers {
		suppliers[s.ID] = s
	}
	label := map[string]string{}
	for _, tr := range ds.Truth {
		label[tr.OrderNo] = tr.Label
	}
	var clean, anomalous int
	wantSales := map[string]money.Fen{}
	var wantTotal money.Fen
	for _, tr := range ds.Truth {
		det, err := b.store.OrderDetail(ctx, pipeline.System, tr.OrderNo)
		if err != nil {
			t.Fatal(err)
		}
		var rules []string
		sharedOnly := det.Check != nil // every finding names an order that reused this one's identifier
		if det.Check != nil {
			for _, f := range det.Check.Findings {
				rules = append(rules, f.Rule)
				other, _ := f.Detail["other_order"].(string)
				sharedOnly = sharedOnly && strings.HasPrefix(f.Rule, "unique.") && label[other] == f.Rule
			}
		}
		if n := len(det.History); det.Status == pipeline.StatusNeedsReview && n > 0 {
			// Sent back to review when another order was found reusing its identifier.
			last := det.History[n-1].Reason
			if i := strings.Index(last, "is also used by order "); i >= 0 {
				other := last[i+len("is also used by order "):]
				sharedOnly = strings.HasPrefix(label[other], "unique.")
			}
		}
		if tr.Label == "clean" {
			if det.Status == pipeline.StatusNeedsReview && sharedOnly {
				// Its invoice or tracking number was copied onto another
				// order that was checked first: both go to a person, as
				// auditors would have it.
				t.Logf("clean order %s shares an identifier with a planted reuse: %v", tr.OrderNo, rules)
				continue
			}
			clean++
			o := orders[tr.OrderNo]
			wantTotal += o.Total
			wantSales[suppliers[o.SupplierID].DivisionCode] += o.Total
			if det.Status != pipeline.StatusVerified {
				t.Errorf("clean order %s is %s, want verified; findings %v", tr.OrderNo, det.Status, rules)
			}
			continue
		}
		anomalous++
		if det.Status == pipeline.StatusVerified {
			t.Errorf("order %s with anomaly %s (%s) was verified", tr.OrderNo, tr.Label, tr.Detail)
		}
		if tr.Label == "completeness.missing" {
			// Four documents never complete the set: the order waits for the fifth.
			if det.Status != pipeline.StatusAwaitingDocuments {
				t.Errorf("order %s missing a document is %s, want awaiting_documents", tr.OrderNo, det.Status)
			}
			continue
		}
		named := slices.Contains(rules, tr.Label)
		if n := len(det.History); strings.HasPrefix(tr.Label, "unique.") && n > 0 {
			// Checked first, then sent back when the order it copied was checked.
			named = named || strings.Contains(det.History[n-1].Reason, "is also used by order")
		}
		if slices.Contains(rulesChecked, tr.Label) && !named {
			t.Errorf("order %s: anomaly %s (%s) not named by the findings %v", tr.OrderNo, tr.Label, tr.Detail, rules)
		}
	}
	if clean == 0 || anomalous == 0 {
		t.Fatalf("sample has %d clean and %d anomalous orders; want both", clean, anomalous)
	}

	st, err := b.store.Stats(ctx, pipeline.Period{}, 30)
	if err != nil {
		t.Fatal(err)
	}
	if st.Summary.Orders != int64(clean) || st.Summary.Amount.Fen != wantTotal {
		t.Errorf("summary = %d orders ¥%s, want the %d clean orders ¥%s", st.Summary.Orders, st.Summary.Amount.Yuan, clean, wantTotal)
	}
	gotSales := map[string]money.Fen{}
	for _, c := range st.Counties {
		if c.LocalSales.Fen != 0 {
			gotSales[c.Code] = c.LocalSales.Fen
		}
	}
	for code, want := range wantSales {
		if gotSales[code] != want {
			t.Errorf("county %s local sales = %s, want %s", code, gotSales[code], want)
		}
	}
	if len(gotSales) != len(wantSales) {
		t.Errorf("counties with sales: %v, want %v", gotSales, wantSales)
	}
	var catSum money.Fen
	for _, c := range st.Categories {
		catSum += c.Amount.Fen
	}
	if catSum != wantTotal {
		t.Errorf("categories sum to %s, want %s", catSum, wantTotal)
	}
	if rep, err := b.store.AuditVerify(ctx, nil); err != nil || rep.Entries == 0 {
		t.Errorf("audit chain: %d entries, %v", rep.Entries, err)
	}

	// Idempotence: importing again and re-inserting every cross-check job
	// changes nothing.
	before := st.Summary
	b.importDir(t, smallSample)
	rows, err := b.pool.Query(ctx, `select args->>'order_id', args->>'evidence_key' from river_job where kind = 'cross_check'`)
	if err != nil {
		t.Fatal(err)
	}
	type ck struct {
		order int64
		key   string
	}
	var jobs []ck
	for rows.Next() {
		var id, key string
		if err := rows.Scan(&id, &key); err != nil {
			t.Fatal(err)
		}
		var n int64
		for _, r := range id {
			n = n*10 + int64(r-'0')
		}
		jobs = append(jobs, ck{n, key})
	}
	rows.Close()
	if len(jobs) == 0 {
		t.Fatal("no cross-check jobs ran")
	}
	var jobsBefore int
	if err := b.pool.QueryRow(ctx, `select count(*) from river_job`).Scan(&jobsBefore); err != nil {
		t.Fatal(err)
	}
	tx, err := b.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		if err := b.queue.CrossCheckTx(ctx, postgres.TxOf(tx), j.order, j.key); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	var jobsAfter int
	if err := b.pool.QueryRow(ctx, `select count(*) from river_job`).Scan(&jobsAfter); err != nil {
		t.Fatal(err)
	}
	if jobsAfter != jobsBefore {
		t.Errorf("re-import and re-enqueue made %d new jobs, want none", jobsAfter-jobsBefore)
	}
	// A job run twice (a retry after its verdict committed) records nothing,
	// even were its findings different.
	for _, j := range jobs {
		res, err := b.store.RecordVerdict(ctx, j.order, j.key, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Recorded {
			t.Errorf("order %d: a second verdict on evidence %s was recorded", j.order, j.key)
		}
	}
	b.wait(t)
	st, err = b.store.Stats(ctx, pipeline.Period{}, 30)
	if err != nil {
		t.Fatal(err)
	}
	if st.Summary != before {
		t.Errorf("after re-import and duplicate jobs the summary is %+v, was %+v", st.Summary, before)
	}
	var checks int
	if err := b.pool.QueryRow(ctx, `select count(*) from checks`).Scan(&checks); err != nil {
		t.Fatal(err)
	}
	if checks != len(jobs) {
		t.Errorf("%d checks recorded for %d evidence sets: a duplicate job checked twice", checks, len(jobs))
	}
}

// generated writes a generated dataset into a temporary directory.
func generated(t *testing.T, opts samples.Options) string {
	t.Helper()
	if _, err := samples.FontPath(); err != nil {
		t.Fatalf("no font for the documents (run scripts/fonts.sh): %v", err)
	}
	dir := t.TempDir()
	if _, err := samples.Generate(context.Background(), dir, opts); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestScannedOrdersEndToEnd runs two orders whose every document is a scan
// (JPEG, PNG or an image-only PDF, drawn, printed and scanned by the
// generator) through the workers: each is read by OCR in the sandbox, and
// the clean orders are verified as their text-layer twins would be.
func TestScannedOrdersEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := generated(t, samples.Options{Orders: 2, Seed: 5, Scans: 1})
	b := setup(t)
	ds := b.importDir(t, dir)
	b.start(t)
	b.wait(t)
	for _, tr := range ds.Truth {
		det, err := b.store.OrderDetail(ctx, pipeline.System, tr.OrderNo)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range det.Documents {
			if d.Source != evidence.SourceOCR || !d.Readable {
				t.Errorf("%s %s: source %q, readable %v (%s); want read by OCR", tr.OrderNo, d.Kind, d.Source, d.Readable, d.Reason)
			}
		}
		var rules []string
		if det.Check != nil {
			for _, f := range det.Check.Findings {
				rules = append(rules, f.Rule)
			}
		}
		switch {
		case tr.Label == "clean" && det.Status != pipeline.StatusVerified:
			t.Errorf("clean scanned order %s is %s, want verified; findings %v", tr.OrderNo, det.Status, rules)
		case tr.Label != "clean" && det.Status == pipeline.StatusVerified:
			t.Errorf("scanned order %s with anomaly %s was verified", tr.OrderNo, tr.Label)
		}
	}
}

// TestCrashedWorkersJobIsRescued: a job left running by a worker that
// died (kill -9) is run again once it has been running longer than any job
// may, not after River's default hour; the queue then drains.
func TestCrashedWorkersJobIsRescued(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	// As a dead worker leaves it: running, attempted long ago by a client
	// that is gone. Its document does not exist, so running it again ends it.
	var id int64
	err := b.pool.QueryRow(ctx, `
		insert into river_job (args, kind, max_attempts, queue, state, attempt, attempted_at, attempted_by, priority)
		values ('{"document_id": 999999}', $1, 25, $2, 'running', 1, now() - interval '20 minutes', '{dead-worker}', 1)
		returning id`, workers.ExtractArgs{}.Kind(), workers.QueueExtract).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	b.start(t)
	b.wait(t)
	var state string
	if err := b.pool.QueryRow(ctx, `select state::text from river_job where id = $1`, id).Scan(&state); err != nil {
		t.Fatal(err)
	}
	if state != "cancelled" {
		t.Errorf("the crashed worker's job is %s, want it run again (cancelled: no such document)", state)
	}
}

// TestWaitIdleSurvivesLostConnections: waiting for the queue to drain
// outlives the database terminating its connections, as `work --drain` and
// `heshi wait` must.
func TestWaitIdleSurvivesLostConnections(t *testing.T) {
	t.Parallel()
	pool, url := testenv.Database(t)
	ctx := context.Background()
	admin := testenv.Jobs(t, pool)
	var id int64
	// A job no worker here runs: the wait lasts until the test removes it.
	if err := pool.QueryRow(ctx, `insert into river_job (args, kind, max_attempts, queue, state, priority)
		values ('{}', 'nobody_works_this', 1, 'nowhere', 'available', 1) returning id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	polls := make(chan int64, 1000)
	go func() {
		done <- admin.WaitIdle(ctx, 20*time.Millisecond, func(n int64) { polls <- n })
	}()
	<-polls
	killer, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer killer.Close(ctx)
	var killed int
	if err := killer.QueryRow(ctx, `select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity
		where datname = current_database() and pid <> pg_backend_pid()) t`).Scan(&killed); err != nil || killed == 0 {
		t.Fatalf("terminated %d connections (%v), want the pool's", killed, err)
	}
	select { // polled again after the connections were cut
	case <-polls:
	case err := <-done:
		t.Fatalf("WaitIdle ended when its connections were cut: %v", err)
	case <-time.After(time.Minute):
		t.Fatal("WaitIdle did not poll again after its connections were cut")
	}
	if _, err := killer.Exec(ctx, `delete from river_job where id = $1`, id); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("WaitIdle: %v, want it to outlive the lost connections", err)
		}
	case <-time.After(time.Minute): // a guard against a hang, not a bound on speed
		t.Fatal("WaitIdle did not return once the queue was empty")
	}
}

// TestCorruptObjectIsEvidenceLost: an object whose bytes rot on the
// store's disk (MinIO then answers every read with a 503, while it still
// lists the object) is recorded as evidence that cannot be read, and the
// order goes to a person; the jobs do not retry it for good and the order
// does not sit in checking.
func TestCorruptObjectIsEvidenceLost(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := generated(t, samples.Options{Orders: 1, Seed: 3, AnomalyRate: 0})
	b := setup(t)
	ds := b.importDir(t, dir)
	orderNo := ds.Orders[0].No
	det, err := b.store.OrderDetail(ctx, pipeline.System, orderNo)
	if err != nil {
		t.Fatal(err)
	}
	var key string
	for _, d := range det.Documents {
		if d.Kind == pipeline.KindInvoice {
			key = d.ObjectKey
		}
	}
	// The store's own file for the object, as scripts/services.sh keeps it
	// (var/minio of the checkout that started MinIO): a small object's
	// bytes sit inline in its xl.meta, a larger one's in a part file of its
	// version's directory.
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	objDir := filepath.Join(root, "var", "minio", b.objects.Bucket(), key)
	if _, err := os.Stat(objDir); err != nil {
		t.Skipf("MinIO's data is not under this checkout (%v): a MinIO started elsewhere serves the tests", err)
	}
	var file string
	var raw []byte
	at := -1
	filepath.WalkDir(objDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || at >= 0 {
			return err
		}
		if raw, err = os.ReadFile(path); err != nil {
			return err
		}
		if at = bytes.Index(raw, []byte("%PDF")); at >= 0 {
			file = path
		}
		return nil
	})
	if at < 0 {
		t.Fatalf("no file under %s holds the PDF", objDir)
	}
	raw[at+100] ^= 0x55
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.objects.Hash(ctx, key); err == nil {
		t.Fatal("the rotten object still reads: the test corrupts nothing")
	}
	b.unreadableAfter = 1 // at once: River's back-off would make this test wait minutes
	b.start(t)
	b.wait(t)
	det, err = b.store.OrderDetail(ctx, pipeline.System, orderNo)
	if err != nil {
		t.Fatal(err)
	}
	if det.Status == pipeline.StatusVerified || det.Status == pipeline.StatusChecking {
		t.Fatalf("order with a rotten invoice is %s, want it with a person", det.Status)
	}
	for _, d := range det.Documents {
		if d.Kind == pipeline.KindInvoice && (d.Readable || !strings.Contains(d.Reason, "cannot be read")) {
			t.Errorf("rotten invoice: readable %v, reason %q; want it marked as unreadable evidence", d.Readable, d.Reason)
		}
	}
}
