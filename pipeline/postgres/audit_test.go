package postgres_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
)

// verify takes an order through its five documents to a verdict.
func (b *bundle) verify(t *testing.T, orderNo string) {
	t.Helper()
	for _, k := range pipeline.DocKinds {
		d := b.addDoc(t, orderNo, k, orderNo+" "+string(k))
		if err := b.store.SaveExtraction(context.Background(), d.ID, cleanFields(k)); err != nil {
			t.Fatal(err)
		}
	}
	if res := b.check(t, orderNo); res.Status != pipeline.StatusVerified {
		t.Fatalf("%s: %+v, want verified", orderNo, res)
	}
}

// exec runs statements as an insider with the database's owner rights
// would: past the append-only triggers.
func (b *bundle) exec(t *testing.T, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	if _, err := b.pool.Exec(ctx, `alter table audit_log disable trigger user`); err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := b.pool.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if _, err := b.pool.Exec(ctx, `alter table audit_log enable trigger user`); err != nil {
		t.Fatal(err)
	}
}

// rehash rebuilds the chain with plain SHA-256 after an edit, as the probe
// did; withMAC false also clears the macs, as if the log had never been keyed.
func (b *bundle) rehash(t *testing.T, withMAC bool) {
	t.Helper()
	ctx := context.Background()
	rows, err := b.pool.Query(ctx, `select seq, entry from audit_log order by seq`)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		seq   int64
		entry []byte
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.seq, &r.entry); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	b.exec(t, `alter table audit_log drop constraint audit_log_hash_key`)
	prev := make([]byte, 32)
	for _, r := range all {
		h := sha256.New()
		h.Write(prev)
		h.Write(r.entry)
		sum := h.Sum(nil)
		q := `update audit_log set prev_hash = $2, hash = $3 where seq = $1`
		if !withMAC {
			q = `update audit_log set prev_hash = $2, hash = $3, mac = null where seq = $1`
		}
		if _, err := b.pool.Exec(ctx, `alter table audit_log disable trigger user`); err != nil {
			t.Fatal(err)
		}
		if _, err := b.pool.Exec(ctx, q, r.seq, prev, sum); err != nil {
			t.Fatal(err)
		}
		prev = sum
	}
	b.exec(t)
}

