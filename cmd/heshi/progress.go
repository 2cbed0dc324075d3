package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress prints "what: done/total" at most a few times a second.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	what  string
	total int
	done  int
	last  time.Time
}

func newProgress(w io.Writer, what string, total int) *progress {
	return &progress{w: w, what: what, total: total}
}

func (p *progress) set(done int) { p.update(done, -1) }

// update records progress; a negative total keeps the one known.
func (p *progress) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = done
	if total >= 0 {
		p.total = total
	}
	if time.Since(p.last) < 500*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "%s: %d/%d\n", p.what, p.done, p.total)
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "%s: %d/%d done\n", p.what, p.done, p.total)
}
