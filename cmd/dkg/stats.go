package main

import (
	"fmt"
	"sort"

	"github.com/urfave/cli/v2"
)

var statsCommand = &cli.Command{
	Name:  "stats",
	Usage: "count what the graph holds",
	Description: `stats counts the articles, people, organisations, countries, places,
issues, statements and events (by class) in the store, and its quads.

Example:
   dkg stats`,
	Action: func(c *cli.Context) error {
		s, err := openReader(c)
		if err != nil {
			return err
		}
		defer s.Close()
		st, err := s.Stats(c.Context)
		if err != nil {
			return fail("check the store", "stats: %v", err)
		}
		w := c.App.Writer
		fmt.Fprintf(w, "articles       %d\n", st.Articles)
		fmt.Fprintf(w, "people         %d\n", st.People)
		fmt.Fprintf(w, "organisations  %d\n", st.Organizations)
		fmt.Fprintf(w, "countries      %d\n", st.Countries)
		fmt.Fprintf(w, "places         %d\n", st.Places)
		fmt.Fprintf(w, "issues         %d\n", st.Issues)
		fmt.Fprintf(w, "statements     %d\n", st.Statements)
		classes := make([]string, 0, len(st.Events))
		total := 0
		for k, n := range st.Events {
			classes = append(classes, k)
			total += n
		}
		sort.Strings(classes)
		fmt.Fprintf(w, "events         %d\n", total)
		for _, k := range classes {
			fmt.Fprintf(w, "  %-12s %d\n", k, st.Events[k])
		}
		fmt.Fprintf(w, "quads          %d\n", st.Quads)
		return nil
	},
}
