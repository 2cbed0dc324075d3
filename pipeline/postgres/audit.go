package postgres

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// genesis is the previous hash of the first entry.
var genesis = make([]byte, sha256.Size)

func chainHash(prev, entry []byte) []byte {
	h := sha256.New()
	h.Write(prev)
	h.Write(entry)
	return h.Sum(nil)
}

// audit appends an entry to the log inside the caller's transaction. Appends
// are serialised by a transaction-scoped advisory lock, so the chain has no
// forks; the entry commits or rolls back with the change it records.
func (s *Store) audit(ctx context.Context, q *db.Queries, actor pipeline.Actor, action, subject string, detail any) error {
	if err := q.AuditLock(ctx); err != nil {
		return fmt.Errorf("audit lock: %w", err)
	}
	prev, seq := genesis, int64(1)
	head, err := q.AuditHead(ctx)
	switch {
	case err == nil:
		prev, seq = head.Hash, head.Seq+1
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("audit head: %w", err)
	}
	d, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("audit detail: %w", err)
	}
	e := pipeline.AuditEntry{Seq: seq, At: s.now().UTC().Truncate(time.Microsecond), Actor: actor.Name, Action: action, Subject: subject, Detail: d}
	entry, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("audit entry: %w", err)
	}
	return q.AuditInsert(ctx, db.AuditInsertParams{
		Seq: seq, At: e.At, Actor: e.Actor, Action: action, Subject: subject,
		Entry: entry, PrevHash: prev, Hash: chainHash(prev, entry),
	})
}

// AuditVerify walks the whole chain and reports the number of entries and the
// head hash, or the first entry that breaks the chain.
func (s *Store) AuditVerify(ctx context.Context) (n int64, head []byte, err error) {
	prev := genesis
	var after int64
	for {
		rows, err := s.q.AuditRange(ctx, db.AuditRangeParams{AfterSeq: after, MaxRows: 5000})
		if err != nil {
			return n, prev, fmt.Errorf("audit read: %w", err)
		}
		if len(rows) == 0 {
			return n, prev, nil
		}
		for _, r := range rows {
			if r.Seq != after+1 {
				return n, prev, fmt.Errorf("audit entry %d missing (next is %d)", after+1, r.Seq)
			}
			if !bytes.Equal(r.PrevHash, prev) {
				return n, prev, fmt.Errorf("audit entry %d: previous hash does not match entry %d", r.Seq, after)
			}
			if !bytes.Equal(r.Hash, chainHash(prev, r.Entry)) {
				return n, prev, fmt.Errorf("audit entry %d: hash does not match its content", r.Seq)
			}
			var e pipeline.AuditEntry
			if err := json.Unmarshal(r.Entry, &e); err != nil || e.Seq != r.Seq || e.Action != r.Action || e.Subject != r.Subject || e.Actor != r.Actor {
				return n, prev, fmt.Errorf("audit entry %d: columns disagree with the hashed entry", r.Seq)
			}
			prev, after = r.Hash, r.Seq
			n++
		}
	}
}

// AuditTrail returns the entries about one subject (e.g. "order:HN2021000001").
func (s *Store) AuditTrail(ctx context.Context, subject string) ([]pipeline.AuditEntry, error) {
	rows, err := s.q.AuditBySubject(ctx, subject)
	if err != nil {
		return nil, dbError(err, "audit trail")
	}
	out := make([]pipeline.AuditEntry, 0, len(rows))
	for _, r := range rows {
		var e pipeline.AuditEntry
		if err := json.Unmarshal(r.Entry, &e); err != nil {
			return nil, fmt.Errorf("audit entry %d: %w", r.Seq, err)
		}
		out = append(out, e)
	}
	return out, nil
}
