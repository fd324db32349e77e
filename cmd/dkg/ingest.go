package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/extract"
	"github.com/dkg/dkg/extract/read"
	"github.com/dkg/dkg/graph"
)

// Flags shared by ingest, extract and eval: what an input does not say
// about itself.
var (
	publishedFlag = &cli.StringFlag{Name: "published", Usage: "publication `DATE` (YYYY-MM-DD); relative dates (\"last month\") resolve against it"}
	urlFlag       = &cli.StringFlag{Name: "url", Usage: "the article's own `URL` (its identity in the graph)"}
	titleFlag     = &cli.StringFlag{Name: "title", Usage: "the article's headline"}
	sourceFlag    = &cli.StringFlag{Name: "source", Usage: "the outlet that published it"}
	formatFlag    = &cli.StringFlag{Name: "format", Usage: "input `FORMAT`: text, html, jsonl or feed (default: by extension or content)"}
	maxSizeFlag   = &cli.Int64Flag{Name: "max-size", Usage: "refuse inputs larger than `BYTES`", Value: 32 << 20}
)

func inputFlags() []cli.Flag {
	return []cli.Flag{publishedFlag, urlFlag, titleFlag, sourceFlag, formatFlag, maxSizeFlag}
}

// readOptions turns the flags into reader options.
func readOptions(c *cli.Context) (read.Options, error) {
	opt := read.Options{
		URL:     c.String("url"),
		Title:   c.String("title"),
		Source:  c.String("source"),
		Format:  c.String("format"),
		MaxSize: c.Int64("max-size"),
		Stdin:   c.App.Reader,
	}
	if p := c.String("published"); p != "" {
		t, err := time.Parse("2006-01-02", p)
		if err != nil {
			return opt, usageError(fmt.Sprintf("--published %q is not a date", p), "write the date as YYYY-MM-DD, e.g. --published 2023-06-20")
		}
		opt.Published = t
	}
	switch opt.Format {
	case "", "text", "html", "jsonl", "feed":
	default:
		return opt, usageError(fmt.Sprintf("unknown --format %q", opt.Format), "use one of text, html, jsonl, feed")
	}
	return opt, nil
}

var ingestCommand = &cli.Command{
	Name:      "ingest",
	Usage:     "extract facts from articles and load them into the store",
	ArgsUsage: "PATH...",
	Description: `PATH is a file (.txt, .html, .jsonl, .xml/.rss/.atom), a directory (read
recursively), a glob, an http(s) URL, or - for standard input. A text file may
start with a front-matter block:

   ---
   title: Blinken meets Xi in Beijing
   published: 2023-06-19
   url: https://example.org/blinken-xi
   source: Example Wire
   ---

For a single article the flags override what the file says; for JSON Lines and
feeds they are defaults for items that lack the field.

Each article becomes one named graph. Loading the same article again changes
nothing; a changed article replaces its old facts. An input that fails is
reported and skipped, and nothing of it is written.

Example:
   dkg ingest --published 2023-06-20 article.txt
   dkg ingest examples/`,
	Flags: inputFlags(),
	Action: func(c *cli.Context) error {
		if c.NArg() == 0 {
			return usageError("ingest needs at least one PATH", "dkg ingest FILE... (or - for standard input)")
		}
		opt, err := readOptions(c)
		if err != nil {
			return err
		}
		s, err := openStore(c, true)
		if err != nil {
			return err
		}
		defer s.Close()
		sum, err := ingest(c.Context, s, c.Args().Slice(), opt, c.App.Writer, c.App.ErrWriter)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.App.Writer, "total: %d articles read, %d new, %d replaced, %d unchanged, %d failed; %d facts written\n",
			sum.read, sum.added, sum.replaced, sum.unchanged, sum.failed, sum.facts)
		if sum.failed > 0 {
			return &userError{msg: fmt.Sprintf("%d of %d inputs failed (reported above); the others were loaded", sum.failed, sum.read+sum.failed), hint: "fix or remove the failed inputs and run ingest again: loaded articles are not loaded twice", code: 1}
		}
		return nil
	},
}

type summary struct {
	read, added, replaced, unchanged, failed, facts int
}

// extracted is one article after extraction, or its failure.
type extracted struct {
	seq  int
	art  extract.Article
	res  *extract.Result
	err  error
	hint string
}

// ingest reads, extracts on every core and writes through one writer in
// batches. Output lines keep the input order.
func ingest(ctx context.Context, s *graph.Store, paths []string, opt read.Options, out, errw io.Writer) (summary, error) {
	var sum summary
	if ctx == nil {
		ctx = context.Background()
	}
	items := make(chan extracted)
	results := make(chan extracted)
	go func() {
		defer close(items)
		seq := 0
		for it := range read.All(ctx, paths, opt) {
			if it.Err != nil {
				items <- extracted{seq: seq, err: it.Err, hint: it.Err.Hint}
			} else {
				items <- extracted{seq: seq, art: it.Article}
			}
			seq++
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				if it.err == nil {
					var err error
					it.res, err = extract.Extract(it.art)
					if err != nil {
						it.err = fmt.Errorf("%s: %v", it.art.Location, err)
					}
				}
				results <- it
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	const batchSize = 64
	pending := map[int]extracted{}
	next := 0
	var batch []extracted
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		arts := make([]graph.Article, len(batch))
		for i, b := range batch {
			arts[i] = graph.Article{IRI: b.res.Article, Quads: b.res.Quads}
		}
		changes, err := s.PutBatch(arts)
		if err != nil {
			return fail("the store was left as it was before this batch; try again", "write to the store: %v", err)
		}
		for i, b := range batch {
			sum.read++
			verb := "unchanged"
			switch changes[i] {
			case graph.Added:
				verb = "added"
				sum.added++
				sum.facts += len(b.res.Quads)
			case graph.Replaced:
				verb = "replaced"
				sum.replaced++
				sum.facts += len(b.res.Quads)
			default:
				sum.unchanged++
			}
			fmt.Fprintf(out, "%-9s %s: %d facts, %d entities, %d events, %d statements\n",
				verb, describe(b.art), len(b.res.Quads), b.res.Entities, b.res.Events, b.res.Statements)
		}
		batch = batch[:0]
		return nil
	}
	var werr error
	for r := range results {
		pending[r.seq] = r
		for {
			it, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if werr != nil {
				continue
			}
			if it.err != nil {
				sum.failed++
				fmt.Fprintf(errw, "dkg: error: %s\n", it.err)
				if it.hint != "" {
					fmt.Fprintf(errw, "dkg: hint: %s\n", it.hint)
				}
				continue
			}
			batch = append(batch, it)
			if len(batch) >= batchSize {
				werr = flush()
			}
		}
	}
	if werr != nil {
		return sum, werr
	}
	return sum, flush()
}

// describe names an article in output: its title, else where it came from.
func describe(a extract.Article) string {
	switch {
	case a.Title != "":
		return fmt.Sprintf("%q", a.Title)
	case a.URL != "":
		return a.URL
	default:
		return a.Location
	}
}
