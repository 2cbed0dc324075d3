package pipeline

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"golang.org/x/crypto/bcrypt"

	"github.com/heshi-verify/heshi/pipeline/internal/db"
)

// MinPasswordLen is the shortest web password accepted, in characters.
const MinPasswordLen = 10

// SessionTTL is how long a web session lasts after signing in.
const SessionTTL = 12 * time.Hour

// PasswordCost is bcrypt's cost for new password hashes (tests lower it).
var PasswordCost = bcrypt.DefaultCost

// dummyHash is compared against when a name is unknown, so that signing in
// takes as long for a wrong name as for a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("heshi-no-such-user"), bcrypt.DefaultCost)

// Session is a signed-in browser: Token goes in the cookie (only its SHA-256
// is stored), CSRF is echoed by every form.
type Session struct {
	Token     string
	CSRF      string
	Actor     Actor
	ExpiresAt time.Time
}

// SetPassword sets the web password of an existing user (bcrypt).
func (s *Store) SetPassword(ctx context.Context, actor Actor, name, password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLen {
		return Errorf(EInvalid, "a password needs at least %d characters", MinPasswordLen)
	}
	if len(password) > 72 {
		return Errorf(EInvalid, "a password may have at most 72 bytes")
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), PasswordCost)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		u, err := q.UserGetByName(ctx, name)
		if err != nil {
			return dbError(err, "user "+name)
		}
		if err := q.PasswordSet(ctx, db.PasswordSetParams{UserID: u.ID, PasswordHash: string(hash)}); err != nil {
			return dbError(err, "password")
		}
		return s.audit(ctx, q, actor, "user.password", "user:"+name, map[string]string{})
	})
}

// SignIn checks a name and password and opens a session.
func (s *Store) SignIn(ctx context.Context, name, password string) (Session, error) {
	wrong := Errorf(EUnauthorized, "wrong name or password")
	u, err := s.q.PasswordByName(ctx, name)
	if errors.Is(err, pgx.ErrNoRows) {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password)) //nolint:errcheck // timing only
		return Session{}, wrong
	}
	if err != nil {
		return Session{}, dbError(err, "user")
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil {
		return Session{}, wrong
	}
	sess := Session{
		Token: randomToken(), CSRF: randomToken(),
		Actor:     Actor{Name: u.Name, Role: Role(u.Role), SupplierID: u.SupplierID.String},
		ExpiresAt: s.now().Add(SessionTTL),
	}
	sum := sha256.Sum256([]byte(sess.Token))
	err = s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		if err := q.SessionsDeleteExpired(ctx); err != nil {
			return dbError(err, "expired sessions")
		}
		if err := q.SessionInsert(ctx, db.SessionInsertParams{TokenSHA256: sum[:], UserID: u.ID, CsrfToken: sess.CSRF, ExpiresAt: sess.ExpiresAt}); err != nil {
			return dbError(err, "session")
		}
		return s.audit(ctx, q, sess.Actor, "user.sign_in", "user:"+u.Name, map[string]string{})
	})
	if err != nil {
		return Session{}, err
	}
	return sess, nil
}

// SessionOf returns the live session a cookie token belongs to.
func (s *Store) SessionOf(ctx context.Context, token string) (Session, error) {
	if token == "" {
		return Session{}, Errorf(EUnauthorized, "not signed in")
	}
	sum := sha256.Sum256([]byte(token))
	r, err := s.q.SessionGet(ctx, sum[:])
	if errors.Is(err, pgx.ErrNoRows) {
		return Session{}, Errorf(EUnauthorized, "the session has ended: sign in again")
	}
	if err != nil {
		return Session{}, dbError(err, "session")
	}
	return Session{Token: token, CSRF: r.CsrfToken, ExpiresAt: r.ExpiresAt,
		Actor: Actor{Name: r.Name, Role: Role(r.Role), SupplierID: r.SupplierID.String}}, nil
}

// SignOut ends a session.
func (s *Store) SignOut(ctx context.Context, token string) error {
	sum := sha256.Sum256([]byte(token))
	return dbError(s.q.SessionDelete(ctx, sum[:]), "session")
}

// UserInfo is a user as the admin room lists it.
type UserInfo struct {
	Name        string
	Role        Role
	SupplierID  string
	CreatedAt   time.Time
	HasPassword bool
	Tokens      int64
	Sessions    int64
}

// Users lists every user.
func (s *Store) Users(ctx context.Context) ([]UserInfo, error) {
	rows, err := s.q.UserList(ctx)
	if err != nil {
		return nil, dbError(err, "users")
	}
	out := make([]UserInfo, 0, len(rows))
	for _, r := range rows {
		out = append(out, UserInfo{Name: r.Name, Role: Role(r.Role), SupplierID: r.SupplierID.String, CreatedAt: r.CreatedAt,
			HasPassword: r.HasPassword, Tokens: r.Tokens, Sessions: r.Sessions})
	}
	return out, nil
}

// NewToken issues another API token for an existing user; it is shown once.
func (s *Store) NewToken(ctx context.Context, actor Actor, name string) (string, error) {
	token := tokenPrefix + randomToken()
	sum := sha256.Sum256([]byte(token))
	err := s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		u, err := q.UserGetByName(ctx, name)
		if err != nil {
			return dbError(err, "user "+name)
		}
		if err := q.TokenInsert(ctx, db.TokenInsertParams{TokenSHA256: sum[:], UserID: u.ID}); err != nil {
			return dbError(err, "token")
		}
		return s.audit(ctx, q, actor, "user.token", "user:"+name, map[string]string{})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

func randomToken() string {
	raw := make([]byte, 32)
	rand.Read(raw) //nolint:errcheck // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// ExtractionProblems returns, by document ID, what reading each of these
// documents found odd (a title that reads as another kind than the one
// chosen on upload, a field that makes no sense); documents without any are
// left out. The caller has already checked that actor may see them.
func (s *Store) ExtractionProblems(ctx context.Context, documentIDs []int64) (map[int64][]string, error) {
	rows, err := s.q.ExtractionProblems(ctx, documentIDs)
	if err != nil {
		return nil, fmt.Errorf("extraction problems: %w", err)
	}
	out := make(map[int64][]string, len(rows))
	for _, r := range rows {
		var ps []string
		if err := json.Unmarshal(r.Problems, &ps); err != nil {
			return nil, fmt.Errorf("extraction problems of document %d: %w", r.DocumentID, err)
		}
		out[r.DocumentID] = ps
	}
	return out, nil
}
