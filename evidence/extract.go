package evidence

import (
	"errors"
	"fmt"
	"regexp"
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
	// Conf is how sure the reading is, from 0 to 1: a label with its value
	// on the same row is surer than a value found below its label or
	// recognised by its form alone (see Via), and OCR's confidence in the
	// characters lowers it. 0 for values of structured data, which are
	// as sure as their file.
	Conf float64 `json:"conf,omitempty"`
	// Via says where the value came from: the label, the section and
	// where the value stood ("section 收款人, label 账号, below").
	Via string `json:"via,omitempty"`
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
	// Detected is the kind the document's title reads as, "" when none.
	Detected string `json:"detected_kind,omitempty"`
	// Slips are the documents of a page that holds several (two receipts
	// on one A4): each read on its own. Fields, Lines and Problems are the
	// first one's; the cross-check takes the one that belongs to the order.
	Slips []Extraction `json:"slips,omitempty"`
	// Layout is the document's text as the reader saw it, positioned rows
	// (up to MaxLayoutRows), kept so that the cross-check can look for a
	// value the order expects where no label gave it (see Locate).
	Layout []pdftext.Row `json:"layout,omitempty"`
}

// MaxLayoutRows bounds the rows an Extraction keeps in Layout.
const MaxLayoutRows = 4000

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
	return mustLexicon().ExtractPDF(data, kind, lim)
}

// ExtractPDF is ExtractPDF with this lexicon.
func (lx *Lexicon) ExtractPDF(data []byte, kind string, lim Limits) (x Extraction) {
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
	return lx.ExtractRows(rows, kind, SourcePDFText)
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
	return mustLexicon().ExtractRows(rows, kind, source)
}

// ExtractRows is ExtractRows with this lexicon.
func (lx *Lexicon) ExtractRows(rows []pdftext.Row, kind, source string) Extraction {
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
	detected := lx.DetectKind(rows)
	x.Detected = detected
	switch {
	case kind == "":
		x.Kind = detected
		if detected == "" {
			x.Problems = append(x.Problems, "document kind not recognised from its title")
			return x
		}
	case lx.spec(kind) == nil:
		x.Problems = append(x.Problems, fmt.Sprintf("unknown document kind %q", kind))
		return x
	case detected != "" && detected != kind:
		x.Problems = append(x.Problems, fmt.Sprintf("title reads as %s, not %s", detected, kind))
	}
	spec := lx.spec(x.Kind)
	x.Layout = rows[:min(len(rows), MaxLayoutRows)]
	slips := slipsOf(rows, spec)
	if len(slips) == 1 {
		newReader(spec, rows, source == SourceOCR).read(&x)
		return x
	}
	for _, s := range slips {
		sx := Extraction{Kind: x.Kind, Source: source, Readable: true, Fields: map[string]Field{}, Layout: s}
		newReader(spec, s, source == SourceOCR).read(&sx)
		x.Slips = append(x.Slips, sx)
	}
	x.Fields, x.Lines, x.Problems = x.Slips[0].Fields, x.Slips[0].Lines, append(x.Problems, x.Slips[0].Problems...)
	x.Problems = append(x.Problems, fmt.Sprintf("%d documents on the page: the first is shown; the cross-check takes the one that belongs to the order", len(slips)))
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
func DetectKind(rows []pdftext.Row) string { return mustLexicon().DetectKind(rows) }

// DetectKind is DetectKind with this lexicon. Of the titles a row holds,
// the one that ends last wins (Chinese titles end in their head noun:
// 采购合同验收单 is an acceptance report), the longest on a tie.
func (lx *Lexicon) DetectKind(rows []pdftext.Row) string {
	for i, r := range rows {
		if i >= titleRows || r.Page != rows[0].Page {
			break
		}
		t := squeeze(fold(r.Text()))
		best, bestEnd, bestLen := "", -1, 0
		for _, k := range Kinds {
			for _, w := range lx.kinds[k].titles {
				at := strings.LastIndex(t, w)
				if at < 0 {
					continue
				}
				end := at + len(w)
				if end > bestEnd || end == bestEnd && len(w) > bestLen {
					best, bestEnd, bestLen = k, end, len(w)
				}
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

// slipKinds are the kinds of which a page often holds several documents
// that may be of different transactions: two receipts per A4 page. (The
// parts of a courier label are one shipment, and a tracking page repeats
// its heading: those are read as one.)
var slipKinds = map[string]bool{KindPayment: true}

// slipsOf splits a page holding several documents of a kind at their
// titles: a row whose text is mostly a title of the kind starts a
// document, the rows above the first title belonging to it.
func slipsOf(rows []pdftext.Row, spec *kindSpec) [][]pdftext.Row {
	if !slipKinds[spec.kind] {
		return [][]pdftext.Row{rows}
	}
	var starts []int
	for i, r := range rows {
		if titleInRow(r, spec.titles) && (len(starts) == 0 || i-starts[len(starts)-1] >= 4) {
			starts = append(starts, i)
		}
	}
	if len(starts) < 2 {
		return [][]pdftext.Row{rows}
	}
	starts[0] = 0
	var out [][]pdftext.Row
	for k, s := range starts {
		e := len(rows)
		if k+1 < len(starts) {
			e = starts[k+1]
		}
		out = append(out, rows[s:e])
	}
	return out
}

// titleInRow reports whether a row holds a title: its text, or the text
// of one of its items or of two items side by side (an issuer's name and
// the title, with other text further along the row: 中国建设银行
// 客户电子回单（借） … 防伪码…).
func titleInRow(r pdftext.Row, titles []string) bool {
	if isTitleRow(squeeze(fold(r.Text())), titles) {
		return true
	}
	for k, it := range r.Items {
		t := squeeze(fold(it.Text))
		if isTitleRow(t, titles) || k+1 < len(r.Items) && isTitleRow(t+squeeze(fold(r.Items[k+1].Text)), titles) {
			return true
		}
	}
	return false
}

// titleSuffix is what may follow a title on its row: the side or the copy
// ((借), （贷）, 第二联).
var titleSuffix = regexp.MustCompile(`^(?:[(（][^)）]{1,6}[)）]|第.联)*$`)

// isTitleRow reports whether a row's text (folded, without spaces) is a
// title (titles are too): one of titles ends it, but for a side or copy mark, and at most an
// issuer's name of a dozen characters stands before it (中国农业银行电子回单,
// not 电子回单专用章 or 本回单可通过网上银行验证).
func isTitleRow(t string, titles []string) bool {
	for _, w := range titles { // folded, without spaces
		at := strings.LastIndex(t, w)
		if at < 0 || len([]rune(w)) < 2 {
			continue
		}
		if titleSuffix.MatchString(t[at+len(w):]) && len([]rune(t[:at])) <= 12 {
			return true
		}
	}
	return false
}
