package ident

import (
	"errors"
	"testing"
)

func TestClassifyInvoiceNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code, number string
		want         InvoiceScheme
	}{
		{"4300194130", "01234567", InvoiceOldStyle},
		{"043001900111", "12345678", InvoiceOldStyle},
		{" 4300194130 ", " 01234567\n", InvoiceOldStyle},
		{"４３００１９４１３０", "０１２３４５６７", InvoiceOldStyle},
		{"", "24432000000012345678", InvoiceDigital},
		{"", "21432000000012345678", InvoiceDigital},
		{"  ", "25430000000000000001", InvoiceDigital},
	}
	for _, tt := range tests {
		got, err := ClassifyInvoiceNumber(tt.code, tt.number)
		if err != nil {
			t.Errorf("ClassifyInvoiceNumber(%q, %q) error: %v", tt.code, tt.number, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ClassifyInvoiceNumber(%q, %q) = %v, want %v", tt.code, tt.number, got, tt.want)
		}
	}
}

func TestClassifyInvoiceNumberErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code, number, why string
	}{
		{"", "", "empty"},
		{"", "01234567", "old number without code"},
		{"4300194130", "", "code without number"},
		{"4300194130", "1234567", "7-digit number"},
		{"4300194130", "123456789", "9-digit number"},
		{"43001941", "01234567", "8-digit code"},
		{"43001941301", "01234567", "11-digit code"},
		{"4300194130", "24432000000012345678", "digital number with a code"},
		{"", "2443200000001234567", "19 digits"},
		{"", "244320000000123456789", "21 digits"},
		{"", "20432000000012345678", "year 20"},
		{"", "99432000000012345678x", "letter"},
		{"", "2443200000001234567X", "letter"},
		{"43001941-0", "01234567", "hyphen in code"},
		{"4300194130", "No.01234", "prefix in number"},
	}
	for _, tt := range tests {
		got, err := ClassifyInvoiceNumber(tt.code, tt.number)
		if err == nil {
			t.Errorf("ClassifyInvoiceNumber(%q, %q) = %v, want error (%s)", tt.code, tt.number, got, tt.why)
			continue
		}
		if !errors.Is(err, ErrInvoiceNumber) || got != InvoiceUnknown {
			t.Errorf("ClassifyInvoiceNumber(%q, %q) = %v, %v; want InvoiceUnknown, ErrInvoiceNumber", tt.code, tt.number, got, err)
		}
	}
}

func TestInvoiceSchemeString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    InvoiceScheme
		want string
	}{
		{InvoiceUnknown, "unknown"},
		{InvoiceOldStyle, "old-style"},
		{InvoiceDigital, "digital"},
		{InvoiceScheme(99), "unknown"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("InvoiceScheme(%d).String() = %q, want %q", int(tt.s), got, tt.want)
		}
	}
}

func TestNormalizeInvoiceNumber(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"01234567", "1234567"},
		{"1234567", "1234567"},
		{"No.01234567", "1234567"},
		{"01234567A", "1234567"},
		{"0123-4567", "1234567"},
		{" ０１２３４５６７ ", "1234567"},
		{"24432000000012345678", "24432000000012345678"},
		{"00000000", "0"},
		{"", ""},
		{"ABC", ""},
	}
	for _, tt := range tests {
		if got := NormalizeInvoiceNumber(tt.in); got != tt.want {
			t.Errorf("NormalizeInvoiceNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzClassifyInvoiceNumber(f *testing.F) {
	f.Add("4300194130", "01234567")
	f.Add("", "24432000000012345678")
	f.Add("４３００１９４１３０", "x")
	f.Fuzz(func(t *testing.T, code, number string) {
		got, err := ClassifyInvoiceNumber(code, number)
		if err != nil {
			if !errors.Is(err, ErrInvoiceNumber) || got != InvoiceUnknown {
				t.Fatalf("ClassifyInvoiceNumber(%q, %q) = %v, %v", code, number, got, err)
			}
			return
		}
		if got != InvoiceOldStyle && got != InvoiceDigital {
			t.Fatalf("ClassifyInvoiceNumber(%q, %q) = %v with nil error", code, number, got)
		}
		n := NormalizeInvoiceNumber(number)
		if n == "" || NormalizeInvoiceNumber(n) != n {
			t.Fatalf("NormalizeInvoiceNumber(%q) = %q, not a stable digit string", number, n)
		}
	})
}
