package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// The store keeps users, the SHA-256 of their API tokens, their bcrypt
// password hashes and their web sessions; making tokens, hashing passwords
// and the sessions' rules are web/account's.

// CreateUser adds a user (checked with pipeline.NewUser.Check) with its
// first API token, given by its SHA-256, and an audit entry.
func (s *Store) CreateUser(ctx context.Context, actor pipeline.Actor, u pipeline.NewUser, tokenSHA256 []byte) error {
	if err := u.Check(); err != nil {
		return err
	}
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		row, err := q.UserInsert(ctx, db.UserInsertParams{Name: u.Name, Role: string(u.Role), SupplierID: pgtype.Text{String: u.SupplierID, Valid: u.SupplierID != ""}})
		if err != nil {
			return dbError(err, "user "+u.Name)
		}
		if err := q.TokenInsert(ctx, db.TokenInsertParams{TokenSHA256: tokenSHA256, UserID: row.ID}); err != nil {
			return dbError(err, "token")
		}
		return s.audit(ctx, q, actor, "user.add", "user:"+u.Name, map[string]string{"role": string(u.Role), "supplier_id": u.SupplierID})
	})
}

// AddToken adds an API token, given by its SHA-256, to an existing user.
func (s *Store) AddToken(ctx context.Context, actor pipeline.Actor, name string, tokenSHA256 []byte) error {
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		u, err := q.UserGetByName(ctx, name)
		if err != nil {
			return dbError(err, "user "+name)
		}
		if err := q.TokenInsert(ctx, db.TokenInsertParams{TokenSHA256: tokenSHA256, UserID: u.ID}); err != nil {
			return dbError(err, "token")
		}
		return s.audit(ctx, q, actor, "user.token", "user:"+name, map[string]string{})
	})
}

// ActorByToken returns the user whose API token has this SHA-256;
// ENotFound when none has.
func (s *Store) ActorByToken(ctx context.Context, tokenSHA256 []byte) (pipeline.Actor, error) {
	u, err := s.q.UserByToken(ctx, tokenSHA256)
	if err != nil {
		return pipeline.Actor{}, dbError(err, "token")
	}
	return pipeline.Actor{Name: u.Name, Role: pipeline.Role(u.Role), SupplierID: u.SupplierID.String}, nil
}

// SetPasswordHash sets the web password hash of an existing user and ends
// the user's web sessions: whoever signed in with the old password is
// signed out.
func (s *Store) SetPasswordHash(ctx context.Context, actor pipeline.Actor, name, hash string) error {
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		u, err := q.UserGetByName(ctx, name)
		if err != nil {
			return dbError(err, "user "+name)
		}
		if err := q.PasswordSet(ctx, db.PasswordSetParams{UserID: u.ID, PasswordHash: hash}); err != nil {
			return dbError(err, "password")
		}
		ended, err := q.SessionsDeleteByUser(ctx, u.ID)
		if err != nil {
			return dbError(err, "sessions")
		}
		return s.audit(ctx, q, actor, "user.password", "user:"+name, map[string]int64{"sessions_ended": ended})
	})
}

// SetDisabled disables a user (its tokens, sessions and password then sign
// nobody in, and its sessions end) or enables it again, with an audit entry.
// What the user did stays, attributed to it.
func (s *Store) SetDisabled(ctx context.Context, actor pipeline.Actor, name string, disabled bool) error {
	if disabled && actor.Name == name {
		return pipeline.Errorf(pipeline.EInvalid, "an admin cannot disable their own account")
	}
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		u, err := q.UserGetByName(ctx, name)
		if err != nil {
			return dbError(err, "user "+name)
		}
		if _, err := q.UserSetDisabled(ctx, db.UserSetDisabledParams{ID: u.ID, Disabled: disabled}); err != nil {
			return dbError(err, "user "+name)
		}
		action := "user.enable"
		if disabled {
			action = "user.disable"
			if _, err := q.SessionsDeleteByUser(ctx, u.ID); err != nil {
				return dbError(err, "sessions")
			}
		}
		return s.audit(ctx, q, actor, action, "user:"+name, map[string]string{})
	})
}

