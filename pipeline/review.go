package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline/internal/db"
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

// QueueFilter narrows the review queue; empty fields match everything.
type QueueFilter struct {
	County   string // the supplier's county code
	Rule     string // a rule of the latest check's findings
	Supplier string // a supplier id
	Largest  bool   // largest total first instead of oldest first
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

// ReviewQueue returns the orders in review matching f.
func (s *Store) ReviewQueue(ctx context.Context, f QueueFilter) (*ReviewQueueView, error) {
	rows, err := s.q.ReviewQueueAll(ctx)
	if err != nil {
		return nil, dbError(err, "review queue")
	}
	q := &ReviewQueueView{Total: len(rows)}
	counties, rules, suppliers := map[string]*Count{}, map[string]*Count{}, map[string]*Count{}
	bump := func(m map[string]*Count, v, label string) {
		c := m[v]
		if c == nil {
			c = &Count{Value: v, Label: label}
			m[v] = c
		}
		c.N++
	}
	for _, r := range rows {
		it := QueueItem{
			OrderNo: r.OrderNo, Date: dbDate(r.OrderDate), Total: money.Fen(r.TotalFen), Since: r.StatusChangedAt,
			SupplierID: r.SupplierID, SupplierName: r.SupplierName, County: r.DivisionCode, CountyName: r.CountyName,
			Rules: r.Rules, RequiresReview: r.RequiresReview, ClaimedBy: r.ClaimedBy,
		}
		if r.ClaimExpiresAt.Valid {
			it.ClaimExpiresAt = r.ClaimExpiresAt.Time
			q.Claimed++
		}
		bump(counties, it.County, it.CountyName)
		bump(suppliers, it.SupplierID, it.SupplierName)
		for _, rule := range it.Rules {
			bump(rules, rule, rule)
		}
		if (f.County == "" || f.County == it.County) && (f.Supplier == "" || f.Supplier == it.SupplierID) &&
			(f.Rule == "" || slices.Contains(it.Rules, f.Rule)) {
			q.Items = append(q.Items, it)
		}
	}
	if f.Largest {
		slices.SortStableFunc(q.Items, func(a, b QueueItem) int { return cmp.Compare(b.Total, a.Total) })
	}
	q.Counties, q.Rules, q.Suppliers = sortedCounts(counties), sortedCounts(rules), sortedCounts(suppliers)
	return q, nil
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

func text(v string) pgtype.Text { return pgtype.Text{String: v, Valid: v != ""} }

// ClaimNext claims the next order in review for actor for ttl: one actor
// already holds first, then the oldest (or largest) that nobody else holds.
// Two operators never get the same order; an expired claim is free again.
// ENotFound when nothing is left.
func (s *Store) ClaimNext(ctx context.Context, actor Actor, f QueueFilter, ttl time.Duration) (string, error) {
	if actor.Role != RoleOperator && actor.Role != RoleAdmin {
		return "", Errorf(EForbidden, "only operators work the review queue")
	}
	// A concurrent claimant can win the order this statement picked after its
	// snapshot was taken: the statement then claims nothing; try again.
	for attempt := range 50 {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * time.Millisecond)
		}
		var orderNo string
		err := s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
			id, err := q.ReviewClaimNext(ctx, db.ReviewClaimNextParams{
				ClaimedBy: actor.Name, ExpiresAt: s.now().Add(ttl),
				County: text(f.County), Supplier: text(f.Supplier), Rule: text(f.Rule), Largest: f.Largest,
			})
			if err != nil {
				return err
			}
			o, err := q.OrderGet(ctx, id)
			if err != nil {
				return dbError(err, "claimed order")
			}
			orderNo = o.OrderNo
			return s.audit(ctx, q, actor, "review.claim", orderSubject(o.OrderNo), map[string]any{"ttl_seconds": int(ttl.Seconds())})
		})
		if errors.Is(err, pgx.ErrNoRows) {
			if empty, qerr := s.queueEmptyFor(ctx, actor, f); qerr != nil || empty {
				return "", cmp.Or(qerr, error(Errorf(ENotFound, "no order is waiting for review")))
			}
			continue
		}
		return orderNo, dbError(err, "claim")
	}
	return "", Errorf(EConflict, "other operators are claiming the same orders; try again")
}

