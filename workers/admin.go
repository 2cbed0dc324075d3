package workers

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/heshi-verify/heshi/pipeline"
)

// JobCount is how many jobs of one kind are in one state.
type JobCount struct {
	State string
	Kind  string
	N     int64
}

// JobFailure is a job that failed at least once, with its latest error.
type JobFailure struct {
	ID          int64
	Kind        string
	State       string
	Attempt     int
	MaxAttempts int
	Error       string
	At          time.Time
}

// QueueHealth is the state of the job queue for the admin room.
type QueueHealth struct {
	Counts   []JobCount
	Failures []JobFailure
}

// Admin watches and mends the job queue: counts by state and kind, the
// latest failures, retrying a job, waiting for the queue to drain. The web's
// admin room and `heshi wait` use it; nothing outside this package reads
// River's tables.
type Admin struct {
	pool   *pgxpool.Pool
	client *river.Client[pgx.Tx] // insert-only: retries
}

// NewAdmin returns the queue's admin on pool.
func NewAdmin(pool *pgxpool.Pool) (*Admin, error) {
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		return nil, fmt.Errorf("river: %w", err)
	}
	return &Admin{pool: pool, client: c}, nil
}

// Health counts jobs by state and kind and lists the latest failures (at
// most failures of them). River's table is not part of heshi's schema, so
// these queries are written here rather than generated.
func (a *Admin) Health(ctx context.Context, failures int) (*QueueHealth, error) {
	h := &QueueHealth{}
	rows, err := a.pool.Query(ctx, `select state::text, kind, count(*) from river_job group by 1, 2 order by 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if h.Counts, err = pgx.CollectRows(rows, pgx.RowToStructByPos[JobCount]); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	rows, err = a.pool.Query(ctx, `
		select id, kind, state::text, attempt, max_attempts,
		       coalesce(errors[array_length(errors, 1)]->>'error', ''),
		       coalesce(finalized_at, attempted_at, created_at)
		from river_job
		where state in ('discarded', 'retryable', 'cancelled') or (errors is not null and state <> 'completed')
		order by id desc limit $1`, failures)
	if err != nil {
		return nil, fmt.Errorf("failed jobs: %w", err)
	}
	if h.Failures, err = pgx.CollectRows(rows, pgx.RowToStructByPos[JobFailure]); err != nil {
		return nil, fmt.Errorf("failed jobs: %w", err)
	}
	return h, nil
}

// Retry makes a job available to run again now (River's JobRetry).
func (a *Admin) Retry(ctx context.Context, id int64) error {
	if _, err := a.client.JobRetry(ctx, id); err != nil {
		return pipeline.Errorf(pipeline.ENotFound, "job %d: %v", id, err)
	}
	return nil
}

// Pending counts the pipeline's jobs not yet finished (available,
// scheduled, running, retryable or pending) and those discarded after their
// last attempt; the maintenance queue's are not the pipeline's.
func (a *Admin) Pending(ctx context.Context) (pending, discarded int64, err error) {
	err = a.pool.QueryRow(ctx, `
		select count(*) filter (where state in ('available', 'scheduled', 'running', 'retryable', 'pending')),
		       count(*) filter (where state = 'discarded')
		from river_job where queue <> $1`, QueueMaintenance).Scan(&pending, &discarded)
	if err != nil {
		return 0, 0, fmt.Errorf("count jobs: %w", err)
	}
	return pending, discarded, nil
}

// idlePatience is how long WaitIdle bears a database it cannot query.
const idlePatience = time.Minute

// WaitIdle polls until no job is pending, or ctx ends. A lost connection
// (the database restarted, an administrator terminated it) is tried again
// on the next poll, when the pool opens a new one; only a database that
// stays unreachable for idlePatience ends the wait with its error.
func (a *Admin) WaitIdle(ctx context.Context, every time.Duration, progress func(pending int64)) error {
	t := time.NewTicker(every)
	defer t.Stop()
	var failing time.Time // since when every poll has failed
	for {
		n, _, err := a.Pending(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		case err != nil && failing.IsZero():
			failing = time.Now()
		case err != nil && time.Since(failing) > idlePatience:
			return err
		case err == nil:
			failing = time.Time{}
		}
		if err != nil {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
			}
			continue
		}
		if progress != nil {
			progress(n)
		}
		if n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
