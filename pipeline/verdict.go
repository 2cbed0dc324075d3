package pipeline

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline/internal/db"
)

// LoadCheckInput gathers an order, its parties and its current documents with
// their extractions, and the evidence key of that set. Integrity is left for
// the caller, who holds the object store.
func (s *Store) LoadCheckInput(ctx context.Context, orderID int64) (CheckInput, string, error) {
	o, err := s.q.OrderGet(ctx, orderID)
	if err != nil {
		return CheckInput{}, "", dbError(err, fmt.Sprintf("order %d", orderID))
	}
	in := CheckInput{Order: orderOf(o), Docs: map[DocKind]*CheckDoc{}}
	lines, err := s.q.OrderLines(ctx, o.ID)
	if err != nil {
		return CheckInput{}, "", dbError(err, "order lines")
	}
	for _, l := range lines {
		ol := OrderLine{SKU: l.SKU, Quantity: money.Qty(l.QuantityMilli), UnitPrice: money.Fen(l.UnitPriceFen), Amount: money.Fen(l.AmountFen)}
		in.Order.Lines = append(in.Order.Lines, ol)
		in.Lines = append(in.Lines, CheckLine{OrderLine: ol, Name: l.ProductName, Category: Category(l.Category), Unit: l.Unit})
	}
	b, err := s.q.BuyerGet(ctx, o.BuyerID)
	if err != nil {
		return CheckInput{}, "", dbError(err, "buyer "+o.BuyerID)
	}
	in.Buyer = Buyer{ID: b.ID, Name: b.Name, USCC: b.USCC, DivisionCode: b.DivisionCode, Kind: BuyerKind(b.Kind)}
	sp, err := s.q.SupplierGet(ctx, o.SupplierID)
	if err != nil {
		return CheckInput{}, "", dbError(err, "supplier "+o.SupplierID)
	}
	in.Supplier = Supplier{ID: sp.ID, Name: sp.Name, USCC: sp.USCC, DivisionCode: sp.DivisionCode, BankName: sp.BankName, BankAccount: sp.BankAccount, Admitted: sp.Admitted}
	for _, p := range []struct {
		code string
		to   *Division
	}{{b.DivisionCode, &in.BuyerDivision}, {sp.DivisionCode, &in.SupplierDivision}} {
		d, err := s.q.CheckDivision(ctx, p.code)
		if err != nil {
			return CheckInput{}, "", dbError(err, "division "+p.code)
		}
		*p.to = Division{Code: d.Code, Name: d.Name, CityCode: d.CityCode.String, CityName: d.CityName}
	}
	same, err := s.q.CheckSameDayOrders(ctx, db.CheckSameDayOrdersParams{BuyerID: o.BuyerID, SupplierID: o.SupplierID, OrderDate: o.OrderDate, ID: o.ID})
	if err != nil {
		return CheckInput{}, "", dbError(err, "orders of the same day")
	}
	for _, x := range same {
		in.SameDay = append(in.SameDay, Order{No: x.OrderNo, BuyerID: o.BuyerID, SupplierID: o.SupplierID, Date: dbDate(x.OrderDate), Total: money.Fen(x.TotalFen)})
	}
	in.Today = DateOf(time.Now())
	docs, err := s.q.DocumentsCurrentByOrder(ctx, o.ID)
	if err != nil {
		return CheckInput{}, "", dbError(err, "current documents")
	}
	for _, d := range docs {
		cd := &CheckDoc{
			Document:  documentOf(documentRow(d), o.OrderNo),
			Extracted: d.Extracted, Readable: d.Readable, Reason: d.Reason,
		}
		if err := json.Unmarshal(d.Fields, &cd.Fields); err != nil {
			return CheckInput{}, "", fmt.Errorf("document %d fields: %w", d.ID, err)
		}
		if err := json.Unmarshal(d.Lines, &cd.Lines); err != nil {
			return CheckInput{}, "", fmt.Errorf("document %d lines: %w", d.ID, err)
		}
		in.Docs[cd.Kind] = cd
	}
	key, _ := evidenceKey(docs)
	return in, key, nil
}

func orderOf(o db.Order) Order {
	return Order{No: o.OrderNo, BuyerID: o.BuyerID, SupplierID: o.SupplierID, Date: dbDate(o.OrderDate), Total: money.Fen(o.TotalFen)}
}

// VerdictResult is what RecordVerdict did.
type VerdictResult struct {
	Status   Status // the order's status afterwards
	Recorded bool   // false when the evidence set was stale or already checked
}

