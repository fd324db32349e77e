package main

import (
	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/schema"
)

var peopleCommand = &cli.Command{
	Name:      "people",
	Usage:     "list the people in the graph, with titles, country and affiliation",
	ArgsUsage: " ",
	Description: `people lists the people of the graph by name, with their titles, the country
they represent and the organisations they work at. --country keeps those who
represent a country, --role those with a title that has these words ("foreign
minister" matches "Chinese Foreign Minister", not "Foreign Ministry
spokesman"). The answer is a Gizmo query; --show-query prints it.

The output is a table on a terminal and JSON otherwise; --format
table|json|csv|tsv chooses.

Examples:
   dkg people --country India
   dkg people --role president --format csv`,
	Flags: readyMadeFlags(
		&cli.StringFlag{Name: "country", Usage: "only people who represent `COUNTRY`"},
		&cli.StringFlag{Name: "role", Usage: "only people whose title has the words `ROLE`"},
	),
	Action: func(c *cli.Context) error {
		if err := noArgs(c, `dkg people --country India`); err != nil {
			return err
		}
		params := map[string]any{}
		if r := c.String("role"); r != "" {
			if schema.Fold(r) == "" {
				return usageError("--role needs words", `dkg people --role "foreign minister"`)
			}
			params["role"] = schema.Fold(r)
		}
		var names []nameArg
		if v := c.String("country"); v != "" {
			names = append(names, nameArg{param: "country", flag: "--country", name: v, classes: []quad.IRI{schema.Country}})
		}
		return readyMade(c, "people", params, names, []string{"name", "titles", "country", "affiliation"})
	},
}
