package pipeline

import (
	"math"
	"slices"
	"testing"
)

func TestSampleSize(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		conf, tol float64
		pop, want int
	}{
		{0.95, 0.05, 10000, 59}, // 0.95^59 = 0.0485 ≤ 0.05 < 0.95^58
		{0.90, 0.05, 10000, 45},
		{0.95, 0.01, 10000, 299},
		{0.95, 0.05, 20, 20}, // all of a small population
	} {
		if got, err := SampleSize(c.conf, c.tol, c.pop); err != nil || got != c.want {
			t.Errorf("SampleSize(%v, %v, %d) = %d, %v; want %d", c.conf, c.tol, c.pop, got, err, c.want)
		}
	}
	if _, err := SampleSize(1, 0.05, 10); ErrorCodeOf(err) != EInvalid {
		t.Errorf("confidence 1: %v, want invalid", err)
	}
}

// TestUpperBound against known values: the one-sided 95% Clopper–Pearson
// bounds of published tables for 1 and 2 errors in 100 (4.66%, 6.16%), the
// closed form for none, and values computed independently by exact
// binomial sums.
func TestUpperBound(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x, n int
		conf float64
		want float64
	}{
		{0, 59, 0.95, 1 - math.Pow(0.05, 1.0/59)},
		{1, 100, 0.95, 0.046559811},
		{2, 100, 0.95, 0.061619200},
		{5, 50, 0.95, 0.198833003},
		{3, 200, 0.99, 0.049348311},
		{7, 7, 0.95, 1},
		{0, 0, 0.95, 1},
	} {
		if got := UpperBound(c.x, c.n, c.conf); math.Abs(got-c.want) > 1e-7 {
			t.Errorf("UpperBound(%d, %d, %v) = %.9f, want %.9f", c.x, c.n, c.conf, got, c.want)
		}
	}
}

func TestDrawSample(t *testing.T) {
	t.Parallel()
	ids := make([]int64, 500)
	for i := range ids {
		ids[i] = int64(1000 + 3*i)
	}
	a := DrawSample(ids, 59, 42)
	shuffled := slices.Clone(ids)
	slices.Reverse(shuffled)
	b := DrawSample(shuffled, 59, 42)
	if len(a) != 59 || !slices.Equal(a, b) || !slices.IsSorted(a) {
		t.Fatalf("the same population and seed drew %v and %v", a, b)
	}
	if slices.Equal(a, DrawSample(ids, 59, 43)) {
		t.Error("another seed drew the same sample")
	}
	if len(slices.Compact(slices.Clone(a))) != 59 {
		t.Error("the sample repeats an order")
	}
	for _, id := range a {
		if !slices.Contains(ids, id) {
			t.Errorf("%d is not in the population", id)
		}
	}
	if got := DrawSample(ids[:10], 59, 1); len(got) != 10 {
		t.Errorf("a sample larger than its population: %d", len(got))
	}
}

func TestSampleResult(t *testing.T) {
	t.Parallel()
	r := NewSampleResult(1000, 100000000, 100, 100, 1, 0.95)
	if math.Abs(r.Rate-0.01) > 1e-12 || math.Abs(r.Bound-0.046559811) > 1e-7 || r.AtRisk != 4655981 {
		t.Errorf("result %+v; want rate 1%%, bound 4.66%%, 46,559.81 at risk", r)
	}
	if r := NewSampleResult(1000, 100, 59, 0, 0, 0.95); r.Bound != 1 || r.AtRisk != 100 {
		t.Errorf("before any re-check %+v; want everything at risk", r)
	}
}
