package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/internal/testenv"
)

// TestScaleOut (issue 13): two `heshi work` processes and one `heshi serve`
// on the same database and bucket, the import running beside them, come to
// exactly what one process in-process comes to: every order's status and
// the statistics the same, every job done once (one completed job per
// document, each at its first attempt), the documents read split between
// the two workers (their own /metrics say how many each read) and adding up
// to all of them, and serve answering the same figures.
func TestScaleOut(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three heshi processes")
	}
	data := t.TempDir()
	if _, errOut, err := heshi(t, "samples", "--orders", "24", "--seed", "808", "--out", data); err != nil {
		t.Fatalf("samples: %v\n%s", err, errOut)
	}
	s3 := testenv.S3Config(t)
	t.Cleanup(func() { testenv.RemoveBucket(t, s3) })
	t.Setenv("HESHI_S3_BUCKET", s3.Bucket)
	t.Setenv("HESHI_WORKERS", "2")

	// One process, in process: what the many must come to.
	_, oneURL := testenv.Database(t)
	t.Setenv("HESHI_DATABASE_URL", oneURL)
	for _, args := range [][]string{{"migrate"}, {"import", data}, {"work", "--drain"}} {
		if _, errOut, err := heshi(t, args...); err != nil {
			t.Fatalf("one process: %v: %v\n%s", args, err, errOut)
		}
	}
	want := outcome(t, oneURL)

	// Three processes on another database and the same bucket.
	pool, manyURL := testenv.Database(t)
	t.Setenv("HESHI_DATABASE_URL", manyURL)
	if _, errOut, err := heshi(t, "migrate"); err != nil {
		t.Fatalf("migrate: %v\n%s", err, errOut)
	}
	token, _, err := heshi(t, "users", "add", "--name", "prometheus", "--role", "operator")
	if err != nil {
		t.Fatal(err)
	}
	token = strings.TrimSpace(token)
	env := append(os.Environ(), runMainEnv+"=1", "HESHI_DATABASE_URL="+manyURL, "HESHI_S3_BUCKET="+s3.Bucket, "HESHI_WORKERS=2")
	metricsAddrs := []string{freeAddr(t), freeAddr(t)}
	var workers []*worker
	for _, addr := range metricsAddrs {
		workers = append(workers, startWorker(t, append(env, "HESHI_METRICS_ADDR="+addr), "work"))
	}
	serveAddr := freeAddr(t)
	serve := startWorker(t, append(env, "HESHI_HTTP_ADDR="+serveAddr), "serve", "--no-workers")
	if _, errOut, err := heshi(t, "import", data); err != nil {
		t.Fatalf("import beside the workers: %v\n%s", err, errOut)
	}
	if _, errOut, err := heshi(t, "wait", "--timeout", "5m"); err != nil {
		t.Fatalf("wait: %v\n%s", err, errOut)
	}

	got := outcome(t, manyURL)
	if got.stats != want.stats {
		t.Errorf("statistics of three processes:\n%s\nof one:\n%s", got.stats, want.stats)
	}
	for no, st := range want.statuses {
		if got.statuses[no] != st {
			t.Errorf("order %s is %s with three processes, %s with one", no, got.statuses[no], st)
		}
	}
	ctx := context.Background()
	var docs, extracts, retried int
	if err := pool.QueryRow(ctx, `select (select count(*) from documents),
		(select count(*) from river_job where kind = 'extract' and state = 'completed'),
		(select count(*) from river_job where attempt > 1 and kind in ('extract', 'cross_check'))`).Scan(&docs, &extracts, &retried); err != nil {
		t.Fatal(err)
	}
	if extracts != docs || retried != 0 {
		t.Errorf("%d documents, %d extract jobs completed, %d jobs retried; want one job per document, each done once", docs, extracts, retried)
	}

	// Each worker's own count, from its own /metrics.
	read := func(addr, path, bearer string) string {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		var resp *http.Response
		for range 50 { // the listener may still be starting
			if resp, err = http.DefaultClient.Do(req); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if err != nil {
			t.Fatalf("%s%s: %v", addr, path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s%s: %d %s", addr, path, resp.StatusCode, b)
		}
		return string(b)
	}
	total, each := 0, []int{}
	for i, addr := range metricsAddrs {
		n := counter(read(addr, "/metrics", ""), `heshi_documents_total{outcome="read",stage="extract"}`) +
			counter(read(addr, "/metrics", ""), `heshi_documents_total{outcome="unreadable",stage="extract"}`)
		if n == 0 {
			t.Errorf("worker %d read no document: the work was not shared", i+1)
		}
		total += n
		each = append(each, n)
	}
	if total != docs {
		t.Errorf("the workers read %d documents between them; the store holds %d", total, docs)
	}
	served := read(serveAddr, "/metrics", token)
	var verified int
	if err := pool.QueryRow(ctx, `select count(*) from orders where status = 'verified'`).Scan(&verified); err != nil {
		t.Fatal(err)
	}
	if c := counter(served, `heshi_orders{status="verified"}`); c != verified || verified == 0 {
		t.Errorf("serve's /metrics says %d verified orders, the database %d", c, verified)
	}
	if c := counter(served, `heshi_queue_jobs{queue="extract",state="available"}`); c != 0 {
		t.Errorf("serve's /metrics says %d extract jobs still available", c)
	}
	t.Logf("the workers read %v documents of %d", each, docs)
	for _, w := range append(workers, serve) {
		w.kill(t)
	}
}

// counter reads a sample's value from a Prometheus text exposition (0 when
// the sample is not there).
func counter(exposition, sample string) int {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sample) + ` (\S+)$`).FindStringSubmatch(exposition)
	if m == nil {
		return 0
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0
	}
	return int(f)
}

// freeAddr returns a loopback address with a port free right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return fmt.Sprint(ln.Addr())
}
