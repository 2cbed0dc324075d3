package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/heshi-verify/heshi/internal/metrics"
	"github.com/heshi-verify/heshi/migrations"
	"github.com/heshi-verify/heshi/samples"
	"github.com/heshi-verify/heshi/web"
	"github.com/heshi-verify/heshi/workers"
)

func cmdMigrate(ctx context.Context, e *env, args []string) error {
	if err := e.flags("migrate").Parse(args); err != nil {
		return err
	}
	a, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer a.close()
	if err := migrations.Up(ctx, a.pool, e.log); err != nil {
		return err
	}
	if err := a.store.SeedDivisions(ctx); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "database is up to date")
	return nil
}

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := e.flags("serve")
	noWorkers := fs.Bool("no-workers", false, "serve HTTP only")
	noHTTP := fs.Bool("no-http", false, "run the workers only (as `heshi work`)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *noWorkers && *noHTTP {
		return fmt.Errorf("%w: --no-workers and --no-http leave nothing to run", errUsage)
	}
	a, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer a.close()
	if !*noWorkers {
		stop, err := startWorkers(ctx, e, a)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *noHTTP {
		<-ctx.Done()
		return nil
	}
	if err := metrics.RegisterDatabase(a.pool, e.log); err != nil {
		return err
	}
	srv := web.NewServer(web.Config{Store: a.store, Objects: a.objects, Jobs: a.jobs, Log: e.log, MaxUploadBytes: a.cfg.MaxUploadBytes,
		StatementFont: sync.OnceValues(samples.LoadFont)})
	e.log.Info("serving", slog.String("url", "http://"+a.cfg.HTTPAddr))
	return srv.ListenAndServe(ctx, a.cfg.HTTPAddr)
}

func cmdWork(ctx context.Context, e *env, args []string) error {
	fs := e.flags("work")
	drain := fs.Bool("drain", false, "exit once no job is pending")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer a.close()
	stop, err := startWorkers(ctx, e, a)
	if err != nil {
		return err
	}
	defer stop()
	if a.cfg.MetricsAddr != "" {
		if err := serveMetrics(ctx, e, a); err != nil {
			return err
		}
	}
	if !*drain {
		<-ctx.Done()
		return nil
	}
	if err := waitIdle(ctx, e, a); err != nil {
		return err
	}
	// The periodic checkpoint runs every minute while workers run; a drain
	// may end sooner, so it leaves one of the head it reached.
	if _, _, err := a.store.AuditCheckpoint(ctx, a.objects); err != nil {
		return err
	}
	return nil
}

// startWorkers starts a River client working heshi's queues; stop waits for
// running jobs to finish.
func startWorkers(ctx context.Context, e *env, a *app) (stop func(), err error) {
	deps, err := a.workerDeps(e)
	if err != nil {
		return nil, err
	}
	c, err := workers.NewClient(a.pool, deps, a.cfg.Workers)
	if err != nil {
		return nil, err
	}
	if err := c.Start(ctx); err != nil {
		return nil, fmt.Errorf("start workers: %w", err)
	}
	return func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if err := c.Stop(sctx); err != nil && !errors.Is(err, context.Canceled) {
			e.log.Warn("stopping workers", slog.Any("error", err))
		}
	}, nil
}

func cmdWait(ctx context.Context, e *env, args []string) error {
	fs := e.flags("wait")
	timeout := fs.Duration("timeout", 30*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer a.close()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	return waitIdle(ctx, e, a)
}

func waitIdle(ctx context.Context, e *env, a *app) error {
	last := int64(-1)
	err := a.jobs.WaitIdle(ctx, 250*time.Millisecond, func(n int64) {
		if n != last && (last < 0 || n == 0 || last-n >= 50 || n > last) {
			fmt.Fprintf(e.stderr, "jobs pending: %d\n", n)
			last = n
		}
	})
	if err != nil {
		return fmt.Errorf("waiting for jobs: %w", err)
	}
	if _, discarded, err := a.jobs.Pending(ctx); err == nil && discarded > 0 {
		fmt.Fprintf(e.stderr, "warning: %d jobs failed for good (discarded); see the river_job table\n", discarded)
	}
	return nil
}

// serveMetrics serves this worker process's /metrics (and the database's
// figures) on HESHI_METRICS_ADDR, for Prometheus on a private network,
// until ctx ends.
func serveMetrics(ctx context.Context, e *env, a *app) error {
	if err := metrics.RegisterDatabase(a.pool, e.log); err != nil {
		return err
	}
	if a.pdf != nil {
		if err := metrics.RegisterSandbox(a.pdf); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", a.cfg.MetricsAddr)
	if err != nil {
		return fmt.Errorf("HESHI_METRICS_ADDR: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close() //nolint:errcheck // shutting down
	}()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			e.log.Warn("metrics", slog.Any("error", err))
		}
	}()
	e.log.Info("metrics", slog.String("url", "http://"+ln.Addr().String()+"/metrics"))
	return nil
}
