package samples

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // image.Decode reads the PNG scans
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"

	"github.com/heshi-verify/heshi/evidence"
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

func TestLayoutCatalogue(t *testing.T) {
	ids := map[string]bool{}
	counts := map[pipeline.DocKind][2]int{} // classic, new
	for _, sp := range layoutSpecs {
		if ids[sp.id] {
			t.Errorf("layout %s registered twice", sp.id)
		}
		ids[sp.id] = true
		if !strings.HasPrefix(sp.id, string(sp.kind)+"/") {
			t.Errorf("layout %s of kind %s", sp.id, sp.kind)
		}
		if sp.about == "" {
			t.Errorf("layout %s says nothing of what it imitates", sp.id)
		}
		for _, f := range sp.prints {
			if !slices.Contains(evidence.KindFields[string(sp.kind)], f) {
				t.Errorf("layout %s prints %q, not a %s field", sp.id, f, sp.kind)
			}
		}
		if sp.kind == pipeline.KindInvoice && sp.family != "digital" && sp.family != "old" {
			t.Errorf("invoice layout %s: numbering %q", sp.id, sp.family)
		}
		if sp.holdout != strings.HasPrefix(sp.id, string(sp.kind)+"/"+holdoutPrefix) {
			t.Errorf("layout %s: held out %v", sp.id, sp.holdout)
		}
		if sp.holdout {
			if sp.isClassic() {
				t.Errorf("held-out layout %s has no drawing of its own", sp.id)
			}
			continue // the counts below are of the layouts all and new draw
		}
		c := counts[sp.kind]
		if sp.isClassic() {
			c[0]++
		} else {
			c[1]++
		}
		counts[sp.kind] = c
	}
	for _, k := range pipeline.DocKinds {
		c := counts[k]
		if c[0]+c[1] < 6 || c[1] < 3 {
			t.Errorf("%s: %d classic and %d new layouts, want at least six with three new", k, c[0], c[1])
		}
		if k != pipeline.KindPayment && k != pipeline.KindLogistics {
			for _, more := range []pipeline.DocKind{pipeline.KindPayment, pipeline.KindLogistics} {
				if counts[more][1] <= c[1] {
					t.Errorf("%s has %d new layouts, %s only %d", k, c[1], more, counts[more][1])
				}
			}
		}
	}
}

