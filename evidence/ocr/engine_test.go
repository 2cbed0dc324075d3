package ocr

import (
	"os"
	"path/filepath"
	"testing"
)

// testDir is where the tests find the runtime and models: HESHI_OCR_DIR,
// else the repository's var/ocr, where make test (scripts/ocr.sh) puts
// them.
func testDir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("HESHI_OCR_DIR"); dir != "" {
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "var", "ocr")
		}
		if filepath.Dir(d) == d {
			t.Fatal("no go.mod above the test's directory")
		}
	}
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
