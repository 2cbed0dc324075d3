package workers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/pipeline/postgres"
)

// Queue names.
const (
	QueueExtract    = "extract"
	QueueCrossCheck = "cross_check"
)

// ExtractArgs asks for one document to be read.
type ExtractArgs struct {
	DocumentID int64 `json:"document_id"`
}

// Kind is the job's stable name.
func (ExtractArgs) Kind() string { return "extract" }

// InsertOpts puts the job on its queue, once per document.
func (ExtractArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueExtract, MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// CrossCheckArgs asks for an order's evidence set to be checked.
type CrossCheckArgs struct {
	OrderID     int64  `json:"order_id"`
	EvidenceKey string `json:"evidence_key"`
	// Recheck, when set, says why a set already checked is checked again
	// (the integrity sweep's run): it makes the job distinct from the
	// set's first.
	Recheck string `json:"recheck,omitempty"`
}

// Kind is the job's stable name.
func (CrossCheckArgs) Kind() string { return "cross_check" }

// InsertOpts puts the job on its queue, once per order and evidence set.
func (CrossCheckArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueCrossCheck, MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Queue inserts heshi's jobs in the store's transaction. It implements
// postgres.Queue.
type Queue struct {
	client *river.Client[pgx.Tx]
}

// NewQueue returns an insert-only queue on pool.
func NewQueue(pool *pgxpool.Pool) (*Queue, error) {
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		return nil, fmt.Errorf("river: %w", err)
	}
	return &Queue{client: c}, nil
}

// ExtractTx enqueues the extraction of a document.
func (q *Queue) ExtractTx(ctx context.Context, tx postgres.Tx, documentID int64) error {
	_, err := q.client.InsertTx(ctx, tx.Pgx(), ExtractArgs{DocumentID: documentID}, nil)
	if err != nil {
		return fmt.Errorf("enqueue extract: %w", err)
	}
	return nil
}

// CrossCheckTx enqueues the cross-check of an evidence set (once).
func (q *Queue) CrossCheckTx(ctx context.Context, tx postgres.Tx, orderID int64, evidenceKey string) error {
	_, err := q.client.InsertTx(ctx, tx.Pgx(), CrossCheckArgs{OrderID: orderID, EvidenceKey: evidenceKey}, nil)
	if err != nil {
		return fmt.Errorf("enqueue cross-check: %w", err)
	}
	return nil
}

// RecheckTx enqueues one more cross-check of an evidence set, distinct
// from the earlier ones by tag; inserted is false when this tag's job is
// there already.
func (q *Queue) RecheckTx(ctx context.Context, tx postgres.Tx, orderID int64, evidenceKey, tag string) (inserted bool, err error) {
	res, err := q.client.InsertTx(ctx, tx.Pgx(), CrossCheckArgs{OrderID: orderID, EvidenceKey: evidenceKey, Recheck: tag}, nil)
	if err != nil {
		return false, fmt.Errorf("enqueue re-check: %w", err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// PDFReader reads the fields of a document with a named parser
// (sandbox.ParserPDF, ParserOFD, ParserXML). sandbox.Pool reads them in
// child processes with memory and time limits, so a hostile file costs
// only its child; nil reads in-process (tests and tools only).
type PDFReader interface {
	ExtractWith(ctx context.Context, parser, kind string, data []byte) (evidence.Extraction, error)
}

// Deps is what the workers need.
type Deps struct {
	Store          *postgres.Store
	Objects        *objstore.Store
	PDF            PDFReader
	MaxObjectBytes int64         // the largest file a worker reads into memory
	ExtractTimeout time.Duration // per document
	Log            *slog.Logger
	// UnreadableAfter is the attempt from which an object the store lists
	// but cannot read (its bytes corrupt on disk: MinIO answers a bitrot
	// with a 503) is evidence lost, recorded as such, rather than trouble
	// to retry; DefaultUnreadableAfter when 0.
	UnreadableAfter int
	// CheckpointEvery and SweepEvery space the periodic jobs: audit
	// checkpoints and the integrity sweep (DefaultCheckpointEvery,
	// DefaultSweepEvery when 0).
	CheckpointEvery, SweepEvery time.Duration
	// JobTimeout bounds every job but extractions (crossCheckTimeout when
	// 0); with ExtractTimeout it sizes the rescue of a crashed worker's jobs.
	JobTimeout time.Duration
}

// DefaultUnreadableAfter: River's back-off has waited about 100 s by the
// fourth attempt, longer than a busy store's slow-downs last.
const DefaultUnreadableAfter = 4

// unreadable reports whether a failed read of key, at attempt, is to be
// recorded rather than retried: the store still lists the object, and
// reading it has failed this many times. A store that is down lists
// nothing, and its jobs retry until it is back.
func (d Deps) unreadable(ctx context.Context, attempt int, key string) bool {
	after := d.UnreadableAfter
	if after <= 0 {
		after = DefaultUnreadableAfter
	}
	if attempt < after {
		return false
	}
	ok, err := d.Objects.Exists(ctx, key)
	return err == nil && ok
}

// crossCheckTimeout bounds one cross-check (and any job without its own
// timeout: a few queries and one transaction) unless Deps.JobTimeout says.
const crossCheckTimeout = time.Minute

func (d Deps) jobTimeout() time.Duration {
	if d.JobTimeout > 0 {
		return d.JobTimeout
	}
	return crossCheckTimeout
}

// rescueAfter is how long a job may stay running before it is taken for a
// dead worker's: the longest any job may run, and half a minute more, so a
// job that is merely slow is never run twice at once. River's rescuer looks
// every 30 s, so a crashed worker's jobs run again within about a minute of
// their timeout.
func rescueAfter(d Deps) time.Duration {
	return max(d.extractTimeout(), d.jobTimeout()) + 30*time.Second
}

// NewClient returns a River client that works both queues with n workers each.
func NewClient(pool *pgxpool.Pool, deps Deps, n int) (*river.Client[pgx.Tx], error) {
	w := river.NewWorkers()
	river.AddWorker(w, &ExtractWorker{deps: deps})
	river.AddWorker(w, &CrossCheckWorker{deps: deps})
	river.AddWorker(w, &AuditCheckpointWorker{deps: deps})
	river.AddWorker(w, &IntegritySweepWorker{deps: deps, pool: pool})
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues: map[string]river.QueueConfig{
			QueueExtract:     {MaxWorkers: n},
			QueueCrossCheck:  {MaxWorkers: n},
			QueueMaintenance: {MaxWorkers: 1},
		},
		PeriodicJobs:  periodicJobs(deps),
		Workers:       w,
		Logger:        deps.Log,
		FetchCooldown: 50 * time.Millisecond,
		JobTimeout:    deps.jobTimeout(),
		// A job still running after this long was a worker's that died (kill
		// -9, a lost machine): River runs it again. Its default, an hour,
		// kept a crashed worker's orders out of the totals, and `work
		// --drain` and `heshi wait` waiting, for that long.
		RescueStuckJobsAfter: rescueAfter(deps),
	})
	if err != nil {
		return nil, fmt.Errorf("river: %w", err)
	}
	return c, nil
}
