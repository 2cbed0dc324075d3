// Package mediatype recognises the file types heshi accepts as evidence by
// their content, never by their name: PDF, OFD (GB/T 33190, a zip holding
// OFD.xml), XML, JPEG and PNG.
package mediatype

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The media types heshi stores.
const (
	PDF  = "application/pdf"
	OFD  = "application/ofd"
	XML  = "application/xml"
	JPEG = "image/jpeg"
	PNG  = "image/png"
)

// SniffLen is how many leading bytes Sniff needs.
const SniffLen = 512

// ErrUnsupported reports a file of a type heshi does not accept.
var ErrUnsupported = errors.New("unsupported file type")

// Sniff returns the media type of a file from its first bytes (up to
// SniffLen), or ErrUnsupported.
func Sniff(head []byte) (string, error) {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return OFD, nil // confirmed by CheckOFD once the whole file is there
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return JPEG, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	}
	// XML: optional BOM and white space, then a declaration or an element.
	h := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	h = bytes.TrimLeft(h, " \t\r\n")
	if bytes.HasPrefix(h, []byte("<?xml")) || (len(h) > 1 && h[0] == '<' && isNameStart(h[1])) {
		return XML, nil
	}
	// Some PDF writers put junk before the header; PDF readers accept it
	// within the first 1024 bytes.
	if i := bytes.Index(head, []byte("%PDF-")); i > 0 {
		return PDF, nil
	}
	return "", fmt.Errorf("%w: want PDF, OFD, XML, JPEG or PNG", ErrUnsupported)
}

func isNameStart(c byte) bool {
	return c == '_' || c == ':' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80
}

// Extension is the usual file extension for a media type, without the dot.
func Extension(mediaType string) string {
	switch mediaType {
	case PDF:
		return "pdf"
	case OFD:
		return "ofd"
	case XML:
		return "xml"
	case JPEG:
		return "jpg"
	case PNG:
		return "png"
	}
	return "bin"
}

// CheckOFD confirms that a zip is an OFD document: it must hold OFD.xml at
// its root. Only the zip's central directory is read.
func CheckOFD(r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("%w: a zip that cannot be read (%v)", ErrUnsupported, err)
	}
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, "OFD.xml") {
			return nil
		}
	}
	return fmt.Errorf("%w: a zip without OFD.xml is not an OFD document", ErrUnsupported)
}
