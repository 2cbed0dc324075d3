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
