package samples

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
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
	OrderNo string          `json:"order_no"`
	Label   string          `json:"label"`
	Status  pipeline.Status `json:"status"`
	Rules   []string        `json:"rules"` // the rules its findings name
	Problem string          `json:"problem"`
}

// scored is one order's outcome as scoring reads it.
type scored struct {
	status  pipeline.Status
	decided bool
	rules   map[string]bool // rules of contradictions and warnings
	noted   map[string]bool // rules of info findings
	// pairs[rule] lists the orders it shares an identifier with (a unique.*
	// finding names the order holding it; the pair is recorded both ways).
	pairs map[string][]string
}

// pending reports whether the order is still being read or checked.
func (st *scored) pending() bool {
	return st.status == pipeline.StatusChecking || (st.status == pipeline.StatusAwaitingDocuments && !st.rules[pipeline.RuleMissing])
}

// Score compares every labelled order's status and latest findings with
// its truth label. An order awaiting documents has not been checked; its
// missing kinds count as a completeness.missing finding. A unique.* pair
// (an order finding its identifier held by another) names both orders: the
// planted reuse is named whichever of the two was checked first.
func Score(truth []pipeline.Truth, outcomes []pipeline.Outcome) (*ScoreReport, error) {
	state := scoredOutcomes(outcomes)
	label := map[string]string{}
	for _, t := range truth {
		label[t.OrderNo] = t.Label
	}
	s := &scorer{rep: &ScoreReport{}, rules: map[string]*RuleScore{}}
	for _, t := range truth {
		st := state[t.OrderNo]
		if st == nil {
			return nil, fmt.Errorf("score: order %s of the truth is not in the database: import the dataset first", t.OrderNo)
		}
		s.order(t, st, label)
	}
	return s.report(), nil
}

// scoredOutcomes indexes the outcomes by order number.
func scoredOutcomes(outcomes []pipeline.Outcome) map[string]*scored {
	state := make(map[string]*scored, len(outcomes))
	for _, o := range outcomes {
		st := &scored{status: o.Status, decided: o.Decided, rules: map[string]bool{}, noted: map[string]bool{}, pairs: map[string][]string{}}
		if st.status == pipeline.StatusAwaitingDocuments && len(o.Kinds) < len(pipeline.DocKinds) {
			st.rules[pipeline.RuleMissing] = true
		}
		state[o.OrderNo] = st
	}
	for _, o := range outcomes {
		st := state[o.OrderNo]
		for _, f := range o.Findings {
			if f.Severity == pipeline.SeverityInfo {
				st.noted[f.Rule] = true
				continue
			}
			st.rules[f.Rule] = true
			other, _ := f.Detail["other_order"].(string)
			if strings.HasPrefix(f.Rule, "unique.") && other != "" {
				st.pairs[f.Rule] = append(st.pairs[f.Rule], other)
				if os := state[other]; os != nil {
					os.pairs[f.Rule] = append(os.pairs[f.Rule], o.OrderNo)
				}
			}
		}
	}
	return state
}

// scorer accumulates the report.
type scorer struct {
	rep          *ScoreReport
	rules        map[string]*RuleScore
	cleanPending int
}

func (s *scorer) rule(id string) *RuleScore {
	if s.rules[id] == nil {
		s.rules[id] = &RuleScore{Rule: id}
	}
	return s.rules[id]
}

// order scores one labelled order.
func (s *scorer) order(t pipeline.Truth, st *scored, label map[string]string) {
	rep := s.rep
	rep.Orders++
	clean := t.Label == LabelClean
	if clean {
		rep.Clean++
	} else {
		rep.Anomalous++
		s.rule(t.Label).Labelled++
	}
	if st.pending() {
		rep.Pending++
		if clean {
			s.cleanPending++
		}
		return
	}
	rules := maps.Clone(st.rules)
	// A reuse pair names both orders.
	shared := false
	for rule, others := range st.pairs {
		for _, o := range others {
			if label[o] == rule {
				shared = true // the other order is the planted reuse
			}
			if t.Label == rule {
				rules[rule] = true
			}
		}
	}
	if clean && shared && st.status != pipeline.StatusVerified {
		rep.CleanShared++
		return
	}
	for r := range st.noted {
		if !rules[r] {
			s.rule(r).Noted++
		}
	}
	for r := range rules {
		switch {
		case r == t.Label:
			s.rule(r).Found++
		case clean:
			s.rule(r).FalsePositives++
		default:
			s.rule(r).Collateral++
		}
	}
	problem := ""
	switch {
	case clean && st.status == pipeline.StatusVerified && !st.decided:
		rep.CleanVerified++
	case clean:
		problem = "clean order not verified automatically"
	case st.status == pipeline.StatusVerified:
		rep.AnomalousVerified++
		problem = "anomalous order verified: counted in the totals"
	case !rules[t.Label]:
		problem = "anomaly not named by a finding of its rule"
	}
	if problem != "" {
		rep.Problems = append(rep.Problems, ScoreProblem{OrderNo: t.OrderNo, Label: t.Label, Status: st.status, Rules: sortedKeys(rules), Problem: problem})
	}
}

// report finishes the shares and orders the rules as the catalogue does.
func (s *scorer) report() *ScoreReport {
	rep := s.rep
	if n := rep.Clean - rep.CleanShared - s.cleanPending; n > 0 {
		rep.CleanVerifiedShare = float64(rep.CleanVerified) / float64(n)
	}
	for _, r := range s.rules {
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
	for i, r := range pipeline.Rules() {
		order[r.ID] = i
	}
	rank := func(id string) int {
		if i, ok := order[id]; ok {
			return i
		}
		return len(order)
	}
	slices.SortFunc(rep.Rules, func(a, b RuleScore) int {
		if d := rank(a.Rule) - rank(b.Rule); d != 0 {
			return d
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	return rep
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
