package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/pdftext/pdftest"
)

// newPool returns a Pool of test-binary children (see TestMain), closed
// at the end of the test, with a 256 MiB memory limit unless cfg says.
func newPool(t testing.TB, cfg Config) *Pool {
	t.Helper()
	if cfg.Command == nil {
		cfg.Command = []string{os.Args[0], ChildArg}
	}
	if cfg.MemoryLimit == 0 {
		cfg.MemoryLimit = 256 << 20
	}
	p, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return p
}

// realInvoice is a real VAT invoice with a text layer.
func realInvoice(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/real-invoice-digital-goods.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// smallReceipt is a one-page text PDF of a payment receipt.
func smallReceipt() []byte {
	d := pdftest.New(pdftest.A4W, pdftest.A4H)
	p := d.AddPage()
	p.Text(200, 60, 16, "网上银行电子回单")
	p.Text(50, 120, 10, "付款人名称：杭州示例科技有限公司")
	p.Text(50, 140, 10, "收款人名称：上海样本贸易有限公司")
	p.Text(50, 160, 10, "金额（小写）：¥12,800.00")
	p.Text(50, 180, 10, "交易日期：2025-03-18")
	return d.Bytes()
}

// childSelf asks a child of p, through the test-self parser, for its
// process id and limits.
func childSelf(t *testing.T, p *Pool) (pid int, rlimitData uint64, memoryLimit int64) {
	t.Helper()
	x, err := p.extract(context.Background(), request{Parser: "test-self"}, nil)
	if err != nil || !x.Readable {
		t.Fatalf("test-self: %+v, %v", x, err)
	}
	if _, err := fmt.Sscanf(x.Reason, "pid=%d rlimit_data=%d memory_limit=%d", &pid, &rlimitData, &memoryLimit); err != nil {
		t.Fatalf("test-self said %q: %v", x.Reason, err)
	}
	return pid, rlimitData, memoryLimit
}

// diff shows two extractions as JSON.
func diff(got, want evidence.Extraction) string {
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	return fmt.Sprintf("got  %s\nwant %s", g, w)
}

// TestExtractSameAsInProcess reads documents of every outcome in a child:
// each Extraction equals the one evidence.ExtractPDF returns in process,
// and one child serves them all.
func TestExtractSameAsInProcess(t *testing.T) {
	t.Parallel()
	scan := pdftest.New(pdftest.A4W, pdftest.A4H)
	scan.AddPage().Line(50, 50, 500, 50)
	docs := []struct {
		name, kind string
		data       []byte
	}{
		{"real invoice", "", realInvoice(t)},
		{"real invoice read as a contract", "contract", realInvoice(t)},
		{"generated receipt", "", smallReceipt()},
		{"scan without text", "payment", scan.Bytes()},
		{"not a PDF", "invoice", []byte("PK\x03\x04 a zip file, not a PDF")},
		{"truncated", "", realInvoice(t)[:5000]},
	}
	p := newPool(t, Config{Workers: 1})
	for _, d := range docs {
		got, err := p.Extract(context.Background(), d.kind, d.data)
		if err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		if want := evidence.ExtractPDF(d.data, d.kind, evidence.Limits{}); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: not as in process:\n%s", d.name, diff(got, want))
		}
	}
	if x, _ := p.Extract(context.Background(), "", realInvoice(t)); !x.Readable || x.Fields["total"].Value == "" {
		t.Errorf("real invoice: readable %v, total %q; want readable with a total", x.Readable, x.Fields["total"].Value)
	}
	if n := p.starts.Load(); n != 1 {
		t.Errorf("%d children started, want 1 for all documents", n)
	}
}

