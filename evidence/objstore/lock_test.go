package objstore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"testing"

	"github.com/heshi-verify/heshi/internal/testenv"
)

// TestEvidenceCannotBeRewritten: filed evidence is retained under object
// lock; overwriting its key only adds a version, deleting it only hides it,
// and its first version stays, byte for byte.
func TestEvidenceCannotBeRewritten(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testenv.Objects(t)
	if !s.Locked() {
		t.Fatal("a new bucket has no object lock")
	}
	body := []byte("%PDF-1.4 the invoice as uploaded")
	obj, _, err := s.Put(ctx, bytes.NewReader(body), 1<<20, "application/pdf")
	if err != nil {
		t.Fatal(err)
	}
	versions, err := s.Versions(ctx, obj.Key)
	if err != nil || len(versions) != 1 {
		t.Fatalf("versions %v, %v; want one", versions, err)
	}
	original := versions[0]
	if err := s.RemoveVersion(ctx, obj.Key, original); err == nil {
		t.Fatal("removing a retained version succeeded")
	}
	if err := s.PutBytes(ctx, obj.Key, []byte("%PDF-1.4 a forged invoice")); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, obj.Key); err != nil {
		t.Fatal(err)
	}
	got, err := s.ReadVersion(ctx, obj.Key, original)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("the first version after an overwrite and a delete: %q, %v; want the upload", got, err)
	}
}

// TestPromoteRefilesAlteredObject: uploading bytes whose content address
// holds something else (an overwrite) files the uploaded bytes again; the
// store's own SHA-256 of what it filed is the upload's.
func TestPromoteRefilesAlteredObject(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testenv.Objects(t)
	body := []byte("%PDF-1.4 the contract")
	sum := sha256.Sum256(body)
	obj, _, err := s.Put(ctx, bytes.NewReader(body), 1<<20, "application/pdf")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutBytes(ctx, obj.Key, []byte("not the contract")); err != nil {
		t.Fatal(err)
	}
	if _, created, err := s.Put(ctx, bytes.NewReader(body), 1<<20, "application/pdf"); err != nil || !created {
		t.Fatalf("Put over an altered object: created %v, %v; want it filed again", created, err)
	}
	if h, _, err := s.Hash(ctx, obj.Key); err != nil || !bytes.Equal(h, sum[:]) {
		t.Fatalf("after filing again the object hashes to %x, %v; want %x", h, err, sum)
	}
	// The same upload once more finds it intact: nothing new.
	if _, created, err := s.Put(ctx, bytes.NewReader(body), 1<<20, "application/pdf"); err != nil || created {
		t.Fatalf("Put of intact bytes: created %v, %v", created, err)
	}
}

// TestPutLockedAndKeys: checkpoints are retained and listed in order.
func TestPutLockedAndKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testenv.Objects(t)
	for _, k := range []string{"audit/checkpoints/02.json", "audit/checkpoints/01.json", "other/x"} {
		if err := s.PutLocked(ctx, k, []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
	}
	keys, err := s.Keys(ctx, "audit/checkpoints/")
	if err != nil || len(keys) != 2 || keys[0] != "audit/checkpoints/01.json" || keys[1] != "audit/checkpoints/02.json" {
		t.Fatalf("Keys = %v, %v", keys, err)
	}
	v, err := s.Versions(ctx, keys[0])
	if err != nil || len(v) != 1 {
		t.Fatalf("versions %v, %v", v, err)
	}
	if err := s.RemoveVersion(ctx, keys[0], v[0]); err == nil {
		t.Fatal("a checkpoint could be removed")
	}
}

// TestTemporaryObjectsExpire: the bucket has the lifecycle rule that
// removes what crashed uploads leave (where the store keeps rules). MinIO
// drops the rule's AbortIncompleteMultipartUpload: it aborts uploads left
// incomplete for a day by itself (api stale_uploads_expiry, 24 h).
func TestTemporaryObjectsExpire(t *testing.T) {
	t.Parallel()
	s := testenv.Objects(t)
	lc, err := s.Lifecycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(lc.Rules) != 1 || lc.Rules[0].RuleFilter.Prefix != "tmp/" || lc.Rules[0].Expiration.Days != 1 {
		t.Fatalf("lifecycle rules %+v; want temporary objects expiring after a day", lc.Rules)
	}
}
