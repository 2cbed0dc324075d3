package ident

import (
	"errors"
	"strings"
	"testing"
)

var validUSCCs = []string{
	"91110000600037341L",
	"91350100M000100Y43",
	"121200004013590816",
	"91310115MA1K3BTP2B",
	"9144030071526726XG",
}

func TestUSCCCheckChar(t *testing.T) {
	t.Parallel()
	for _, code := range validUSCCs {
		got, err := USCCCheckChar(code[:17])
		if err != nil {
			t.Errorf("USCCCheckChar(%q) error: %v", code[:17], err)
			continue
		}
		if want := code[17]; got != want {
			t.Errorf("USCCCheckChar(%q) = %c, want %c", code[:17], got, want)
		}
	}
	errTests := []struct {
		in   string
		want error
	}{
		{"", ErrUSCCLength},
		{"9111000060003734", ErrUSCCLength},
		{"91110000600037341L", ErrUSCCLength},
		{"9111000060003734I", ErrUSCCChar},
		{"9111000060003734o", ErrUSCCChar},
		{"９1110000600037341", ErrUSCCChar},
	}
	for _, tt := range errTests {
		if _, err := USCCCheckChar(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("USCCCheckChar(%q) error = %v, want %v", tt.in, err, tt.want)
		}
	}
}

func TestValidUSCC(t *testing.T) {
	t.Parallel()
	for _, code := range validUSCCs {
		if err := ValidUSCC(code); err != nil {
			t.Errorf("ValidUSCC(%q) = %v, want nil", code, err)
		}
	}
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrUSCCLength},
		{"91110000600037341", ErrUSCCLength},
		{"91110000600037341L0", ErrUSCCLength},
		{"91110000600037341M", ErrUSCCCheck},
		{"91110000600037342L", ErrUSCCCheck},
		{"19110000600037341L", ErrUSCCCheck}, // transposition
		{"91110000600037341l", ErrUSCCChar},  // lowercase: normalise first
		{"91110000600037341I", ErrUSCCChar},
		{"91110000600037341Z", ErrUSCCChar},
		{"9111000060003734OL", ErrUSCCChar},
		{"S1110000600037341L", ErrUSCCChar},
		{"９1110000600037341L", ErrUSCCChar}, // full-width: normalise first
		{" 91110000600037341L", ErrUSCCLength},
		{"9111000060003734-L", ErrUSCCChar},
		{"91110000600037341\xff", ErrUSCCChar},
	}
	for _, tt := range tests {
		if err := ValidUSCC(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("ValidUSCC(%q) = %v, want %v", tt.in, err, tt.want)
		}
	}
}

// TestUSCCCheckDetectsSingleErrors checks that every single-character
// substitution of a valid code fails the check, which the weights guarantee.
func TestUSCCCheckDetectsSingleErrors(t *testing.T) {
	t.Parallel()
	for _, code := range validUSCCs {
		for i := range USCCLen {
			for j := range len(USCCAlphabet) {
				c := USCCAlphabet[j]
				if c == code[i] {
					continue
				}
				bad := code[:i] + string(c) + code[i+1:]
				if err := ValidUSCC(bad); !errors.Is(err, ErrUSCCCheck) {
					t.Fatalf("ValidUSCC(%q) = %v, want %v", bad, err, ErrUSCCCheck)
				}
			}
		}
	}
}

func TestNormalizeUSCC(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"91110000600037341L", "91110000600037341L"},
		{"  91110000600037341l\n", "91110000600037341L"},
		{"９１１１００００６０００３７３４１Ｌ", "91110000600037341L"},
		{"9111 0000 6000 3734 1L", "91110000600037341L"},
		{"9111\u30000000600037341ｌ", "91110000600037341L"},
		{"。91110000600037341L", "91110000600037341L"},
		{"·9111-0000-6000-3734-1L:", "91110000600037341L"},
		{"", ""},
	}
	for _, tt := range tests {
		got := NormalizeUSCC(tt.in)
		if got != tt.want {
			t.Errorf("NormalizeUSCC(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUSCCDivision(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"91110000600037341L", "110000"},
		{"91350100M000100Y43", "350100"},
		{"121200004013590816", "120000"},
		{"91310115MA1K3BTP2B", "310115"},
		{" 9144030071526726xg ", "440300"},
		{"91430100MA4L12345X", "430100"}, // check not verified
		{"9143010", ""},
		{"91A30100MA4L12345X", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := USCCDivision(tt.in); got != tt.want {
			t.Errorf("USCCDivision(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzValidUSCC(f *testing.F) {
	for _, s := range append(validUSCCs, "", "9111000060003734IL", "９1110000600037341L", "91110000600037341\xff") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := ValidUSCC(s)
		if err != nil {
			if !errors.Is(err, ErrUSCCLength) && !errors.Is(err, ErrUSCCChar) && !errors.Is(err, ErrUSCCCheck) {
				t.Fatalf("ValidUSCC(%q) = %v, not a USCC sentinel", s, err)
			}
		} else {
			c, err := USCCCheckChar(s[:17])
			if err != nil || c != s[17] {
				t.Fatalf("ValidUSCC(%q) = nil but USCCCheckChar = %c, %v", s, c, err)
			}
			if NormalizeUSCC(s) != s {
				t.Fatalf("valid %q is not normalised: %q", s, NormalizeUSCC(s))
			}
			if strings.Trim(s, USCCAlphabet) != "" {
				t.Fatalf("valid %q has characters outside the alphabet", s)
			}
		}
		n := NormalizeUSCC(s)
		if NormalizeUSCC(n) != n {
			t.Fatalf("NormalizeUSCC not idempotent on %q: %q then %q", s, n, NormalizeUSCC(n))
		}
		_ = USCCDivision(s)
	})
}
