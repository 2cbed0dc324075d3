package postgres

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// LoadCheckInput gathers an order, its parties and its current documents with
// their extractions, and the evidence key of that set, from one snapshot.
// Integrity is left for the caller, who holds the object store.
func (s *Store) LoadCheckInput(ctx context.Context, orderID int64) (in pipeline.CheckInput, key string, err error) {
	err = s.inSnapshot(ctx, func(q *db.Queries) error {
		in, key, err = loadCheckInput(ctx, q, orderID, s.now())
		return err
	})
	return in, key, err
}

func loadCheckInput(ctx context.Context, q *db.Queries, orderID int64, now time.Time) (pipeline.CheckInput, string, error) {
	var none pipeline.CheckInput
	o, err := q.OrderGet(ctx, orderID)
	if err != nil {
		return none, "", dbError(err, fmt.Sprintf("order %d", orderID))
	}
	in := pipeline.CheckInput{Order: orderOf(o), Docs: map[pipeline.DocKind]*pipeline.CheckDoc{}, Today: pipeline.DateOf(now)}
	lines, err := q.OrderLines(ctx, o.ID)
	if err != nil {
		return none, "", dbError(err, "order lines")
	}
	for _, l := range lines {
		ol := pipeline.OrderLine{SKU: l.SKU, Quantity: money.Qty(l.QuantityMilli), UnitPrice: money.Fen(l.UnitPriceFen), Amount: money.Fen(l.AmountFen)}
		in.Order.Lines = append(in.Order.Lines, ol)
		in.Lines = append(in.Lines, pipeline.CheckLine{OrderLine: ol, Name: l.ProductName, Category: pipeline.Category(l.Category), Unit: l.Unit})
	}
	b, err := q.BuyerGet(ctx, o.BuyerID)
	if err != nil {
		return none, "", dbError(err, "buyer "+o.BuyerID)
	}
	in.Buyer = buyerOf(b)
	sp, err := q.SupplierGet(ctx, o.SupplierID)
	if err != nil {
		return none, "", dbError(err, "supplier "+o.SupplierID)
	}
	in.Supplier = supplierOf(sp)
	for _, p := range []struct {
		code string
		to   *pipeline.Division
	}{{b.DivisionCode, &in.BuyerDivision}, {sp.DivisionCode, &in.SupplierDivision}} {
		d, err := q.CheckDivision(ctx, p.code)
		if err != nil {
			return none, "", dbError(err, "division "+p.code)
		}
		*p.to = pipeline.Division{Code: d.Code, Name: d.Name, CityCode: d.CityCode.String, CityName: d.CityName}
	}
	same, err := q.CheckSameDayOrders(ctx, db.CheckSameDayOrdersParams{BuyerID: o.BuyerID, SupplierID: o.SupplierID, OrderDate: o.OrderDate, ID: o.ID})
	if err != nil {
		return none, "", dbError(err, "orders of the same day")
	}
	for _, x := range same {
		in.SameDay = append(in.SameDay, pipeline.Order{No: x.OrderNo, BuyerID: o.BuyerID, SupplierID: o.SupplierID, Date: dbDate(x.OrderDate), Total: money.Fen(x.TotalFen)})
	}
	docs, err := q.DocumentsCurrentByOrder(ctx, o.ID)
	if err != nil {
		return none, "", dbError(err, "current documents")
	}
	for _, d := range docs {
		cd := &pipeline.CheckDoc{
			Document:  documentOf(documentRow(d), o.OrderNo),
			Extracted: d.Extracted, Readable: d.Readable, Reason: d.Reason, Source: d.Source,
		}
		if err := json.Unmarshal(d.Fields, &cd.Fields); err != nil {
			return none, "", fmt.Errorf("document %d fields: %w", d.ID, err)
		}
		if err := json.Unmarshal(d.Lines, &cd.Lines); err != nil {
			return none, "", fmt.Errorf("document %d lines: %w", d.ID, err)
		}
		if err := json.Unmarshal(d.Layout, &cd.Layout); err != nil {
			return none, "", fmt.Errorf("document %d layout: %w", d.ID, err)
		}
		if err := json.Unmarshal(d.Slips, &cd.Slips); err != nil {
			return none, "", fmt.Errorf("document %d slips: %w", d.ID, err)
		}
		in.Docs[cd.Kind] = cd
	}
	key, _ := evidenceKey(docs)
	return in, key, nil
}

func orderOf(o db.Order) pipeline.Order {
	return pipeline.Order{No: o.OrderNo, BuyerID: o.BuyerID, SupplierID: o.SupplierID, Date: dbDate(o.OrderDate), Total: money.Fen(o.TotalFen)}
}

func buyerOf(b db.Buyer) pipeline.Buyer {
	return pipeline.Buyer{ID: b.ID, Name: b.Name, USCC: b.USCC, DivisionCode: b.DivisionCode, Kind: pipeline.BuyerKind(b.Kind)}
}

func supplierOf(sp db.Supplier) pipeline.Supplier {
	return pipeline.Supplier{ID: sp.ID, Name: sp.Name, USCC: sp.USCC, DivisionCode: sp.DivisionCode,
		BankName: sp.BankName, BankAccount: sp.BankAccount, Admitted: sp.Admitted}
}

