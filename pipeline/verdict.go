package pipeline

import (
	"context"
	"encoding/json"
	"fmt"

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
		in.Order.Lines = append(in.Order.Lines, OrderLine{SKU: l.SKU, Quantity: money.Qty(l.QuantityMilli), UnitPrice: money.Fen(l.UnitPriceFen), Amount: money.Fen(l.AmountFen)})
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

// RecordVerdict stores the findings of checking an order's evidence set and
// sets its status, in one transaction with inTx (the job's completion): so the
// verdict, the statistics (which count verified orders) and the job change
// together. It is idempotent: a set already checked, or no longer current
// because a newer document arrived, records nothing.
func (s *Store) RecordVerdict(ctx context.Context, orderID int64, key string, findings []Finding, inTx func(context.Context, pgx.Tx) error) (VerdictResult, error) {
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
