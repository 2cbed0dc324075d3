package web

import (
	"sync"
	"time"
)

// backoff slows password guessing without locking anyone out: a key (a
// name signing in from an address, or an address) may fail free times;
// after that each further attempt must wait, after the key's last failure,
// a delay that doubles with each failure from one second up to
// backoffMax. Nothing is refused for good, and a right password from
// another address is never held up by someone else's guesses: the real
// user is slowed only where the guessing comes from. A success resets the
// key; a key with no failure for backoffForget is forgotten.
//
// It holds at most backoffKeys keys: past that, the ones whose delay has
// run out are forgotten first, then the oldest, so a flood of names cannot
// grow it without bound.
type backoff struct {
	mu   sync.Mutex
	free int
	keys map[string]*tries
	now  func() time.Time
}

type tries struct {
	n    int
	last time.Time
}

const (
	backoffMax    = 15 * time.Minute
	backoffForget = time.Hour
	backoffKeys   = 100_000
)

func newBackoff(free int) *backoff {
	return &backoff{free: free, keys: map[string]*tries{}, now: time.Now}
}

// delay is how long after its last failure a key with n failures waits.
func (b *backoff) delay(n int) time.Duration {
	if n < b.free {
		return 0
	}
	if k := n - b.free; k < 20 {
		return min(time.Second<<k, backoffMax)
	}
	return backoffMax
}

// wait returns how long key must still wait before its next attempt; 0
// when it may try now.
func (b *backoff) wait(key string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	t := b.keys[key]
	if t == nil {
		return 0
	}
	now := b.now()
	if now.Sub(t.last) > backoffForget {
		delete(b.keys, key)
		return 0
	}
	return max(0, t.last.Add(b.delay(t.n)).Sub(now))
}

func (b *backoff) fail(key string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	t := b.keys[key]
	if t == nil {
		if len(b.keys) >= backoffKeys {
			b.prune(now)
		}
		t = &tries{}
		b.keys[key] = t
	}
	t.n++
	t.last = now
}

func (b *backoff) reset(key string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.keys, key)
}

// prune forgets the keys whose delay has run out; if that frees nothing,
// the key failed longest ago.
func (b *backoff) prune(now time.Time) {
	var oldest string
	for k, t := range b.keys {
		if !now.Before(t.last.Add(b.delay(t.n))) {
			delete(b.keys, k)
			continue
		}
		if oldest == "" || t.last.Before(b.keys[oldest].last) {
			oldest = k
		}
	}
	if len(b.keys) >= backoffKeys && oldest != "" {
		delete(b.keys, oldest)
	}
}
