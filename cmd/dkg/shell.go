package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/peterh/liner"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
)

var shellCommand = &cli.Command{
	Name:      "shell",
	Usage:     "ask the graph in Gizmo at an interactive prompt",
	ArgsUsage: " ",
	Description: `shell reads Gizmo queries at a prompt, runs each with the prelude of dkg query
(dkg.person("Wang Yi"), dkg.P.met, ...) and prints the results as a table. A
line that ends inside an open bracket, or with a backslash, goes on to the
next line (an empty line runs what was typed so far). An error is printed and
the prompt comes back. Lines starting with
a colon are commands: :help, :prelude, :limit N, :format FORMAT, :quit. The
history is kept in $XDG_STATE_HOME/dkg/shell_history (else
~/.local/state/dkg/shell_history).

When standard input is not a terminal, shell reads the queries from it
without prompts, so that it can run a prepared session:

   printf 'dkg.person("Xi Jinping").Out(dkg.P.met).Out(dkg.P.name).All()\n' | dkg shell

Examples:
   dkg shell
   dkg shell --format json < session.js`,
	Flags: []cli.Flag{
		&cli.IntFlag{Name: "limit", Usage: "at most `N` results per query (0: no limit)", Value: 100},
		timeoutFlag,
		&cli.StringFlag{Name: "format", Usage: "output `FORMAT`: table, json, csv or tsv", Value: "table"},
	},
	Action: func(c *cli.Context) error {
		if err := noArgs(c, "dkg shell"); err != nil {
			return err
		}
		sh := &shell{out: c.App.Writer, limit: c.Int("limit"), timeout: c.Duration("timeout"), format: c.String("format")}
		if !validFormat(sh.format) {
			return usageError(fmt.Sprintf("unknown --format %q", sh.format), "use --format table, json, csv or tsv")
		}
		s, err := openReader(c)
		if err != nil {
			return err
		}
		defer s.Close()
		sh.store = s
		var in lineReader
		if f, ok := c.App.Reader.(*os.File); ok && f == os.Stdin && isTerminal(os.Stdin) && isTerminal(c.App.Writer) {
			in = newTerminal()
			fmt.Fprintln(sh.out, "dkg shell: Gizmo with the dkg.* prelude; :help for help, Ctrl-D to quit")
		} else {
			in = &plainReader{r: bufio.NewReader(c.App.Reader)}
		}
		defer in.Close()
		return sh.loop(c.Context, in)
	},
}

func validFormat(f string) bool {
	return f == "table" || f == "json" || f == "csv" || f == "tsv"
}

// lineReader reads a line of input after a prompt; io.EOF ends the session.
type lineReader interface {
	ReadLine(prompt string) (string, error)
	Close() error
}

// plainReader reads lines from a pipe or a file, without prompts.
type plainReader struct{ r *bufio.Reader }

func (p *plainReader) ReadLine(string) (string, error) {
	line, err := p.r.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil
	}
	return strings.TrimRight(line, "\r\n"), err
}

func (p *plainReader) Close() error { return nil }

// terminal is line editing with history (github.com/peterh/liner).
type terminal struct {
	l    *liner.State
	file string
}

func newTerminal() *terminal {
	t := &terminal{l: liner.NewLiner(), file: historyFile()}
	t.l.SetCtrlCAborts(true)
	t.l.SetMultiLineMode(true)
	if f, err := os.Open(t.file); err == nil {
		t.l.ReadHistory(f)
		f.Close()
	}
	return t
}

func (t *terminal) ReadLine(prompt string) (string, error) {
	line, err := t.l.Prompt(prompt)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", errAborted
	}
	if err == nil && strings.TrimSpace(line) != "" {
		t.l.AppendHistory(line)
	}
	return line, err
}

func (t *terminal) Close() error {
	if t.file != "" {
		if err := os.MkdirAll(filepath.Dir(t.file), 0o755); err == nil {
			if f, err := os.Create(t.file); err == nil {
				t.l.WriteHistory(f)
				f.Close()
			}
		}
	}
	return t.l.Close()
}

// errAborted is Ctrl-C at the prompt: the input so far is dropped.
var errAborted = errors.New("aborted")

// historyFile is where the shell keeps its history.
func historyFile() string {
	if x := os.Getenv("XDG_STATE_HOME"); x != "" {
		return filepath.Join(x, "dkg", "shell_history")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".local", "state", "dkg", "shell_history")
}

type shell struct {
	store   *graph.Store
	out     io.Writer
	limit   int
	timeout time.Duration
	format  string
}

