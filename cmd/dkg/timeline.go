package main

import (
	"github.com/urfave/cli/v2"
)

var timelineCommand = &cli.Command{
	Name:      "timeline",
	Usage:     "list what one person, country, organisation, place or issue was part of, in time order",
	ArgsUsage: "NAME",
	Description: `timeline lists the events and statements an entity took part in, that took
place there or that are about it, in time order (undated last), with status,
participants, place, issues and articles. NAME is any name or alias of the
entity, whatever its case and accents, or an IRI in angle brackets; an
ambiguous name lists the candidates. The answer is a Gizmo query;
--show-query prints it.

The output is a table on a terminal and JSON otherwise; --format
table|json|csv|tsv chooses.

Examples:
   dkg timeline "Xi Jinping" --since 2023
   dkg timeline India --limit 20
   dkg timeline '<https://w3id.org/dkg/id/issue/fentanyl>'`,
	Flags: readyMadeFlags(periodFlags()...),
	Action: func(c *cli.Context) error {
		name, err := oneName(c, `dkg timeline "Xi Jinping"`)
		if err != nil {
			return err
		}
		params := map[string]any{}
		if err := periodParams(c, params); err != nil {
			return err
		}
		return readyMade(c, "timeline", params, []nameArg{{param: "node", name: name}},
			[]string{"date", "event", "status", "what", "place", "about", "sources"})
	},
}
