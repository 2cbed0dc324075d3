package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// The dataset's files and their columns, in the order Write writes them.
const (
	buyersFile    = "buyers.csv"
	suppliersFile = "suppliers.csv"
	productsFile  = "products.csv"
	ordersFile    = "orders.csv"
	linesFile     = "order_lines.csv"
	truthFile     = "truth.csv"
	sharesFile    = "reserved_shares.csv"
	p832File      = "platform_832.csv"
	documentsDir  = "documents"
)

var (
	buyerColumns    = []string{"buyer_id", "name", "uscc", "division_code", "kind"}
	supplierColumns = []string{"supplier_id", "name", "uscc", "division_code", "bank_name", "bank_account"}
	productColumns  = []string{"sku", "supplier_id", "name", "category", "unit"}
	orderColumns    = []string{"order_no", "buyer_id", "supplier_id", "order_date", "total"}
	lineColumns     = []string{"order_no", "sku", "quantity", "unit_price", "amount"}
	truthColumns    = []string{"order_no", "label", "detail"}
	sharesColumns   = []string{"buyer_id", "year", "target"}
	p832Columns     = []string{"buyer_id", "year", "amount"}
)

// optionalColumns are the columns a file may have beside its required
// ones: a supplier's admission (true when the column is absent: a supplier
// listed without it is admitted, as before the column existed).
var optionalColumns = map[string][]string{suppliersFile: {"admitted"}}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// textEncoding is the character encoding of a CSV file.
type textEncoding int

const (
	encUTF8 textEncoding = iota
	encGB18030
)

// readTable streams the records of the CSV file dir/name to fn, one row at
// a time. Problems with the file (its encoding, header or CSV syntax) and
// rows with the wrong number of fields are added to errs. readTable reports
// whether every row reached fn, so that a missing ID is really missing. If
// optional, a file that does not exist reads as complete with no rows. Only
// I/O errors are returned.
func readTable(dir, name string, columns []string, optional bool, errs *collector, fn func(*row)) (complete bool, err error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		if optional && errors.Is(err, fs.ErrNotExist) {
			return true, nil
		}
		return false, fmt.Errorf("dataset: %w", err)
	}
	defer f.Close()

	enc, problem, err := detectEncoding(f, name)
	if err != nil {
		return false, err
	}
	if problem != nil {
		errs.add(problem)
		return false, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false, fmt.Errorf("dataset: %s: %w", name, err)
	}
	var src io.Reader = f
	if enc == encGB18030 {
		src = transform.NewReader(f, simplifiedchinese.GB18030.NewDecoder())
	}
	br := bufio.NewReader(src)
	// A GB18030 byte-order mark decodes to U+FEFF too, so one check serves both.
	if b, _ := br.Peek(len(utf8BOM)); bytes.Equal(b, utf8BOM) {
		if _, err := br.Discard(len(utf8BOM)); err != nil {
			return false, fmt.Errorf("dataset: %s: %w", name, err)
		}
	}

	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			errs.add(&RowError{File: name, Reason: "empty file; want the header row " + strings.Join(columns, ",")})
			return false, nil
		}
		if problem := parseProblem(name, err); problem != nil {
			errs.add(problem)
			return false, nil
		}
		return false, fmt.Errorf("dataset: %s: %w", name, err)
	}
	cols, ok := matchHeader(name, header, columns, optionalColumns[name], errs)
	if !ok {
		return false, nil
	}

	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return true, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				errs.add(&RowError{File: name, Line: pe.StartLine,
					Reason: fmt.Sprintf("has %d fields; the header has %d", len(rec), len(cols))})
				if errs.full() {
					return false, nil
				}
				continue
			}
			if problem := parseProblem(name, err); problem != nil {
				errs.add(problem)
				return false, nil
			}
			return false, fmt.Errorf("dataset: %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		fn(&row{file: name, line: line, rec: rec, cols: cols, errs: errs})
		if errs.full() {
			return false, nil
		}
	}
}

// parseProblem turns a CSV syntax error into a RowError, or returns nil if
// err is not one.
func parseProblem(name string, err error) *RowError {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return nil
	}
	return &RowError{File: name, Line: pe.Line, Reason: "not valid CSV: " + pe.Err.Error()}
}

// matchHeader maps each of columns to its index in header, reporting
// missing, repeated and unknown columns.
func matchHeader(name string, header, columns, optional []string, errs *collector) (map[string]int, bool) {
	want := strings.Join(append(slices.Clone(columns), optional...), ", ")
	cols := make(map[string]int, len(columns))
	ok := true
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case h == "":
			errs.add(&RowError{File: name, Line: 1, Reason: fmt.Sprintf("header: column %d has no name (columns are %s)", i+1, want)})
			ok = false
		case !contains(columns, h) && !contains(optional, h):
			errs.add(&RowError{File: name, Line: 1, Reason: fmt.Sprintf("header: unknown column %q (columns are %s)", h, want)})
			ok = false
		default:
			if _, dup := cols[h]; dup {
				errs.add(&RowError{File: name, Line: 1, Reason: fmt.Sprintf("header: column %q appears twice", h)})
				ok = false
			}
			cols[h] = i
		}
	}
	for _, c := range columns {
		if _, found := cols[c]; !found {
			errs.add(&RowError{File: name, Line: 1, Reason: fmt.Sprintf("header: missing column %q", c)})
			ok = false
		}
	}
	return cols, ok
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// detectEncoding reads f through and tells whether it is UTF-8 or GB18030
// text. A file that is neither, or that holds control characters (a binary
// file), is a problem; only I/O errors are returned.
func detectEncoding(f io.ReadSeeker, name string) (textEncoding, *RowError, error) {
	line, bad, found, err := scanText(f, false)
	if err != nil {
		return 0, nil, fmt.Errorf("dataset: %s: %w", name, err)
	}
	switch {
	case !found:
		return encUTF8, nil, nil
	case bad != utf8.RuneError:
		return 0, binaryProblem(name, line, bad), nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, nil, fmt.Errorf("dataset: %s: %w", name, err)
	}
	gbLine, gbBad, found, err := scanText(transform.NewReader(f, simplifiedchinese.GB18030.NewDecoder()), true)
	if err != nil {
		return 0, nil, fmt.Errorf("dataset: %s: %w", name, err)
	}
	switch {
	case !found:
		return encGB18030, nil, nil
	case gbBad != utf8.RuneError:
		return 0, binaryProblem(name, gbLine, gbBad), nil
	}
	return 0, &RowError{File: name, Line: line,
		Reason: "the file is neither UTF-8 nor GB18030 text; save it as CSV (UTF-8)"}, nil
}

