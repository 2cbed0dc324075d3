// Package config is heshi's configuration: one typed struct read from
// HESHI_* environment variables, with local development defaults that match
// scripts/services.sh. Nothing here is a secret: production sets its own.
package config

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/heshi-verify/heshi/evidence/objstore"
)

// Config is heshi's configuration.
type Config struct {
	DatabaseURL    string          // HESHI_DATABASE_URL
	S3             objstore.Config // HESHI_S3_ENDPOINT, _ACCESS_KEY, _SECRET_KEY, _BUCKET, _USE_SSL, _REGION
	HTTPAddr       string          // HESHI_HTTP_ADDR
	MetricsAddr    string          // HESHI_METRICS_ADDR: where `heshi work` serves /metrics ("" for nowhere)
	MaxUploadBytes int64           // HESHI_MAX_UPLOAD_BYTES
	Workers        int             // HESHI_WORKERS: jobs worked at once per queue and process (DefaultWorkers)
	Readers        int             // HESHI_READERS: documents read at once per process, in as many children (DefaultReaders)
	ExtractTimeout time.Duration   // HESHI_EXTRACT_TIMEOUT: per document
	JobTimeout     time.Duration   // HESHI_JOB_TIMEOUT: every other job (a cross-check, a sweep page)
	ExtractMemory  int64           // HESHI_EXTRACT_MEMORY: bytes a reader child may use
	Sandbox        bool            // HESHI_EXTRACT_SANDBOX: read documents in child processes (default true)
	OCRDir         string          // HESHI_OCR_DIR: the OCR engine's runtime and models (scripts/ocr.sh)
	AuditKeyFile   string          // HESHI_AUDIT_KEY_FILE: the audit log's HMAC key (see AuditKey)
}

// Defaults for local development.
const (
	DefaultDatabaseURL     = "postgres://postgres@127.0.0.1:5432/heshi?sslmode=disable"
	DefaultTestDatabaseURL = "postgres://postgres@127.0.0.1:5432/heshi_test?sslmode=disable"
	DefaultS3Endpoint      = "127.0.0.1:9000"
	DefaultS3AccessKey     = "heshi"
	DefaultS3SecretKey     = "heshi-local-dev"
	DefaultBucket          = "heshi-evidence"
	DefaultHTTPAddr        = "127.0.0.1:8080"
	DefaultMaxUploadBytes  = 20 << 20
	DefaultOCRDir          = "var/ocr" // where scripts/ocr.sh installs, relative to the repository
	DefaultAuditKeyFile    = "var/audit.key"
	DefaultLockDays        = 3650 // ten years: how long evidence objects are retained under object lock
)

// DefaultWorkers is how many jobs of each queue a process works at once
// unless HESHI_WORKERS says: four per core. A job spends most of its time
// waiting on the database, the object store or a reader child, so a
// process needs several per core to keep the cores busy; the readers
// (DefaultReaders) bound how many documents are parsed at once.
func DefaultWorkers() int { return 4 * runtime.GOMAXPROCS(0) }

// DefaultReaders is how many reader children a process runs unless
// HESHI_READERS says: one per core, since reading is the CPU's work.
func DefaultReaders() int { return runtime.GOMAXPROCS(0) }

