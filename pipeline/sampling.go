package pipeline

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/heshi-verify/heshi/evidence/money"
)

// How sure the verified totals are (issue 12): a sampling audit of the
// orders verified without a person. Each round draws a random sample of
// them, reproducibly (its seed is recorded), sized so that, were the
// rate of wrongly verified orders at the tolerable rate, the sample would
// very likely (the confidence) show at least one; operators re-check the
// sampled orders, and the round states the observed error rate with its
// one-sided Clopper–Pearson upper bound and the amount that bound puts at
// risk.

// SampleSize is the size of an attribute sample that, expecting no errors,
// shows at least one with probability confidence when the population's
// error rate is tolerable: the least n with (1 - tolerable)^n ≤ 1 -
// confidence (n = 59 for 95% and 5%). It is capped by the population.
func SampleSize(confidence, tolerable float64, population int) (int, error) {
	if !(confidence > 0 && confidence < 1) || !(tolerable > 0 && tolerable < 1) {
		return 0, Errorf(EInvalid, "confidence and tolerable error rate must lie between 0 and 1")
	}
	n := int(math.Ceil(math.Log(1-confidence) / math.Log(1-tolerable)))
	return min(n, population), nil
}

// UpperBound is the one-sided Clopper–Pearson upper confidence bound of an
// error rate observed as errors in n: the rate p at which seeing errors or
// fewer has probability 1 - confidence. With no errors in n it is
// 1 - (1 - confidence)^(1/n); with n errors in n it is 1.
func UpperBound(errors, n int, confidence float64) float64 {
	switch {
	case n <= 0:
		return 1
	case errors >= n:
		return 1
	case errors == 0:
		return 1 - math.Pow(1-confidence, 1/float64(n))
	}
	// binomCDF falls as p rises: bisect for the p where it is 1 - confidence.
	lo, hi := float64(errors)/float64(n), 1.0
	for range 100 {
		mid := (lo + hi) / 2
		if binomCDF(errors, n, mid) > 1-confidence {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// binomCDF is P(X ≤ x) for X ~ Binomial(n, p), summed in logarithms so
// that large n neither overflows nor underflows.
func binomCDF(x, n int, p float64) float64 {
	lp, lq := math.Log(p), math.Log1p(-p)
	ln, _ := math.Lgamma(float64(n + 1))
	var sum float64
	for k := 0; k <= x; k++ {
		lk, _ := math.Lgamma(float64(k + 1))
		lnk, _ := math.Lgamma(float64(n - k + 1))
		sum += math.Exp(ln - lk - lnk + float64(k)*lp + float64(n-k)*lq)
	}
	return min(sum, 1)
}

// NewSeed returns a random seed for a round (math/rand/v2's own, randomly
// seeded source: a draw need not be secret, only unplanned), one that the
// database's bigint holds.
func NewSeed() uint64 { return rand.Uint64() >> 1 }

// DrawSample picks n of the population's order ids at random, reproducibly:
// the same ids (in any order), n and seed give the same sample, sorted.
func DrawSample(ids []int64, n int, seed uint64) []int64 {
	pop := slices.Clone(ids)
	slices.Sort(pop)
	pop = slices.Compact(pop)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	// A partial Fisher–Yates shuffle: the first n are the sample.
	n = min(n, len(pop))
	for i := range n {
		j := i + r.IntN(len(pop)-i)
		pop[i], pop[j] = pop[j], pop[i]
	}
	out := pop[:n]
	slices.Sort(out)
	return out
}

// SampleResult is what a round's re-checks found so far.
type SampleResult struct {
	Population int       // orders verified without a person in the round's period
	Amount     money.Fen // their amount
	Drawn      int       // orders in the sample
	Checked    int       // of them, re-checked
	Errors     int       // of those, wrongly verified
	Confidence float64   // of the bound
	Rate       float64   // Errors / Checked
	Bound      float64   // UpperBound(Errors, Checked, Confidence); 1 before any re-check
	AtRisk     money.Fen // Bound × Amount: what the bound says may be wrongly counted
}

// NewSampleResult states a round's findings.
func NewSampleResult(population int, amount money.Fen, drawn, checked, errors int, confidence float64) SampleResult {
	r := SampleResult{Population: population, Amount: amount, Drawn: drawn, Checked: checked, Errors: errors, Confidence: confidence, Bound: 1}
	if checked > 0 {
		r.Rate = float64(errors) / float64(checked)
		r.Bound = UpperBound(errors, checked, confidence)
	}
	r.AtRisk = money.Fen(math.Round(r.Bound * float64(amount)))
	return r
}

// String says the result in one line.
func (r SampleResult) String() string {
	return fmt.Sprintf("%d of %d sampled orders re-checked, %d wrongly verified (%.2f%%); upper %.0f%% bound %.2f%%, at risk %s of %s",
		r.Checked, r.Drawn, r.Errors, 100*r.Rate, 100*r.Confidence, 100*r.Bound, r.AtRisk, r.Amount)
}

// SampleRound is a sampling round as drawn, with its items and result.
type SampleRound struct {
	ID                    int64
	Period                Period
	Confidence, Tolerable float64
	Seed                  uint64
	DrawnBy               string
	DrawnAt               time.Time
	// ClosedBy and ClosedAt say who closed the round and when, once every
	// sampled order was re-checked: its result is final then.
	ClosedBy string
	ClosedAt time.Time
	Items    []SampleItem
	Result   SampleResult
}

// Closed reports whether the round is closed.
func (r *SampleRound) Closed() bool { return !r.ClosedAt.IsZero() }

// Closable reports whether the round may be closed: open, every sampled
// order re-checked.
func (r *SampleRound) Closable() bool { return !r.Closed() && r.Result.Checked == r.Result.Drawn }

// SampleItem is one sampled order and what its re-check found: "" not yet,
// "ok" rightly verified, "error" wrongly verified (the order is reopened).
type SampleItem struct {
	OrderNo   string
	Total     money.Fen
	Result    string
	Note      string
	CheckedBy string
	CheckedAt time.Time
}
