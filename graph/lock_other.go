//go:build !unix

package graph

import "os"

// flock is a no-op where flock(2) does not exist: there, bbolt's own file
// lock (with a timeout) is the only guard against a second process.
func flock(*os.File, bool) error { return nil }

func errWouldBlock(error) bool { return false }