// RecordVerdict stores the findings of checking an order's evidence set,
// claims its identifiers (an identifier another order holds adds a unique.*
// contradiction) and sets its status, in one transaction with inTx (the job's completion): so the
// verdict, the statistics (which count verified orders) and the job change
// together. It is idempotent: a set already checked, or no longer current
// because a newer document arrived, records nothing.
func (s *Store) RecordVerdict(ctx context.Context, orderID int64, key string, findings []Finding, identifiers []Identifier, inTx func(context.Context, pgx.Tx) error) (VerdictResult, error) {
	var res VerdictResult
	err := s.inTx(ctx, func(tx pgx.Tx, q *db.Queries) error {
		o, err := q.OrderLock(ctx, orderID)
		if err != nil {
			return dbError(err, fmt.Sprintf("order %d", orderID))
		}
		res.Status = Status(o.Status)
		docs, err := q.DocumentsCurrentByOrder(ctx, o.ID)
		if err != nil {
			return dbError(err, "current documents")
		}
		if cur, complete := evidenceKey(docs); !complete || cur != key {
			return runTx(ctx, tx, inTx) // stale: a newer set has its own job
		}
		// Claim the order's identifiers: the primary key of the claims makes
		// the first order to commit hold each one, so two orders sharing an
		// invoice cannot both pass, however close together they are checked.
		dups, err := s.claim(ctx, q, o.ID, identifiers)
		if err != nil {
			return err
		}
		findings = append(slices.Clip(findings), dups...)
		verdict := Verdict(findings)
		checkID, err := q.CheckInsert(ctx, db.CheckInsertParams{OrderID: o.ID, EvidenceKey: key, Verdict: string(verdict)})
		if err == pgx.ErrNoRows {
			return runTx(ctx, tx, inTx) // this set was checked already
		}
		if err != nil {
			return dbError(err, "check")
		}
		for i, f := range findings {
			detail, err := json.Marshal(f.Detail)
			if err != nil {
				return fmt.Errorf("finding detail: %w", err)
			}
			if err := q.FindingInsert(ctx, db.FindingInsertParams{
				CheckID: checkID, Seq: int32(i + 1), Rule: f.Rule, Severity: string(f.Severity), Message: f.Message, Detail: detail,
			}); err != nil {
				return dbError(err, "finding")
			}
		}
		to := verdict
		reason := fmt.Sprintf("%d findings", len(findings))
		switch {
		case Status(o.Status) == StatusRejected:
			to = StatusRejected // only a person re-opens a rejected order
		case o.RequiresReview:
			to, reason = StatusNeedsReview, reason+"; evidence changed after verification"
		}
		if err := s.audit(ctx, q, System, "order.check", orderSubject(o.OrderNo), map[string]any{
			"check_id": checkID, "evidence_key": key, "verdict": verdict, "findings": len(findings),
		}); err != nil {
			return err
		}
		if err := s.setStatus(ctx, q, o, to, o.RequiresReview, System, reason); err != nil {
			return err
		}
		res = VerdictResult{Status: to, Recorded: true}
		return runTx(ctx, tx, inTx)
	})
	return res, err
}

func runTx(ctx context.Context, tx pgx.Tx, fn func(context.Context, pgx.Tx) error) error {
	if fn == nil {
		return nil
	}
	return fn(ctx, tx)
}

// claim releases the order's earlier claims and claims its identifiers,
// returning a finding for each one another order holds.
func (s *Store) claim(ctx context.Context, q *db.Queries, orderID int64, ids []Identifier) ([]Finding, error) {
	if err := q.ClaimsRelease(ctx, orderID); err != nil {
		return nil, dbError(err, "release claims")
	}
	// Claim in one global order, so two verdicts never wait on each other's claims.
	ids = slices.Clone(ids)
	slices.SortFunc(ids, func(a, b Identifier) int {
		return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.Value, b.Value))
	})
	var out []Finding
	seen := map[[2]string]bool{}
	for _, id := range ids {
		k := [2]string{id.Kind, id.Value}
		if seen[k] {
			continue // the same value twice on one order is not a duplicate
		}
		seen[k] = true
		if err := q.ClaimInsert(ctx, db.ClaimInsertParams{Kind: id.Kind, Value: id.Value, OrderID: orderID}); err != nil {
			return nil, dbError(err, "claim")
		}
		owner, err := q.ClaimOwner(ctx, db.ClaimOwnerParams{Kind: id.Kind, Value: id.Value})
		if err != nil {
			return nil, dbError(err, "claim owner")
		}
		if owner.OrderID != orderID {
			out = append(out, duplicateFinding(id, owner.OrderNo))
			if err := s.reviewHolder(ctx, q, owner.OrderID, id, orderID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// reviewHolder sends the order holding a reused identifier back to review:
// of two orders sharing an invoice, neither may count until a person has
// looked, whichever was checked first.
func (s *Store) reviewHolder(ctx context.Context, q *db.Queries, holderID int64, id Identifier, reuserID int64) error {
	h, err := q.OrderLock(ctx, holderID)
	if err != nil {
		return dbError(err, "order holding an identifier")
	}
	if Status(h.Status) != StatusVerified {
		return nil
	}
	r, err := q.OrderGet(ctx, reuserID)
	if err != nil {
		return dbError(err, "order")
	}
	return s.setStatus(ctx, q, h, StatusNeedsReview, true, System,
		fmt.Sprintf("%s %s is also used by order %s", id.Kind, id.Value, r.OrderNo))
}
