package money

import (
	"errors"
	"testing"
)

func TestParseFigures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Fen
	}{
		{"0", 0},
		{"0.00", 0},
		{"1409.50", 140950},
		{"1409.5", 140950},
		{"¥325.04", 32504},
		{"¥1,680.32", 168032},
		{"￥1,680.32", 168032},
		{"¥ 1,680.32", 168032},
		{"  ¥1,680.32  ", 168032},
		{"人民币1,680.32元", 168032},
		{"RMB 1,680.32", 168032},
		{"rmb1680.32", 168032},
		{"CNY 1,234,567.89", 123456789},
		{"1,234,567", 123456700},
		{"123,456", 12345600},
		{"１，６８０．３２", 168032},
		{"￥１６８０．３２元", 168032},
		{"1680.32 元", 168032},
		{"-1,680.32", -168032},
		{"-¥1,680.32", -168032},
		{"¥-1,680.32", -168032},
		{"¥ -1,680.32", -168032},
		{"－￥１６８０", -168000},
		{"\u3000¥100.00\u3000", 10000},
		{"999999999999999.99", 99999999999999999},
	}
	for _, tt := range tests {
		got, err := ParseFigures(tt.in)
		if err != nil {
			t.Errorf("ParseFigures(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseFigures(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseFiguresErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"", " ", "¥", "元", "-", "--1", "-¥-1", "+-1", "abc", "¥abc",
		"1.234", "1.", ".5", "1..2", "1.2.3", "1,23", "1,2345", "12345,678", ",123", "1,", "1,234,56",
		"1 234", "1234 .5", "¥¥1", "1e3", "0x10", "1,234.5,6", "1.5元元",
		"1234567890123456", // 16 digits of yuan: too large
	} {
		got, err := ParseFigures(in)
		if err == nil {
			t.Errorf("ParseFigures(%q) = %s, want error", in, got)
			continue
		}
		if !errors.Is(err, ErrAmount) {
			t.Errorf("ParseFigures(%q) error %v does not wrap ErrAmount", in, err)
		}
	}
}

func FuzzParseFigures(f *testing.F) {
	for _, s := range []string{"¥1,680.32", "-￥１，６８０．３２元", "RMB 0.5", "1,23", "人民币12元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseFigures(s)
		if err != nil {
			if !errors.Is(err, ErrAmount) {
				t.Fatalf("ParseFigures(%q) error %v does not wrap ErrAmount", s, err)
			}
			return
		}
		for _, u := range []string{v.String(), "¥" + v.String() + "元"} {
			w, err := ParseFigures(u)
			if err != nil || w != v {
				t.Fatalf("ParseFigures(%q) = %s; reformatted %q parses to %s, %v", s, v, u, w, err)
			}
		}
	})
}
