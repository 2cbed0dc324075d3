package web_test

import (
	"os"
	"testing"

	"github.com/heshi-verify/heshi/evidence/sandbox"
)

// TestMain lets the test binary serve as the reader child that the workers
// start (sandbox.ChildArg), as the heshi binary does, so the browser test
// through the real pipeline reads PDFs through the sandbox.
func TestMain(m *testing.M) {
	if sandbox.ServeIfChild() {
		return
	}
	os.Exit(m.Run())
}
