package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/schema"
)

var queryCommand = &cli.Command{
	Name:      "query",
	Usage:     "run a Gizmo query on the graph",
	ArgsUsage: "['GIZMO' | -f FILE | -]",
	Description: `query runs a Gizmo (JavaScript) traversal over the graph and prints what it
emits. IRIs are written in angle brackets. The vocabulary is listed in
schema/VOCABULARY.md.

A prelude runs before the script: dkg.P holds the predicates (dkg.P.met),
dkg.C the classes (dkg.C.Meeting), dkg.S the statuses, and helpers find
nodes by name without a scan (dkg.person("Wang Yi"), dkg.country("India"),
dkg.issue(...), dkg.named(...)) and read them (dkg.value(id, p),
dkg.values(id, p), dkg.name(id), dkg.event(id), dkg.sources(id)).
--show-prelude prints it. Error positions are those of your script.

The output is a table on a terminal and JSON otherwise (a pipe, a file);
--format table|json|csv|tsv chooses. JSON is an array of the emitted objects,
without the script's return value.

Examples:
   dkg query 'dkg.person("Antony Blinken").Out(dkg.P.met).Out(dkg.P.name).All()'
   dkg query 'g.V("<https://w3id.org/dkg/id/person/wang-yi>").Out("<https://w3id.org/dkg/ns#met>").All()'
   dkg query -f meetings.js --format json
   echo 'dkg.issue("fentanyl").In(dkg.P.about).All()' | dkg query -`,
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "read the query from `FILE` (- for standard input)"},
		outFormatFlag,
		&cli.IntFlag{Name: "limit", Usage: "at most `N` results (0: no limit)", Value: 100},
		timeoutFlag,
		&cli.BoolFlag{Name: "show-prelude", Usage: "print the prelude (the dkg.* helpers) and exit"},
	},
	Action: func(c *cli.Context) error {
		if c.Bool("show-prelude") {
			fmt.Fprint(c.App.Writer, graph.Prelude())
			return nil
		}
		script, err := queryScript(c)
		if err != nil {
			return err
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
		rows, err := s.QueryScript(ctx, script, c.Int("limit"))
		if err != nil {
			return queryFailure(err, c.Duration("timeout"))
		}
		return printRows(c.App.Writer, rows, format)
	},
}

// Flags shared by the query commands.
var (
	outFormatFlag = &cli.StringFlag{
		Name:  "format",
		Usage: "output `FORMAT`: table, json, csv or tsv (default: table on a terminal, json otherwise)",
	}
	timeoutFlag = &cli.DurationFlag{Name: "timeout", Usage: "stop a query that runs longer than `DURATION`", Value: 30 * time.Second}
)

// readyMadeFlags are the flags of every ready-made question.
func readyMadeFlags(flags ...cli.Flag) []cli.Flag {
	return append(flags,
		outFormatFlag,
		&cli.IntFlag{Name: "limit", Usage: "at most `N` rows (0: all)"},
		timeoutFlag,
		&cli.BoolFlag{Name: "show-query", Usage: "print the Gizmo query instead of running it (run it with dkg query -f)"},
	)
}