// TestExtractHostile feeds files and parsers that hang, exhaust memory or
// kill the child. Each document is reported unreadable, with the reason,
// within the timeout; the child is replaced, and the next document reads.
func TestExtractHostile(t *testing.T) {
	t.Parallel()
	const timeout = 2 * time.Second
	tests := []struct {
		name   string
		parser string
		data   []byte
		want   string // start of the Reason
	}{
		// The hostile PDFs of hostile_test.go once hung and killed the
		// child; pdftext now refuses them in-process (TestPDFGuardsInProcess),
		// so the parsers below stand in for the files no guard knows yet.
		{"parser that hangs", "test-sleep", nil,
			"reading took longer than 2s"},
		{"parser allocating 4 GiB", "test-alloc", nil,
			"the reader crashed on this file (out of memory: needed more than 256 MiB)"},
		{"parser dying of a SIGSEGV near the memory limit", "test-alloc-segv", nil,
			"the reader crashed on this file (out of memory: needed more than 256 MiB)"},
		{"parser dying of a SIGSEGV", "test-segv", nil,
			"the reader crashed on this file (SIGSEGV: segmentation violation)"},
		{"parser that exits", "test-exit", nil,
			"the reader crashed on this file (exit status 3)"},
		{"parser that panics", "test-panic", nil,
			"the reader crashed on this file (panic: test parser panics"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newPool(t, Config{Workers: 1, Timeout: timeout})
			pid, _, _ := childSelf(t, p)

			start := time.Now()
			x, err := p.extract(context.Background(), request{Parser: tc.parser, Kind: "invoice"}, tc.data)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("error %v, want an unreadable extraction", err)
			}
			t.Logf("after %s: %s", took.Round(time.Millisecond), x.Reason)
			if x.Readable || !strings.HasPrefix(x.Reason, tc.want) || x.Kind != "invoice" || x.Source != sourceOf(tc.parser) {
				t.Errorf("got readable %v, kind %q, source %q, reason %q; want unreadable invoice, source %q, reason %q…",
					x.Readable, x.Kind, x.Source, x.Reason, sourceOf(tc.parser), tc.want)
			}
			// Without the timeout a sleeping or spinning parser never
			// returns; the margin is for a loaded machine.
			if took > timeout+30*time.Second {
				t.Errorf("took %s with a timeout of %s", took, timeout)
			}
			if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
				t.Errorf("the failed child (pid %d) is still there: kill 0 gives %v", pid, err)
			}

			want := evidence.ExtractPDF(smallReceipt(), "", evidence.Limits{})
			got, err := p.Extract(context.Background(), "", smallReceipt())
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("next document: %v\n%s", err, diff(got, want))
			}
			if n := p.starts.Load(); n != 2 {
				t.Errorf("%d children started, want 2 (the first, and its replacement)", n)
			}
		})
	}
}

// TestChildLimits checks the limits a child runs under: RLIMIT_DATA the
// memory limit above its size at start, and the garbage collector's soft
// limit 3/4 of the memory limit.
func TestChildLimits(t *testing.T) {
	t.Parallel()
	const limit = 96 << 20
	p := newPool(t, Config{Workers: 1, MemoryLimit: limit})
	_, rlimitData, memoryLimit := childSelf(t, p)
	if rlimitData <= limit || rlimitData > limit+1<<30 {
		t.Errorf("RLIMIT_DATA %d, want %d plus the child's size at start", rlimitData, limit)
	}
	if memoryLimit != limit/4*3 {
		t.Errorf("soft memory limit %d, want %d", memoryLimit, limit/4*3)
	}
}

// TestChildEnvironment: a child does not inherit the parent's
// environment, only the Go runtime's variables.
func TestChildEnvironment(t *testing.T) {
	t.Parallel()
	p := newPool(t, Config{Workers: 1})
	x, err := p.extract(context.Background(), request{Parser: "test-env"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(x.Reason) {
		name, _, _ := strings.Cut(line, "=")
		if !slices.Contains(childEnvVars, name) {
			t.Errorf("child has %s; want only %v", name, childEnvVars)
		}
	}
	if os.Getenv(secretEnv) == "" || strings.Contains(x.Reason, secretEnv) {
		t.Errorf("parent has %s=%q; child environment %q", secretEnv, os.Getenv(secretEnv), x.Reason)
	}
}

// TestIdleChildKilled: a child found dead when a document comes (killed
// by the kernel's OOM killer while idle, say) is replaced, and the
// document is not blamed for it.
func TestIdleChildKilled(t *testing.T) {
	t.Parallel()
	p := newPool(t, Config{Workers: 1})
	pid, _, _ := childSelf(t, p)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	c := p.idle[0]
	p.mu.Unlock()
	<-c.exited // the death is seen: the pool does not hand over a dying child
	want := evidence.ExtractPDF(smallReceipt(), "", evidence.Limits{})
	got, err := p.Extract(context.Background(), "", smallReceipt())
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("next document: %v\n%s", err, diff(got, want))
	}
	if n := p.starts.Load(); n != 2 {
		t.Errorf("%d children started, want 2", n)
	}
}

// TestExtractConcurrent reads documents from many goroutines through two
// children: all are read as in process, and no more than two children run.
func TestExtractConcurrent(t *testing.T) {
	t.Parallel()
	p := newPool(t, Config{Workers: 2})
	docs := [][]byte{realInvoice(t), smallReceipt()}
	want := make([]evidence.Extraction, len(docs))
	for i, d := range docs {
		want[i] = evidence.ExtractPDF(d, "", evidence.Limits{})
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 6 {
				d := (g + i) % len(docs)
				got, err := p.Extract(context.Background(), "", docs[d])
				if err != nil || !reflect.DeepEqual(got, want[d]) {
					t.Errorf("goroutine %d, document %d: %v\n%s", g, d, err, diff(got, want[d]))
				}
			}
		})
	}
	wg.Wait()
	if n := p.starts.Load(); n < 1 || n > 2 {
		t.Errorf("%d children started for 48 documents, want 1 or 2", n)
	}
}

