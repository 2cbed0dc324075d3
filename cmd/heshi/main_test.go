package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/samples"
)

// heshi runs the command in-process and returns what it printed.
func heshi(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e lockedBuffer
	err = run(context.Background(), args, &o, &e)
	return o.String(), e.String(), err
}

// lockedBuffer is written by the command and by its workers' loggers at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestCommandEndToEnd drives the binary's commands over the committed
// sample: import, work until idle, statistics, an order, users, the audit log.
func TestCommandEndToEnd(t *testing.T) {
	_, url := testenv.Database(t)
	s3 := testenv.S3Config(t)
	t.Setenv("HESHI_DATABASE_URL", url)
	t.Setenv("HESHI_S3_BUCKET", s3.Bucket)
	t.Setenv("HESHI_WORKERS", "2")
	t.Cleanup(func() { testenv.RemoveBucket(t, s3) })
	sample := filepath.Join("..", "..", "samples", "testdata", "small")

	if out, _, err := heshi(t, "migrate"); err != nil || !strings.Contains(out, "up to date") {
		t.Fatalf("migrate: %q, %v", out, err)
	}
	if _, errOut, err := heshi(t, "import", sample); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	if _, errOut, err := heshi(t, "work", "--drain"); err != nil {
		t.Fatalf("work --drain: %v\n%s", err, errOut)
	}
	if _, _, err := heshi(t, "wait", "--timeout", "10s"); err != nil {
		t.Fatalf("wait: %v", err)
	}

	out, _, err := heshi(t, "stats", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var st pipeline.Statistics
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("stats json: %v\n%s", err, out)
	}
	// The verified orders are the sample's clean orders, less any whose
	// identifier another (planted) order reused.
	truth := readCSV(t, filepath.Join(sample, "truth.csv"))
	clean := 0
	for _, r := range truth[1:] {
		if r[1] == "clean" {
			clean++
		}
	}
	if st.Summary.Orders == 0 || st.Summary.Orders > int64(clean) {
		t.Fatalf("verified orders = %d; the sample has %d clean orders", st.Summary.Orders, clean)
	}
	var pipelineOrders int64
	for _, p := range st.Pipeline {
		pipelineOrders += p.Orders
	}
	if pipelineOrders != int64(len(truth)-1) {
		t.Errorf("orders by status sum to %d, want all %d", pipelineOrders, len(truth)-1)
	}

	csvOut, _, err := heshi(t, "stats", "--format", "csv", "--table", "summary")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil || rows[0][0] != "figure" || len(rows) != 11 || rows[8][0] != "orders" || rows[8][1] != strconv.FormatInt(st.Summary.Orders, 10) {
		t.Fatalf("stats csv: %v %v", rows, err)
	}

	orderNo := truth[1][0]
	out, _, err = heshi(t, "orders", "show", orderNo, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var det pipeline.OrderDetail
	if err := json.Unmarshal([]byte(out), &det); err != nil || det.Order.No != orderNo {
		t.Fatalf("orders show: %v %+v", err, det.Order)
	}
	if _, _, err := heshi(t, "orders", "show", "NO-SUCH-ORDER"); err == nil || !strings.Contains(message(err), "not found") {
		t.Errorf("orders show of an unknown order: %v", err)
	}

	token, _, err := heshi(t, "users", "add", "--name", "op1", "--role", "operator")
	if err != nil || !strings.HasPrefix(token, "heshi_") {
		t.Fatalf("users add: %q %v", token, err)
	}
	if _, _, err := heshi(t, "users", "add", "--name", "s1", "--role", "supplier"); err == nil {
		t.Error("a supplier user without --supplier was added")
	}
	out, _, err = heshi(t, "report", "--year", "2021")
	if err != nil || !strings.Contains(out, "<h1>湖南省政府采购电子卖场乡村振兴馆交易情况 2021</h1>") || !strings.Contains(out, `id="st-counties"`) {
		t.Fatalf("report: %.200q %v", out, err)
	}
	if _, err := samples.LoadFont(); err == nil {
		if out, _, err := heshi(t, "report", "--year", "2021", "--format", "pdf"); err != nil || !strings.HasPrefix(out, "%PDF-") {
			t.Fatalf("report --format pdf: %.20q %v", out, err)
		}
	}
	out, _, err = heshi(t, "sample", "draw", "--seed", "5", "--tolerable", "0.2")
	if err != nil || !strings.Contains(out, "sample 1 (seed 5") || !strings.Contains(out, "to check") {
		t.Fatalf("sample draw: %q %v", out, err)
	}
	sampled := strings.Fields(strings.Split(out, "\n")[1])[0]
	if out, _, err := heshi(t, "sample", "record", "1", sampled, "ok"); err != nil || !strings.HasPrefix(out, "1 of ") {
		t.Fatalf("sample record: %q %v", out, err)
	}
	if _, _, err := heshi(t, "sample", "close", "1"); err == nil || !strings.Contains(err.Error(), "left to re-check") {
		t.Fatalf("sample close with orders left: %v, want refused", err)
	}
	for _, line := range strings.Split(out, "\n")[1:] {
		if f := strings.Fields(line); len(f) > 0 && f[0] != sampled && strings.HasPrefix(f[0], "HN") {
			if _, errOut, err := heshi(t, "sample", "record", "1", f[0], "ok"); err != nil {
				t.Fatalf("sample record %s: %q %v", f[0], errOut, err)
			}
		}
	}
	if out, _, err := heshi(t, "sample", "close", "1"); err != nil || !strings.HasPrefix(out, "sample 1 closed: ") {
		t.Fatalf("sample close: %q %v", out, err)
	}
	if out, _, err := heshi(t, "audit", "checkpoint"); err != nil || !strings.Contains(out, "checkpoint written") {
		t.Fatalf("audit checkpoint: %q %v", out, err)
	}
	if out, _, err := heshi(t, "audit", "verify"); err != nil || !strings.Contains(out, "intact") || !strings.Contains(out, " 2 checkpoints") {
		t.Fatalf("audit verify: %q %v", out, err)
	}
	if out, _, err := heshi(t, "audit", "objects"); err != nil || !strings.Contains(out, "0 altered or missing") {
		t.Fatalf("audit objects: %q %v", out, err)
	}
	if out, _, err := heshi(t, "users", "revoke", "--name", "op1"); err != nil || !strings.Contains(out, "1 API tokens revoked") {
		t.Fatalf("users revoke: %q %v", out, err)
	}

	// Importing again adds nothing.
	_, errOut, err := heshi(t, "import", sample)
	if err != nil || !strings.Contains(errOut, "documents: 0 added") {
		t.Fatalf("second import: %v\n%s", err, errOut)
	}
}

func TestCommandErrors(t *testing.T) {
	t.Parallel()
	if _, _, err := heshi(t, "frobnicate"); err == nil || exitCode(err) != 2 {
		t.Errorf("unknown command: %v", err)
	}
	if _, _, err := heshi(t, "import"); err == nil || exitCode(err) != 2 {
		t.Errorf("import without DIR: %v", err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "orders.csv"), []byte("order_no,buyer_id\nX,Y\n"), 0o644)
	if _, _, err := heshi(t, "import", dir); err == nil || !strings.Contains(err.Error(), "nothing imported") {
		t.Errorf("import of a bad dataset: %v", err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestExtractExplains reads a scan (OCR, in the sandbox) and a text PDF
// with --explain: each field shows how it was found and where.
func TestExtractExplains(t *testing.T) {
	t.Setenv("HESHI_OCR_DIR", testenv.OCRDir(t))
	scan := filepath.Join("..", "..", "evidence", "ocr", "testdata", "payment.png")
	text := filepath.Join("..", "..", "evidence", "testdata", "synthetic-contract.pdf")
	out, errOut, err := heshi(t, "extract", "--explain", scan, text)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, errOut)
	}
	for _, want := range []string{
		"(image/png, kind payment, source ocr)",
		"payee_name     邵阳县碧水油茶开发有限公司",
		"label 收款人户名, same row",
		"page 1: 付款人户名 麻阳苗族自治县教育局工会委员会 收款人户名 邵阳县碧水油茶开发有限公司",
		"(application/pdf, kind contract, source pdf-text)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestBench (issue 13): heshi bench pushes generated orders through the
// pipeline on a scratch database and bucket, prints its figures, and
// leaves neither behind.
func TestBench(t *testing.T) {
	if _, err := samples.LoadFont(); err != nil {
		t.Skip(err)
	}
	_, url := testenv.Database(t)
	s3 := testenv.S3Config(t)
	t.Setenv("HESHI_DATABASE_URL", url)
	t.Setenv("HESHI_S3_ENDPOINT", s3.Endpoint)
	t.Setenv("HESHI_S3_ACCESS_KEY", s3.AccessKey)
	t.Setenv("HESHI_S3_SECRET_KEY", s3.SecretKey)
	t.Setenv("HESHI_EXTRACT_SANDBOX", "false")
	out, errOut, err := heshi(t, "bench", "--orders", "6", "--put-clients", "4")
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, errOut)
	}
	for _, want := range []string{"heshi bench: 6 orders", "raw PUT (", "objects/s", "end to end (import to the last verdict)", "documents/s",
		"ratio to raw PUT", "upload", "extract", "cross_check", "peak RSS"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
	// The peak is sampled from /proc during the run: a process of this
	// size holds some MiB, not none.
	if m := regexp.MustCompile(`heshi \(import and workers\) (\d+) MiB`).FindStringSubmatch(out); m == nil || m[1] == "0" {
		t.Errorf("bench output gives no peak RSS of its own process: %q\n%s", m, out)
	}
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	scratchGone(t, conn, errOut)
}

// scratchGone checks that the scratch database a bench run named on its
// standard error is gone (others' runs on the same server may have theirs).
func scratchGone(t *testing.T, conn *pgx.Conn, errOut string) {
	t.Helper()
	m := regexp.MustCompile(`scratch database (heshi_bench_[a-z_]*[0-9]+)`).FindStringSubmatch(errOut)
	if m == nil {
		t.Fatalf("the run named no scratch database:\n%s", errOut)
	}
	var left bool
	if err := conn.QueryRow(context.Background(), `select exists (select 1 from pg_database where datname = $1)`, m[1]).Scan(&left); err != nil || left {
		t.Errorf("scratch database %s left (%v)", m[1], err)
	}
}

// TestBenchStats (issue 13): heshi bench-stats makes verified orders in
// SQL on a scratch database, times the pages' queries from the rollups and
// from the orders, and leaves no database behind.
func TestBenchStats(t *testing.T) {
	_, url := testenv.Database(t)
	t.Setenv("HESHI_DATABASE_URL", url)
	out, errOut, err := heshi(t, "bench-stats", "--orders", "3000", "--buyers", "300", "--suppliers", "30", "--runs", "3")
	if err != nil {
		t.Fatalf("bench-stats: %v\n%s", err, errOut)
	}
	for _, want := range []string{"heshi bench-stats: 3000 verified orders, 300 buyers, 30 suppliers", "p95",
		"all time", "year 2025", "quarter 2025-Q3", "month 2025-11", "(no bucket)", "/totals", "statement"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench-stats output lacks %q:\n%s", want, out)
		}
	}
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	scratchGone(t, conn, errOut)
}

func TestWithDatabase(t *testing.T) {
	for _, c := range []struct{ url, want string }{
		{"postgres://postgres@127.0.0.1:5432/heshi?sslmode=disable", "postgres://postgres@127.0.0.1:5432/scratch?sslmode=disable"},
		{"postgres://u:p@db.example:5432/heshi", "postgres://u:p@db.example:5432/scratch"},
		{"postgres://u@host", "postgres://u@host/scratch"},
	} {
		if got := withDatabase(c.url, "scratch"); got != c.want {
			t.Errorf("withDatabase(%q) = %q, want %q", c.url, got, c.want)
		}
	}
}
