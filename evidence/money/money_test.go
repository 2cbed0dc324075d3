package money

import "testing"

func TestGroupDigits(t *testing.T) {
	for in, want := range map[string]string{"1234567.89": "1,234,567.89", "-100.00": "-100.00", "999.5": "999.5", "-1234.00": "-1,234.00", "0.00": "0.00", "1234": "1,234"} {
		if got := GroupDigits(in); got != want {
			t.Errorf("GroupDigits(%q) = %q, want %q", in, got, want)
		}
	}
}
