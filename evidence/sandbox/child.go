package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// startTimeout bounds the start of a child: from exec to its hello.
const startTimeout = 10 * time.Second

// errTimeout is why await cut a call short when its time was up.
var errTimeout = errors.New("timed out")

// child is a running child process, seen from the parent. It is used by
// one goroutine at a time: the Pool's idle list hands it over.
type child struct {
	cmd *exec.Cmd
	in  *os.File // the child's stdin
	out *os.File // the child's stdout
	log *stderrHead
	// exited is closed once the child has exited and been waited for
	// (cmd.ProcessState is then set).
	exited chan struct{}
	// killed records that kill found the child still running.
	killed bool
	// baseData is the child's data size once its limits were in force;
	// peakData the largest seen while it read its current document (see
	// watchData).
	baseData uint64
	peakData atomic.Uint64
}

// startChild starts the program of command as a child with the given
// memory limit and waits for its hello.
func startChild(ctx context.Context, stop <-chan struct{}, command []string, memoryLimit int64, ocrDir string) (*child, error) {
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	c := &child{in: inW, out: outR, log: new(stderrHead), exited: make(chan struct{})}
	c.cmd = exec.Command(command[0], command[1:]...)
	c.cmd.Stdin, c.cmd.Stdout, c.cmd.Stderr = inR, outW, c.log
	c.cmd.Env = childEnv()
	c.cmd.SysProcAttr = sysProcAttr()
	c.cmd.WaitDelay = time.Second // in case something the child started holds stderr
	err = c.cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, fmt.Errorf("sandbox: start child: %w", err)
	}
	go func() {
		c.cmd.Wait() // its error is in cmd.ProcessState
		close(c.exited)
	}()

	var h hello
	interrupt, err := c.await(ctx, stop, startTimeout, func() error {
		if err := writeMessage(c.in, setup{MemoryLimit: memoryLimit, OCRDir: ocrDir}); err != nil {
			return err
		}
		return readMessage(c.out, maxMessage, &h)
	})
	switch {
	case interrupt != nil:
		return nil, startError(command, interrupt)
	case err != nil:
		c.stop(time.Second)
		return nil, startError(command, fmt.Errorf("%w (%s)", err, c.failure(err, memoryLimit)))
	case h.Protocol != protocolVersion:
		c.kill()
		return nil, startError(command, fmt.Errorf("answered %q, not the %s protocol", h.Protocol, protocolVersion))
	case h.Error != "":
		c.stop(time.Second)
		return nil, startError(command, errors.New(h.Error))
	}
	c.baseData = procData(c.cmd.Process.Pid)
	return c, nil
}

// dataSampleEvery is how often watchData reads a busy child's data size.
const dataSampleEvery = 2 * time.Millisecond

// watchData samples the child's data size until stop is called, keeping
// the largest in peakData: a child that dies of running out of memory has
// it close to its limit just before.
func (c *child) watchData() (stop func()) {
	c.peakData.Store(0)
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTicker(dataSampleEvery)
		defer t.Stop()
		for {
			if d := procData(c.cmd.Process.Pid); d > c.peakData.Load() {
				c.peakData.Store(d)
			}
			select {
			case <-done:
				return
			case <-c.exited:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-exited }
}

// childEnvVars are the environment variables a child inherits: those of
// the Go runtime and the race detector, and nothing that could hold the
// parent's credentials (database and object store settings).
var childEnvVars = []string{"GODEBUG", "GOGC", "GOMAXPROCS", "GOTRACEBACK", "GORACE", "GOCOVERDIR", "PATH", "TZ"}

// childEnv returns the environment of a child.
func childEnv() []string {
	env := []string{} // not nil, which would mean the parent's environment
	for _, k := range childEnvVars {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// startError wraps why a child did not start; a cancelled context or a
// closed pool is returned as it is.
func startError(command []string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrClosed) {
		return err
	}
	return fmt.Errorf("sandbox: child %q did not start: %w", command, err)
}

// await runs f, which talks to the child, in a goroutine and waits for it
// to return, for the timeout, for ctx to end or for stop to close. In the
// last three cases it kills the child, which ends f, and returns as
// interrupt errTimeout, ctx.Err() or ErrClosed; otherwise it returns f's
// error. Either way f has returned when await does.
func (c *child) await(ctx context.Context, stop <-chan struct{}, timeout time.Duration, f func() error) (interrupt, err error) {
	done := make(chan error, 1)
	go func() { done <- f() }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return nil, err
	case <-timer.C:
		interrupt = errTimeout
	case <-ctx.Done():
		interrupt = ctx.Err()
	case <-stop:
		interrupt = ErrClosed
	}
	c.kill()
	<-done
	return interrupt, nil
}

// alive reports whether the child is still running.
func (c *child) alive() bool {
	select {
	case <-c.exited:
		return false
	default:
		return true
	}
}

// kill kills the child's process group unless the child has exited, waits
// for it and releases its pipes. Calling it again does nothing.
func (c *child) kill() {
	if c.alive() {
		// The child has not been waited for, so its pid, the id of its
		// process group, is not free for reuse (unless Wait reaps it in the
		// microseconds between the check and the kill).
		if err := killGroup(c.cmd.Process.Pid); err == nil {
			c.killed = true
		}
	}
	<-c.exited
	c.in.Close()
	c.out.Close()
}

// stop waits up to grace for the child to exit by itself (after its stdin
// closed or as it crashed), then kills it.
func (c *child) stop(grace time.Duration) {
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-c.exited:
	case <-t.C:
	}
	c.kill()
}

