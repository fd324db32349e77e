package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph/export"
)

var vizCommand = &cli.Command{
	Name:      "viz",
	Usage:     "draw the network around an entity (SVG, PNG or DOT)",
	ArgsUsage: "NAME",
	Description: `viz draws the people, countries, organisations, groups and places within
--hops relations of an entity: who met, visited, sanctioned, urged or accused
whom (edges coloured by kind, labelled with the dates of the events behind
them), and who works for or represents whom (dotted). Shapes tell the class
(person ellipse, country box, organisation hexagon, group octagon, place
house), fill colours the country, with a legend. Graphviz lays it out (neato,
with overlap removal, so no label sits on another).

The file name's ending chooses the output: .svg, .png (both need Graphviz's
dot program), or .dot to lay it out yourself. Without Graphviz, viz writes the
.dot file beside the one asked for and says how to install Graphviz.

NAME is resolved as every dkg command does (case and accents do not matter);
an ambiguous name lists its candidates, and an IRI in <> names one exactly.
--since and --until keep the events of a period, as dkg export does.

Examples:
   dkg viz "Narendra Modi" -o modi.svg
   dkg viz "Xi Jinping" --hops 2 --since 2023 -o xi.png
   dkg viz '<https://w3id.org/dkg/id/country/CHN>' -o china.dot`,
	Flags: append([]cli.Flag{
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the picture to `FILE` (.svg, .png or .dot)"},
	}, selectionFlags(false)...),
	Action: func(c *cli.Context) error {
		name, err := oneName(c, `dkg viz "Xi Jinping" -o xi.svg`)
		if err != nil {
			return err
		}
		out := c.String("output")
		ext := strings.ToLower(filepath.Ext(out))
		if out == "" || (ext != ".svg" && ext != ".png" && ext != ".dot") {
			return usageError("viz needs -o FILE.svg, FILE.png or FILE.dot", "add -o "+vizFileName(name)+".svg")
		}
		sel, err := selectionFromFlags(c)
		if err != nil {
			return err
		}
		if sel.Hops < 1 {
			return usageError(fmt.Sprintf("--hops %d draws nothing around %s", sel.Hops, name), "give --hops 1 or more")
		}
		s, err := openReader(c)
		if err != nil {
			return err
		}
		defer s.Close()
		if err := resolveSelection(c.Context, c, s, &sel, name); err != nil {
			return err
		}
		centre := sel.Entity
		var quads []quad.Quad
		if _, err := s.Select(c.Context, sel, func(q quad.Quad) error { quads = append(quads, q); return nil }); err != nil {
			return fail("check the store", "viz: %v", err)
		}
		m := export.NewModel(quads)
		var dot bytes.Buffer
		nodes, err := export.WriteDOT(&dot, m, export.DOTOptions{Centre: centre, Hops: sel.Hops})
		if err != nil {
			return fail("", "viz: %v", err)
		}
		if m.Entities[centre] == nil {
			return fail("try without --since/--until, or another name", "%s has no relations to draw in the selection", name)
		}
		label := m.Name(centre)
		if nodes == 1 {
			fmt.Fprintf(c.App.ErrWriter, "dkg: warning: %s has no relations to draw; the picture holds it alone\n", label)
		}
		if ext == ".dot" {
			if err := writeFile(out, dot.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "dkg: wrote %d nodes around %s to %s\n", nodes, label, out)
			return nil
		}
		prog, err := lookPath("dot")
		if err != nil {
			dotFile := strings.TrimSuffix(out, filepath.Ext(out)) + ".dot"
			if err := writeFile(dotFile, dot.Bytes()); err != nil {
				return err
			}
			return fail(fmt.Sprintf("install Graphviz (apt-get install graphviz, brew install graphviz, or https://graphviz.org/download/), then run: dot -T%s %s -o %s", ext[1:], dotFile, out),
				"graphviz is not installed: wrote %s instead of %s", dotFile, out)
		}
		img, err := render(c.Context, prog, ext[1:], dot.Bytes())
		if err != nil {
			return fail("check the Graphviz installation (dot -V)", "graphviz: %v", err)
		}
		if err := writeFile(out, img); err != nil {
			return err
		}
		fmt.Fprintf(c.App.ErrWriter, "dkg: drew %d nodes around %s to %s\n", nodes, label, out)
		return nil
	},
}

// lookPath finds Graphviz; tests replace it.
var lookPath = exec.LookPath

// render runs Graphviz's dot on a DOT file; the layout engine is the one
// the file names.
func render(ctx context.Context, prog, format string, dot []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, "-T"+format)
	cmd.Stdin = bytes.NewReader(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%s", strings.ReplaceAll(msg, "\n", "; "))
	}
	return stdout.Bytes(), nil
}

// writeFile writes data beside path and renames it into place.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dkg-viz-*")
	if err != nil {
		return fail("check that the directory exists and is writable", "create %s: %v", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fail("check free disk space and that the path is writable", "write %s: %v", path, err)
	}
	return nil
}

// vizFileName is a file name for a picture of name.
func vizFileName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	if s := strings.Trim(b.String(), "-"); s != "" {
		return s
	}
	return "network"
}
