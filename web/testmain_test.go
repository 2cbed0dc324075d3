package web_test

import (
	"testing"

	"github.com/heshi-verify/heshi/evidence/sandbox"
)

// TestMain lets the test binary serve as the reader child that the workers
// start, so that tests read documents through the sandbox.
func TestMain(m *testing.M) { sandbox.RunTests(m) }
