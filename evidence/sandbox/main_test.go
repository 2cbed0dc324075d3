package sandbox

import (
	"fmt"
	"maps"
	"os"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence"
)

// TestMain makes the test binary a child when it is run with ChildArg, as
// the heshi binary is, so that the tests drive real child processes. The
// child of the tests also serves the misbehaving parsers of testParsers.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == ChildArg {
		maps.Copy(parsers, testParsers)
		ServeChild()
		os.Exit(0)
	}
	// A credential of the parent, which children must not see.
	os.Setenv(secretEnv, "s3cret")
	os.Exit(m.Run())
}

// secretEnv is set in the parent process of the tests only.
const secretEnv = "HESHI_SANDBOX_TEST_SECRET"

// testParsers simulate what a hostile file does to a reader, and report
// what a child sees. They exist only in the test binary.
var testParsers = map[string]parser{
	// test-sleep hangs.
	"test-sleep": func(request, []byte) evidence.Extraction {
		time.Sleep(time.Hour)
		return evidence.Extraction{}
	},
	// test-alloc allocates and touches 4 GiB, in 64 MiB slices; it
	// returns, readable, only if no limit stopped it.
	"test-alloc": func(request, []byte) evidence.Extraction {
		var held [][]byte
		for range 64 {
			b := make([]byte, 64<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1
			}
			held = append(held, b)
		}
		return evidence.Extraction{Readable: true, Reason: fmt.Sprintf("held %d MiB", len(held)*64)}
	},
	// test-alloc-segv touches 192 MiB (3/4 of the tests' 256 MiB limit)
	// and then dies of a SIGSEGV, as Go 1.26's runtime does when an
	// allocation fails under RLIMIT_DATA in the middle of a collection.
	"test-alloc-segv": func(request, []byte) evidence.Extraction {
		b := make([]byte, 192<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		syscall.Kill(os.Getpid(), syscall.SIGSEGV)
		time.Sleep(time.Hour)
		return evidence.Extraction{Reason: fmt.Sprint(len(b))}
	},
	// test-segv dies of a SIGSEGV holding little memory: a crash, not
	// memory running out.
	"test-segv": func(request, []byte) evidence.Extraction {
		syscall.Kill(os.Getpid(), syscall.SIGSEGV)
		time.Sleep(time.Hour)
		return evidence.Extraction{}
	},
	// test-exit exits as a crashing C library would.
	"test-exit": func(request, []byte) evidence.Extraction {
		os.Exit(3)
		return evidence.Extraction{}
	},
	// test-panic panics outside any recover.
	"test-panic": func(request, []byte) evidence.Extraction {
		panic("test parser panics")
	},
	// test-env reports the child's environment in Reason, a line a
	// variable.
	"test-env": func(request, []byte) evidence.Extraction {
		return evidence.Extraction{Readable: true, Reason: strings.Join(os.Environ(), "\n")}
	},
	// test-self reports the child's process id and limits in Reason:
	// "pid=… rlimit_data=… memory_limit=…".
	"test-self": func(request, []byte) evidence.Extraction {
		var rl syscall.Rlimit
		if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &rl); err != nil {
			return evidence.Extraction{Reason: err.Error()}
		}
		return evidence.Extraction{Readable: true, Reason: fmt.Sprintf("pid=%d rlimit_data=%d memory_limit=%d",
			os.Getpid(), rl.Cur, debug.SetMemoryLimit(-1))}
	},
}
