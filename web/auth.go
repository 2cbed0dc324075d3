package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
)

type actorKey struct{}

// actorFrom returns the authenticated actor of a request.
func actorFrom(ctx context.Context) pipeline.Actor {
	a, _ := ctx.Value(actorKey{}).(pipeline.Actor)
	return a
}

// auth authenticates the bearer token and, when roles are given, admits only
// those roles.
func (s *Server) auth(h http.HandlerFunc, roles ...pipeline.Role) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			s.error(w, r, pipeline.Errorf(pipeline.EUnauthorized, "sign in: send Authorization: Bearer <token>"))
			return
		}
		a, err := s.accounts.Authenticate(r.Context(), strings.TrimSpace(token))
		if err != nil {
			s.error(w, r, err)
			return
		}
		if len(roles) > 0 && !slices.Contains(roles, a.Role) {
			s.error(w, r, pipeline.Errorf(pipeline.EForbidden, "the %s role may not do this", a.Role))
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), actorKey{}, a)))
	})
}
