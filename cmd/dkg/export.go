package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"
)

var exportCommand = &cli.Command{
	Name:  "export",
	Usage: "write the whole graph as N-Quads",
	Description: `export writes every quad of the store as N-Quads. The graph label of each
quad is the IRI of the article it came from (one named graph per article), so
that every fact keeps its source. The output is valid for any RDF tool
(checked with rapper from raptor2-utils).

Example:
   dkg export -o graph.nq
   dkg export | gzip > graph.nq.gz`,
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "format", Usage: "output `FORMAT`: nquads", Value: "nquads"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
	},
	Action: func(c *cli.Context) error {
		if f := c.String("format"); f != "nquads" {
			return usageError(fmt.Sprintf("unknown --format %q", f), "use --format nquads")
		}
		s, err := openReader(c)
		if err != nil {
			return err
		}
		defer s.Close()
		out := c.String("output")
		if out == "" {
			w := bufio.NewWriter(c.App.Writer)
			if _, err := s.Export(c.Context, w); err != nil {
				return fail("check the store and the output stream", "export: %v", err)
			}
			return w.Flush()
		}
		// Write beside the target and rename, so that a failed export
		// never leaves half a file under the name asked for.
		tmp, err := os.CreateTemp(filepath.Dir(out), ".dkg-export-*")
		if err != nil {
			return fail("check that the directory exists and is writable", "create %s: %v", out, err)
		}
		defer os.Remove(tmp.Name())
		w := bufio.NewWriter(tmp)
		n, err := s.Export(c.Context, w)
		if err == nil {
			err = w.Flush()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail("check free disk space", "export to %s: %v", out, err)
		}
		if err := os.Rename(tmp.Name(), out); err != nil {
			return fail("check that the path is writable", "export to %s: %v", out, err)
		}
		fmt.Fprintf(c.App.ErrWriter, "dkg: wrote %d quads to %s\n", n, out)
		return nil
	},
}
