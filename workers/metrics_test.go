package workers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/heshi-verify/heshi/internal/metrics"
	"github.com/heshi-verify/heshi/pipeline"
)

// TestMetricsCountThePipeline (issue 13): what the pipeline did shows in
// its metrics, exactly: every document stored and read, every verdict and
// finding recorded, a latency per stage; the database's figures (orders by
// status, jobs by queue and state) are read when scraped. Not parallel: the
// counters are the process's, and the deltas are exact only alone.
func TestMetricsCountThePipeline(t *testing.T) {
	ctx := context.Background()
	read := func() map[string]float64 {
		m := map[string]float64{}
		for _, o := range []string{"stored", "refused", "unchanged", "failed"} {
			m["upload "+o] = testutil.ToFloat64(metrics.Documents.WithLabelValues("upload", o))
		}
		for _, o := range []string{"read", "unreadable"} {
			m["extract "+o] = testutil.ToFloat64(metrics.Documents.WithLabelValues("extract", o))
		}
		for _, s := range []string{"verified", "needs_review", "awaiting_documents", "rejected", "checking"} {
			m["verdicts"] += testutil.ToFloat64(metrics.Verdicts.WithLabelValues(s))
		}
		return m
	}
	findings := func() float64 {
		var n float64
		for _, r := range pipeline.Rules() {
			n += testutil.ToFloat64(metrics.Findings.WithLabelValues(r.ID))
		}
		return n
	}
	before, beforeFindings := read(), findings()
	b := setup(t)
	b.importDir(t, smallSample)
	b.start(t)
	b.wait(t)
	after, afterFindings := read(), findings()

	var docs, unreadable, checks, rows int64
	if err := b.pool.QueryRow(ctx, `select (select count(*) from documents), (select count(*) from extractions where not readable),
		(select count(*) from checks), (select count(*) from findings)`).Scan(&docs, &unreadable, &checks, &rows); err != nil {
		t.Fatal(err)
	}
	delta := func(k string) int64 { return int64(after[k] - before[k]) }
	if delta("upload stored") != docs || delta("upload refused") != 0 {
		t.Errorf("uploads stored %d, refused %d; the store holds %d documents", delta("upload stored"), delta("upload refused"), docs)
	}
	if delta("extract read") != docs-unreadable || delta("extract unreadable") != unreadable {
		t.Errorf("documents read %d, unreadable %d; the store has %d documents, %d unreadable", delta("extract read"), delta("extract unreadable"), docs, unreadable)
	}
	if delta("verdicts") != checks || int64(afterFindings-beforeFindings) != rows {
		t.Errorf("verdicts %d, findings %v; the store recorded %d checks with %d findings", delta("verdicts"), afterFindings-beforeFindings, checks, rows)
	}

	if err := metrics.RegisterDatabase(b.pool, nil); err != nil {
		t.Fatal(err)
	}
	var verified int64
	if err := b.pool.QueryRow(ctx, `select count(*) from orders where status = 'verified'`).Scan(&verified); err != nil {
		t.Fatal(err)
	}
	rec := httptestGet(t, metrics.Handler())
	for _, want := range []string{
		`heshi_orders{status="verified"} ` + itoa(verified),
		`heshi_queue_jobs{queue="extract",state="completed"} ` + itoa(docs),
		`heshi_database_scrape_failed 0`,
		`heshi_stage_seconds_count{stage="extract"}`,
		`heshi_stage_seconds_count{stage="check"}`,
		`heshi_stage_seconds_count{stage="upload"}`,
		`go_goroutines`, `process_resident_memory_bytes`,
	} {
		if !strings.Contains(rec, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func httptestGet(t *testing.T, h http.Handler) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d", rec.Code)
	}
	return rec.Body.String()
}
