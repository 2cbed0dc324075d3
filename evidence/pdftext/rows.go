// Package pdftext reads the text layer of a PDF as positioned rows: the
// glyphs of each page grouped into visual lines (rows, top to bottom) and,
// within a row, into runs of adjacent glyphs (items, left to right).
//
// Rows is a pure function of the file's bytes, so that it can run in a
// child process with memory and time limits: it shares no state, reads no
// files, and turns every panic of the underlying parser
// (github.com/ledongthuc/pdf) into an error. Content interpretation is its
// own (the library's Content method breaks on the two-byte CJK encodings of
// real invoices), bounded in operators, glyphs and decoded bytes per page.
//
// Before parsing, counts the file declares (/Size, /N, /Index, xref
// subsections; names #xx-unescaped) are checked against its length, and its
// object and cross-reference streams are decoded once within a budget, so
// that the parser's own unbounded allocations and decompression fail fast.
//
// Known limits: the parser can loop forever on some hostile cross-reference
// or object-stream structures (run it under a deadline for untrusted input);
// text in fonts without a ToUnicode map and with an Identity encoding comes
// out as U+FFFD; vertical writing is read as if horizontal.
package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// Errors returned by Rows. Every error wraps exactly one of them.
var (
	// ErrUnreadable reports a file that is not a PDF or that the parser
	// cannot read; the wrapped message gives the reason.
	ErrUnreadable = errors.New("unreadable PDF")
	// ErrEncrypted reports a file that needs a password (or an encryption
	// scheme the parser lacks) before its text can be read.
	ErrEncrypted = errors.New("encrypted PDF")
	// ErrTooLarge reports a file beyond the Limits, or one that exceeds
	// the fixed budgets of interpretation (operators, glyphs and decoded
	// content per page) or of reading (bytes read from the file, which a
	// cyclic structure would otherwise re-read forever).
	ErrTooLarge = errors.New("PDF over limits")
)

// Limits bound the input Rows accepts. A zero field takes its value from
// DefaultLimits.
type Limits struct {
	MaxBytes int64 // size of the file
	MaxPages int   // pages in the file
}

// DefaultLimits suit procurement evidence: a contract or an invoice with a
// goods list is a few pages and well under a megabyte.
var DefaultLimits = Limits{MaxBytes: 32 << 20, MaxPages: 100}

// admit fills the limits left zero from DefaultLimits and refuses a file
// larger than they allow, before a byte of it is parsed.
func (lim Limits) admit(data []byte) (Limits, error) {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultLimits.MaxBytes
	}
	if lim.MaxPages <= 0 {
		lim.MaxPages = DefaultLimits.MaxPages
	}
	if int64(len(data)) > lim.MaxBytes {
		return lim, fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	return lim, nil
}

// Item is a run of adjacent glyphs on one row. X and Y are the start of its
// baseline in points from the lower left corner of the page as displayed
// (Y increases upwards); W is its width.
type Item struct {
	X, Y, W float64
	// Size is the font size of its largest glyph (an OCR word's height):
	// the reader's measure of a line's height and of what is near.
	Size float64 `json:",omitempty"`
	Text string
}

// Row is one visual line of a page: items left to right. Y is the baseline
// of its highest glyph; PageWidth is the width of its page as displayed, to
// tell the left half of the page from the right.
type Row struct {
	Page      int
	Y         float64
	PageWidth float64
	Items     []Item
}

// Text returns the row's items joined left to right with a single space
// where there is a visible gap between them and nothing where they abut.
func (r Row) Text() string {
	var b strings.Builder
	for i, it := range r.Items {
		if i > 0 {
			prev := r.Items[i-1]
			gap := it.X - (prev.X + prev.W)
			if gap > 0.1*math.Max(charWidth(prev), charWidth(it)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(it.Text)
	}
	return b.String()
}

// charWidth is an item's mean glyph width, 0 for an empty item.
func charWidth(it Item) float64 {
	n := utf8.RuneCountInString(it.Text)
	if n == 0 {
		return 0
	}
	return it.W / float64(n)
}

// Rows returns the text rows of every page of the PDF in data, pages in
// order and rows top to bottom. A page without text contributes no rows, so
// a scanned document gives no rows and no error. Glyphs whose text the file
// does not say (fonts without a ToUnicode map) appear as U+FFFD.
func Rows(data []byte, lim Limits) (rows []Row, err error) {
	lim, err = lim.admit(data)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			rows = nil
			if e, ok := r.(error); ok {
				err = classify(fmt.Errorf("parser failure: %w", e))
			} else {
				err = classify(fmt.Errorf("parser failure: %v", r))
			}
		}
	}()
	pages, _, err := openPages(data, lim)
	if err != nil {
		return nil, err
	}
	for i, pv := range pages {
		info := pageInfo{v: pv, box: mediaBox(pv), rotate: rotation(pv)}
		it := &interp{page: info}
		glyphs, err := it.run()
		if err != nil {
			return nil, classify(fmt.Errorf("page %d: %w", i+1, err))
		}
		width := info.box[2] - info.box[0]
		if info.rotate == 90 || info.rotate == 270 {
			width = info.box[3] - info.box[1]
		}
		rows = append(rows, layout(glyphs, i+1, width)...)
	}
	return rows, nil
}

