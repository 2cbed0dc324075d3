package money

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestUppercase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fen     Fen
		want    string
		invoice string
	}{
		{0, "零元整", "零圆整"},
		{1, "壹分", "壹分"},
		{10, "壹角整", "壹角"},
		{32, "叁角贰分", "叁角贰分"},
		{100, "壹元整", "壹圆整"},
		{105, "壹元零伍分", "壹圆零伍分"},
		{1000, "壹拾元整", "壹拾圆整"},
		{1600, "壹拾陆元整", "壹拾陆圆整"},
		{140950, "壹仟肆佰零玖元伍角整", "壹仟肆佰零玖圆伍角"},
		{32504, "叁佰贰拾伍元零肆分", "叁佰贰拾伍圆零肆分"},
		{168032, "壹仟陆佰捌拾元叁角贰分", "壹仟陆佰捌拾圆叁角贰分"},
		{600714, "陆仟零柒元壹角肆分", "陆仟零柒圆壹角肆分"},
		{1640902, "壹万陆仟肆佰零玖元零贰分", "壹万陆仟肆佰零玖圆零贰分"},
		{10700053, "壹拾万柒仟元伍角叁分", "壹拾万柒仟圆伍角叁分"},
		{10070000, "壹拾万零柒佰元整", "壹拾万零柒佰圆整"},
		{10000500, "壹拾万零伍元整", "壹拾万零伍圆整"},
		{100070000, "壹佰万零柒佰元整", "壹佰万零柒佰圆整"},
		{1000700000, "壹仟万柒仟元整", "壹仟万柒仟圆整"},
		{1000000000, "壹仟万元整", "壹仟万圆整"},
		{10000000000, "壹亿元整", "壹亿圆整"},
		{10050000000, "壹亿零伍拾万元整", "壹亿零伍拾万圆整"},
		{10000700000, "壹亿零柒仟元整", "壹亿零柒仟圆整"},
		{15000000000, "壹亿伍仟万元整", "壹亿伍仟万圆整"},
		{12345678901, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元零壹分", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖圆零壹分"},
		{127907000000, "壹拾贰亿柒仟玖佰零柒万元整", "壹拾贰亿柒仟玖佰零柒万圆整"},
		{100000000000000, "壹万亿元整", "壹万亿圆整"},
		{1000000000000000000, "壹亿亿元整", "壹亿亿圆整"},
		{-1600, "负壹拾陆元整", "负壹拾陆圆整"},
		{-32504, "负叁佰贰拾伍元零肆分", "负叁佰贰拾伍圆零肆分"},
		{math.MaxInt64, "玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分",
			"玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌圆零柒分"},
	}
	for _, tt := range tests {
		if got := Uppercase(tt.fen); got != tt.want {
			t.Errorf("Uppercase(%s) = %s, want %s", tt.fen, got, tt.want)
		}
		if got := UppercaseInvoice(tt.fen); got != tt.invoice {
			t.Errorf("UppercaseInvoice(%s) = %s, want %s", tt.fen, got, tt.invoice)
		}
	}
}

