package sandbox

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"syscall"
)

// applyLimits bounds the memory of this process, a child, to about limit
// bytes more than it uses now.
//
// The hard limit is RLIMIT_DATA, not RLIMIT_AS. Since Linux 4.7,
// RLIMIT_DATA counts every private writable mapping, which is where the Go
// heap, goroutine stacks and the runtime's own structures live, so an
// allocation past it fails and the runtime dies with "fatal error: out of
// memory" (exit status 2). RLIMIT_AS also counts the address space the Go
// runtime only reserves: measured with Go 1.26 on linux/amd64, a process
// starts at a VSZ of 1.2 GB while its RSS is 2 MB, and under an RLIMIT_AS
// of 512 MiB or even 1 GiB its first 8 MiB allocation failed. Under an
// RLIMIT_DATA of 512 MiB the same program allocated and touched 448 MiB
// (in 64 MiB slices, after churning 1.6 GB of garbage) before it died.
//
// The limit is set above the data size at start (VmData, about 40 MB for a
// plain Go program and far more under the race detector, whose shadow
// memory is mapped at start-up), so that limit is what the documents may
// use whatever the binary. The garbage collector's soft limit is set to
// 3/4 of limit, so that it collects hard before the hard limit is reached.
func applyLimits(limit int64) error {
	if limit <= 0 {
		return fmt.Errorf("memory limit %d: must be positive", limit)
	}
	base, err := dataSize()
	if err != nil {
		return err
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &old); err != nil {
		return fmt.Errorf("getrlimit: %w", err)
	}
	hard := base + uint64(limit)
	if hard > old.Max {
		hard = old.Max // an outer limit is already stricter
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: hard, Max: hard}); err != nil {
		return fmt.Errorf("setrlimit RLIMIT_DATA %d: %w", hard, err)
	}
	debug.SetMemoryLimit(limit / 4 * 3)
	return nil
}

// dataSize returns the process's data size, VmData of /proc/self/status,
// which is what RLIMIT_DATA is compared with.
func dataSize() (uint64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmData:"))
		if !ok {
			continue
		}
		kb, ok := bytes.CutSuffix(bytes.TrimSpace(rest), []byte(" kB"))
		if !ok {
			break
		}
		n, err := strconv.ParseUint(string(bytes.TrimSpace(kb)), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("VmData in /proc/self/status: %w", err)
		}
		return n << 10, nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("no VmData in /proc/self/status")
}

// protocolOutput returns the child's stdout for the protocol and points
// file descriptor 1 at stderr, so that stray prints go to the log.
func protocolOutput() (*os.File, error) {
	fd, err := syscall.Dup(1)
	if err != nil {
		return nil, fmt.Errorf("dup stdout: %w", err)
	}
	syscall.CloseOnExec(fd)
	if err := syscall.Dup3(2, 1, 0); err != nil {
		syscall.Close(fd)
		return nil, fmt.Errorf("redirect stdout to stderr: %w", err)
	}
	return os.NewFile(uintptr(fd), "protocol"), nil
}

// sysProcAttr puts a child in a process group of its own, so that killGroup
// ends whatever it started too, and has the kernel kill it if the parent
// dies (the child also exits when its stdin closes, unless it is stuck).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the process group that sysProcAttr made for pid.
func killGroup(pid int) error {
	return syscall.Kill(-pid, syscall.SIGKILL)
}

// procData returns the data size of a running process (the data field of
// /proc/PID/statm: its private writable mappings, which RLIMIT_DATA
// bounds, and its stack), in bytes; 0 when it cannot be read.
func procData(pid int) uint64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 6 {
		return 0
	}
	pages, err := strconv.ParseUint(string(f[5]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * uint64(os.Getpagesize())
}
