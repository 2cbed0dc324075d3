package ofd

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/heshi-verify/heshi/evidence/xmlinvoice"
)

// Errors of Extract's reasons. Every failure wraps one of them.
var (
	// ErrUnreadable reports a file that is not an OFD package or whose
	// parts do not parse.
	ErrUnreadable = errors.New("unreadable OFD")
	// ErrTooLarge reports a package beyond the bounds below: too many
	// entries, an entry or all entries inflating too far (a zip bomb).
	ErrTooLarge = errors.New("OFD over limits")
	// ErrUnsafe reports entry names that try to leave the package or to
	// be two entries at once (absolute, .., backslashes, duplicates).
	ErrUnsafe = errors.New("OFD with unsafe entry names")
)

// Bounds on the package. A real invoice or receipt has a few dozen
// entries and inflates to well under a megabyte, most of it images.
const (
	maxEntries    = 1000     // entries in the zip
	maxPartBytes  = 4 << 20  // inflated size of one XML part read
	maxTotalBytes = 32 << 20 // inflated bytes read from all parts together
)

// pkg is an opened OFD package: its entries by cleaned name and the
// inflated bytes read so far.
type pkg struct {
	files map[string]*zip.File
	read  int64
}

// open checks the zip's directory and indexes its entries. Nothing is
// inflated yet.
func open(data []byte) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%w: not a zip package: %w", ErrUnreadable, err)
	}
	if len(zr.File) > maxEntries {
		return nil, fmt.Errorf("%w: %d entries, more than %d", ErrTooLarge, len(zr.File), maxEntries)
	}
	p := &pkg{files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		name := f.Name
		if !utf8.ValidString(name) || strings.ContainsAny(name, "\\\x00") || strings.HasPrefix(name, "/") {
			return nil, fmt.Errorf("%w: entry %q", ErrUnsafe, name)
		}
		for _, seg := range strings.Split(name, "/") {
			if seg == ".." {
				return nil, fmt.Errorf("%w: entry %q", ErrUnsafe, name)
			}
		}
		if strings.HasSuffix(name, "/") {
			continue // a directory
		}
		key := path.Clean(name)
		if _, dup := p.files[key]; dup {
			return nil, fmt.Errorf("%w: entry %q twice", ErrUnsafe, name)
		}
		p.files[key] = f
	}
	if p.files["OFD.xml"] == nil {
		return nil, fmt.Errorf("%w: no OFD.xml at the package root", ErrUnreadable)
	}
	return p, nil
}

// resolve returns the entry name that loc refers to from the directory
// base: absolute locations start at the package root; relative ones are
// tried from base, then from the root (producers write both). It returns
// "" when loc leaves the package or names no entry.
func (p *pkg) resolve(base, loc string) string {
	loc = strings.TrimSpace(loc)
	if loc == "" || strings.ContainsAny(loc, "\\\x00") {
		return ""
	}
	var tries []string
	if strings.HasPrefix(loc, "/") {
		tries = []string{loc[1:]}
	} else {
		tries = []string{path.Join(base, loc), loc}
	}
	for _, t := range tries {
		c := path.Clean(t)
		if c == ".." || strings.HasPrefix(c, "../") || c == "." {
			continue
		}
		if p.files[c] != nil {
			return c
		}
	}
	return ""
}

// bytes inflates the entry name, within maxPartBytes for the entry and
// maxTotalBytes for the package. The sizes the zip declares are not
// trusted: reading stops at the bound whatever they say.
func (p *pkg) bytes(name string) ([]byte, error) {
	f := p.files[name]
	if f == nil {
		return nil, fmt.Errorf("%w: no entry %q", ErrUnreadable, name)
	}
	limit := min(int64(maxPartBytes), maxTotalBytes-p.read)
	if limit <= 0 {
		return nil, fmt.Errorf("%w: more than %d bytes inflated", ErrTooLarge, maxTotalBytes)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrUnreadable, name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	p.read += int64(len(b))
	if int64(len(b)) > limit {
		if limit < maxPartBytes {
			return nil, fmt.Errorf("%w: more than %d bytes inflated", ErrTooLarge, maxTotalBytes)
		}
		return nil, fmt.Errorf("%w: %s inflates to more than %d bytes", ErrTooLarge, name, maxPartBytes)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrUnreadable, name, err)
	}
	return b, nil
}

// xml inflates and parses the entry name.
func (p *pkg) xml(name string) (*xmlinvoice.Node, error) {
	b, err := p.bytes(name)
	if err != nil {
		return nil, err
	}
	n, err := xmlinvoice.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrUnreadable, name, err)
	}
	return n, nil
}
