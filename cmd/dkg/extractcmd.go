package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/extract"
	"github.com/dkg/dkg/extract/read"
	"github.com/dkg/dkg/graph"
)

var extractCommand = &cli.Command{
	Name:      "extract",
	Usage:     "print the N-Quads that ingest would load, touching no store",
	ArgsUsage: "PATH",
	Description: `extract reads articles exactly as ingest does and prints their facts as
N-Quads, one named graph per article, without opening a store. Use it to see
what dkg makes of an article before loading it.

Example:
   dkg extract --published 2023-06-20 article.txt`,
	Flags: inputFlags(),
	Action: func(c *cli.Context) error {
		if c.NArg() == 0 {
			return usageError("extract needs a PATH", "dkg extract FILE (or - for standard input)")
		}
		opt, err := readOptions(c)
		if err != nil {
			return err
		}
		w := graph.NewNQuadsWriter(c.App.Writer)
		failed := 0
		for it := range read.All(c.Context, c.Args().Slice(), opt) {
			if it.Err != nil {
				failed++
				report(c.App.ErrWriter, &userError{msg: it.Err.Error(), hint: it.Err.Hint})
				continue
			}
			res, err := extract.Extract(it.Article)
			if err != nil {
				failed++
				report(c.App.ErrWriter, fmt.Errorf("%s: %v", it.Article.Location, err))
				continue
			}
			if err := w.WriteQuads(res.Quads); err != nil {
				return fail("check the output stream", "write: %v", err)
			}
		}
		if err := w.Close(); err != nil {
			return fail("check the output stream", "write: %v", err)
		}
		if failed > 0 {
			return &userError{msg: fmt.Sprintf("%d inputs failed (reported above)", failed), code: 1}
		}
		return nil
	},
}
