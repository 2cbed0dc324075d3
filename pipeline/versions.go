package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/heshi-verify/heshi/evidence"
)

// DocChange is what changed from one version of a document to the next: a
// new file or the same one uploaded again, the fields read differently, the
// goods table's lines that differ. From is nil for a first version.
type DocChange struct {
	Kind     DocKind       `json:"kind"`
	From     *DocumentView `json:"from,omitempty"`
	To       *DocumentView `json:"to"`
	SameFile bool          `json:"same_file"`
	Fields   []FieldChange `json:"fields,omitempty"`
	Lines    []FieldChange `json:"lines,omitempty"` // Field is the line's number, from 1
}

// FieldChange is one field, or one line, read differently in two versions;
// "" stands for not read.
type FieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Changed reports whether anything an operator would compare changed.
func (c DocChange) Changed() bool { return !c.SameFile || len(c.Fields) > 0 || len(c.Lines) > 0 }

// DiffDocuments says what changed from version from (nil: none before) to
// version to of one document: fields by key in key order, lines by position.
func DiffDocuments(from, to *DocumentView) DocChange {
	c := DocChange{Kind: to.Kind, From: from, To: to}
	var before map[string]evidence.Field
	var beforeLines []evidence.Line
	if from != nil {
		c.SameFile = from.SHA256 == to.SHA256
		before, beforeLines = from.Fields, from.Lines
	}
	keys := make([]string, 0, len(before)+len(to.Fields))
	for k := range before {
		keys = append(keys, k)
	}
	for k := range to.Fields {
		if _, ok := before[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if b, a := before[k].Value, to.Fields[k].Value; b != a {
			c.Fields = append(c.Fields, FieldChange{Field: k, Before: b, After: a})
		}
	}
	for i := range max(len(beforeLines), len(to.Lines)) {
		var b, a string
		if i < len(beforeLines) {
			b = lineText(beforeLines[i])
		}
		if i < len(to.Lines) {
			a = lineText(to.Lines[i])
		}
		if b != a {
			c.Lines = append(c.Lines, FieldChange{Field: fmt.Sprint(i + 1), Before: b, After: a})
		}
	}
	return c
}

// lineText is a goods line as one comparable string: name, quantity with
// its unit, unit price, amount, received.
func lineText(l evidence.Line) string {
	parts := []string{l.Name, strings.TrimSpace(l.Quantity + " " + l.Unit), l.UnitPrice, l.Amount}
	if l.Received != "" {
		parts = append(parts, "实收 "+l.Received)
	}
	return strings.Join(parts, " · ")
}

// Versions returns every version of the order's document of kind k, newest
// first: the current one, then those it replaced.
func (d *OrderDetail) Versions(k DocKind) []*DocumentView {
	var out []*DocumentView
	for i := range d.Documents {
		if d.Documents[i].Kind == k {
			out = append(out, &d.Documents[i])
		}
	}
	for i := range d.Earlier {
		if d.Earlier[i].Kind == k {
			out = append(out, &d.Earlier[i])
		}
	}
	slices.SortStableFunc(out, func(a, b *DocumentView) int { return b.Version - a.Version })
	return out
}

// VersionChanges of kind k's document: each version, newest first, with what
// changed from the one before it.
func (d *OrderDetail) VersionChanges(k DocKind) []DocChange {
	vs := d.Versions(k)
	out := make([]DocChange, 0, len(vs))
	for i, v := range vs {
		var prev *DocumentView
		if i+1 < len(vs) {
			prev = vs[i+1]
		}
		out = append(out, DiffDocuments(prev, v))
	}
	return out
}

// LastVerified is when the order last became verified; zero if it never was.
func (d *OrderDetail) LastVerified() time.Time {
	var at time.Time
	for _, h := range d.History {
		if h.To == StatusVerified && h.At.After(at) {
			at = h.At
		}
	}
	return at
}

// ChangedSinceVerified says what of the evidence changed after the order
// was last verified: for each kind whose current version was uploaded later,
// its change from the version in force then (From nil when there was none).
// It returns the time of that verification, zero (and nothing) if the order
// was never verified.
func (d *OrderDetail) ChangedSinceVerified() (time.Time, []DocChange) {
	at := d.LastVerified()
	if at.IsZero() {
		return at, nil
	}
	var out []DocChange
	for _, k := range DocKinds {
		vs := d.Versions(k)
		if len(vs) == 0 || !vs[0].UploadedAt.After(at) {
			continue
		}
		var then *DocumentView
		for _, v := range vs[1:] {
			if !v.UploadedAt.After(at) {
				then = v
				break
			}
		}
		out = append(out, DiffDocuments(then, vs[0]))
	}
	return at, out
}
