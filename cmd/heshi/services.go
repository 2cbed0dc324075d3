package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/evidence/ocr"
	"github.com/heshi-verify/heshi/evidence/sandbox"
	"github.com/heshi-verify/heshi/internal/config"
	"github.com/heshi-verify/heshi/pipeline/postgres"
	"github.com/heshi-verify/heshi/workers"
)

// app is heshi with its services open.
type app struct {
	cfg     config.Config
	pool    *pgxpool.Pool
	store   *postgres.Store
	jobs    *workers.Admin
	objects *objstore.Store // nil unless asked for
	pdf     *sandbox.Pool   // reader children, started by workerDeps
}

// open connects to PostgreSQL and, when withObjects, to the object store.
func (e *env) open(ctx context.Context, withObjects bool) (*app, error) {
	cfg, err := config.FromEnv()
	if err != nil {
		return nil, err
	}
	return e.openWith(ctx, cfg, withObjects)
}

// openWith opens the services cfg names.
func (e *env) openWith(ctx context.Context, cfg config.Config, withObjects bool) (*app, error) {
	pcfg, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("HESHI_DATABASE_URL: %w", err)
	}
	// A job holds a connection only for its queries, not while it waits on
	// the object store or a reader: a connection per worker of one queue,
	// and a few for River's own work and the web, keep both queues busy
	// without crowding PostgreSQL's max_connections when several
	// processes share it.
	pcfg.MaxConns = int32(max(8, cfg.Workers+4))
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database %s: %w (is PostgreSQL up? `make services`)", pcfg.ConnConfig.Host, err)
	}
	q, err := workers.NewQueue(pool)
	if err != nil {
		pool.Close()
		return nil, err
	}
	jobs, err := workers.NewAdmin(pool)
	if err != nil {
		pool.Close()
		return nil, err
	}
	key, err := cfg.AuditKey()
	if err != nil {
		pool.Close()
		return nil, err
	}
	a := &app{cfg: cfg, pool: pool, store: postgres.New(pool, q, postgres.Options{Log: e.log, AuditKey: key}), jobs: jobs}
	if withObjects {
		if a.objects, err = objstore.Open(ctx, cfg.S3); err != nil {
			pool.Close()
			return nil, fmt.Errorf("%w (is MinIO up? `make services`)", err)
		}
		if cfg.S3.Lock.Mode != "" && !a.objects.Locked() {
			e.log.Warn("the evidence bucket has no object lock (made before it was asked for, or the store lacks it): stored evidence is only versioned", "bucket", cfg.S3.Bucket)
		}
	}
	return a, nil
}

func (a *app) close() {
	if a.pdf != nil {
		a.pdf.Close()
	}
	a.pool.Close()
}

func (a *app) workerDeps(e *env) (workers.Deps, error) {
	d := workers.Deps{Store: a.store, Objects: a.objects, MaxObjectBytes: a.cfg.MaxUploadBytes, ExtractTimeout: a.cfg.ExtractTimeout + 10*time.Second, JobTimeout: a.cfg.JobTimeout, Log: e.log}
	pdf, err := newPDFReader(a.cfg)
	if err != nil {
		return d, err
	}
	if pdf != nil {
		if err := ocr.Installed(a.cfg.OCRDir); err != nil {
			e.log.Warn("scans will go to a person unread: the OCR engine is not installed (scripts/ocr.sh)", "err", err)
		}
	}
	if pdf != nil {
		a.pdf, d.PDF = pdf, pdf
	}
	return d, nil
}

// newPDFReader starts the pool of reader children, or returns nil when the
// configuration turns the sandbox off.
func newPDFReader(cfg config.Config) (*sandbox.Pool, error) {
	if !cfg.Sandbox {
		return nil, nil
	}
	ocrDir, err := filepath.Abs(cfg.OCRDir) // the children may not share the working directory's meaning
	if err != nil {
		return nil, fmt.Errorf("HESHI_OCR_DIR: %w", err)
	}
	p, err := sandbox.New(sandbox.Config{Workers: cfg.Readers, MemoryLimit: cfg.ExtractMemory, Timeout: cfg.ExtractTimeout, MaxBytes: cfg.MaxUploadBytes, OCRDir: ocrDir})
	if err != nil {
		return nil, fmt.Errorf("document readers: %w", err)
	}
	return p, nil
}
