package postgres

import (
	"cmp"
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// ReviewQueue returns the orders in review matching f, with counts over the
// whole queue (pipeline.NewReviewQueueView).
func (s *Store) ReviewQueue(ctx context.Context, f pipeline.QueueFilter) (*pipeline.ReviewQueueView, error) {
	rows, err := s.q.ReviewQueueAll(ctx)
	if err != nil {
		return nil, dbError(err, "review queue")
	}
	items := make([]pipeline.QueueItem, 0, len(rows))
	for _, r := range rows {
		it := pipeline.QueueItem{
			OrderNo: r.OrderNo, Date: dbDate(r.OrderDate), Total: money.Fen(r.TotalFen), Since: r.StatusChangedAt,
			SupplierID: r.SupplierID, SupplierName: r.SupplierName, County: r.DivisionCode, CountyName: r.CountyName,
			Rules: r.Rules, RequiresReview: r.RequiresReview, ClaimedBy: r.ClaimedBy,
		}
		if r.ClaimExpiresAt.Valid {
			it.ClaimExpiresAt = r.ClaimExpiresAt.Time
		}
		items = append(items, it)
	}
	return pipeline.NewReviewQueueView(items, f), nil
}

func text(v string) pgtype.Text { return pgtype.Text{String: v, Valid: v != ""} }

func onlyReviewers(actor pipeline.Actor) error {
	if !actor.CanReview() {
		return pipeline.Errorf(pipeline.EForbidden, "only operators work the review queue")
	}
	return nil
}

// ClaimNext claims the next order in review for actor for ttl: one actor
// already holds first, then the oldest (or largest) that nobody else holds.
// Two operators never get the same order; an expired claim is free again.
// ENotFound when nothing is left.
func (s *Store) ClaimNext(ctx context.Context, actor pipeline.Actor, f pipeline.QueueFilter, ttl time.Duration) (string, error) {
	if err := onlyReviewers(actor); err != nil {
		return "", err
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
			return s.auditClaim(ctx, q, actor, o.OrderNo, ttl)
		})
		if errors.Is(err, pgx.ErrNoRows) {
			q, qerr := s.ReviewQueue(ctx, f)
			if qerr != nil || !q.FreeFor(actor) {
				return "", cmp.Or(qerr, error(pipeline.Errorf(pipeline.ENotFound, "no order is waiting for review")))
			}
			continue
		}
		return orderNo, dbError(err, "claim")
	}
	return "", pipeline.Errorf(pipeline.EConflict, "other operators are claiming the same orders; try again")
}

func (s *Store) auditClaim(ctx context.Context, q *db.Queries, actor pipeline.Actor, orderNo string, ttl time.Duration) error {
	return s.audit(ctx, q, actor, "review.claim", pipeline.OrderSubject(orderNo), map[string]any{"ttl_seconds": int(ttl.Seconds())})
}

// Claim claims one order in review for actor, unless another operator holds it.
func (s *Store) Claim(ctx context.Context, actor pipeline.Actor, orderNo string, ttl time.Duration) error {
	if err := onlyReviewers(actor); err != nil {
		return err
	}
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		_, err := q.ReviewClaimOrder(ctx, db.ReviewClaimOrderParams{ClaimedBy: actor.Name, ExpiresAt: s.now().Add(ttl), OrderNo: orderNo})
		if errors.Is(err, pgx.ErrNoRows) {
			o, gerr := q.OrderGetByNo(ctx, orderNo)
			if gerr != nil {
				return dbError(gerr, "order "+orderNo)
			}
			if pipeline.Status(o.Status) != pipeline.StatusNeedsReview {
				return notInReview(o)
			}
			return pipeline.Errorf(pipeline.EConflict, "order %s is being reviewed by another operator", orderNo)
		}
		if err != nil {
			return dbError(err, "claim")
		}
		return s.auditClaim(ctx, q, actor, orderNo, ttl)
	})
}

