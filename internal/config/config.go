// Package config is heshi's configuration: one typed struct read from
// HESHI_* environment variables, with local development defaults that match
// scripts/services.sh. Nothing here is a secret: production sets its own.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/heshi-verify/heshi/evidence/objstore"
)

// Config is heshi's configuration.
type Config struct {
	DatabaseURL    string          // HESHI_DATABASE_URL
	S3             objstore.Config // HESHI_S3_ENDPOINT, _ACCESS_KEY, _SECRET_KEY, _BUCKET, _USE_SSL, _REGION
	HTTPAddr       string          // HESHI_HTTP_ADDR
	MaxUploadBytes int64           // HESHI_MAX_UPLOAD_BYTES
	Workers        int             // HESHI_WORKERS: concurrent jobs per process
	ExtractTimeout time.Duration   // HESHI_EXTRACT_TIMEOUT: per document
	ExtractMemory  int64           // HESHI_EXTRACT_MEMORY: bytes a reader child may use
	Sandbox        bool            // HESHI_EXTRACT_SANDBOX: read documents in child processes (default true)
	OCRDir         string          // HESHI_OCR_DIR: the OCR engine's runtime and models (scripts/ocr.sh)
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
)

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
		},
		HTTPAddr: env("HESHI_HTTP_ADDR", DefaultHTTPAddr),
		OCRDir:   env("HESHI_OCR_DIR", DefaultOCRDir),
	}
	var err error
	if c.S3.UseSSL, err = strconv.ParseBool(env("HESHI_S3_USE_SSL", "false")); err != nil {
		return c, fmt.Errorf("HESHI_S3_USE_SSL: %w", err)
	}
	if c.MaxUploadBytes, err = strconv.ParseInt(env("HESHI_MAX_UPLOAD_BYTES", strconv.Itoa(DefaultMaxUploadBytes)), 10, 64); err != nil || c.MaxUploadBytes <= 0 {
		return c, fmt.Errorf("HESHI_MAX_UPLOAD_BYTES: want a positive number of bytes")
	}
	if c.Workers, err = strconv.Atoi(env("HESHI_WORKERS", "4")); err != nil || c.Workers <= 0 {
		return c, fmt.Errorf("HESHI_WORKERS: want a positive number")
	}
	if c.ExtractTimeout, err = time.ParseDuration(env("HESHI_EXTRACT_TIMEOUT", "2m")); err != nil || c.ExtractTimeout <= 0 {
		return c, fmt.Errorf("HESHI_EXTRACT_TIMEOUT: want a positive duration such as 2m")
	}
	if c.ExtractMemory, err = strconv.ParseInt(env("HESHI_EXTRACT_MEMORY", strconv.Itoa(1<<30)), 10, 64); err != nil || c.ExtractMemory <= 0 {
		return c, fmt.Errorf("HESHI_EXTRACT_MEMORY: want a positive number of bytes")
	}
	if c.Sandbox, err = strconv.ParseBool(env("HESHI_EXTRACT_SANDBOX", "true")); err != nil {
		return c, fmt.Errorf("HESHI_EXTRACT_SANDBOX: %w", err)
	}
	return c, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}
