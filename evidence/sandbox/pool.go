package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/mediatype"
	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// Defaults of Config.
const (
	DefaultWorkers = 2
	// DefaultMemoryLimit leaves room for OCR: the engine's models and one
	// page take 150-460 MB.
	DefaultMemoryLimit = 1 << 30
	// DefaultTimeout leaves room for OCR at about 3 s a page on one core
	// (MaxScanPages pages and the models' loading).
	DefaultTimeout = 2 * time.Minute
)

// minMemoryLimit is the least Config.MemoryLimit New accepts: the Go
// runtime of a child needs a few MiB before it reads anything.
const minMemoryLimit = 32 << 20

// ErrClosed is returned by Extract once the Pool is closed.
var ErrClosed = errors.New("sandbox: pool closed")

// Config configures a Pool. A zero field takes its default.
type Config struct {
	// Workers is how many children may run, and so how many documents are
	// read at once; default DefaultWorkers.
	Workers int
	// MemoryLimit bounds the memory a child may use for reading, in
	// bytes, on top of what it uses at start; default DefaultMemoryLimit.
	// A child that needs more dies and its document is reported
	// unreadable.
	MemoryLimit int64
	// Timeout bounds the reading of one document; default DefaultTimeout.
	Timeout time.Duration
	// MaxBytes bounds the size of a document: a larger one is reported
	// over limits without being read. Default pdftext.DefaultLimits.MaxBytes.
	MaxBytes int64
	// MaxPages bounds the pages of a document read, as in
	// evidence.Limits; default pdftext.DefaultLimits.MaxPages.
	MaxPages int
	// OCRDir is where the OCR engine's runtime and models are installed
	// (scripts/ocr.sh; ocr.DefaultDir). "" reads no scans: images and
	// image-only PDFs are reported as needing a person.
	OCRDir string
	// Command starts a child: a program that calls ServeChild when run
	// with these arguments. Default {os.Executable(), ChildArg}. A child
	// gets only the environment variables of childEnvVars (GODEBUG,
	// PATH…), none of the parent's credentials.
	Command []string
}

// withDefaults returns cfg with its zero fields set.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Workers == 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.MemoryLimit == 0 {
		cfg.MemoryLimit = DefaultMemoryLimit
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = pdftext.DefaultLimits.MaxBytes
	}
	if cfg.MaxPages == 0 {
		cfg.MaxPages = pdftext.DefaultLimits.MaxPages
	}
	if len(cfg.Command) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return cfg, fmt.Errorf("sandbox: no command for children: %w", err)
		}
		cfg.Command = []string{exe, ChildArg}
	}
	switch {
	case cfg.Workers < 0:
		return cfg, fmt.Errorf("sandbox: %d workers", cfg.Workers)
	case cfg.MemoryLimit < minMemoryLimit:
		return cfg, fmt.Errorf("sandbox: memory limit %d bytes, less than %d", cfg.MemoryLimit, minMemoryLimit)
	case cfg.Timeout < 0:
		return cfg, fmt.Errorf("sandbox: timeout %s", cfg.Timeout)
	case cfg.MaxBytes < 0 || cfg.MaxBytes > maxDocument:
		return cfg, fmt.Errorf("sandbox: max bytes %d, not within 0 and %d", cfg.MaxBytes, maxDocument)
	case cfg.MaxPages < 0:
		return cfg, fmt.Errorf("sandbox: max pages %d", cfg.MaxPages)
	}
	return cfg, nil
}

// Pool reads documents in child processes, at most Config.Workers at a
// time. Its methods may be called from any goroutine.
type Pool struct {
	cfg   Config
	slots chan struct{} // a token for each document being read
	done  chan struct{} // closed by Close

	mu     sync.Mutex
	idle   []*child
	closed bool
	busy   sync.WaitGroup // Extract calls in progress

	starts atomic.Int64 // children started
	lost   atomic.Int64 // children that crashed, ran out of memory or overran on a document
}

// New returns a Pool for cfg. It starts no child: children start when
// they are first needed and stay for the next documents.
func New(cfg Config) (*Pool, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Pool{
		cfg:   cfg,
		slots: make(chan struct{}, cfg.Workers),
		done:  make(chan struct{}),
	}, nil
}

// Extract reads the fields of a PDF document of the given kind in a child,
// as evidence.ExtractPDF would ("" detects the kind). It is ExtractWith
// and ParserPDF.
//
// A document that the reader cannot cope with gives an unreadable
// Extraction and a nil error: one that crashes the child ("the reader
// crashed on this file (out of memory …)") or that it reads for longer
// than Config.Timeout ("reading took longer than 30s"), whereupon the
// child is replaced, and one larger than Config.MaxBytes, which is not
// sent to a child. An error is returned only when the document was not
// read for reasons not its own: ctx ended (ctx.Err()), the Pool is closed
// (ErrClosed), or no child could be started.
func (p *Pool) Extract(ctx context.Context, kind string, data []byte) (evidence.Extraction, error) {
	return p.ExtractWith(ctx, ParserPDF, kind, data)
}