func notInReview(o db.Order) error {
	return pipeline.Errorf(pipeline.EConflict, "order %s is not in review (%s)", o.OrderNo, pipeline.Status(o.Status))
}

// RenewClaim extends actor's claim on an order to ttl from now while the
// operator works on it, and returns the new expiry. A claim that lapsed and
// went to another operator, or an order no longer in review, is a conflict.
// Renewals are not audited: the claim itself is.
func (s *Store) RenewClaim(ctx context.Context, actor pipeline.Actor, orderNo string, ttl time.Duration) (time.Time, error) {
	if err := onlyReviewers(actor); err != nil {
		return time.Time{}, err
	}
	exp, err := s.q.ReviewClaimRenew(ctx, db.ReviewClaimRenewParams{ExpiresAt: s.now().Add(ttl), OrderNo: orderNo, ClaimedBy: actor.Name})
	if errors.Is(err, pgx.ErrNoRows) {
		if _, gerr := s.q.OrderGetByNo(ctx, orderNo); gerr != nil {
			return time.Time{}, dbError(gerr, "order "+orderNo)
		}
		return time.Time{}, pipeline.Errorf(pipeline.EConflict, "order %s is not claimed by %s", orderNo, actor.Name)
	}
	if err != nil {
		return time.Time{}, dbError(err, "claim")
	}
	return exp, nil
}

// Release gives up actor's claim on an order.
func (s *Store) Release(ctx context.Context, actor pipeline.Actor, orderNo string) error {
	o, err := s.q.OrderGetByNo(ctx, orderNo)
	if err != nil {
		return dbError(err, "order "+orderNo)
	}
	return dbError(s.q.ReviewClaimRelease(ctx, db.ReviewClaimReleaseParams{OrderID: o.ID, ClaimedBy: actor.Name}), "claim")
}

// ClaimOf returns the live claim on an order, or nil.
func (s *Store) ClaimOf(ctx context.Context, orderNo string) (*pipeline.ClaimInfo, error) {
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
	return &pipeline.ClaimInfo{ClaimedBy: c.ClaimedBy, ExpiresAt: c.ExpiresAt}, nil
}

// Decide records an operator's decision on an order in review that the
// operator has claimed, in one transaction with the status change
// (pipeline.AfterDecision) and an audit entry: an approved order counts in
// the totals as the transaction commits.
func (s *Store) Decide(ctx context.Context, actor pipeline.Actor, orderNo string, d pipeline.Decision, reason string) error {
	return s.decide(ctx, actor, orderNo, d, "", reason)
}

// RequestDocument sends an order in review back to its supplier for a
// document of kind (any, when empty): a decision request_document that
// names what is wanted, shown to the supplier on the order and its list.
func (s *Store) RequestDocument(ctx context.Context, actor pipeline.Actor, orderNo string, kind pipeline.DocKind, reason string) error {
	if kind != "" && !kind.Valid() {
		return pipeline.ErrUnknownKind(kind)
	}
	return s.decide(ctx, actor, orderNo, pipeline.DecisionRequestDocument, kind, reason)
}

func (s *Store) decide(ctx context.Context, actor pipeline.Actor, orderNo string, d pipeline.Decision, kind pipeline.DocKind, reason string) error {
	reason = strings.TrimSpace(reason)
	if err := pipeline.CheckDecision(actor, d, reason); err != nil {
		return err
	}
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		o, err := q.OrderLockByNo(ctx, orderNo)
		if err != nil {
			return dbError(err, "order "+orderNo)
		}
		if pipeline.Status(o.Status) != pipeline.StatusNeedsReview {
			return notInReview(o)
		}
		c, err := q.ReviewClaimGet(ctx, o.ID)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && c.ClaimedBy != actor.Name) {
			return pipeline.Errorf(pipeline.EConflict, "claim order %s before deciding on it", orderNo)
		}
		if err != nil {
			return dbError(err, "claim")
		}
		dec, err := q.ReviewDecisionInsert(ctx, db.ReviewDecisionInsertParams{OrderID: o.ID, Decision: string(d), Reason: reason, Actor: actor.Name,
			RequestedKind: text(string(kind))})
		if err != nil {
			return dbError(err, "decision")
		}
		if err := q.ReviewClaimDelete(ctx, o.ID); err != nil {
			return dbError(err, "claim")
		}
		if err := s.audit(ctx, q, actor, "review.decide", pipeline.OrderSubject(orderNo), map[string]any{
			"decision_id": dec.ID, "decision": d, "reason": reason, "requested_kind": kind,
		}); err != nil {
			return err
		}
		return s.setStatus(ctx, q, o, pipeline.AfterDecision(d, reason), actor)
	})
}

