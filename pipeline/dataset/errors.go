package dataset

import (
	"fmt"
	"strings"
)

// MaxErrors is the number of problems Read reports before it stops reading.
const MaxErrors = 20

// RowError is one problem in a dataset, located to a file, line and column.
type RowError struct {
	// File is the file's path relative to the dataset directory, with
	// forward slashes: "orders.csv", "documents/D2021001/scan.pdf".
	File string
	// Line is the line (from 1) on which the record starts, or 0 when the
	// problem is with the file as a whole.
	Line int
	// Column is the column's name, or empty when the problem is not with one
	// field.
	Column string
	Reason string
}

// Error formats e as `orders.csv:17: total: "12.345" has more than two decimals`.
func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Column != "" {
		b.WriteString(e.Column)
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// ErrorList is the problems Read found in a dataset, in the order it found
// them: file by file (buyers, suppliers, products, orders, order lines, then
// the orders' totals, truth and documents), each file in line order.
type ErrorList struct {
	Errs []*RowError // at most MaxErrors
	// Truncated reports that there were more problems than Errs holds and
	// Read stopped looking.
	Truncated bool
}

// Error lists the problems one per line.
func (l *ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l.Errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if l.Truncated {
		fmt.Fprintf(&b, "\n(stopped after %d problems; there are more)", len(l.Errs))
	}
	return b.String()
}

// Unwrap returns the problems, so that errors.As finds a *RowError.
func (l *ErrorList) Unwrap() []error {
	errs := make([]error, len(l.Errs))
	for i, e := range l.Errs {
		errs[i] = e
	}
	return errs
}

// collector gathers problems up to MaxErrors.
type collector struct {
	list ErrorList
}

func (c *collector) add(e *RowError) {
	if len(c.list.Errs) >= MaxErrors {
		c.list.Truncated = true
		return
	}
	c.list.Errs = append(c.list.Errs, e)
}

// full reports whether another problem has been seen after MaxErrors, so
// there is no point in reading further.
func (c *collector) full() bool { return c.list.Truncated }

// err returns the problems as an error, or nil if there are none.
func (c *collector) err() error {
	if len(c.list.Errs) == 0 {
		return nil
	}
	l := c.list
	return &l
}
