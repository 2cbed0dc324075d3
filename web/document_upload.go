package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
)

// multipartSlack is what a multipart body may hold beyond the file itself:
// the boundaries, part headers and the kind field.
const multipartSlack = 64 << 10

// documentUpload handles POST /api/v1/orders/{order_no}/documents (and the
// supplier room's upload), a multipart form with the fields kind and file in
// either order, through the intake: the order and the actor are checked
// before the body is read, the kind as soon as it arrives, and the file is
// hashed as it arrives: held in memory up to a part (objstore.PartSize),
// streamed to a private temporary object beyond, never held whole when
// larger.
func (s *Server) documentUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	up, err := s.intake.Stage(ctx, actorFrom(ctx), r.PathValue("order_no"), "")
	if err != nil {
		s.error(w, r, err)
		return
	}
	defer up.Abort(ctx)
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" || params["boundary"] == "" {
		s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "send a multipart/form-data body (with its boundary) with the fields kind and file"))
		return
	}
	if r.ContentLength > s.maxUploadBytes+multipartSlack {
		s.error(w, r, pipeline.Errorf(pipeline.ETooLarge, "the file is larger than the limit of %d bytes", s.maxUploadBytes))
		return
	}
	body := http.MaxBytesReader(w, r.Body, s.maxUploadBytes+multipartSlack)
	if err := readUploadForm(ctx, body, params["boundary"], up); err != nil {
		s.error(w, r, err)
		return
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

// uploadSink takes an upload form's fields: *intake.Upload, or a test's.
type uploadSink interface {
	SetKind(pipeline.DocKind) error
	Put(ctx context.Context, name string, r io.Reader) error
}

// readUploadForm reads a multipart upload form to its closing delimiter,
// giving the kind and the file to sink; unknown fields are skipped. Every
// error is a domain error: a form cut off before its closing delimiter is
// EInvalid, however far it got (even right after a part's delimiter, which
// mime/multipart takes for the end), and so nothing is committed of it.
func readUploadForm(ctx context.Context, body io.Reader, boundary string, sink uploadSink) error {
	// The close delimiter stands on a line of its own: a line break, then
	// --boundary-- (RFC 2046). Inside a part that cannot occur (it would
	// end the part); elsewhere, such as in a file name, the string alone
	// means nothing. A body may also open with it (a form of no parts).
	watch := &closingWatch{r: body, pat: []byte("\n--" + boundary + "--"), tail: []byte("\n")}
	mr := multipart.NewReader(watch, boundary)
	for {
		part, err := mr.NextPart()
		if err == io.EOF { //nolint:errorlint // only the bare EOF of the closing boundary ends the form; "multipart: NextPart: EOF" is a body cut off
			if !watch.seen {
				return readErr(io.ErrUnexpectedEOF)
			}
			return nil
		}
		if err != nil {
			return readErr(err)
		}
		if err := uploadPart(ctx, sink, part); err != nil {
			return err
		}
	}
}

// closingWatch passes a body through and notes whether its closing
// delimiter went by. Inside a part the delimiter cannot occur (it would end
// the part), so having seen it means the form was sent to its end.
type closingWatch struct {
	r         io.Reader
	pat, tail []byte
	seen      bool
}

func (c *closingWatch) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if !c.seen && n > 0 {
		buf := append(c.tail, p[:n]...)
		c.seen = bytes.Contains(buf, c.pat)
		keep := min(len(buf), len(c.pat)-1)
		c.tail = append(c.tail[:0], buf[len(buf)-keep:]...)
	}
	return n, err
}

// uploadPart takes one part of the upload form: the kind, the file, or an
// unknown field (skipped).
func uploadPart(ctx context.Context, sink uploadSink, part *multipart.Part) error {
	switch part.FormName() {
	case "kind":
		b, err := io.ReadAll(io.LimitReader(part, 64))
		if err != nil {
			return readErr(err)
		}
		return sink.SetKind(pipeline.DocKind(strings.TrimSpace(string(b))))
	case "file":
		return sink.Put(ctx, part.FileName(), part)
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
