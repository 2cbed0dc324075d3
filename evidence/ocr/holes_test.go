package ocr

import "testing"

// TestFillHoles: a character the decoder left blank in a run of wide
// characters is put back when it was likely enough; true gaps stay.
func TestFillHoles(t *testing.T) {
	t.Parallel()
	// 中国农业银行 one character every 3 time steps, then 江市 after a hole
	// of one character (centres 6 steps apart).
	line := func(text string, steps ...int) []Char {
		var out []Char
		for i, r := range []rune(text) {
			t := steps[i]
			out = append(out, Char{Text: string(r), X0: float64(t * recStride), X1: float64((t + 1) * recStride), Conf: 0.99})
		}
		return out
	}
	base := []int{0, 3, 6, 9, 12, 15, 21, 24}
	runnerAt := func(step int, text string, conf float64) []Char {
		r := make([]Char, 30)
		r[step] = Char{Text: text, X0: float64(step * recStride), X1: float64((step + 1) * recStride), Conf: conf}
		return r
	}
	tests := []struct {
		name   string
		chars  []Char
		runner []Char
		want   string
	}{
		{"a likely character in the hole", line("中国农业银行江市", base...), runnerAt(18, "沅", 0.22), "中国农业银行沅江市"},
		{"an unlikely one", line("中国农业银行江市", base...), runnerAt(18, "沅", 0.05), "中国农业银行江市"},
		{"no hole: neighbours one character apart", line("中国农业银行江市", 0, 3, 6, 9, 12, 15, 18, 21), runnerAt(16, "沅", 0.5), "中国农业银行江市"},
		{"a space was read in the gap", line("中国农业银行 江市", 0, 3, 6, 9, 12, 15, 18, 21, 24), runnerAt(17, "沅", 0.5), "中国农业银行 江市"},
		{"digits are not filled", line("账号12", 0, 3, 9, 12), runnerAt(6, "沅", 0.5), "账号12"},
	}
	for _, tt := range tests {
		got := ""
		likeliest := func(t0, t1 int) Char {
			var best Char
			for _, r := range tt.runner[t0:min(t1, len(tt.runner))] {
				if r.Conf > best.Conf {
					best = r
				}
			}
			return best
		}
		for _, c := range fillHoles(tt.chars, likeliest) {
			got += c.Text
		}
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
