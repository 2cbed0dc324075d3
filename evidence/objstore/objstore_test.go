package objstore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"testing"

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
