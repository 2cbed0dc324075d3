package web

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/heshi-verify/heshi/pipeline"
)

var statusOf = map[pipeline.ErrorCode]int{
	pipeline.ENotFound:     http.StatusNotFound,
	pipeline.EForbidden:    http.StatusForbidden,
	pipeline.EInvalid:      http.StatusBadRequest,
	pipeline.EConflict:     http.StatusConflict,
	pipeline.ETooLarge:     http.StatusRequestEntityTooLarge,
	pipeline.EUnsupported:  http.StatusUnsupportedMediaType,
	pipeline.EUnauthorized: http.StatusUnauthorized,
	pipeline.EInternal:     http.StatusInternalServerError,
	pipeline.EUnavailable:  http.StatusServiceUnavailable,
}

// errorBody is every error response: {"error": {"code": …, "message": …}}.
type errorBody struct {
	Error struct {
		Code      pipeline.ErrorCode `json:"code"`
		Message   string             `json:"message"`    // in the reader's language: Chinese unless the switch says English
		MessageEN string             `json:"message_en"` // always English, for programs and logs
	} `json:"error"`
}

// error renders err with the status of its code; only internal errors are
// logged, with the request, and their details are not shown to the client.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	code := pipeline.ErrorCodeOf(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if code == pipeline.EInternal {
		s.log.ErrorContext(r.Context(), "request failed", slog.Group("request", slog.String("method", r.Method), slog.String("path", r.URL.Path)), slog.Any("error", err))
	}
	if wantsHTML(r) {
		s.render(w, r, "error", status, &errorPage{Base: s.base(r, "err.title"), Status: status, Message: langOf(r).Error(err)})
		return
	}
	if code == pipeline.EUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="heshi"`)
	}
	var body errorBody
	body.Error.Code, body.Error.Message, body.Error.MessageEN = code, langOf(r).Error(err), pipeline.ErrorMessageOf(err)
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v) //nolint:errcheck // the client went away
}