// queryFailure turns a failed query into a message with a hint.
func queryFailure(err error, timeout time.Duration) error {
	var qe *graph.QueryError
	var me *graph.MemoryError
	switch {
	case errors.As(err, &me):
		return fail("build smaller results: start from the nodes you name, add .Limit(n), emit fewer values", "%s", me.Error())
	case errors.As(err, &qe) && qe.Line > 0:
		return fail("check the query near that place; Gizmo is JavaScript: g.V(...).Out(...).All()", "query error at line %d, column %d: %s", qe.Line, qe.Column, qe.Msg)
	case errors.As(err, &qe):
		return fail("check the query; dkg query --show-prelude shows the dkg.* helpers", "query error: %s", qe.Msg)
	case errors.Is(err, context.DeadlineExceeded):
		return fail("start from fewer nodes (g.V(\"<iri>\"), dkg.person(\"NAME\")), add .Limit(n), or raise --timeout", "the query ran longer than %s and was stopped", timeout)
	default:
		return fail("check the query", "query: %v", err)
	}
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

// outputFormat is --format, else table when stdout is a terminal and JSON
// otherwise.
func outputFormat(c *cli.Context) (string, error) {
	f := c.String("format")
	switch f {
	case "table", "json", "csv", "tsv":
		return f, nil
	case "":
		if isTerminal(c.App.Writer) {
			return "table", nil
		}
		return "json", nil
	}
	return "", usageError(fmt.Sprintf("unknown --format %q", f), "use --format table, json, csv or tsv")
}

// isTerminal says whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// printRows prints query results, their columns "id" first and the rest
// sorted.
func printRows(w io.Writer, rows []map[string]any, format string) error {
	return printRowsCols(w, rows, format, nil)
}

// printRowsCols prints rows in format with the given columns (nil: "id",
// then the rest sorted). JSON and the table's "no results" ignore the
// columns: JSON holds every field.
func printRowsCols(w io.Writer, rows []map[string]any, format string, order []string) error {
	if format == "json" {
		if rows == nil {
			rows = []map[string]any{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rows)
	}
	cols := order
	if cols == nil {
		cols = columns(rows)
	}
	switch format {
	case "csv", "tsv":
		return writeDelimited(w, rows, cols, format == "tsv")
	}
	if len(rows) == 0 {
		fmt.Fprintln(w, "no results")
		return nil
	}
	t := table.NewWriter()
	hdr := table.Row{}
	var configs []table.ColumnConfig
	for _, c := range cols {
		hdr = append(hdr, c)
		configs = append(configs, table.ColumnConfig{Name: c, WidthMax: 60, WidthMaxEnforcer: text.WrapSoft})
	}
	t.AppendHeader(hdr)
	t.SetColumnConfigs(configs)
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

// writeDelimited writes rows as CSV (RFC 4180) or as TSV, a header line
// first. TSV has no quoting: tabs and line breaks in a value become spaces.
func writeDelimited(w io.Writer, rows []map[string]any, cols []string, tsv bool) error {
	if tsv {
		var b bytes.Buffer
		clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
		line := func(cells []string) {
			for i, c := range cells {
				if i > 0 {
					b.WriteByte('\t')
				}
				b.WriteString(clean.Replace(c))
			}
			b.WriteByte('\n')
		}
		line(cols)
		for _, r := range rows {
			cells := make([]string, len(cols))
			for i, c := range cols {
				cells[i] = cell(r[c])
			}
			line(cells)
		}
		_, err := w.Write(b.Bytes())
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return err
	}
	for _, r := range rows {
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = cell(r[c])
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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
	if len(cols) == 0 {
		cols = []string{"id"}
	}
	return cols
}

// cell is the text of a value in a table, CSV or TSV: lists joined by "; ".
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		return strings.Join(parts, "; ")
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprint(x)
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// nameArg is a parameter of a ready-made question given as a name, which
// must stand for one entity of the classes (any class when none).
type nameArg struct {
	param, flag, name string
	classes           []quad.IRI
}

// readyMade answers a ready-made question: it resolves the names (an
// unknown or ambiguous name is an error that lists the candidates), runs
// the query and prints its rows with the columns cols. With --show-query it
// prints the query instead, with the names looked up by the prelude.
func readyMade(c *cli.Context, query string, params map[string]any, names []nameArg, cols []string) error {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	if c.Bool("show-query") {
		for _, n := range names {
			params[n.param] = graph.Expr(fmt.Sprintf("%s(%s).ToValue()", preludeFinder(n.classes), jsString(n.name)))
		}
		if l := c.Int("limit"); l > 0 {
			params["limit"] = l
		}
		src, err := graph.Script(query, params)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.App.Writer, "// %s, as dkg runs it after the prelude (dkg query --show-prelude);\n// dkg resolves names itself and refuses an ambiguous one.\n%s", query, src)
		return nil
	}
	s, err := openReader(c)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(c.Context, c.Duration("timeout"))
	defer cancel()
	for _, n := range names {
		e, err := resolveName(ctx, s, n)
		if err != nil {
			return err
		}
		params[n.param] = "<" + string(e.IRI) + ">"
	}
	rows, err := s.Ask(ctx, query, params, c.Int("limit"))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fail("narrow the question (a name, --since, --limit) or raise --timeout", "%s: the query ran longer than %s and was stopped", c.Command.Name, c.Duration("timeout"))
		}
		return fail("report this as a bug, with the output of --show-query", "%s: %v", c.Command.Name, err)
	}
	return printRowsCols(c.App.Writer, rows, format, cols)
}

// resolveName finds the one entity a name stands for, or says why not.
func resolveName(ctx context.Context, s *graph.Store, n nameArg) (graph.Entity, error) {
	e, err := s.ResolveOne(ctx, n.name, n.classes...)
	var nf *graph.NotFoundError
	var amb *graph.AmbiguousError
	switch {
	case err == nil:
		return e, nil
	case errors.As(err, &nf):
		hint := "check the spelling, or list names with dkg people (case and accents do not matter)"
		if len(nf.Others) > 0 {
			hint = "did you mean " + nf.Others[0].Type() + " " + nf.Others[0].Name + "? try dkg timeline '" + n.name + "'"
		}
		return e, fail(hint, "%s", err)
	case errors.As(err, &amb):
		var b strings.Builder
		fmt.Fprintf(&b, "%q is ambiguous: it names %d entities", n.name, len(amb.Candidates))
		for _, c := range amb.Candidates {
			fmt.Fprintf(&b, "\n  %s (%s", c.Name, strings.Join(c.Types, ", "))
			if c.Detail != "" {
				fmt.Fprintf(&b, ": %s", c.Detail)
			}
			fmt.Fprintf(&b, ") <%s>", string(c.IRI))
		}
		flag := n.flag
		if flag != "" {
			flag += " "
		}
		return e, fail(fmt.Sprintf("name one by its IRI, e.g. %s'<%s>'", flag, string(amb.Candidates[0].IRI)), "%s", b.String())
	default:
		return e, fail("check the store", "resolve %q: %v", n.name, err)
	}
}

// preludeFinder is the prelude helper that finds nodes of these classes.
func preludeFinder(classes []quad.IRI) string {
	if len(classes) == 1 {
		switch classes[0] {
		case schema.Person:
			return "dkg.person"
		case schema.Country:
			return "dkg.country"
		case schema.Issue:
			return "dkg.issue"
		case schema.Organization:
			return "dkg.org"
		case schema.Place:
			return "dkg.place"
		}
	}
	return "dkg.named"
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// dateRE is a date at the precision of a year, a month or a day.
var dateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// periodParams checks --since and --until and adds them to params.
func periodParams(c *cli.Context, params map[string]any) error {
	for _, f := range []string{"since", "until"} {
		v := c.String(f)
		if v == "" {
			continue
		}
		if !dateRE.MatchString(v) {
			return usageError(fmt.Sprintf("--%s %q is not a date", f, v), "write it as YYYY, YYYY-MM or YYYY-MM-DD")
		}
		params[f] = v
	}
	if s, u := c.String("since"), c.String("until"); s != "" && u != "" && s > u && !strings.HasPrefix(s, u) {
		return usageError(fmt.Sprintf("--since %s is after --until %s", s, u), "swap them")
	}
	return nil
}

// periodFlags are --since and --until.
func periodFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "since", Usage: "only from `DATE` on (YYYY, YYYY-MM or YYYY-MM-DD)"},
		&cli.StringFlag{Name: "until", Usage: "only up to `DATE` (YYYY, YYYY-MM or YYYY-MM-DD), inclusive"},
	}
}

// statusParam checks --status.
func statusParam(c *cli.Context, params map[string]any) error {
	st := c.String("status")
	if st == "" {
		return nil
	}
	if !slices.Contains(schema.Statuses, st) {
		return usageError(fmt.Sprintf("unknown --status %q", st), "use one of "+strings.Join(schema.Statuses, ", "))
	}
	params["status"] = st
	return nil
}
