package main

import (
	"os"
	"testing"

	"github.com/heshi-verify/heshi/evidence/sandbox"
)

// TestMain lets the test binary serve as the reader child that the workers
// start (os.Executable with sandbox.ChildArg), as the heshi binary does.
func TestMain(m *testing.M) {
	if sandbox.ServeIfChild() {
		return
	}
	os.Exit(m.Run())
}
