package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// ScoreReport compares the pipeline's verdicts and findings with the
// ground truth of a generated dataset (truth.csv).
type ScoreReport struct {
	Orders    int `json:"orders"`    // orders labelled in the truth
	Clean     int `json:"clean"`     // labelled clean
	Anomalous int `json:"anomalous"` // labelled with a planted anomaly
	Pending   int `json:"pending"`   // still being read or checked: not scored
	// CleanVerified counts clean orders verified automatically (no
	// operator decision).
	CleanVerified int `json:"clean_verified"`
	// CleanShared counts clean orders that share an identifier (invoice,
	// tracking number, …) with an order where the generator planted its
	// reuse: the pair goes to a person by design, whichever was checked
	// first, so they are neither false positives nor counted in
	// CleanVerifiedShare's denominator.
	CleanShared int `json:"clean_shared"`
	// CleanVerifiedShare is CleanVerified / (Clean − CleanShared − clean
	// orders pending).
	CleanVerifiedShare float64 `json:"clean_verified_share"`
	// AnomalousVerified counts anomalous orders that are verified, and so
	// counted in the statistics' totals: it must be 0.
	AnomalousVerified int `json:"anomalous_verified"`
	// Rules scores each rule that was planted or fired.
	Rules []RuleScore `json:"rules"`
	// Problems lists the orders the pipeline got wrong: anomalous orders
	// verified or whose findings do not name their rule, clean orders not
	// verified (other than shared ones).
	Problems []ScoreProblem `json:"problems,omitempty"`
}

