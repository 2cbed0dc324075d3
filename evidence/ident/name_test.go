package ident

import (
	"testing"
	"unicode/utf8"
)

func TestNormalizeName(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"湖南省长沙市第一中学", "湖南省长沙市第一中学"},
		{" 湖南 某某 农业 有限公司 ", "湖南某某农业有限公司"},
		{"湖南某某（集团）有限公司", "湖南某某集团有限公司"},
		{"湖南某某(集团)有限公司", "湖南某某集团有限公司"},
		{"张三·李四", "张三李四"},
		{"长沙、株洲，湘潭。", "长沙株洲湘潭"},
		{"《某某》“农业”‘公司’【一】〔二〕「三」", "某某农业公司一二三"},
		{"ＡＢＣ农业１号", "ABC农业1号"},
		{"abc Co., Ltd.", "ABCCOLTD"},
		{"A&B+C—D~E|F", "ABCDEF"},
		{"某某\u200b农业\ufeff", "某某农业"},
		{"某某\u3000农业\t\n", "某某农业"},
		{"®某某™", "某某TM"}, // ™ is NFKC "TM" (letters), ® is a symbol
		{"", ""},
		{"（）", ""},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSimilarName(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"湘西某某农业有限公司", "湘西某某农业"},
		{"湘西某某农业公司", "湘西某某农业"},
		{"湘西某某农业有限责任公司", "湘西某某农业"},
		{"湘西某某农业股份有限公司", "湘西某某农业"},
		{"湘西 某某农业（有限公司）", "湘西某某农业"},
		{"花垣县某某农民专业合作社", "花垣县某某"},
		{"花垣县某某专业合作社", "花垣县某某"},
		{"花垣县某某合作社", "花垣县某某"},
		{"某某县第一中学", "某某县第一中学"},
		{"某某有限公司长沙分公司", "某某有限公司长沙分"},
		{"有限公司", "有限公司"},
		{"公司", "公司"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := SimilarName(tt.in); got != tt.want {
			t.Errorf("SimilarName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalizeName(f *testing.F) {
	for _, s := range []string{"湖南某某（集团）有限公司", "ＡＢＣ农业１号", "e\u00b7\u0301", "花垣县某某农民专业合作社", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeName(s)
		if !utf8.ValidString(n) {
			t.Fatalf("NormalizeName(%q) = %q, not valid UTF-8", s, n)
		}
		if again := NormalizeName(n); again != n {
			t.Fatalf("NormalizeName not idempotent on %q: %q then %q", s, n, again)
		}
		sim := SimilarName(s)
		if len(sim) > len(n) {
			t.Fatalf("SimilarName(%q) = %q is longer than NormalizeName %q", s, sim, n)
		}
		_ = CourierHint(s)
		_ = NormalizeInvoiceNumber(s)
	})
}

func TestOneCharApart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{"永县山水农业开发有限公司", "永顺县山水农业开发有限公司", true},  // dropped
		{"永懒县山水农业开发有限公司", "永顺县山水农业开发有限公司", true}, // replaced
		{"星区人民医院", "娄星区人民医院", true},              // first dropped
		{"娄星区人民医院院", "娄星区人民医院", true},            // last added
		{"娄星区人民医院", "娄星区人民医院", false},            // equal: not apart
		{"娄星区人民医", "娄星区人民医院", true},
		{"娄区人医院", "娄星区人民医院", false},               // two dropped
		{"永顺县山水农业开发有限公司", "永顺县山水农业发展有限公司", false}, // two replaced
		{"茶陵县", "茶县", false},                      // too short to tell
		{"娄星区 人民医院", "娄星区人民医院。", false},           // the same once normalised
	}
	for _, tt := range tests {
		if got := OneCharApart(tt.a, tt.b, 6); got != tt.want {
			t.Errorf("OneCharApart(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := OneCharApart(tt.b, tt.a, 6); got != tt.want {
			t.Errorf("OneCharApart(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}
