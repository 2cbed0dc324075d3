package postgres

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// AuthorizeUpload checks, before anything is stored, that actor may add a
// document to the order: the order exists (ENotFound) and belongs to the
// actor's supplier (EForbidden).
func (s *Store) AuthorizeUpload(ctx context.Context, actor pipeline.Actor, orderNo string) error {
	o, err := s.q.OrderGetByNo(ctx, orderNo)
	if err != nil {
		return dbError(err, "order "+orderNo)
	}
	return canTouch(actor, o)
}

func canTouch(actor pipeline.Actor, o db.Order) error {
	if !actor.CanTouchOrder(o.SupplierID) {
		return pipeline.Errorf(pipeline.EForbidden, "order %s is not an order of yours", o.OrderNo)
	}
	return nil
}

// AddDocument records a stored object as the next version of an order's
// document and enqueues its extraction, in one transaction. A file identical
// to the current version of the same kind adds nothing: it returns that
// version with created false. A new version re-opens the order
// (pipeline.OnNewVersion), with an audit entry.
func (s *Store) AddDocument(ctx context.Context, actor pipeline.Actor, nd pipeline.NewDocument) (doc pipeline.Document, created bool, err error) {
	if !nd.Kind.Valid() {
		return pipeline.Document{}, false, pipeline.ErrUnknownKind(nd.Kind)
	}
	err = s.inTx(ctx, func(tx pgx.Tx, q *db.Queries) error {
		o, err := q.OrderLockByNo(ctx, nd.OrderNo)
		if err != nil {
			return dbError(err, "order "+nd.OrderNo)
		}
		if err := canTouch(actor, o); err != nil {
			return err
		}
		cur, err := q.DocumentCurrent(ctx, db.DocumentCurrentParams{OrderID: o.ID, Kind: string(nd.Kind)})
		switch {
		case err == nil && bytes.Equal(cur.SHA256, nd.SHA256):
			doc = documentOf(db.Document(cur), o.OrderNo)
			return nil
		case err != nil && !errors.Is(err, pgx.ErrNoRows):
			return dbError(err, "current document")
		}
		row, err := q.DocumentInsert(ctx, db.DocumentInsertParams{
			OrderID: o.ID, Kind: string(nd.Kind), SHA256: nd.SHA256, SizeBytes: nd.Size,
			MediaType: nd.MediaType, ObjectKey: nd.ObjectKey, OriginalName: nd.OriginalName, UploadedBy: actor.Name,
		})
		if err != nil {
			return dbError(err, "document")
		}
		doc, created = documentOf(row, o.OrderNo), true
		if err := s.audit(ctx, q, actor, "document.add", pipeline.OrderSubject(o.OrderNo), map[string]any{
			"document_id": row.ID, "kind": row.Kind, "version": row.Version, "sha256": doc.SHA256,
			"size": row.SizeBytes, "media_type": row.MediaType, "original_name": row.OriginalName,
		}); err != nil {
			return err
		}
		if t, ok := pipeline.OnNewVersion(pipeline.Status(o.Status), o.RequiresReview, fmt.Sprintf("new %s version %d", nd.Kind, row.Version)); ok {
			if err := s.setStatus(ctx, q, o, t, actor); err != nil {
				return err
			}
		}
		return s.queue.ExtractTx(ctx, Tx{tx}, row.ID)
	})
	return doc, created, err
}

// setStatus changes an order's status with its history and an audit entry.
func (s *Store) setStatus(ctx context.Context, q *db.Queries, o db.Order, t pipeline.Transition, actor pipeline.Actor) error {
	if pipeline.Status(o.Status) == t.To && o.RequiresReview == t.RequiresReview {
		return nil
	}
	if err := q.OrderSetStatus(ctx, db.OrderSetStatusParams{ID: o.ID, Status: string(t.To), RequiresReview: t.RequiresReview}); err != nil {
		return dbError(err, "order status")
	}
	if err := q.OrderStatusHistoryInsert(ctx, db.OrderStatusHistoryInsertParams{
		OrderID: o.ID, FromStatus: o.Status, ToStatus: string(t.To), Actor: actor.Name, Reason: t.Reason,
	}); err != nil {
		return dbError(err, "order status history")
	}
	facts, err := q.OrderFacts(ctx, o.ID)
	if err != nil {
		return dbError(err, "order facts")
	}
	return s.audit(ctx, q, actor, "order.status", pipeline.OrderSubject(o.OrderNo), map[string]any{
		"from": o.Status, "to": string(t.To), "requires_review": t.RequiresReview, "reason": t.Reason,
		"facts": factsDigest(facts),
	})
}

