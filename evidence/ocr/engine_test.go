package ocr

import (
	"testing"

	"github.com/heshi-verify/heshi/internal/repo"
)

// testDir is where the tests find the runtime and models (repo.OCRDir).
func testDir(t testing.TB) string {
	t.Helper()
	dir, err := repo.OCRDir()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// testEngine loads the models, or skips the test under -short. Without
// the models the test fails: run scripts/ocr.sh (make test does).
func testEngine(t testing.TB) *Engine {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the models and reads whole pages")
	}
	dir := testDir(t)
	if err := Installed(dir); err != nil {
		t.Fatalf("%v (run scripts/ocr.sh)", err)
	}
	e, err := New(DefaultConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}
