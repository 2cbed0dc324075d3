package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/heshi-verify/heshi/internal/metrics"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
)

// CrossCheckWorker checks an order's evidence set and records the verdict.
type CrossCheckWorker struct {
	river.WorkerDefaults[CrossCheckArgs]
	deps Deps
}

// errObjectMissing marks a stored object that is gone: evidence lost, which is
// a finding, not a reason to retry.
var errObjectMissing = errors.New("stored object is missing")

// Work checks the stored documents against their recorded SHA-256 by the
// store's checksums (checksumOf), runs the checks and records the verdict
// and the job's completion in one transaction.
func (w *CrossCheckWorker) Work(ctx context.Context, job *river.Job[CrossCheckArgs]) error {
	start := time.Now()
	in, key, err := w.deps.Store.LoadCheckInput(ctx, job.Args.OrderID)
	if err != nil {
		return err
	}
	if key != job.Args.EvidenceKey {
		return nil // a newer evidence set has its own job
	}
	for _, d := range in.Docs {
		d.Integrity, err = checksumOf(ctx, w.deps, d.ObjectKey, d.SHA256, d.Size)
		if err != nil && w.deps.unreadable(ctx, job.Attempt, d.ObjectKey) {
			d.Integrity, err = fmt.Errorf("the stored object cannot be read (%d attempts): %w", job.Attempt, err), nil
		}
		if err != nil {
			return err
		}
	}
	located := pipeline.Resolve(&in) // the order's values where no label gave them
	findings := append(pipeline.Check(in), located...)
	res, err := w.deps.Store.RecordVerdict(ctx, job.Args.OrderID, job.Args.EvidenceKey, findings, pipeline.Identifiers(in), func(ctx context.Context, tx postgres.Tx) error {
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx.Pgx(), job)
		return err
	})
	if err != nil {
		return err
	}
	if res.Recorded { // a stale or repeated job records, and counts, nothing
		metrics.Verdicts.WithLabelValues(string(res.Status)).Inc()
		for _, f := range res.Findings {
			metrics.Findings.WithLabelValues(f.Rule).Inc()
		}
		metrics.Since("check", start)
	}
	if w.deps.Log != nil {
		w.deps.Log.DebugContext(ctx, "checked", slog.String("order", in.Order.No), slog.String("status", string(res.Status)), slog.Int("findings", len(findings)))
	}
	return nil
}