// TestAuditTampering is the probe's item 6 and its kin: each way an insider
// with database access rewrites history, and what audit verify says.
func TestAuditTampering(t *testing.T) {
	t.Parallel()
	editEntry := `update audit_log set entry = convert_to(replace(convert_from(entry, 'UTF8'), '"from":"awaiting_documents"', '"from":"rejected"'), 'UTF8')
		where seq = (select min(seq) from audit_log where action = 'order.status')`
	cases := []struct {
		name       string
		tamper     func(t *testing.T, b *bundle)
		want       string // in the error
		emptyVault bool
	}{
		{"an entry edited", func(t *testing.T, b *bundle) { b.exec(t, editEntry) }, "hash does not match its content", false},
		{"an entry edited and the chain re-hashed", func(t *testing.T, b *bundle) { b.exec(t, editEntry); b.rehash(t, true) }, "mac does not match", false},
		{"re-hashed and the macs dropped", func(t *testing.T, b *bundle) { b.exec(t, editEntry); b.rehash(t, false) }, "differs from the checkpoint", false},
		{"re-hashed, macs dropped, checkpoints removed", func(t *testing.T, b *bundle) { b.exec(t, editEntry); b.rehash(t, false) }, "no checkpoint", true},
		{"the last entries deleted", func(t *testing.T, b *bundle) {
			b.exec(t, `delete from audit_log where seq > (select max(seq) - 3 from audit_log)`)
		}, "the log was cut short", false},
		{"truncated", func(t *testing.T, b *bundle) { b.exec(t, `truncate audit_log`) }, "the log was cut short", false},
		{"an order's status set directly", func(t *testing.T, b *bundle) {
			b.exec(t, `update orders set status = 'verified' where order_no = 'HN2'`)
		}, "HN2 is verified but no audited transition led there", false},
		{"a verified order's amount changed", func(t *testing.T, b *bundle) {
			b.exec(t, `update orders set total_fen = 99999 where order_no = 'HN1'`, `update order_lines set amount_fen = 99999 where order_id = (select id from orders where order_no = 'HN1')`)
		}, "HN1 has other parties, date, amounts or lines", false},
		{"a verified order moved to another county", func(t *testing.T, b *bundle) {
			b.exec(t, `update suppliers set division_code = '430121'`)
		}, "HN1 has other parties", false},
		{"a supplier renamed", func(t *testing.T, b *bundle) {
			b.exec(t, `update suppliers set name = '别家合作社'`)
		}, "HN1 has other parties", false},
		{"a verified order deleted", func(t *testing.T, b *bundle) {
			b.exec(t, `delete from orders where order_no = 'HN1'`)
		}, "HN1 has an audited history but is no longer in the database", false},
		{"a review decision undone", func(t *testing.T, b *bundle) {
			b.exec(t, `update orders set status = 'needs_review', requires_review = true where order_no = 'HN1'`)
		}, "HN1 is needs_review (requires review true) but was audited verified", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			b := setup(t, 2)
			vault := testenv.Objects(t)
			b.verify(t, "HN1")
			cp, written, err := b.store.AuditCheckpoint(ctx, vault)
			if err != nil || !written {
				t.Fatalf("checkpoint %+v written %v: %v", cp, written, err)
			}
			rep, err := b.store.AuditVerify(ctx, vault)
			if err != nil || rep.Entries < 8 || rep.Orders != 2 || rep.Unkeyed != 0 || rep.Checkpoints != 1 || cp.Seq != rep.HeadSeq {
				t.Fatalf("before: %+v, %v; want an intact keyed log, 2 orders, its checkpoint", rep, err)
			}
			if _, again, err := b.store.AuditCheckpoint(ctx, vault); err != nil || again {
				t.Fatalf("a second checkpoint of the same head: written %v, %v", again, err)
			}
			c.tamper(t, b)
			if c.emptyVault { // the checkpoints removed too (GOVERNANCE bypassed)
				vault = testenv.Objects(t)
			}
			if _, err := b.store.AuditVerify(ctx, vault); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("after tampering: %v; want %q", err, c.want)
			}
		})
	}
}

// TestAuditCheckpointForged: a checkpoint not written with the key (someone
// with write access to the bucket but not the key) is refused, and so is a
// store opened with another key.
func TestAuditCheckpointForged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 1)
	vault := testenv.Objects(t)
	b.verify(t, "HN1")
	cp, _, err := b.store.AuditCheckpoint(ctx, vault)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.AuditVerify(ctx, testenv.Objects(t)); err == nil || !strings.Contains(err.Error(), "no checkpoint") {
		t.Fatalf("verified against a store holding no checkpoint: %v", err)
	}
	other := postgres.New(b.pool, nil, postgres.Options{AuditKey: []byte(strings.Repeat("k", 32))})
	if _, err := other.AuditVerify(ctx, nil); err == nil || !strings.Contains(err.Error(), "mac does not match") {
		t.Fatalf("verified with another key: %v", err)
	}
	cp.Seq++
	forged, _ := json.Marshal(cp)
	if err := vault.PutLocked(ctx, "audit/checkpoints/99999999999999999999.json", forged); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.AuditVerify(ctx, vault); err == nil || !strings.Contains(err.Error(), "not one heshi wrote") {
		t.Fatalf("a forged checkpoint: %v", err)
	}
}

// TestAuditKeyRequired: without a key nothing that must be audited happens.
func TestAuditKeyRequired(t *testing.T) {
	t.Parallel()
	b := setup(t, 1)
	keyless := postgres.New(b.pool, nil, postgres.Options{})
	err := keyless.SetPasswordHash(context.Background(), pipeline.System, "nobody", "x")
	if err == nil {
		t.Fatal("a change without an audit key succeeded")
	}
	if _, err := keyless.AuditVerify(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "HESHI_AUDIT_KEY_FILE") {
		t.Fatalf("verify without a key: %v", err)
	}
}

