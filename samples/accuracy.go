package samples

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/pipeline"
)

// The reader's accuracy on generated documents: every field each document
// prints (fields.csv, by layout in layouts.csv) against what the reader
// reads, by layout, with each layout held out of the lexicon in turn.

// DocTruth is what one generated document must read as.
type DocTruth struct {
	OrderNo string
	Kind    pipeline.DocKind
	Layout  string // e.g. payment/colheads
	Scan    string // the scan's form (jpeg, png, pdf-image), "" for a text PDF
	Path    string // relative to the dataset directory
	Fields  map[string]string
}

// ReadDocTruth reads layouts.csv and fields.csv of a dataset written with
// Options.Layouts, and finds each document's file.
func ReadDocTruth(dir string) ([]DocTruth, error) {
	layouts, err := readCSVFile(filepath.Join(dir, "layouts.csv"), 4)
	if err != nil {
		return nil, err
	}
	fields, err := readCSVFile(filepath.Join(dir, "fields.csv"), 4)
	if err != nil {
		return nil, err
	}
	byDoc := map[[2]string]*DocTruth{}
	var out []*DocTruth
	for _, r := range layouts {
		d := &DocTruth{OrderNo: r[0], Kind: pipeline.DocKind(r[1]), Layout: r[2], Scan: r[3], Fields: map[string]string{}}
		matches, _ := filepath.Glob(filepath.Join(dir, "documents", d.OrderNo, string(d.Kind)+".*"))
		if len(matches) == 0 {
			return nil, fmt.Errorf("layouts.csv: %s %s: no document file", d.OrderNo, d.Kind)
		}
		d.Path, _ = filepath.Rel(dir, matches[0])
		byDoc[[2]string{r[0], r[1]}] = d
		out = append(out, d)
	}
	for _, r := range fields {
		d := byDoc[[2]string{r[0], r[1]}]
		if d == nil {
			return nil, fmt.Errorf("fields.csv: %s %s is not in layouts.csv", r[0], r[1])
		}
		d.Fields[r[2]] = r[3]
	}
	res := make([]DocTruth, len(out))
	for i, d := range out {
		res[i] = *d
	}
	return res, nil
}

func readCSVFile(path string, cols int) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: not found (generate the dataset with --layouts)", path)
		}
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = cols
	var rows [][]string
	for n := 0; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if n > 0 { // header
			rows = append(rows, rec)
		}
	}
}

// FieldMiss is a field read wrong.
type FieldMiss struct {
	OrderNo string `json:"order_no"`
	Field   string `json:"field"`
	Want    string `json:"want"`
	Got     string `json:"got"`
	Via     string `json:"via,omitempty"`
}

// LayoutAccuracy is how the reader did on the documents of one layout.
type LayoutAccuracy struct {
	Layout string `json:"layout"`
	Scans  bool   `json:"scans"` // the documents of this row are scans
	Docs   int    `json:"documents"`
	Fields int    `json:"fields"`
	Right  int    `json:"right"`
	// HeldOut is Right with the labels tuned on this layout left out of
	// the lexicon (src=layout:ID), -1 when not measured.
	HeldOut int         `json:"right_held_out"`
	Misses  []FieldMiss `json:"misses,omitempty"`
	// HeldOutMisses are the fields read wrong with the layout's labels left out.
	HeldOutMisses []FieldMiss `json:"misses_held_out,omitempty"`
}

// Share is Right / Fields.
func (a LayoutAccuracy) Share() float64 { return share(a.Right, a.Fields) }

// HeldOutShare is HeldOut / Fields.
func (a LayoutAccuracy) HeldOutShare() float64 { return share(a.HeldOut, a.Fields) }

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// RowsReader returns what a reader sees of a document: its positioned text
// rows (pdftext.Rows, or OCR's words as rows).
type RowsReader func(d DocTruth) (evidence.Extraction, error)

// MeasureAccuracy reads every document with read (under lexicon lx) and,
// when leaveOut, again with lx.Without("layout:"+layout), and compares
// each printed field with its truth. A page holding several documents is
// scored by the one that belongs to the order (the one that reads closest
// to its truth, as the cross-check picks the one closest to the order).
func MeasureAccuracy(truth []DocTruth, lx *evidence.Lexicon, leaveOut bool, read func(lx *evidence.Lexicon, d DocTruth) (evidence.Extraction, error)) ([]LayoutAccuracy, error) {
	by := map[[2]string]*LayoutAccuracy{}
	var order []*LayoutAccuracy
	for _, d := range truth {
		key := [2]string{d.Layout, fmt.Sprint(d.Scan != "")}
		a := by[key]
		if a == nil {
			a = &LayoutAccuracy{Layout: d.Layout, Scans: d.Scan != "", HeldOut: -1}
			by[key] = a
			order = append(order, a)
		}
		x, err := read(lx, d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Path, err)
		}
		right, misses := compareFields(d, x)
		a.Docs++
		a.Fields += len(d.Fields)
		a.Right += right
		a.Misses = append(a.Misses, misses...)
		if leaveOut {
			hx, err := read(lx.Without("layout:"+d.Layout), d)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", d.Path, err)
			}
			hr, hm := compareFields(d, hx)
			a.HeldOut = max(a.HeldOut, 0) + hr
			a.HeldOutMisses = append(a.HeldOutMisses, hm...)
		}
	}
	out := make([]LayoutAccuracy, len(order))
	for i, a := range order {
		out[i] = *a
	}
	slices.SortFunc(out, func(a, b LayoutAccuracy) int {
		return cmp.Or(strings.Compare(a.Layout, b.Layout), cmp.Compare(fmt.Sprint(a.Scans), fmt.Sprint(b.Scans)))
	})
	return out, nil
}

// compareFields counts the fields of d that x reads right, taking the slip
// of x that reads most of them right.
func compareFields(d DocTruth, x evidence.Extraction) (right int, misses []FieldMiss) {
	cands := []evidence.Extraction{x}
	if len(x.Slips) > 0 {
		cands = x.Slips
	}
	best := -1
	for _, c := range cands {
		r, m := compareOne(d, c)
		if r > best {
			best, right, misses = r, r, m
		}
	}
	return right, misses
}

func compareOne(d DocTruth, x evidence.Extraction) (int, []FieldMiss) {
	right := 0
	var misses []FieldMiss
	keys := make([]string, 0, len(d.Fields))
	for k := range d.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		want := d.Fields[k]
		got := x.Fields[k]
		if evidence.SameValue(want, got.Value) {
			right++
			continue
		}
		misses = append(misses, FieldMiss{OrderNo: d.OrderNo, Field: k, Want: want, Got: got.Value, Via: got.Via})
	}
	return right, misses
}
