package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/evidence/sandbox"
	"github.com/heshi-verify/heshi/internal/testenv"
)

// TestMain lets the test binary serve as the reader child that the workers
// start, so that tests read documents through the sandbox. The commands
// get the tests' audit key from a file of their own: the local default
// (var/audit.key of the working directory) would be made in the source tree.
// With runMainEnv set, the binary is the heshi command instead.
func TestMain(m *testing.M) {
	if sandbox.ServeIfChild() {
		return
	}
	if os.Getenv(runMainEnv) == "1" {
		main() // a worker of TestFaultInjection
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "heshi-cmd-test-")
	if err != nil {
		panic(err)
	}
	key := filepath.Join(dir, "audit.key")
	if err := os.WriteFile(key, testenv.AuditKey, 0o600); err != nil {
		panic(err)
	}
	os.Setenv("HESHI_AUDIT_KEY_FILE", key)
	// The tests' buckets are removed after them: GOVERNANCE lock for a day
	// (testenv.S3Config's), not the default COMPLIANCE for ten years.
	os.Setenv("HESHI_S3_LOCK_MODE", objstore.Governance)
	os.Setenv("HESHI_S3_LOCK_DAYS", "1")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