const shellHelp = `Type a Gizmo query and press Enter; it runs after the dkg.* prelude:
   dkg.person("Wang Yi").Out(dkg.P.met).Out(dkg.P.name).All()
   g.V("<https://w3id.org/dkg/id/issue/fentanyl>").In(dkg.P.about).All()
A line ending inside an open bracket, or with a backslash, continues; an
empty line runs what was typed so far.
Commands:
   :help           this help
   :prelude        print the prelude (the dkg.* helpers)
   :limit N        at most N results per query (0: no limit)
   :format FORMAT  table, json, csv or tsv
   :quit           leave (or Ctrl-D)
`

// loop reads queries until the end of input or :quit. Errors in queries
// are printed; only a failure to read ends the session with an error.
func (sh *shell) loop(ctx context.Context, in lineReader) error {
	var buf []string
	for {
		prompt := "gizmo> "
		if len(buf) > 0 {
			prompt = "   ... "
		}
		line, err := in.ReadLine(prompt)
		if errors.Is(err, errAborted) {
			buf = nil
			continue
		}
		if err == io.EOF {
			if len(buf) > 0 {
				sh.run(ctx, strings.Join(buf, "\n"))
			}
			return nil
		}
		if err != nil {
			return fail("", "shell: %v", err)
		}
		if len(buf) > 0 && strings.TrimSpace(line) == "" {
			// An empty line runs what came so far: a stray bracket
			// does not swallow the session.
			sh.run(ctx, strings.Join(buf, "\n"))
			buf = nil
			continue
		}
		if len(buf) == 0 {
			cmd := strings.TrimSpace(line)
			if cmd == "" {
				continue
			}
			if strings.HasPrefix(cmd, ":") || cmd == "exit" || cmd == "quit" {
				if sh.command(cmd) {
					return nil
				}
				continue
			}
		}
		if cont, ok := strings.CutSuffix(line, `\`); ok {
			buf = append(buf, cont)
			continue
		}
		buf = append(buf, line)
		src := strings.Join(buf, "\n")
		if openBrackets(src) > 0 {
			continue
		}
		buf = nil
		sh.run(ctx, src)
	}
}

// command runs a :command and says whether to quit.
func (sh *shell) command(cmd string) bool {
	name, arg, _ := strings.Cut(cmd, " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case ":quit", ":q", ":exit", "exit", "quit":
		return true
	case ":help", ":h":
		fmt.Fprint(sh.out, shellHelp)
	case ":prelude":
		fmt.Fprint(sh.out, graph.Prelude())
	case ":limit":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 {
			fmt.Fprintf(sh.out, "error: :limit needs a number >= 0, got %q\n", arg)
			break
		}
		sh.limit = n
	case ":format":
		if !validFormat(arg) {
			fmt.Fprintf(sh.out, "error: :format is table, json, csv or tsv, got %q\n", arg)
			break
		}
		sh.format = arg
	default:
		fmt.Fprintf(sh.out, "error: unknown command %s (:help lists them)\n", name)
	}
	return false
}

// run runs one query and prints its results or its error.
func (sh *shell) run(ctx context.Context, src string) {
	ctx, cancel := context.WithTimeout(ctx, sh.timeout)
	defer cancel()
	start := time.Now()
	rows, err := sh.store.QueryScript(ctx, src, sh.limit)
	if err != nil {
		var qe *graph.QueryError
		switch {
		case errors.As(err, &qe):
			fmt.Fprintf(sh.out, "error: %s\n", qe.Error())
		case errors.Is(err, context.DeadlineExceeded):
			fmt.Fprintf(sh.out, "error: the query ran longer than %s and was stopped\n", sh.timeout)
		default:
			fmt.Fprintf(sh.out, "error: %v\n", err)
		}
		return
	}
	if err := printRowsCols(sh.out, rows, sh.format, nil); err != nil {
		fmt.Fprintf(sh.out, "error: %v\n", err)
		return
	}
	if sh.format == "table" {
		fmt.Fprintf(sh.out, "(%d results, %s)\n", len(rows), time.Since(start).Round(time.Millisecond))
	}
}

// openBrackets counts the brackets left open in JavaScript source, outside
// strings, template literals and comments (negative: more closed than
// opened).
func openBrackets(src string) int {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '"', '\'', '`':
			for i++; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				}
				if src[i] == '\n' && c != '`' {
					break
				}
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := strings.Index(src[i+2:], "*/")
				if end < 0 {
					return depth + 1 // an open comment goes on too
				}
				i += end + 3
			}
		}
	}
	return depth
}
