package evidence

import (
	"errors"
	"fmt"
	"strings"

	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// Field is one value read from a document.
type Field struct {
	// Value is normalised: amounts as yuan with two decimals ("1234.50"),
	// dates as YYYY-MM-DD, credit codes and tax IDs through
	// ident.NormalizeUSCC, names trimmed; uppercase amounts as printed.
	Value string `json:"value"`
	// Text is the row the value was read from, as printed; for structured
	// data, the element and its value ("InvoiceNo 83089647").
	Text string `json:"text"`
	// Page is the page of that row, from 1; 0 for a value of structured
	// data that no page shows (an XML file or attachment).
	Page int `json:"page"`
}

// Line is one row of a document's goods table, normalised: quantities as
// decimals ("12", "2.5"), amounts as yuan ("500.00"), unit prices as yuan
// or, with more than two decimals (real invoices print 33.3495145631068),
// as printed. A VAT-exempt line has TaxRate 免税 and Tax "0.00".
type Line struct {
	Name      string `json:"name"`
	Unit      string `json:"unit,omitempty"`
	Quantity  string `json:"quantity,omitempty"`
	UnitPrice string `json:"unit_price,omitempty"`
	Amount    string `json:"amount,omitempty"`
	TaxRate   string `json:"tax_rate,omitempty"`
	Tax       string `json:"tax,omitempty"`
	Received  string `json:"received,omitempty"` // acceptance: quantity received (实收数量)
}

// Extraction is what was read from one document.
type Extraction struct {
	Kind   string `json:"kind"`   // one of Kinds, or "" when not recognised
	Source string `json:"source"` // how the fields were obtained: one of the Source constants
	// Readable is false when the text could not be read at all; Reason
	// says why and the document needs a human reader.
	Readable bool             `json:"readable"`
	Reason   string           `json:"reason,omitempty"`
	Fields   map[string]Field `json:"fields"`
	Lines    []Line           `json:"lines,omitempty"`
	// Problems lists what was read but does not make sense, and the
	// fields of the kind that were not found, for a reviewer.
	Problems []string `json:"problems,omitempty"`
}

// Limits bound the files ExtractPDF reads; see pdftext.Limits.
type Limits = pdftext.Limits

// Reasons for an unreadable document whose file did open.
const (
	ReasonNoText    = "no text layer (needs human reading)"
	ReasonUndecoded = "text layer not decodable: fonts without a Unicode map (needs human reading)"
)

// undecodableShare is the share of glyphs without known text (U+FFFD)
// above which a text layer is not decodable.
const undecodableShare = 0.2

// ExtractPDF reads the fields of a PDF document of the given kind; kind ""
// detects it from the title. It never panics: a file that cannot be read
// gives Readable false and the reason, and a PDF without a text layer (a
// scan) gives ReasonNoText.
func ExtractPDF(data []byte, kind string, lim Limits) (x Extraction) {
	defer func() {
		if r := recover(); r != nil {
			x = Extraction{Kind: kind, Source: SourcePDFText, Fields: map[string]Field{},
				Reason: fmt.Sprintf("extractor failure: %v", r)}
		}
	}()
	rows, err := pdftext.Rows(data, lim)
	if err != nil {
		return Extraction{Kind: kind, Source: SourcePDFText, Fields: map[string]Field{}, Reason: reason(err)}
	}
	return ExtractRows(rows, kind, SourcePDFText)
}

// reason words a pdftext error for a reviewer.
func reason(err error) string {
	switch {
	case errors.Is(err, pdftext.ErrEncrypted):
		return "encrypted: " + err.Error()
	case errors.Is(err, pdftext.ErrTooLarge):
		return "over limits: " + err.Error()
	}
	return err.Error()
}

// ExtractRows reads the fields of a document from its text rows (as
// pdftext.Rows returns them; other readers produce the same shape). kind ""
// detects the kind from the title; source is recorded in the result.
func ExtractRows(rows []pdftext.Row, kind, source string) Extraction {
	x := Extraction{Kind: kind, Source: source, Fields: map[string]Field{}}
	if len(rows) == 0 {
		x.Reason = ReasonNoText
		return x
	}
	if undecodable(rows) {
		x.Reason = ReasonUndecoded
		return x
	}
	x.Readable = true
	detected := DetectKind(rows)
	switch {
	case kind == "":
		x.Kind = detected
		if detected == "" {
			x.Problems = append(x.Problems, "document kind not recognised from its title")
			return x
		}
	case specs[kind].fields == nil:
		x.Problems = append(x.Problems, fmt.Sprintf("unknown document kind %q", kind))
		return x
	case detected != "" && detected != kind:
		x.Problems = append(x.Problems, fmt.Sprintf("title reads as %s, not %s", detected, kind))
	}
	newReader(specs[x.Kind], rows).read(&x)
	return x
}

// undecodable reports whether too many glyphs have no known text.
func undecodable(rows []pdftext.Row) bool {
	var unknown, all int
	for _, r := range rows {
		for _, it := range r.Items {
			for _, c := range it.Text {
				all++
				if c == '\uFFFD' {
					unknown++
				}
			}
		}
	}
	return all == 0 || float64(unknown) > undecodableShare*float64(all)
}

// titleRows is how many rows from the top of the first page may hold the
// title.
const titleRows = 6

// DetectKind returns the kind of document whose title is among the first
// rows, or "" when none reads as one of Kinds.
func DetectKind(rows []pdftext.Row) string {
	for i, r := range rows {
		if i >= titleRows || r.Page != rows[0].Page {
			break
		}
		t := squeeze(fold(r.Text()))
		for _, w := range titleWords {
			if strings.Contains(t, w.word) {
				return w.kind
			}
		}
	}
	return ""
}
