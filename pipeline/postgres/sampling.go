package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// DrawSampleRound draws a sampling round over the orders verified without a
// person in the period: SampleSize of them for the confidence and tolerable
// error rate, by seed (pipeline.DrawSample), recorded with everything that
// reproduces the draw, in one transaction with an audit entry. Seed 0 is
// a random one (pipeline.NewSeed), recorded like any.
func (s *Store) DrawSampleRound(ctx context.Context, actor pipeline.Actor, per pipeline.Period, confidence, tolerable float64, seed uint64) (*pipeline.SampleRound, error) {
	if err := onlyReviewers(actor); err != nil {
		return nil, err
	}
	if seed == 0 {
		seed = pipeline.NewSeed()
	}
	var id int64
	err := s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		from, to := periodParams(per)
		pop, err := q.SamplePopulation(ctx, db.SamplePopulationParams{FromDate: from, ToDate: to})
		if err != nil {
			return dbError(err, "sample population")
		}
		n, err := pipeline.SampleSize(confidence, tolerable, len(pop))
		if err != nil {
			return err
		}
		ids := make([]int64, len(pop))
		var amount int64
		for i, p := range pop {
			ids[i], amount = p.ID, amount+p.TotalFen
		}
		r, err := q.SampleRoundInsert(ctx, db.SampleRoundInsertParams{PeriodFrom: from, PeriodTo: to, Confidence: confidence, Tolerable: tolerable,
			Seed: int64(seed), Population: int32(len(pop)), PopulationFen: amount, DrawnBy: actor.Name})
		if err != nil {
			return dbError(err, "sample round")
		}
		id = r.ID
		drawn := pipeline.DrawSample(ids, n, seed)
		for _, o := range drawn {
			if err := q.SampleItemInsert(ctx, db.SampleItemInsertParams{RoundID: r.ID, OrderID: o}); err != nil {
				return dbError(err, "sample item")
			}
		}
		return s.audit(ctx, q, actor, "sample.draw", fmt.Sprintf("sample:%d", r.ID), map[string]any{
			"from": per.From, "to": per.To, "confidence": confidence, "tolerable": tolerable, "seed": seed,
			"population": len(pop), "population_fen": amount, "drawn": len(drawn),
		})
	})
	if err != nil {
		return nil, err
	}
	return s.SampleRound(ctx, id)
}

// SampleRound returns a round with its items and result; id 0 is the latest.
func (s *Store) SampleRound(ctx context.Context, id int64) (*pipeline.SampleRound, error) {
	var r db.SampleRound
	var err error
	if id == 0 {
		r, err = s.q.SampleRoundLatest(ctx)
	} else {
		r, err = s.q.SampleRoundGet(ctx, id)
	}
	if err != nil {
		return nil, dbError(err, "sample round")
	}
	return sampleRound(ctx, s.q, r)
}

// sampleRound completes a round's row with its items and result.
func sampleRound(ctx context.Context, q *db.Queries, r db.SampleRound) (*pipeline.SampleRound, error) {
	items, err := q.SampleItems(ctx, r.ID)
	if err != nil {
		return nil, dbError(err, "sample items")
	}
	out := &pipeline.SampleRound{ID: r.ID, Confidence: r.Confidence, Tolerable: r.Tolerable, Seed: uint64(r.Seed), DrawnBy: r.DrawnBy, DrawnAt: r.DrawnAt,
		ClosedBy: r.ClosedBy.String, ClosedAt: r.ClosedAt.Time}
	if r.PeriodFrom.Valid {
		out.Period.From = dbDate(r.PeriodFrom.Time)
	}
	if r.PeriodTo.Valid {
		out.Period.To = dbDate(r.PeriodTo.Time)
	}
	checked, errs := 0, 0
	for _, it := range items {
		si := pipeline.SampleItem{OrderNo: it.OrderNo, Total: money.Fen(it.TotalFen), Result: it.Result, Note: it.Note, CheckedBy: it.CheckedBy}
		if it.CheckedAt.Valid {
			si.CheckedAt = it.CheckedAt.Time
		}
		if it.Result != "" {
			checked++
		}
		if it.Result == "error" {
			errs++
		}
		out.Items = append(out.Items, si)
	}
	out.Result = pipeline.NewSampleResult(int(r.Population), money.Fen(r.PopulationFen), len(items), checked, errs, r.Confidence)
	return out, nil
}