// RecordVerdict stores the findings of checking an order's evidence set,
// claims its identifiers (an identifier another order holds adds a unique.*
// contradiction) and sets its status (pipeline.AfterVerdict), in one
// transaction with inTx (the job's completion): so the verdict, the
// statistics (which count verified orders) and the job change together. It
// is idempotent: a set already checked, or no longer current because a newer
// document arrived, records nothing.
func (s *Store) RecordVerdict(ctx context.Context, orderID int64, key string, findings []pipeline.Finding, identifiers []pipeline.Identifier, inTx func(context.Context, Tx) error) (pipeline.VerdictResult, error) {
	var res pipeline.VerdictResult
	err := s.inTx(ctx, func(tx pgx.Tx, q *db.Queries) error {
		o, err := q.OrderLock(ctx, orderID)
		if err != nil {
			return dbError(err, fmt.Sprintf("order %d", orderID))
		}
		res.Status = pipeline.Status(o.Status)
		cur, complete, err := currentKey(ctx, q, o.ID)
		if err != nil {
			return err
		}
		if !complete || cur != key {
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
		verdict := pipeline.Verdict(findings)
		digest, err := integrityDigest(findings)
		if err != nil {
			return err
		}
		checkID, err := q.CheckInsert(ctx, db.CheckInsertParams{OrderID: o.ID, EvidenceKey: key, Verdict: string(verdict), IntegrityDigest: digest})
		if err == pgx.ErrNoRows {
			// This set was checked already, its objects as intact or as
			// altered as now: a retried or duplicated job.
			return runTx(ctx, tx, inTx)
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
		if err := s.audit(ctx, q, pipeline.System, "order.check", pipeline.OrderSubject(o.OrderNo), map[string]any{
			"check_id": checkID, "evidence_key": key, "verdict": verdict, "findings": len(findings),
		}); err != nil {
			return err
		}
		t := pipeline.AfterVerdict(pipeline.Status(o.Status), o.RequiresReview, findings)
		if err := s.setStatus(ctx, q, o, t, pipeline.System); err != nil {
			return err
		}
		res = pipeline.VerdictResult{Status: t.To, Recorded: true, Findings: findings}
		return runTx(ctx, tx, inTx)
	})
	return res, err
}

func runTx(ctx context.Context, tx pgx.Tx, fn func(context.Context, Tx) error) error {
	if fn == nil {
		return nil
	}
	return fn(ctx, Tx{tx})
}

// claim releases the order's earlier claims and claims its identifiers,
// returning a finding for each one another order holds.
func (s *Store) claim(ctx context.Context, q *db.Queries, orderID int64, ids []pipeline.Identifier) ([]pipeline.Finding, error) {
	if err := q.ClaimsRelease(ctx, orderID); err != nil {
		return nil, dbError(err, "release claims")
	}
	// Claim in one global order, so two verdicts never wait on each other's claims.
	ids = slices.Clone(ids)
	slices.SortFunc(ids, func(a, b pipeline.Identifier) int {
		return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.Value, b.Value))
	})
	var out []pipeline.Finding
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
			out = append(out, pipeline.DuplicateFinding(id, owner.OrderNo))
			if err := s.reviewHolder(ctx, q, owner.OrderID, id, orderID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// reviewHolder decides what becomes of the order holding a reused
// identifier. A holder verified before the reuser's evidence came stays
// counted: the later claimant goes to review (its finding names the
// holder), and the holder gets a note an operator can act on; otherwise a
// supplier could take a competitor's verified order out of the totals by
// uploading a copy of its invoice. A holder verified after the reuser's
// evidence came (both arrived together, as in an import) goes back to
// review too: of two orders sharing an invoice, neither counts until a
// person has looked, whichever was checked first.
func (s *Store) reviewHolder(ctx context.Context, q *db.Queries, holderID int64, id pipeline.Identifier, reuserID int64) error {
	h, err := q.OrderLock(ctx, holderID)
	if err != nil {
		return dbError(err, "order holding an identifier")
	}
	if pipeline.Status(h.Status) != pipeline.StatusVerified {
		return nil
	}
	r, err := q.OrderGet(ctx, reuserID)
	if err != nil {
		return dbError(err, "order")
	}
	came, err := q.EvidenceUploadedAt(ctx, reuserID)
	if err != nil {
		return dbError(err, "evidence of order")
	}
	if h.StatusChangedAt.Before(came) {
		return s.audit(ctx, q, pipeline.System, "order.note", pipeline.OrderSubject(h.OrderNo), pipeline.OrderNote{
			Kind: pipeline.NoteIdentifierReused, IDKind: id.Kind, Value: id.Value, OtherOrder: r.OrderNo,
		})
	}
	return s.setStatus(ctx, q, h, pipeline.Transition{To: pipeline.StatusNeedsReview, RequiresReview: true,
		Reason: fmt.Sprintf("%s %s is also used by order %s", id.Kind, id.Value, r.OrderNo)}, pipeline.System)
}

// integrityDigest names what a check found wrong with the stored objects
// (its integrity.hash findings); empty when they were intact. A set checked
// again records a new check only when this differs: a retried job records
// nothing, whatever else it finds, but a set whose objects were altered
// since its check is checked anew.
func integrityDigest(findings []pipeline.Finding) ([]byte, error) {
	h := sha256.New()
	n := 0
	for _, f := range findings {
		if f.Rule != pipeline.RuleIntegrity {
			continue
		}
		d, err := json.Marshal(f.Detail)
		if err != nil {
			return nil, fmt.Errorf("finding detail: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%s\x00", f.Message, d)
		n++
	}
	if n == 0 {
		return []byte{}, nil
	}
	return h.Sum(nil), nil
}
