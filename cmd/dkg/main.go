// Command dkg turns news articles about diplomacy into a knowledge graph:
// ingest articles into an embedded Cayley store, ask it questions with
// Gizmo, and export it as N-Quads.
//
// main.go is the table of contents: each command lives in its own file.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run runs dkg with the given arguments and streams; tests call it
// in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	if err := app.Run(flagsFirst(app, args)); err != nil {
		report(stderr, err)
		return exitCode(err)
	}
	return 0
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "dkg",
		Usage: "the diplomatic knowledge graph: news articles in, who met whom out",
		Description: `dkg reads news articles about diplomacy, extracts who met, visited,
sanctioned, urged or accused whom, who said what, and what it was about, and
keeps the facts in an embedded graph store, one named graph per article.

   dkg ingest examples/                    load articles (text, HTML, JSON Lines, feeds, URLs)
   dkg meetings                            who met whom, when, where
   dkg query 'g.V().Has("<https://schema.org/name>", "Wang Yi").Out().All()'
   dkg export -o graph.nq                  N-Quads for any RDF tool`,
		Flags:                []cli.Flag{dbFlag},
		Commands:             commands(),
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		HideHelpCommand:      true,
		EnableBashCompletion: false,
		ExitErrHandler:       func(*cli.Context, error) {},
	}
	app.OnUsageError = func(c *cli.Context, err error, _ bool) error {
		// c.Command is the app's own root command here: its name is dkg.
		return usageError(err.Error(), "run 'dkg --help' for usage")
	}
	return app
}

func commands() []*cli.Command {
	cmds := []*cli.Command{
		ingestCommand,
		extractCommand,
		queryCommand,
		exportCommand,
		importCommand,
		vizCommand,
		statsCommand,
		evalCommand,
		meetingsCommand,
		removeCommand,
		reindexCommand,
		mergeCommand,
		aliasCommand,
		peopleCommand,
		personCommand,
		issuesCommand,
		issueCommand,
		quotesCommand,
		timelineCommand,
		pathCommand,
		serveCommand,
		shellCommand,
	}
	for _, c := range cmds {
		if c.OnUsageError == nil {
			c.OnUsageError = func(c *cli.Context, err error, _ bool) error {
				return usageError(err.Error(), "run 'dkg "+c.Command.Name+" --help' for usage")
			}
		}
	}
	return cmds
}

var _ = fmt.Sprint
