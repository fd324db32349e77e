package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
)

var queryCommand = &cli.Command{
	Name:      "query",
	Usage:     "run a Gizmo query on the graph",
	ArgsUsage: "['GIZMO' | -f FILE | -]",
	Description: `query runs a Gizmo (JavaScript) traversal over the graph and prints what it
emits. IRIs are written in angle brackets. The vocabulary is listed in
schema/VOCABULARY.md.

Examples:
   dkg query 'g.V("<https://w3id.org/dkg/id/person/antony-blinken>").Out("<https://w3id.org/dkg/ns#met>").Out("<https://schema.org/name>").All()'
   dkg query -f meetings.js --format json`,
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "read the query from `FILE` (- for standard input)"},
		&cli.StringFlag{Name: "format", Usage: "output `FORMAT`: table or json", Value: "table"},
		&cli.IntFlag{Name: "limit", Usage: "at most `N` results (0: no limit)", Value: 100},
		&cli.DurationFlag{Name: "timeout", Usage: "stop a query that runs longer than `DURATION`", Value: 30 * time.Second},
	},
	Action: func(c *cli.Context) error {
		script, err := queryScript(c)
		if err != nil {
			return err
		}
		format := c.String("format")
		if format != "table" && format != "json" {
			return usageError(fmt.Sprintf("unknown --format %q", format), "use --format table or --format json")
		}
		s, err := openReader(c)
		if err != nil {
			return err
		}
		defer s.Close()
		ctx, cancel := context.WithTimeout(c.Context, c.Duration("timeout"))
		defer cancel()
		rows, err := s.Query(ctx, script, c.Int("limit"))
		if err != nil {
			var qe *graph.QueryError
			switch {
			case errors.As(err, &qe):
				return fail("check the query near that place; Gizmo is JavaScript: g.V(...).Out(...).All()", "query error at line %d, column %d: %s", qe.Line, qe.Column, qe.Msg)
			case errors.Is(err, context.DeadlineExceeded):
				return fail("start from fewer nodes (g.V(\"<iri>\")), add .Limit(n), or raise --timeout", "the query ran longer than %s and was stopped", c.Duration("timeout"))
			default:
				return fail("check the query", "query: %v", err)
			}
		}
		return printRows(c.App.Writer, rows, format)
	},
}

// queryScript reads the query from the argument, -f FILE, or stdin.
func queryScript(c *cli.Context) (string, error) {
	f := c.String("file")
	switch {
	case f != "" && c.NArg() > 0:
		return "", usageError("give the query either as an argument or with -f, not both", "dkg query -f FILE, or dkg query 'GIZMO'")
	case f == "-" || (f == "" && c.Args().First() == "-"):
		b, err := io.ReadAll(io.LimitReader(c.App.Reader, 1<<20))
		return string(b), err
	case f != "":
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fail("check the path of the query file", "read query: %v", err)
		}
		return string(b), nil
	case c.NArg() == 0:
		return "", usageError("query needs a Gizmo query", "dkg query 'g.V().Limit(5).All()'")
	}
	return strings.Join(c.Args().Slice(), " "), nil
}

// printRows prints query results as a table or as a JSON array.
func printRows(w io.Writer, rows []map[string]any, format string) error {
	return printRowsCols(w, rows, format, nil)
}

// printRowsCols prints rows with the given columns first (nil: "id", then
// the rest sorted).
func printRowsCols(w io.Writer, rows []map[string]any, format string, order []string) error {
	if format == "json" {
		if rows == nil {
			rows = []map[string]any{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(w, "no results")
		return nil
	}
	cols := order
	if cols == nil {
		cols = columns(rows)
	}
	t := table.NewWriter()
	hdr := table.Row{}
	for _, c := range cols {
		hdr = append(hdr, c)
	}
	t.AppendHeader(hdr)
	for _, r := range rows {
		row := table.Row{}
		for _, c := range cols {
			row = append(row, cell(r[c]))
		}
		t.AppendRow(row)
	}
	t.SetStyle(table.StyleLight)
	fmt.Fprintln(w, t.Render())
	return nil
}

// columns are the keys of the rows, "id" first, the rest sorted.
func columns(rows []map[string]any) []string {
	seen := map[string]bool{}
	var cols []string
	for _, r := range rows {
		for k := range r {
			if !seen[k] {
				seen[k] = true
				if k != "id" {
					cols = append(cols, k)
				}
			}
		}
	}
	sort.Strings(cols)
	if seen["id"] {
		cols = append([]string{"id"}, cols...)
	}
	return cols
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}
