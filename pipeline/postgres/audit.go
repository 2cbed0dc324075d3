package postgres

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// The audit log is a hash chain (each entry's hash covers the previous
// hash and the entry), and every entry's hash is authenticated with
// HMAC-SHA256 under a key kept outside the database (Options.AuditKey). An
// insider who can write the database can delete rows at the end or rewrite
// entries and re-hash the chain, but not make the macs agree, and the
// chain's head is written now and then to the object store under object
// lock (checkpoints), where a database login cannot reach: AuditVerify
// compares the chain with every checkpoint, so a log cut short or rebuilt
// is caught too. It also compares every order's status and counted facts
// with the order's last audited transition, so a direct UPDATE of an order
// shows.

// genesis is the previous hash of the first entry.
var genesis = make([]byte, sha256.Size)

// MinAuditKeyBytes is the shortest audit key the store accepts.
const MinAuditKeyBytes = 32

// errNoAuditKey refuses to write an entry nobody could authenticate.
var errNoAuditKey = errors.New("the audit log's key is not configured (HESHI_AUDIT_KEY_FILE)")

func chainHash(prev, entry []byte) []byte {
	h := sha256.New()
	h.Write(prev)
	h.Write(entry)
	return h.Sum(nil)
}

// mac authenticates a chain hash with the audit key.
func (s *Store) mac(hash []byte) []byte {
	m := hmac.New(sha256.New, s.auditKey)
	m.Write([]byte("heshi audit entry\x00"))
	m.Write(hash)
	return m.Sum(nil)
}

// audit appends an entry to the log inside the caller's transaction. Appends
// are serialised by a transaction-scoped advisory lock, so the chain has no
// forks; the entry commits or rolls back with the change it records.
func (s *Store) audit(ctx context.Context, q *db.Queries, actor pipeline.Actor, action, subject string, detail any) error {
	if len(s.auditKey) < MinAuditKeyBytes {
		return errNoAuditKey
	}
	d, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("audit detail: %w", err)
	}
	e := pipeline.AuditEntry{At: s.now().UTC().Truncate(time.Microsecond), Actor: actor.Name, Action: action, Subject: subject, Detail: d}
	if b, ok := s.pending.Load(q); ok {
		b := b.(*auditBatch)
		b.entries = append(b.entries, e)
		return nil
	}
	return s.appendAudit(ctx, q, []pipeline.AuditEntry{e})
}

// auditBatch is the audit entries of one transaction, in the order made.
type auditBatch struct{ entries []pipeline.AuditEntry }

// appendAudit appends entries to the chain, in order, under the log's lock
// (held until the transaction ends): each takes the next sequence number
// and is hashed over the one before it.
func (s *Store) appendAudit(ctx context.Context, q *db.Queries, entries []pipeline.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if err := q.AuditLock(ctx); err != nil {
		return fmt.Errorf("audit lock: %w", err)
	}
	prev, seq := genesis, int64(1)
	head, err := q.AuditHead(ctx)
	switch {
	case err == nil:
		prev, seq = head.Hash, head.Seq+1
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("audit head: %w", err)
	}
	for _, e := range entries {
		e.Seq = seq
		entry, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("audit entry: %w", err)
		}
		hash := chainHash(prev, entry)
		if err := q.AuditInsert(ctx, db.AuditInsertParams{
			Seq: seq, At: e.At, Actor: e.Actor, Action: e.Action, Subject: e.Subject,
			Entry: entry, PrevHash: prev, Hash: hash, Mac: s.mac(hash),
		}); err != nil {
			return err
		}
		prev, seq = hash, seq+1
	}
	return nil
}

// factsDigest is what an order.status entry records of the order's counted
// facts (OrderFacts' text), so that AuditVerify can tell when they changed
// without an audited transition.
func factsDigest(facts string) string {
	sum := sha256.Sum256([]byte(facts))
	return hex.EncodeToString(sum[:])
}

