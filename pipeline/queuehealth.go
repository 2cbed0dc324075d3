package pipeline

import (
	"context"
	"time"
)

// JobCount is how many River jobs of one kind are in one state.
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

// QueueHealth is the state of River's queue for the admin room.
type QueueHealth struct {
	Counts   []JobCount
	Failures []JobFailure
}

// QueueHealth counts River's jobs by state and kind and lists the latest
// failures. River's table is not part of heshi's schema, so these queries are
// written here rather than generated.
func (s *Store) QueueHealth(ctx context.Context, failures int) (*QueueHealth, error) {
	h := &QueueHealth{}
	rows, err := s.pool.Query(ctx, `select state::text, kind, count(*) from river_job group by 1, 2 order by 1, 2`)
	if err != nil {
		return nil, dbError(err, "jobs")
	}
	for rows.Next() {
		var c JobCount
		if err := rows.Scan(&c.State, &c.Kind, &c.N); err != nil {
			rows.Close()
			return nil, dbError(err, "jobs")
		}
		h.Counts = append(h.Counts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "jobs")
	}
	rows, err = s.pool.Query(ctx, `
		select id, kind, state::text, attempt, max_attempts,
		       coalesce(errors[array_length(errors, 1)]->>'error', ''),
		       coalesce(finalized_at, attempted_at, created_at)
		from river_job
		where state in ('discarded', 'retryable', 'cancelled') or (errors is not null and state <> 'completed')
		order by id desc limit $1`, failures)
	if err != nil {
		return nil, dbError(err, "failed jobs")
	}
	defer rows.Close()
	for rows.Next() {
		var f JobFailure
		if err := rows.Scan(&f.ID, &f.Kind, &f.State, &f.Attempt, &f.MaxAttempts, &f.Error, &f.At); err != nil {
			return nil, dbError(err, "failed jobs")
		}
		h.Failures = append(h.Failures, f)
	}
	return h, dbError(rows.Err(), "failed jobs")
}
