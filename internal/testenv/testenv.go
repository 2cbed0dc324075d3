// Package testenv gives tests real services: a fresh PostgreSQL database with
// every migration applied, and a fresh MinIO bucket. Services are found
// through HESHI_TEST_DATABASE_URL and the HESHI_S3_* variables, with the
// local defaults of scripts/services.sh (`make services` starts them).
//
// Migrating River and heshi takes seconds, so it happens once: into a
// template database named after a hash of the migrations, from which each
// test's database is copied (CREATE DATABASE … TEMPLATE, a file copy).
package testenv

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/evidence/ocr"
	"github.com/heshi-verify/heshi/internal/config"
	"github.com/heshi-verify/heshi/internal/repo"
	"github.com/heshi-verify/heshi/migrations"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
	"github.com/heshi-verify/heshi/workers"
)

func suffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func baseURL() string {
	if url := os.Getenv("HESHI_TEST_DATABASE_URL"); url != "" {
		return url
	}
	return config.DefaultTestDatabaseURL
}

// withDatabase returns url pointing at database name, keeping everything
// else (user, password, host, options).
func withDatabase(t testing.TB, dsn, name string) string {
	t.Helper()
	if _, err := pgx.ParseConfig(dsn); err != nil {
		t.Fatal(err)
	}
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path, u.RawPath = "/"+name, ""
		return u.String()
	}
	return dsn + " dbname=" + name // key=value form: a later key overrides an earlier one
}

// needServices skips a test that needs PostgreSQL or MinIO under -short
// (make test-short runs with no services).
func needServices(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("needs %s (skipped with -short)", what)
	}
}

// templateName names the template database after the migrations it holds.
func templateName(t testing.TB) string {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h.Write([]byte("river v0.51.1"))
	return "heshi_tpl_" + hex.EncodeToString(h.Sum(nil))[:12]
}

// ensureTemplate creates and migrates the template database once; an
// advisory lock keeps concurrent test binaries from racing.
func ensureTemplate(ctx context.Context, t testing.TB, admin *pgx.Conn, url string) string {
	tpl := templateName(t)
	if _, err := admin.Exec(ctx, "select pg_advisory_lock(7262637367)"); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec(ctx, "select pg_advisory_unlock(7262637367)") //nolint:errcheck
	var ok bool
	if err := admin.QueryRow(ctx, "select exists (select 1 from pg_database where datname = $1 and datistemplate)", tpl).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	if ok {
		return tpl
	}
	admin.Exec(ctx, "drop database if exists "+tpl) //nolint:errcheck // a half-made one
	if _, err := admin.Exec(ctx, "create database "+tpl); err != nil {
		t.Fatalf("create template database: %v", err)
	}
	pool, err := pgxpool.New(ctx, withDatabase(t, url, tpl))
	if err != nil {
		t.Fatal(err)
	}
	err = migrations.Up(ctx, pool, nil)
	pool.Close()
	if err != nil {
		t.Fatalf("migrate template: %v", err)
	}
	if _, err := admin.Exec(ctx, "alter database "+tpl+" is_template true"); err != nil {
		t.Fatal(err)
	}
	return tpl
}

// DB returns a pool on a new, migrated database, dropped when the test ends
// (unless HESHI_TEST_KEEP is set).
func DB(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, _ := Database(t)
	return pool
}

// Database is DB that also returns the database's URL, for tests that start
// the heshi command.
func Database(t testing.TB) (*pgxpool.Pool, string) {
	t.Helper()
	needServices(t, "PostgreSQL")
	ctx := context.Background()
	url := baseURL()
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("test database (run `make services`): %v", err)
	}
	defer admin.Close(ctx)
	tpl := ensureTemplate(ctx, t, admin, url)
	name := "heshi_t_" + suffix()
	// Copying a template fails while anyone is connected to it; retry briefly.
	for i := 0; ; i++ {
		_, err = admin.Exec(ctx, "create database "+name+" template "+tpl)
		if err == nil || i == 20 || !strings.Contains(err.Error(), "being accessed") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	dbURL := withDatabase(t, url, name)
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = 10
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		pool.Close()
		if os.Getenv("HESHI_TEST_KEEP") != "" {
			t.Logf("kept database %s", name)
			return
		}
		c, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Logf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "drop database "+name+" with (force)"); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
	})
	return pool, dbURL
}

