package pipeline

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/pipeline/internal/db"
)

// Status is where an order stands in the pipeline.
type Status string

const (
	StatusAwaitingDocuments Status = "awaiting_documents"
	StatusChecking          Status = "checking"
	StatusVerified          Status = "verified"
	StatusNeedsReview       Status = "needs_review"
	StatusRejected          Status = "rejected"
)

// Document is one stored version of one of an order's five documents.
type Document struct {
	ID           int64     `json:"id"`
	OrderNo      string    `json:"order_no"`
	Kind         DocKind   `json:"kind"`
	Version      int       `json:"version"`
	SHA256       string    `json:"sha256"` // hex
	Size         int64     `json:"size"`
	MediaType    string    `json:"media_type"`
	ObjectKey    string    `json:"object_key"`
	OriginalName string    `json:"original_name"`
	UploadedBy   string    `json:"uploaded_by"`
	UploadedAt   time.Time `json:"uploaded_at"`
}

// NewDocument is a stored object to record as an order's document.
type NewDocument struct {
	OrderNo      string
	Kind         DocKind
	SHA256       []byte
	Size         int64
	MediaType    string
	ObjectKey    string
	OriginalName string
}

// AuthorizeUpload checks, before anything is stored, that actor may add a
// document to the order: the order exists (ENotFound) and belongs to the
// actor's supplier (EForbidden).
func (s *Store) AuthorizeUpload(ctx context.Context, actor Actor, orderNo string) error {
	o, err := s.q.OrderGetByNo(ctx, orderNo)
	if err != nil {
		return dbError(err, "order "+orderNo)
	}
	if !actor.CanTouchOrder(o.SupplierID) {
		return Errorf(EForbidden, "order %s is not an order of yours", orderNo)
	}
	return nil
}

