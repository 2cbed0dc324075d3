package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/pipeline"
)

var (
	op1 = pipeline.Actor{Name: "op1", Role: pipeline.RoleOperator}
	op2 = pipeline.Actor{Name: "op2", Role: pipeline.RoleOperator}
)

// inReview puts orders straight into review, HN1 the oldest.
func (b *bundle) inReview(t *testing.T, orderNos ...string) {
	t.Helper()
	for i, no := range orderNos {
		if _, err := b.pool.Exec(context.Background(),
			`update orders set status = 'needs_review', status_changed_at = now() - make_interval(hours => $2) where order_no = $1`,
			no, 100-i); err != nil {
			t.Fatal(err)
		}
	}
}

func TestClaimNextConcurrent(t *testing.T) {
	t.Parallel()
	const n = 12
	b := setup(t, n)
	var nos []string
	for i := 1; i <= n; i++ {
		nos = append(nos, fmt.Sprintf("HN%d", i))
	}
	b.inReview(t, nos...)
	ctx := context.Background()
	var mu sync.Mutex
	got := map[string]string{}
	var wg sync.WaitGroup
	for w := range 2 * n {
		wg.Go(func() {
			a := pipeline.Actor{Name: fmt.Sprintf("op%d", w), Role: pipeline.RoleOperator}
			no, err := b.store.ClaimNext(ctx, a, pipeline.QueueFilter{}, time.Minute)
			if pipeline.ErrorCodeOf(err) == pipeline.ENotFound {
				return
			}
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if prev, dup := got[no]; dup {
				t.Errorf("order %s claimed by %s and %s", no, prev, a.Name)
			}
			got[no] = a.Name
		})
	}
	wg.Wait()
	if len(got) != n {
		t.Errorf("%d orders claimed by %d operators, want all %d", len(got), 2*n, n)
	}
}

