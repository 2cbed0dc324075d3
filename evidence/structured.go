package evidence

import (
	"fmt"
	"sort"
	"strings"
)

// Value is one field read from structured data (an element of an invoice
// XML, an XBRL fact, an OFD custom tag), before normalisation.
type Value struct {
	Key  string // a field key of the document's kind (see labels.go)
	Raw  string // the value as the data holds it
	Text string // where it came from, for a reviewer: "InvoiceNo 83089647"
	Page int    // the page showing it, 0 when it is in no page (an attachment)
}

// RawLine is one goods line of structured data, before normalisation.
type RawLine struct {
	Name, Unit, Quantity, UnitPrice, Amount, TaxRate, Tax string
}

// Structured is what a reader of structured data found in a document.
type Structured struct {
	Kind   string // the kind the data is of (invoice, payment)
	Values []Value
	Lines  []RawLine
}

// ExtractStructured normalises s as ExtractRows normalises printed text,
// recording source. kind is the kind the document was uploaded as ("":
// s.Kind). text, when not nil, is what the document's own text layer
// reads: fields the structured data lacks are taken from it (the
// uppercase total, say), and a field both hold with different values is a
// problem, for the page a reviewer sees must say what the data says.
func ExtractStructured(s Structured, kind, source string, text *Extraction) Extraction {
	x := Extraction{Kind: kind, Source: source, Fields: map[string]Field{}, Readable: true}
	switch {
	case kind == "":
		x.Kind = s.Kind
	case specOf(kind) == nil:
		x.Problems = append(x.Problems, fmt.Sprintf("unknown document kind %q", kind))
		return x
	case s.Kind != kind:
		x.Problems = append(x.Problems, fmt.Sprintf("data is of a %s, not a %s", s.Kind, kind))
	}
	for _, v := range s.Values {
		typ := typeOf(x.Kind, v.Key)
		if typ == vOrderNo && !orderRe.MatchString(strings.ToUpper(squeeze(fold(v.Raw)))) {
			continue // a remark without an order number
		}
		folded := fold(strings.TrimSpace(v.Raw))
		if typ == vAmount && strings.Trim(squeeze(folded), "*") == "" && folded != "" {
			folded = "0" // *** is printed for the tax of an exempt invoice
		}
		val, problem := normalise(typ, folded, strings.TrimSpace(v.Raw))
		if problem != "" {
			x.Problems = append(x.Problems, v.Key+": "+problem)
		}
		if val == "" {
			continue
		}
		set(&x, v.Key, Field{Value: val, Text: v.Text, Page: v.Page})
	}
	for i, rl := range s.Lines {
		var probs []string
		ln := Line{
			Name:      tidyName(rl.Name),
			Unit:      tidy(rl.Unit),
			Quantity:  quantity(rl.Quantity, &probs),
			UnitPrice: unitPrice(rl.UnitPrice, &probs),
			Amount:    lineAmount(rl.Amount, &probs),
			TaxRate:   taxRate(rl.TaxRate),
			Tax:       lineAmount(rl.Tax, &probs),
		}
		for _, p := range probs {
			x.Problems = append(x.Problems, fmt.Sprintf("line %d: %s", i+1, p))
		}
		if ln.Name == "" && ln.Amount == "" {
			continue
		}
		x.Lines = append(x.Lines, ln)
	}
	if text != nil && text.Readable && text.Kind == x.Kind {
		keys := make([]string, 0, len(text.Fields))
		for k := range text.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			f := text.Fields[k]
			old, ok := x.Fields[k]
			switch {
			case !ok:
				x.Fields[k] = f
			case !sameValue(old.Value, f.Value):
				x.Problems = append(x.Problems, fmt.Sprintf("%s: page %d shows %q, the embedded data %q", k, f.Page, f.Value, old.Value))
			}
		}
		if len(x.Lines) == 0 {
			x.Lines = text.Lines
		}
	}
	if text != nil {
		x.Layout = text.Layout
	}
	if spec := specOf(x.Kind); spec != nil {
		(&reader{spec: spec}).missing(&x, true)
	}
	return x
}

// sameValue compares a field as the data and as the page give it: names
// may differ in full-width forms and spaces.
func sameValue(a, b string) bool {
	return a == b || squeeze(fold(a)) == squeeze(fold(b))
}

// typeOf is how a field of kind is normalised: as its label spec says, or
// for the keys that only structured data and totals rows give, by name.
func typeOf(kind, key string) valueType {
	if spec := specOf(kind); spec != nil {
		if f := spec.entry(eField, key); f != nil {
			return f.typ
		}
	}
	switch key {
	case "amount", "tax", "total":
		return vAmount
	case "code", "check_code":
		return vCompact
	}
	return vText
}

// taxRate normalises a line's rate: 0.03 and 3% both give "3%", and words
// (免税, 不征税) stay as printed.
func taxRate(s string) string {
	s = squeeze(fold(s))
	if s == "" || strings.HasSuffix(s, "%") || !decimalRe.MatchString(s) {
		return s
	}
	// A fraction of one: 0.03, 0.13, 0.09, 0.015.
	if !strings.HasPrefix(s, "0.") && s != "0" {
		return s + "%"
	}
	frac := strings.TrimPrefix(s, "0.")
	frac = frac + strings.Repeat("0", max(0, 2-len(frac)))
	whole, dec := strings.TrimLeft(frac[:2], "0"), strings.TrimRight(frac[2:], "0")
	if whole == "" {
		whole = "0"
	}
	if dec != "" {
		return whole + "." + dec + "%"
	}
	return whole + "%"
}