// openPages checks and opens the PDF in data and returns its pages (at
// most lim.MaxPages) and the bytes the parser reads (data, repaired). It
// may panic on a malformed file: its callers recover.
func openPages(data []byte, lim Limits) ([]pdf.Value, []byte, error) {
	data, err := repair(data)
	if err != nil {
		return nil, nil, err
	}
	if err := checkCounts(data); err != nil {
		return nil, nil, err
	}
	if err := checkStreams(data); err != nil {
		return nil, nil, err
	}
	rd, err := pdf.NewReader(newBudgetReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, classify(err)
	}
	pages, err := collectPages(rd.Trailer().Key("Root").Key("Pages"), lim.MaxPages)
	if err != nil {
		return nil, nil, err
	}
	return pages, data, nil
}

// classify wraps err in the sentinel that describes it.
func classify(err error) error {
	switch {
	case errors.Is(err, ErrUnreadable), errors.Is(err, ErrEncrypted), errors.Is(err, ErrTooLarge):
		return err
	case errors.Is(err, errBudget):
		return fmt.Errorf("%w: %w", ErrTooLarge, err)
	case errors.Is(err, pdf.ErrInvalidPassword), strings.Contains(strings.ToLower(err.Error()), "encrypt"):
		return fmt.Errorf("%w: %w", ErrEncrypted, err)
	}
	return fmt.Errorf("%w: %w", ErrUnreadable, err)
}

// repair works around two strictnesses of the parser that real files trip
// over: it wants "%PDF-1.x" followed by a line end as the very first bytes,
// and "%%EOF" within the last hundred. Bytes after the last %%EOF are cut and
// a PDF 2.0 or oddly terminated header is rewritten in place (same length,
// so cross-reference offsets stay valid). data itself is never modified.
func repair(data []byte) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) || len(data) < 16 {
		return nil, fmt.Errorf("%w: not a PDF file (no %%PDF- header)", ErrUnreadable)
	}
	end := bytes.LastIndex(data, []byte("%%EOF"))
	if end < 0 {
		return nil, fmt.Errorf("%w: truncated PDF (no %%%%EOF)", ErrUnreadable)
	}
	out := data[:end+5]
	ok := out[5] == '1' && out[6] == '.' && out[7] >= '0' && out[7] <= '7' && (out[8] == '\n' || out[8] == '\r')
	if !ok {
		out = append([]byte(nil), out...)
		copy(out[5:8], "1.7")
		out[8] = '\n'
	}
	return out, nil
}