// ExtractWith reads a document with the named parser (ParserPDF,
// ParserOFD, ParserXML; see ParserFor) in a child, as Extract does.
func (p *Pool) ExtractWith(ctx context.Context, parser, kind string, data []byte) (evidence.Extraction, error) {
	mt := map[string]string{ParserPDF: mediatype.PDF, ParserOFD: mediatype.OFD, ParserXML: mediatype.XML}[parser]
	return p.extract(ctx, request{Parser: parser, MediaType: mt, Kind: kind}, data)
}

// extract reads data with the child's parser req.Parser.
func (p *Pool) extract(ctx context.Context, req request, data []byte) (evidence.Extraction, error) {
	if n := int64(len(data)); n > p.cfg.MaxBytes {
		// Worded as evidence.ExtractPDF words it, without reading a byte.
		return unreadable(req, fmt.Sprintf("over limits: %v: %d bytes, more than %d", pdftext.ErrTooLarge, n, p.cfg.MaxBytes)), nil
	}
	req.MaxBytes, req.MaxPages = p.cfg.MaxBytes, p.cfg.MaxPages

	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return evidence.Extraction{}, ErrClosed
	}
	p.busy.Add(1)
	p.mu.Unlock()
	defer p.busy.Done()

	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return evidence.Extraction{}, ctx.Err()
	case <-p.done:
		return evidence.Extraction{}, ErrClosed
	}
	defer func() { <-p.slots }()

	c, err := p.child(ctx)
	if err != nil {
		return evidence.Extraction{}, err
	}
	resp, interrupt, err := p.roundTrip(ctx, c, req, data)
	switch {
	case errors.Is(interrupt, errTimeout):
		p.lost.Add(1)
		return unreadable(req, fmt.Sprintf("reading took longer than %s", p.cfg.Timeout)), nil
	case interrupt != nil:
		return evidence.Extraction{}, interrupt
	case err != nil:
		p.lost.Add(1)
		c.stop(time.Second) // it crashed, and is exiting; or it is stuck
		why := c.failure(err, p.cfg.MemoryLimit)
		if why == oom {
			why = fmt.Sprintf("out of memory: needed more than %d MiB", p.cfg.MemoryLimit>>20)
		}
		return unreadable(req, fmt.Sprintf("the reader crashed on this file (%s)", why)), nil
	}
	p.release(c)
	if resp.Error != "" {
		return evidence.Extraction{}, fmt.Errorf("sandbox: child refused the request: %s", resp.Error)
	}
	return *resp.Extraction, nil
}

// roundTrip sends one document to c and reads the answer, within the
// timeout, ctx and the life of the Pool (see child.await).
func (p *Pool) roundTrip(ctx context.Context, c *child, req request, data []byte) (resp response, interrupt, err error) {
	c.log.reset()
	defer c.watchData()()
	interrupt, err = c.await(ctx, p.done, p.cfg.Timeout, func() error {
		if err := writeMessage(c.in, req); err != nil {
			return err
		}
		if err := writeFrame(c.in, data); err != nil {
			return err
		}
		if err := readMessage(c.out, maxResponse, &resp); err != nil {
			return err
		}
		if resp.Extraction == nil && resp.Error == "" {
			return errors.New("response without an extraction")
		}
		return nil
	})
	return resp, interrupt, err
}

// unreadable is the Extraction of a document that the child failed on.
func unreadable(req request, reason string) evidence.Extraction {
	return evidence.Extraction{Kind: req.Kind, Source: sourceOf(req.Parser), Fields: map[string]evidence.Field{}, Reason: reason}
}

// child returns an idle child, or starts one.
func (p *Pool) child(ctx context.Context) (*child, error) {
	for {
		p.mu.Lock()
		n := len(p.idle)
		if n == 0 {
			p.mu.Unlock()
			break
		}
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		// A child killed from outside while idle (by the kernel's OOM
		// killer, say) is replaced here, unless it dies in the instant
		// before it is handed the document, which then passes for the
		// cause of its death.
		if c.alive() {
			return c, nil
		}
		c.kill()
	}
	c, err := startChild(ctx, p.done, p.cfg.Command, p.cfg.MemoryLimit, p.cfg.OCRDir)
	if err != nil {
		return nil, err
	}
	p.starts.Add(1)
	return c, nil
}

// Starts is how many children the Pool has started; Lost how many of them
// it lost to a document (a crash, memory, the timeout): each is replaced by
// a new start when the next document comes.
func (p *Pool) Starts() int64 { return p.starts.Load() }

// Lost: see Starts.
func (p *Pool) Lost() int64 { return p.lost.Load() }

// release returns a healthy child to the idle list, or ends it if the
// Pool is closed.
func (p *Pool) release(c *child) {
	p.mu.Lock()
	if !p.closed {
		p.idle = append(p.idle, c)
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	c.shutdown()
}

// Close ends the children: it interrupts the documents being read, whose
// Extract calls return ErrClosed, and waits for every child to exit.
// Extract calls after Close return ErrClosed.
func (p *Pool) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	close(p.done)
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()

	var wg sync.WaitGroup
	for _, c := range idle {
		wg.Go(c.shutdown)
	}
	wg.Wait()
	p.busy.Wait()
	return nil
}
