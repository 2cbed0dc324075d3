package web

import (
	"strconv"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	t.Parallel()
	now := time.Date(2021, 10, 8, 9, 0, 0, 0, time.UTC)
	b := newBackoff(3)
	b.now = func() time.Time { return now }
	for i := range 3 {
		if w := b.wait("k"); w != 0 {
			t.Fatalf("failure %d: wait %v, want none within the free failures", i, w)
		}
		b.fail("k")
	}
	// Past the free failures the delay doubles: 1 s, 2 s, 4 s…
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		if w := b.wait("k"); w != want {
			t.Fatalf("after %d failures: wait %v, want %v", 3+i, w, want)
		}
		if w := b.wait("other"); w != 0 {
			t.Fatalf("another key waits %v, want none", w)
		}
		now = now.Add(want)
		if w := b.wait("k"); w != 0 {
			t.Fatalf("after the delay: wait %v, want none", w)
		}
		b.fail("k")
	}
	for range 30 {
		b.fail("k")
	}
	if w := b.wait("k"); w != backoffMax {
		t.Errorf("after many failures: wait %v, want the cap %v", w, backoffMax)
	}
	b.reset("k")
	if w := b.wait("k"); w != 0 {
		t.Errorf("after a success: wait %v, want none", w)
	}
	b.fail("gone")
	now = now.Add(backoffForget + time.Second)
	if w := b.wait("gone"); w != 0 || len(b.keys) != 0 {
		t.Errorf("an old key: wait %v, %d keys kept; want it forgotten", w, len(b.keys))
	}
}

// TestBackoffBounded: a flood of names never grows the back-off past
// backoffKeys keys.
func TestBackoffBounded(t *testing.T) {
	t.Parallel()
	b := newBackoff(0)
	now := time.Now()
	b.now = func() time.Time { now = now.Add(time.Millisecond); return now }
	for i := range backoffKeys + 500 {
		b.fail("name" + strconv.Itoa(i))
	}
	if len(b.keys) > backoffKeys {
		t.Errorf("%d keys kept, want at most %d", len(b.keys), backoffKeys)
	}
}
