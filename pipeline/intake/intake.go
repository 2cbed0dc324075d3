// Package intake is the one way documents come in, for the web's upload and
// `heshi import` alike: Stage checks who may add a document to which order
// (and the kind, when known) before a byte is read; Put sniffs the file's
// type and stages it, hashed (in memory up to objstore.PartSize, in a
// private temporary object beyond); Commit files it under its content
// address and records it with its extraction job in one transaction; Abort
// removes what was staged. A refusal at any step
// leaves nothing behind, and no step ever removes an object a document
// refers to: an upload only ever removes its own temporary object.
//
// It imports the domain, its store and the object store; no handlers, no River.
package intake

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/heshi-verify/heshi/evidence/mediatype"
	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/internal/metrics"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
)

// Intake adds documents to orders.
type Intake struct {
	Store    *postgres.Store
	Objects  *objstore.Store
	MaxBytes int64 // the largest file accepted
	Log      *slog.Logger
}

// Upload is one document on its way in, from Stage to Commit or Abort.
type Upload struct {
	in        *Intake
	actor     pipeline.Actor
	orderNo   string
	kind      pipeline.DocKind
	name      string
	mediaType string
	staged    *objstore.Staged
	start     time.Time
	counted   bool // its outcome is in the metrics
}

// Stage begins an upload: the order must exist (ENotFound) and be the
// actor's to add to (EForbidden), and kind, unless empty (it may follow the
// file, see SetKind), must be one of the five (EInvalid). Nothing is read
// or stored yet.
func (in *Intake) Stage(ctx context.Context, actor pipeline.Actor, orderNo string, kind pipeline.DocKind) (*Upload, error) {
	u := &Upload{in: in, actor: actor, orderNo: orderNo, start: time.Now()}
	if err := in.Store.AuthorizeUpload(ctx, actor, orderNo); err != nil {
		u.count(err, false)
		return nil, err
	}
	if kind != "" {
		if err := u.SetKind(kind); err != nil {
			u.count(err, false)
			return nil, err
		}
	}
	return u, nil
}

// count records the upload's outcome in the metrics, once: stored (a new
// version), unchanged (the current version's bytes again), refused (a
// domain error: the sender's to correct) or failed (ours).
func (u *Upload) count(err error, created bool) {
	switch {
	case err != nil && pipeline.ErrorCodeOf(err) == pipeline.EInternal:
		u.countAs("failed")
	case err != nil:
		u.countAs("refused")
	case !created:
		u.countAs("unchanged")
	default:
		u.countAs("stored")
	}
}

func (u *Upload) countAs(outcome string) {
	if u.counted {
		return
	}
	u.counted = true
	metrics.Documents.WithLabelValues("upload", outcome).Inc()
	if outcome == "stored" || outcome == "unchanged" {
		metrics.Since("upload", u.start)
	}
}

// SetKind sets the document's kind: one of the five (EInvalid).
func (u *Upload) SetKind(kind pipeline.DocKind) error {
	if !kind.Valid() {
		return pipeline.ErrUnknownKind(kind)
	}
	u.kind = kind
	return nil
}

// Put sniffs the file's type (EUnsupported for anything but PDF, OFD, XML,
// JPEG and PNG; EInvalid for an empty file) and stages it, hashing it, up
// to the size limit (ETooLarge): see objstore.Store.Stage. An upload takes
// one file (EInvalid).
func (u *Upload) Put(ctx context.Context, name string, r io.Reader) error {
	if u.staged != nil {
		return pipeline.Errorf(pipeline.EInvalid, "send one file per request")
	}
	br := bufio.NewReaderSize(r, 4096)
	head, err := br.Peek(mediatype.SniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return readError(err, u.in.MaxBytes)
	}
	if len(head) == 0 {
		return pipeline.Errorf(pipeline.EInvalid, "the file is empty")
	}
	mt, err := mediatype.Sniff(head)
	if err != nil {
		return pipeline.Errorf(pipeline.EUnsupported, "unsupported file type: send a PDF, OFD, XML, JPEG or PNG file")
	}
	st, err := u.in.Objects.Stage(ctx, br, u.in.MaxBytes, mt)
	if err != nil {
		return readError(err, u.in.MaxBytes)
	}
	u.staged, u.name, u.mediaType = st, pipeline.CleanFileName(name), mt
	if mt == mediatype.OFD {
		if err := u.checkOFD(ctx); err != nil {
			u.Abort(ctx)
			return err
		}
	}
	return nil
}

