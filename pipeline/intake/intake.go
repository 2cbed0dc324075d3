// Package intake takes a document in: it checks who may add it, sniffs its
// type, streams it into object storage under its content address and records
// it (with its extraction job) in one transaction. The web upload and
// `heshi import` both go through it, so both refuse and clean up alike.
package intake

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/heshi-verify/heshi/evidence/mediatype"
	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/pipeline"
)

// Intake adds documents to orders.
type Intake struct {
	Store    *pipeline.Store
	Objects  *objstore.Store
	MaxBytes int64 // the largest file accepted
	Log      *slog.Logger
}

// Add stores r as the next version of an order's document of the given kind.
// Errors carry pipeline codes: ENotFound (unknown order), EForbidden (another
// supplier's order), EInvalid (unknown kind), ETooLarge, EUnsupported. On any
// error nothing stays behind: an object this call stored and no document
// refers to is removed. created is false for a file identical to the current
// version.
func (in *Intake) Add(ctx context.Context, actor pipeline.Actor, orderNo string, kind pipeline.DocKind, name string, r io.Reader) (doc pipeline.Document, created bool, err error) {
	if !kind.Valid() {
		return doc, false, pipeline.Errorf(pipeline.EInvalid, "unknown document kind %q (want contract, payment, logistics, invoice or acceptance)", kind)
	}
	if err := in.Store.AuthorizeUpload(ctx, actor, orderNo); err != nil {
		return doc, false, err
	}
	obj, stored, mt, err := in.Put(ctx, r)
	if err != nil {
		return doc, false, err
	}
	doc, created, err = in.Store.AddDocument(ctx, actor, pipeline.NewDocument{
		OrderNo: orderNo, Kind: kind, SHA256: obj.SHA256, Size: obj.Size,
		MediaType: mt, ObjectKey: obj.Key, OriginalName: name,
	})
	if err != nil {
		if stored {
			in.RemoveOrphan(ctx, obj.Key)
		}
		return doc, false, err
	}
	return doc, created, nil
}

// Put sniffs and stores a file, returning the object, whether this call
// stored it (false when the same bytes were there already) and its media type.
func (in *Intake) Put(ctx context.Context, r io.Reader) (obj objstore.Object, stored bool, mediaType string, err error) {
	br := bufio.NewReaderSize(r, 4096)
	head, err := br.Peek(mediatype.SniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return obj, false, "", readError(err, in.MaxBytes)
	}
	if len(head) == 0 {
		return obj, false, "", pipeline.Errorf(pipeline.EInvalid, "the file is empty")
	}
	mt, err := mediatype.Sniff(head)
	if err != nil {
		return obj, false, "", pipeline.Errorf(pipeline.EUnsupported, "%v", err)
	}
	obj, stored, err = in.Objects.Put(ctx, br, in.MaxBytes, mt)
	if err != nil {
		return obj, false, "", readError(err, in.MaxBytes)
	}
	if mt == mediatype.OFD {
		if err := in.checkOFD(ctx, obj); err != nil {
			if stored {
				in.RemoveOrphan(ctx, obj.Key)
			}
			return obj, false, "", err
		}
	}
	return obj, stored, mt, nil
}

func (in *Intake) checkOFD(ctx context.Context, obj objstore.Object) error {
	o, err := in.Objects.Open(ctx, obj.Key)
	if err != nil {
		return err
	}
	defer o.Close()
	if err := mediatype.CheckOFD(o, obj.Size); err != nil {
		return pipeline.Errorf(pipeline.EUnsupported, "%v", err)
	}
	return nil
}

// RemoveOrphan deletes an object that this request stored when no document
// refers to it (a concurrent identical upload may have recorded it meanwhile).
func (in *Intake) RemoveOrphan(ctx context.Context, key string) {
	ctx = context.WithoutCancel(ctx)
	ref, err := in.Store.ObjectReferenced(ctx, key)
	if err == nil && !ref {
		err = in.Objects.Remove(ctx, key)
	}
	if err != nil && in.Log != nil {
		in.Log.WarnContext(ctx, "orphan object left behind", slog.String("key", key), slog.Any("error", err))
	}
}

// readError maps a failed read of an upload to its domain error: over the
// cap (the file's, or the request body's) is ETooLarge; anything else stays
// an internal error.
func readError(err error, max int64) error {
	var mbe *http.MaxBytesError
	if errors.Is(err, objstore.ErrTooLarge) || errors.As(err, &mbe) {
		return pipeline.Errorf(pipeline.ETooLarge, "the file is larger than the limit of %d bytes (%.1f MiB)", max, float64(max)/(1<<20))
	}
	return fmt.Errorf("read upload: %w", err)
}