// Vault keeps the audit log's checkpoints where the database's users cannot
// rewrite them: objstore.Store, whose objects are under object lock.
type Vault interface {
	// PutLocked writes b under key, retained (not overwritable) where the
	// store supports object lock.
	PutLocked(ctx context.Context, key string, b []byte) error
	// Keys lists the keys under prefix, in order.
	Keys(ctx context.Context, prefix string) ([]string, error)
	// Exists reports whether key is stored.
	Exists(ctx context.Context, key string) (bool, error)
	// ReadAll returns the bytes under key, refusing more than maxBytes.
	ReadAll(ctx context.Context, key string, maxBytes int64) ([]byte, error)
}

// checkpointPrefix is where checkpoints are kept, one object per head
// sequence number, zero-padded so that the keys sort as the numbers do.
const checkpointPrefix = "audit/checkpoints/"

func checkpointKey(seq int64) string { return fmt.Sprintf("%s%020d.json", checkpointPrefix, seq) }

// Checkpoint is the audit chain's head at a moment: its sequence number,
// hash and mac. The mac proves the writer held the audit key.
type Checkpoint struct {
	Seq  int64     `json:"seq"`
	Hash string    `json:"hash"`
	MAC  string    `json:"mac"`
	At   time.Time `json:"at"`
}

// AuditCheckpoint writes the chain's head to the vault, unless it is there
// already or the log is empty; written says whether it wrote.
func (s *Store) AuditCheckpoint(ctx context.Context, v Vault) (cp Checkpoint, written bool, err error) {
	head, err := s.q.AuditHead(ctx)
	if errors.Is(err, pgx.ErrNoRows) {
		return cp, false, nil
	}
	if err != nil {
		return cp, false, fmt.Errorf("audit head: %w", err)
	}
	if head.Mac == nil {
		return cp, false, nil // an unkeyed head (before migration 0006): the next entry is keyed
	}
	cp = Checkpoint{Seq: head.Seq, Hash: hex.EncodeToString(head.Hash), MAC: hex.EncodeToString(head.Mac), At: s.now().UTC()}
	key := checkpointKey(head.Seq)
	if ok, err := v.Exists(ctx, key); err != nil || ok {
		return cp, false, err
	}
	b, err := json.Marshal(cp)
	if err != nil {
		return cp, false, err
	}
	if err := v.PutLocked(ctx, key, b); err != nil {
		return cp, false, fmt.Errorf("audit checkpoint: %w", err)
	}
	return cp, true, nil
}

// AuditReport is what AuditVerify found.
type AuditReport struct {
	Entries     int64  // entries in the chain
	Unkeyed     int64  // of them, written before the log was keyed (no mac)
	HeadSeq     int64  // the last entry's sequence number
	Head        []byte // and its hash
	Checkpoints int    // checkpoints compared with the chain
	Orders      int64  // orders compared with their last audited transition
}

// maxMismatches is how many disagreeing orders an error names.
const maxMismatches = 10

