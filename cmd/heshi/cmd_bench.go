package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/internal/config"
	"github.com/heshi-verify/heshi/migrations"
	"github.com/heshi-verify/heshi/pipeline/dataset"
	"github.com/heshi-verify/heshi/samples"
)

// cmdBench measures the pipeline end to end against the raw object store
// (issue 13): it generates N orders, makes a scratch database and bucket,
// measures the store's raw PUT rate of objects of the documents' mean size
// from many clients, then imports the orders and works their jobs until
// none is left, and prints documents per second end to end, their ratio to
// the raw PUT rate, p50/p95 per stage and peak RSS. The scratch database
// and bucket are removed afterwards unless --keep.
func cmdBench(ctx context.Context, e *env, args []string) error {
	fs := e.flags("bench")
	orders := fs.Int("orders", 300, "orders to generate")
	seed := fs.Int64("seed", 13, "the dataset's seed")
	clients := fs.Int("put-clients", 16, "concurrent clients of the raw PUT baseline")
	parallel := fs.Int("parallel", 4, "documents uploaded at once by the import (as heshi import)")
	keep := fs.Bool("keep", false, "keep the scratch database, bucket and dataset")
	calibrate := fs.String("calibrate", "", "hunan-2021: the year of the published 2021 statement instead of --orders orders")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the import and the workers to this file")
	blockProfile := fs.String("blockprofile", "", "write a block profile of the import and the workers to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *orders <= 0 || *clients <= 0 || *parallel <= 0 {
		return fmt.Errorf("%w: heshi bench [--orders N] [--seed S] [--put-clients C] [--parallel P] [--keep]", errUsage)
	}

	dir, err := os.MkdirTemp("", "heshi-bench-")
	if err != nil {
		return err
	}
	if !*keep {
		defer os.RemoveAll(dir)
	}
	t0 := time.Now()
	if _, err := samples.Generate(ctx, dir, samples.Options{Orders: *orders, Seed: *seed, AnomalyRate: 0.1, Calibrate: *calibrate}); err != nil {
		return fmt.Errorf("bench: generating the orders: %w", err)
	}
	ds, err := dataset.Read(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "bench: %d orders generated in %s (%s)\n", len(ds.Orders), time.Since(t0).Round(time.Millisecond), dir)

	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	scratch := fmt.Sprintf("heshi_bench_%d", time.Now().UnixNano())
	drop, err := scratchDatabase(ctx, cfg.DatabaseURL, scratch)
	if err != nil {
		return err
	}
	if *keep {
		fmt.Fprintf(e.stderr, "bench: kept afterwards: the dataset in %s, database %s, bucket %s\n", dir, scratch, strings.ReplaceAll(scratch, "_", "-"))
	} else {
		fmt.Fprintf(e.stderr, "bench: scratch database %s and bucket %s, removed afterwards\n", scratch, strings.ReplaceAll(scratch, "_", "-"))
		defer drop()
	}
	// The configured services, with the scratch database and bucket
	// (unlocked, so that it can be removed).
	cfg.DatabaseURL = withDatabase(cfg.DatabaseURL, scratch)
	cfg.S3.Bucket, cfg.S3.Lock = strings.ReplaceAll(scratch, "_", "-"), objstore.Retention{}
	a, err := e.openWith(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer a.close()
	if !*keep {
		defer func() {
			if err := a.objects.DestroyScratch(context.WithoutCancel(ctx)); err != nil {
				e.log.Warn("bench: removing the scratch bucket", "error", err)
			}
		}()
	}
	if err := migrations.Up(ctx, a.pool, e.log); err != nil {
		return err
	}
	if err := a.store.SeedDivisions(ctx); err != nil {
		return err
	}

	var docs, bytes int64
	for _, kinds := range ds.Documents {
		for _, rel := range kinds {
			st, err := os.Stat(dir + "/" + rel)
			if err != nil {
				return err
			}
			docs, bytes = docs+1, bytes+st.Size()
		}
	}
	mean := bytes / max(docs, 1)
	raw, err := rawPuts(ctx, a, int(min(docs, 2000)), int(mean), *clients)
	if err != nil {
		return err
	}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *blockProfile != "" {
		runtime.SetBlockProfileRate(int(time.Millisecond))
	}
	// The workers run while the import goes on, as `heshi serve` or
	// `heshi work` beside an import would.
	stop, err := startWorkers(ctx, e, a)
	if err != nil {
		return err
	}
	var upload durations
	rss := startRSSPeaks(250 * time.Millisecond)
	defer rss.stop()
	cpu0 := sampleCPU()
	local0 := localServiceCPU()
	t1 := time.Now()
	if _, err := a.store.ImportMaster(ctx, ds, importActor); err != nil {
		stop()
		return err
	}
	if err := importDocuments(ctx, e, a, dir, ds, *parallel, upload.add); err != nil {
		stop()
		return err
	}
	imported := time.Since(t1)
	err = waitIdle(ctx, e, a)
	wall := time.Since(t1)
	local := localServiceCPU().sub(local0)
	stop()
	if err != nil {
		return err
	}
	if *blockProfile != "" {
		if err := writeProfile("block", *blockProfile); err != nil {
			return err
		}
	}
	self, children := rss.stop()
	if a.pdf != nil { // the children's CPU is known once they have exited
		a.pdf.Close()
		a.pdf = nil
	}
	cpu := sampleCPU().sub(cpu0)
	stages, err := jobStages(ctx, a)
	if err != nil {
		return err
	}

	rate := float64(docs) / wall.Seconds()
	w := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(e.stdout, "heshi bench: %d orders, %d documents of %d bytes on average, %d cores, %d workers per queue, %d readers\n",
		len(ds.Orders), docs, mean, runtime.NumCPU(), a.cfg.Workers, a.cfg.Readers)
	fmt.Fprintf(w, "raw PUT (%d objects, %d clients)\t%.1f objects/s\t\n", raw.n, *clients, raw.rate)
	fmt.Fprintf(w, "import (master data and documents; workers running)\t%s\t%.1f documents/s\t\n", imported.Round(time.Millisecond), float64(docs)/imported.Seconds())
	fmt.Fprintf(w, "end to end (import to the last verdict)\t%s\t%.1f documents/s\t\n", wall.Round(time.Millisecond), rate)
	fmt.Fprintf(w, "ratio to raw PUT\t%.3f×\t\t\n", rate/raw.rate)
	w.Flush()
	fmt.Fprintln(e.stdout)
	w = tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "stage\tcount\tp50\tp95\twait p50\twait p95\t")
	p50, p95 := upload.quantile(0.5), upload.quantile(0.95)
	fmt.Fprintf(w, "upload\t%d\t%s\t%s\t\t\t\n", len(upload.d), ms(p50), ms(p95))
	for _, s := range stages {
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t\n", s.kind, s.n, ms(s.p50), ms(s.p95), ms(s.wait50), ms(s.wait95))
	}
	w.Flush()
	fmt.Fprintf(e.stdout, "\npeak RSS from import to the last verdict (sampled every 250 ms): heshi (import and workers) %d MiB, largest reader child %d MiB\n", self>>20, children>>20)
	if cpu.machine > 0 {
		perDoc := func(d time.Duration) string { return ms(d / time.Duration(max(docs, 1))) }
		fmt.Fprintf(e.stdout, "CPU from import to the last verdict: machine %s of %s (%d cores), per document %s:\n",
			cpu.machine.Round(10*time.Millisecond), (wall * time.Duration(runtime.NumCPU())).Round(10*time.Millisecond), runtime.NumCPU(), perDoc(cpu.machine))
		rest := max(cpu.machine-cpu.self-cpu.children-local.postgres-local.minio, 0)
		for _, p := range []struct {
			name string
			d    time.Duration
		}{{"heshi", cpu.self}, {"reader children", cpu.children}, {"PostgreSQL (local)", local.postgres}, {"MinIO (local)", local.minio}, {"the rest", rest}} {
			fmt.Fprintf(e.stdout, "  %-20s %8s  %s/doc\n", p.name, p.d.Round(10*time.Millisecond), perDoc(p.d))
		}
	}
	return nil
}

