package objstore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/internal/testenv"
)

func TestPut(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testenv.Objects(t)

	body := bytes.Repeat([]byte("核实 evidence "), 100_000) // ~1.6 MB: several reads
	sum := sha256.Sum256(body)

	obj, created, err := s.Put(ctx, bytes.NewReader(body), 10<<20, "application/pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !created || obj.Size != int64(len(body)) || !bytes.Equal(obj.SHA256, sum[:]) || obj.Key != objstore.KeyFor(sum[:]) {
		t.Fatalf("Put = %+v, created %v; want key %s size %d created", obj, created, objstore.KeyFor(sum[:]), len(body))
	}

	// The same bytes again: nothing new is stored.
	obj2, created, err := s.Put(ctx, bytes.NewReader(body), 10<<20, "application/pdf")
	if err != nil || created || obj2.Key != obj.Key {
		t.Fatalf("second Put = %+v, created %v, %v; want same key, not created", obj2, created, err)
	}

	got, err := s.ReadAll(ctx, obj.Key, 10<<20)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("ReadAll: %d bytes, %v; want the body back", len(got), err)
	}
	if _, err := s.ReadAll(ctx, obj.Key, 100); !errors.Is(err, objstore.ErrTooLarge) {
		t.Fatalf("ReadAll over limit = %v, want ErrTooLarge", err)
	}
	h, n, err := s.Hash(ctx, obj.Key)
	if err != nil || n != int64(len(body)) || !bytes.Equal(h, sum[:]) {
		t.Fatalf("Hash = %x, %d, %v", h, n, err)
	}
	if keys := testenv.ListKeys(t, s); len(keys) != 1 || keys[0] != obj.Key {
		t.Fatalf("bucket holds %v, want only %s (no temporary objects left)", keys, obj.Key)
	}
}

func TestPutTooLargeLeavesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testenv.Objects(t)

	// 12 MiB through a reader that does not tell its length: more than two parts.
	r := io.LimitReader(zeros{}, 12<<20)
	_, _, err := s.Put(ctx, r, 11<<20, "application/pdf")
	if !errors.Is(err, objstore.ErrTooLarge) {
		t.Fatalf("Put = %v, want ErrTooLarge", err)
	}
	if keys := testenv.ListKeys(t, s); len(keys) != 0 {
		t.Fatalf("bucket holds %v after a refused upload, want nothing", keys)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	s := testenv.Objects(b)
	body := make([]byte, 1<<20)
	b.SetBytes(int64(len(body)))
	for i := 0; b.Loop(); i++ {
		body[0], body[1], body[2] = byte(i), byte(i>>8), byte(i>>16) // new content each time
		if _, _, err := s.Put(ctx, bytes.NewReader(body), 2<<20, "application/pdf"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOpenVerified: through the store, a missing object and one of another
// size are refused before any byte; an object overwritten in place with
// bytes of its own size fails at its end.
func TestOpenVerified(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testenv.Objects(t)
	body := bytes.Repeat([]byte("回单 "), 50_000)
	obj, _, err := s.Put(ctx, bytes.NewReader(body), 10<<20, "application/pdf")
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.OpenVerified(ctx, obj.Key, obj.Size, obj.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	r.Close()
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("as recorded: %d bytes, %v", len(got), err)
	}
	if _, err := s.OpenVerified(ctx, "sha256/00", 1, obj.SHA256); !errors.Is(err, objstore.ErrNotFound) {
		t.Errorf("missing object: %v, want ErrNotFound", err)
	}
	if _, err := s.OpenVerified(ctx, obj.Key, obj.Size+1, obj.SHA256); !errors.Is(err, objstore.ErrAltered) {
		t.Errorf("another size: %v, want ErrAltered", err)
	}
	forged := bytes.Clone(body)
	forged[10] = 'X'
	if err := s.PutBytes(ctx, obj.Key, forged); err != nil {
		t.Fatal(err)
	}
	r, err = s.OpenVerified(ctx, obj.Key, obj.Size, obj.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	got, err = io.ReadAll(r)
	r.Close()
	if !errors.Is(err, objstore.ErrAltered) || len(got) >= len(body) {
		t.Errorf("overwritten in place: %d of %d bytes, %v; want ErrAltered before the end", len(got), len(body), err)
	}
}

// TestSweep: what crashed uploads leave (a temporary object, an object no
// document refers to, an incomplete multipart upload) is removed; an object
// a document refers to, and anything younger than the age, stays.
func TestSweep(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testenv.Objects(t)
	keep, _, err := s.Put(ctx, bytes.NewReader([]byte("%PDF-1.4 referenced")), 1<<20, "application/pdf")
	if err != nil {
		t.Fatal(err)
	}
	orphan, _, err := s.Put(ctx, bytes.NewReader([]byte("%PDF-1.4 orphan")), 1<<20, "application/pdf")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutBytes(ctx, "tmp/0123abcd", []byte("half an upload")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartUpload(ctx, "tmp/crashed"); err != nil {
		t.Fatal(err)
	}
	referenced := func(_ context.Context, key string) (bool, error) { return key == keep.Key, nil }

	// Younger than the age: nothing goes.
	if res, err := s.Sweep(ctx, time.Hour, referenced, false); err != nil || res != (objstore.SweepResult{}) {
		t.Fatalf("sweep of young objects: %+v, %v; want nothing removed", res, err)
	}
	time.Sleep(10 * time.Millisecond)
	res, err := s.Sweep(ctx, time.Millisecond, referenced, true)
	if err != nil || res.Temporary != 1 || res.Orphans != 1 || res.Uploads != 1 {
		t.Fatalf("dry sweep: %+v, %v; want one of each", res, err)
	}
	if keys := testenv.ListKeys(t, s); len(keys) != 3 {
		t.Fatalf("a dry sweep removed something: %v", keys)
	}
	if res, err = s.Sweep(ctx, time.Millisecond, referenced, false); err != nil || res.Temporary != 1 || res.Orphans != 1 || res.Uploads != 1 {
		t.Fatalf("sweep: %+v, %v; want one of each", res, err)
	}
	if keys := testenv.ListKeys(t, s); len(keys) != 1 || keys[0] != keep.Key {
		t.Errorf("after the sweep the bucket holds %v, want only %s (not the orphan %s)", keys, keep.Key, orphan.Key)
	}
	if res, err := s.Sweep(ctx, time.Millisecond, referenced, false); err != nil || res != (objstore.SweepResult{}) {
		t.Errorf("a second sweep: %+v, %v; want nothing left to remove", res, err)
	}
}

// TestPromoteRefreshesAnOrphan: storing bytes already stored makes their
// object young again, so a sweep cannot take it from the upload about to
// refer to it.
func TestPromoteRefreshesAnOrphan(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testenv.Objects(t)
	body := []byte("%PDF-1.4 stored twice")
	if _, _, err := s.Put(ctx, bytes.NewReader(body), 1<<20, "application/pdf"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // object times have a resolution of a second or finer
	start := time.Now()
	obj, created, err := s.Put(ctx, bytes.NewReader(body), 1<<20, "application/pdf")
	if err != nil || created {
		t.Fatalf("second Put: created %v, %v", created, err)
	}
	unreferenced := func(context.Context, string) (bool, error) { return false, nil }
	res, err := s.Sweep(ctx, time.Since(start)+500*time.Millisecond, unreferenced, true)
	if err != nil || res.Orphans != 0 {
		t.Errorf("sweep right after the second Put would take %+v (%v) of %s; want it young", res, err, obj.Key)
	}
}

// TestPutLargerThanAPart: a file longer than PartSize still streams through
// a temporary object in parts (the smaller ones go in one PUT), keeps its
// hash, and leaves no temporary object behind.
func TestPutLargerThanAPart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testenv.Objects(t)
	body := bytes.Repeat([]byte("0123456789abcdef"), (objstore.PartSize+1<<20)/16) // a part and a MiB
	sum := sha256.Sum256(body)
	obj, created, err := s.Put(ctx, struct{ io.Reader }{bytes.NewReader(body)}, 10<<20, "application/pdf")
	if err != nil || !created || !bytes.Equal(obj.SHA256, sum[:]) || obj.Size != int64(len(body)) {
		t.Fatalf("Put = %+v, %v, %v", obj, created, err)
	}
	if h, n, err := s.Hash(ctx, obj.Key); err != nil || n != int64(len(body)) || !bytes.Equal(h, sum[:]) {
		t.Fatalf("stored %d bytes hashing to %x (%v), want %x", n, h, err, sum)
	}
	if keys := testenv.ListKeys(t, s); len(keys) != 1 || keys[0] != obj.Key {
		t.Fatalf("bucket holds %v, want only %s", keys, obj.Key)
	}
}
