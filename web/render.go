package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages are the page templates; each is parsed with layout.html.
var pages = []string{"login", "error", "supplier", "order", "review", "sample", "totals", "assessment", "orders_behind", "admin"}

// Base is what every page's layout needs; each page's struct embeds it.
type Base struct {
	Lang  Lang
	Actor pipeline.Actor
	CSRF  string
	Title string
	Path  string // the request's path and query, for the language switch
	Flash string
}

// SignedIn reports whether a user is signed in.
func (b Base) SignedIn() bool { return b.Actor.Name != "" }

// Is reports whether the signed-in user has one of the roles.
func (b Base) Is(roles ...string) bool {
	for _, r := range roles {
		if string(b.Actor.Role) == r {
			return true
		}
	}
	return false
}

var funcs = template.FuncMap{
	"yuan": func(f money.Fen) string { return f.Grouped() },
	"wan":  func(f money.Fen) string { return money.GroupDigits(f.Wan()) },
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(pipeline.Shanghai).Format("2006-01-02 15:04")
	},
	"kinds": func() []pipeline.DocKind { return pipeline.DocKinds },
	"kind":  func(s string) pipeline.DocKind { return pipeline.DocKind(s) },
	"mark":  mark,
	"pct":   func(f float64) string { return strconv.FormatFloat(100*f, 'f', 2, 64) + "%" },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"join": strings.Join,
	"inc":  func(i int) int { return i + 1 },
	"n":    func(v int64) string { return money.GroupDigits(strconv.FormatInt(v, 10)) }, // a count, grouped
}

// parseTemplates parses every page at start-up; an error is fatal.
func parseTemplates() (map[string]*template.Template, error) {
	out := make(map[string]*template.Template, len(pages))
	for _, p := range pages {
		t, err := template.New(p).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", p, err)
		}
		out[p] = t
	}
	return out, nil
}

func staticFiles() fs.FS {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embedded directory exists at build time
	}
	return sub
}

// base returns the Base of a page for the request.
func (s *Server) base(r *http.Request, titleKey string) Base {
	lang := langOf(r)
	b := Base{Lang: lang, Title: lang.T(titleKey), Path: r.URL.RequestURI()}
	if sess, ok := sessionFrom(r.Context()); ok {
		b.Actor, b.CSRF = sess.Actor, sess.CSRF
	}
	return b
}

// render executes a page into a buffer, then writes it: a template error
// becomes a clean 500, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, page string, status int, data any) {
	t, ok := s.tmpl[page]
	if !ok {
		s.error(w, r, fmt.Errorf("no page template %q", page))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.ErrorContext(r.Context(), "render", "page", page, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes()) //nolint:errcheck // the client went away
}

// errorPage is the page of a failed request from a browser.
type errorPage struct {
	Base
	Status  int
	Message string
}

// mark returns the source text of a field with its value marked, so that
// a row printing both parties' codes shows which one was read: the value's
// first occurrence, compared without spaces (a code printed in groups),
// inside <mark>. Both parts are escaped.
func mark(text, value string) template.HTML {
	esc := template.HTMLEscapeString
	v := strings.ReplaceAll(value, " ", "")
	if v == "" {
		return template.HTML(esc(text)) //nolint:gosec // escaped
	}
	rs := []rune(text)
	vr := []rune(v)
	for i := range rs {
		j, k := i, 0
		for j < len(rs) && k < len(vr) {
			if rs[j] == ' ' && k > 0 {
				j++
				continue
			}
			if rs[j] != vr[k] {
				break
			}
			j, k = j+1, k+1
		}
		if k == len(vr) {
			return template.HTML(esc(string(rs[:i])) + "<mark>" + esc(string(rs[i:j])) + "</mark>" + esc(string(rs[j:]))) //nolint:gosec // escaped
		}
	}
	return template.HTML(esc(text)) //nolint:gosec // escaped
}
