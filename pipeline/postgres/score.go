package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// Outcomes returns every order's status, whether an operator decided on it,
// the kinds of its current documents and the findings of its latest check,
// by order number (for heshi score), from one snapshot.
func (s *Store) Outcomes(ctx context.Context) ([]pipeline.Outcome, error) {
	var out []pipeline.Outcome
	err := s.inSnapshot(ctx, func(q *db.Queries) error {
		orders, err := q.ScoreOrders(ctx)
		if err != nil {
			return dbError(err, "orders")
		}
		at := make(map[string]int, len(orders))
		out = make([]pipeline.Outcome, 0, len(orders))
		for _, o := range orders {
			oc := pipeline.Outcome{OrderNo: o.OrderNo, Status: pipeline.Status(o.Status), Decided: o.Decided}
			for _, k := range o.Kinds {
				oc.Kinds = append(oc.Kinds, pipeline.DocKind(k))
			}
			at[o.OrderNo] = len(out)
			out = append(out, oc)
		}
		rows, err := q.ScoreFindings(ctx)
		if err != nil {
			return dbError(err, "findings")
		}
		for _, f := range rows {
			i, ok := at[f.OrderNo]
			if !ok {
				continue
			}
			fd := pipeline.Finding{Rule: f.Rule, Severity: pipeline.Severity(f.Severity)}
			if err := json.Unmarshal(f.Detail, &fd.Detail); err != nil {
				return fmt.Errorf("finding detail of order %s: %w", f.OrderNo, err)
			}
			out[i].Findings = append(out[i].Findings, fd)
		}
		return nil
	})
	return out, err
}