// Decisions returns an order's review decisions, oldest first.
func (s *Store) Decisions(ctx context.Context, orderNo string) ([]pipeline.DecisionView, error) {
	o, err := s.q.OrderGetByNo(ctx, orderNo)
	if err != nil {
		return nil, dbError(err, "order "+orderNo)
	}
	rows, err := s.q.ReviewDecisions(ctx, o.ID)
	if err != nil {
		return nil, dbError(err, "decisions")
	}
	out := make([]pipeline.DecisionView, 0, len(rows))
	for _, r := range rows {
		out = append(out, pipeline.DecisionView{Decision: pipeline.Decision(r.Decision), Reason: r.Reason, Actor: r.Actor, At: r.DecidedAt,
			Kind: pipeline.DocKind(r.RequestedKind.String)})
	}
	return out, nil
}

// SupplierOrders lists a page of the orders of actor's supplier, newest
// first, and sets the page's total. A page past the end is the last one.
func (s *Store) SupplierOrders(ctx context.Context, actor pipeline.Actor, page *pipeline.Page) ([]pipeline.SupplierOrder, error) {
	if actor.Role != pipeline.RoleSupplier || actor.SupplierID == "" {
		return nil, pipeline.Errorf(pipeline.EForbidden, "only a supplier's users list its orders")
	}
	rows, err := paged(page, func(skip, size int32) ([]db.SupplierOrdersRow, error) {
		return s.q.SupplierOrders(ctx, db.SupplierOrdersParams{SupplierID: actor.SupplierID, SkipRows: skip, MaxRows: size})
	}, func(r db.SupplierOrdersRow) int64 { return r.TotalRows })
	if err != nil {
		return nil, dbError(err, "orders")
	}
	out := make([]pipeline.SupplierOrder, 0, len(rows))
	for _, r := range rows {
		so := pipeline.SupplierOrder{OrderNo: r.OrderNo, Date: dbDate(r.OrderDate), Total: money.Fen(r.TotalFen), Requested: r.Requested,
			Status: pipeline.Status(r.Status), BuyerName: r.BuyerName, Documents: map[pipeline.DocKind]pipeline.DocState{}}
		for _, k := range pipeline.DocKinds {
			so.Documents[k] = pipeline.DocMissing
		}
		for part := range strings.SplitSeq(r.Documents, ",") {
			if k, st, ok := strings.Cut(part, ":"); ok {
				so.Documents[pipeline.DocKind(k)] = pipeline.DocState(st)
			}
		}
		out = append(out, so)
	}
	return out, nil
}

