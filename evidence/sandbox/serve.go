package sandbox

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/mediatype"
	"github.com/heshi-verify/heshi/evidence/ofd"
	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/evidence/xmlinvoice"
)

// ChildArg is the first argument that makes a program a child of a Pool.
// The heshi binary's main starts with
//
//	if len(os.Args) > 1 && os.Args[1] == sandbox.ChildArg {
//		sandbox.ServeChild()
//		return
//	}
const ChildArg = "__heshi-extract-child"

// Parsers a child serves, by request.Parser.
const (
	ParserPDF   = "pdf"   // PDF text layers (evidence.ExtractPDF)
	ParserOFD   = "ofd"   // OFD packages (ofd.Extract)
	ParserXML   = "xml"   // XML invoices and receipts (xmlinvoice.Extract)
	ParserImage = "image" // JPEG and PNG scans, by OCR
)

// parser reads one document in a child.
type parser func(req request, data []byte) evidence.Extraction

// parsers are the readers a child serves, by request.Parser. Tests add
// misbehaving ones before calling ServeChild; nothing else changes it.
var parsers = map[string]parser{
	ParserPDF:   readPDF, // and, without a text layer, OCR of its page images
	ParserImage: readImage,
	ParserOFD: func(req request, data []byte) evidence.Extraction {
		return ofd.Extract(data, req.Kind, req.MaxPages)
	},
	ParserXML: func(req request, data []byte) evidence.Extraction {
		return xmlinvoice.Extract(data, req.Kind)
	},
}

// sourceOf is the Extraction.Source of documents read by parser, for the
// results a Pool makes up when the child fails.
func sourceOf(parser string) string {
	switch parser {
	case ParserPDF:
		return evidence.SourcePDFText
	case ParserOFD:
		return evidence.SourceOFDText
	case ParserXML:
		return evidence.SourceXML
	case ParserImage:
		return evidence.SourceOCR
	}
	return parser
}

// ReadInProcess reads a document with the named parser in this process,
// as a child would, within maxBytes and maxPages (0: the defaults of
// Config): for deployments that turn the sandbox off. Scans are not read
// in process (the OCR engine is set up only in children).
func ReadInProcess(parser, kind string, data []byte, maxBytes int64, maxPages int) evidence.Extraction {
	p := parsers[parser]
	if p == nil {
		return evidence.Extraction{Kind: kind, Source: "none", Fields: map[string]evidence.Field{}, Reason: fmt.Sprintf("no reader %q (needs human reading)", parser)}
	}
	if maxBytes <= 0 {
		maxBytes = pdftext.DefaultLimits.MaxBytes
	}
	if maxPages <= 0 {
		maxPages = pdftext.DefaultLimits.MaxPages
	}
	if int64(len(data)) > maxBytes {
		return evidence.Extraction{Kind: kind, Source: sourceOf(parser), Fields: map[string]evidence.Field{}, Reason: fmt.Sprintf("over limits: %d bytes, more than %d", len(data), maxBytes)}
	}
	return p(request{Parser: parser, Kind: kind, MaxBytes: maxBytes, MaxPages: maxPages}, data)
}

// ParserFor returns the parser that reads files of a media type, or ""
// when no parser reads them. It is the one table of what reads what: the
// children and ReadInProcess both go by it.
func ParserFor(mediaType string) string {
	switch mediaType {
	case mediatype.PDF:
		return ParserPDF
	case mediatype.OFD:
		return ParserOFD
	case mediatype.XML:
		return ParserXML
	case mediatype.JPEG, mediatype.PNG:
		return ParserImage
	}
	return ""
}

// RunTests is the TestMain of a test binary whose tests start reader
// children (through os.Executable and ChildArg, as the heshi binary does):
// started as a child it serves, else it runs the tests.
//
//	func TestMain(m *testing.M) { sandbox.RunTests(m) }
func RunTests(m interface{ Run() int }) {
	if ServeIfChild() {
		return
	}
	os.Exit(m.Run())
}

// ServeIfChild serves as a reader child when the process was started as one
// (its first argument is ChildArg) and then reports true: the caller's main
// (or a test binary's TestMain) returns at once. Otherwise it does nothing.
func ServeIfChild() bool {
	if len(os.Args) < 2 || os.Args[1] != ChildArg {
		return false
	}
	ServeChild()
	return true
}

// ServeChild is the main loop of a child process: it applies the limits
// the parent sends (see Config.MemoryLimit), then reads documents from
// stdin and writes what was read to stdout, one at a time, until stdin
// closes. Anything else that writes to stdout (a library's debug output)
// goes to stderr instead, so that it cannot corrupt the protocol.
//
// ServeChild returns when stdin closes; on a protocol error, or if its
// limits cannot be set, it reports to stderr and exits with status 1.
func ServeChild() {
	out, err := protocolOutput()
	if err == nil {
		err = serve(os.Stdin, out, applyLimits)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", ChildArg, err)
		os.Exit(1)
	}
}

// serve runs the child's side of the protocol on in and out; limit applies
// the memory limit. It returns nil when in ends between requests.
func serve(in io.Reader, out io.Writer, limit func(int64) error) error {
	var s setup
	if err := readMessage(in, maxMessage, &s); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return fmt.Errorf("reading setup: %w", err)
	}
	scanner.Lock()
	scanner.dir = s.OCRDir
	scanner.Unlock()
	h := hello{Protocol: protocolVersion, PID: os.Getpid()}
	limitErr := limit(s.MemoryLimit)
	if limitErr != nil {
		h.Error = limitErr.Error()
	}
	if err := writeMessage(out, h); err != nil {
		return fmt.Errorf("writing hello: %w", err)
	}
	if limitErr != nil {
		return limitErr
	}
	for {
		var req request
		if err := readMessage(in, maxMessage, &req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("reading request: %w", err)
		}
		max := req.MaxBytes
		if max <= 0 {
			max = maxDocument
		}
		data, err := readFrame(in, max)
		if err != nil {
			return fmt.Errorf("reading document: %w", err)
		}
		var resp response
		if p := parsers[req.Parser]; p == nil {
			resp.Error = fmt.Sprintf("unknown parser %q", req.Parser)
		} else {
			x := p(req, data)
			resp.Extraction = &x
		}
		if err := writeMessage(out, resp); err != nil {
			return fmt.Errorf("writing response: %w", err)
		}
	}
}
