package workers

import (
	"context"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/heshi-verify/heshi/pipeline"
)

// QueueMaintenance runs the periodic jobs: audit checkpoints and the
// integrity sweep. They are not the pipeline's work, so waiting for the
// pipeline to be idle (heshi wait, work --drain) does not wait for them.
const QueueMaintenance = "maintenance"

// How often the periodic jobs run, unless Deps says otherwise.
const (
	DefaultCheckpointEvery = time.Minute
	DefaultSweepEvery      = 24 * time.Hour
)

// AuditCheckpointArgs asks for the audit chain's head to be written to the
// object store under object lock.
type AuditCheckpointArgs struct{}

// Kind is the job's stable name.
func (AuditCheckpointArgs) Kind() string { return "audit_checkpoint" }

// InsertOpts puts the job on the maintenance queue.
func (AuditCheckpointArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueMaintenance, MaxAttempts: 3}
}

// AuditCheckpointWorker writes checkpoints.
type AuditCheckpointWorker struct {
	river.WorkerDefaults[AuditCheckpointArgs]
	deps Deps
}

// Work writes a checkpoint unless the head has one already.
func (w *AuditCheckpointWorker) Work(ctx context.Context, _ *river.Job[AuditCheckpointArgs]) error {
	_, _, err := w.deps.Store.AuditCheckpoint(ctx, w.deps.Objects)
	return err
}

// IntegritySweepArgs asks for one page of the integrity sweep: the
// documents with ids above AfterID. Each page enqueues the next one in the
// transaction that completes it, so a sweep of any size runs as short jobs
// (the rescue of crashed jobs is sized to the longest job), resumes where
// it stopped after a crash, and never runs a page twice over.
type IntegritySweepArgs struct {
	Run     string `json:"run"` // names the sweep: when it started
	AfterID int64  `json:"after_id"`
}

// Kind is the job's stable name.
func (IntegritySweepArgs) Kind() string { return "integrity_sweep" }

