package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/heshi-verify/heshi/internal/config"
	"github.com/heshi-verify/heshi/internal/repo"
	"github.com/heshi-verify/heshi/internal/testenv"
)

// runMainEnv, set, makes the test binary run as the heshi command (see
// TestMain): the fault-injection test starts workers as processes it can
// kill -9.
const runMainEnv = "HESHI_TEST_RUN_MAIN"

// Job timeouts of the fault-injection test's workers: short, so that River
// rescues a killed worker's jobs within a minute (rescue after the longest
// timeout and half a minute).
const (
	faultExtractTimeout = "10s"
	faultJobTimeout     = "15s"
)

// TestFaultInjection is the probe's crash test, kept in the suite (issue
// 10): a dataset processed cleanly, and the same dataset processed while
// the workers are killed with SIGKILL three times mid-run, the database
// terminates their connections, and the object store is down for a while.
// The totals and the orders' statuses must come out identical, no job may
// be left running, pending or discarded, no order left checking, and the
// audit log must verify. It is bounded: each phase has its deadline, and
// the rescue of killed jobs takes a minute.
func TestFaultInjection(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and restarts workers and an object store for about two minutes")
	}
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	minioBin := minioBinary(root)
	if minioBin == "" {
		t.Fatal("no MinIO binary: run `make services`, which builds MinIO into bin/")
	}
	data := t.TempDir()
	if _, errOut, err := heshi(t, "samples", "--orders", "30", "--seed", "404", "--anomaly-rate", "0", "--layouts", "all", "--out", data); err != nil {
		t.Fatalf("samples: %v\n%s", err, errOut)
	}

	// The clean run, in process, on the shared object store.
	_, cleanURL := testenv.Database(t)
	s3 := testenv.S3Config(t)
	t.Cleanup(func() { testenv.RemoveBucket(t, s3) })
	t.Setenv("HESHI_DATABASE_URL", cleanURL)
	t.Setenv("HESHI_S3_BUCKET", s3.Bucket)
	t.Setenv("HESHI_WORKERS", "2")
	for _, args := range [][]string{{"migrate"}, {"import", data}, {"work", "--drain"}} {
		if _, errOut, err := heshi(t, args...); err != nil {
			t.Fatalf("clean run: %v: %v\n%s", args, err, errOut)
		}
	}
	want := outcome(t, cleanURL)

	// The faulty run: its own database and its own MinIO, which it stops.
	pool, faultyURL := testenv.Database(t)
	store := startMinIO(t, minioBin)
	env := append(os.Environ(), runMainEnv+"=1", "HESHI_DATABASE_URL="+faultyURL,
		"HESHI_S3_ENDPOINT="+store.addr, "HESHI_S3_BUCKET=fault", "HESHI_WORKERS=2",
		"HESHI_EXTRACT_TIMEOUT="+faultExtractTimeout, "HESHI_JOB_TIMEOUT="+faultJobTimeout)
	t.Setenv("HESHI_DATABASE_URL", faultyURL)
	t.Setenv("HESHI_S3_ENDPOINT", store.addr)
	t.Setenv("HESHI_S3_BUCKET", "fault")
	for _, args := range [][]string{{"migrate"}, {"import", data}} {
		if _, errOut, err := heshi(t, args...); err != nil {
			t.Fatalf("faulty run: %v: %v\n%s", args, err, errOut)
		}
	}
	ctx := context.Background()
	checked := func() int {
		var n int
		pool.QueryRow(ctx, `select count(*) from checks`).Scan(&n) //nolint:errcheck // 0 on error: wait on
		return n
	}
	total := len(want.statuses)

	// Kill 1: once a few orders are checked.
	w := startWorker(t, env, "work")
	waitFor(t, 3*time.Minute, "a first check", func() bool { return checked() >= 3 })
	w.kill(t)
	t.Logf("kill 1 after %d of %d orders checked", checked(), total)
	// Kill 2: a new worker, its connections terminated under it, then
	// killed once it has checked more.
	w = startWorker(t, env, "work")
	time.Sleep(2 * time.Second)
	terminateConnections(t, pool, faultyURL)
	before := checked()
	waitFor(t, 3*time.Minute, "more checks after the connections were terminated", func() bool { return checked() > before || checked() >= total })
	w.kill(t)
	t.Logf("kill 2 after %d of %d orders checked", checked(), total)
	// The object store down for five seconds under a running worker, which
	// is then killed too.
	w = startWorker(t, env, "work")
	time.Sleep(time.Second)
	store.stop(t)
	time.Sleep(5 * time.Second)
	store.start(t)
	time.Sleep(2 * time.Second)
	w.kill(t)
	t.Logf("kill 3 after %d of %d orders checked", checked(), total)
	var interrupted int
	if err := pool.QueryRow(ctx, `select count(*) from river_job where state = 'running' or errors is not null`).Scan(&interrupted); err != nil {
		t.Fatal(err)
	}
	if interrupted == 0 {
		t.Fatal("no job was interrupted or failed: the faults hit nothing")
	}
	t.Logf("%d jobs left running by the kills or failed by the faults", interrupted)

	// A last worker drains the queue, rescued jobs included.
	start := time.Now()
	w = startWorker(t, env, "work", "--drain")
	if err := w.wait(5 * time.Minute); err != nil {
		t.Fatalf("work --drain after the faults: %v\n%s", err, w.out)
	}
	t.Logf("drained in %s after three kills, a connection purge and a 5 s store outage", time.Since(start).Round(time.Second))

	got := outcome(t, faultyURL)
	if got.stats != want.stats {
		t.Errorf("statistics after the faults:\n%s\nwant (the clean run):\n%s", got.stats, want.stats)
	}
	for no, st := range want.statuses {
		if got.statuses[no] != st {
			t.Errorf("order %s is %s after the faults, %s in the clean run", no, got.statuses[no], st)
		}
	}
	var running, pending, discarded, checking int
	if err := pool.QueryRow(ctx, `select count(*) filter (where state = 'running'),
		count(*) filter (where state in ('available', 'scheduled', 'retryable', 'pending')),
		count(*) filter (where state = 'discarded') from river_job where queue <> 'maintenance'`).Scan(&running, &pending, &discarded); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `select count(*) from orders where status = 'checking'`).Scan(&checking); err != nil {
		t.Fatal(err)
	}
	if running+pending+discarded+checking != 0 {
		t.Errorf("after the drain: %d jobs running, %d pending, %d discarded, %d orders checking; want none", running, pending, discarded, checking)
	}
	if out, _, err := heshi(t, "audit", "verify"); err != nil {
		t.Errorf("audit verify after the faults: %v %s", err, out)
	}
}