// queueEmptyFor reports whether no order in review matching f is free for actor.
func (s *Store) queueEmptyFor(ctx context.Context, actor Actor, f QueueFilter) (bool, error) {
	q, err := s.ReviewQueue(ctx, f)
	if err != nil {
		return false, err
	}
	for _, it := range q.Items {
		if it.ClaimedBy == "" || it.ClaimedBy == actor.Name {
			return false, nil
		}
	}
	return true, nil
}

// Claim claims one order in review for actor, unless another operator holds it.
func (s *Store) Claim(ctx context.Context, actor Actor, orderNo string, ttl time.Duration) error {
	if actor.Role != RoleOperator && actor.Role != RoleAdmin {
		return Errorf(EForbidden, "only operators work the review queue")
	}
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		_, err := q.ReviewClaimOrder(ctx, db.ReviewClaimOrderParams{ClaimedBy: actor.Name, ExpiresAt: s.now().Add(ttl), OrderNo: orderNo})
		if errors.Is(err, pgx.ErrNoRows) {
			o, gerr := q.OrderGetByNo(ctx, orderNo)
			if gerr != nil {
				return dbError(gerr, "order "+orderNo)
			}
			if Status(o.Status) != StatusNeedsReview {
				return Errorf(EConflict, "order %s is not in review (%s)", orderNo, o.Status)
			}
			return Errorf(EConflict, "order %s is being reviewed by another operator", orderNo)
		}
		if err != nil {
			return dbError(err, "claim")
		}
		return s.audit(ctx, q, actor, "review.claim", orderSubject(orderNo), map[string]any{"ttl_seconds": int(ttl.Seconds())})
	})
}

// RenewClaim extends actor's claim on an order to ttl from now while the
// operator works on it, and returns the new expiry. A claim that lapsed and
// went to another operator, or an order no longer in review, is a conflict.
// Renewals are not audited: the claim itself is.
func (s *Store) RenewClaim(ctx context.Context, actor Actor, orderNo string, ttl time.Duration) (time.Time, error) {
	if actor.Role != RoleOperator && actor.Role != RoleAdmin {
		return time.Time{}, Errorf(EForbidden, "only operators work the review queue")
	}
	exp, err := s.q.ReviewClaimRenew(ctx, db.ReviewClaimRenewParams{ExpiresAt: s.now().Add(ttl), OrderNo: orderNo, ClaimedBy: actor.Name})
	if errors.Is(err, pgx.ErrNoRows) {
		if _, gerr := s.q.OrderGetByNo(ctx, orderNo); gerr != nil {
			return time.Time{}, dbError(gerr, "order "+orderNo)
		}
		return time.Time{}, Errorf(EConflict, "order %s is not claimed by %s", orderNo, actor.Name)
	}
	if err != nil {
		return time.Time{}, dbError(err, "claim")
	}
	return exp, nil
}

// Release gives up actor's claim on an order.
func (s *Store) Release(ctx context.Context, actor Actor, orderNo string) error {
	o, err := s.q.OrderGetByNo(ctx, orderNo)
	if err != nil {
		return dbError(err, "order "+orderNo)
	}
	return dbError(s.q.ReviewClaimRelease(ctx, db.ReviewClaimReleaseParams{OrderID: o.ID, ClaimedBy: actor.Name}), "claim")
}

// ClaimInfo is a live claim on an order.
type ClaimInfo struct {
	ClaimedBy string
	ExpiresAt time.Time
}