func TestParseLayouts(t *testing.T) {
	for _, tc := range []struct {
		in      string
		classic bool
		kinds   map[pipeline.DocKind]int // layouts per kind, where checked
	}{
		{"", true, nil},
		{LayoutsClassic, true, map[pipeline.DocKind]int{pipeline.KindInvoice: 2, pipeline.KindPayment: 3}},
		{LayoutsAll, false, map[pipeline.DocKind]int{pipeline.KindPayment: len(Layouts(pipeline.KindPayment))}},
		{LayoutsNew, false, map[pipeline.DocKind]int{pipeline.KindContract: len(Layouts(pipeline.KindContract)) - 3}},
		{"payment/colheads", false, map[pipeline.DocKind]int{pipeline.KindPayment: 1, pipeline.KindContract: 3}},
		{"logistics, payment/advice ,payment/colheads", false, map[pipeline.DocKind]int{pipeline.KindPayment: 2, pipeline.KindLogistics: len(Layouts(pipeline.KindLogistics))}},
	} {
		sel, err := parseLayouts(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if sel.classicOnly() != tc.classic {
			t.Errorf("%q: classic only %v", tc.in, sel.classicOnly())
		}
		for k, n := range tc.kinds {
			if len(sel[k]) != n {
				t.Errorf("%q: %d %s layouts, want %d", tc.in, len(sel[k]), k, n)
			}
		}
	}
	// The held-out layouts are in holdout only (and by id).
	for _, in := range []string{LayoutsAll, LayoutsNew, LayoutsClassic, "payment,logistics,contract,invoice,acceptance"} {
		sel, err := parseLayouts(in)
		if err != nil {
			t.Fatal(err)
		}
		for k, specs := range sel {
			for _, sp := range specs {
				if sp.holdout {
					t.Errorf("%q draws held-out layout %s (%s)", in, sp.id, k)
				}
			}
		}
	}
	sel, err := parseLayouts(LayoutsHoldout)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range pipeline.DocKinds {
		held := HoldoutLayouts(k)
		var ids []string
		for _, sp := range sel[k] {
			ids = append(ids, sp.id)
		}
		if len(held) > 0 && !slices.Equal(ids, held) {
			t.Errorf("holdout draws %v for %s, want %v", ids, k, held)
		}
		if len(held) == 0 && !sel.classicSet(k) {
			t.Errorf("holdout: %s has no held-out layout but draws %v", k, ids)
		}
		for _, id := range held {
			if slices.Contains(Layouts(k), id) {
				t.Errorf("Layouts(%s) lists held-out %s", k, id)
			}
		}
	}
	for _, bad := range []string{"payment/nope", "receipts", "classic,payment/"} {
		if _, err := parseLayouts(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	for _, opt := range []Options{{Orders: 3, Layouts: "nope"}, {Orders: 3, Scans: 1.5}, {Orders: 3, Scans: -1}} {
		if err := opt.check(); err == nil {
			t.Errorf("%+v: no error", opt)
		}
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
	case "weight":
		return []string{value, strings.TrimSuffix(value, "kg")}
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
					if it.x < 0 || it.x+w > p.w+0.5 || it.y < it.size*0.8 || it.y > p.h {
						t.Errorf("%s: %q at (%.0f, %.0f), size %.1f, off the %.0f×%.0f page", d.no, it.s, it.x, it.y, it.size, p.w, p.h)
					}
				}
			}
			if drawn == 0 && sp.fits == nil {
				t.Fatalf("no document drawn in %s", sp.id)
			}
		})
	}
}

