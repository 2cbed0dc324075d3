//go:build !linux

package sandbox

import (
	"errors"
	"os"
	"syscall"
)

// errUnsupported is why children do not serve outside Linux: their memory
// limit relies on Linux's RLIMIT_DATA accounting (see limits_linux.go).
var errUnsupported = errors.New("sandboxed extraction needs Linux")

func applyLimits(int64) error { return errUnsupported }

func protocolOutput() (*os.File, error) { return os.Stdout, nil }

func sysProcAttr() *syscall.SysProcAttr { return nil }

func killGroup(pid int) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	return p.Kill()
}

func procData(int) uint64 { return 0 }
