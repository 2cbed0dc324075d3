package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/web/account"
	"github.com/heshi-verify/heshi/workers"
)

// adminPage is the admin's room: users, tokens and the job queue.
type adminPage struct {
	Base
	Users    []pipeline.UserInfo
	Health   *workers.QueueHealth
	NewToken string
	Roles    []pipeline.Role
	// FormError is why the form sent was refused, shown beside it; Form
	// keeps what was typed (but passwords) to correct it.
	FormError string
	Form      adminForm
}

// adminForm is what the add-user form held.
type adminForm struct {
	Name, Role, Supplier string
}

// adminShow handles GET /admin.
func (s *Server) adminShow(w http.ResponseWriter, r *http.Request) {
	s.adminRender(w, r, "")
}

func (s *Server) adminRender(w http.ResponseWriter, r *http.Request, token string) {
	s.adminRenderWith(w, r, &adminPage{NewToken: token}, http.StatusOK)
}

// adminFormError shows the admin page again with the form's error beside
// the form and what was typed kept; the status is the error's.
func (s *Server) adminFormError(w http.ResponseWriter, r *http.Request, err error) {
	if pipeline.ErrorCodeOf(err) == pipeline.EInternal {
		s.error(w, r, err)
		return
	}
	status, ok := statusOf[pipeline.ErrorCodeOf(err)]
	if !ok {
		status = http.StatusBadRequest
	}
	p := &adminPage{FormError: langOf(r).Error(err), Form: adminForm{Name: r.PostFormValue("name"), Role: r.PostFormValue("role"), Supplier: r.PostFormValue("supplier")}}
	s.adminRenderWith(w, r, p, status)
}

func (s *Server) adminRenderWith(w http.ResponseWriter, r *http.Request, p *adminPage, status int) {
	p.Base = s.base(r, "nav.admin")
	p.Roles = []pipeline.Role{pipeline.RoleSupplier, pipeline.RoleOperator, pipeline.RoleAssessor, pipeline.RoleAdmin}
	var err error
	if p.Users, err = s.accounts.Users(r.Context()); err != nil {
		s.error(w, r, err)
		return
	}
	if p.Health, err = s.jobs.Health(r.Context(), 50); err != nil {
		s.error(w, r, err)
		return
	}
	if r.URL.Query().Get("ok") != "" {
		p.Flash = p.Lang.T("done")
	}
	s.render(w, r, "admin", status, p)
}

// adminUserAdd handles POST /admin/users (name, role, supplier, password):
// the user, its first API token (shown once) and, if given, its web password.
func (s *Server) adminUserAdd(w http.ResponseWriter, r *http.Request) {
	actor := actorFrom(r.Context())
	name := strings.TrimSpace(r.PostFormValue("name"))
	password := r.PostFormValue("password")
	if password != "" {
		// Checked before the user is made: a refused password makes nothing.
		if err := account.CheckPassword(password); err != nil {
			s.adminFormError(w, r, err)
			return
		}
	}
	token, err := s.accounts.CreateUser(r.Context(), actor, name, pipeline.Role(r.PostFormValue("role")), strings.TrimSpace(r.PostFormValue("supplier")))
	if err != nil {
		s.adminFormError(w, r, err)
		return
	}
	if password != "" {
		if err := s.accounts.SetPassword(r.Context(), actor, name, password); err != nil {
			s.adminFormError(w, r, err)
			return
		}
	}
	s.adminRender(w, r, token)
}

// adminSetDisabled handles POST /admin/users/{name}/disable and …/enable.
func (s *Server) adminSetDisabled(disabled bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := s.accounts.SetDisabled(r.Context(), actorFrom(r.Context()), r.PathValue("name"), disabled); err != nil {
			s.adminFormError(w, r, err)
			return
		}
		http.Redirect(w, r, "/admin?ok=1", http.StatusSeeOther)
	}
}

// adminPassword handles POST /admin/users/{name}/password (password): a
// new web password, which ends the user's sessions.
func (s *Server) adminPassword(w http.ResponseWriter, r *http.Request) {
	if err := s.accounts.SetPassword(r.Context(), actorFrom(r.Context()), r.PathValue("name"), r.PostFormValue("password")); err != nil {
		s.adminFormError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin?ok=1", http.StatusSeeOther)
}

// adminTokenAdd handles POST /admin/users/{name}/token.
func (s *Server) adminTokenAdd(w http.ResponseWriter, r *http.Request) {
	token, err := s.accounts.NewToken(r.Context(), actorFrom(r.Context()), r.PathValue("name"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.adminRender(w, r, token)
}

// adminRevoke handles POST /admin/users/{name}/revoke: every API token and
// web session of the user ends.
func (s *Server) adminRevoke(w http.ResponseWriter, r *http.Request) {
	if _, _, err := s.accounts.Revoke(r.Context(), actorFrom(r.Context()), r.PathValue("name")); err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin?ok=1", http.StatusSeeOther)
}

// adminJobRetry handles POST /admin/jobs/{id}/retry.
func (s *Server) adminJobRetry(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.error(w, r, pipeline.Errorf(pipeline.ENotFound, "no such job"))
		return
	}
	if err := s.jobs.Retry(r.Context(), id); err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin?ok=1", http.StatusSeeOther)
}
