package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// OrderDetail returns an order as actor may see it (pipeline.Actor.CanSee),
// from one snapshot.
func (s *Store) OrderDetail(ctx context.Context, actor pipeline.Actor, orderNo string) (det *pipeline.OrderDetail, err error) {
	err = s.inSnapshot(ctx, func(q *db.Queries) error {
		det, err = s.orderDetail(ctx, q, actor, orderNo)
		return err
	})
	return det, err
}

func (s *Store) orderDetail(ctx context.Context, q *db.Queries, actor pipeline.Actor, orderNo string) (*pipeline.OrderDetail, error) {
	o, err := q.OrderGetByNo(ctx, orderNo)
	if err != nil {
		return nil, dbError(err, "order "+orderNo)
	}
	if !actor.CanSee(o.SupplierID, pipeline.Status(o.Status)) {
		return nil, pipeline.Errorf(pipeline.EForbidden, "order %s is not yours to see", orderNo)
	}
	in, _, err := loadCheckInput(ctx, q, o.ID, s.now())
	if err != nil {
		return nil, err
	}
	det := &pipeline.OrderDetail{Order: in.Order, Buyer: in.Buyer, Supplier: in.Supplier, Status: pipeline.Status(o.Status), Lines: in.Lines}
	docs, err := q.DocumentsCurrentByOrder(ctx, o.ID)
	if err != nil {
		return nil, dbError(err, "documents")
	}
	for _, d := range docs {
		v, err := documentView(pipeline.DocumentView{Document: documentOf(documentRow(d), o.OrderNo), Extracted: d.Extracted, Source: d.Source,
			Readable: d.Readable, Reason: d.Reason, Detected: pipeline.DocKind(d.DetectedKind)}, d.Fields, d.Lines)
		if err != nil {
			return nil, err
		}
		det.Documents = append(det.Documents, v)
	}
	earlier, err := q.DocumentsEarlierByOrder(ctx, o.ID)
	if err != nil {
		return nil, dbError(err, "earlier documents")
	}
	for _, d := range earlier {
		v := pipeline.DocumentView{Document: documentOf(db.Document{ID: d.ID, OrderID: d.OrderID, Kind: d.Kind, Version: d.Version,
			SHA256: d.SHA256, SizeBytes: d.SizeBytes, MediaType: d.MediaType, ObjectKey: d.ObjectKey, OriginalName: d.OriginalName,
			UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt}, o.OrderNo),
			Extracted: d.Extracted, Source: d.Source, Readable: d.Readable, Reason: d.Reason, Detected: pipeline.DocKind(d.DetectedKind)}
		if v, err = documentView(v, d.Fields, d.Lines); err != nil {
			return nil, err
		}
		det.Earlier = append(det.Earlier, v)
	}
	if det.Check, err = latestCheck(ctx, q, o.ID); err != nil {
		return nil, err
	}
	hist, err := q.OrderStatusHistory(ctx, o.ID)
	if err != nil {
		return nil, dbError(err, "history")
	}
	for _, h := range hist {
		det.History = append(det.History, pipeline.StatusChange{From: pipeline.Status(h.FromStatus), To: pipeline.Status(h.ToStatus), Actor: h.Actor, Reason: h.Reason, At: h.At})
	}
	notes, err := q.AuditBySubjectAction(ctx, db.AuditBySubjectActionParams{Subject: pipeline.OrderSubject(o.OrderNo), Action: "order.note"})
	if err != nil {
		return nil, dbError(err, "notes")
	}
	for _, r := range notes {
		var e struct {
			Detail pipeline.OrderNote `json:"detail"`
		}
		if err := json.Unmarshal(r.Entry, &e); err != nil {
			return nil, fmt.Errorf("audit entry %d: %w", r.Seq, err)
		}
		e.Detail.At = r.At
		det.Notes = append(det.Notes, e.Detail)
	}
	return det, nil
}

// latestCheck returns an order's latest check with its findings, or nil.
func latestCheck(ctx context.Context, q *db.Queries, orderID int64) (*pipeline.CheckView, error) {
	c, err := q.CheckLatest(ctx, orderID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, dbError(err, "check")
	}
	cv := &pipeline.CheckView{ID: c.ID, EvidenceKey: c.EvidenceKey, Verdict: pipeline.Status(c.Verdict), CheckedAt: c.CheckedAt, Findings: []pipeline.Finding{}}
	fs, err := q.FindingsByCheck(ctx, c.ID)
	if err != nil {
		return nil, dbError(err, "findings")
	}
	for _, f := range fs {
		fd := pipeline.Finding{Rule: f.Rule, Severity: pipeline.Severity(f.Severity), Message: f.Message}
		if err := json.Unmarshal(f.Detail, &fd.Detail); err != nil {
			return nil, fmt.Errorf("finding detail: %w", err)
		}
		cv.Findings = append(cv.Findings, fd)
	}
	return cv, nil
}

// documentView completes v with its extraction's fields and lines as stored.
func documentView(v pipeline.DocumentView, fields, lines []byte) (pipeline.DocumentView, error) {
	if err := json.Unmarshal(fields, &v.Fields); err != nil {
		return v, fmt.Errorf("document %d fields: %w", v.ID, err)
	}
	if err := json.Unmarshal(lines, &v.Lines); err != nil {
		return v, fmt.Errorf("document %d lines: %w", v.ID, err)
	}
	return v, nil
}
