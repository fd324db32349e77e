package main

import (
	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/schema"
)

var issuesCommand = &cli.Command{
	Name:      "issues",
	Usage:     "list the issues, with how many events and statements are about each",
	ArgsUsage: " ",
	Description: `issues lists the issues of the graph (Taiwan, fentanyl, trade, human rights,
...), the most discussed first, with the number of distinct events and of
statements about each. --since and --until count only what is dated in that
period (a statement by the date of its article). The answer is a Gizmo query;
--show-query prints it.

The output is a table on a terminal and JSON otherwise; --format
table|json|csv|tsv chooses.

Examples:
   dkg issues
   dkg issues --since 2024 --format json`,
	Flags: readyMadeFlags(periodFlags()...),
	Action: func(c *cli.Context) error {
		if err := noArgs(c, "dkg issues --since 2024"); err != nil {
			return err
		}
		params := map[string]any{}
		if err := periodParams(c, params); err != nil {
			return err
		}
		return readyMade(c, "issues", params, nil, []string{"issue", "events", "statements"})
	},
}

var issueCommand = &cli.Command{
	Name:      "issue",
	Usage:     "list the events and statements about one issue, in time order",
	ArgsUsage: "NAME",
	Description: `issue lists what is about one issue: events (meetings, sanctions,
agreements, ...) and statements, in time order, each with its status,
participants or speaker, place and articles. NAME is the issue's name or one
of its aliases ("LAC" for territorial disputes), whatever its case. The answer
is a Gizmo query; --show-query prints it.

The output is a table on a terminal and JSON otherwise; --format
table|json|csv|tsv chooses.

Examples:
   dkg issue fentanyl
   dkg issue "human rights" --since 2023 --limit 20`,
	Flags: readyMadeFlags(periodFlags()...),
	Action: func(c *cli.Context) error {
		name, err := oneName(c, "dkg issue fentanyl")
		if err != nil {
			return err
		}
		params := map[string]any{}
		if err := periodParams(c, params); err != nil {
			return err
		}
		names := []nameArg{{param: "issue", name: name, classes: []quad.IRI{schema.Issue}}}
		return readyMade(c, "issue", params, names, []string{"date", "event", "status", "what", "place", "sources"})
	},
}
