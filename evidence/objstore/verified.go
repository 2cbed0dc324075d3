package objstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"

	"github.com/minio/minio-go/v7"
)

// ErrNotFound is an object missing from the bucket.
var ErrNotFound = errors.New("object not found")

// ErrAltered is an object whose bytes are not the ones recorded for it:
// another size, or another SHA-256.
var ErrAltered = errors.New("object altered")

// verifyTail is how many of an object's last bytes OpenVerified holds back
// until the whole object has been checked.
const verifyTail = 64 << 10

// OpenVerified opens the object under key, recorded as size bytes with
// SHA-256 sum, for a reader that must never receive altered evidence
// whole. A missing object (ErrNotFound) or one of another size (ErrAltered)
// is refused here, before a byte is read. The reader returned hashes as it
// goes and holds back the last bytes until the object has been read to its
// end and matched; a mismatch is ErrAltered from Read in their place. A
// client that was promised size bytes (Content-Length) therefore never
// receives a complete copy of an object altered in storage.
func (s *Store) OpenVerified(ctx context.Context, key string, size int64, sum []byte) (io.ReadCloser, error) {
	o, err := s.c.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", key, err)
	}
	info, err := o.Stat()
	if err != nil {
		o.Close()
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
			return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
		}
		return nil, fmt.Errorf("open %s: %w", key, err)
	}
	if info.Size != size {
		o.Close()
		return nil, fmt.Errorf("%w: %s holds %d bytes, recorded as %d", ErrAltered, key, info.Size, size)
	}
	return newVerifiedReader(o, size, sum), nil
}

// verifiedReader passes on all but an object's last bytes as they come,
// then reads those to the end, checks the whole and only then passes them
// on.
type verifiedReader struct {
	r    io.ReadCloser
	h    hash.Hash
	key  []byte // the SHA-256 recorded
	size int64
	head int64 // bytes still to pass on before the tail
	tail *bytes.Reader
	err  error
}

func newVerifiedReader(r io.ReadCloser, size int64, sum []byte) *verifiedReader {
	return &verifiedReader{r: r, h: sha256.New(), key: sum, size: size, head: max(0, size-verifyTail)}
}

func (v *verifiedReader) Read(p []byte) (int, error) {
	if v.err != nil {
		return 0, v.err
	}
	if v.head > 0 {
		if int64(len(p)) > v.head {
			p = p[:v.head]
		}
		n, err := v.r.Read(p)
		v.h.Write(p[:n])
		v.head -= int64(n)
		if errors.Is(err, io.EOF) {
			if v.head > 0 {
				v.err = fmt.Errorf("%w: the object ends %d bytes short", ErrAltered, v.head+min(v.size, verifyTail))
				return n, v.err
			}
			err = nil
		}
		return n, err
	}
	if v.tail == nil {
		if err := v.check(); err != nil {
			v.err = err
			return 0, err
		}
	}
	return v.tail.Read(p)
}

// check reads the held-back tail and the end of the object and compares
// the whole with what was recorded.
func (v *verifiedReader) check() error {
	buf := make([]byte, min(v.size, verifyTail))
	n, err := io.ReadFull(v.r, buf)
	v.h.Write(buf[:n])
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%w: the object ends %d bytes short", ErrAltered, len(buf)-n)
	case err != nil:
		return err
	}
	var one [1]byte
	switch m, err := io.ReadFull(v.r, one[:]); {
	case m > 0:
		return fmt.Errorf("%w: the object is longer than the %d bytes recorded", ErrAltered, v.size)
	case err != nil && !errors.Is(err, io.EOF):
		return err
	}
	if !bytes.Equal(v.h.Sum(nil), v.key) {
		return fmt.Errorf("%w: its SHA-256 is not the one recorded", ErrAltered)
	}
	v.tail = bytes.NewReader(buf)
	return nil
}

func (v *verifiedReader) Close() error { return v.r.Close() }
