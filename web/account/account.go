// Package account is who may use heshi and how they prove it: users with a
// role, API bearer tokens (shown once, only their SHA-256 kept), web
// passwords (bcrypt) and web sessions (a cookie token and a CSRF token).
// The rows live in pipeline/postgres; the rules live here, beside the web
// that uses them. `heshi users add` and the admin room both come through it.
package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
)

// MinPasswordLen is the shortest web password accepted, in characters.
const MinPasswordLen = 10

// MaxPasswordBytes is the longest: bcrypt reads no further.
const MaxPasswordBytes = 72

// SessionTTL is how long a web session lasts after signing in.
const SessionTTL = 12 * time.Hour

// PasswordCost is bcrypt's cost for new password hashes (tests lower it).
var PasswordCost = bcrypt.DefaultCost

// tokenPrefix marks heshi's API tokens, so a leaked one is recognisable.
const tokenPrefix = "heshi_"

// dummyHash is compared against when a name is unknown, so that signing in
// takes as long for a wrong name as for a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("heshi-no-such-user"), bcrypt.DefaultCost)

// Session is a signed-in browser: Token goes in the cookie (only its SHA-256
// is stored), CSRF is echoed by every form.
type Session struct {
	Token     string
	CSRF      string
	Actor     pipeline.Actor
	ExpiresAt time.Time
}

// Accounts manages users, tokens, passwords and sessions.
type Accounts struct {
	store *postgres.Store
	now   func() time.Time
}

// New returns the accounts kept in store.
func New(store *postgres.Store) *Accounts { return &Accounts{store: store, now: time.Now} }

// CreateUser adds a user with a role (a supplier user is scoped to its
// supplier) and returns a new API bearer token for it, shown once.
func (a *Accounts) CreateUser(ctx context.Context, actor pipeline.Actor, name string, role pipeline.Role, supplierID string) (token string, err error) {
	token = tokenPrefix + randomToken()
	sum := sha256.Sum256([]byte(token))
	if err := a.store.CreateUser(ctx, actor, pipeline.NewUser{Name: name, Role: role, SupplierID: supplierID}, sum[:]); err != nil {
		return "", err
	}
	return token, nil
}

// NewToken issues another API token for an existing user; it is shown once.
func (a *Accounts) NewToken(ctx context.Context, actor pipeline.Actor, name string) (string, error) {
	token := tokenPrefix + randomToken()
	sum := sha256.Sum256([]byte(token))
	if err := a.store.AddToken(ctx, actor, name, sum[:]); err != nil {
		return "", err
	}
	return token, nil
}

// Revoke ends every API token and web session of a user (a token leaked,
// a person left); it returns how many of each it ended.
func (a *Accounts) Revoke(ctx context.Context, actor pipeline.Actor, name string) (tokens, sessions int64, err error) {
	return a.store.RevokeAccess(ctx, actor, name)
}

// SetDisabled disables or enables a user (store.SetDisabled).
func (a *Accounts) SetDisabled(ctx context.Context, actor pipeline.Actor, name string, disabled bool) error {
	return a.store.SetDisabled(ctx, actor, name, disabled)
}

// Authenticate returns the actor a bearer token belongs to.
func (a *Accounts) Authenticate(ctx context.Context, token string) (pipeline.Actor, error) {
	invalid := pipeline.Errorf(pipeline.EUnauthorized, "invalid token")
	if !strings.HasPrefix(token, tokenPrefix) {
		return pipeline.Actor{}, invalid
	}
	sum := sha256.Sum256([]byte(token))
	actor, err := a.store.ActorByToken(ctx, sum[:])
	if pipeline.ErrorCodeOf(err) == pipeline.ENotFound {
		return pipeline.Actor{}, invalid
	}
	return actor, err
}

// CheckPassword says what is wrong with a password to be set, or nil.
func CheckPassword(password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLen {
		return pipeline.Errorf(pipeline.EInvalid, "a password needs at least %d characters", MinPasswordLen)
	}
	if len(password) > MaxPasswordBytes {
		return pipeline.Errorf(pipeline.EInvalid, "a password may have at most %d bytes", MaxPasswordBytes)
	}
	return nil
}

// SetPassword sets the web password of an existing user (bcrypt).
func (a *Accounts) SetPassword(ctx context.Context, actor pipeline.Actor, name, password string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), PasswordCost)
	if err != nil {
		return err
	}
	return a.store.SetPasswordHash(ctx, actor, name, string(hash))
}

// SignIn checks a name and password and opens a session.
func (a *Accounts) SignIn(ctx context.Context, name, password string) (Session, error) {
	wrong := pipeline.Errorf(pipeline.EUnauthorized, "wrong name or password")
	cred, err := a.store.CredentialOf(ctx, name)
	if pipeline.ErrorCodeOf(err) == pipeline.ENotFound {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password)) //nolint:errcheck // timing only
		return Session{}, wrong
	}
	if err != nil {
		return Session{}, err
	}
	if bcrypt.CompareHashAndPassword([]byte(cred.PasswordHash), []byte(password)) != nil {
		return Session{}, wrong
	}
	sess := Session{Token: randomToken(), CSRF: randomToken(), Actor: cred.Actor, ExpiresAt: a.now().Add(SessionTTL)}
	sum := sha256.Sum256([]byte(sess.Token))
	err = a.store.OpenSession(ctx, postgres.Session{UserID: cred.UserID, Actor: cred.Actor, TokenSHA256: sum[:], CSRF: sess.CSRF, ExpiresAt: sess.ExpiresAt})
	if err != nil {
		return Session{}, err
	}
	return sess, nil
}

// SessionOf returns the live session a cookie token belongs to.
func (a *Accounts) SessionOf(ctx context.Context, token string) (Session, error) {
	if token == "" {
		return Session{}, pipeline.Errorf(pipeline.EUnauthorized, "not signed in")
	}
	sum := sha256.Sum256([]byte(token))
	r, err := a.store.SessionOf(ctx, sum[:])
	if pipeline.ErrorCodeOf(err) == pipeline.ENotFound {
		return Session{}, pipeline.Errorf(pipeline.EUnauthorized, "the session has ended: sign in again")
	}
	if err != nil {
		return Session{}, err
	}
	return Session{Token: token, CSRF: r.CSRF, ExpiresAt: r.ExpiresAt, Actor: r.Actor}, nil
}

// SignOut ends a session.
func (a *Accounts) SignOut(ctx context.Context, token string) error {
	sum := sha256.Sum256([]byte(token))
	return a.store.CloseSession(ctx, sum[:])
}

// Users lists every user.
func (a *Accounts) Users(ctx context.Context) ([]pipeline.UserInfo, error) { return a.store.Users(ctx) }

func randomToken() string {
	raw := make([]byte, 32)
	rand.Read(raw) //nolint:errcheck // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(raw)
}