// serviceCPU is the CPU time used so far by the PostgreSQL and MinIO
// processes of this machine, when the services run here (`make services`);
// zero elsewhere. A PostgreSQL backend that exits between two samples is
// not counted.
type serviceCPU struct{ postgres, minio time.Duration }

func (c serviceCPU) sub(d serviceCPU) serviceCPU {
	return serviceCPU{max(c.postgres-d.postgres, 0), max(c.minio-d.minio, 0)}
}

func localServiceCPU() serviceCPU {
	var c serviceCPU
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid … utime stime: fields 14 and 15, in clock ticks.
		lp, rp := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
		if lp < 0 || rp < lp {
			continue
		}
		f := strings.Fields(string(b[rp+1:]))
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		d := time.Duration(u+st) * 10 * time.Millisecond
		switch string(b[lp+1 : rp]) {
		case "postgres":
			c.postgres += d
		case "minio":
			c.minio += d
		}
	}
	return c
}

// cpuTimes is CPU time used so far: by the whole machine (0 where
// /proc/stat cannot be read), by this process, and by its exited children.
type cpuTimes struct{ machine, self, children time.Duration }

func (c cpuTimes) sub(d cpuTimes) cpuTimes {
	return cpuTimes{c.machine - d.machine, c.self - d.self, c.children - d.children}
}

func sampleCPU() cpuTimes {
	var c cpuTimes
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		c.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru) == nil {
		c.children = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	// The first line of /proc/stat: the machine's time in clock ticks
	// (USER_HZ, 100 on Linux) by state; busy is all but idle and iowait.
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		f := strings.Fields(line)
		var busy int64
		for i, v := range f {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil && i >= 1 && i != 4 && i != 5 && i <= 8 {
				busy += n
			}
		}
		c.machine = time.Duration(busy) * 10 * time.Millisecond
	}
	return c
}

