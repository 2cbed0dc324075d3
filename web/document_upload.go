package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/intake"
)

// multipartSlack is what a multipart body may hold beyond the file itself:
// the boundaries, part headers and the kind field.
const multipartSlack = 64 << 10

// documentUpload handles POST /api/v1/orders/{order_no}/documents, a
// multipart form with the fields kind and file (in either order). The file is
// streamed to object storage, never held whole in memory.
func (s *Server) documentUpload(w http.ResponseWriter, r *http.Request) {
	actor := actorFrom(r.Context())
	orderNo := r.PathValue("order_no")
	// Refuse an unknown order or another supplier's before reading the body.
	if err := s.store.AuthorizeUpload(r.Context(), actor, orderNo); err != nil {
		s.error(w, r, err)
		return
	}
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
	in := &intake.Intake{Store: s.store, Objects: s.objects, MaxBytes: s.maxUploadBytes, Log: s.log}

	var kind pipeline.DocKind
	var stored *storedFile
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.uploadFailed(w, r, in, stored, readErr(err))
			return
		}
		switch part.FormName() {
		case "kind":
			b, err := io.ReadAll(io.LimitReader(part, 64))
			if err != nil {
				s.uploadFailed(w, r, in, stored, readErr(err))
				return
			}
			kind = pipeline.DocKind(strings.TrimSpace(string(b)))
		case "file":
			if stored != nil {
				s.uploadFailed(w, r, in, stored, pipeline.Errorf(pipeline.EInvalid, "send one file per request"))
				return
			}
			obj, created, mt, err := in.Put(r.Context(), part)
			if err != nil {
				s.error(w, r, err)
				return
			}
			stored = &storedFile{key: obj.Key, created: created, doc: pipeline.NewDocument{
				SHA256: obj.SHA256, Size: obj.Size, MediaType: mt, ObjectKey: obj.Key, OriginalName: part.FileName(),
			}}
		default:
			io.Copy(io.Discard, io.LimitReader(part, multipartSlack)) //nolint:errcheck // unknown field, skipped
		}
	}
	if stored == nil {
		s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "the form has no file field"))
		return
	}
	if !kind.Valid() {
		s.uploadFailed(w, r, in, stored, pipeline.Errorf(pipeline.EInvalid, "kind %q is not one of contract, payment, logistics, invoice, acceptance", kind))
		return
	}
	nd := stored.doc
	nd.OrderNo, nd.Kind = orderNo, kind
	doc, created, err := s.store.AddDocument(r.Context(), actor, nd)
	if err != nil {
		s.uploadFailed(w, r, in, stored, err)
		return
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK // the same file as the current version: nothing new
	}
	writeJSON(w, status, map[string]any{"document": doc, "created": created})
}

type storedFile struct {
	key     string
	created bool
	doc     pipeline.NewDocument
}

// uploadFailed answers err and removes the object this request stored, if no
// document refers to it.
func (s *Server) uploadFailed(w http.ResponseWriter, r *http.Request, in *intake.Intake, f *storedFile, err error) {
	if f != nil && f.created {
		in.RemoveOrphan(r.Context(), f.key)
	}
	s.error(w, r, err)
}

func readErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return pipeline.Errorf(pipeline.ETooLarge, "the request is larger than the limit of %d bytes", mbe.Limit)
	}
	return pipeline.Errorf(pipeline.EInvalid, "reading the upload: %v", err)
}