// collectPages walks the page tree in order. It bounds depth and visits so
// that a cyclic tree cannot hang it, and refuses more than max pages.
func collectPages(root pdf.Value, max int) ([]pdf.Value, error) {
	var pages []pdf.Value
	budget := 4*max + 64
	var walk func(n pdf.Value, depth int) error
	walk = func(n pdf.Value, depth int) error {
		budget--
		if budget < 0 || depth > maxTreeDepth {
			return fmt.Errorf("%w: malformed page tree", ErrUnreadable)
		}
		kids := n.Key("Kids")
		typ := n.Key("Type").Name()
		switch {
		case typ == "Page" || (typ != "Pages" && kids.Kind() != pdf.Array && n.Kind() == pdf.Dict):
			if len(pages) >= max {
				return fmt.Errorf("%w: more than %d pages", ErrTooLarge, max)
			}
			pages = append(pages, n)
		case kids.Kind() == pdf.Array:
			for i := 0; i < kids.Len(); i++ {
				if err := walk(kids.Index(i), depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if root.Kind() != pdf.Dict {
		return nil, fmt.Errorf("%w: no page tree", ErrUnreadable)
	}
	if err := walk(root, 0); err != nil {
		return nil, err
	}
	return pages, nil
}

// mediaBox returns the page's MediaBox (normalised so that the first corner
// is the lower left), or US Letter when it has none.
func mediaBox(page pdf.Value) [4]float64 {
	b := inherited(page, "MediaBox")
	if b.Len() != 4 {
		return [4]float64{0, 0, 612, 792}
	}
	var r [4]float64
	for i := range r {
		r[i] = b.Index(i).Float64()
	}
	if r[0] > r[2] {
		r[0], r[2] = r[2], r[0]
	}
	if r[1] > r[3] {
		r[1], r[3] = r[3], r[1]
	}
	if r[2]-r[0] <= 0 || r[3]-r[1] <= 0 {
		return [4]float64{0, 0, 612, 792}
	}
	return r
}

// rotation returns the page's /Rotate as 0, 90, 180 or 270.
func rotation(page pdf.Value) int {
	r := int(inherited(page, "Rotate").Int64() % 360)
	if r < 0 {
		r += 360
	}
	switch r {
	case 90, 180, 270:
		return r
	}
	return 0
}

// layout groups a page's glyphs into rows and items.
func layout(glyphs []glyph, page int, pageWidth float64) []Row {
	for i := range glyphs {
		g := &glyphs[i]
		if g.text == "" && !g.space {
			g.text = "\uFFFD"
		}
		if strings.TrimFunc(g.text, unicode.IsSpace) == "" {
			g.space = true
		}
		if g.size <= 0 {
			g.size = 1
		}
	}
	// Top to bottom, then left to right.
	sort.SliceStable(glyphs, func(i, j int) bool { return glyphs[i].y > glyphs[j].y })

	var rows []Row
	for start := 0; start < len(glyphs); {
		anchor := glyphs[start]
		end := start + 1
		for end < len(glyphs) && anchor.y-glyphs[end].y <= 0.5*math.Min(anchor.size, glyphs[end].size) {
			end++
		}
		line := glyphs[start:end]
		start = end
		sort.SliceStable(line, func(i, j int) bool { return line[i].x < line[j].x })
		if items := mergeItems(line); len(items) > 0 {
			rows = append(rows, Row{Page: page, Y: anchor.y, PageWidth: pageWidth, Items: items})
		}
	}
	return rows
}

// mergeItems joins the glyphs of one row, sorted by x, into items: a glyph
// starts a new item after a space glyph (unless it lies over the glyph
// before it) or a gap wider than a fifth of the font size. A glyph
// repeated at (almost) the same place, as fake bold draws it, is kept once.
func mergeItems(line []glyph) []Item {
	var items []Item
	var b strings.Builder
	var cur *Item
	var last glyph
	brk := true
	flush := func() {
		if cur != nil {
			cur.Text = b.String()
			items = append(items, *cur)
			cur = nil
			b.Reset()
		}
	}
	for _, g := range line {
		if g.space {
			// A space drawn over the glyph before it (a label's trailing
			// space under a value placed over it) separates nothing.
			if cur == nil || g.x >= last.x+last.w-0.1*last.size {
				brk = true
			}
			continue
		}
		if cur != nil && g.text == last.text && math.Abs(g.x-last.x) < 0.2*g.size && math.Abs(g.y-last.y) < 0.2*g.size {
			continue // overprinted duplicate
		}
		if cur == nil || brk || g.x-(cur.X+cur.W) > 0.2*math.Max(g.size, last.size) {
			flush()
			cur = &Item{X: g.x, Y: g.y, W: 0}
		}
		b.WriteString(g.text)
		cur.Size = max(cur.Size, g.size)
		if right := g.x + g.w; right > cur.X+cur.W {
			cur.W = right - cur.X
		}
		last = g
		brk = false
	}
	flush()
	return items
}

// Glyph is one character (or a run of characters set as one) placed on a
// page by a reader of another format, for Layout. X and Y are the start
// of its baseline with Y increasing upwards, W its advance, Size its font
// size, all in the same unit.
type Glyph struct {
	X, Y, W, Size float64
	Text          string
}

// Layout groups the glyphs of one page into rows as Rows does for a PDF
// page, so that readers of other page formats (OFD) produce the same
// shape. Glyphs with non-finite coordinates are dropped.
func Layout(glyphs []Glyph, page int, pageWidth float64) []Row {
	gs := make([]glyph, 0, len(glyphs))
	for _, g := range glyphs {
		if !finite(g.X, g.Y, g.W, g.Size) || g.W < 0 || g.W > maxGlyphWidth {
			continue
		}
		gs = append(gs, glyph{x: g.X, y: g.Y, w: g.W, size: g.Size, text: g.Text})
	}
	return layout(gs, page, pageWidth)
}
