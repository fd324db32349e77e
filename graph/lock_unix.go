//go:build unix

package graph

import (
	"errors"
	"os"
	"syscall"
)

// flock takes a non-blocking flock on f. A flock belongs to the open file
// description, so a second Open of the same directory conflicts even within
// one process.
func flock(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

func errWouldBlock(err error) bool { return errors.Is(err, syscall.EWOULDBLOCK) }