func TestClaimExpiresAndDecide(t *testing.T) {
	t.Parallel()
	b := setup(t, 2)
	b.inReview(t, "HN1", "HN2")
	ctx := context.Background()

	no, err := b.store.ClaimNext(ctx, op1, pipeline.QueueFilter{}, time.Minute)
	if err != nil || no != "HN1" {
		t.Fatalf("op1 Next = %q, %v; want HN1 (oldest)", no, err)
	}
	if again, _ := b.store.ClaimNext(ctx, op1, pipeline.QueueFilter{}, time.Minute); again != "HN1" {
		t.Errorf("op1 Next again = %q, want the order op1 holds, HN1", again)
	}
	if no, _ := b.store.ClaimNext(ctx, op2, pipeline.QueueFilter{}, time.Minute); no != "HN2" {
		t.Fatalf("op2 Next = %q, want HN2", no)
	}
	if err := b.store.Claim(ctx, op2, "HN1", time.Minute); pipeline.ErrorCodeOf(err) != pipeline.EConflict {
		t.Errorf("op2 claiming op1's order: %v, want conflict", err)
	}
	if err := b.store.Decide(ctx, op2, "HN1", pipeline.DecisionApprove, "ok"); pipeline.ErrorCodeOf(err) != pipeline.EConflict {
		t.Errorf("op2 deciding op1's order: %v, want conflict", err)
	}
	// op1's claim expires: the order returns to the queue.
	if _, err := b.pool.Exec(ctx, `update review_claims set expires_at = now() - interval '1 second' where claimed_by = 'op1'`); err != nil {
		t.Fatal(err)
	}
	q, err := b.store.ReviewQueue(ctx, pipeline.QueueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if q.Total != 2 || q.Claimed != 1 || q.Items[0].ClaimedBy != "" {
		t.Errorf("queue after expiry: total %d claimed %d first %+v; want HN1 free", q.Total, q.Claimed, q.Items[0])
	}
	if err := b.store.Decide(ctx, op1, "HN1", pipeline.DecisionApprove, "ok"); pipeline.ErrorCodeOf(err) != pipeline.EConflict {
		t.Errorf("deciding on an expired claim: %v, want conflict", err)
	}
	if err := b.store.Release(ctx, op2, "HN2"); err != nil {
		t.Fatal(err)
	}
	if no, _ := b.store.ClaimNext(ctx, op2, pipeline.QueueFilter{}, time.Minute); no != "HN1" {
		t.Fatalf("op2 Next after expiry = %q, want HN1", no)
	}

	// Decisions: reason required; only operators; approve moves the total.
	if err := b.store.Decide(ctx, op2, "HN1", pipeline.DecisionApprove, "  "); pipeline.ErrorCodeOf(err) != pipeline.EInvalid {
		t.Errorf("decision without a reason: %v, want invalid", err)
	}
	assessor := pipeline.Actor{Name: "op2", Role: pipeline.RoleAssessor}
	if err := b.store.Decide(ctx, assessor, "HN1", pipeline.DecisionApprove, "ok"); pipeline.ErrorCodeOf(err) != pipeline.EForbidden {
		t.Errorf("assessor deciding: %v, want forbidden", err)
	}
	before := b.verifiedTotal(t)
	if err := b.store.Decide(ctx, op2, "HN1", pipeline.DecisionApprove, "发票号码核对无误"); err != nil {
		t.Fatal(err)
	}
	if after := b.verifiedTotal(t); after != before+10000 {
		t.Errorf("verified total %d → %d, want +10000", before, after)
	}
	if c, _ := b.store.ClaimOf(ctx, "HN1"); c != nil {
		t.Errorf("claim after deciding = %+v, want none", c)
	}
	trail, _ := b.store.AuditTrail(ctx, "order:HN1")
	if last := trail[len(trail)-1]; last.Action != "order.status" || trail[len(trail)-2].Action != "review.decide" {
		t.Errorf("audit trail ends %s, %s; want review.decide, order.status", trail[len(trail)-2].Action, last.Action)
	}
	if err := b.store.Decide(ctx, op2, "HN1", pipeline.DecisionReject, "again"); pipeline.ErrorCodeOf(err) != pipeline.EConflict {
		t.Errorf("deciding a verified order: %v, want conflict", err)
	}

	// request_document sends the order back to the supplier, flagged for a person.
	if _, err := b.store.ClaimNext(ctx, op1, pipeline.QueueFilter{}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := b.store.Decide(ctx, op1, "HN2", pipeline.DecisionRequestDocument, "请补充盖章的验收报告"); err != nil {
		t.Fatal(err)
	}
	det, _ := b.store.OrderDetail(ctx, pipeline.System, "HN2")
	if det.Status != pipeline.StatusAwaitingDocuments {
		t.Errorf("after request_document status = %s, want awaiting_documents", det.Status)
	}
	if _, err := b.store.ClaimNext(ctx, op1, pipeline.QueueFilter{}, time.Minute); pipeline.ErrorCodeOf(err) != pipeline.ENotFound {
		t.Errorf("Next on an empty queue: %v, want not found", err)
	}
}

func TestRenewClaim(t *testing.T) {
	t.Parallel()
	b := setup(t, 2)
	b.inReview(t, "HN1")
	ctx := context.Background()
	if err := b.store.Claim(ctx, op1, "HN1", time.Minute); err != nil {
		t.Fatal(err)
	}
	exp, err := b.store.RenewClaim(ctx, op1, "HN1", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if left := time.Until(exp); left < 50*time.Minute {
		t.Errorf("renewed claim expires in %v, want about an hour", left)
	}
	if c, _ := b.store.ClaimOf(ctx, "HN1"); c == nil || !c.ExpiresAt.Equal(exp) {
		t.Errorf("claim after renewal %+v, want expiry %v", c, exp)
	}
	// A lapsed claim nobody took is still its holder's to renew.
	if _, err := b.pool.Exec(ctx, `update review_claims set expires_at = now() - interval '1 second'`); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.RenewClaim(ctx, op1, "HN1", time.Minute); err != nil {
		t.Errorf("renewing a lapsed claim nobody took: %v", err)
	}

	cases := []struct {
		name  string
		actor pipeline.Actor
		order string
		code  pipeline.ErrorCode
	}{
		{"another operator", op2, "HN1", pipeline.EConflict},
		{"an assessor", pipeline.Actor{Name: "op1", Role: pipeline.RoleAssessor}, "HN1", pipeline.EForbidden},
		{"an order not in review", op1, "HN2", pipeline.EConflict},
		{"no such order", op1, "HN9", pipeline.ENotFound},
	}
	for _, c := range cases {
		if _, err := b.store.RenewClaim(ctx, c.actor, c.order, time.Minute); pipeline.ErrorCodeOf(err) != c.code {
			t.Errorf("%s renewing: %v, want %s", c.name, err, c.code)
		}
	}

	// The claim lapses and op2 takes the order: op1 can no longer renew.
	if _, err := b.pool.Exec(ctx, `update review_claims set expires_at = now() - interval '1 second'`); err != nil {
		t.Fatal(err)
	}
	if err := b.store.Claim(ctx, op2, "HN1", time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.RenewClaim(ctx, op1, "HN1", time.Minute); pipeline.ErrorCodeOf(err) != pipeline.EConflict {
		t.Errorf("renewing a claim another operator took: %v, want conflict", err)
	}
}