// OrdersBehind lists a page of the verified orders in p that make up a
// figure, sets the page's total and returns what all of them sum to. A
// page past the end is the last one.
func (s *Store) OrdersBehind(ctx context.Context, p pipeline.Period, f pipeline.Figure, page *pipeline.Page) ([]pipeline.OrderRow, money.Fen, error) {
	from, to := periodParams(p)
	rows, err := paged(page, func(skip, size int32) ([]db.OrdersBehindRow, error) {
		return s.q.OrdersBehind(ctx, db.OrdersBehindParams{
			From: from, To: to, BuyerCounty: text(f.BuyerCounty), SupplierCounty: text(f.SupplierCounty),
			Buyer: text(f.Buyer), Supplier: text(f.Supplier), Category: text(string(f.Category)), SkipRows: skip, MaxRows: size,
		})
	}, func(r db.OrdersBehindRow) int64 { return r.TotalRows })
	if err != nil {
		return nil, 0, dbError(err, "orders")
	}
	var sum money.Fen
	out := make([]pipeline.OrderRow, 0, len(rows))
	for _, r := range rows {
		sum = money.Fen(r.TotalSum)
		out = append(out, pipeline.OrderRow{OrderNo: r.OrderNo, Date: dbDate(r.OrderDate), Total: money.Fen(r.TotalFen),
			BuyerName: r.BuyerName, SupplierName: r.SupplierName, BuyerCounty: r.BuyerCounty, SupplierCounty: r.SupplierCounty})
	}
	return out, sum, nil
}

// paged reads one page of a list whose rows carry the list's length
// (count(*) over ()), setting page.Total. A page past the end reads as
// the last page.
func paged[R any](page *pipeline.Page, read func(skip, size int32) ([]R, error), total func(R) int64) ([]R, error) {
	rows, err := read(int32(page.Offset()), int32(page.Size))
	if err != nil || len(rows) > 0 || page.N == 1 {
		if len(rows) > 0 {
			page.Total = int(total(rows[0]))
		}
		return rows, err
	}
	if rows, err = read(0, 1); err != nil || len(rows) == 0 {
		page.N, page.Total = 1, 0
		return rows, err
	}
	page.Total = int(total(rows[0]))
	page.N = page.Pages()
	return read(int32(page.Offset()), int32(page.Size))
}

// Unverified counts the orders of a period that are not verified, by the
// keys the statistics group on: "" (everything), "buyer_county:CODE",
// "supplier_county:CODE", "buyer:ID", "supplier:ID", "category:CATEGORY".
func (s *Store) Unverified(ctx context.Context, p pipeline.Period) (map[string]pipeline.Pending, error) {
	from, to := periodParams(p)
	rows, err := s.q.UnverifiedCounts(ctx, db.UnverifiedCountsParams{From: from, To: to})
	if err != nil {
		return nil, dbError(err, "unverified orders")
	}
	out := map[string]pipeline.Pending{}
	add := func(key string, st string, n int64) {
		pe := out[key]
		pe.Add(pipeline.Status(st), n)
		out[key] = pe
	}
	for _, r := range rows {
		keys := []string{"", "supplier_county:" + r.SupplierCounty, "supplier:" + r.SupplierID}
		if pipeline.BuyerKind(r.BuyerKind) == pipeline.BuyerBudgetUnit {
			keys = append(keys, "buyer_county:"+r.BuyerCounty, "buyer:"+r.BuyerID)
		}
		for _, k := range keys {
			add(k, r.Status, r.Orders)
		}
	}
	cats, err := s.q.UnverifiedCategoryCounts(ctx, db.UnverifiedCategoryCountsParams{From: from, To: to})
	if err != nil {
		return nil, dbError(err, "unverified orders by category")
	}
	for _, r := range cats {
		add("category:"+r.Category, r.Status, r.Orders)
	}
	return out, nil
}

// OpenReview returns what an operator may do with an order in status st
// (pipeline.ReviewStateOf). Opening an order one holds is working on it:
// the claim is renewed to ttl from now.
func (s *Store) OpenReview(ctx context.Context, actor pipeline.Actor, orderNo string, st pipeline.Status, ttl time.Duration) (pipeline.ReviewState, error) {
	if !actor.CanReview() {
		return pipeline.ReviewState{}, nil
	}
	c, err := s.ClaimOf(ctx, orderNo)
	if err != nil {
		return pipeline.ReviewState{}, err
	}
	rs := pipeline.ReviewStateOf(actor, st, c)
	if rs.CanDecide {
		if rs.Claim.ExpiresAt, err = s.RenewClaim(ctx, actor, orderNo, ttl); err != nil {
			return pipeline.ReviewState{}, err
		}
	}
	return rs, nil
}
