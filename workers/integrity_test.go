package workers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/samples"
	"github.com/heshi-verify/heshi/workers"
)

// TestTamperingAfterVerification is the probe's item 4: an evidence object
// overwritten under its own key after its order was verified. The sweep
// finds it, the order is checked again, the check records integrity.hash
// and the order leaves the totals; the sweep run again changes nothing, and
// the audit log still verifies.
func TestTamperingAfterVerification(t *testing.T) {
	t.Parallel()
	// Overwritten without a checksum, the cross-check re-hashes the
	// object; with the store's checksum of the new bytes, it reads that.
	for _, checksummed := range []bool{false, true} {
		t.Run(fmt.Sprintf("checksummed=%v", checksummed), func(t *testing.T) {
			t.Parallel()
			tamperingAfterVerification(t, checksummed)
		})
	}
}

func tamperingAfterVerification(t *testing.T, checksummed bool) {
	ctx := context.Background()
	dir := generated(t, samples.Options{Orders: 2, Seed: 5, AnomalyRate: 0})
	b := setup(t)
	ds := b.importDir(t, dir)
	b.start(t)
	b.wait(t)
	deps := workers.Deps{Store: b.store, Objects: b.objects}
	if res, err := workers.SweepIntegrity(ctx, deps, "clean", 0, 1000, 0); err != nil || len(res.Altered) != 0 || !res.Done || res.Objects == 0 {
		t.Fatalf("sweep of intact objects: %+v, %v", res, err)
	}
	before, err := b.store.Stats(ctx, pipeline.Period{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var victim *pipeline.OrderDetail
	for _, o := range ds.Orders {
		det, err := b.store.OrderDetail(ctx, pipeline.System, o.No)
		if err != nil {
			t.Fatal(err)
		}
		if det.Status == pipeline.StatusVerified {
			victim = det
			break
		}
	}
	if victim == nil {
		t.Fatal("no order was verified: nothing to tamper with")
	}
	var key string
	for _, d := range victim.Documents {
		if d.Kind == pipeline.KindInvoice {
			key = d.ObjectKey
		}
	}
	put := b.objects.PutBytes
	if checksummed {
		put = b.objects.PutBytesChecksummed
	}
	if err := put(ctx, key, []byte("%PDF-1.4 an invoice for another amount")); err != nil {
		t.Fatal(err)
	}
	res, err := workers.SweepIntegrity(ctx, deps, "after", 0, 1000, 0)
	if err != nil || len(res.Altered) != 1 || res.Rechecks != 1 {
		t.Fatalf("sweep after tampering: %+v, %v; want one altered object and one re-check", res, err)
	}
	b.wait(t)
	det, err := b.store.OrderDetail(ctx, pipeline.System, victim.Order.No)
	if err != nil {
		t.Fatal(err)
	}
	if det.Status != pipeline.StatusNeedsReview {
		t.Fatalf("order %s after its invoice was overwritten is %s, want needs_review", victim.Order.No, det.Status)
	}
	var found bool
	for _, f := range det.Check.Findings {
		found = found || f.Rule == pipeline.RuleIntegrity
	}
	if !found {
		t.Errorf("order %s's findings %+v lack %s", victim.Order.No, det.Check.Findings, pipeline.RuleIntegrity)
	}
	after, err := b.store.Stats(ctx, pipeline.Period{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if after.Summary.Orders != before.Summary.Orders-1 || after.Summary.Amount.Fen != before.Summary.Amount.Fen-victim.Order.Total {
		t.Errorf("totals after tampering %+v, before %+v; want the order's %s out", after.Summary, before.Summary, victim.Order.Total)
	}
	// Run again (the same run retried, or the next day's): no new re-check
	// of the same run; the next run's check finds what this one found and
	// records nothing new.
	if res, err := workers.SweepIntegrity(ctx, deps, "after", 0, 1000, 0); err != nil || res.Rechecks != 0 {
		t.Fatalf("the same sweep run again: %+v, %v; want no new re-check", res, err)
	}
	if _, err := workers.SweepIntegrity(ctx, deps, "next", 0, 1000, 0); err != nil {
		t.Fatal(err)
	}
	b.wait(t)
	var checks int
	if err := b.pool.QueryRow(ctx, `select count(*) from checks c join orders o on o.id = c.order_id where o.order_no = $1`, victim.Order.No).Scan(&checks); err != nil {
		t.Fatal(err)
	}
	if checks != 2 {
		t.Errorf("order %s has %d checks, want 2 (before and after tampering)", victim.Order.No, checks)
	}
	if _, _, err := b.store.AuditCheckpoint(ctx, b.objects); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.AuditVerify(ctx, b.objects); err != nil {
		t.Errorf("audit verify: %v", err)
	}
	trail, err := b.store.AuditTrail(ctx, pipeline.OrderSubject(victim.Order.No))
	if err != nil {
		t.Fatal(err)
	}
	var rechecks int
	for _, e := range trail {
		if e.Action == "order.recheck" && strings.Contains(string(e.Detail), "integrity sweep") {
			rechecks++
		}
	}
	if rechecks != 2 {
		t.Errorf("%d order.recheck entries, want 2 (runs after and next)", rechecks)
	}
}
