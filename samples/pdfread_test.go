package samples

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// Reading the generated PDFs back with github.com/ledongthuc/pdf, as an
// independent reader: its Content() gives every character with the
// position of the text run it belongs to (gopdf's runs carry no widths it
// understands), so characters sharing x and y are one run. GetTextByRow is
// of no use here: it ignores the TD operator gopdf positions text with.

// run is one run of text on a page; y grows upwards (PDF space).
type run struct {
	x, y float64
	s    string
}

// pdfRuns returns the text runs of the first page of a PDF, row by row from
// the top, left to right within a row.
func pdfRuns(data []byte) (runs [][]run, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf reader panicked: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	if r.NumPage() < 1 {
		return nil, errors.New("no pages")
	}
	var flat []run
	for _, t := range r.Page(1).Content().Text {
		if t.S == "\uFFFD" {
			continue
		}
		if n := len(flat); n > 0 && flat[n-1].x == t.X && flat[n-1].y == t.Y {
			flat[n-1].s += t.S
			continue
		}
		flat = append(flat, run{t.X, t.Y, t.S})
	}
	if len(flat) == 0 {
		return nil, errors.New("no text")
	}
	slices.SortStableFunc(flat, func(a, b run) int {
		switch {
		case a.y > b.y:
			return -1
		case a.y < b.y:
			return 1
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
	for i, r := range flat {
		if i == 0 || r.y != flat[i-1].y {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], r)
	}
	return runs, nil
}

// readDoc is a document read back: its rows of runs.
type readDoc struct{ rows [][]run }

// text returns the document as lines of runs separated by spaces.
func (d readDoc) text() string {
	var b strings.Builder
	for _, row := range d.rows {
		for i, r := range row {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(r.s)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// field returns the value printed after the first of labels found (in
// reading order, labels in the order given): "label：value" or
// "label:value" in one run, "label" then the value in the next run of the
// row, or "label¥…" (the invoice's （小写）¥…). half restricts the search
// to the left (-1) or right (+1) half of the page; 0 searches all of it.
func (d readDoc) field(half int, labels ...string) (string, bool) {
	for _, label := range labels {
		for _, row := range d.rows {
			for i, r := range row {
				if half < 0 && r.x >= pageW/2 || half > 0 && r.x < pageW/2 {
					continue
				}
				rest, ok := strings.CutPrefix(r.s, label)
				if !ok {
					continue
				}
				switch {
				case rest == "":
					if i+1 < len(row) {
						return row[i+1].s, true
					}
					return "", true
				case strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":"):
					return strings.TrimLeft(rest, "：:"), true
				case strings.HasPrefix(rest, "¥") || strings.HasPrefix(rest, "￥"):
					return rest, true
				}
			}
		}
	}
	return "", false
}

func (d readDoc) get(labels ...string) string {
	v, _ := d.field(0, labels...)
	return v
}

func (d readDoc) title() string {
	if len(d.rows) == 0 || len(d.rows[0]) == 0 {
		return ""
	}
	return d.rows[0][0].s
}

// figures parses an amount in figures, or returns -1.
func figures(s string) money.Fen {
	v, err := money.ParseFigures(s)
	if err != nil {
		return -1
	}
	return v
}

// uppercase parses an uppercase amount, or returns -1.
func uppercase(s string) money.Fen {
	v, err := money.ParseUppercase(s)
	if err != nil {
		return -1
	}
	return v
}

// parseDocDate parses the three date styles the documents use.
func parseDocDate(s string) (pipeline.Date, bool) {
	for _, layout := range []string{"2006年01月02日", "2006-01-02", "2006/01/02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return pipeline.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, true
		}
	}
	return pipeline.Date{}, false
}

// kindOfTitle detects a document's kind from its title, as the text
// contract says the extractor does.
func kindOfTitle(title string) pipeline.DocKind {
	switch {
	case strings.Contains(title, "采购合同"):
		return pipeline.KindContract
	case strings.Contains(title, "回单"):
		return pipeline.KindPayment
	case strings.Contains(title, "运单") || strings.Contains(title, "快递"):
		return pipeline.KindLogistics
	case strings.Contains(title, "发票"):
		return pipeline.KindInvoice
	case strings.Contains(title, "验收"):
		return pipeline.KindAcceptance
	}
	return ""
}
