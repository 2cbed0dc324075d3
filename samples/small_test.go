package samples

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/heshi-verify/heshi/pipeline/dataset"
)

var updateSmall = flag.Bool("update-small", false, "rewrite the committed sample dataset in testdata/small")

// smallDir and smallOptions make the committed sample dataset: about
// twenty orders, a quarter of them anomalous.
const smallDir = "testdata/small"

var smallOptions = Options{Orders: 20, Seed: 1, AnomalyRate: 0.25}

// TestSmallSample checks that testdata/small is what the generator makes
// today; with -update-small it rewrites it:
//
//	go test ./samples/ -run TestSmallSample -update-small
func TestSmallSample(t *testing.T) {
	if *updateSmall {
		needFont(t)
		if err := os.RemoveAll(smallDir); err != nil {
			t.Fatal(err)
		}
		if _, err := Generate(context.Background(), smallDir, smallOptions); err != nil {
			t.Fatal(err)
		}
		size := int64(0)
		filepath.WalkDir(smallDir, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				if info, err := e.Info(); err == nil {
					size += info.Size()
				}
			}
			return nil
		})
		t.Logf("wrote %s: %d bytes", smallDir, size)
		if size > 3<<20 {
			t.Errorf("the committed sample is %d bytes, over 3 MB", size)
		}
		return
	}
	if _, err := os.Stat(smallDir); err != nil {
		t.Fatalf("no committed sample (%v): run go test ./samples/ -run TestSmallSample -update-small", err)
	}

	// The CSV files do not depend on the font: they must match byte for byte.
	opt := smallOptions
	opt.NoDocuments = true
	fresh, _ := generate(t, opt)
	for _, name := range []string{"buyers.csv", "suppliers.csv", "products.csv", "orders.csv", "order_lines.csv", "truth.csv"} {
		want, err := os.ReadFile(filepath.Join(fresh, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(smallDir, name))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s/%s is out of date (%v): run go test ./samples/ -run TestSmallSample -update-small", smallDir, name, err)
		}
	}
	committed, err := dataset.Read(smallDir)
	if err != nil {
		t.Fatalf("dataset.Read(%s): %v", smallDir, err)
	}
	checkDataset(t, smallDir, committed, true)

	// The documents: the same files, reading the same text (positions
	// depend on the font's metrics and are not compared).
	if _, err := FontPath(); err != nil {
		t.Logf("no font, documents not compared: %v", err)
		return
	}
	fresh, ds := generate(t, smallOptions)
	for no, kinds := range ds.Documents {
		for kind, p := range kinds {
			want, err := os.ReadFile(filepath.Join(fresh, p))
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(smallDir, p))
			if err != nil {
				t.Errorf("%s %s: %v", no, kind, err)
				continue
			}
			wantRows, werr := pdfRuns(want)
			gotRows, gerr := pdfRuns(got)
			wantText, gotText := readDoc{wantRows}.text(), readDoc{gotRows}.text()
			if (werr == nil) != (gerr == nil) || wantText != gotText {
				t.Errorf("%s %s differs from what the generator makes today: run go test ./samples/ -run TestSmallSample -update-small", no, kind)
			}
		}
	}
}
