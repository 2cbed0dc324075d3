package samples

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// Ground truth per document: fields.csv says what each field of an order's
// own document must read as, layouts.csv which layout drew it and whether
// it is a scan. The field keys are the reader's output contract.

// Ground-truth file names in the dataset directory.
const (
	FieldsFile  = "fields.csv"
	LayoutsFile = "layouts.csv"
)

// fieldVal is one field a document prints, normalised.
type fieldVal struct{ key, value string }

// field records that the page prints key with value (normalised: see the
// helpers below). An empty value is not printed and not recorded.
func (p *page) field(key, value string) {
	if value == "" {
		return
	}
	for i, f := range p.fields {
		if f.key == key {
			p.fields[i].value = value
			return
		}
	}
	p.fields = append(p.fields, fieldVal{key, value})
}

// sortedFields returns the page's fields in the order of the reader's
// field contract (evidence.KindFields).
func (p *page) sortedFields(kind pipeline.DocKind) []fieldVal {
	keys := evidence.KindFields[string(kind)]
	out := slices.Clone(p.fields)
	slices.SortStableFunc(out, func(a, b fieldVal) int {
		return slices.Index(keys, a.key) - slices.Index(keys, b.key)
	})
	return out
}

// Normalised forms.
func fAmount(f money.Fen) string   { return f.String() }
func fDate(d pipeline.Date) string { return d.String() }
func fID(s string) string          { return strings.Join(strings.Fields(s), "") }
func fWeight(grams int) string     { return kg(grams) } // kilograms, as the reader reads a weight
func fCount(n int) string          { return fmt.Sprint(n) }

// truthWriter writes layouts.csv and fields.csv.
type truthWriter struct {
	files          []*os.File
	layouts, field *csv.Writer
}

func newTruthWriter(dir string) (*truthWriter, error) {
	t := &truthWriter{}
	for _, name := range []string{LayoutsFile, FieldsFile} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.close()
			return nil, err
		}
		t.files = append(t.files, f)
	}
	t.layouts, t.field = csv.NewWriter(t.files[0]), csv.NewWriter(t.files[1])
	t.layouts.Write([]string{"order_no", "kind", "layout", "scan"})
	t.field.Write([]string{"order_no", "kind", "field", "value"})
	return t, nil
}

// add writes the rows of one document.
func (t *truthWriter) add(orderNo string, kind pipeline.DocKind, pg *page, scan string) {
	t.layouts.Write([]string{orderNo, string(kind), pg.layout, scan})
	for _, f := range pg.sortedFields(kind) {
		t.field.Write([]string{orderNo, string(kind), f.key, f.value})
	}
}

// finish flushes and closes both files.
func (t *truthWriter) finish() error {
	var first error
	for _, w := range []*csv.Writer{t.layouts, t.field} {
		w.Flush()
		if err := w.Error(); err != nil && first == nil {
			first = err
		}
	}
	if err := t.close(); err != nil && first == nil {
		first = err
	}
	return first
}

func (t *truthWriter) close() error {
	var first error
	for _, f := range t.files {
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
	}
	t.files = nil
	return first
}
