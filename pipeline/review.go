package pipeline

import (
	"cmp"
	"slices"
	"time"

	"github.com/heshi-verify/heshi/evidence/money"
)

// ClaimTTL is how long an operator holds an order claimed with Next.
const ClaimTTL = 30 * time.Minute

// Decision is an operator's decision on an order in review.
type Decision string

const (
	DecisionApprove         Decision = "approve"          // verified: counts in the totals
	DecisionReject          Decision = "reject"           // rejected: never counts
	DecisionRequestDocument Decision = "request_document" // back to the supplier for a document
)

// Valid reports whether d is a known decision.
func (d Decision) Valid() bool {
	return d == DecisionApprove || d == DecisionReject || d == DecisionRequestDocument
}

// MaxReasonBytes bounds the reason an operator gives for a decision.
const MaxReasonBytes = 2000

// CheckDecision validates a decision and its reason (trimmed) before it is
// recorded: only operators and admins decide, and every decision says why.
func CheckDecision(actor Actor, d Decision, reason string) error {
	switch {
	case !actor.CanReview():
		return Errorf(EForbidden, "only operators decide on orders in review")
	case !d.Valid():
		return Errorf(EInvalid, "unknown decision %q (want approve, reject or request_document)", d)
	case reason == "":
		return Errorf(EInvalid, "a decision needs a reason")
	case len(reason) > MaxReasonBytes:
		return Errorf(EInvalid, "the reason is too long (at most %d bytes)", MaxReasonBytes)
	}
	return nil
}

// QueueFilter narrows the review queue; empty fields match everything.
type QueueFilter struct {
	County   string // the supplier's county code
	Rule     string // a rule of the latest check's findings
	Supplier string // a supplier id
	Largest  bool   // largest total first instead of oldest first
}

// Match reports whether an order in review passes the filter.
func (f QueueFilter) Match(it QueueItem) bool {
	return (f.County == "" || f.County == it.County) && (f.Supplier == "" || f.Supplier == it.SupplierID) &&
		(f.Rule == "" || slices.Contains(it.Rules, f.Rule))
}

// QueueItem is one order in review.
type QueueItem struct {
	OrderNo        string
	Date           Date
	Total          money.Fen
	Since          time.Time // in review since
	SupplierID     string
	SupplierName   string
	County         string
	CountyName     string
	Rules          []string
	RequiresReview bool
	ClaimedBy      string // a live claim's holder, if any
	ClaimExpiresAt time.Time
}

// Count is how many queue items share a value of one facet.
type Count struct {
	Value string
	Label string
	N     int
}

// ReviewQueueView is the review queue, filtered, with counts per county, rule and
// supplier over the whole queue.
type ReviewQueueView struct {
	Items     []QueueItem
	Total     int // orders in review, unfiltered
	Claimed   int // of those, claimed now
	Counties  []Count
	Rules     []Count
	Suppliers []Count
}

// NewReviewQueueView filters the orders in review (oldest first) by f,
// orders them as f asks and counts every facet over the whole queue.
func NewReviewQueueView(all []QueueItem, f QueueFilter) *ReviewQueueView {
	q := &ReviewQueueView{Total: len(all)}
	counties, rules, suppliers := map[string]*Count{}, map[string]*Count{}, map[string]*Count{}
	bump := func(m map[string]*Count, v, label string) {
		c := m[v]
		if c == nil {
			c = &Count{Value: v, Label: label}
			m[v] = c
		}
		c.N++
	}
	for _, it := range all {
		if !it.ClaimExpiresAt.IsZero() {
			q.Claimed++
		}
		bump(counties, it.County, it.CountyName)
		bump(suppliers, it.SupplierID, it.SupplierName)
		for _, rule := range it.Rules {
			bump(rules, rule, rule)
		}
		if f.Match(it) {
			q.Items = append(q.Items, it)
		}
	}
	if f.Largest {
		slices.SortStableFunc(q.Items, func(a, b QueueItem) int { return cmp.Compare(b.Total, a.Total) })
	}
	q.Counties, q.Rules, q.Suppliers = sortedCounts(counties), sortedCounts(rules), sortedCounts(suppliers)
	return q
}

func sortedCounts(m map[string]*Count) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Value, b.Value))
	})
	return out
}

// FreeFor reports whether an order of the queue is free for actor to claim.
func (q *ReviewQueueView) FreeFor(actor Actor) bool {
	for _, it := range q.Items {
		if it.ClaimedBy == "" || it.ClaimedBy == actor.Name {
			return true
		}
	}
	return false
}

// ClaimInfo is a live claim on an order.
type ClaimInfo struct {
	ClaimedBy string
	ExpiresAt time.Time
}

// DecisionView is a recorded decision.
type DecisionView struct {
	Decision Decision
	Kind     DocKind // the document a request_document asks for; "" for any
	Reason   string
	Actor    string
	At       time.Time
}

// SupplierOrder is one row of a supplier's list of orders.
type SupplierOrder struct {
	OrderNo   string
	Date      Date
	Total     money.Fen
	Status    Status
	BuyerName string
	Documents map[DocKind]DocState
	// Requested is an operator's request for a document not yet answered:
	// the kind asked for, "any", or "" when none is open.
	Requested string
}

// Figure names a figure of the statistics whose orders are wanted; at most
// one of its fields is usually set.
type Figure struct {
	BuyerCounty    string // budget-unit purchases of a county
	SupplierCounty string // local product sales of a county
	Buyer          string // a budget unit
	Supplier       string
	Category       Category
}

// OrderRow is a verified order behind a figure.
type OrderRow struct {
	OrderNo        string
	Date           Date
	Total          money.Fen
	BuyerName      string
	SupplierName   string
	BuyerCounty    string
	SupplierCounty string
}

// Pending counts orders not counted in the totals: in review (needs_review,
// or still checking or awaiting documents) and rejected.
type Pending struct {
	InReview int64
	Rejected int64
}

// Add counts n orders in status st.
func (p *Pending) Add(st Status, n int64) {
	if st == StatusRejected {
		p.Rejected += n
	} else {
		p.InReview += n
	}
}
