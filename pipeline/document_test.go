package pipeline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanFileName(t *testing.T) {
	long := strings.Repeat("验", 100) + ".pdf" // 304 bytes
	tests := []struct{ in, want string }{
		{"采购合同.pdf", "采购合同.pdf"},
		{"a\x00b.pdf", "ab.pdf"},
		{"\xff\xfe发票.pdf", "\uFFFD发票.pdf"},
		{"line\r\nbreak.pdf", "linebreak.pdf"},
		{"\u0085next.pdf", "next.pdf"},
		{`C:\Users\me\回单.pdf`, "回单.pdf"},
		{"../../etc/passwd", "passwd"},
		{"  spaced .pdf ", "spaced .pdf"},
		{"", ""},
		{long, strings.Repeat("验", 85)},
	}
	for _, tt := range tests {
		got := CleanFileName(tt.in)
		if got != tt.want {
			t.Errorf("CleanFileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !utf8.ValidString(got) || len(got) > MaxFileNameBytes {
			t.Errorf("CleanFileName(%q) = %q: not valid UTF-8 or longer than %d bytes", tt.in, got, MaxFileNameBytes)
		}
	}
}