// RevokeAccess deletes every API token of a user and ends the user's web
// sessions; it returns how many of each it ended. A new token (AddToken)
// or a sign-in gives access again.
func (s *Store) RevokeAccess(ctx context.Context, actor pipeline.Actor, name string) (tokens, sessions int64, err error) {
	err = s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		u, err := q.UserGetByName(ctx, name)
		if err != nil {
			return dbError(err, "user "+name)
		}
		if tokens, err = q.TokensDeleteByUser(ctx, u.ID); err != nil {
			return dbError(err, "tokens")
		}
		if sessions, err = q.SessionsDeleteByUser(ctx, u.ID); err != nil {
			return dbError(err, "sessions")
		}
		return s.audit(ctx, q, actor, "user.revoke", "user:"+name, map[string]int64{"tokens": tokens, "sessions": sessions})
	})
	return tokens, sessions, err
}

// Credential is a user with a web password.
type Credential struct {
	UserID       int64
	Actor        pipeline.Actor
	PasswordHash string
}

// CredentialOf returns the password hash of a user; ENotFound when there is
// no such user or it has no password.
func (s *Store) CredentialOf(ctx context.Context, name string) (Credential, error) {
	u, err := s.q.PasswordByName(ctx, name)
	if err != nil {
		return Credential{}, dbError(err, "user "+name)
	}
	return Credential{UserID: u.ID, PasswordHash: u.PasswordHash,
		Actor: pipeline.Actor{Name: u.Name, Role: pipeline.Role(u.Role), SupplierID: u.SupplierID.String}}, nil
}

// Session is a web session as stored: only its token's SHA-256.
type Session struct {
	UserID      int64
	Actor       pipeline.Actor
	TokenSHA256 []byte
	CSRF        string
	ExpiresAt   time.Time
}

// OpenSession stores a new session (dropping expired ones) with an audit
// entry of the sign-in.
func (s *Store) OpenSession(ctx context.Context, sess Session) error {
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		if err := q.SessionsDeleteExpired(ctx); err != nil {
			return dbError(err, "expired sessions")
		}
		if err := q.SessionInsert(ctx, db.SessionInsertParams{TokenSHA256: sess.TokenSHA256, UserID: sess.UserID, CsrfToken: sess.CSRF, ExpiresAt: sess.ExpiresAt}); err != nil {
			return dbError(err, "session")
		}
		return s.audit(ctx, q, sess.Actor, "user.sign_in", "user:"+sess.Actor.Name, map[string]string{})
	})
}

// SessionOf returns the live session whose token has this SHA-256;
// ENotFound when it has ended or never was.
func (s *Store) SessionOf(ctx context.Context, tokenSHA256 []byte) (Session, error) {
	r, err := s.q.SessionGet(ctx, tokenSHA256)
	if err != nil {
		return Session{}, dbError(err, "session")
	}
	return Session{UserID: r.ID, TokenSHA256: tokenSHA256, CSRF: r.CsrfToken, ExpiresAt: r.ExpiresAt,
		Actor: pipeline.Actor{Name: r.Name, Role: pipeline.Role(r.Role), SupplierID: r.SupplierID.String}}, nil
}

// CloseSession ends the session whose token has this SHA-256.
func (s *Store) CloseSession(ctx context.Context, tokenSHA256 []byte) error {
	return dbError(s.q.SessionDelete(ctx, tokenSHA256), "session")
}

// Users lists every user.
func (s *Store) Users(ctx context.Context) ([]pipeline.UserInfo, error) {
	rows, err := s.q.UserList(ctx)
	if err != nil {
		return nil, dbError(err, "users")
	}
	out := make([]pipeline.UserInfo, 0, len(rows))
	for _, r := range rows {
		out = append(out, pipeline.UserInfo{Name: r.Name, Role: pipeline.Role(r.Role), SupplierID: r.SupplierID.String, CreatedAt: r.CreatedAt,
			HasPassword: r.HasPassword, Tokens: r.Tokens, Sessions: r.Sessions, Disabled: r.Disabled})
	}
	return out, nil
}
