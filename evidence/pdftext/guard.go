package pdftext

import (
	"bytes"
	"fmt"
	"io"
)

// The parser trusts counts it reads from the file: it allocates a
// cross-reference table as long as /Size or a subsection says, loops /N
// times over an object stream, and follows /Prev chains without noticing a
// cycle. An allocation of billions of entries kills the process outright
// (recover cannot catch it) and a cycle never ends. These guards reject
// such files before parsing and stop a parse that re-reads the file
// without end. They are cheap and catch the obvious cases; a child process
// with memory and time limits remains the defence against the rest.

// readFactor and readSlack bound the bytes the parser may read from a file
// of n bytes: n*readFactor + readSlack. Without an object cache it
// re-reads objects often (an object in an object stream costs a decode of
// the whole stream), yet the real invoices of testdata read between 0.1
// and 1.7 times their size, and small generated files up to 8 times (the
// parser reads in 4 KiB chunks).
const (
	readFactor = 64
	readSlack  = 8 << 20
)

// budgetPanic is the panic value of an exhausted read budget. It passes
// for a runtime error because the parser's lexer recovers parse errors
// but re-panics runtime errors, and it unwraps to errBudget.
type budgetPanic struct{ msg string }

func (e budgetPanic) Error() string { return e.msg }
func (budgetPanic) RuntimeError()   {}
func (budgetPanic) Unwrap() error   { return errBudget }

// budgetReader is an io.ReaderAt over data that panics once more than
// limit bytes have been read in total.
type budgetReader struct {
	data  []byte
	read  int64
	limit int64
}

func newBudgetReader(data []byte) *budgetReader {
	return &budgetReader{data: data, limit: int64(len(data))*readFactor + readSlack}
}

func (r *budgetReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("negative offset %d", off)
	}
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n := copy(p, r.data[off:])
	r.read += int64(n)
	if r.read > r.limit {
		panic(budgetPanic{fmt.Sprintf("read more than %d bytes of a %d-byte file (cyclic structure?)", r.limit, len(r.data))})
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// checkCounts rejects a file that declares more objects than its size
// allows: /Size of a trailer or cross-reference stream, /N of an object
// stream, the numbers of an /Index array, and the subsection headers of a
// cross-reference table. Every object takes several bytes, so no count of
// a real file exceeds its length.
func checkCounts(data []byte) error {
	limit := int64(len(data)) + 1024
	check := func(what string, v int64) error {
		if v > limit {
			return fmt.Errorf("%w: %s %d in a %d-byte file", ErrUnreadable, what, v, len(data))
		}
		return nil
	}
	for _, key := range []string{"/Size", "/N"} {
		for rest := data; ; {
			i := bytes.Index(rest, []byte(key))
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			if len(rest) == 0 || !isSpace(rest[0]) {
				continue // /Names, /NumCopies…
			}
			if v, ok := leadingInt(rest); ok {
				if err := check(key, v); err != nil {
					return err
				}
			}
		}
	}
	for rest := data; ; {
		i := bytes.Index(rest, []byte("/Index"))
		if i < 0 {
			break
		}
		rest = rest[i+len("/Index"):]
		j := bytes.IndexByte(rest, ']')
		if j < 0 {
			break
		}
		for _, f := range bytes.Fields(bytes.Trim(bytes.TrimSpace(rest[:j]), "[")) {
			if v, ok := leadingInt(f); ok {
				if err := check("/Index entry", v); err != nil {
					return err
				}
			}
		}
	}
	// Cross-reference table subsections: "start count" lines after a line
	// "xref", up to the first line that is not part of the table.
	for pos := 0; ; {
		i := bytes.Index(data[pos:], []byte("xref"))
		if i < 0 {
			break
		}
		at := pos + i
		pos = at + 4
		if at > 0 && data[at-1] != '\n' && data[at-1] != '\r' {
			continue // startxref, or xref inside another token
		}
		for pos < len(data) {
			eol := bytes.IndexAny(data[pos:], "\r\n")
			if eol < 0 {
				eol = len(data) - pos
			}
			f := bytes.Fields(data[pos : pos+eol])
			pos += eol + 1
			if len(f) == 0 {
				continue
			}
			if len(f) == 2 {
				start, ok1 := leadingInt(f[0])
				count, ok2 := leadingInt(f[1])
				if !ok1 || !ok2 {
					break
				}
				if err := check("xref subsection end", start+count); err != nil {
					return err
				}
				continue
			}
			if len(f) != 3 {
				break // trailer, or not a table after all
			}
		}
	}
	return nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// leadingInt reads the unsigned integer at the start of b after spaces.
// Integers of more than 15 digits saturate.
func leadingInt(b []byte) (int64, bool) {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	var v int64
	digits := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		if digits < 15 {
			v = v*10 + int64(b[i]-'0')
		}
		digits++
	}
	if digits > 15 {
		v = 1 << 60
	}
	return v, digits > 0
}
