package web

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/intake"
)

// multipartSlack is what a multipart body may hold beyond the file itself:
// the boundaries, part headers and the kind field.
const multipartSlack = 64 << 10

// documentUpload handles POST /api/v1/orders/{order_no}/documents (and the
// supplier room's upload), a multipart form with the fields kind and file in
// either order, through the intake: the order and the actor are checked
// before the body is read, the kind as soon as it arrives, and the file is
// streamed to a private temporary object, never held whole in memory.
func (s *Server) documentUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	up, err := s.intake.Stage(ctx, actorFrom(ctx), r.PathValue("order_no"), "")
	if err != nil {
		s.error(w, r, err)
		return
	}
	defer up.Abort(ctx)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "multipart/form-data" {
		s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "send a multipart/form-data body with the fields kind and file"))
		return
	}
	if r.ContentLength > s.maxUploadBytes+multipartSlack {
		s.error(w, r, pipeline.Errorf(pipeline.ETooLarge, "the file is larger than the limit of %d bytes", s.maxUploadBytes))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.maxUploadBytes+multipartSlack)
	mr, err := r.MultipartReader()
	if err != nil {
		s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "not a multipart form: %v", err))
		return
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF { //nolint:errorlint // only the bare EOF of the closing boundary ends the form; "multipart: NextPart: EOF" is a body cut off
			break
		}
		if err != nil {
			s.error(w, r, readErr(err))
			return
		}
		if err := uploadPart(r, up, part); err != nil {
			s.error(w, r, err)
			return
		}
	}
	doc, created, err := up.Commit(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK // the same file as the current version: nothing new
	}
	writeJSON(w, status, map[string]any{"document": doc, "created": created})
}

// uploadPart takes one part of the upload form: the kind, the file, or an
// unknown field (skipped).
func uploadPart(r *http.Request, up *intake.Upload, part *multipart.Part) error {
	switch part.FormName() {
	case "kind":
		b, err := io.ReadAll(io.LimitReader(part, 64))
		if err != nil {
			return readErr(err)
		}
		return up.SetKind(pipeline.DocKind(strings.TrimSpace(string(b))))
	case "file":
		return up.Put(r.Context(), part.FileName(), part)
	default:
		_, err := io.Copy(io.Discard, io.LimitReader(part, multipartSlack))
		return readErr(err)
	}
}

// readErr maps a failure to read the request's framing to its domain error.
func readErr(err error) error {
	var mbe *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &mbe):
		return pipeline.Errorf(pipeline.ETooLarge, "the request is larger than the limit of %d bytes", mbe.Limit)
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return pipeline.Errorf(pipeline.EInvalid, "the upload was cut off before its end (no closing boundary): nothing was stored, send the file again")
	}
	return pipeline.Errorf(pipeline.EInvalid, "reading the upload: %v", err)
}
