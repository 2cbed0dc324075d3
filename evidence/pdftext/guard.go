package pdftext

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
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
	data = decodeNames(data) // /S#69ze is /Size
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

// decodeNames returns data with the #xx escapes of names decoded
// (/S#69ze is /Size to the parser), or data itself when it has none. Only
// for scanning: offsets in the result do not match the file's.
func decodeNames(data []byte) []byte {
	if bytes.IndexByte(data, '#') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	inName := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '/':
			inName = true
		case isSpace(c) || nameEnds[c]:
			inName = false
		case inName && c == '#' && i+2 < len(data) && isHex(data[i+1]) && isHex(data[i+2]):
			out = append(out, unhex(data[i+1])<<4|unhex(data[i+2]))
			i += 2
			continue
		}
		out = append(out, c)
	}
	return out
}

// nameEnds are the delimiters that end a name (besides white space): a
// table, since decodeNames asks for every byte of the file.
var nameEnds = func() (t [256]bool) {
	for _, c := range []byte("()<>[]{}%") {
		t[c] = true
	}
	return t
}()

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// maxInflate bounds the bytes that the object and cross-reference streams
// of one file may decode to, over all their filter stages. The parser
// decodes them itself, without bound and many times over (once per object
// looked up); real files' decode to well under a megabyte.
const maxInflate = 32 << 20

// maxDictBack is how far before a stream keyword its dictionary is looked
// for.
const maxDictBack = 64 << 10

// checkStreams decodes every object stream and cross-reference stream of
// the file once, within maxInflate, so that a decompression bomb among
// them (which the parser would inflate for minutes, a byte at a time)
// fails in a fraction of a second instead. Streams of other types are
// left alone: the interpreter reads content and CMaps through bounded
// readers, and never reads images or font programs.
func checkStreams(data []byte) error {
	budget := int64(maxInflate)
	for pos := 0; ; {
		i := bytes.Index(data[pos:], []byte("stream"))
		if i < 0 {
			return nil
		}
		at := pos + i
		pos = at + len("stream")
		if at >= 3 && string(data[at-3:at]) == "end" {
			continue
		}
		start := pos
		if start < len(data) && data[start] == '\r' {
			start++
		}
		if start < len(data) && data[start] == '\n' {
			start++
		} else if start == pos {
			continue // not the keyword: no line end after it
		}
		from := max(0, at-maxDictBack)
		j := bytes.LastIndex(data[from:at], []byte("obj"))
		if j < 0 {
			continue
		}
		dict := decodeNames(data[from+j : at])
		if !bytes.Contains(dict, []byte("/ObjStm")) && !bytes.Contains(dict, []byte("/XRef")) {
			continue
		}
		filters := streamFilters(dict)
		if len(filters) == 0 {
			continue
		}
		end := bytes.Index(data[start:], []byte("endstream"))
		if end < 0 {
			end = len(data) - start
		}
		var r io.Reader = bytes.NewReader(data[start : start+end])
		for _, f := range filters {
			switch f {
			case "FlateDecode":
				zr, err := zlib.NewReader(r)
				if err != nil {
					r = nil
					break
				}
				r = &countingReader{r: zr, budget: &budget}
			case "ASCII85Decode":
				r = &countingReader{r: ascii85.NewDecoder(r), budget: &budget}
			default:
				r = nil // the parser refuses it
			}
			if r == nil {
				break
			}
		}
		if r == nil {
			continue
		}
		if _, err := io.Copy(io.Discard, r); errors.Is(err, errInflate) {
			return fmt.Errorf("%w: object and cross-reference streams decode to more than %d bytes (decompression bomb?)", ErrTooLarge, maxInflate)
		}
	}
}

// streamFilters returns the names of a stream dictionary's /Filter, in
// order.
func streamFilters(dict []byte) []string {
	i := bytes.Index(dict, []byte("/Filter"))
	if i < 0 {
		return nil
	}
	rest := bytes.TrimLeft(dict[i+len("/Filter"):], " \t\r\n\f\x00")
	if len(rest) > 0 && rest[0] == '[' {
		if k := bytes.IndexByte(rest, ']'); k >= 0 {
			rest = rest[1:k]
		}
	} else if k := bytes.IndexAny(rest[min(1, len(rest)):], "/>[ \t\r\n"); k >= 0 {
		rest = rest[:k+1]
	}
	var out []string
	for _, f := range bytes.Fields(bytes.ReplaceAll(rest, []byte("/"), []byte(" /"))) {
		if len(f) > 1 && f[0] == '/' {
			out = append(out, string(f[1:]))
		}
		if len(out) >= 8 {
			break
		}
	}
	return out
}

// errInflate ends a decode that exceeds its budget.
var errInflate = errors.New("inflate budget exceeded")

// countingReader fails once the bytes read through it and its siblings
// exceed the shared budget.
type countingReader struct {
	r      io.Reader
	budget *int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.budget -= int64(n)
	if *c.budget < 0 {
		return n, errInflate
	}
	return n, err
}
