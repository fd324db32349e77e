package main

import (
	"bufio"
	"context"
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
	"github.com/dkg/dkg/graph/export"
)

var exportCommand = &cli.Command{
	Name:      "export",
	Usage:     "write the graph, or part of it, as N-Quads, N-Triples, JSON-LD, GraphML, DOT or CSV",
	ArgsUsage: " ",
	Description: `export writes the store's quads in a format other tools read. Without -o it
writes to standard output; with -o the format follows the file name's ending
(.nq .nt .jsonld .graphml .dot .csv) unless --format says otherwise.

Formats:
   nquads      every quad with its graph label, the IRI of the article it came
               from (one named graph per article); valid for strict parsers
               (rapper -i nquads) and for dkg import
   ntriples    the triples without labels, each written once
   jsonld      JSON-LD with an @context of short terms for dkg's vocabulary
               (Person, met, startDate...), one named graph per article
   graphml     for Gephi and networkx: people, organisations, countries,
               groups and places as nodes (attributes label, type, country,
               title); met, visited, sanctioned, urged, accused, affiliation,
               represents and memberOf as typed edges (attributes type, label,
               date, source: the article's URL or headline, article); one edge
               per relation and article that tells it
   dot         the same network for Graphviz, styled (see dkg viz)
   csv-events  one row per event and article that tells it, so that each row
               has one article_url and that article's evidence (an event told
               by two articles is two rows with the same date, parties and
               class). Columns: date, actor, actor_country, recipient,
               recipient_country, class, cameo_code, plover_type, status,
               place, issues, article_url, evidence; several values in a cell
               are joined with ';'; countries are ISO 3166 alpha-3 codes (a
               person's represents, a group's memberOf). Statements (who said
               what) are not events and have no rows.

Filters (every format; they narrow in this order):
   --article A       only the named graphs of these articles (repeat the flag
                     for several): A is the URL (schema:url; a file:// URL or
                     the path for a file), the article's IRI, or the 16-hex id
                     that ends it
   --since D, --until D
                     the events and statements dated in the range (D is YYYY,
                     YYYY-MM or YYYY-MM-DD; both ends included), the entities
                     they touch and the articles that tell them. An event's
                     date is its startDate, else the datePublished of the
                     article telling it; a date of month or year precision is
                     in the range when any day of it is (--since 2023-06-15
                     keeps an event of 2023-06). Undated events are left out.
   --entity NAME --hops N
                     the neighbourhood of an entity (a name, resolved as every
                     dkg command does, or an IRI in <>): the entities within N
                     hops (default 1), where a hop is taking part in the same
                     event or statement, a direct edge, or an affiliation,
                     represents or memberOf link; the events and statements
                     all of whose parties are among them; and the articles that
                     tell those. An ambiguous name lists its candidates.
   With --since/--until or --entity, an article keeps only what it says about
   the kept events, statements, entities and issues (names, titles, classes,
   each kept entity's affiliation, represents and memberOf); a direct edge
   (met, visited, sanctioned, urged, accused) stays only when a kept event of
   the same article has both ends among its parties.

Examples:
   dkg export -o graph.nq
   dkg export --format ntriples | rapper -i ntriples -c - urn:dkg
   dkg export -o events.csv --since 2023-01 --until 2023-12
   dkg export -o modi.graphml --entity "Narendra Modi" --hops 2
   dkg export --format jsonld --article https://example.org/blinken-xi`,
	Flags: append([]cli.Flag{
		&cli.StringFlag{Name: "format", Usage: "output `FORMAT`: " + strings.Join(export.Names(), ", ") + " (default: from -o's ending, else nquads)"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
	}, selectionFlags(true)...),
	Action: func(c *cli.Context) error {
		if c.Args().Len() > 0 {
			return usageError(fmt.Sprintf("export takes no arguments, got %q", c.Args().First()), "filter with --article, --since, --until or --entity")
		}
		out := c.String("output")
		format, err := exportFormat(c.String("format"), out)
		if err != nil {
			return err
		}
		if c.IsSet("hops") && c.String("entity") == "" {
			return usageError("--hops needs --entity", "add --entity NAME")
		}
		sel, err := selectionFromFlags(c)
		if err != nil {
			return err
		}
		s, err := openReader(c)
		if err != nil {
			return err
		}
		defer s.Close()
		if err := resolveSelection(c.Context, c, s, &sel, c.String("entity")); err != nil {
			return err
		}
		write := func(w io.Writer) (int, error) {
			if format.Name == "nquads" && len(sel.Articles) == 0 && !narrows(sel) {
				// The whole store: Export's batched path.
				return s.Export(c.Context, w)
			}
			fw := format.New(w)
			n, err := s.Select(c.Context, sel, fw.WriteQuad)
			if cerr := fw.Close(); err == nil {
				err = cerr
			}
			return n, err
		}
		n, err := writeOutput(c, out, write)
		if err != nil {
			return err
		}
		if n == 0 && (len(sel.Articles) > 0 || narrows(sel)) {
			fmt.Fprintln(c.App.ErrWriter, "dkg: warning: the filters keep no quads")
		}
		if out != "" {
			fmt.Fprintf(c.App.ErrWriter, "dkg: wrote %d quads to %s as %s\n", n, out, format.Name)
		}
		return nil
	},
}

// exportFormat is the format --format names, else the one out's ending
// asks for, else nquads.
func exportFormat(name, out string) (export.Format, error) {
	if name != "" {
		f, err := export.ByName(name)
		if err != nil {
			return f, usageError(fmt.Sprintf("unknown --format %q", name), "use one of "+strings.Join(export.Names(), ", "))
		}
		return f, nil
	}
	if f, ok := export.ByPath(out); ok {
		return f, nil
	}
	return export.ByName("nquads")
}

// selectionFlags are the filters export and viz share; export has
// --article and --until too.
func selectionFlags(all bool) []cli.Flag {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "since", Usage: "keep events dated on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)", Category: "filters"},
		&cli.StringFlag{Name: "until", Usage: "keep events dated on or before `DATE`", Category: "filters"},
		&cli.StringSliceFlag{Name: "article", Usage: "keep the named graph of the article at `URL`, IRI or id (repeatable)", Category: "filters"},
		&cli.IntFlag{Name: "hops", Usage: "with an entity: keep what lies within `N` hops of it", Value: 1, Category: "filters"},
	}
	if all {
		flags = append(flags, &cli.StringFlag{Name: "entity", Usage: "keep the neighbourhood of the entity `NAME` (or IRI)", Category: "filters"})
	}
	return flags
}

