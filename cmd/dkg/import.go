package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
)

var importCommand = &cli.Command{
	Name:      "import",
	Usage:     "load N-Quads, N-Triples or JSON-LD (a dkg export, or any RDF) into the store",
	ArgsUsage: "FILE.nq|FILE.nt|FILE.jsonld...",
	Description: `import loads RDF files into the store: a dkg export taken elsewhere, or any
RDF in N-Quads (.nq), N-Triples (.nt) or JSON-LD (.jsonld, .json). The file
name's ending gives the format; --format overrides it (needed for - , standard
input).

Quads keep their graph labels, so an export's articles come back as the same
named graphs. Triples without a label (all of an N-Triples file) go to a named
graph for the file, file:///path/of/the/file, or to the --graph IRI (required
for standard input; with several files, add --merge to gather them in it).
Literals keep their exact form and datatype; blank nodes keep their labels.

Each file is written in one transaction, graph by graph as ingest writes
articles: a graph the store holds already is replaced by the file's version
of it (--merge adds the file's quads to it instead), an identical one is left
alone. A file is loaded whole or not at all: a line that cannot be read is
reported with its line number and nothing of that file is written, unless
--skip-invalid, which loads the rest and reports each line skipped. The other
files still load.

Exporting, importing into a fresh store and exporting again gives the same set
of quads.

Examples:
   dkg import graph.nq
   dkg --db copy import --skip-invalid dump.nt
   curl -s https://example.org/data.jsonld | dkg import --format jsonld --graph https://example.org/data -`,
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "format", Usage: "input `FORMAT`: nquads, ntriples or jsonld (default: from the file name)"},
		&cli.BoolFlag{Name: "skip-invalid", Usage: "skip lines that cannot be read (and report them) instead of refusing the file"},
		&cli.BoolFlag{Name: "merge", Usage: "add to graphs already in the store instead of replacing them"},
		&cli.StringFlag{Name: "graph", Usage: "named graph `IRI` for unlabelled triples (default: the file's file:// URL)"},
	},
	Action: func(c *cli.Context) error {
		if c.NArg() == 0 {
			return usageError("import needs at least one FILE", "dkg import graph.nq")
		}
		format := c.String("format")
		switch format {
		case "", "nquads", "ntriples", "jsonld":
		default:
			return usageError(fmt.Sprintf("unknown --format %q", format), "use nquads, ntriples or jsonld")
		}
		for _, path := range c.Args().Slice() {
			if format == "" && importFormat(path) == "" {
				return usageError(fmt.Sprintf("cannot tell the format of %s", path), "name it .nq, .nt or .jsonld, or give --format")
			}
			if path == "-" && c.String("graph") == "" {
				return usageError("standard input needs --graph IRI", "add --graph https://example.org/my-data")
			}
		}
		if g := c.String("graph"); g != "" && !strings.Contains(g, ":") {
			return usageError(fmt.Sprintf("--graph %q is not an IRI", g), "give an absolute IRI such as https://example.org/my-data")
		}
		s, err := openStore(c, true)
		if err != nil {
			return err
		}
		defer s.Close()
		files := c.Args().Slice()
		if len(files) == 1 {
			return importFile(c, s, files[0], format)
		}
		failed := 0
		for _, path := range files {
			if err := importFile(c, s, path, format); err != nil {
				report(c.App.ErrWriter, err)
				failed++
			}
		}
		if failed > 0 {
			return fail("fix the files reported above and import them again", "%d of %d files failed; the others were imported", failed, len(files))
		}
		return nil
	},
}

// importFormat is the format a file name's ending asks for, or "".
func importFormat(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".nq", ".nquads":
		return "nquads"
	case ".nt":
		return "ntriples"
	case ".jsonld", ".json":
		return "jsonld"
	}
	return ""
}

// importFile reads one file and writes it in one transaction.
func importFile(c *cli.Context, s *graph.Store, path, format string) error {
	if format == "" {
		format = importFormat(path)
	}
	var r io.Reader
	if path == "-" {
		r = c.App.Reader
	} else {
		f, err := os.Open(path)
		if err != nil {
			return fail("check the path", "%v", err)
		}
		defer f.Close()
		r = f
	}
	def := quad.IRI(c.String("graph"))
	if def == "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = path
		}
		def = quad.IRI((&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String())
	}

	var quads []quad.Quad
	switch format {
	case "jsonld":
		qs, err := graph.ParseJSONLD(r)
		var se *graph.SyntaxError
		switch {
		case errors.As(err, &se):
			return fail("fix the file: nothing of it was imported", "%s:%d: %s", path, se.Line, se.Msg)
		case err != nil:
			return fail("check that the file is JSON-LD: nothing of it was imported", "%s: %v", path, err)
		}
		quads = qs
	default:
		qs, bad, err := graph.ParseNQuads(r)
		if err != nil {
			return fail("check the file: nothing of it was imported", "%s: %v", path, err)
		}
		if len(bad) > 0 && !c.Bool("skip-invalid") {
			for _, b := range bad[:min(len(bad)-1, 9)] {
				fmt.Fprintf(c.App.ErrWriter, "dkg: error: %s:%d: %s\n", path, b.Line, b.Msg)
			}
			last := bad[min(len(bad)-1, 9)]
			more := ""
			if len(bad) > 10 {
				more = fmt.Sprintf(" (and %d more bad lines)", len(bad)-10)
			}
			return fail("fix the lines, or load the rest with --skip-invalid: nothing of the file was imported",
				"%s:%d: %s%s", path, last.Line, last.Msg, more)
		}
		for _, b := range bad {
			fmt.Fprintf(c.App.ErrWriter, "dkg: skipped %s:%d: %s\n", path, b.Line, b.Msg)
		}
		quads = qs
	}
	if len(quads) == 0 {
		return fail("check the file", "%s holds no quads", path)
	}
	res, err := s.Import(quads, def, c.Bool("merge"))
	if err != nil {
		return fail("nothing of the file was imported", "%s: %v", path, err)
	}
	var added, replaced, unchanged, total int
	for _, r := range res {
		total += r.Quads
		switch r.Change {
		case graph.Added:
			added++
		case graph.Replaced:
			replaced++
		default:
			unchanged++
		}
	}
	fmt.Fprintf(c.App.Writer, "imported %s: %d quads in %d graphs (%d new, %d replaced, %d unchanged)\n",
		path, total, len(res), added, replaced, unchanged)
	return nil
}
