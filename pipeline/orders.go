package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/evidence"
)

// OrderDetail is an order with everything an operator or a supplier needs to
// see: its status and history, its current documents with what was read from
// them, and the findings of its latest check.
type OrderDetail struct {
	Order     Order          `json:"order"`
	Buyer     Buyer          `json:"buyer"`
	Supplier  Supplier       `json:"supplier"`
	Status    Status         `json:"status"`
	Documents []DocumentView `json:"documents"`
	Check     *CheckView     `json:"check,omitempty"`
	History   []StatusChange `json:"history"`
}

// DocumentView is a current document with its extraction.
type DocumentView struct {
	Document
	Extracted bool                      `json:"extracted"`
	Source    string                    `json:"source,omitempty"`
	Readable  bool                      `json:"readable"`
	Reason    string                    `json:"reason,omitempty"`
	Fields    map[string]evidence.Field `json:"fields,omitempty"`
}

// CheckView is the latest cross-check of an order.
type CheckView struct {
	ID          int64     `json:"id"`
	EvidenceKey string    `json:"evidence_key"`
	Verdict     Status    `json:"verdict"`
	CheckedAt   time.Time `json:"checked_at"`
	Findings    []Finding `json:"findings"`
}

// StatusChange is one entry of an order's status history.
type StatusChange struct {
	From   Status    `json:"from"`
	To     Status    `json:"to"`
	Actor  string    `json:"actor"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// OrderDetail returns an order as actor may see it.
func (s *Store) OrderDetail(ctx context.Context, actor Actor, orderNo string) (*OrderDetail, error) {
	o, err := s.q.OrderGetByNo(ctx, orderNo)
	if err != nil {
		return nil, dbError(err, "order "+orderNo)
	}
	if !actor.CanTouchOrder(o.SupplierID) && !(actor.Role == RoleAssessor && Status(o.Status) == StatusVerified) {
		return nil, Errorf(EForbidden, "order %s is not yours to see", orderNo)
	}
	in, _, err := s.LoadCheckInput(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	det := &OrderDetail{Order: in.Order, Buyer: in.Buyer, Supplier: in.Supplier, Status: Status(o.Status)}
	docs, err := s.q.DocumentsCurrentByOrder(ctx, o.ID)
	if err != nil {
		return nil, dbError(err, "documents")
	}
	for _, d := range docs {
		v := DocumentView{Document: documentOf(documentRow(d), o.OrderNo), Extracted: d.Extracted, Source: d.Source, Readable: d.Readable, Reason: d.Reason}
		if err := json.Unmarshal(d.Fields, &v.Fields); err != nil {
			return nil, fmt.Errorf("document %d fields: %w", d.ID, err)
		}
		det.Documents = append(det.Documents, v)
	}
	c, err := s.q.CheckLatest(ctx, o.ID)
	switch {
	case err == nil:
		cv := &CheckView{ID: c.ID, EvidenceKey: c.EvidenceKey, Verdict: Status(c.Verdict), CheckedAt: c.CheckedAt, Findings: []Finding{}}
		fs, err := s.q.FindingsByCheck(ctx, c.ID)
		if err != nil {
			return nil, dbError(err, "findings")
		}
		for _, f := range fs {
			fd := Finding{Rule: f.Rule, Severity: Severity(f.Severity), Message: f.Message}
			if err := json.Unmarshal(f.Detail, &fd.Detail); err != nil {
				return nil, fmt.Errorf("finding detail: %w", err)
			}
			cv.Findings = append(cv.Findings, fd)
		}
		det.Check = cv
	case !errors.Is(err, pgx.ErrNoRows):
		return nil, dbError(err, "check")
	}
	hist, err := s.q.OrderStatusHistory(ctx, o.ID)
	if err != nil {
		return nil, dbError(err, "history")
	}
	for _, h := range hist {
		det.History = append(det.History, StatusChange{From: Status(h.FromStatus), To: Status(h.ToStatus), Actor: h.Actor, Reason: h.Reason, At: h.At})
	}
	return det, nil
}