// selectionFromFlags checks the filters before any work.
func selectionFromFlags(c *cli.Context) (graph.Selection, error) {
	sel := graph.Selection{Since: c.String("since"), Until: c.String("until"), Hops: c.Int("hops")}
	for _, f := range []string{"since", "until"} {
		if d := c.String(f); d != "" {
			if err := graph.CheckDate(d); err != nil {
				return sel, usageError(fmt.Sprintf("--%s %q is not a date", f, d), "write the date as YYYY, YYYY-MM or YYYY-MM-DD")
			}
		}
	}
	if err := sel.Check(); err != nil {
		return sel, usageError(err.Error(), "check --since, --until and --hops")
	}
	return sel, nil
}

// resolveSelection finds the articles and the entity the flags name.
func resolveSelection(ctx context.Context, c *cli.Context, s *graph.Store, sel *graph.Selection, entity string) error {
	// The flag package splits --article values at commas; a URL may hold
	// one, so the longest run of pieces that names an article wins.
	parts := c.StringSlice("article")
	for i := 0; i < len(parts); {
		j := len(parts)
		for ; j > i; j-- {
			iri, err := findArticle(ctx, s, strings.Join(parts[i:j], ","))
			if err != nil {
				return err
			}
			if iri != "" {
				sel.Articles = append(sel.Articles, iri)
				break
			}
		}
		if j == i {
			return fail("give the article's URL (a file:// URL or path for a file), its IRI or the 16-hex id that ends its IRI", "no article %q in the store", parts[i])
		}
		i = j
	}
	if entity != "" {
		iri, err := resolveEntity(ctx, s, entity)
		if err != nil {
			return err
		}
		sel.Entity = iri
	}
	return nil
}

// findArticle finds an article by URL, IRI, id or file path; "" when the
// store has none.
func findArticle(ctx context.Context, s *graph.Store, a string) (quad.IRI, error) {
	ref := a
	if !strings.Contains(a, "://") && !strings.HasPrefix(a, "<") {
		if _, err := os.Stat(a); err == nil {
			if abs, err := filepath.Abs(a); err == nil {
				ref = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
			}
		}
	}
	iri, err := s.FindArticle(ctx, ref)
	switch {
	case errors.Is(err, graph.ErrNoArticle):
		return "", nil
	case err != nil:
		return "", fail("check the store", "find article %q: %v", a, err)
	}
	return iri, nil
}

// resolveEntity turns a name (or an IRI) into the one entity it names.
func resolveEntity(ctx context.Context, s *graph.Store, name string) (quad.IRI, error) {
	if iri, ok := strings.CutPrefix(name, "<"); ok {
		return quad.IRI(strings.TrimSuffix(iri, ">")), nil
	}
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		return quad.IRI(name), nil
	}
	ids, err := s.Resolve(ctx, name)
	switch {
	case err != nil:
		return "", fail("check the store", "resolve %q: %v", name, err)
	case len(ids) == 0:
		return "", fail("check the spelling (case and accents do not matter), or give the entity's IRI", "no entity named %q", name)
	case len(ids) > 1:
		var b strings.Builder
		fmt.Fprintf(&b, "%q is ambiguous: it names %d entities:", name, len(ids))
		for _, id := range ids {
			fmt.Fprintf(&b, "\n  <%s>", string(id))
		}
		return "", fail(fmt.Sprintf("name one by its IRI, e.g. --entity '<%s>'", string(ids[0])), "%s", b.String())
	}
	return ids[0], nil
}

func narrows(sel graph.Selection) bool {
	return sel.Since != "" || sel.Until != "" || sel.Entity != ""
}

// writeOutput runs write on standard output, or on a file beside out that
// is renamed to out once complete, so that a failed export never leaves
// half a file under the name asked for.
func writeOutput(c *cli.Context, out string, write func(io.Writer) (int, error)) (int, error) {
	if out == "" {
		w := bufio.NewWriterSize(c.App.Writer, 64<<10)
		n, err := write(w)
		if err == nil {
			err = w.Flush()
		}
		if err != nil {
			return n, fail("check the store and the output stream", "export: %v", err)
		}
		return n, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".dkg-export-*")
	if err != nil {
		return 0, fail("check that the directory exists and is writable", "create %s: %v", out, err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 64<<10)
	n, err := write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fail("check free disk space", "export to %s: %v", out, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return n, fail("check that the path is writable", "export to %s: %v", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return n, fail("check that the path is writable", "export to %s: %v", out, err)
	}
	return n, nil
}
