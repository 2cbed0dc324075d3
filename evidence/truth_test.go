package evidence_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
)

// truth is what a person read on a real document (testdata/*.truth.json,
// beside the document): the fields each of its documents prints, and the
// fields the reader is known to miss, each with the reason. The golden
// files hold what the reader reads; these hold what it should.
type truth struct {
	Source    string `json:"source"`
	Kind      string `json:"kind"`
	Issuer    string `json:"issuer"`
	Data      string `json:"data"` // real, bank test data, specimen, simulation…
	Documents []struct {
		Fields map[string]string `json:"fields"`
		Notes  string            `json:"notes"`
	} `json:"documents"`
	// KnownMisses maps "<document>/<field>" (documents counted from 1)
	// to why the reader misses it.
	KnownMisses map[string]string `json:"known_misses"`
}

// TestRealDocumentTruth reads every real document that has a truth file
// and compares its fields with what a person read there. A field read
// wrong fails the test unless it is a known miss; a known miss read right
// fails it too, so that the list says what the reader cannot do. The
// tally is logged (go test -run TestRealDocumentTruth -v).
func TestRealDocumentTruth(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "*.truth.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no truth files in testdata (%v)", err)
	}
	var right, total, known int
	for _, f := range files {
		base := strings.TrimSuffix(f, ".truth.json")
		var tr truth
		if err := readJSON(f, &tr); err != nil {
			t.Fatal(err)
		}
		doc, read := "", func([]byte) evidence.Extraction { return evidence.Extraction{} }
		for ext, r := range readers {
			if _, err := os.Stat(base + ext); err == nil {
				doc, read = base+ext, r
			}
		}
		t.Run(filepath.Base(base), func(t *testing.T) {
			if doc == "" {
				t.Fatalf("no document beside %s", f)
			}
			data, err := os.ReadFile(doc)
			if err != nil {
				t.Fatal(err)
			}
			x := read(data)
			if x.Kind != tr.Kind {
				t.Errorf("read as %q, is %q", x.Kind, tr.Kind)
			}
			misses := map[string]string{}
			for d, want := range tr.Documents {
				fields := bestSlip(x, want.Fields)
				for k, v := range want.Fields {
					total++
					key := fmt.Sprintf("%d/%s", d+1, k)
					if evidence.SameValue(v, fields[k].Value) {
						right++
						continue
					}
					misses[key] = fmt.Sprintf("%s: want %q, got %q (%s)", key, v, fields[k].Value, fields[k].Via)
				}
			}
			for key, why := range tr.KnownMisses {
				if _, missed := misses[key]; !missed {
					t.Errorf("%s is read right now: take it out of known_misses (%s)", key, why)
					continue
				}
				known++
				delete(misses, key)
			}
			keys := make([]string, 0, len(misses))
			for k := range misses {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				t.Error(misses[k])
			}
		})
	}
	t.Logf("real documents: %d of %d fields read right (%.1f%%), %d known misses", right, total, 100*float64(right)/float64(max(total, 1)), known)
}

// bestSlip returns the fields of the slip of x (or x itself, if it has
// none) that agrees with most of want.
func bestSlip(x evidence.Extraction, want map[string]string) map[string]evidence.Field {
	cands := []evidence.Extraction{x}
	if len(x.Slips) > 0 {
		cands = x.Slips
	}
	best, score := x.Fields, -1
	for _, c := range cands {
		n := 0
		for k, v := range want {
			if evidence.SameValue(v, c.Fields[k].Value) {
				n++
			}
		}
		if n > score {
			best, score = c.Fields, n
		}
	}
	return best
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
