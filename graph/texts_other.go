//go:build !linux

package graph

import (
	"os"
	"path/filepath"
)

// syncFiles makes files and their directories durable, one fsync each.
func syncFiles(dir string, files []string) error {
	dirs := map[string]bool{dir: true}
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		if f, err := os.Open(d); err == nil {
			f.Sync() // not supported everywhere (Windows); best effort
			f.Close()
		}
	}
	return nil
}
