package main

import (
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/schema"
)

var personCommand = &cli.Command{
	Name:      "person",
	Usage:     "show what the graph holds about one person",
	ArgsUsage: "NAME",
	Description: `person prints a profile: the person's names, titles, the country they
represent and where they work, each with the articles that say so; then their
meetings, visits and other events and what they said, in time order; then the
issues these were about. NAME is any of the person's names or aliases,
whatever its case and accents, or an IRI in angle brackets; an ambiguous name
lists the candidates. The answer is a Gizmo query; --show-query prints it.

The output is a table on a terminal and JSON otherwise; --format
table|json|csv|tsv chooses.

Examples:
   dkg person "Narendra Modi"
   dkg person 'lula da silva' --format json`,
	Flags: readyMadeFlags(),
	Action: func(c *cli.Context) error {
		name, err := oneName(c, `dkg person "Wang Yi"`)
		if err != nil {
			return err
		}
		names := []nameArg{{param: "person", name: name, classes: []quad.IRI{schema.Person}}}
		return readyMade(c, "person", map[string]any{}, names, []string{"date", "fact", "detail", "about", "sources"})
	},
}

// oneName is the one NAME argument of a command. Its flags may come before
// or after it (flagsFirst); what is left after it that looks like a flag is
// none of the command's.
func oneName(c *cli.Context, example string) (string, error) {
	args := c.Args().Slice()
	for _, a := range args[min(1, len(args)):] {
		if strings.HasPrefix(a, "-") && a != "-" {
			return "", usageError(fmt.Sprintf("flag provided but not defined: %s", a), "run 'dkg "+c.Command.Name+" --help' for usage")
		}
	}
	switch len(args) {
	case 1:
		return args[0], nil
	case 0:
		return "", usageError(c.Command.Name+" needs a NAME", example)
	}
	return "", usageError(c.Command.Name+" takes one NAME; quote a name with spaces", example)
}

// noArgs refuses arguments to a command that takes none: a name with
// spaces left unquoted, or a flag after one.
func noArgs(c *cli.Context, example string) error {
	if c.NArg() == 0 {
		return nil
	}
	return usageError(fmt.Sprintf("%s takes no arguments (got %q); quote a name with spaces", c.Command.Name, c.Args().First()), example)
}