// scratchDatabase makes an empty database on the configured server; drop
// removes it.
func scratchDatabase(ctx context.Context, url, name string) (drop func(), err error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("bench: database: %w (is PostgreSQL up? `make services`)", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		return nil, fmt.Errorf("bench: scratch database: %w", err)
	}
	return func() {
		ctx := context.WithoutCancel(ctx)
		if conn, err := pgx.Connect(ctx, url); err == nil {
			defer conn.Close(ctx)
			conn.Exec(ctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)") //nolint:errcheck // best effort
		}
	}, nil
}

// withDatabase returns a PostgreSQL URL naming another database.
func withDatabase(url, name string) string {
	head, query, _ := strings.Cut(url, "?")
	if i := strings.LastIndex(head, "/"); i > len("postgres://") {
		head = head[:i]
	}
	if query != "" {
		return head + "/" + name + "?" + query
	}
	return head + "/" + name
}

type putRate struct {
	n    int
	rate float64 // objects per second
}

// rawPuts stores n objects of size random bytes from clients goroutines
// straight into the store, the baseline the pipeline is measured against.
func rawPuts(ctx context.Context, a *app, n, size, clients int) (putRate, error) {
	body := make([]byte, size)
	if _, err := io.ReadFull(rand.Reader, body); err != nil {
		return putRate{}, err
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(n) {
					return
				}
				if err := a.objects.PutBytes(ctx, "bench/raw/"+strconv.FormatInt(i, 10), body); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return putRate{}, err
	}
	return putRate{n: n, rate: float64(n) / elapsed.Seconds()}, nil
}

// stage is River's timing of one kind of job: how long the jobs ran, and
// how long they waited once available.
type stage struct {
	kind                     string
	n                        int64
	p50, p95, wait50, wait95 time.Duration
}

func jobStages(ctx context.Context, a *app) ([]stage, error) {
	rows, err := a.pool.Query(ctx, `
		select kind, count(*),
		       percentile_cont(0.5) within group (order by extract(epoch from finalized_at - attempted_at)),
		       percentile_cont(0.95) within group (order by extract(epoch from finalized_at - attempted_at)),
		       percentile_cont(0.5) within group (order by greatest(0, extract(epoch from attempted_at - scheduled_at))),
		       percentile_cont(0.95) within group (order by greatest(0, extract(epoch from attempted_at - scheduled_at)))
		from river_job where state = 'completed' and attempted_at is not null and finalized_at is not null
		group by kind order by kind`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []stage
	for rows.Next() {
		var s stage
		var p50, p95, w50, w95 float64
		if err := rows.Scan(&s.kind, &s.n, &p50, &p95, &w50, &w95); err != nil {
			return nil, err
		}
		s.p50, s.p95, s.wait50, s.wait95 = seconds(p50), seconds(p95), seconds(w50), seconds(w95)
		out = append(out, s)
	}
	return out, rows.Err()
}

func seconds(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
}

// durations collects timings from many goroutines.
type durations struct {
	mu sync.Mutex
	d  []time.Duration
}

func (ds *durations) add(d time.Duration) {
	ds.mu.Lock()
	ds.d = append(ds.d, d)
	ds.mu.Unlock()
}

// quantile is the nearest-rank quantile q of the timings.
func (ds *durations) quantile(q float64) time.Duration {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if len(ds.d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds.d...)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// rssPeaks samples, every interval from start until stop, the resident
// memory of this process and of each of its children (the reader
// children), and keeps the largest of each, in bytes. Sampling covers only
// the measured window, not the dataset's generation before it; and the
// kernel's peak for children (RUSAGE_CHILDREN) counts the parent's memory a
// child shares between fork and exec, so it is not used.
type rssPeaks struct {
	self, child atomic.Int64
	done        chan struct{}
	once        sync.Once
	stopped     sync.WaitGroup
}

func startRSSPeaks(interval time.Duration) *rssPeaks {
	r := &rssPeaks{done: make(chan struct{})}
	r.stopped.Add(1)
	go func() {
		defer r.stopped.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			r.sample()
			select {
			case <-r.done:
				return
			case <-t.C:
			}
		}
	}()
	return r
}

// stop ends the sampling (again: no effect) and returns the peaks.
func (r *rssPeaks) stop() (self, child int64) {
	r.once.Do(func() {
		close(r.done)
		r.stopped.Wait()
		r.sample()
	})
	return r.self.Load(), r.child.Load()
}

func (r *rssPeaks) sample() {
	raise := func(v *atomic.Int64, n int64) {
		if n > v.Load() {
			v.Store(n)
		}
	}
	raise(&r.self, residentBytes("self"))
	me := strconv.Itoa(os.Getpid())
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		rp := bytes.LastIndexByte(b, ')')
		if f := strings.Fields(string(b[rp+1:])); rp >= 0 && len(f) > 1 && f[1] == me {
			raise(&r.child, residentBytes(filepath.Base(filepath.Dir(p))))
		}
	}
}

// residentBytes is the resident memory of process pid ("self" for this
// one) from /proc/PID/status, or 0.
func residentBytes(pid string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func writeProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup(name).WriteTo(f, 0)
}
