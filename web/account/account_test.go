package account_test

import (
	"context"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/web/account"
)

func init() { account.PasswordCost = bcrypt.MinCost } // sign-ins are not what these tests measure

func TestSessions(t *testing.T) {
	t.Parallel()
	store, pool := testenv.Market(t, &pipeline.Dataset{
		Suppliers: []pipeline.Supplier{{ID: "S1", Name: "平江县山里香合作社", USCC: "91110000600037341L", DivisionCode: "430626", BankName: "农业银行", BankAccount: "6228", Admitted: true}},
	})
	acc := account.New(store)
	ctx := context.Background()
	if _, err := acc.CreateUser(ctx, pipeline.System, "sup", pipeline.RoleSupplier, "S1"); err != nil {
		t.Fatal(err)
	}
	if err := acc.SetPassword(ctx, pipeline.System, "sup", "short"); pipeline.ErrorCodeOf(err) != pipeline.EInvalid {
		t.Errorf("short password: %v, want invalid", err)
	}
	if err := acc.SetPassword(ctx, pipeline.System, "sup", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, pw string }{{"sup", "wrong password!"}, {"nobody", "correct horse battery"}} {
		if _, err := acc.SignIn(ctx, c.name, c.pw); pipeline.ErrorCodeOf(err) != pipeline.EUnauthorized {
			t.Errorf("sign in %s/%s: %v, want unauthorized", c.name, c.pw, err)
		}
	}
	sess, err := acc.SignIn(ctx, "sup", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	got, err := acc.SessionOf(ctx, sess.Token)
	if err != nil || got.Actor.SupplierID != "S1" || got.CSRF != sess.CSRF {
		t.Fatalf("session = %+v, %v", got, err)
	}
	if _, err := pool.Exec(ctx, `update web_sessions set expires_at = now() - interval '1 second'`); err != nil {
		t.Fatal(err)
	}
	if _, err := acc.SessionOf(ctx, sess.Token); pipeline.ErrorCodeOf(err) != pipeline.EUnauthorized {
		t.Errorf("expired session: %v, want unauthorized", err)
	}
}

// TestRevokeAndPasswordChange: revoking ends a user's tokens and sessions;
// a new password ends the sessions opened with the old one.
func TestRevokeAndPasswordChange(t *testing.T) {
	t.Parallel()
	store, _ := testenv.Market(t, &pipeline.Dataset{})
	acc := account.New(store)
	ctx := context.Background()
	token, err := acc.CreateUser(ctx, pipeline.System, "op", pipeline.RoleOperator, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.SetPassword(ctx, pipeline.System, "op", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	sess, err := acc.SignIn(ctx, "op", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.SetPassword(ctx, pipeline.System, "op", "another horse battery"); err != nil {
		t.Fatal(err)
	}
	if _, err := acc.SessionOf(ctx, sess.Token); pipeline.ErrorCodeOf(err) != pipeline.EUnauthorized {
		t.Errorf("a session of the old password after a change: %v, want unauthorized", err)
	}
	if _, err := acc.Authenticate(ctx, token); err != nil {
		t.Fatalf("the API token after a password change: %v", err)
	}
	sess, err = acc.SignIn(ctx, "op", "another horse battery")
	if err != nil {
		t.Fatal(err)
	}
	second, err := acc.NewToken(ctx, pipeline.System, "op")
	if err != nil {
		t.Fatal(err)
	}
	tokens, sessions, err := acc.Revoke(ctx, pipeline.System, "op")
	if err != nil || tokens != 2 || sessions != 1 {
		t.Fatalf("revoke: %d tokens, %d sessions, %v; want 2 and 1", tokens, sessions, err)
	}
	for _, tk := range []string{token, second} {
		if _, err := acc.Authenticate(ctx, tk); pipeline.ErrorCodeOf(err) != pipeline.EUnauthorized {
			t.Errorf("a revoked token: %v, want unauthorized", err)
		}
	}
	if _, err := acc.SessionOf(ctx, sess.Token); pipeline.ErrorCodeOf(err) != pipeline.EUnauthorized {
		t.Errorf("a session after revoking: %v, want unauthorized", err)
	}
	if _, _, err := acc.Revoke(ctx, pipeline.System, "nobody"); pipeline.ErrorCodeOf(err) != pipeline.ENotFound {
		t.Errorf("revoking an unknown user: %v, want not found", err)
	}
}
