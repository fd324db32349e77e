package main

import (
	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/schema"
)

var quotesCommand = &cli.Command{
	Name:      "quotes",
	Usage:     "list what people said, by speaker or issue",
	ArgsUsage: " ",
	Description: `quotes lists statements, quoted or reported, in time order (a statement is
dated by its article): who said it, the words, what it was about and the
articles that carry it. --by keeps one speaker (a person, a country, an
organisation), --about one issue. The answer is a Gizmo query; --show-query
prints it.

The output is a table on a terminal and JSON otherwise; --format
table|json|csv|tsv chooses.

Examples:
   dkg quotes --by "Ananya Rao"
   dkg quotes --about fentanyl --since 2023`,
	Flags: readyMadeFlags(append([]cli.Flag{
		&cli.StringFlag{Name: "by", Usage: "only what `NAME` said"},
		&cli.StringFlag{Name: "about", Usage: "only statements about `ISSUE`"},
	}, periodFlags()...)...),
	Action: func(c *cli.Context) error {
		if err := noArgs(c, `dkg quotes --by "Wang Yi"`); err != nil {
			return err
		}
		params := map[string]any{}
		if err := periodParams(c, params); err != nil {
			return err
		}
		var names []nameArg
		if v := c.String("by"); v != "" {
			names = append(names, nameArg{param: "by", flag: "--by", name: v,
				classes: []quad.IRI{schema.Person, schema.Organization, schema.Country, schema.Group}})
		}
		if v := c.String("about"); v != "" {
			names = append(names, nameArg{param: "about", flag: "--about", name: v, classes: []quad.IRI{schema.Issue}})
		}
		return readyMade(c, "quotes", params, names, []string{"date", "speaker", "quote", "about", "sources"})
	},
}
