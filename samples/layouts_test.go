package samples

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
)

// testFace loads the documents' font, or skips.
func testFace(t testing.TB) *face {
	t.Helper()
	needFont(t)
	ttf, err := LoadFont()
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseFace(ttf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestParseLayouts(t *testing.T) {
	for _, in := range []string{"", LayoutsClassic, LayoutsAll, "payment", "classic, payment/grid"} {
		sel, err := parseLayouts(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if !sel.classicOnly() {
			t.Errorf("%q: not classic only", in)
		}
		for _, k := range pipeline.DocKinds {
			if len(sel[k]) == 0 {
				t.Errorf("%q: no %s layout", in, k)
			}
		}
	}
	if sel, _ := parseLayouts("payment/grid"); len(sel[pipeline.KindPayment]) != 1 || sel.classicSet(pipeline.KindPayment) || !sel.classicSet(pipeline.KindInvoice) {
		t.Errorf("payment/grid: %v", sel)
	}
	for _, bad := range []string{"payment/nope", "receipts", "classic,payment/"} {
		if _, err := parseLayouts(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if err := (Options{Orders: 3, Layouts: "nope"}).check(); err == nil {
		t.Errorf("unknown layout: no error")
	}
}

// pageText is what a page prints, runs joined in drawing order, without
// spaces and thousands separators.
func pageText(p *page) string {
	var b strings.Builder
	for _, it := range p.items {
		b.WriteString(it.s)
	}
	return strings.NewReplacer(" ", "", "　", "", ",", "").Replace(b.String())
}

// printedForms are the ways a field's normalised value may be printed
// (without spaces and commas).
func printedForms(key, value string) []string {
	value = strings.ReplaceAll(value, " ", "")
	switch key {
	case "date", "shipped", "signed":
		var y, m, d int
		if _, err := fmt.Sscanf(value, "%04d-%02d-%02d", &y, &m, &d); err != nil {
			return []string{value}
		}
		return []string{value, fmt.Sprintf("%04d年%02d月%02d日", y, m, d), fmt.Sprintf("%04d%02d%02d", y, m, d),
			fmt.Sprintf("%04d/%02d/%02d", y, m, d), fmt.Sprintf("%d年%d月%d日", y, m, d), fmt.Sprintf("%04d.%02d.%02d", y, m, d), fmt.Sprintf("%d-%d-%d", y, m, d)}
	case "total", "amount", "tax":
		forms := []string{value, "¥" + strings.TrimLeft(strings.ReplaceAll(value, ".", ""), "0")}
		if value == "0.00" {
			forms = append(forms, "***")
		}
		return forms
	}
	return []string{value}
}

// wantFields are the fields sp must record for d: what it prints, less
// a buyer ID the buyer does not have.
func wantFields(sp *layoutSpec, d *orderDocs) []string {
	var out []string
	for _, k := range sp.prints {
		if k == "buyer_id" {
			id := d.contract.buyerID
			if sp.kind == pipeline.KindInvoice {
				id = d.invoice.buyerID
			}
			if id == "" {
				continue
			}
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestEveryLayoutDraws draws documents of every layout and checks that the
// page records the layout and exactly the fields it declares, each with a
// value the page prints, and that the page stays on its paper.
func TestEveryLayoutDraws(t *testing.T) {
	f := testFace(t)
	for _, sp := range layoutSpecs {
		t.Run(strings.ReplaceAll(sp.id, "/", "_"), func(t *testing.T) {
			g, err := plan(Options{Orders: 80, Seed: 21, AnomalyRate: 0.3, Layouts: sp.id})
			if err != nil {
				t.Fatal(err)
			}
			drawn := 0
			for _, d := range g.docs {
				if d.layout(sp.kind) != sp {
					continue
				}
				drawn++
				p := render(f, d, sp.kind)
				if p.layout != sp.id {
					t.Errorf("%s: page says layout %q", d.no, p.layout)
				}
				var got []string
				for _, fv := range p.fields {
					got = append(got, fv.key)
				}
				slices.Sort(got)
				if want := wantFields(sp, d); !slices.Equal(got, want) {
					t.Errorf("%s: records fields %v, declares %v", d.no, got, want)
				}
				text := pageText(p)
				for _, fv := range p.fields {
					found := false
					for _, form := range printedForms(fv.key, fv.value) {
						found = found || strings.Contains(text, form)
					}
					if !found {
						t.Errorf("%s: %s = %q is not printed", d.no, fv.key, fv.value)
					}
				}
				for _, it := range p.items {
					w := p.f.Width(it.s, it.size)
					if it.x < 0 || it.x+w > pageW+0.5 || it.y < it.size*0.8 || it.y > pageH {
						t.Errorf("%s: %q at (%.0f, %.0f), size %.1f, off the page", d.no, it.s, it.x, it.y, it.size)
					}
				}
			}
			if drawn == 0 {
				t.Fatalf("no document drawn in %s", sp.id)
			}
		})
	}
}

// readCSV reads a ground-truth file.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// TestGroundTruthFiles generates a dataset with ground truth and checks
// layouts.csv and fields.csv against the documents, and that the dataset
// still reads (heshi import reads it with dataset.Read).
func TestGroundTruthFiles(t *testing.T) {
	needFont(t)
	dir, ds := generate(t, Options{Orders: 14, Seed: 9, AnomalyRate: 0.5, Layouts: LayoutsClassic})
	if _, err := dataset.Read(dir); err != nil {
		t.Fatalf("dataset.Read with the ground-truth files: %v", err)
	}
	layouts := readCSV(t, filepath.Join(dir, LayoutsFile))
	if !slices.Equal(layouts[0], []string{"order_no", "kind", "layout", "scan"}) {
		t.Fatalf("layouts.csv header %v", layouts[0])
	}
	seen := map[string]bool{}
	for _, r := range layouts[1:] {
		no, kind, id, scan := r[0], pipeline.DocKind(r[1]), r[2], r[3]
		path, ok := ds.Documents[no][kind]
		if !ok {
			t.Errorf("layouts.csv lists %s %s, which was not written", no, kind)
			continue
		}
		seen[no+" "+string(kind)] = true
		if sp := specByID(id); sp == nil || sp.kind != kind {
			t.Errorf("%s %s: layout %q", no, kind, id)
		}
		if scan != "" || filepath.Ext(path) != ".pdf" {
			t.Errorf("%s %s: scan %q written as %s", no, kind, scan, path)
		}
	}
	for no, kinds := range ds.Documents {
		for k := range kinds {
			if !seen[no+" "+string(k)] {
				t.Errorf("%s %s written but not in layouts.csv", no, k)
			}
		}
	}
	fields := readCSV(t, filepath.Join(dir, FieldsFile))
	if !slices.Equal(fields[0], []string{"order_no", "kind", "field", "value"}) {
		t.Fatalf("fields.csv header %v", fields[0])
	}
	truth := map[string]pipeline.Truth{}
	for _, tr := range ds.Truth {
		truth[tr.OrderNo] = tr
	}
	keys := map[string]bool{}
	for _, r := range fields[1:] {
		no, kind, key, value := r[0], pipeline.DocKind(r[1]), r[2], r[3]
		if !seen[no+" "+string(kind)] {
			t.Errorf("fields.csv: %s %s has no document", no, kind)
		}
		if !slices.Contains(FieldKeys[kind], key) || value == "" {
			t.Errorf("fields.csv: %s %s %s = %q", no, kind, key, value)
		}
		if tr := truth[no]; tr.Label == RuleUnreadable && strings.HasPrefix(tr.Detail, string(kind)+" ") {
			t.Errorf("fields.csv lists %s of %s %s, planted unreadable", key, no, kind)
		}
		if keys[no+kind.Label()+key] {
			t.Errorf("fields.csv: %s %s %s twice", no, kind, key)
		}
		keys[no+kind.Label()+key] = true
	}
}

// TestClassicLayoutsOption: --layouts classic draws the default's
// documents, byte for byte, and adds only the ground truth.
func TestClassicLayoutsOption(t *testing.T) {
	needFont(t)
	opt := Options{Orders: 5, Seed: 4, AnomalyRate: 0.4}
	a, _ := generate(t, opt)
	opt.Layouts = LayoutsClassic
	b, _ := generate(t, opt)
	for _, name := range []string{LayoutsFile, FieldsFile} {
		if _, err := os.Stat(filepath.Join(a, name)); err == nil {
			t.Errorf("the default wrote %s", name)
		}
		if _, err := os.Stat(filepath.Join(b, name)); err != nil {
			t.Errorf("--layouts classic: %v", err)
		}
	}
	compareTrees(t, a, b, LayoutsFile, FieldsFile)
}

// compareTrees reports files of a that differ in b (names in skip aside).
func compareTrees(t *testing.T, a, b string, skip ...string) int {
	t.Helper()
	files := 0
	err := filepath.WalkDir(a, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || slices.Contains(skip, e.Name()) {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs", rel)
		}
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
