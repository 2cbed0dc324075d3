package pdftext

import (
	"strings"
	"testing"
)

// TestMergeItemsSpaces checks which space glyphs split a row into items.
func TestMergeItemsSpaces(t *testing.T) {
	t.Parallel()
	g := func(x, w float64, s string) glyph {
		return glyph{x: x, w: w, size: 9, text: s, space: strings.TrimSpace(s) == ""}
	}
	tests := []struct {
		name string
		line []glyph
		want []string
	}{
		{"space between words splits", []glyph{g(0, 9, "号"), g(9, 9, "："), g(18, 2.5, " "), g(21, 4, "9"), g(25, 4, "1")},
			[]string{"号：", "91"}},
		// A label's trailing space drawn under the first digit of a value
		// placed over it (2017 Beijing invoice).
		{"space lying over the glyph before it does not split", []glyph{g(0, 9, "："), g(6.3, 3.9, "9"), g(9, 2.5, " "), g(10.2, 3.9, "1")},
			[]string{"：91"}},
		{"leading space", []glyph{g(0, 2.5, " "), g(1, 4, "9")}, []string{"9"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, it := range mergeItems(tc.line) {
				got = append(got, it.Text)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