// FromEnv reads the configuration from the environment.
func FromEnv() (Config, error) {
	c := Config{
		DatabaseURL: env("HESHI_DATABASE_URL", DefaultDatabaseURL),
		S3: objstore.Config{
			Endpoint:  env("HESHI_S3_ENDPOINT", DefaultS3Endpoint),
			AccessKey: env("HESHI_S3_ACCESS_KEY", DefaultS3AccessKey),
			SecretKey: env("HESHI_S3_SECRET_KEY", DefaultS3SecretKey),
			Bucket:    env("HESHI_S3_BUCKET", DefaultBucket),
			Region:    env("HESHI_S3_REGION", ""),
			Lock:      objstore.Retention{Mode: env("HESHI_S3_LOCK_MODE", objstore.Compliance)},
		},
		HTTPAddr:    env("HESHI_HTTP_ADDR", DefaultHTTPAddr),
		MetricsAddr: env("HESHI_METRICS_ADDR", ""),
		OCRDir:      env("HESHI_OCR_DIR", DefaultOCRDir),

		AuditKeyFile: env("HESHI_AUDIT_KEY_FILE", DefaultAuditKeyFile),
	}
	var err error
	if c.S3.UseSSL, err = strconv.ParseBool(env("HESHI_S3_USE_SSL", "false")); err != nil {
		return c, fmt.Errorf("HESHI_S3_USE_SSL: %w", err)
	}
	if c.MaxUploadBytes, err = strconv.ParseInt(env("HESHI_MAX_UPLOAD_BYTES", strconv.Itoa(DefaultMaxUploadBytes)), 10, 64); err != nil || c.MaxUploadBytes <= 0 {
		return c, fmt.Errorf("HESHI_MAX_UPLOAD_BYTES: want a positive number of bytes")
	}
	if c.Workers, err = strconv.Atoi(env("HESHI_WORKERS", strconv.Itoa(DefaultWorkers()))); err != nil || c.Workers <= 0 {
		return c, fmt.Errorf("HESHI_WORKERS: want a positive number")
	}
	if c.Readers, err = strconv.Atoi(env("HESHI_READERS", strconv.Itoa(DefaultReaders()))); err != nil || c.Readers <= 0 {
		return c, fmt.Errorf("HESHI_READERS: want a positive number")
	}
	if c.ExtractTimeout, err = time.ParseDuration(env("HESHI_EXTRACT_TIMEOUT", "2m")); err != nil || c.ExtractTimeout <= 0 {
		return c, fmt.Errorf("HESHI_EXTRACT_TIMEOUT: want a positive duration such as 2m")
	}
	if c.JobTimeout, err = time.ParseDuration(env("HESHI_JOB_TIMEOUT", "1m")); err != nil || c.JobTimeout <= 0 {
		return c, fmt.Errorf("HESHI_JOB_TIMEOUT: want a positive duration such as 1m")
	}
	if c.ExtractMemory, err = strconv.ParseInt(env("HESHI_EXTRACT_MEMORY", strconv.Itoa(1<<30)), 10, 64); err != nil || c.ExtractMemory <= 0 {
		return c, fmt.Errorf("HESHI_EXTRACT_MEMORY: want a positive number of bytes")
	}
	if c.Sandbox, err = strconv.ParseBool(env("HESHI_EXTRACT_SANDBOX", "true")); err != nil {
		return c, fmt.Errorf("HESHI_EXTRACT_SANDBOX: %w", err)
	}
	if c.S3.Lock.Mode == "off" {
		c.S3.Lock.Mode = ""
	}
	if m := c.S3.Lock.Mode; m != "" && m != objstore.Governance && m != objstore.Compliance {
		return c, fmt.Errorf("HESHI_S3_LOCK_MODE: want GOVERNANCE, COMPLIANCE or off, not %q", m)
	}
	if c.S3.Lock.Days, err = strconv.Atoi(env("HESHI_S3_LOCK_DAYS", strconv.Itoa(DefaultLockDays))); err != nil || c.S3.Lock.Days <= 0 {
		return c, fmt.Errorf("HESHI_S3_LOCK_DAYS: want a positive number of days")
	}
	return c, nil
}

// AuditKey reads the audit log's HMAC key from c.AuditKeyFile: the file's
// content, surrounding white space trimmed, at least 32 bytes. Only at the
// local development default path is a missing file made (32 random bytes,
// hex, mode 0600); elsewhere a missing key is an error, because a key made
// up on the spot would not verify what the others wrote. Keep the file
// apart from the database and its backups: whoever holds both can rewrite
// the log.
func (c Config) AuditKey() ([]byte, error) {
	b, err := os.ReadFile(c.AuditKeyFile)
	if errors.Is(err, fs.ErrNotExist) && c.AuditKeyFile == DefaultAuditKeyFile {
		if b, err = makeKeyFile(c.AuditKeyFile); err != nil {
			return nil, fmt.Errorf("HESHI_AUDIT_KEY_FILE: make %s: %w", c.AuditKeyFile, err)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("HESHI_AUDIT_KEY_FILE: %w", err)
	}
	key := bytes.TrimSpace(b)
	if len(key) < minAuditKey {
		return nil, fmt.Errorf("HESHI_AUDIT_KEY_FILE: %s holds %d bytes, want at least %d", c.AuditKeyFile, len(key), minAuditKey)
	}
	return key, nil
}

// minAuditKey is postgres.MinAuditKeyBytes (config does not import the store).
const minAuditKey = 32

func makeKeyFile(path string) ([]byte, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	key := []byte(hex.EncodeToString(raw) + "\n")
	// Written aside and linked into place, so that a process starting at
	// the same moment reads the whole key or none.
	f, err := os.CreateTemp(filepath.Dir(path), ".audit-key-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(key); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	if err := os.Link(f.Name(), path); errors.Is(err, fs.ErrExist) {
		return os.ReadFile(path) // another process made it meanwhile
	} else if err != nil {
		return nil, err
	}
	return key, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}