// AuditVerify walks the whole chain and checks every entry's hash and mac,
// compares it with every checkpoint in v (nil: none are compared), and
// compares every order's status and counted facts with its last audited
// transition. The error names the first break, or the orders that disagree.
func (s *Store) AuditVerify(ctx context.Context, v Vault) (AuditReport, error) {
	var rep AuditReport
	if len(s.auditKey) < MinAuditKeyBytes {
		return rep, errNoAuditKey
	}
	cps, err := s.checkpoints(ctx, v)
	if err != nil {
		return rep, err
	}
	last := map[string]orderState{} // order number → its last audited status
	prev := genesis
	keyed := false
	for {
		rows, err := s.q.AuditRange(ctx, db.AuditRangeParams{AfterSeq: rep.HeadSeq, MaxRows: 5000})
		if err != nil {
			return rep, fmt.Errorf("audit read: %w", err)
		}
		if len(rows) == 0 {
			break
		}
		for _, r := range rows {
			if err := s.verifyEntry(r, rep.HeadSeq, prev, &keyed); err != nil {
				return rep, err
			}
			if cp, ok := cps[r.Seq]; ok {
				if cp.Hash != hex.EncodeToString(r.Hash) || cp.MAC != hex.EncodeToString(r.Mac) {
					return rep, fmt.Errorf("audit entry %d differs from the checkpoint of %s: the log was rewritten", r.Seq, cp.At.Format(time.RFC3339))
				}
				rep.Checkpoints++
			}
			if r.Mac == nil {
				rep.Unkeyed++
			}
			switch r.Action {
			case "order.status":
				var st orderState
				if err := st.update(r); err != nil {
					return rep, err
				}
				last[r.Subject] = st
			case "order.facts": // the facts changed by a re-import, the status not
				if st, ok := last[r.Subject]; ok {
					if err := st.updateFacts(r); err != nil {
						return rep, err
					}
					last[r.Subject] = st
				}
			}
			prev, rep.HeadSeq = r.Hash, r.Seq
			rep.Entries++
		}
	}
	rep.Head = prev
	if v != nil && len(cps) == 0 && rep.Entries > 0 {
		// Without a checkpoint nothing outside the database vouches for the
		// log: it could be rebuilt whole, unkeyed. The workers write one a
		// minute after any change; heshi audit checkpoint writes one now.
		return rep, fmt.Errorf("the object store holds no checkpoint of the audit log's %d entries: nothing vouches for it (heshi audit checkpoint writes one; were they removed?)", rep.Entries)
	}
	if latest := maxKey(cps); latest > rep.HeadSeq {
		return rep, fmt.Errorf("the audit log ends at entry %d but a checkpoint of %s recorded entry %d: the log was cut short",
			rep.HeadSeq, cps[latest].At.Format(time.RFC3339), latest)
	}
	return rep, s.verifyOrders(ctx, last, &rep)
}

// verifyEntry checks one row against the chain so far.
func (s *Store) verifyEntry(r db.AuditLog, after int64, prev []byte, keyed *bool) error {
	if r.Seq != after+1 {
		return fmt.Errorf("audit entry %d missing (next is %d)", after+1, r.Seq)
	}
	if !bytes.Equal(r.PrevHash, prev) {
		return fmt.Errorf("audit entry %d: previous hash does not match entry %d", r.Seq, after)
	}
	if !bytes.Equal(r.Hash, chainHash(prev, r.Entry)) {
		return fmt.Errorf("audit entry %d: hash does not match its content", r.Seq)
	}
	switch {
	case r.Mac == nil && *keyed:
		return fmt.Errorf("audit entry %d has no mac after keyed entries: the log was rewritten", r.Seq)
	case r.Mac != nil && !hmac.Equal(r.Mac, s.mac(r.Hash)):
		return fmt.Errorf("audit entry %d: mac does not match (rewritten without the audit key, or verified with another key)", r.Seq)
	case r.Mac != nil:
		*keyed = true
	}
	var e pipeline.AuditEntry
	if err := json.Unmarshal(r.Entry, &e); err != nil || e.Seq != r.Seq || e.Action != r.Action || e.Subject != r.Subject || e.Actor != r.Actor {
		return fmt.Errorf("audit entry %d: columns disagree with the hashed entry", r.Seq)
	}
	return nil
}

// checkpoints reads every checkpoint in v, by sequence number, each one
// checked against the audit key.
func (s *Store) checkpoints(ctx context.Context, v Vault) (map[int64]Checkpoint, error) {
	out := map[int64]Checkpoint{}
	if v == nil {
		return out, nil
	}
	keys, err := v.Keys(ctx, checkpointPrefix)
	if err != nil {
		return nil, fmt.Errorf("audit checkpoints: %w", err)
	}
	for _, k := range keys {
		b, err := v.ReadAll(ctx, k, 4<<10)
		if err != nil {
			return nil, fmt.Errorf("audit checkpoint %s: %w", k, err)
		}
		var cp Checkpoint
		if err := json.Unmarshal(b, &cp); err != nil {
			return nil, fmt.Errorf("audit checkpoint %s: %w", k, err)
		}
		hash, err1 := hex.DecodeString(cp.Hash)
		mac, err2 := hex.DecodeString(cp.MAC)
		if err1 != nil || err2 != nil || !hmac.Equal(mac, s.mac(hash)) || k != checkpointKey(cp.Seq) {
			return nil, fmt.Errorf("audit checkpoint %s is not one heshi wrote with this audit key", k)
		}
		out[cp.Seq] = cp
	}
	return out, nil
}