// InsertOpts puts the job on the maintenance queue, once per run and page.
func (IntegritySweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueMaintenance, MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// sweepPage is how many documents one sweep job re-hashes at most; it
// stops sooner when half its timeout is spent.
const sweepPage = 500

// IntegritySweepWorker re-hashes stored objects.
type IntegritySweepWorker struct {
	river.WorkerDefaults[IntegritySweepArgs]
	deps Deps
	pool *pgxpool.Pool
}

// Work sweeps one page and enqueues the next.
func (w *IntegritySweepWorker) Work(ctx context.Context, job *river.Job[IntegritySweepArgs]) error {
	page, err := SweepIntegrity(ctx, w.deps, job.Args.Run, job.Args.AfterID, sweepPage, w.deps.jobTimeout()/2)
	if err != nil {
		return err
	}
	logSweep(w.deps.Log, page)
	return pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		if !page.Done {
			client := river.ClientFromContext[pgx.Tx](ctx)
			if _, err := client.InsertTx(ctx, tx, IntegritySweepArgs{Run: job.Args.Run, AfterID: page.LastID}, nil); err != nil {
				return fmt.Errorf("enqueue the next sweep page: %w", err)
			}
		}
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

// SweepResult is what a sweep, or one page of it, found.
type SweepResult struct {
	Documents int64    // documents looked at
	Objects   int64    // distinct objects re-hashed
	Bytes     int64    // their bytes
	Altered   []string // "order kind vN: why", for each document whose object is altered or gone
	Rechecks  int      // orders whose evidence set was sent to be checked again
	LastID    int64    // the last document id looked at
	Done      bool     // no document is left after LastID
}

// SweepIntegrity re-hashes the objects of the documents with ids above
// afterID, at most limit documents and for about budget (0: no limit), and
// sends every order whose current evidence has an altered or missing object
// to be checked again (tagged run). The check re-hashes, records
// integrity.hash and takes the order out of the totals: a finding, never a
// retry loop. An object the store cannot read at all is trouble worth
// retrying (the error), as in the cross-check.
func SweepIntegrity(ctx context.Context, deps Deps, run string, afterID int64, limit int, budget time.Duration) (SweepResult, error) {
	res := SweepResult{LastID: afterID}
	start := time.Now()
	hashed := map[string]string{} // object key → "" when it matches, else why not
	for {
		docs, err := deps.Store.DocumentsPage(ctx, res.LastID, min(limit, 500))
		if err != nil {
			return res, err
		}
		if len(docs) == 0 {
			res.Done = true
			return res, nil
		}
		for _, d := range docs {
			why, ok := hashed[d.ObjectKey+" "+d.SHA256]
			if !ok {
				mismatch, err := integrityOf(ctx, deps, d.ObjectKey, d.SHA256, d.Size)
				if err != nil {
					return res, err
				}
				if mismatch != nil {
					why = mismatch.Error()
				}
				hashed[d.ObjectKey+" "+d.SHA256] = why
				res.Objects++
				res.Bytes += d.Size
			}
			res.Documents++
			res.LastID = d.ID
			if why != "" {
				res.Altered = append(res.Altered, fmt.Sprintf("order %d %s v%d: %s", d.OrderID, d.Kind, d.Version, why))
				if d.Current {
					ok, err := deps.Store.Recheck(ctx, pipeline.System, d.OrderID, "integrity "+run,
						fmt.Sprintf("integrity sweep %s: %s v%d: %s", run, d.Kind, d.Version, why))
					if err != nil {
						return res, err
					}
					if ok {
						res.Rechecks++
					}
				}
			}
			if int(res.Documents) >= limit || (budget > 0 && time.Since(start) > budget) {
				return res, nil
			}
		}
	}
}

// checksumOf checks a stored object by the SHA-256 and size the store keeps
// of it (one request, no bytes read), or, for an object whose store keeps
// no whole-object SHA-256, by re-hashing it (integrityOf): nil when it
// matches, a finding's error when it does not or is gone, and err for
// trouble worth a retry. The cross-check uses it; the integrity sweep
// re-hashes every object's bytes.
func checksumOf(ctx context.Context, deps Deps, key, wantHex string, wantSize int64) (mismatch error, err error) {
	sum, size, ok, err := deps.Objects.Checksum(ctx, key)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return errObjectMissing, nil
	case sum == nil:
		return integrityOf(ctx, deps, key, wantHex, wantSize)
	}
	if got := hex.EncodeToString(sum); got != wantHex || size != wantSize {
		return fmt.Errorf("stored object has SHA-256 %s and %d bytes by the store's checksum, recorded %s and %d bytes", got, size, wantHex, wantSize), nil
	}
	return nil, nil
}

// integrityOf re-hashes a stored object: nil when it matches, a finding's
// error when it does not or is gone, and err for trouble worth a retry.
func integrityOf(ctx context.Context, deps Deps, key, wantHex string, wantSize int64) (mismatch error, err error) {
	ok, err := deps.Objects.Exists(ctx, key)
	if err != nil {
		return nil, err
	}
	if !ok {
		return errObjectMissing, nil
	}
	sum, n, err := deps.Objects.Hash(ctx, key)
	if err != nil {
		return nil, err
	}
	if got := hex.EncodeToString(sum); got != wantHex || n != wantSize {
		return fmt.Errorf("stored object has SHA-256 %s and %d bytes, recorded %s and %d bytes", got, n, wantHex, wantSize), nil
	}
	return nil, nil
}

// periodicJobs are the maintenance jobs River's leader enqueues.
func periodicJobs(deps Deps) []*river.PeriodicJob {
	every := func(d, def time.Duration) time.Duration {
		if d > 0 {
			return d
		}
		return def
	}
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(every(deps.CheckpointEvery, DefaultCheckpointEvery)),
			func() (river.JobArgs, *river.InsertOpts) { return AuditCheckpointArgs{}, nil }, nil),
		river.NewPeriodicJob(river.PeriodicInterval(every(deps.SweepEvery, DefaultSweepEvery)),
			func() (river.JobArgs, *river.InsertOpts) {
				return IntegritySweepArgs{Run: time.Now().UTC().Format("20060102T150405Z")}, nil
			}, nil),
	}
}

func logSweep(log *slog.Logger, res SweepResult) {
	if log != nil && len(res.Altered) > 0 {
		log.Warn("integrity sweep: stored objects altered or gone", "documents", len(res.Altered), "rechecks", res.Rechecks)
	}
}