// RecordSampleCheck records what an operator's re-check of a sampled order
// found, once: ok, or error, which reopens the order (out of the totals, to
// review) with the note as its reason. An audit entry records either.
func (s *Store) RecordSampleCheck(ctx context.Context, actor pipeline.Actor, roundID int64, orderNo string, wrong bool, note string) error {
	if err := onlyReviewers(actor); err != nil {
		return err
	}
	if wrong && note == "" {
		return pipeline.Errorf(pipeline.EInvalid, "say what was wrong with the order")
	}
	result := "ok"
	if wrong {
		result = "error"
	}
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		o, err := q.OrderLockByNo(ctx, orderNo)
		if err != nil {
			return dbError(err, "order "+orderNo)
		}
		n, err := q.SampleItemRecord(ctx, db.SampleItemRecordParams{RoundID: roundID, OrderID: o.ID, Result: text(result), Note: note, CheckedBy: text(actor.Name)})
		if err != nil {
			return dbError(err, "sample item")
		}
		if n == 0 {
			return pipeline.Errorf(pipeline.EConflict, "order %s is not in open sample %d, or its re-check is recorded already", orderNo, roundID)
		}
		if err := s.audit(ctx, q, actor, "sample.check", pipeline.OrderSubject(orderNo), map[string]any{
			"sample": roundID, "result": result, "note": note,
		}); err != nil {
			return err
		}
		if !wrong || pipeline.Status(o.Status) != pipeline.StatusVerified {
			return nil
		}
		return s.setStatus(ctx, q, o, pipeline.Transition{To: pipeline.StatusNeedsReview, RequiresReview: true,
			Reason: fmt.Sprintf("sampling audit %d found it wrongly verified: %s", roundID, note)}, actor)
	})
}

// CloseSampleRound closes a round whose sampled orders have all been
// re-checked, with an audit entry of its final result; a closed round
// records no further re-check. EConflict if it is closed already or
// orders are left to re-check.
func (s *Store) CloseSampleRound(ctx context.Context, actor pipeline.Actor, id int64) error {
	if err := onlyReviewers(actor); err != nil {
		return err
	}
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		r, err := q.SampleRoundLock(ctx, id)
		if err != nil {
			return dbError(err, fmt.Sprintf("sample round %d", id))
		}
		if r.ClosedAt.Valid {
			return pipeline.Errorf(pipeline.EConflict, "sample %d is closed already", id)
		}
		left, err := q.SampleRoundUnchecked(ctx, id)
		if err != nil {
			return dbError(err, "sample items")
		}
		if left > 0 {
			return pipeline.Errorf(pipeline.EConflict, "sample %d has %d orders left to re-check", id, left)
		}
		if err := q.SampleRoundClose(ctx, db.SampleRoundCloseParams{ID: id, ClosedBy: text(actor.Name)}); err != nil {
			return dbError(err, "close sample round")
		}
		round, err := sampleRound(ctx, q, r)
		if err != nil {
			return err
		}
		res := round.Result
		return s.audit(ctx, q, actor, "sample.close", fmt.Sprintf("sample:%d", id), map[string]any{
			"drawn": res.Drawn, "errors": res.Errors, "rate": res.Rate, "bound": res.Bound, "confidence": res.Confidence,
			"at_risk_fen": int64(res.AtRisk), "population_fen": int64(res.Amount),
		})
	})
}
