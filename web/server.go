package web

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/internal/metrics"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/intake"
	"github.com/heshi-verify/heshi/pipeline/postgres"
	"github.com/heshi-verify/heshi/web/account"
	"github.com/heshi-verify/heshi/workers"
)

// Jobs is the job queue as the admin room sees it: its health and a retry.
// workers.Admin implements it.
type Jobs interface {
	Health(ctx context.Context, failures int) (*workers.QueueHealth, error)
	Retry(ctx context.Context, id int64) error
}

// Server serves heshi's HTTP API and the three rooms of the web: the
// supplier's, the operator's and the assessor's (and the admin's).
type Server struct {
	store          *postgres.Store
	accounts       *account.Accounts
	objects        *objstore.Store
	intake         *intake.Intake
	jobs           Jobs
	log            *slog.Logger
	maxUploadBytes int64
	mux            *http.ServeMux
	tmpl           map[string]*template.Template
	loginByPair    *backoff // a name from an address
	loginByIP      *backoff // every name from an address
	now            func() time.Time
	statementFont  func() ([]byte, error)
}

// Config is what a Server serves.
type Config struct {
	Store          *postgres.Store
	Objects        *objstore.Store
	Jobs           Jobs
	Log            *slog.Logger
	MaxUploadBytes int64 // caps one uploaded file
	// Now is the clock the sign-in back-off reads; time.Now when nil.
	Now func() time.Time
	// StatementFont gives the TrueType font (Chinese glyphs, one face) the
	// PDF statement is set in; without it the PDF is unavailable and the
	// HTML statement still served.
	StatementFont func() ([]byte, error)
}

// NewServer returns a server. The page templates are parsed here: a broken
// template stops the start-up.
func NewServer(cfg Config) *Server {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tmpl, err := parseTemplates()
	if err != nil {
		panic(err) // embedded at build time: a test catches it before anyone runs it
	}
	s := &Server{store: cfg.Store, accounts: account.New(cfg.Store), objects: cfg.Objects, jobs: cfg.Jobs, log: log,
		maxUploadBytes: cfg.MaxUploadBytes, mux: http.NewServeMux(), tmpl: tmpl, statementFont: cfg.StatementFont,
		intake:      &intake.Intake{Store: cfg.Store, Objects: cfg.Objects, MaxBytes: cfg.MaxUploadBytes, Log: log},
		loginByPair: newBackoff(5), loginByIP: newBackoff(50)}
	s.now = time.Now
	if cfg.Now != nil {
		s.loginByPair.now, s.loginByIP.now, s.now = cfg.Now, cfg.Now, cfg.Now
	}
	s.routes()
	return s
}

// routes is the one table of every route.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.Handle("POST /api/v1/orders/{order_no}/documents", s.auth(s.documentUpload))
	s.mux.Handle("GET /api/v1/orders/{order_no}", s.auth(s.orderShow))
	s.mux.Handle("GET /api/v1/stats", s.auth(s.statsShow, pipeline.RoleAssessor, pipeline.RoleOperator, pipeline.RoleAdmin))
	// Prometheus scrapes with an operator's or an admin's API token
	// (bearer_token in its scrape config): the figures are not public.
	s.mux.Handle("GET /metrics", s.auth(metrics.Handler().ServeHTTP, pipeline.RoleOperator, pipeline.RoleAdmin))

	// The rooms: session cookies, CSRF tokens on every POST.
	sup, op, as, adm := pipeline.RoleSupplier, pipeline.RoleOperator, pipeline.RoleAssessor, pipeline.RoleAdmin
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(staticFiles())))
	s.mux.HandleFunc("GET /login", s.loginShow)
	s.mux.HandleFunc("POST /login", s.loginSubmit)
	s.mux.HandleFunc("GET /lang", s.langSwitch)
	s.mux.Handle("POST /logout", s.page(s.logout))
	s.mux.Handle("GET /{$}", s.page(s.home))
	s.mux.Handle("GET /supplier", s.page(s.supplierList, sup))
	s.mux.Handle("GET /orders/{order_no}", s.page(s.orderShowPage))
	s.mux.Handle("POST /orders/{order_no}/documents", s.page(s.documentUpload, sup, op, adm))
	s.mux.Handle("GET /documents/{id}/file", s.page(s.documentFile))
	s.mux.Handle("GET /review", s.page(s.reviewList, op, adm))
	s.mux.Handle("POST /review/next", s.page(s.reviewNext, op, adm))
	s.mux.Handle("GET /review/sample", s.page(s.sampleShow, op, adm))
	s.mux.Handle("POST /review/sample", s.page(s.sampleDraw, op, adm))
	s.mux.Handle("POST /review/sample/{id}/check", s.page(s.sampleCheck, op, adm))
	s.mux.Handle("POST /review/sample/{id}/close", s.page(s.sampleClose, op, adm))
	s.mux.Handle("POST /orders/{order_no}/claim", s.page(s.orderClaim, op, adm))
	s.mux.Handle("POST /orders/{order_no}/claim/renew", s.page(s.orderClaimRenew, op, adm))
	s.mux.Handle("POST /orders/{order_no}/release", s.page(s.orderRelease, op, adm))
	s.mux.Handle("POST /orders/{order_no}/decision", s.page(s.orderDecide, op, adm))
	s.mux.Handle("GET /totals", s.page(s.totalsShow, as, op, adm))
	s.mux.Handle("GET /totals/export", s.page(s.totalsExport, as, op, adm))
	s.mux.Handle("GET /totals/orders", s.page(s.totalsOrders, as, op, adm))
	s.mux.Handle("GET /totals/assessment", s.page(s.assessmentShow, as, op, adm))
	s.mux.Handle("GET /totals/statement", s.page(s.statementShow, as, op, adm))
	s.mux.Handle("GET /admin", s.page(s.adminShow, adm))
	s.mux.Handle("POST /admin/users", s.page(s.adminUserAdd, adm))
	s.mux.Handle("POST /admin/users/{name}/token", s.page(s.adminTokenAdd, adm))
	s.mux.Handle("POST /admin/users/{name}/revoke", s.page(s.adminRevoke, adm))
	s.mux.Handle("POST /admin/users/{name}/disable", s.page(s.adminSetDisabled(true), adm))
	s.mux.Handle("POST /admin/users/{name}/enable", s.page(s.adminSetDisabled(false), adm))
	s.mux.Handle("POST /admin/users/{name}/password", s.page(s.adminPassword, adm))
	s.mux.Handle("POST /admin/jobs/{id}/retry", s.page(s.adminJobRetry, adm))
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.error(w, r, errors.Join(errors.New("database"), err))
		return
	}
	if err := s.objects.Ping(ctx); err != nil {
		s.error(w, r, errors.Join(errors.New("object store"), err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// ListenAndServe serves on addr until ctx ends, then shuts down gracefully.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	}
}