// ClaimOf returns the live claim on an order, or nil.
func (s *Store) ClaimOf(ctx context.Context, orderNo string) (*ClaimInfo, error) {
	o, err := s.q.OrderGetByNo(ctx, orderNo)
	if err != nil {
		return nil, dbError(err, "order "+orderNo)
	}
	c, err := s.q.ReviewClaimGet(ctx, o.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, dbError(err, "claim")
	}
	return &ClaimInfo{ClaimedBy: c.ClaimedBy, ExpiresAt: c.ExpiresAt}, nil
}

// Decide records an operator's decision on an order in review that the
// operator has claimed, in one transaction with the status change and an
// audit entry: approve makes the order verified (so it counts in the totals
// as the transaction commits), reject rejects it, request_document sends it
// back to awaiting_documents, to return to a person once corrected.
func (s *Store) Decide(ctx context.Context, actor Actor, orderNo string, d Decision, reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case actor.Role != RoleOperator && actor.Role != RoleAdmin:
		return Errorf(EForbidden, "only operators decide on orders in review")
	case !d.Valid():
		return Errorf(EInvalid, "unknown decision %q (want approve, reject or request_document)", d)
	case reason == "":
		return Errorf(EInvalid, "a decision needs a reason")
	case len(reason) > 2000:
		return Errorf(EInvalid, "the reason is too long (at most 2000 bytes)")
	}
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		o, err := q.OrderLockByNo(ctx, orderNo)
		if err != nil {
			return dbError(err, "order "+orderNo)
		}
		if Status(o.Status) != StatusNeedsReview {
			return Errorf(EConflict, "order %s is not in review (%s)", orderNo, o.Status)
		}
		c, err := q.ReviewClaimGet(ctx, o.ID)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && c.ClaimedBy != actor.Name) {
			return Errorf(EConflict, "claim order %s before deciding on it", orderNo)
		}
		if err != nil {
			return dbError(err, "claim")
		}
		dec, err := q.ReviewDecisionInsert(ctx, db.ReviewDecisionInsertParams{OrderID: o.ID, Decision: string(d), Reason: reason, Actor: actor.Name})
		if err != nil {
			return dbError(err, "decision")
		}
		if err := q.ReviewClaimDelete(ctx, o.ID); err != nil {
			return dbError(err, "claim")
		}
		if err := s.audit(ctx, q, actor, "review.decide", orderSubject(orderNo), map[string]any{
			"decision_id": dec.ID, "decision": d, "reason": reason,
		}); err != nil {
			return err
		}
		to, requires := StatusVerified, false
		switch d {
		case DecisionReject:
			to = StatusRejected
		case DecisionRequestDocument:
			to, requires = StatusAwaitingDocuments, true
		}
		return s.setStatus(ctx, q, o, to, requires, actor, fmt.Sprintf("%s: %s", d, reason))
	})
}

// DecisionView is a recorded decision.
type DecisionView struct {
	Decision Decision
	Reason   string
	Actor    string
	At       time.Time
}

// Decisions returns an order's review decisions, oldest first.
func (s *Store) Decisions(ctx context.Context, orderNo string) ([]DecisionView, error) {
	o, err := s.q.OrderGetByNo(ctx, orderNo)
	if err != nil {
		return nil, dbError(err, "order "+orderNo)
	}
	rows, err := s.q.ReviewDecisions(ctx, o.ID)
	if err != nil {
		return nil, dbError(err, "decisions")
	}
	out := make([]DecisionView, 0, len(rows))
	for _, r := range rows {
		out = append(out, DecisionView{Decision: Decision(r.Decision), Reason: r.Reason, Actor: r.Actor, At: r.DecidedAt})
	}
	return out, nil
}

// DocState is where one of an order's five documents stands.
type DocState string

const (
	DocMissing    DocState = "missing"
	DocReading    DocState = "reading"
	DocRead       DocState = "read"
	DocUnreadable DocState = "unreadable"
)

// SupplierOrder is one row of a supplier's list of orders.
type SupplierOrder struct {
	OrderNo   string
	Date      Date
	Total     money.Fen
	Status    Status
	BuyerName string
	Documents map[DocKind]DocState
}