// shutdown closes the child's stdin, which ends it, and waits for it.
func (c *child) shutdown() {
	c.in.Close()
	c.stop(2 * time.Second)
}

// failure says why a child that has exited or been killed failed a call
// that returned err: what the Go runtime printed (out of memory, a panic, a
// fatal signal), else the protocol error if the child was still running,
// else its exit status. A child that crashed, other than by a panic of the
// parser, after its data grew by at least half of memoryLimit ran out of
// memory: when an allocation fails under RLIMIT_DATA in the middle of a
// garbage collection, the runtime (Go 1.26) dies of a SIGSEGV in its own
// code rather than with "fatal error: out of memory", so the message alone
// tells the two apart only some of the time.
func (c *child) failure(err error, memoryLimit int64) string {
	why := c.log.why()
	ps := c.cmd.ProcessState
	if why != oom && !strings.HasPrefix(why, "panic: ") && ps != nil && !ps.Success() &&
		memoryLimit > 0 && c.baseData > 0 && c.peakData.Load() >= c.baseData+uint64(memoryLimit)/2 {
		return oom
	}
	switch {
	case why != "":
		return why
	case c.killed:
		return "bad answer: " + err.Error()
	case ps != nil:
		return ps.String()
	}
	return err.Error()
}

// stderrHead keeps the beginning of what a child writes to stderr since
// the last reset: the line that names a crash ("fatal error: ...",
// "panic: ...") comes before the goroutine dump.
type stderrHead struct {
	mu  sync.Mutex
	buf []byte
}

// stderrHeadSize is how much of a child's stderr is kept.
const stderrHeadSize = 8 << 10

func (h *stderrHead) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := stderrHeadSize - len(h.buf); room > 0 {
		h.buf = append(h.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (h *stderrHead) reset() {
	h.mu.Lock()
	h.buf = h.buf[:0]
	h.mu.Unlock()
}

// oom is what why returns for a child that ran out of memory.
const oom = "out of memory"

// why returns oom when the kept output reports that the Go runtime ran out
// of memory ("fatal error: runtime: out of memory", or under the race
// detector "ThreadSanitizer failed to allocate … (errno: 12)", ENOMEM),
// else its first "panic: ", "fatal error: " or fatal signal ("SIGSEGV:
// segmentation violation") line, else "".
func (h *stderrHead) why() string {
	h.mu.Lock()
	s := string(h.buf)
	h.mu.Unlock()
	if strings.Contains(s, oom) || strings.Contains(s, "failed to allocate") && strings.Contains(s, "(errno: 12)") {
		return oom
	}
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") || fatalSignal.MatchString(line) {
			return truncate(line, 200)
		}
	}
	return ""
}

// fatalSignal matches the line with which the Go runtime reports a fatal
// signal.
var fatalSignal = regexp.MustCompile(`^SIG[A-Z]+: `)

// truncate cuts s to at most n bytes, at a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