func documentOf(d db.Document, orderNo string) pipeline.Document {
	return pipeline.Document{
		ID: d.ID, OrderNo: orderNo, Kind: pipeline.DocKind(d.Kind), Version: int(d.Version),
		SHA256: hex.EncodeToString(d.SHA256), Size: d.SizeBytes, MediaType: d.MediaType,
		ObjectKey: d.ObjectKey, OriginalName: d.OriginalName, UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt,
	}
}

// GetDocument returns a document by its id.
func (s *Store) GetDocument(ctx context.Context, id int64) (pipeline.Document, error) {
	d, err := s.q.DocumentWithOrderNo(ctx, id)
	if err != nil {
		return pipeline.Document{}, dbError(err, fmt.Sprintf("document %d", id))
	}
	return documentOf(d.Document, d.OrderNo), nil
}

// ObjectReferenced reports whether any document refers to the object key.
func (s *Store) ObjectReferenced(ctx context.Context, key string) (bool, error) {
	ok, err := s.q.DocumentObjectReferenced(ctx, key)
	return ok, dbError(err, "object reference")
}

// SaveExtraction stores what was read from a document (idempotently: a
// retried job overwrites the same row) and, when the order's five current
// documents have all been read, enqueues the cross-check of that evidence set.
// The order row is locked first, so of two extractions finishing at once the
// second sees the first and the fan-in is never missed.
func (s *Store) SaveExtraction(ctx context.Context, documentID int64, ex evidence.Extraction) error {
	fields, err := json.Marshal(ex.Fields)
	if err != nil {
		return fmt.Errorf("extraction fields: %w", err)
	}
	lines, err := json.Marshal(nonNil(ex.Lines))
	if err != nil {
		return fmt.Errorf("extraction lines: %w", err)
	}
	problems, err := json.Marshal(nonNil(ex.Problems))
	if err != nil {
		return fmt.Errorf("extraction problems: %w", err)
	}
	layout, err := json.Marshal(nonNil(ex.Layout))
	if err != nil {
		return fmt.Errorf("extraction layout: %w", err)
	}
	slips, err := json.Marshal(nonNil(ex.Slips))
	if err != nil {
		return fmt.Errorf("extraction slips: %w", err)
	}
	return s.inTx(ctx, func(tx pgx.Tx, q *db.Queries) error {
		o, err := q.OrderLockByDocument(ctx, documentID)
		if err != nil {
			return dbError(err, fmt.Sprintf("document %d", documentID))
		}
		if err := q.ExtractionUpsert(ctx, db.ExtractionUpsertParams{
			DocumentID: documentID, Source: ex.Source, Readable: ex.Readable, Reason: ex.Reason,
			Fields: fields, Lines: lines, Problems: problems, Layout: layout, Slips: slips, DetectedKind: ex.Detected,
		}); err != nil {
			return dbError(err, "extraction")
		}
		key, complete, err := currentKey(ctx, q, o.ID)
		if err != nil || !complete {
			return err
		}
		if pipeline.Status(o.Status) == pipeline.StatusAwaitingDocuments {
			t := pipeline.Transition{To: pipeline.StatusChecking, RequiresReview: o.RequiresReview, Reason: "all five documents read"}
			if err := s.setStatus(ctx, q, o, t, pipeline.System); err != nil {
				return err
			}
		}
		return s.queue.CrossCheckTx(ctx, Tx{tx}, o.ID, key)
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// evidenceKey is pipeline.EvidenceKey of an order's current documents.
func evidenceKey(docs []db.DocumentsCurrentByOrderRow) (key string, complete bool) {
	cur := make([]pipeline.CurrentDocument, len(docs))
	for i, d := range docs {
		cur[i] = pipeline.CurrentDocument{Kind: pipeline.DocKind(d.Kind), ID: d.ID, Extracted: d.Extracted}
	}
	return pipeline.EvidenceKey(cur)
}

// currentKey is the evidence key of an order's current documents, read
// without their extractions (DocumentsKeyByOrder), and whether the set is
// complete and read.
func currentKey(ctx context.Context, q *db.Queries, orderID int64) (key string, complete bool, err error) {
	docs, err := q.DocumentsKeyByOrder(ctx, orderID)
	if err != nil {
		return "", false, dbError(err, "current documents")
	}
	cur := make([]pipeline.CurrentDocument, len(docs))
	for i, d := range docs {
		cur[i] = pipeline.CurrentDocument{Kind: pipeline.DocKind(d.Kind), ID: d.ID, Extracted: d.Extracted}
	}
	key, complete = pipeline.EvidenceKey(cur)
	return key, complete, nil
}

func documentRow(d db.DocumentsCurrentByOrderRow) db.Document {
	return db.Document{
		ID: d.ID, OrderID: d.OrderID, Kind: d.Kind, Version: d.Version, SHA256: d.SHA256, SizeBytes: d.SizeBytes,
		MediaType: d.MediaType, ObjectKey: d.ObjectKey, OriginalName: d.OriginalName, UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt,
	}
}
