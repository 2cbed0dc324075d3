package pipeline

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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

// MaxFileNameBytes bounds the original name kept with a document.
const MaxFileNameBytes = 255

// CleanFileName returns the name a client gave its file as heshi keeps and
// shows it: a run of bytes that are not UTF-8 becomes U+FFFD, control characters (a
// NUL a client sent through RFC 2231's filename*=, line breaks) are dropped,
// any directory before the last slash or backslash is cut, spaces are
// trimmed, and the name is cut to MaxFileNameBytes on a character boundary.
// The file itself is untouched: the name is what people read.
func CleanFileName(name string) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return -1
		}
		return r
	}, name)
	if i := strings.LastIndexAny(name, "/\\"); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(name)
	for len(name) > MaxFileNameBytes {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// DocState is where one of an order's five documents stands.
type DocState string

const (
	DocMissing    DocState = "missing"
	DocReading    DocState = "reading"
	DocRead       DocState = "read"
	DocUnreadable DocState = "unreadable"
)

// Transition is a change of an order's status: where to, whether a person
// must decide before the order may count again, and why.
type Transition struct {
	To             Status
	RequiresReview bool
	Reason         string
}

// OnNewVersion is what a new version of one of its documents does to an
// order in status st: a verified order leaves the totals and returns to
// review, and stays there until a person decides whatever the new check
// says; an order in review or rejected is checked again (keeping
// requiresReview); an order still awaiting documents or being checked is
// moved on by the fan-in when its set is complete (ok false).
func OnNewVersion(st Status, requiresReview bool, reason string) (t Transition, ok bool) {
	switch st {
	case StatusVerified:
		return Transition{StatusNeedsReview, true, "evidence changed after verification: " + reason}, true
	case StatusAwaitingDocuments, StatusChecking:
		return Transition{}, false
	default: // needs_review or rejected: a correction is checked again
		return Transition{StatusChecking, requiresReview, reason}, true
	}
}

// AfterVerdict is the status an order in status st takes when a check of its
// evidence finds findings: only a person re-opens a rejected order, and an
// order whose evidence changed after verification goes to review whatever
// the verdict.
func AfterVerdict(st Status, requiresReview bool, findings []Finding) Transition {
	t := Transition{To: Verdict(findings), RequiresReview: requiresReview, Reason: strconv.Itoa(len(findings)) + " findings"}
	switch {
	case st == StatusRejected:
		t.To = StatusRejected
	case requiresReview:
		t.To, t.Reason = StatusNeedsReview, t.Reason+"; evidence changed after verification"
	}
	return t
}

// AfterDecision is the status an operator's decision gives an order in
// review: approve verifies it (it counts at once), reject rejects it,
// request_document sends it back to the supplier, to return to a person once
// corrected.
func AfterDecision(d Decision, reason string) Transition {
	t := Transition{To: StatusVerified, Reason: string(d) + ": " + reason}
	switch d {
	case DecisionReject:
		t.To = StatusRejected
	case DecisionRequestDocument:
		t.To, t.RequiresReview = StatusAwaitingDocuments, true
	}
	return t
}

// CurrentDocument is the current version of one of an order's documents as
// the fan-in sees it: its id and whether it has been through extraction.
type CurrentDocument struct {
	Kind      DocKind
	ID        int64
	Extracted bool
}

// EvidenceKey names an order's evidence set by its current documents' ids in
// kind order ("contract:12,payment:13,…"). complete is false until all five
// kinds are present and every one has been through extraction. A new
// version of any document therefore makes a new set with its own check.
func EvidenceKey(docs []CurrentDocument) (key string, complete bool) {
	byKind := make(map[DocKind]CurrentDocument, len(docs))
	for _, d := range docs {
		byKind[d.Kind] = d
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
