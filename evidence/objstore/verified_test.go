package objstore

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// TestVerifiedReader: the reader passes an object on whole only when it is
// the one recorded; otherwise the bytes it held back never come.
func TestVerifiedReader(t *testing.T) {
	t.Parallel()
	for _, size := range []int{1, 100, verifyTail - 1, verifyTail, verifyTail + 1, 3*verifyTail + 17} {
		body := bytes.Repeat([]byte("核实"), size)[:size]
		sum := sha256.Sum256(body)
		altered := bytes.Clone(body)
		altered[0] ^= 1
		tests := []struct {
			name   string
			stored []byte
			fail   bool
		}{
			{"as recorded", body, false},
			{"first byte altered", altered, true},
			{"last byte cut", body[:size-1], true},
			{"a byte added", append(bytes.Clone(body), 'x'), true},
		}
		for _, tt := range tests {
			r := newVerifiedReader(io.NopCloser(iotest.HalfReader(bytes.NewReader(tt.stored))), int64(size), sum[:])
			got, err := io.ReadAll(r)
			switch {
			case !tt.fail && (err != nil || !bytes.Equal(got, body)):
				t.Errorf("size %d, %s: %d bytes, %v; want the object whole", size, tt.name, len(got), err)
			case tt.fail && !errors.Is(err, ErrAltered):
				t.Errorf("size %d, %s: error %v, want ErrAltered", size, tt.name, err)
			case tt.fail && len(got) > size-min(size, verifyTail):
				t.Errorf("size %d, %s: %d bytes passed on, want at most %d (the tail held back)", size, tt.name, len(got), size-min(size, verifyTail))
			}
		}
	}
}
