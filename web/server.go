package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/pipeline"
)

// Server serves heshi's HTTP API.
type Server struct {
	store          *pipeline.Store
	objects        *objstore.Store
	log            *slog.Logger
	maxUploadBytes int64
	mux            *http.ServeMux
}

// NewServer returns a server; maxUploadBytes caps one uploaded file.
func NewServer(store *pipeline.Store, objects *objstore.Store, log *slog.Logger, maxUploadBytes int64) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{store: store, objects: objects, log: log, maxUploadBytes: maxUploadBytes, mux: http.NewServeMux()}
	s.routes()
	return s
}

// routes is the one table of every route.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.Handle("POST /api/v1/orders/{order_no}/documents", s.auth(s.documentUpload))
	s.mux.Handle("GET /api/v1/orders/{order_no}", s.auth(s.orderShow))
	s.mux.Handle("GET /api/v1/stats", s.auth(s.statsShow, pipeline.RoleAssessor, pipeline.RoleOperator, pipeline.RoleAdmin))
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Pool().Ping(ctx); err != nil {
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