// RuleScore is how one rule did. An order counts once per rule however many
// findings of the rule it has. Findings of severity info are counted but do
// not stop verification.
type RuleScore struct {
	Rule     string `json:"rule"`
	Labelled int    `json:"labelled"` // orders planted with this anomaly
	Found    int    `json:"found"`    // of those, named by a finding of the rule
	// FalsePositives: clean orders with a finding of the rule.
	FalsePositives int `json:"false_positives"`
	// Collateral: orders planted with another anomaly that also break this
	// rule (a changed quantity breaks the total and the line). Neither right
	// nor wrong, they count in neither precision nor recall.
	Collateral int `json:"collateral"`
	// Noted: orders where the rule reported info only (no effect on the
	// verdict; not counted above).
	Noted int `json:"noted"`
	// Precision is Found / (Found + FalsePositives); Recall is Found /
	// Labelled. Both are -1 when undefined.
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// ScoreProblem is one order scored wrong.
type ScoreProblem struct {
	OrderNo string   `json:"order_no"`
	Label   string   `json:"label"`
	Status  Status   `json:"status"`
	Rules   []string `json:"rules"` // the rules its findings name
	Problem string   `json:"problem"`
}

// Score compares every labelled order's status and latest findings with
// its truth label. An order awaiting documents has not been checked; its
// missing kinds count as a completeness.missing finding. A unique.* pair
// (an order finding its identifier held by another) names both orders: the
// planted reuse is named whichever of the two was checked first.
func (s *Store) Score(ctx context.Context, truth []Truth) (*ScoreReport, error) {
	orders, err := s.q.ScoreOrders(ctx)
	if err != nil {
		return nil, dbError(err, "orders")
	}
	rows, err := s.q.ScoreFindings(ctx)
	if err != nil {
		return nil, dbError(err, "findings")
	}
	type orderState struct {
		status  Status
		decided bool
		rules   map[string]bool // rules of contradictions and warnings
		noted   map[string]bool // rules of info findings
	}
	state := map[string]*orderState{}
	for _, o := range orders {
		st := &orderState{status: Status(o.Status), decided: o.Decided, rules: map[string]bool{}, noted: map[string]bool{}}
		if st.status == StatusAwaitingDocuments && len(o.Kinds) < len(DocKinds) {
			st.rules[RuleMissing] = true
		}
		state[o.OrderNo] = st
	}
	// pairs[order][rule] lists the orders it shares an identifier with.
	pairs := map[string]map[string][]string{}
	pair := func(a, b, rule string) {
		if pairs[a] == nil {
			pairs[a] = map[string][]string{}
		}
		pairs[a][rule] = append(pairs[a][rule], b)
	}
	for _, f := range rows {
		st := state[f.OrderNo]
		if st == nil {
			continue
		}
		if Severity(f.Severity) == SeverityInfo {
			st.noted[f.Rule] = true
			continue
		}
		st.rules[f.Rule] = true
		if strings.HasPrefix(f.Rule, "unique.") {
			var d struct {
				Other string `json:"other_order"`
			}
			if json.Unmarshal(f.Detail, &d) == nil && d.Other != "" {
				pair(f.OrderNo, d.Other, f.Rule)
				pair(d.Other, f.OrderNo, f.Rule)
			}
		}
	}
	label := map[string]string{}
	for _, t := range truth {
		label[t.OrderNo] = t.Label
	}

	rep := &ScoreReport{}
	scores := map[string]*RuleScore{}
	score := func(rule string) *RuleScore {
		if scores[rule] == nil {
			scores[rule] = &RuleScore{Rule: rule}
		}
		return scores[rule]
	}
	cleanPending := 0
	for _, t := range truth {
		rep.Orders++
		clean := t.Label == "clean"
		if clean {
			rep.Clean++
		} else {
			rep.Anomalous++
			score(t.Label).Labelled++
		}
		st := state[t.OrderNo]
		if st == nil {
			return nil, fmt.Errorf("score: order %s of the truth is not in the database: import the dataset first", t.OrderNo)
		}
		if st.status == StatusChecking || (st.status == StatusAwaitingDocuments && !st.rules[RuleMissing]) {
			rep.Pending++
			if clean {
				cleanPending++
			}
			continue
		}
		rules := map[string]bool{}
		for r := range st.rules {
			rules[r] = true
		}
		// A reuse pair names both orders.
		shared := false
		for rule, others := range pairs[t.OrderNo] {
			for _, o := range others {
				if label[o] == rule {
					shared = true // the other order is the planted reuse
				}
				if t.Label == rule {
					rules[rule] = true
				}
			}
		}
		names := sortedKeys(rules)
		problem := func(p string) {
			rep.Problems = append(rep.Problems, ScoreProblem{OrderNo: t.OrderNo, Label: t.Label, Status: st.status, Rules: names, Problem: p})
		}
		if clean && shared && st.status != StatusVerified {
			rep.CleanShared++
			continue
		}
		for r := range st.noted {
			if !rules[r] {
				score(r).Noted++
			}
		}
		for r := range rules {
			switch {
			case r == t.Label:
				score(r).Found++
			case clean:
				score(r).FalsePositives++
			default:
				score(r).Collateral++
			}
		}
		switch {
		case clean && st.status == StatusVerified && !st.decided:
			rep.CleanVerified++
		case clean:
			problem("clean order not verified automatically")
		case st.status == StatusVerified:
			rep.AnomalousVerified++
			problem("anomalous order verified: counted in the totals")
		case !rules[t.Label]:
			problem("anomaly not named by a finding of its rule")
		}
	}
	if n := rep.Clean - rep.CleanShared - cleanPending; n > 0 {
		rep.CleanVerifiedShare = float64(rep.CleanVerified) / float64(n)
	}
	for _, r := range scores {
		r.Precision, r.Recall = -1, -1
		if r.Found+r.FalsePositives > 0 {
			r.Precision = float64(r.Found) / float64(r.Found+r.FalsePositives)
		}
		if r.Labelled > 0 {
			r.Recall = float64(r.Found) / float64(r.Labelled)
		}
		rep.Rules = append(rep.Rules, *r)
	}
	order := map[string]int{}
	for i, r := range catalogue {
		order[r.ID] = i
	}
	sort.Slice(rep.Rules, func(i, j int) bool {
		a, b := rep.Rules[i].Rule, rep.Rules[j].Rule
		ia, oka := order[a]
		ib, okb := order[b]
		if oka != okb {
			return oka
		}
		if ia != ib {
			return ia < ib
		}
		return a < b
	})
	return rep, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
