package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
)

var pathCommand = &cli.Command{
	Name:      "path",
	Usage:     "show the shortest chains of facts that connect two entities",
	ArgsUsage: "A B",
	Description: `path finds the shortest chains of facts between two entities (people,
countries, organisations, places, issues): who met whom, who took part in
which event, what it was about, whom someone represents or works for. It
searches breadth-first from both ends, following each fact either way, up to
--max-hops facts, and prints each chain one fact a line with the articles that
state it. Two people who met are one fact apart. A and B are names or aliases
(case and accents do not matter) or IRIs in angle brackets.

The output is a table on a terminal and JSON otherwise; --format
table|json|csv|tsv chooses.

Examples:
   dkg path "Narendra Modi" "Xi Jinping"
   dkg path "Antony Blinken" India --max-hops 5`,
	Flags: []cli.Flag{
		&cli.IntFlag{Name: "max-hops", Usage: "look for chains of at most `N` facts", Value: 4},
		outFormatFlag,
		&cli.IntFlag{Name: "limit", Usage: "at most `N` chains", Value: 10},
		timeoutFlag,
	},
	Action: func(c *cli.Context) error {
		args := c.Args().Slice()
		if len(args) != 2 {
			return usageError(fmt.Sprintf("path needs two names, got %d", len(args)), `dkg path "Narendra Modi" "Xi Jinping" (quote a name with spaces)`)
		}
		if n := c.Int("max-hops"); n < 1 || n > 8 {
			return usageError(fmt.Sprintf("--max-hops %d is out of range", n), "use 1 to 8")
		}
		format, err := outputFormat(c)
		if err != nil {
			return err
		}
		s, err := openReader(c)
		if err != nil {
			return err
		}
		defer s.Close()
		ctx, cancel := context.WithTimeout(c.Context, c.Duration("timeout"))
		defer cancel()
		a, err := resolveName(ctx, s, nameArg{name: args[0]})
		if err != nil {
			return err
		}
		b, err := resolveName(ctx, s, nameArg{name: args[1]})
		if err != nil {
			return err
		}
		if a.IRI == b.IRI {
			return usageError(fmt.Sprintf("%q and %q are the same %s", args[0], args[1], a.Type()), "name two different entities")
		}
		chains, err := s.Paths(ctx, a.IRI, b.IRI, graph.PathOptions{MaxHops: c.Int("max-hops"), Limit: c.Int("limit")})
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			return fail("lower --max-hops or raise --timeout", "the search ran longer than %s and was stopped", c.Duration("timeout"))
		case errors.Is(err, graph.ErrSearchTooLarge):
			return fail("lower --max-hops", "%v", err)
		case err != nil:
			return fail("report this as a bug", "path: %v", err)
		}
		if len(chains) == 0 && format == "table" {
			fmt.Fprintf(c.App.Writer, "no chain of at most %d facts connects %s and %s\n", c.Int("max-hops"), a.Name, b.Name)
			return nil
		}
		var rows []map[string]any
		for i, ch := range chains {
			for j, h := range ch {
				sources := make([]any, len(h.Sources))
				for k, s := range h.Sources {
					sources[k] = s
				}
				rows = append(rows, map[string]any{
					"path": i + 1, "hop": j + 1, "hops": len(ch),
					"from": h.FromName, "fact": h.Fact(), "to": h.ToName,
					"from_id": "<" + string(h.From) + ">", "to_id": "<" + string(h.To) + ">",
					"sources": sources, "articles": h.Articles,
				})
			}
		}
		return printRowsCols(c.App.Writer, rows, format, []string{"path", "hop", "from", "fact", "to", "sources"})
	},
}
