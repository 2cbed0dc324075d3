package ident

import "testing"

func TestS10CheckDigit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		serial string
		want   byte
	}{
		{"12345678", '5'}, // RB123456785GB
		{"00000000", '5'}, // sum 0: 11 - 0 = 11 → 5
		{"00000008", '0'}, // sum 56 ≡ 1: 11 - 1 = 10 → 0
		{"00000001", '4'}, // sum 7: 11 - 7
		{"10000000", '3'}, // sum 8: 11 - 8
		{"98765432", '6'}, // sum 236 ≡ 5: 11 - 5
	}
	for _, tt := range tests {
		got, err := S10CheckDigit(tt.serial)
		if err != nil {
			t.Errorf("S10CheckDigit(%q) error: %v", tt.serial, err)
			continue
		}
		if got != tt.want {
			t.Errorf("S10CheckDigit(%q) = %c, want %c", tt.serial, got, tt.want)
		}
	}
	for _, bad := range []string{"", "1234567", "123456789", "1234567A", "１2345678"} {
		if got, err := S10CheckDigit(bad); err == nil {
			t.Errorf("S10CheckDigit(%q) = %c, want error", bad, got)
		}
	}
}

func TestValidS10(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"RB123456785GB", true},
		{"EE123456785CN", true},
		{"rb123456785gb", true},
		{" RB123456785GB ", true},
		{"CP000000080CN", true},
		{"RB123456784GB", false}, // wrong check digit
		{"RB123456785G", false},
		{"RB1234567855GB", false},
		{"R1123456785GB", false},
		{"RB12345678XGB", false},
		{"RB123456785G1", false},
		{"", false},
		{"ＲＢ123456785GB", false}, // full-width is not S10 as given
	}
	for _, tt := range tests {
		if got := ValidS10(tt.in); got != tt.want {
			t.Errorf("ValidS10(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCourierHint(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"SF1234567890123", HintSF},
		{"SF123456789012", HintSF},
		{"sf 1234-5678-9012", HintSF},
		{"ＳＦ１２３４５６７８９０１２", HintSF},
		{"SF12345678901", ""},
		{"SF12345678901234", ""},
		{"YT1234567890123", HintYTO},
		{"YT123456789012", ""},
		{"JT1234567890123", HintJT},
		{"JT12345678901234", ""},
		{"JD0123456789012", HintJD},
		{"JDVA12345678901", HintJD},
		{"JDVA123456789012", HintJD},
		{"JD012345678901", ""},
		{"JD01234567890123456", ""},
		{"RB123456785GB", HintEMS},
		{"RB123456784GB", ""},
		{"773123456789", HintTongs},
		{"75312345678901", HintTongs},
		{"433123456789012", HintTongs},
		{"12345678901", ""},
		{"1234567890123456", ""},
		{"", ""},
		{"顺丰", ""},
	}
	for _, tt := range tests {
		if got := CourierHint(tt.in); got != tt.want {
			t.Errorf("CourierHint(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
