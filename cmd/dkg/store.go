package main

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
)

var dbFlag = &cli.StringFlag{
	Name:     "db",
	Usage:    "the store `DIR` (default: $XDG_DATA_HOME/dkg, else ~/.local/share/dkg)",
	EnvVars:  []string{"DKG_DB"},
	Category: "store",
}

// dbPath is the store directory: --db, $DKG_DB, or the user's data
// directory.
func dbPath(c *cli.Context) string {
	if p := c.String("db"); p != "" {
		return p
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "dkg")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return filepath.Join(".", "dkg-data")
	}
	return filepath.Join(home, ".local", "share", "dkg")
}

// openReader opens the store for reading only: several readers may share
// it, and it is never created.
func openReader(c *cli.Context) (*graph.Store, error) {
	dir := dbPath(c)
	s, err := graph.OpenReadOnly(dir)
	return storeResult(dir, s, err)
}

// openStore opens the store for writing, creating it when create is set, and
// turns the store's failures into messages with a hint.
func openStore(c *cli.Context, create bool) (*graph.Store, error) {
	dir := dbPath(c)
	s, err := graph.Open(dir, create)
	return storeResult(dir, s, err)
}

func storeResult(dir string, s *graph.Store, err error) (*graph.Store, error) {
	switch {
	case err == nil:
		return s, nil
	case errors.Is(err, graph.ErrNoStore):
		return nil, fail("load articles first: dkg --db "+dir+" ingest FILE...", "no store at %s", dir)
	case errors.Is(err, graph.ErrLocked):
		return nil, fail("wait for the other dkg command to finish; to let several people query one store while it grows, run dkg serve and send queries to it", "the store at %s is in use by another dkg process", dir)
	default:
		return nil, fail("check that --db names a dkg store directory you can write to", "cannot open the store at %s: %v", dir, err)
	}
}
