package pipeline

import (
	"strings"
	"time"
)

// NewUser is a user to add: a name, a role and, for a supplier's user, the
// supplier it acts for.
type NewUser struct {
	Name       string
	Role       Role
	SupplierID string
}

// Check trims the name and validates the user.
func (u *NewUser) Check() error {
	u.Name = strings.TrimSpace(u.Name)
	switch {
	case u.Name == "":
		return Errorf(EInvalid, "a user needs a name")
	case !u.Role.Valid():
		return Errorf(EInvalid, "unknown role %q (want supplier, operator, assessor or admin)", u.Role)
	case u.Role == RoleSupplier && u.SupplierID == "":
		return Errorf(EInvalid, "a supplier user needs --supplier")
	case u.Role != RoleSupplier && u.SupplierID != "":
		return Errorf(EInvalid, "only supplier users belong to a supplier")
	}
	return nil
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
	Disabled    bool // signs nobody in: tokens, sessions and password refused
}
