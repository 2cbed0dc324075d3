// Package postgres stores heshi's domain (package pipeline) in PostgreSQL
// through pgx: orders and parties, documents and extractions, checks,
// findings and verdicts, identifier claims, review claims and decisions,
// users and sessions, the statistics' queries and the hash-chained audit log.
//
// The SQL is in queries/ and the typed code in internal/db is generated from
// it by sqlc (make generate; make verify-generate checks it is current).
// Driver errors are translated once, here (dbError): no rows becomes
// pipeline.ENotFound, a unique violation pipeline.EConflict. Jobs are
// enqueued inside the store's own transactions through Queue, which package
// workers implements with River; the transaction is handed over as a Tx.
//
// It imports the domain, pgx and the evidence packages; never River, web or
// workers.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// Tx is one of the store's transactions, handed to the job queue so that a
// job is inserted, or completed, in the same transaction as the rows it
// concerns. Only the queue's adapter looks inside.
type Tx struct{ tx pgx.Tx }

// Pgx returns the driver's transaction, for River's InsertTx and JobCompleteTx.
func (t Tx) Pgx() pgx.Tx { return t.tx }

// TxOf wraps a transaction opened outside the store (tests enqueue in one).
func TxOf(tx pgx.Tx) Tx { return Tx{tx} }

// Queue enqueues heshi's jobs inside the store's transaction, so that a job
// exists exactly when the rows it concerns do. Package workers implements
// it with River's InsertTx.
type Queue interface {
	// ExtractTx enqueues the extraction of one document.
	ExtractTx(ctx context.Context, tx Tx, documentID int64) error
	// CrossCheckTx enqueues the cross-check of an order's evidence set; it is
	// unique per order and evidence key, so the fan-in may call it more than once.
	CrossCheckTx(ctx context.Context, tx Tx, orderID int64, evidenceKey string) error
	// RecheckTx enqueues one more cross-check of a set already checked,
	// distinct from the earlier ones by tag.
	// inserted is false when the tag's job is there already.
	RecheckTx(ctx context.Context, tx Tx, orderID int64, evidenceKey, tag string) (inserted bool, err error)
}

// Store is heshi's PostgreSQL store.
type Store struct {
	pool  *pgxpool.Pool
	q     *db.Queries
	queue Queue
	log   *slog.Logger
	now   func() time.Time

	auditKey []byte
	// pending holds, per transaction (its *db.Queries), the audit entries
	// written at its commit (see audit).
	pending sync.Map
}

// Options configures a Store.
type Options struct {
	Log *slog.Logger // nil: no logging
	// AuditKey authenticates the audit log (HMAC-SHA256), at least
	// MinAuditKeyBytes long. It is kept outside the database, so that a
	// database login cannot forge entries; without it nothing that writes
	// an audit entry succeeds.
	AuditKey []byte
}

// New returns a store on pool that enqueues jobs through queue.
func New(pool *pgxpool.Pool, queue Queue, opts Options) *Store {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Store{pool: pool, q: db.New(pool), queue: queue, log: log, now: time.Now, auditKey: slices.Clone(opts.AuditKey)}
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// inTx runs fn in a transaction, committing when it returns nil.
//
// The audit entries fn makes are appended to the log just before the
// commit, all together: the log's one lock is then held for those inserts
// and the commit only, not for the whole transaction, so concurrent
// transactions wait on each other only that long.
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx, q *db.Queries) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		batch := &auditBatch{}
		s.pending.Store(q, batch)
		defer s.pending.Delete(q)
		if err := fn(tx, q); err != nil {
			return err
		}
		return s.appendAudit(ctx, q, batch.entries)
	})
}

// inSnapshot runs fn in a read-only repeatable-read transaction, so that
// everything it reads agrees.
func (s *Store) inSnapshot(ctx context.Context, fn func(q *db.Queries) error) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		return fn(s.q.WithTx(tx))
	})
}

// dbError translates driver errors into domain errors, once, at the store:
// no rows becomes not found (with what), a unique violation a conflict.
func dbError(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return pipeline.Errorf(pipeline.ENotFound, "%s not found", what)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return pipeline.Errorf(pipeline.EConflict, "%s already exists (%s)", what, pgErr.ConstraintName)
		case "23503", "23514":
			return pipeline.Errorf(pipeline.EInvalid, "%s: %s", what, pgErr.Message)
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// dbDate returns the calendar date of a PostgreSQL date as pgx decodes it
// (midnight UTC).
func dbDate(t time.Time) pipeline.Date {
	y, m, d := t.UTC().Date()
	return pipeline.Date{Year: y, Month: m, Day: d}
}
