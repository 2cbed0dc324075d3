package pipeline

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/heshi-verify/heshi/pipeline/internal/db"
)

// tokenPrefix marks heshi's API tokens, so a leaked one is recognisable.
const tokenPrefix = "heshi_"

// CreateUser adds a user with a role (a supplier user is scoped to its
// supplier) and returns a new API bearer token for it. Only the token's
// SHA-256 is stored: the token is shown once.
func (s *Store) CreateUser(ctx context.Context, actor Actor, name string, role Role, supplierID string) (token string, err error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", Errorf(EInvalid, "a user needs a name")
	case !role.Valid():
		return "", Errorf(EInvalid, "unknown role %q (want supplier, operator, assessor or admin)", role)
	case role == RoleSupplier && supplierID == "":
		return "", Errorf(EInvalid, "a supplier user needs --supplier")
	case role != RoleSupplier && supplierID != "":
		return "", Errorf(EInvalid, "only supplier users belong to a supplier")
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	token = tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	sum := sha256.Sum256([]byte(token))
	err = s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		u, err := q.UserInsert(ctx, db.UserInsertParams{Name: name, Role: string(role), SupplierID: pgtype.Text{String: supplierID, Valid: supplierID != ""}})
		if err != nil {
			return dbError(err, "user "+name)
		}
		if err := q.TokenInsert(ctx, db.TokenInsertParams{TokenSHA256: sum[:], UserID: u.ID}); err != nil {
			return dbError(err, "token")
		}
		return s.audit(ctx, q, actor, "user.add", "user:"+name, map[string]string{"role": string(role), "supplier_id": supplierID})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// Authenticate returns the actor a bearer token belongs to.
func (s *Store) Authenticate(ctx context.Context, token string) (Actor, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return Actor{}, Errorf(EUnauthorized, "invalid token")
	}
	sum := sha256.Sum256([]byte(token))
	u, err := s.q.UserByToken(ctx, sum[:])
	if err != nil {
		if err == pgx.ErrNoRows {
			return Actor{}, Errorf(EUnauthorized, "invalid token")
		}
		return Actor{}, dbError(err, "token")
	}
	return Actor{Name: u.Name, Role: Role(u.Role), SupplierID: u.SupplierID.String}, nil
}