func TestParseUppercase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Fen
	}{
		// Canonical and invoice forms.
		{"零元整", 0},
		{"零圆整", 0},
		{"壹仟肆佰零玖元伍角", 140950},
		{"壹仟肆佰零玖元伍角整", 140950},
		{"壹仟肆佰零玖圆伍角", 140950},
		{"叁佰贰拾伍元零肆分", 32504},
		{"壹仟陆佰捌拾元叁角贰分", 168032},
		{"壹亿零伍拾万元整", 10050000000},
		{"壹拾万柒仟元伍角叁分", 10700053},
		// Optional 零 where the rules permit it.
		{"壹仟陆佰捌拾元零叁角贰分", 168032},
		{"壹拾万零柒仟元伍角叁分", 10700053},
		{"壹拾万柒仟元零伍角叁分", 10700053},
		{"壹仟万零柒仟元整", 1000700000},
		// 零 before 分 omitted: not allowed by the rules but unambiguous.
		{"壹佰元伍分", 10005},
		// Redundant 零s.
		{"陆仟零零柒元壹角肆分", 600714},
		{"零壹佰元整", 10000},
		{"壹拾零元整", 1000},
		{"壹佰元零零伍分", 10005},
		{"壹佰元零角伍分", 10005},
		{"壹佰元伍角零分", 10050},
		{"零元零角零分", 0},
		{"壹亿零零伍拾万元", 10050000000},
		// 整 / 正 / nothing.
		{"壹佰元正", 10000},
		{"壹佰元", 10000},
		{"壹佰元伍角正", 10050},
		{"叁角整", 30},
		// No 元 part.
		{"叁角贰分", 32},
		{"零元叁角贰分", 32},
		{"零元零贰分", 2},
		{"贰分", 2},
		{"零贰分", 2},
		// 拾 without 壹.
		{"拾元整", 1000},
		{"拾伍元", 1500},
		{"拾万元整", 10000000},
		{"零拾伍元", 1500},
		// Traditional forms.
		{"壹萬貳仟參佰肆拾伍圓陸角柒分", 1234567},
		{"壹億零叄佰萬圓整", 10300000000},
		{"壹仟肆佰参拾捌圆贰角", 143820},
		{"壹仟〇伍元", 100500},
		// Prefixes, sign and whitespace.
		{"⊗壹佰圆整", 10000},
		{"ⓧ壹佰圆整", 10000},
		{"人民币壹佰元整", 10000},
		{"(人民币)壹佰元整", 10000},
		{"（人民币）壹佰元整", 10000},
		{"RMB壹佰元整", 10000},
		{"rmb 壹佰元整", 10000},
		{"人民币 壹仟 肆佰零玖元\u3000伍角", 140950},
		{" ⊗ 负 壹佰圆整 ", -10000},
		{"负⊗壹佰圆整", -10000},
		{"⊗负零圆整", 0},
		// Large amounts and the int64 limits.
		{"壹万亿元整", 100000000000000},
		{"伍万亿零伍万元", 500000005000000},
		{"壹亿亿元整", 1000000000000000000},
		{"玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分", math.MaxInt64},
		{"负玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分", math.MinInt64},
	}
	for _, tt := range tests {
		got, err := ParseUppercase(tt.in)
		if err != nil {
			t.Errorf("ParseUppercase(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseUppercase(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseUppercaseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, why string
	}{
		{"", "empty"},
		{"  ", "blank"},
		{"人民币", "prefix only"},
		{"负", "sign only"},
		{"元整", "元 without digits"},
		{"整", "整 alone"},
		{"壹佰", "no 元"},
		{"伍", "digit only"},
		{"两佰元整", "两 is not uppercase"},
		{"贰佰两元", "两 is not uppercase"},
		{"一百元整", "lowercase numerals"},
		{"壹百元整", "lowercase unit"},
		{"壹佰元整abc", "trailing junk"},
		{"1佰元", "ASCII digit"},
		{"壹佰伍元", "ambiguous bare digit after 佰"},
		{"壹仟伍元", "ambiguous bare digit after 仟"},
		{"壹万伍元", "ambiguous bare digit after 万"},
		{"壹亿伍元", "ambiguous bare digit after 亿"},
		{"壹佰伍万元", "ambiguous digit before 万"},
		{"伍佰零拾元", "零拾: zero tens or 壹拾?"},
		{"壹万零拾伍元", "bare 拾 after 零"},
		{"壹佰拾元", "bare 拾 after 佰"},
		{"伍万拾元", "bare 拾 after 万"},
		{"拾亿拾元", "bare 拾 after 亿"},
		{"壹万伍亿元", "ambiguous digit before 亿"},
		{"壹贰元", "two digits"},
		{"伍零元", "digit then 零"},
		{"壹拾壹佰元", "units out of order"},
		{"壹佰壹佰元", "repeated unit"},
		{"佰元", "佰 without digit"},
		{"零佰元", "零 as digit of 佰"},
		{"万元", "万 without digits"},
		{"零万元", "零万"},
		{"壹万万元", "万万"},
		{"亿元", "亿 without digits"},
		{"壹佰元元", "two 元"},
		{"壹佰元伍分整", "整 after 分"},
		{"壹分整", "整 after 分"},
		{"壹佰元伍", "bare digit after 元"},
		{"壹佰元伍角伍", "bare digit after 角"},
		{"壹佰元伍分伍角", "分 before 角"},
		{"壹佰元伍角伍角", "two 角"},
		{"壹佰元整整", "two 整"},
		{"整壹佰元", "整 first"},
		{"壹佰元零", "dangling 零"},
		{"壹佰元零整", "零 before 整"},
		{"壹佰元零零", "dangling 零s"},
		{"伍角壹元", "角 before 元"},
		{"壹拾角", "unit before 角"},
		{"拾分", "unit before 分"},
		{"壹元伍角伍分伍厘", "厘"},
		{"壹佰萬萬元", "万万"},
		{"负负壹元", "double sign"},
		{"玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分", "over MaxInt64"},
		{"负玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零玖分", "under MinInt64"},
		{"玖仟玖佰亿亿元", "overflow"},
		{"玖仟亿亿亿元", "overflow uint64"},
	}
	for _, tt := range tests {
		got, err := ParseUppercase(tt.in)
		if err == nil {
			t.Errorf("ParseUppercase(%q) = %s, want error (%s)", tt.in, got, tt.why)
			continue
		}
		if !errors.Is(err, ErrAmount) {
			t.Errorf("ParseUppercase(%q) error %v does not wrap ErrAmount", tt.in, err)
		}
	}
}

// TestUppercaseRoundTrip checks ParseUppercase(Uppercase(f)) == f over random
// amounts of every magnitude, in both styles.
func TestUppercaseRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(2021, 832))
	values := []Fen{0, 1, -1, 9, 10, 99, 100, 101, 110, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for range 20000 {
		// Spread over magnitudes: a random number of digits, and often
		// many zeros, which is where the 零 rules bite.
		digits := rng.IntN(19) + 1
		var v int64
		for range digits {
			d := int64(rng.IntN(10))
			if rng.IntN(2) == 0 {
				d = 0
			}
			v = v*10 + d
		}
		if rng.IntN(4) == 0 {
			v = -v
		}
		values = append(values, Fen(v), Fen(rng.Int64()))
	}
	for _, f := range values {
		for _, format := range []func(Fen) string{Uppercase, UppercaseInvoice} {
			s := format(f)
			got, err := ParseUppercase(s)
			if err != nil {
				t.Fatalf("ParseUppercase(%q) (from %s) error: %v", s, f, err)
			}
			if got != f {
				t.Fatalf("ParseUppercase(%q) = %s, want %s", s, got, f)
			}
		}
	}
}

