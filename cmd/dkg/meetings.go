package main

import (
	"context"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
)

var meetingsCommand = &cli.Command{
	Name:      "meetings",
	Usage:     "list who met whom, when and where",
	ArgsUsage: " ",
	Description: `meetings lists the Meeting events of the graph, in date order: the people
who took part, the date, the place, whether it happened (status) and the
article that tells it. The answer is a Gizmo query; --show-query prints it.

Examples:
   dkg meetings
   dkg meetings --status occurred --format json`,
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "status", Usage: "only meetings with this `STATUS` (occurred, planned, expected, possible, denied, cancelled)"},
		&cli.StringFlag{Name: "format", Usage: "output `FORMAT`: table or json", Value: "table"},
		&cli.IntFlag{Name: "limit", Usage: "at most `N` rows (0: all)", Value: 0},
		&cli.BoolFlag{Name: "show-query", Usage: "print the Gizmo query instead of running it"},
	},
	Action: func(c *cli.Context) error {
		params := map[string]any{}
		if st := c.String("status"); st != "" {
			params["status"] = st
		}
		if c.Bool("show-query") {
			src, err := graph.Script("meetings", params)
			if err != nil {
				return err
			}
			fmt.Fprint(c.App.Writer, src)
			return nil
		}
		s, err := openReader(c)
		if err != nil {
			return err
		}
		defer s.Close()
		ctx, cancel := context.WithTimeout(c.Context, 30*time.Second)
		defer cancel()
		rows, err := s.Ask(ctx, "meetings", params, c.Int("limit"))
		if err != nil {
			return fail("report this as a bug, with the output of --show-query", "meetings: %v", err)
		}
		return printRowsCols(c.App.Writer, rows, c.String("format"), []string{"date", "participants", "place", "status", "source"})
	},
}