// S3Config returns the object store configuration tests use, with a new
// bucket name.
func S3Config(t testing.TB) objstore.Config {
	t.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	s3 := cfg.S3
	s3.Bucket = "test-" + suffix()
	// GOVERNANCE for a day, so that a test's bucket can be removed after it
	// (past the lock, with the store's root credentials); heshi's default,
	// COMPLIANCE for ten years, would keep every test's evidence for good.
	s3.Lock = objstore.Retention{Mode: objstore.Governance, Days: 1}
	return s3
}

// Objects returns a store on a new bucket, removed with its objects when the
// test ends.
func Objects(t testing.TB) *objstore.Store {
	t.Helper()
	needServices(t, "MinIO")
	cfg := S3Config(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := objstore.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("object store (run `make services`): %v", err)
	}
	t.Cleanup(func() { RemoveBucket(t, cfg) })
	return s
}

func minioClient(t testing.TB, cfg objstore.Config) *minio.Client {
	c, err := minio.New(cfg.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""), Secure: cfg.UseSSL})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// RemoveBucket removes a bucket and its objects.
func RemoveBucket(t testing.TB, cfg objstore.Config) {
	c := minioClient(t, cfg)
	ctx := context.Background()
	// Every version, past a GOVERNANCE lock: the test's evidence only.
	for o := range c.ListObjects(ctx, cfg.Bucket, minio.ListObjectsOptions{Recursive: true, WithVersions: true}) {
		if o.Err == nil {
			c.RemoveObject(ctx, cfg.Bucket, o.Key, minio.RemoveObjectOptions{VersionID: o.VersionID, GovernanceBypass: true}) //nolint:errcheck
		}
	}
	if err := c.RemoveBucket(ctx, cfg.Bucket); err != nil {
		t.Logf("remove bucket %s: %v", cfg.Bucket, err)
	}
}

// ListKeys returns every object key in the store's bucket.
func ListKeys(t testing.TB, s *objstore.Store) []string {
	t.Helper()
	c := minioClient(t, S3Config(t))
	var keys []string
	for o := range c.ListObjects(context.Background(), s.Bucket(), minio.ListObjectsOptions{Recursive: true}) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		keys = append(keys, o.Key)
	}
	return keys
}

// AuditKey is the tests' audit key: a test's own, not a secret.
var AuditKey = []byte("heshi tests' audit key, not a secret: 0123456789")

// StoreOptions are the store options of tests: AuditKey, no log.
func StoreOptions() postgres.Options { return postgres.Options{AuditKey: AuditKey} }

// Store returns a store on a new migrated database (DB) with Hunan's
// divisions seeded, enqueuing its jobs with River, and the database's pool.
func Store(t testing.TB) (*postgres.Store, *pgxpool.Pool) {
	t.Helper()
	pool := DB(t)
	q, err := workers.NewQueue(pool)
	if err != nil {
		t.Fatal(err)
	}
	store := postgres.New(pool, q, StoreOptions())
	if err := store.SeedDivisions(context.Background()); err != nil {
		t.Fatal(err)
	}
	return store, pool
}

// Market returns Store with ds imported.
func Market(t testing.TB, ds *pipeline.Dataset) (*postgres.Store, *pgxpool.Pool) {
	t.Helper()
	store, pool := Store(t)
	if _, err := store.ImportMaster(context.Background(), ds, pipeline.System); err != nil {
		t.Fatal(err)
	}
	return store, pool
}

// Jobs returns the job queue's admin on pool.
func Jobs(t testing.TB, pool *pgxpool.Pool) *workers.Admin {
	t.Helper()
	a, err := workers.NewAdmin(pool)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// OCRDir returns where the OCR engine is installed for the tests (see
// repo.OCRDir). A test that reads scans fails without it; under -short it
// is skipped.
func OCRDir(t testing.TB) string {
	t.Helper()
	needServices(t, "the OCR engine")
	dir, err := repo.OCRDir()
	if err != nil {
		t.Fatal(err)
	}
	if err := ocr.Installed(dir); err != nil {
		t.Fatalf("%v: run scripts/ocr.sh (make test does)", err)
	}
	return dir
}