// runOutcome is what a run came to: the statistics as JSON and every
// order's status.
type runOutcome struct {
	stats    string
	statuses map[string]string
}

func outcome(t *testing.T, dbURL string) runOutcome {
	t.Helper()
	t.Setenv("HESHI_DATABASE_URL", dbURL)
	out, _, err := heshi(t, "stats", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	pool, err := pgxpool.New(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	rows, err := pool.Query(context.Background(), `select order_no, status from orders`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	o := runOutcome{stats: out, statuses: map[string]string{}}
	for rows.Next() {
		var no, st string
		if err := rows.Scan(&no, &st); err != nil {
			t.Fatal(err)
		}
		o.statuses[no] = st
	}
	return o
}

// worker is a heshi process started from the test binary.
type worker struct {
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan error
}

func startWorker(t *testing.T, env []string, args ...string) *worker {
	t.Helper()
	w := &worker{cmd: exec.Command(os.Args[0], args...), out: &lockedBuffer{}, done: make(chan error, 1)}
	w.cmd.Env = env
	w.cmd.Stdout, w.cmd.Stderr = w.out, w.out
	w.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its reader children die with it
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { w.done <- w.cmd.Wait() }()
	t.Cleanup(func() { w.kill(t) })
	return w
}

// kill sends SIGKILL to the worker and its reader children.
func (w *worker) kill(t *testing.T) {
	t.Helper()
	select {
	case err := <-w.done: // exited already (ProcessState is Wait's, in its goroutine)
		w.done <- err
		return
	default:
	}
	syscall.Kill(-w.cmd.Process.Pid, syscall.SIGKILL) //nolint:errcheck // gone already
	w.wait(10 * time.Second)                          //nolint:errcheck // killed: the error says so
}

func (w *worker) wait(d time.Duration) error {
	select {
	case err := <-w.done:
		w.done <- err
		return err
	case <-time.After(d):
		return fmt.Errorf("still running after %s", d)
	}
}

// minio is a MinIO server of the test's own, on its own port and data.
type minio struct {
	bin, dir, addr string
	cmd            *exec.Cmd
}

func startMinIO(t *testing.T, bin string) *minio {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	m := &minio{bin: bin, dir: t.TempDir(), addr: addr}
	m.start(t)
	t.Cleanup(func() { m.stop(t) })
	return m
}

func (m *minio) start(t *testing.T) {
	t.Helper()
	m.cmd = exec.Command(m.bin, "server", m.dir, "--address", m.addr, "--quiet")
	m.cmd.Env = append(os.Environ(), "MINIO_ROOT_USER="+config.DefaultS3AccessKey, "MINIO_ROOT_PASSWORD="+config.DefaultS3SecretKey, "MINIO_BROWSER=off")
	if err := m.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, time.Minute, "MinIO on "+m.addr, func() bool {
		resp, err := http.Get("http://" + m.addr + "/minio/health/cluster")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

func (m *minio) stop(t *testing.T) {
	t.Helper()
	if m.cmd == nil || m.cmd.ProcessState != nil {
		return
	}
	m.cmd.Process.Kill() //nolint:errcheck
	m.cmd.Wait()         //nolint:errcheck // killed
}

// terminateConnections ends every connection to the database of dbURL
// (the workers' and the test's own pool's), as an administrator would.
func terminateConnections(t *testing.T, pool *pgxpool.Pool, dbURL string) {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	err = pool.QueryRow(context.Background(), `select count(pg_terminate_backend(pid)) from pg_stat_activity
		where datname = $1 and pid <> pg_backend_pid()`, cfg.ConnConfig.Database).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("terminated %s database connections", strconv.Itoa(n))
}

func waitFor(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %s", what, d)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// minioBinary finds a MinIO server to start: the checkout's bin/minio
// (scripts/services.sh builds it), one on PATH, or the binary of the MinIO
// already serving the tests (started from another checkout).
func minioBinary(root string) string {
	if p := filepath.Join(root, "bin", "minio"); fileExists(p) {
		return p
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/comm")
	for _, c := range procs {
		if b, err := os.ReadFile(c); err == nil && strings.TrimSpace(string(b)) == "minio" {
			if p, err := os.Readlink(filepath.Join(filepath.Dir(c), "exe")); err == nil && fileExists(p) {
				return p
			}
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
