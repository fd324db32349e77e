package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/extract/read"
	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/schema"
)

var removeCommand = &cli.Command{
	Name:      "remove",
	Usage:     "take articles out of the graph",
	ArgsUsage: "ARTICLE...",
	Description: `ARTICLE is an article's URL, its IRI, the hex id at the end of its IRI, or
the file it was loaded from. Its named graph is taken out in one transaction:
facts that other articles also state stay, since they carry those articles'
labels. Its text is kept beside the store, marked as removed, so that
dkg reindex leaves it out; ingesting it again brings it back.

Example:
   dkg remove https://example.org/blinken-xi
   dkg remove 0e3c63f7b38434e7`,
	Action: func(c *cli.Context) error {
		if c.NArg() == 0 {
			return usageError("remove needs an ARTICLE", "dkg remove URL|IRI|ID|FILE")
		}
		s, err := openStore(c, false)
		if err != nil {
			return err
		}
		defer s.Close()
		texts, err := graph.OpenTexts(s.Dir())
		if err != nil {
			return fail("check that the store directory is writable", "%v", err)
		}
		defer texts.Close()
		ctx := c.Context
		if ctx == nil {
			ctx = context.Background()
		}
		missing := 0
		for _, arg := range c.Args().Slice() {
			iris, err := findArticles(ctx, s, texts, arg)
			if err != nil {
				return err
			}
			if len(iris) == 0 {
				missing++
				fmt.Fprintf(c.App.ErrWriter, "dkg: error: no article %s in the store\n", arg)
				continue
			}
			for _, iri := range iris {
				if err := removeArticle(c, s, texts, iri); err != nil {
					return err
				}
			}
		}
		if missing > 0 {
			return fail("give the article's URL, its IRI, the hex id at the end of its IRI, or its file", "%d of %d articles not found", missing, c.NArg())
		}
		return nil
	},
}

func removeArticle(c *cli.Context, s *graph.Store, texts *graph.Texts, iri quad.IRI) error {
	e, err := texts.Entry(iri)
	if err != nil {
		return fail("check the store", "%v", err)
	}
	// The index first: a remove cut short leaves an article marked
	// removed, which reindex takes out of the graph, and never a removed
	// article that reindex would bring back.
	if _, err := texts.MarkRemoved(iri); err != nil {
		return fail("check that the store directory is writable", "%v", err)
	}
	ok, err := s.Remove(iri)
	if err != nil {
		return fail("the article was left in the graph; try again", "%v", err)
	}
	name := string(iri)
	if e != nil && e.Title != "" {
		name = fmt.Sprintf("%s %q", iri, e.Title)
	}
	if !ok {
		fmt.Fprintf(c.App.Writer, "removed   %s (its graph was already gone)\n", name)
	} else {
		fmt.Fprintf(c.App.Writer, "removed   %s\n", name)
	}
	entries, err := texts.Entries()
	if err != nil {
		return fail("check the store", "%v", err)
	}
	copies := 0
	for _, o := range entries {
		if !o.Removed && o.DuplicateOf == iri {
			copies++
		}
	}
	if copies > 0 {
		fmt.Fprintf(c.App.ErrWriter, "dkg: hint: %d copies of it stay recorded as duplicates without facts; run dkg reindex to load one of them in its place\n", copies)
	}
	return nil
}

var hexID = regexp.MustCompile(`^[0-9a-fA-F]{16}$`)

// findArticles returns the articles arg names: an IRI (with or without
// <>), the hex id of one, a URL, or a file to read and identify. Articles
// the text index knows are found too when their graph is gone.
func findArticles(ctx context.Context, s *graph.Store, texts *graph.Texts, arg string) ([]quad.IRI, error) {
	known := func(iri quad.IRI) (bool, error) {
		if q, err := s.ArticleQuads(iri); err != nil || len(q) > 0 {
			return err == nil, err
		}
		e, err := texts.Entry(iri)
		return e != nil && !e.Removed, err
	}
	ref := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(arg), "<"), ">")
	var cands []quad.IRI
	switch {
	case hexID.MatchString(ref):
		cands = append(cands, quad.IRI(schema.ID+"article/"+strings.ToLower(ref)))
	case strings.HasPrefix(ref, schema.ID+"article/"):
		cands = append(cands, quad.IRI(ref))
	case strings.Contains(ref, "://"):
		cands = append(cands, schema.ArticleIRI(ref))
		if iri, err := s.FindArticle(ctx, ref); err == nil {
			cands = append(cands, iri)
		} else if !errors.Is(err, graph.ErrNoArticle) {
			return nil, fail("check the store", "%v", err)
		}
	default:
		if _, err := os.Stat(ref); err != nil {
			return nil, nil
		}
		for it := range read.File(ctx, ref, read.Options{}) {
			if it.Err != nil {
				return nil, &userError{msg: it.Err.Error(), hint: it.Err.Hint, code: 1}
			}
			cands = append(cands, it.Article.IRI())
		}
	}
	var out []quad.IRI
	for _, iri := range cands {
		ok, err := known(iri)
		if err != nil {
			return nil, fail("check the store", "%v", err)
		}
		if ok && !slices.Contains(out, iri) {
			out = append(out, iri)
		}
	}
	return out, nil
}