// AddDocument records a stored object as the next version of an order's
// document and enqueues its extraction, in one transaction. A file identical
// to the current version of the same kind adds nothing: it returns that
// version with created false. A new version re-opens the order: a verified
// order leaves the totals and returns to review, with an audit entry.
func (s *Store) AddDocument(ctx context.Context, actor Actor, nd NewDocument) (doc Document, created bool, err error) {
	if !nd.Kind.Valid() {
		return Document{}, false, Errorf(EInvalid, "unknown document kind %q (want contract, payment, logistics, invoice or acceptance)", nd.Kind)
	}
	err = s.inTx(ctx, func(tx pgx.Tx, q *db.Queries) error {
		o, err := q.OrderLockByNo(ctx, nd.OrderNo)
		if err != nil {
			return dbError(err, "order "+nd.OrderNo)
		}
		if !actor.CanTouchOrder(o.SupplierID) {
			return Errorf(EForbidden, "order %s is not an order of yours", nd.OrderNo)
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
		if err := s.audit(ctx, q, actor, "document.add", orderSubject(o.OrderNo), map[string]any{
			"document_id": row.ID, "kind": row.Kind, "version": row.Version, "sha256": doc.SHA256,
			"size": row.SizeBytes, "media_type": row.MediaType, "original_name": row.OriginalName,
		}); err != nil {
			return err
		}
		if err := s.reopen(ctx, q, o, actor, fmt.Sprintf("new %s version %d", nd.Kind, row.Version)); err != nil {
			return err
		}
		return s.queue.ExtractTx(ctx, tx, row.ID)
	})
	return doc, created, err
}

// reopen moves an order whose evidence changed back into the pipeline. A
// verified order returns to review and stays there until a person decides,
// whatever the new check says.
func (s *Store) reopen(ctx context.Context, q *db.Queries, o db.Order, actor Actor, reason string) error {
	switch Status(o.Status) {
	case StatusVerified:
		return s.setStatus(ctx, q, o, StatusNeedsReview, true, actor, "evidence changed after verification: "+reason)
	case StatusAwaitingDocuments, StatusChecking:
		return nil // the fan-in moves it on when the set is complete
	default: // needs_review or rejected: a correction is checked again
		return s.setStatus(ctx, q, o, StatusChecking, o.RequiresReview, actor, reason)
	}
}

// setStatus changes an order's status with its history and an audit entry.
func (s *Store) setStatus(ctx context.Context, q *db.Queries, o db.Order, to Status, requiresReview bool, actor Actor, reason string) error {
	if Status(o.Status) == to && o.RequiresReview == requiresReview {
		return nil
	}
	if err := q.OrderSetStatus(ctx, db.OrderSetStatusParams{ID: o.ID, Status: string(to), RequiresReview: requiresReview}); err != nil {
		return dbError(err, "order status")
	}
	if err := q.OrderStatusHistoryInsert(ctx, db.OrderStatusHistoryInsertParams{
		OrderID: o.ID, FromStatus: o.Status, ToStatus: string(to), Actor: actor.Name, Reason: reason,
	}); err != nil {
		return dbError(err, "order status history")
	}
	return s.audit(ctx, q, actor, "order.status", orderSubject(o.OrderNo), map[string]any{
		"from": o.Status, "to": string(to), "requires_review": requiresReview, "reason": reason,
	})
}

func orderSubject(orderNo string) string { return "order:" + orderNo }

func documentOf(d db.Document, orderNo string) Document {
	return Document{
		ID: d.ID, OrderNo: orderNo, Kind: DocKind(d.Kind), Version: int(d.Version),
		SHA256: hex.EncodeToString(d.SHA256), Size: d.SizeBytes, MediaType: d.MediaType,
		ObjectKey: d.ObjectKey, OriginalName: d.OriginalName, UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt,
	}
}

// GetDocument returns a document by its id.
func (s *Store) GetDocument(ctx context.Context, id int64) (Document, error) {
	d, err := s.q.DocumentGet(ctx, id)
	if err != nil {
		return Document{}, dbError(err, fmt.Sprintf("document %d", id))
	}
	o, err := s.q.OrderGet(ctx, d.OrderID)
	if err != nil {
		return Document{}, dbError(err, "order of document")
	}
	return documentOf(d, o.OrderNo), nil
}

// ObjectReferenced reports whether any document refers to the object key; an
// upload whose recording failed removes its object only when none does.
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
	return s.inTx(ctx, func(tx pgx.Tx, q *db.Queries) error {
		d, err := q.DocumentGet(ctx, documentID)
		if err != nil {
			return dbError(err, fmt.Sprintf("document %d", documentID))
		}
		o, err := q.OrderLock(ctx, d.OrderID)
		if err != nil {
			return dbError(err, "order of document")
		}
		if err := q.ExtractionUpsert(ctx, db.ExtractionUpsertParams{
			DocumentID: documentID, Source: ex.Source, Readable: ex.Readable, Reason: ex.Reason,
			Fields: fields, Lines: lines, Problems: problems,
		}); err != nil {
			return dbError(err, "extraction")
		}
		docs, err := q.DocumentsCurrentByOrder(ctx, o.ID)
		if err != nil {
			return dbError(err, "current documents")
		}
		key, complete := evidenceKey(docs)
		if !complete {
			return nil
		}
		if Status(o.Status) == StatusAwaitingDocuments {
			if err := s.setStatus(ctx, q, o, StatusChecking, o.RequiresReview, System, "all five documents read"); err != nil {
				return err
			}
		}
		return s.queue.CrossCheckTx(ctx, tx, o.ID, key)
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// evidenceKey names an order's evidence set by its current documents' ids in
// kind order ("contract:12,payment:13,…"). complete is false until all five
// kinds are present and every one has been through extraction.
func evidenceKey(docs []db.DocumentsCurrentByOrderRow) (key string, complete bool) {
	byKind := make(map[DocKind]db.DocumentsCurrentByOrderRow, len(docs))
	for _, d := range docs {
		byKind[DocKind(d.Kind)] = d
	}
	parts := make([]string, 0, len(DocKinds))
	complete = true
	for _, k := range DocKinds {
		d, ok := byKind[k]
		if !ok || !d.Extracted {
			complete = false
			continue
		}
		parts = append(parts, string(k)+":"+strconv.FormatInt(d.ID, 10))
	}
	return strings.Join(parts, ","), complete
}

func documentRow(d db.DocumentsCurrentByOrderRow) db.Document {
	return db.Document{
		ID: d.ID, OrderID: d.OrderID, Kind: d.Kind, Version: d.Version, SHA256: d.SHA256, SizeBytes: d.SizeBytes,
		MediaType: d.MediaType, ObjectKey: d.ObjectKey, OriginalName: d.OriginalName, UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt,
	}
}
