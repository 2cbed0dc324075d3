package postgres

import (
	"context"
	"encoding/hex"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// StoredDocument is a document as the integrity sweep sees it: where its
// object is and what it must hash to.
type StoredDocument struct {
	ID, OrderID int64
	Kind        pipeline.DocKind
	Version     int
	ObjectKey   string
	SHA256      string // hex
	Size        int64
	Current     bool // the order's current version of its kind
}

// DocumentsPage returns up to limit documents with ids above afterID, in id
// order.
func (s *Store) DocumentsPage(ctx context.Context, afterID int64, limit int) ([]StoredDocument, error) {
	rows, err := s.q.DocumentsPage(ctx, db.DocumentsPageParams{AfterID: afterID, MaxRows: int32(limit)})
	if err != nil {
		return nil, dbError(err, "documents")
	}
	out := make([]StoredDocument, len(rows))
	for i, r := range rows {
		out[i] = StoredDocument{ID: r.ID, OrderID: r.OrderID, Kind: pipeline.DocKind(r.Kind), Version: int(r.Version),
			ObjectKey: r.ObjectKey, SHA256: hex.EncodeToString(r.SHA256), Size: r.SizeBytes, Current: r.Current}
	}
	return out, nil
}

// Recheck enqueues a new cross-check of an order's current evidence set,
// with an audit entry saying why, in one transaction: the integrity sweep
// found one of its objects altered or gone. tag makes the job distinct
// from the set's earlier checks (the sweep's run). It does nothing for an
// order whose set is not complete: its check is still to come.
func (s *Store) Recheck(ctx context.Context, actor pipeline.Actor, orderID int64, tag, reason string) (enqueued bool, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx, q *db.Queries) error {
		o, err := q.OrderLock(ctx, orderID)
		if err != nil {
			return dbError(err, "order")
		}
		key, complete, err := currentKey(ctx, q, orderID)
		if err != nil || !complete {
			return err
		}
		if enqueued, err = s.queue.RecheckTx(ctx, Tx{tx}, orderID, key, tag); err != nil || !enqueued {
			return err // !enqueued: this run's re-check is there already (a retried sweep)
		}
		return s.audit(ctx, q, actor, "order.recheck", pipeline.OrderSubject(o.OrderNo), map[string]string{
			"evidence_key": key, "reason": reason,
		})
	})
	return enqueued, err
}
