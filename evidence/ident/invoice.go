package ident

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// InvoiceScheme is the numbering scheme of a Chinese invoice.
type InvoiceScheme int

// Invoice numbering schemes.
const (
	// InvoiceUnknown is the zero value: not classified.
	InvoiceUnknown InvoiceScheme = iota
	// InvoiceOldStyle is a tax-control invoice: a 10- or 12-digit 发票代码
	// and an 8-digit 发票号码.
	InvoiceOldStyle
	// InvoiceDigital is a fully digitalised invoice (数电发票, from 2021):
	// one 20-digit 发票号码 and no code; digits 1-2 are the year, 3-4 the
	// region.
	InvoiceDigital
)

// String returns a short name for the scheme.
func (s InvoiceScheme) String() string {
	switch s {
	case InvoiceOldStyle:
		return "old-style"
	case InvoiceDigital:
		return "digital"
	default:
		return "unknown"
	}
}

// ErrInvoiceNumber reports an invoice code and number that fit no scheme.
var ErrInvoiceNumber = errors.New("invalid invoice number")

// firstDigitalYear is the two-digit year of the first 数电 invoices.
const firstDigitalYear = 21

// ClassifyInvoiceNumber returns the numbering scheme of an invoice from its
// 发票代码 (code, empty for a 数电 invoice) and 发票号码 (number). Surrounding
// whitespace is ignored and full-width digits are accepted; anything else
// must be digits. Errors wrap ErrInvoiceNumber.
func ClassifyInvoiceNumber(code, number string) (InvoiceScheme, error) {
	code, number = invoiceField(code), invoiceField(number)
	for _, f := range []struct{ name, v string }{{"code", code}, {"number", number}} {
		if i := strings.IndexFunc(f.v, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
			return InvoiceUnknown, fmt.Errorf("%w: %s %q is not all digits", ErrInvoiceNumber, f.name, f.v)
		}
	}
	switch {
	case code == "" && len(number) == 20:
		if year := int(number[0]-'0')*10 + int(number[1]-'0'); year < firstDigitalYear {
			return InvoiceUnknown, fmt.Errorf("%w: digital invoice number %s has year %02d, before 20%d",
				ErrInvoiceNumber, number, year, firstDigitalYear)
		}
		return InvoiceDigital, nil
	case code == "":
		return InvoiceUnknown, fmt.Errorf("%w: number %q without a code has %d digits, want 20",
			ErrInvoiceNumber, number, len(number))
	case len(code) != 10 && len(code) != 12:
		return InvoiceUnknown, fmt.Errorf("%w: code %q has %d digits, want 10 or 12",
			ErrInvoiceNumber, code, len(code))
	case len(number) != 8:
		return InvoiceUnknown, fmt.Errorf("%w: number %q with code %s has %d digits, want 8",
			ErrInvoiceNumber, number, code, len(number))
	}
	return InvoiceOldStyle, nil
}

// invoiceField trims s and folds full-width characters to ASCII.
func invoiceField(s string) string {
	return strings.TrimSpace(norm.NFKC.String(s))
}

// NormalizeInvoiceNumber reduces an invoice number to the form used to find
// similar numbers for duplicate detection: full-width digits folded to ASCII,
// every non-digit dropped (prefixes, separators, trailing letters) and
// leading zeros removed. It returns "0" for a number of zeros and "" for
// text without digits.
func NormalizeInvoiceNumber(s string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		if unicode.IsDigit(r) {
			// Full-width and other decimal digits: fold via NFKC when it
			// yields one ASCII digit, drop the rest.
			if d := norm.NFKC.String(string(r)); len(d) == 1 && d[0] >= '0' && d[0] <= '9' {
				return rune(d[0])
			}
		}
		return -1
	}, s)
	if digits == "" {
		return ""
	}
	if t := strings.TrimLeft(digits, "0"); t != "" {
		return t
	}
	return "0"
}
