package pipeline

// Role is what a user may do.
type Role string

const (
	RoleSupplier Role = "supplier" // uploads and reads its own supplier's orders
	RoleOperator Role = "operator" // works the review queue
	RoleAssessor Role = "assessor" // reads verified totals only
	RoleAdmin    Role = "admin"    // users, tokens, queue health
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleSupplier, RoleOperator, RoleAssessor, RoleAdmin:
		return true
	}
	return false
}

// Actor is who performs an action: a signed-in user, a token, or heshi itself.
type Actor struct {
	Name       string
	Role       Role
	SupplierID string // set for RoleSupplier only
}

// System is the actor of automatic steps: extraction, checks, verdicts.
var System = Actor{Name: "heshi", Role: RoleAdmin}

// CanTouchOrder reports whether a may read or add evidence to an order of the
// given supplier.
func (a Actor) CanTouchOrder(supplierID string) bool {
	switch a.Role {
	case RoleAdmin, RoleOperator:
		return true
	case RoleSupplier:
		return a.SupplierID != "" && a.SupplierID == supplierID
	}
	return false
}

// CanReview reports whether a may work the review queue: claim orders in
// review and decide on them.
func (a Actor) CanReview() bool { return a.Role == RoleOperator || a.Role == RoleAdmin }

// CanSee reports whether a may read an order of the given supplier in status
// st: its own supplier's users, operators and admins always; assessors once
// it is verified (they trace verified figures to their evidence).
func (a Actor) CanSee(supplierID string, st Status) bool {
	return a.CanTouchOrder(supplierID) || (a.Role == RoleAssessor && st == StatusVerified)
}
