package main

import (
	"context"
	"fmt"
	"iter"

	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/schema"
)

var reindexCommand = &cli.Command{
	Name:      "reindex",
	Usage:     "extract every stored article again (after a dictionary or rule change)",
	ArgsUsage: " ",
	Description: `reindex reads the text of every article in the store (kept beside it when
the article was loaded), extracts it again with the current dictionaries and
rules, and replaces each article's named graph where it changed, one batch of
articles per transaction. The graph ends up exactly as a fresh ingest of the
same articles, in the order they were first loaded, would leave it, with the
corrections (dkg merge, dkg alias) applied. Articles taken out with dkg remove
stay out.

Example:
   dkg reindex`,
	Action: func(c *cli.Context) error {
		if c.NArg() > 0 {
			return usageError("reindex takes no arguments", "dkg reindex")
		}
		l, err := openLoader(c)
		if err != nil {
			return err
		}
		defer l.close()
		l.fresh = true
		ctx := c.Context
		if ctx == nil {
			ctx = context.Background()
		}
		jobs, err := l.storedJobs(ctx)
		if err != nil {
			return err
		}
		if err := l.load(ctx, jobs); err != nil {
			return err
		}
		l.printTotal()
		return l.failure()
	},
}

// storedJobs yields the jobs of a reindex: every article of the text index
// that was not removed, in the order first loaded, its text read as it is
// yielded. An article taken out of the index but still in the graph (a
// remove cut short) is taken out of the graph; articles in the graph
// without a stored text are reported and left as they are.
func (l *loader) storedJobs(ctx context.Context) (iter.Seq[*loadJob], error) {
	entries, err := l.texts.Entries()
	if err != nil {
		return nil, fail("check the store", "%v", err)
	}
	var live []*graph.TextEntry
	indexed := map[string]bool{}
	for i := range entries {
		e := &entries[i]
		indexed[string(e.IRI)] = true
		if !e.Removed {
			live = append(live, e)
			continue
		}
		if ok, err := l.store.Remove(e.IRI); err != nil {
			return nil, fail("check the store", "%v", err)
		} else if ok {
			fmt.Fprintf(l.out, "%-9s %s: it was removed\n", "removed", e.IRI)
		}
	}
	arts, err := l.store.Typed(ctx, schema.NewsArticle)
	if err != nil {
		return nil, fail("check the store", "%v", err)
	}
	n := 0
	for _, a := range arts {
		if !indexed[string(a)] {
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(l.errw, "dkg: warning: %d articles in the store have no stored text (loaded by an older dkg) and were left as they are\n", n)
		fmt.Fprintf(l.errw, "dkg: hint: ingest them again to keep their text\n")
	}
	return func(yield func(*loadJob) bool) {
		for _, e := range live {
			var j *loadJob
			if text, err := l.texts.ReadText(e.Hash); err != nil {
				j = &loadJob{err: fmt.Errorf("%s (%s): %v", e.IRI, e.Location, err),
					hint: "the stored text is missing or damaged: ingest the article again"}
			} else {
				a := entryArticle(e, text)
				j = &loadJob{art: a, iri: e.IRI, hash: e.Hash}
				if a.IRI() != e.IRI {
					j.err = fmt.Errorf("%s: the stored text and metadata make %s", e.IRI, a.IRI())
					j.hint = "ingest the article again"
				}
			}
			if !yield(j) {
				return
			}
		}
	}, nil
}
