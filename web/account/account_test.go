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
