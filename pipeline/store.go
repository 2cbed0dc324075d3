package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/heshi-verify/heshi/pipeline/internal/db"
)

// Queue enqueues heshi's jobs inside the caller's transaction, so that a job
// exists exactly when the rows it concerns do. Package workers implements it
// with River's InsertTx.
type Queue interface {
	// ExtractTx enqueues the extraction of one document.
	ExtractTx(ctx context.Context, tx pgx.Tx, documentID int64) error
	// CrossCheckTx enqueues the cross-check of an order's evidence set; it is
	// unique per order and evidence key, so the fan-in may call it more than once.
	CrossCheckTx(ctx context.Context, tx pgx.Tx, orderID int64, evidenceKey string) error
}

// Store is heshi's PostgreSQL store.
type Store struct {
	pool  *pgxpool.Pool
	q     *db.Queries
	queue Queue
	log   *slog.Logger
	now   func() time.Time
}

// NewStore returns a store on pool that enqueues jobs through queue.
func NewStore(pool *pgxpool.Pool, queue Queue, log *slog.Logger) *Store {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Store{pool: pool, q: db.New(pool), queue: queue, log: log, now: time.Now}
}

// Pool returns the store's connection pool.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// inTx runs fn in a transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx, q *db.Queries) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return fn(tx, s.q.WithTx(tx))
	})
}

// dbError translates driver errors into domain errors, once, at the store:
// no rows becomes not found (with what), a unique violation a conflict.
func dbError(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return Errorf(ENotFound, "%s not found", what)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return Errorf(EConflict, "%s already exists (%s)", what, pgErr.ConstraintName)
		case "23503", "23514":
			return Errorf(EInvalid, "%s: %s", what, pgErr.Message)
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

var pgxTxReadOnlySnapshot = pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