// TestParseUppercaseVariants rewrites canonical forms into other permitted
// spellings and checks each still parses to the same amount.
func TestParseUppercaseVariants(t *testing.T) {
	t.Parallel()
	traditional := strings.NewReplacer("贰", "貳", "叁", "參", "陆", "陸", "万", "萬", "亿", "億", "元", "圆")
	rng := rand.New(rand.NewPCG(7, 11))
	for range 5000 {
		f := Fen(rng.Int64N(1e14))
		canon := Uppercase(f)
		variants := []string{
			traditional.Replace(canon),
			"⊗" + UppercaseInvoice(f),
			"人民币" + strings.Replace(canon, "整", "正", 1),
			strings.TrimSuffix(canon, "整"),
			" ( 人民币 ) " + strings.Join(strings.Split(canon, ""), " "),
		}
		for _, v := range variants {
			got, err := ParseUppercase(v)
			if err != nil || got != f {
				t.Fatalf("ParseUppercase(%q) = %s, %v; want %s", v, got, err, f)
			}
		}
	}
}

func FuzzParseUppercase(f *testing.F) {
	for _, s := range []string{
		"零元整", "壹仟肆佰零玖元伍角", "叁佰贰拾伍元零肆分", "⊗壹仟陆佰捌拾圆零叁角贰分",
		"人民币壹亿零伍拾万元整", "负拾伍元正", "壹萬貳仟參佰肆拾伍圓陸角柒分", "壹亿亿元整",
		"壹佰伍元", "两元", "零贰分",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseUppercase(s)
		if err != nil {
			if !errors.Is(err, ErrAmount) {
				t.Fatalf("ParseUppercase(%q) error %v does not wrap ErrAmount", s, err)
			}
			return
		}
		for _, format := range []func(Fen) string{Uppercase, UppercaseInvoice} {
			u := format(v)
			w, err := ParseUppercase(u)
			if err != nil || w != v {
				t.Fatalf("ParseUppercase(%q) = %s; reformatted %q parses to %s, %v", s, v, u, w, err)
			}
		}
	})
}
