package web

import (
	"context"
	"crypto/subtle"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/web/account"
)

const sessionCookie = "heshi_session"

type sessionKey struct{}

func sessionFrom(ctx context.Context) (account.Session, bool) {
	s, ok := ctx.Value(sessionKey{}).(account.Session)
	return s, ok
}

// page wraps a browser route: the session cookie must name a live session
// (else GETs go to the sign-in page), the role must be one of roles (when
// given), and every unsafe method must carry the session's CSRF token, in the
// form field csrf or the X-CSRF-Token header.
func (s *Server) page(h http.HandlerFunc, roles ...pipeline.Role) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var token string
		if c, err := r.Cookie(sessionCookie); err == nil {
			token = c.Value
		}
		sess, err := s.accounts.SessionOf(r.Context(), token)
		if err != nil {
			if pipeline.ErrorCodeOf(err) == pipeline.EUnauthorized && r.Method == http.MethodGet && wantsHTML(r) {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.error(w, r, err)
			return
		}
		ctx := context.WithValue(r.Context(), sessionKey{}, sess)
		ctx = context.WithValue(ctx, actorKey{}, sess.Actor)
		r = r.WithContext(ctx)
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if !s.csrfOK(r, sess) {
				s.error(w, r, pipeline.Errorf(pipeline.EForbidden, "the form has expired or did not come from heshi (CSRF token missing or wrong): reload the page and try again"))
				return
			}
		}
		if len(roles) > 0 && !slices.Contains(roles, sess.Actor.Role) {
			s.error(w, r, pipeline.Errorf(pipeline.EForbidden, "the %s role may not do this", sess.Actor.Role))
			return
		}
		h(w, r)
	})
}

// csrfOK checks the request's CSRF token against the session's. A multipart
// body is not parsed for it: an upload sends the header or ?csrf=.
func (s *Server) csrfOK(r *http.Request, sess account.Session) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.URL.Query().Get("csrf")
	}
	if got == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		r.Body = http.MaxBytesReader(nil, r.Body, 1<<20)
		got = r.PostFormValue("csrf")
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRF)) == 1
}

func wantsHTML(r *http.Request) bool {
	return !strings.HasPrefix(r.URL.Path, "/api/") && strings.Contains(r.Header.Get("Accept"), "text/html")
}

func setSessionCookie(w http.ResponseWriter, r *http.Request, value string, expires time.Time) {
	c := &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", HttpOnly: true, Secure: r.TLS != nil,
		SameSite: http.SameSiteLaxMode, Expires: expires,
	}
	if value == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// limiter counts failed sign-ins per key in a sliding window (in memory:
// one process serves the web; a restart forgets, which is acceptable).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// loginPage is the sign-in form.
type loginPage struct {
	Base
	Name  string
	Next  string
	Error string
}

// localPath returns next if it is a path on this site, else "/". Browsers
// drop tabs and line breaks from a URL and read a backslash as a slash, so
// "/\t/host" and "/\\host" lead off the site as "//host" does: a control
// character or a backslash anywhere refuses next.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || !utf8.ValidString(next) ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}

// sameOrigin says whether a form was posted from this site: its Origin
// names this host, or it has none (a client that is not a browser; every
// browser sends Origin with a POST). "null", sent from sandboxed frames,
// data: URLs and some redirects, names no site and is refused.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host != "" && u.Host == r.Host
}

func (s *Server) loginShow(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "login", http.StatusOK, &loginPage{Base: s.base(r, "signin"), Next: localPath(r.URL.Query().Get("next"))})
}

// loginSubmit signs in. It has no session yet, so no per-session CSRF token;
// SameSite=Lax cookies and the Origin check keep other sites from posting it.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	name, password := strings.TrimSpace(r.PostFormValue("name")), r.PostFormValue("password")
	p := &loginPage{Base: s.base(r, "signin"), Name: name, Next: localPath(r.PostFormValue("next"))}
	if !sameOrigin(r) {
		s.error(w, r, pipeline.Errorf(pipeline.EForbidden, "sign in from heshi's own page"))
		return
	}
	ip := clientIP(r)
	pairKey, ipKey := ip+"\x00"+name, ip
	if wait := max(s.loginByPair.wait(pairKey), s.loginByIP.wait(ipKey)); wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		p.Error = p.Lang.pick([2]string{fmt.Sprintf("登录失败次数过多，请 %d 秒后再试。", secs), fmt.Sprintf("Too many failed sign-ins: try again in %d s.", secs)})
		s.render(w, r, "login", http.StatusTooManyRequests, p)
		return
	}
	sess, err := s.accounts.SignIn(r.Context(), name, password)
	if err != nil {
		if pipeline.ErrorCodeOf(err) != pipeline.EUnauthorized {
			s.error(w, r, err)
			return
		}
		s.loginByPair.fail(pairKey)
		s.loginByIP.fail(ipKey)
		p.Error = p.Lang.pick([2]string{"用户名或密码不对。", "Wrong name or password."})
		s.render(w, r, "login", http.StatusUnauthorized, p)
		return
	}
	s.loginByPair.reset(pairKey)
	setSessionCookie(w, r, sess.Token, sess.ExpiresAt)
	http.Redirect(w, r, p.Next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	sess, _ := sessionFrom(r.Context())
	if err := s.accounts.SignOut(r.Context(), sess.Token); err != nil {
		s.error(w, r, err)
		return
	}
	setSessionCookie(w, r, "", time.Time{})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// langSwitch sets the language cookie and returns to the page.
func (s *Server) langSwitch(w http.ResponseWriter, r *http.Request) {
	l := LangZH
	if r.URL.Query().Get("to") == string(LangEN) {
		l = LangEN
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true, Secure: r.TLS != nil})
	http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// home sends a signed-in user to the room of their role.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	sess, _ := sessionFrom(r.Context())
	to := map[pipeline.Role]string{
		pipeline.RoleSupplier: "/supplier", pipeline.RoleOperator: "/review",
		pipeline.RoleAssessor: "/totals", pipeline.RoleAdmin: "/admin",
	}[sess.Actor.Role]
	http.Redirect(w, r, to, http.StatusSeeOther)
}