// checkOFD checks that a staged zip is an OFD package (it holds OFD.xml).
func (u *Upload) checkOFD(ctx context.Context) error {
	o, err := u.in.Objects.OpenStaged(ctx, u.staged)
	if err != nil {
		return err
	}
	defer o.Close()
	if err := mediatype.CheckOFD(o, u.staged.Size); err != nil {
		return pipeline.Errorf(pipeline.EUnsupported, "unsupported file type: a zip that is no OFD document (%v)", err)
	}
	return nil
}

// Commit files the staged object under its content address and records it
// as the next version of the order's document, with its extraction job, in
// one transaction. created is false for a file identical to the current
// version. Should recording fail once the object is filed, the object stays
// (unreferenced objects are the sweeper's, never an upload's, to remove: a
// concurrent upload of the same bytes may be recording it).
func (u *Upload) Commit(ctx context.Context) (doc pipeline.Document, created bool, err error) {
	switch {
	case u.staged == nil:
		return doc, false, pipeline.Errorf(pipeline.EInvalid, "the form has no file field")
	case u.kind == "":
		return doc, false, pipeline.ErrUnknownKind(u.kind)
	}
	defer func() { u.count(err, created) }()
	obj, _, err := u.in.Objects.Promote(ctx, u.staged)
	if err != nil {
		return doc, false, err
	}
	return u.in.Store.AddDocument(ctx, u.actor, pipeline.NewDocument{
		OrderNo: u.orderNo, Kind: u.kind, SHA256: obj.SHA256, Size: obj.Size,
		MediaType: u.mediaType, ObjectKey: obj.Key, OriginalName: u.name,
	})
}

// Abort removes what the upload staged, if anything; it is safe to call
// after Commit and more than once.
func (u *Upload) Abort(ctx context.Context) {
	if u == nil {
		return
	}
	u.countAs("refused") // unless committed, and counted, before
	if u.staged != nil {
		u.in.Objects.Discard(ctx, u.staged)
	}
}

// Add stores r as the next version of an order's document of the given kind:
// Stage, Put and Commit, with Abort on any refusal. Errors carry pipeline
// codes: ENotFound (unknown order), EForbidden (another supplier's order),
// EInvalid (unknown kind, empty file), ETooLarge, EUnsupported. created is
// false for a file identical to the current version.
func (in *Intake) Add(ctx context.Context, actor pipeline.Actor, orderNo string, kind pipeline.DocKind, name string, r io.Reader) (doc pipeline.Document, created bool, err error) {
	u, err := in.Stage(ctx, actor, orderNo, kind)
	if err != nil {
		return doc, false, err
	}
	defer u.Abort(ctx)
	if err := u.Put(ctx, name, r); err != nil {
		return doc, false, err
	}
	return u.Commit(ctx)
}

// readError maps a failed read of an upload to its domain error: over the
// cap (the file's, or the request body's) is ETooLarge; anything else stays
// an internal error.
func readError(err error, max int64) error {
	var mbe *http.MaxBytesError
	if errors.Is(err, objstore.ErrTooLarge) || errors.As(err, &mbe) {
		return pipeline.Errorf(pipeline.ETooLarge, "the file is larger than the limit of %d bytes (%.1f MiB)", max, float64(max)/(1<<20))
	}
	if errors.Is(err, objstore.ErrTruncated) || errors.Is(err, io.ErrUnexpectedEOF) {
		return pipeline.Errorf(pipeline.EInvalid, "the upload was cut off before its end: nothing was stored, send the file again")
	}
	return fmt.Errorf("read upload: %w", err)
}
