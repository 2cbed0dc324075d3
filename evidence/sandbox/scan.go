package sandbox

import (
	"fmt"
	"sync"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ocr"
	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// Scans are read in the child by OCR (package ocr): page images (JPEG,
// PNG) by ParserImage, and PDFs without a text layer by ParserPDF, from
// the image each page draws. The engine loads its models once per child,
// on the first scan, from the directory the parent's setup names.

// MaxScanPages bounds the pages of one document that OCR reads: at about
// 3 s a page on one core, a longer scan would outlast the timeout. A
// longer scan needs a person.
const MaxScanPages = 20

// scanner is the child's OCR engine, started on first use.
var scanner struct {
	sync.Mutex
	dir string // from the setup; "" reads no scans
	eng *ocr.Engine
	err error
}

// engine returns the child's OCR engine, loading it on the first call.
func engine() (*ocr.Engine, error) {
	scanner.Lock()
	defer scanner.Unlock()
	if scanner.eng == nil && scanner.err == nil {
		if scanner.dir == "" {
			scanner.err = fmt.Errorf("OCR is not set up (HESHI_OCR_DIR)")
		} else if err := ocr.Installed(scanner.dir); err != nil {
			scanner.err = err
		} else {
			scanner.eng, scanner.err = ocr.New(ocr.DefaultConfig(scanner.dir))
		}
	}
	return scanner.eng, scanner.err
}

// readImage reads a JPEG or PNG document.
func readImage(req request, data []byte) evidence.Extraction {
	eng, err := engine()
	if err != nil {
		return noScan(req.Kind, err)
	}
	return eng.ExtractImage(data, req.Kind)
}

// readPDF reads a PDF's text layer; a PDF without one, by OCR of the
// images its pages draw.
func readPDF(req request, data []byte) evidence.Extraction {
	x := evidence.ExtractPDF(data, req.Kind, evidence.Limits{MaxBytes: req.MaxBytes, MaxPages: req.MaxPages})
	if x.Readable || x.Reason != evidence.ReasonNoText {
		return x
	}
	pages, err := pdftext.PageImages(data, pdftext.Limits{MaxBytes: req.MaxBytes, MaxPages: min(max(req.MaxPages, 1), MaxScanPages+1)})
	switch {
	case err != nil:
		x.Reason = fmt.Sprintf("no text layer, and its page images do not read: %v (needs human reading)", err)
		return x
	case len(pages) == 0:
		return x // no text and no scan: a blank page
	case len(pages) > MaxScanPages:
		x.Reason = fmt.Sprintf("a scan of more than %d pages (needs human reading)", MaxScanPages)
		return x
	}
	eng, err := engine()
	if err != nil {
		return noScan(req.Kind, err)
	}
	return eng.ExtractPDFScan(pages, req.Kind)
}

// noScan is the extraction of a scan that OCR cannot read here.
func noScan(kind string, err error) evidence.Extraction {
	return evidence.Extraction{Kind: kind, Source: evidence.SourceOCR, Fields: map[string]evidence.Field{},
		Reason: fmt.Sprintf("a scan, and %v (needs human reading)", err)}
}