// SupplierOrders lists the orders of actor's supplier, newest first.
func (s *Store) SupplierOrders(ctx context.Context, actor Actor, limit int) ([]SupplierOrder, error) {
	if actor.Role != RoleSupplier || actor.SupplierID == "" {
		return nil, Errorf(EForbidden, "only a supplier's users list its orders")
	}
	rows, err := s.q.SupplierOrders(ctx, db.SupplierOrdersParams{SupplierID: actor.SupplierID, MaxRows: int32(limit)})
	if err != nil {
		return nil, dbError(err, "orders")
	}
	out := make([]SupplierOrder, 0, len(rows))
	for _, r := range rows {
		so := SupplierOrder{OrderNo: r.OrderNo, Date: dbDate(r.OrderDate), Total: money.Fen(r.TotalFen), Status: Status(r.Status), BuyerName: r.BuyerName,
			Documents: map[DocKind]DocState{}}
		for _, k := range DocKinds {
			so.Documents[k] = DocMissing
		}
		for part := range strings.SplitSeq(r.Documents, ",") {
			if k, st, ok := strings.Cut(part, ":"); ok {
				so.Documents[DocKind(k)] = DocState(st)
			}
		}
		out = append(out, so)
	}
	return out, nil
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

// OrdersBehind lists the verified orders in p that make up a figure.
func (s *Store) OrdersBehind(ctx context.Context, p Period, f Figure, limit int) ([]OrderRow, error) {
	from, to := p.params()
	rows, err := s.q.OrdersBehind(ctx, db.OrdersBehindParams{
		From: from, To: to, BuyerCounty: text(f.BuyerCounty), SupplierCounty: text(f.SupplierCounty),
		Buyer: text(f.Buyer), Supplier: text(f.Supplier), Category: text(string(f.Category)), MaxRows: int32(limit),
	})
	if err != nil {
		return nil, dbError(err, "orders")
	}
	out := make([]OrderRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, OrderRow{OrderNo: r.OrderNo, Date: dbDate(r.OrderDate), Total: money.Fen(r.TotalFen),
			BuyerName: r.BuyerName, SupplierName: r.SupplierName, BuyerCounty: r.BuyerCounty, SupplierCounty: r.SupplierCounty})
	}
	return out, nil
}

// Pending counts orders not counted in the totals: in review (needs_review,
// or still checking or awaiting documents) and rejected.
type Pending struct {
	InReview int64
	Rejected int64
}

// Unverified counts the orders of a period that are not verified, by the
// keys the statistics group on: "" (everything), "buyer_county:CODE",
// "supplier_county:CODE", "buyer:ID", "supplier:ID", "category:CATEGORY".
func (s *Store) Unverified(ctx context.Context, p Period) (map[string]Pending, error) {
	from, to := p.params()
	rows, err := s.q.UnverifiedCounts(ctx, db.UnverifiedCountsParams{From: from, To: to})
	if err != nil {
		return nil, dbError(err, "unverified orders")
	}
	out := map[string]Pending{}
	for _, r := range rows {
		keys := []string{"", "supplier_county:" + r.SupplierCounty, "supplier:" + r.SupplierID}
		if BuyerKind(r.BuyerKind) == BuyerBudgetUnit {
			keys = append(keys, "buyer_county:"+r.BuyerCounty, "buyer:"+r.BuyerID)
		}
		for _, k := range keys {
			pe := out[k]
			if Status(r.Status) == StatusRejected {
				pe.Rejected += r.Orders
			} else {
				pe.InReview += r.Orders
			}
			out[k] = pe
		}
	}
	cats, err := s.q.UnverifiedCategoryCounts(ctx, db.UnverifiedCategoryCountsParams{From: from, To: to})
	if err != nil {
		return nil, dbError(err, "unverified orders by category")
	}
	for _, r := range cats {
		k := "category:" + r.Category
		pe := out[k]
		if Status(r.Status) == StatusRejected {
			pe.Rejected += r.Orders
		} else {
			pe.InReview += r.Orders
		}
		out[k] = pe
	}
	return out, nil
}