// TestLayoutsShowAnomalies: with every layout enabled and every order
// anomalous, each document's layout prints what its anomaly changed.
func TestLayoutsShowAnomalies(t *testing.T) {
	f := testFace(t)
	g, err := plan(Options{Orders: 300, Seed: 8, AnomalyRate: 1, Layouts: LayoutsAll})
	if err != nil {
		t.Fatal(err)
	}
	newDrawn := 0
	for _, d := range g.docs {
		for _, k := range pipeline.DocKinds {
			sp := d.layout(k)
			if sp == nil {
				t.Fatalf("%s %s: no layout with %s", d.no, k, LayoutsAll)
			}
			if !sp.shows(d) {
				t.Errorf("%s (%s): %s layout %s does not show it", d.no, d.rule, k, sp.id)
			}
			if !sp.isClassic() {
				newDrawn++
			}
			fields, _ := needs(d, k)
			p := render(f, d, k)
			for _, want := range fields {
				if !slices.ContainsFunc(p.fields, func(fv fieldVal) bool { return fv.key == want }) {
					t.Errorf("%s (%s): %s in %s prints no %s", d.no, d.rule, k, sp.id, want)
				}
			}
		}
		if d.rule == RuleInvoiceReuse && d.copiedFrom != nil {
			a, b := render(f, d, pipeline.KindInvoice), render(f, d.copiedFrom, pipeline.KindInvoice)
			num := func(p *page) string {
				for _, fv := range p.fields {
					if fv.key == "number" {
						return fv.value
					}
				}
				return ""
			}
			if num(a) == "" || num(a) != num(b) {
				t.Errorf("%s copies the invoice of %s, but prints number %q (%s), the other %q (%s)",
					d.no, d.copiedFrom.no, num(a), a.layout, num(b), b.layout)
			}
		}
	}
	if newDrawn == 0 {
		t.Errorf("no new layout drawn")
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

// TestGroundTruthFiles generates a dataset with every layout and scans and
// checks layouts.csv and fields.csv against the documents, and that the
// dataset still reads (heshi import reads it with dataset.Read).
func TestGroundTruthFiles(t *testing.T) {
	needFont(t)
	dir, ds := generate(t, Options{Orders: 14, Seed: 9, AnomalyRate: 0.5, Layouts: LayoutsAll, Scans: 0.25})
	if _, err := dataset.Read(dir); err != nil {
		t.Fatalf("dataset.Read with the ground-truth files: %v", err)
	}
	layouts := readCSV(t, filepath.Join(dir, LayoutsFile))
	if !slices.Equal(layouts[0], []string{"order_no", "kind", "layout", "scan"}) {
		t.Fatalf("layouts.csv header %v", layouts[0])
	}
	seen := map[string]bool{}
	scans := 0
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
		wantExt := ".pdf"
		if scan != "" {
			scans++
			wantExt = "." + scanExt(scan)
		}
		if filepath.Ext(path) != wantExt {
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
	if scans == 0 {
		t.Errorf("no scans at Scans 0.25")
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
		if !slices.Contains(evidence.KindFields[string(kind)], key) || value == "" {
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

// TestLayoutsDeterministic: the same options write the same bytes, scans
// included, whatever the number of workers.
func TestLayoutsDeterministic(t *testing.T) {
	needFont(t)
	opt := Options{Orders: 6, Seed: 13, AnomalyRate: 0.5, Layouts: LayoutsNew, Scans: 0.3, Workers: 3}
	a, _ := generate(t, opt)
	opt.Workers = 1
	b, _ := generate(t, opt)
	if n := compareTrees(t, a, b); n < 6*5 {
		t.Errorf("compared only %d files", n)
	}
	// The new layouts change the documents, not the orders.
	c, _ := generate(t, Options{Orders: 6, Seed: 13, AnomalyRate: 0.5, NoDocuments: true})
	for _, name := range []string{"orders.csv", "order_lines.csv", "buyers.csv", "suppliers.csv"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(c, name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between classic and new layouts", name)
		}
	}
}

// TestScans draws pages as scans in each format and checks what comes
// out: images of the page at 150-200 dpi, a PDF with an image and no text.
func TestScans(t *testing.T) {
	f := testFace(t)
	g, err := plan(Options{Orders: 4, Seed: 2, Layouts: LayoutsAll})
	if err != nil {
		t.Fatal(err)
	}
	s, err := newScanner(f)
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2021, 10, 5, 9, 30, 0, 0, pipeline.Shanghai)
	for i, tc := range []struct {
		kind   pipeline.DocKind
		format string
	}{
		{pipeline.KindPayment, "jpeg"}, {pipeline.KindLogistics, "png"}, {pipeline.KindInvoice, "pdf"}, {pipeline.KindAcceptance, "jpeg"},
	} {
		d := g.docs[i%len(g.docs)]
		pg := render(f, d, tc.kind)
		if len(pg.seals) == 0 {
			pg.stamp(defaultSeal(pg, tc.kind, d))
		}
		b, err := s.scanBytes(pg, rand.New(rand.NewPCG(d.seed, 7)), tc.format, created)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.kind, tc.format, err)
		}
		again, _ := s.scanBytes(pg, rand.New(rand.NewPCG(d.seed, 7)), tc.format, created)
		if !bytes.Equal(b, again) {
			t.Errorf("%s %s: two scans with one seed differ", tc.kind, tc.format)
		}
		checkSize := func(w, h int) {
			for _, v := range [][2]float64{{float64(w), pg.w}, {float64(h), pg.h}} {
				if dpi := v[0] / v[1] * 72; dpi < 149.5 || dpi > 200.5 {
					t.Errorf("%s %s: %v pixels for %.0f points is %.0f dpi", tc.kind, tc.format, v[0], v[1], dpi)
				}
			}
			if math.Abs(float64(w)/float64(h)-pg.w/pg.h) > 0.01 {
				t.Errorf("%s %s: %d×%d is not the page's shape", tc.kind, tc.format, w, h)
			}
		}
		switch tc.format {
		case "jpeg", "png":
			cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
			if err != nil || format != tc.format {
				t.Fatalf("%s: decodes as %q: %v", tc.format, format, err)
			}
			checkSize(cfg.Width, cfg.Height)
			img, _, err := image.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if !hasRed(img) {
				t.Errorf("%s %s: no red seal", tc.kind, tc.format)
			}
		case "pdf":
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/Image")) || bytes.Contains(b, []byte("/BaseFont")) {
				t.Errorf("pdf scan: not a PDF of an image without fonts")
			}
			if _, err := pdfRuns(b); err == nil {
				t.Errorf("pdf scan has a text layer")
			}
			i := bytes.Index(b, []byte{0xff, 0xd8, 0xff})
			if i < 0 {
				t.Fatalf("pdf scan holds no JPEG")
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(b[i:]))
			if err != nil {
				t.Fatal(err)
			}
			checkSize(cfg.Width, cfg.Height)
		}
	}
}

// hasRed reports whether img has reddish pixels (a seal).
func hasRed(img image.Image) bool {
	r := img.Bounds()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cr>>8 > 150 && cg>>8 < 120 && cb>>8 < 120 {
				n++
			}
		}
	}
	return n > 50
}

