package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/extract"
	"github.com/dkg/dkg/extract/read"
	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/schema/gold"
)

var evalCommand = &cli.Command{
	Name:      "eval",
	Usage:     "score extraction against gold files",
	ArgsUsage: "ARTICLE...",
	Description: `eval ingests each ARTICLE into a scratch store (never yours), exports it,
and scores the N-Quads against the gold file given for it: recall per
predicate, precision of the actor-to-actor edges, the "never" facts that hold,
and events. The n-th --gold goes with the n-th ARTICLE; several pairs give
micro-averaged totals. The gold format is described in docs/gold-format.md.

The publication date comes from --published, else from the gold file's
"# published:" line, else from the article.

Example:
   dkg eval --gold article.gold.tsv article.txt
   dkg eval -v --gold a.gold.tsv --gold b.gold.tsv a.txt b.txt`,
	Flags: []cli.Flag{
		&cli.StringSliceFlag{Name: "gold", Usage: "gold `FILE` for the article in the same position"},
		&cli.StringFlag{Name: "published", Usage: "publication `DATE` (YYYY-MM-DD) for every article"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every missing and unexpected fact"},
	},
	Action: func(c *cli.Context) error {
		golds := c.StringSlice("gold")
		arts := c.Args().Slice()
		if len(golds) == 0 || len(golds) != len(arts) {
			return usageError(fmt.Sprintf("eval needs one --gold per article (got %d gold files, %d articles)", len(golds), len(arts)), "dkg eval --gold A.gold.tsv A.txt")
		}
		var pub time.Time
		if p := c.String("published"); p != "" {
			t, err := time.Parse("2006-01-02", p)
			if err != nil {
				return usageError(fmt.Sprintf("--published %q is not a date", p), "write the date as YYYY-MM-DD")
			}
			pub = t
		}
		total, err := evaluate(c.Context, golds, arts, pub)
		if err != nil {
			return err
		}
		return total.Write(c.App.Writer, c.Bool("verbose"))
	},
}

// evaluate runs the whole path for each gold/article pair: read, extract,
// store, export, then scores the exported quads.
func evaluate(ctx context.Context, golds, arts []string, pub time.Time) (*gold.Report, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	dir, err := os.MkdirTemp("", "dkg-eval-")
	if err != nil {
		return nil, fail("check the temporary directory", "scratch store: %v", err)
	}
	defer os.RemoveAll(dir)
	s, err := graph.Open(dir, true)
	if err != nil {
		return nil, fail("check the temporary directory", "scratch store: %v", err)
	}
	defer s.Close()
	labels := make([]quad.IRI, len(arts))
	files := make([]*gold.File, len(arts))
	for i, path := range arts {
		g, err := gold.ParseFile(golds[i])
		if err != nil {
			return nil, fail("see docs/gold-format.md for the format", "%v", err)
		}
		files[i] = g
		opt := read.Options{Published: pub}
		if opt.Published.IsZero() && g.Published != "" {
			opt.Published, _ = time.Parse("2006-01-02", g.Published)
		}
		n := 0
		for it := range read.File(ctx, path, opt) {
			if it.Err != nil {
				return nil, &userError{msg: it.Err.Error(), hint: it.Err.Hint, code: 1}
			}
			res, err := extract.Extract(it.Article)
			if err != nil {
				return nil, fail("check the article", "%s: %v", path, err)
			}
			if _, err := s.Put(res.Article, res.Quads); err != nil {
				return nil, fail("", "scratch store: %v", err)
			}
			labels[i] = res.Article
			n++
		}
		if n != 1 {
			return nil, fail("give eval one article per gold file", "%s holds %d articles", path, n)
		}
	}
	var buf bytes.Buffer
	if _, err := s.Export(ctx, &buf); err != nil {
		return nil, fail("", "export: %v", err)
	}
	quads, err := quad.ReadAll(nquads.NewReader(&buf, false))
	if err != nil {
		return nil, fail("", "read back the export: %v", err)
	}
	total := &gold.Report{}
	for i := range arts {
		total.Add(gold.ScoreArticle(files[i], quads, labels[i]))
	}
	return total, nil
}