func binaryProblem(name string, line int, c rune) *RowError {
	return &RowError{File: name, Line: line,
		Reason: fmt.Sprintf("control character %U: this is a binary file, not CSV text", c)}
}

// scanText reads r through and returns the first offending rune and its
// line: utf8.RuneError for an invalid encoding, or a control character other
// than tab, CR and LF. found is false if the text is clean. If decoded, r is
// the output of a decoder, which marks what it cannot decode with U+FFFD.
func scanText(r io.Reader, decoded bool) (line int, bad rune, found bool, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	line = 1
	for {
		c, size, err := br.ReadRune()
		if errors.Is(err, io.EOF) {
			return 0, 0, false, nil
		}
		if err != nil {
			return 0, 0, false, err
		}
		switch {
		case c == utf8.RuneError && (size == 1 || decoded):
			return line, c, true, nil
		case c == '\n':
			line++
		case c == '\t' || c == '\r':
		case c < 0x20 || c == 0x7F:
			return line, c, true, nil
		}
	}
}

// row is one record of a CSV file, with helpers that read and check its
// fields, reporting problems to errs.
type row struct {
	file string
	line int
	rec  []string
	cols map[string]int
	errs *collector
}

// get returns the trimmed value of column col ("" for an optional column
// the file does not have).
func (r *row) get(col string) string {
	i, ok := r.cols[col]
	if !ok {
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

// flag returns a yes-or-no column (true, false, 1, 0, 是, 否), def when
// the column is absent or empty.
func (r *row) flag(col string, def bool) bool {
	switch v := strings.ToLower(r.get(col)); v {
	case "":
		return def
	case "true", "1", "yes", "是":
		return true
	case "false", "0", "no", "否":
		return false
	default:
		r.fail(col, "%q is not true or false", v)
		return def
	}
}

// fail reports a problem with column col (or with the row, if col is empty).
func (r *row) fail(col, format string, args ...any) {
	r.errs.add(&RowError{File: r.file, Line: r.line, Column: col, Reason: fmt.Sprintf(format, args...)})
}

// need returns the value of a required column, reporting it if empty.
func (r *row) need(col string) string {
	v := r.get(col)
	if v == "" {
		r.fail(col, "is empty")
	}
	return v
}

// division returns a required six-digit division code.
func (r *row) division(col string) string {
	v := r.need(col)
	if v != "" && (len(v) != 6 || !allDigits(v)) {
		r.fail(col, "%q is not a six-digit division code", v)
	}
	return v
}

// yuan returns a required, non-negative amount in yuan as fen.
func (r *row) yuan(col string) (money.Fen, bool) {
	v := r.need(col)
	if v == "" {
		return 0, false
	}
	f, err := money.ParseYuan(v)
	switch {
	case err != nil && hasMoreDecimals(v, 2):
		r.fail(col, "%q has more than two decimals", v)
	case err != nil:
		r.fail(col, "%q is not an amount in yuan (like 1234.50)", v)
	case f < 0:
		r.fail(col, "%q is negative", v)
	default:
		return f, true
	}
	return 0, false
}

// qty returns a required, positive quantity.
func (r *row) qty(col string) (money.Qty, bool) {
	v := r.need(col)
	if v == "" {
		return 0, false
	}
	q, err := money.ParseQty(v)
	switch {
	case err != nil && hasMoreDecimals(v, 3):
		r.fail(col, "%q has more than three decimals", v)
	case err != nil:
		r.fail(col, "%q is not a quantity (like 12 or 2.5)", v)
	case q == 0:
		r.fail(col, "%q is zero", v)
	default:
		return q, true
	}
	return 0, false
}

// year returns a required year, 2000 to 2100.
func (r *row) year(col string) int {
	v := r.need(col)
	if v == "" {
		return 0
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 2000 || y > 2100 {
		r.fail(col, "%q is not a year (like 2021)", v)
		return 0
	}
	return y
}

// date returns a required YYYY-MM-DD date.
func (r *row) date(col string) (pipeline.Date, bool) {
	v := r.need(col)
	if v == "" {
		return pipeline.Date{}, false
	}
	d, err := pipeline.ParseDate(v)
	if err != nil {
		r.fail(col, "%q is not a date (want YYYY-MM-DD)", v)
		return pipeline.Date{}, false
	}
	return d, true
}

// hasMoreDecimals reports whether s is a decimal number, perhaps signed,
// with more than n digits after the point.
func hasMoreDecimals(s string, n int) bool {
	s = strings.TrimLeft(s, "+-")
	whole, frac, ok := strings.Cut(s, ".")
	return ok && whole != "" && allDigits(whole) && allDigits(frac) && len(frac) > n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