// TestGenerateWithLayoutsAndScans: a dataset of new layouts with half its
// documents scanned reads back with every file where it was written.
func TestGenerateWithLayoutsAndScans(t *testing.T) {
	needFont(t)
	dir, ds := generate(t, Options{Orders: 10, Seed: 31, AnomalyRate: 0.3, Layouts: LayoutsNew, Scans: 0.5, Workers: 2})
	back, err := dataset.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	exts := map[string]int{}
	for no, kinds := range back.Documents {
		for k, p := range kinds {
			exts[filepath.Ext(p)]++
			if ds.Documents[no][k] != p {
				t.Errorf("%s %s read back as %s, written as %s", no, k, p, ds.Documents[no][k])
			}
		}
	}
	for _, e := range []string{".pdf", ".jpg", ".png"} {
		if exts[e] == 0 {
			t.Errorf("no %s documents (%v)", e, exts)
		}
	}
}

// streamText is the text of a PDF's first page in the order it is drawn,
// read with the independent reader (github.com/ledongthuc/pdf), without
// spaces and thousands separators.
func streamText(t *testing.T, data []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range r.Page(1).Content().Text {
		if c.S != "\uFFFD" { // the reader's mark between runs
			b.WriteString(c.S)
		}
	}
	return strings.NewReplacer(" ", "", "　", "", ",", "").Replace(b.String())
}

// TestFieldsInTextLayer reads the text PDFs of a dataset of new layouts,
// and of one of the held-out layouts, back and finds every value
// fields.csv lists in their text layer.
func TestFieldsInTextLayer(t *testing.T) {
	needFont(t)
	for _, set := range []string{LayoutsNew, LayoutsHoldout} {
		t.Run(set, func(t *testing.T) { fieldsInTextLayer(t, set) })
	}
}

func fieldsInTextLayer(t *testing.T, set string) {
	dir, ds := generate(t, Options{Orders: 30, Seed: 17, AnomalyRate: 0.3, Layouts: set})
	texts := map[string]string{}
	truth := map[string]pipeline.Truth{}
	for _, tr := range ds.Truth {
		truth[tr.OrderNo] = tr
	}
	checked := 0
	for _, r := range readCSV(t, filepath.Join(dir, FieldsFile))[1:] {
		no, kind, key, value := r[0], pipeline.DocKind(r[1]), r[2], r[3]
		k := no + "/" + string(kind)
		text, ok := texts[k]
		if !ok {
			data, err := os.ReadFile(filepath.Join(dir, ds.Documents[no][kind]))
			if err != nil {
				t.Fatal(err)
			}
			text = streamText(t, data)
			texts[k] = text
		}
		found := false
		for _, form := range printedForms(key, value) {
			found = found || strings.Contains(text, form)
		}
		if !found {
			t.Errorf("%s: %s = %q not in the text layer", k, key, value)
		}
		checked++
	}
	if checked < 30*5*5 {
		t.Errorf("checked only %d fields", checked)
	}
}