func maxKey(m map[int64]Checkpoint) int64 {
	var n int64
	for k := range m {
		n = max(n, k)
	}
	return n
}

// orderState is an order's status as its last order.status entry left it.
type orderState struct {
	seen           bool
	status         string
	requiresReview bool
	facts          string // factsDigest; empty in entries older than the digest
}

func (st *orderState) update(r db.AuditLog) error {
	var e struct {
		Detail struct {
			To             string `json:"to"`
			RequiresReview bool   `json:"requires_review"`
			Facts          string `json:"facts"`
		} `json:"detail"`
	}
	if err := json.Unmarshal(r.Entry, &e); err != nil {
		return fmt.Errorf("audit entry %d: %w", r.Seq, err)
	}
	*st = orderState{seen: true, status: e.Detail.To, requiresReview: e.Detail.RequiresReview, facts: e.Detail.Facts}
	return nil
}

func (st *orderState) updateFacts(r db.AuditLog) error {
	var e struct {
		Detail struct {
			Facts string `json:"facts"`
		} `json:"detail"`
	}
	if err := json.Unmarshal(r.Entry, &e); err != nil {
		return fmt.Errorf("audit entry %d: %w", r.Seq, err)
	}
	st.facts = e.Detail.Facts
	return nil
}

// verifyOrders compares every order with its last audited transition.
func (s *Store) verifyOrders(ctx context.Context, last map[string]orderState, rep *AuditReport) error {
	var bad []string
	var n int
	var after int64
	for {
		rows, err := s.q.OrdersFacts(ctx, db.OrdersFactsParams{AfterID: after, MaxRows: 2000})
		if err != nil {
			return dbError(err, "orders")
		}
		if len(rows) == 0 {
			break
		}
		for _, o := range rows {
			after = o.ID
			rep.Orders++
			subject := pipeline.OrderSubject(o.OrderNo)
			st := last[subject]
			delete(last, subject)
			if why := disagreement(st, o); why != "" {
				n++
				if len(bad) < maxMismatches {
					bad = append(bad, o.OrderNo+" "+why)
				}
			}
		}
	}
	// What is left had audited transitions but is no longer there: deleted.
	gone := make([]string, 0, len(last))
	for subject := range last {
		gone = append(gone, strings.TrimPrefix(subject, "order:"))
	}
	slices.Sort(gone)
	for _, no := range gone {
		n++
		if len(bad) < maxMismatches {
			bad = append(bad, no+" has an audited history but is no longer in the database")
		}
	}
	if n > 0 {
		return fmt.Errorf("%d orders disagree with the audit log (changed in the database without an audited transition): %s",
			n, strings.Join(bad, "; "))
	}
	return nil
}

// disagreement says how an order differs from its audited state, or "".
func disagreement(st orderState, o db.OrdersFactsRow) string {
	switch {
	case !st.seen && o.Status != string(pipeline.StatusAwaitingDocuments):
		return "is " + o.Status + " but no audited transition led there"
	case !st.seen:
		return ""
	case st.status != o.Status || st.requiresReview != o.RequiresReview:
		return fmt.Sprintf("is %s (requires review %s) but was audited %s (requires review %s)",
			o.Status, strconv.FormatBool(o.RequiresReview), st.status, strconv.FormatBool(st.requiresReview))
	case st.facts != "" && st.facts != factsDigest(o.Facts):
		return "has other parties, date, amounts or lines than when its status was last audited"
	}
	return ""
}

// AuditTrail returns the entries about one subject (e.g. "order:HN2021000001").
func (s *Store) AuditTrail(ctx context.Context, subject string) ([]pipeline.AuditEntry, error) {
	rows, err := s.q.AuditBySubject(ctx, subject)
	if err != nil {
		return nil, dbError(err, "audit trail")
	}
	out := make([]pipeline.AuditEntry, 0, len(rows))
	for _, r := range rows {
		var e pipeline.AuditEntry
		if err := json.Unmarshal(r.Entry, &e); err != nil {
			return nil, fmt.Errorf("audit entry %d: %w", r.Seq, err)
		}
		out = append(out, e)
	}
	return out, nil
}
