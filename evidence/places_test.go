package evidence

import (
	"encoding/csv"
	"os"
	"slices"
	"testing"
)

func TestMendPlaces(t *testing.T) {
	t.Parallel()
	doubt := func(s string, at ...int) []float64 { // every character sure but those at
		c := make([]float64, len([]rune(s)))
		for i := range c {
			c[i] = 0.99
		}
		for _, i := range at {
			c[i] = 0.5
		}
		return c
	}
	tests := []struct {
		in   string
		conf []float64
		want string
	}{
		{"湖南省娄底市连源市江口镇团结路91号", doubt("湖南省娄底市连源市江口镇团结路91号", 6), "湖南省娄底市涟源市江口镇团结路91号"},
		{"连源市人民医院", doubt("连源市人民医院", 0), "涟源市人民医院"},
		{"连源市人民医院", doubt("连源市人民医院"), "连源市人民医院"},                            // read with no doubt: kept
		{"激浦县人民医院", append([]float64{0.92}, doubt("浦县人民医院")...), "溆浦县人民医院"}, // 溆 read as 激 at 0.92
		{"湖南省益阳市冷水江市", doubt("湖南省益阳市冷水江市", 7), "湖南省益阳市冷水江市"},                // 水江市 is the tail of 冷水江市
		{"沅江市第二中学", doubt("沅江市第二中学", 0), "沅江市第二中学"},                         // known
		{"连源县", doubt("连源县", 0), "桃源县"},                                     // one doubtful character off 桃源县
		{"连源县", nil, "连源县"}, // no confidences: nothing mended
		{"株洲炎帝生态农业有限公司", doubt("株洲炎帝生态农业有限公司", 2), "株洲炎帝生态农业有限公司"}, // no place: party names are never mended
	}
	lx := mustLexicon()
	for _, tc := range tests {
		got, notes := lx.mendText(tc.in, tc.conf)
		if got != tc.want || (got != tc.in) != (len(notes) > 0) {
			t.Errorf("%s: got %s (notes %q), want %s", tc.in, got, notes, tc.want)
		}
	}
}

// TestPlacesAreTheDivisions keeps lexicon/places.tsv the names of the
// divisions the pipeline seeds.
func TestPlacesAreTheDivisions(t *testing.T) {
	t.Parallel()
	f, err := os.Open("../pipeline/data/hunan-divisions.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, r := range recs[1:] {
		want = append(want, r[1])
	}
	for _, p := range mustLexicon().places {
		got = append(got, string(p))
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("lexicon/places.tsv holds %d names, the divisions %d: regenerate it from pipeline/data/hunan-divisions.csv", len(got), len(want))
	}
}
