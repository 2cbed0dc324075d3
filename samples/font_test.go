package samples

import (
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/signintech/gopdf"

	"github.com/heshi-verify/heshi/evidence/money"
)

func randFor(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 1)) }

func newFontContainer(t testing.TB, ttf []byte) *gopdf.FontContainer {
	t.Helper()
	fc := &gopdf.FontContainer{}
	if err := fc.AddTTFFontData(fontFamily, ttf); err != nil {
		t.Fatalf("gopdf refuses the font: %v", err)
	}
	return fc
}

// checkSfnt checks a TrueType file's table checksums, alignment and
// checkSumAdjustment.
func checkSfnt(t *testing.T, b []byte) {
	t.Helper()
	n := int(binary.BigEndian.Uint16(b[4:]))
	for i := range n {
		p := 12 + 16*i
		tag := string(b[p : p+4])
		sum := binary.BigEndian.Uint32(b[p+4:])
		off := int(binary.BigEndian.Uint32(b[p+8:]))
		length := int(binary.BigEndian.Uint32(b[p+12:]))
		if off%4 != 0 || off+length > len(b) {
			t.Errorf("table %q at %d+%d", tag, off, length)
			continue
		}
		table := append([]byte(nil), b[off:off+pad4(length)]...)
		if tag == "head" {
			binary.BigEndian.PutUint32(table[8:], 0)
		}
		if got := checksum(table); got != sum {
			t.Errorf("table %q checksum %08x, directory says %08x", tag, got, sum)
		}
	}
	if got := checksum(b); got != checksumBase {
		t.Errorf("font checksum %08x, want %08x", got, uint32(checksumBase))
	}
}

func TestFirstFace(t *testing.T) {
	needFont(t)
	ttf, err := LoadFont()
	if err != nil {
		t.Fatal(err)
	}
	if binary.BigEndian.Uint32(ttf) != sfntTrueType {
		t.Fatalf("first face starts %x", ttf[:4])
	}
	checkSfnt(t, ttf)
	f, err := parseFace(ttf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "核实湖南茶陵县0123456789¥￥⊗：（）圆整壹贰叁肆伍陆柒捌玖拾佰仟万亿" {
		if !f.HasRune(r) {
			t.Errorf("font has no %q", r)
		}
	}
	if _, err := FirstFace([]byte("not a font at all")); err == nil {
		t.Errorf("FirstFace accepts garbage")
	}
	if same, err := FirstFace(ttf); err != nil || len(same) != len(ttf) {
		t.Errorf("FirstFace of a single font: %d bytes, %v", len(same), err)
	}
}

func TestFontPathFromEnv(t *testing.T) {
	t.Setenv(FontEnv, "/nonexistent/font.ttc")
	if _, err := LoadFont(); err == nil || !strings.Contains(err.Error(), FontEnv) {
		t.Errorf("LoadFont with a missing font: %v", err)
	}
}

// TestSubsetRoundTrip draws text with the reduced font and reads it back,
// digits and all.
func TestSubsetRoundTrip(t *testing.T) {
	f := testFace(t)
	lines := []string{
		"政府采购合同",
		"合同编号：HT-2021-000123",
		"合同总金额（小写）：¥1,234.50 ￥1234.50 1,234.50元",
		"价税合计（大写）⊗壹仟贰佰叁拾肆圆伍角 0123456789",
	}
	sub, err := f.Subset([]rune(strings.Join(lines, "")))
	if err != nil {
		t.Fatal(err)
	}
	checkSfnt(t, sub)
	if len(sub) > 100_000 {
		t.Errorf("subset of %d characters is %d bytes", len(strings.Join(lines, "")), len(sub))
	}
	if _, err := f.Subset([]rune{0x10FFFD}); err == nil {
		t.Errorf("Subset of a rune the font lacks: no error")
	}
	pg := newPage(f)
	for _, l := range lines {
		pg.line(l, 11)
	}
	b, err := pdfBytes(newFontContainer(t, sub), pg, time.Date(2021, 10, 5, 9, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := pdfRuns(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(lines) {
		t.Fatalf("read %d rows, wrote %d", len(rows), len(lines))
	}
	for i, row := range rows {
		if len(row) != 1 || row[0].s != lines[i] {
			t.Errorf("row %d reads %+v, want %q", i, row, lines[i])
		}
	}
}

func TestSplitTax(t *testing.T) {
	for _, c := range []struct {
		total       money.Fen
		rate        int
		amount, tax money.Fen
	}{
		{10900, 9, 10000, 900},
		{11300, 13, 10000, 1300},
		{100, 9, 92, 8},
		{12345, exempt, 12345, 0},
		{1, 13, 1, 0},
	} {
		a, tax := splitTax(c.total, c.rate)
		if a != c.amount || tax != c.tax {
			t.Errorf("splitTax(%s, %d) = %s, %s; want %s, %s", c.total, c.rate, a, tax, c.amount, c.tax)
		}
	}
	rng := randFor(3)
	for range 10000 {
		total := money.Fen(1 + rng.Int64N(100_000_000))
		rate := pick(rng, []int{9, 13})
		a, tax := splitTax(total, rate)
		// The invoice's arithmetic: tax = round(amount × rate) ± 0.06.
		want := (int64(a)*int64(rate) + 50) / 100
		if a+tax != total || abs(int64(tax)-want) > 6 {
			t.Fatalf("splitTax(%s, %d) = %s + %s", total, rate, a, tax)
		}
	}
}

func abs(x int64) int64 { return max(x, -x) }

func TestFormatting(t *testing.T) {
	for f, want := range map[money.Fen]string{0: "0.00", 5: "0.05", 123450: "1,234.50", 100000000: "1,000,000.00", 99999: "999.99"} {
		if got := grouped(f); got != want {
			t.Errorf("grouped(%d) = %q, want %q", f, got, want)
		}
	}
	for _, c := range []struct {
		amount money.Fen
		qty    money.Qty
		want   string
	}{
		{10000, 1000, "100.00"},
		{26487, 1000, "264.87"},
		{55969, 9100, "61.5043956"},
		{1, 3000, "0.00333333"},
	} {
		if got := unitPrice(c.amount, c.qty); got != c.want {
			t.Errorf("unitPrice(%s, %s) = %q, want %q", c.amount, c.qty, got, c.want)
		}
	}
	for name, want := range map[string]string{"茶陵县": "茶陵", "江华瑶族自治县": "江华", "南县": "南县", "冷水江市": "冷水江", "靖州苗族侗族自治县": "靖州", "鹤城区": "鹤城"} {
		if got := shortCounty(name); got != want {
			t.Errorf("shortCounty(%s) = %s, want %s", name, got, want)
		}
	}
}