// TestExtractTooLarge: a document over MaxBytes is reported as
// evidence.ExtractPDF reports it, and never sent to a child.
func TestExtractTooLarge(t *testing.T) {
	t.Parallel()
	p := newPool(t, Config{MaxBytes: 10000})
	data := realInvoice(t)
	got, err := p.Extract(context.Background(), "invoice", data)
	if err != nil {
		t.Fatal(err)
	}
	if want := evidence.ExtractPDF(data, "invoice", evidence.Limits{MaxBytes: 10000}); !reflect.DeepEqual(got, want) {
		t.Errorf("not as in process:\n%s", diff(got, want))
	}
	if n := p.starts.Load(); n != 0 {
		t.Errorf("%d children started, want none", n)
	}
}

// TestExtractContextEnds: when the caller gives up, Extract returns the
// context's error, not a verdict on the file, and the pool goes on.
func TestExtractContextEnds(t *testing.T) {
	t.Parallel()
	p := newPool(t, Config{Workers: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	x, err := p.extract(ctx, request{Parser: "test-sleep"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %+v, %v; want context.DeadlineExceeded", x, err)
	}
	if took := time.Since(start); took > 30*time.Second { // the parser sleeps for ever
		t.Errorf("returned after %s, want soon after the context's 300ms", took)
	}
	if x, err := p.Extract(context.Background(), "", smallReceipt()); err != nil || !x.Readable {
		t.Errorf("next document: readable %v, %v", x.Readable, err)
	}
}

// TestExtractUnknownParser: a request the child cannot serve is an error
// of the system, and the child stays.
func TestExtractUnknownParser(t *testing.T) {
	t.Parallel()
	p := newPool(t, Config{Workers: 1})
	pid, _, _ := childSelf(t, p)
	if _, err := p.extract(context.Background(), request{Parser: "docx"}, []byte("PK")); err == nil || !strings.Contains(err.Error(), `unknown parser "docx"`) {
		t.Errorf("error %v, want unknown parser", err)
	}
	if again, _, _ := childSelf(t, p); again != pid {
		t.Errorf("child %d after the refusal, want the same child %d", again, pid)
	}
}

// TestChildDoesNotStart: when the command is not a child, Extract returns
// an error rather than blaming the document.
func TestChildDoesNotStart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		command []string
		want    string
	}{
		{"no such program", []string{"/nonexistent/heshi", ChildArg}, "start child"},
		{"exits at once", []string{"sh", "-c", "echo not a child >&2; exit 7"}, "exit status 7"},
		{"echoes its input", []string{"cat"}, "not the heshi-extract/1 protocol"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newPool(t, Config{Command: tc.command})
			x, err := p.Extract(context.Background(), "", smallReceipt())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %+v, error %v; want an error containing %q", x, err, tc.want)
			}
		})
	}
}

// TestClose: Close interrupts a document being read and ends every child;
// Extract after Close fails.
func TestClose(t *testing.T) {
	t.Parallel()
	p, err := New(Config{Workers: 2, Command: []string{os.Args[0], ChildArg}, MemoryLimit: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	busy := make(chan error, 1)
	go func() {
		_, err := p.extract(context.Background(), request{Parser: "test-sleep"}, nil)
		busy <- err
	}()
	for p.starts.Load() < 1 {
		time.Sleep(10 * time.Millisecond)
	}
	idlePID, _, _ := childSelf(t, p) // the second child, idle from now on
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-busy:
		if !errors.Is(err, ErrClosed) {
			t.Errorf("document being read: error %v, want ErrClosed", err)
		}
	default:
		t.Error("Close returned before the document being read was interrupted")
	}
	if err := syscall.Kill(idlePID, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("idle child %d outlived Close: kill 0 gives %v", idlePID, err)
	}
	if _, err := p.Extract(context.Background(), "", smallReceipt()); !errors.Is(err, ErrClosed) {
		t.Errorf("Extract after Close: %v, want ErrClosed", err)
	}
}

// TestConfigDefaults checks the defaults and the refusal of nonsense.
func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	p, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	exe, _ := os.Executable()
	if c := p.cfg; c.Workers != 2 || c.MemoryLimit != 1<<30 || c.Timeout != 2*time.Minute ||
		c.MaxBytes != 32<<20 || c.MaxPages != 100 || !reflect.DeepEqual(c.Command, []string{exe, ChildArg}) {
		t.Errorf("defaults %+v", c)
	}
	for _, cfg := range []Config{{Workers: -1}, {MemoryLimit: 1 << 20}, {Timeout: -time.Second}, {MaxBytes: -1}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}
