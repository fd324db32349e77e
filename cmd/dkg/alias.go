package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
)

var aliasCommand = &cli.Command{
	Name:  "alias",
	Usage: "give an entity another name, or list the corrections",
	Description: `alias add gives an entity another name: it becomes one of its alternate
names (schema:alternateName, and a name key that dkg's name lookup uses), and
later articles that use the name alone resolve to the entity. alias list shows
every alias and merge made so far. Both are recorded beside the store
(corrections.json), so reindex and later ingests keep them.

An article that names the entity by the alias alone, before or after the
alias is added, is about the entity: the node it made for the name is
rewritten to the entity, as dkg merge does.

Example:
   dkg alias add "Xi Jinping" "Chairman Xi"
   dkg alias list`,
	Subcommands: []*cli.Command{
		{
			Name:      "add",
			Usage:     "give ENTITY the other name NAME",
			ArgsUsage: "ENTITY NAME",
			Description: `ENTITY is a name that stands for one node, or an IRI.

Example:
   dkg alias add "Himalayan Policy Institute" "Himalaya Institute"`,
			Action: func(c *cli.Context) error {
				if c.NArg() != 2 || strings.TrimSpace(c.Args().Get(1)) == "" {
					return usageError("alias add needs an ENTITY and a NAME", `dkg alias add "Xi Jinping" "Chairman Xi"`)
				}
				s, ctx, corr, err := openCorrections(c)
				if err != nil {
					return err
				}
				defer s.Close()
				e, err := correctionEntity(ctx, s, corr, c.Args().Get(0))
				if err != nil {
					return err
				}
				name := strings.Join(strings.Fields(c.Args().Get(1)), " ")
				if !corr.AddAlias(e.IRI, name) {
					fmt.Fprintf(c.App.Writer, "unchanged: %s is already called %q\n", e.IRI, name)
					return nil
				}
				if err := corr.Save(s.Dir()); err != nil {
					return fail("check that the store directory is writable", "%v", err)
				}
				// The node an article made for the name alone becomes the
				// entity, as in a merge.
				n := 0
				if d := graph.AliasIRI(e.IRI, name); d != "" && d != e.IRI {
					if n, err = applyCorrections(ctx, s, corr, d); err != nil {
						return err
					}
				} else if _, err := s.PutCorrections(corr); err != nil {
					return fail("the alias is recorded; dkg reindex writes it to the graph", "write to the store: %v", err)
				}
				fmt.Fprintf(c.App.Writer, "added alias %q to %s", name, e.IRI)
				if n > 0 {
					fmt.Fprintf(c.App.Writer, ": %d article graphs rewritten", n)
				}
				fmt.Fprintln(c.App.Writer)
				return nil
			},
		},
		{
			Name:      "list",
			Usage:     "list the aliases and merges",
			ArgsUsage: " ",
			Action: func(c *cli.Context) error {
				s, err := openReader(c)
				if err != nil {
					return err
				}
				dir := s.Dir()
				s.Close()
				corr, err := graph.LoadCorrections(dir)
				if err != nil {
					return fail("fix or remove corrections.json in the store directory", "%v", err)
				}
				for _, m := range corr.Merges {
					fmt.Fprintf(c.App.Writer, "merge  %s <- %s %q\n", m.Into, m.From, m.Names)
				}
				for _, a := range corr.Aliases {
					fmt.Fprintf(c.App.Writer, "alias  %s %q\n", a.Entity, a.Name)
				}
				return nil
			},
		},
	},
}