// TestRecheckAfterTampering: the same evidence set checked again records
// nothing (a retried job); but when its objects were altered since, it is a
// new check that takes the order out of the totals, once.
func TestRecheckAfterTampering(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 1)
	b.verify(t, "HN1")
	if res := b.check(t, "HN1"); res.Recorded {
		t.Fatalf("the same set checked again: %+v, want nothing recorded", res)
	}
	var id int64
	if err := b.pool.QueryRow(ctx, `select id from orders where order_no = 'HN1'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	in, key, err := b.store.LoadCheckInput(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	in.Docs[pipeline.KindInvoice].Integrity = errAltered
	res, err := b.store.RecordVerdict(ctx, id, key, pipeline.Check(in), pipeline.Identifiers(in), nil)
	if err != nil || !res.Recorded || res.Status != pipeline.StatusNeedsReview {
		t.Fatalf("the set checked after its invoice was altered: %+v, %v; want a new check, needs_review", res, err)
	}
	if got := b.verifiedTotal(t); got != 0 {
		t.Fatalf("verified total %d fen after tampering, want 0", got)
	}
	if res, err := b.store.RecordVerdict(ctx, id, key, pipeline.Check(in), pipeline.Identifiers(in), nil); err != nil || res.Recorded {
		t.Fatalf("the altered set checked once more: %+v, %v; want nothing new", res, err)
	}
	if _, err := b.store.AuditVerify(ctx, nil); err != nil {
		t.Fatal(err)
	}
}

type alteredErr struct{}

func (alteredErr) Error() string { return "stored object has another SHA-256" }

var errAltered = alteredErr{}

// TestMasterChangeKeepsLogWhole (the re-probe's N2): a re-import changing a
// supplier's county or a product's category holds the verified orders and
// writes the new facts of the others, so that audit verify still finds
// every order as its log left it; a product's category change holds the
// verified orders that sold it.
func TestMasterChangeKeepsLogWhole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ds := market(2)
	store, pool := testenv.Market(t, ds)
	b := &bundle{pool: pool, store: store}
	b.verify(t, "HN1")
	for _, k := range pipeline.DocKinds { // HN2: checked, in review (its contract's total is wrong)
		d := b.addDoc(t, "HN2", k, "HN2 "+string(k))
		ex := cleanFields(k)
		if k == pipeline.KindContract {
			ex.Fields["total"] = evidence.Field{Value: "99.00"}
		}
		if err := store.SaveExtraction(ctx, d.ID, ex); err != nil {
			t.Fatal(err)
		}
	}
	if r := b.check(t, "HN2"); r.Status != pipeline.StatusNeedsReview {
		t.Fatalf("HN2 = %s, want needs_review", r.Status)
	}
	ds.Suppliers[0].DivisionCode = "430224"
	if res, err := store.ImportMaster(ctx, ds, pipeline.System); err != nil || res.OrdersHeld != 1 {
		t.Fatalf("supplier's county changed: %+v, %v; want HN1 held", res, err)
	}
	if _, err := store.AuditVerify(ctx, nil); err != nil {
		t.Fatalf("after the supplier's county changed: %v", err)
	}
	// A product's category changes (both its orders are in review now).
	ds.Products[0].Category = pipeline.CategoryTea
	res, err := store.ImportMaster(ctx, ds, pipeline.System)
	if err != nil {
		t.Fatal(err)
	}
	if res.OrdersHeld != 0 {
		t.Errorf("category change with no verified order: %d held", res.OrdersHeld)
	}
	trail, err := store.AuditTrail(ctx, "product:P1")
	if err != nil || len(trail) != 1 || !strings.Contains(string(trail[0].Detail), `"category":{"before":"oil","after":"tea"}`) {
		t.Fatalf("product audit trail %+v, %v; want one product.change of its category", trail, err)
	}
	if _, err := store.AuditVerify(ctx, nil); err != nil {
		t.Fatalf("after the product's category changed: %v", err)
	}
}

// TestSamplingRound (issue 12): a round draws SampleSize of the orders
// verified without a person, reproducibly; a re-check found wrong reopens
// its order; the result states the bound and the amount at risk.
func TestSamplingRound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 12)
	for i := 1; i <= 12; i++ {
		b.verify(t, fmt.Sprintf("HN%d", i))
	}
	op := pipeline.Actor{Name: "op", Role: pipeline.RoleOperator}
	if _, err := b.store.DrawSampleRound(ctx, pipeline.Actor{Name: "as", Role: pipeline.RoleAssessor}, pipeline.Period{}, 0.95, 0.2, 7); pipeline.ErrorCodeOf(err) != pipeline.EForbidden {
		t.Errorf("an assessor drawing a round: %v, want forbidden", err)
	}
	r, err := b.store.DrawSampleRound(ctx, op, pipeline.Period{}, 0.95, 0.2, 7)
	if err != nil {
		t.Fatal(err)
	}
	// 0.8^14 = 0.044 ≤ 0.05 < 0.8^13: 14, capped by the 12 orders.
	if r.Result.Population != 12 || len(r.Items) != 12 || r.Result.Amount != 120000 || r.Result.Bound != 1 {
		t.Fatalf("round %+v; want all 12 orders drawn, nothing checked yet", r.Result)
	}
	r2, err := b.store.DrawSampleRound(ctx, op, pipeline.Period{}, 0.90, 0.3, 7)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := pipeline.SampleSize(0.90, 0.3, 12); len(r2.Items) != n || n != 7 {
		t.Fatalf("a round at 90%% and 30%%: %d drawn, want 7", len(r2.Items))
	}
	r3, err := b.store.DrawSampleRound(ctx, op, pipeline.Period{}, 0.90, 0.3, 7)
	if err != nil {
		t.Fatal(err)
	}
	for i := range r2.Items {
		if r3.Items[i].OrderNo != r2.Items[i].OrderNo {
			t.Fatalf("the same population and seed drew %v and %v", r2.Items, r3.Items)
		}
	}
	for _, it := range r2.Items[:6] {
		if err := b.store.RecordSampleCheck(ctx, op, r2.ID, it.OrderNo, false, ""); err != nil {
			t.Fatal(err)
		}
	}
	wrong := r2.Items[6].OrderNo
	if err := b.store.RecordSampleCheck(ctx, op, r2.ID, wrong, true, ""); pipeline.ErrorCodeOf(err) != pipeline.EInvalid {
		t.Errorf("an error without a note: %v, want invalid", err)
	}
	if err := b.store.RecordSampleCheck(ctx, op, r2.ID, wrong, true, "验收单数量与发票不符"); err != nil {
		t.Fatal(err)
	}
	if err := b.store.RecordSampleCheck(ctx, op, r2.ID, wrong, false, ""); pipeline.ErrorCodeOf(err) != pipeline.EConflict {
		t.Errorf("a second record of the same re-check: %v, want conflict", err)
	}
	det, err := b.store.OrderDetail(ctx, pipeline.System, wrong)
	if err != nil || det.Status != pipeline.StatusNeedsReview {
		t.Fatalf("the order found wrong is %v (%v), want needs_review", det.Status, err)
	}
	got, err := b.store.SampleRound(ctx, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	res := got.Result
	if res.Checked != 7 || res.Errors != 1 || math.Abs(res.Bound-pipeline.UpperBound(1, 7, 0.90)) > 1e-12 || res.AtRisk != money.Fen(math.Round(res.Bound*120000)) {
		t.Errorf("result %+v", res)
	}
	if latest, err := b.store.SampleRound(ctx, 0); err != nil || latest.ID != r3.ID {
		t.Errorf("the latest round: %v, %v", latest, err)
	}
	if got := b.verifiedTotal(t); got != 110000 {
		t.Errorf("verified total %d, want 110000 once the wrong order is out", got)
	}
	// Closing: refused while orders are left, then final.
	if err := b.store.CloseSampleRound(ctx, op, r.ID); pipeline.ErrorCodeOf(err) != pipeline.EConflict {
		t.Errorf("closing a round with 12 orders left: %v, want conflict", err)
	}
	if err := b.store.CloseSampleRound(ctx, pipeline.Actor{Name: "as", Role: pipeline.RoleAssessor}, r2.ID); pipeline.ErrorCodeOf(err) != pipeline.EForbidden {
		t.Errorf("an assessor closing a round: %v, want forbidden", err)
	}
	if got.Closed() || !got.Closable() {
		t.Errorf("round %d checked through: closed %v, closable %v", r2.ID, got.Closed(), got.Closable())
	}
	if err := b.store.CloseSampleRound(ctx, op, r2.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.store.CloseSampleRound(ctx, op, r2.ID); pipeline.ErrorCodeOf(err) != pipeline.EConflict {
		t.Errorf("closing a closed round: %v, want conflict", err)
	}
	closed, err := b.store.SampleRound(ctx, r2.ID)
	if err != nil || !closed.Closed() || closed.ClosedBy != "op" || closed.Closable() || closed.Result != res {
		t.Errorf("the closed round: %+v (%v); want closed by op with the same result", closed, err)
	}
	if err := b.store.RecordSampleCheck(ctx, op, r3.ID, r3.Items[0].OrderNo, false, ""); err != nil {
		t.Errorf("re-check in another, open round: %v", err)
	}
	// The closed round refuses a re-check even of an item made blank behind
	// its back, not only because every item is recorded.
	blank := `update sample_items set result = null where round_id = $1 and order_id = (select id from orders where order_no = $2)`
	if _, err := b.pool.Exec(ctx, blank, r2.ID, r2.Items[0].OrderNo); err != nil {
		t.Fatal(err)
	}
	if err := b.store.RecordSampleCheck(ctx, op, r2.ID, r2.Items[0].OrderNo, true, "x"); pipeline.ErrorCodeOf(err) != pipeline.EConflict {
		t.Errorf("a re-check recorded in a closed round: %v, want conflict", err)
	}
	if _, _, err := b.store.AuditCheckpoint(ctx, testenv.Objects(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.AuditVerify(ctx, nil); err != nil {
		t.Fatal(err)
	}
}

// TestAssessment (issue 12): the imported target and 832 purchases with
// the verified orders of the year give a unit's completion and its
// county's penetration.
func TestAssessment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ds := market(2)
	ds.ReservedShares = []pipeline.ReservedShare{{BuyerID: "B1", Year: 2021, Target: 100000}}
	ds.Platform832 = []pipeline.Platform832{{BuyerID: "B1", Year: 2021, Amount: 20000}}
	store, pool := testenv.Market(t, ds)
	b := &bundle{pool: pool, store: store}
	b.verify(t, "HN1") // ¥100.00 in 2021; HN2 is not verified
	a, err := store.Assessment(ctx, 2021)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Units) != 1 {
		t.Fatalf("units %+v, want B1", a.Units)
	}
	u := a.Units[0]
	if u.Target != 100000 || u.Here != 10000 || u.On832 != 20000 || math.Abs(u.Completion()-0.3) > 1e-12 || !u.Below() {
		t.Errorf("B1 %+v; want target 1000.00, here 100.00, 832 200.00, 30%%, below", u)
	}
	if c := a.Counties[0]; c.Code != "430224" || c.Registered != 1 || c.Transacting != 1 || !c.MeetsAim() {
		t.Errorf("county %+v", c)
	}
	if a, err := store.Assessment(ctx, 2022); err != nil || a.Units[0].Target != 0 || a.Units[0].Here != 0 || a.Total.Transacting != 0 {
		t.Errorf("2022: %+v, %v; want nothing", a, err)
	}
}
