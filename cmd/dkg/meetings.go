package main

import (
	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/schema"
)

var meetingsCommand = &cli.Command{
	Name:      "meetings",
	Usage:     "list who met whom, when and where",
	ArgsUsage: " ",
	Description: `meetings lists the Meeting events of the graph in date order (undated last):
the people who took part, the date, the place, whether it happened
(status), what it was about and the articles that tell it. Names are
matched whatever their case and accents, aliases included; an ambiguous
name lists the candidates. The answer is a Gizmo query; --show-query
prints it.

The output is a table on a terminal and JSON otherwise; --format
table|json|csv|tsv chooses.

Examples:
   dkg meetings
   dkg meetings --with "Xi Jinping" --since 2023
   dkg meetings --between "Narendra Modi" --and "Xi Jinping" --status occurred
   dkg meetings --about fentanyl --format csv`,
	Flags: readyMadeFlags(append([]cli.Flag{
		&cli.StringFlag{Name: "with", Usage: "only meetings where `NAME` took part"},
		&cli.StringFlag{Name: "between", Usage: "only meetings of `NAME` with the person given by --and"},
		&cli.StringFlag{Name: "and", Usage: "the other person of --between (`NAME`)"},
		&cli.StringFlag{Name: "status", Usage: "only meetings with this `STATUS` (occurred, planned, expected, possible, denied, cancelled)"},
		&cli.StringFlag{Name: "about", Usage: "only meetings about `ISSUE`"},
	}, periodFlags()...)...),
	Action: func(c *cli.Context) error {
		if err := noArgs(c, `dkg meetings --with "Xi Jinping"`); err != nil {
			return err
		}
		if (c.String("between") == "") != (c.String("and") == "") {
			return usageError("--between and --and go together", `dkg meetings --between "Narendra Modi" --and "Xi Jinping"`)
		}
		params := map[string]any{}
		if err := statusParam(c, params); err != nil {
			return err
		}
		if err := periodParams(c, params); err != nil {
			return err
		}
		var names []nameArg
		person := []quad.IRI{schema.Person}
		for _, f := range []string{"with", "between", "and"} {
			if v := c.String(f); v != "" {
				names = append(names, nameArg{param: f, flag: "--" + f, name: v, classes: person})
			}
		}
		if v := c.String("about"); v != "" {
			names = append(names, nameArg{param: "about", flag: "--about", name: v, classes: []quad.IRI{schema.Issue}})
		}
		return readyMade(c, "meetings", params, names, []string{"date", "participants", "place", "status", "about", "sources"})
	},
}
