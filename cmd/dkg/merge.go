package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/schema"
)

var mergeCommand = &cli.Command{
	Name:      "merge",
	Usage:     "make two nodes one: B's names and facts become A's",
	ArgsUsage: "A B",
	Description: `A and B are entities given by name (case and accents do not matter) or IRI
(<https://w3id.org/dkg/id/person/...>). B is rewritten to A in every article's
graph, in one transaction: B's facts become A's, B's names become A's
alternate names, and statements and events get the IRIs they would have had.
The merge is recorded beside the store (corrections.json), so that reindex and
later ingests apply it to every article they load; dkg alias list shows it.

Example:
   dkg merge "Ananya Rao" "<https://w3id.org/dkg/id/person/rao>"`,
	Action: func(c *cli.Context) error {
		if c.NArg() != 2 {
			return usageError("merge needs two entities, A and B", `dkg merge "Xi Jinping" "President Xi"`)
		}
		s, ctx, corr, err := openCorrections(c)
		if err != nil {
			return err
		}
		defer s.Close()
		a, err := correctionEntity(ctx, s, corr, c.Args().Get(0))
		if err != nil {
			return err
		}
		b, err := correctionEntity(ctx, s, corr, c.Args().Get(1))
		if err != nil {
			return err
		}
		if a.IRI == b.IRI {
			return usageError(fmt.Sprintf("%s and %s are the same node", c.Args().Get(0), c.Args().Get(1)), "name two different entities")
		}
		if len(a.Types) > 0 && len(b.Types) > 0 && !slices.ContainsFunc(a.Types, func(t quad.IRI) bool { return slices.Contains(b.Types, t) }) {
			return fail("merge only entities of one kind (two people, two organisations)", "%s is a %s and %s a %s",
				a.IRI, typeNames(a.Types), b.IRI, typeNames(b.Types))
		}
		names := append(slices.Clone(b.Names), b.AlternateNames...)
		slices.Sort(names)
		if err := corr.AddMerge(a.IRI, b.IRI, slices.Compact(names)); err != nil {
			return usageError(err.Error(), "see dkg alias list")
		}
		// The record first: a merge cut short is redone by reindex.
		if err := corr.Save(s.Dir()); err != nil {
			return fail("check that the store directory is writable", "%v", err)
		}
		n, err := applyCorrections(ctx, s, corr, b.IRI)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.App.Writer, "merged %s into %s: %d article graphs rewritten\n", b.IRI, a.IRI, n)
		return nil
	},
}

// applyCorrections rewrites, in one transaction, every article graph that
// says something about node, and the corrections graph.
func applyCorrections(ctx context.Context, s *graph.Store, corr *graph.Corrections, node quad.IRI) (int, error) {
	labels, err := s.ArticlesAbout(ctx, node)
	if err != nil {
		return 0, fail("check the store", "%v", err)
	}
	matcher := graph.NewEventMatcher(s)
	var arts []graph.Article
	for _, l := range labels {
		if l == graph.CorrectionsGraph {
			continue
		}
		qs, err := s.ArticleQuads(l)
		if err != nil {
			return 0, fail("check the store", "%v", err)
		}
		qs = corr.Apply(qs)
		if qs, _, err = matcher.Canonical(ctx, qs); err != nil {
			return 0, fail("check the store", "%v", err)
		}
		arts = append(arts, graph.Article{IRI: l, Quads: qs})
	}
	n := len(arts)
	if cq := corr.Quads(); len(cq) > 0 {
		arts = append(arts, graph.Article{IRI: graph.CorrectionsGraph, Quads: cq})
	}
	if len(arts) == 0 {
		return 0, nil
	}
	if _, err := s.PutBatch(arts); err != nil {
		return 0, fail("the graph was left as it was; the correction is recorded and dkg reindex applies it", "write to the store: %v", err)
	}
	return n, nil
}

// correctionEntity finds the node a merge or alias argument names: an IRI,
// with or without <>, or a name that stands for exactly one node.
// openCorrections opens the store for writing with the corrections
// recorded beside it: what merge and alias both start from.
func openCorrections(c *cli.Context) (*graph.Store, context.Context, *graph.Corrections, error) {
	s, err := openStore(c, false)
	if err != nil {
		return nil, nil, nil, err
	}
	ctx := c.Context
	if ctx == nil {
		ctx = context.Background()
	}
	corr, err := graph.LoadCorrections(s.Dir())
	if err != nil {
		s.Close()
		return nil, nil, nil, fail("fix or remove corrections.json in the store directory", "%v", err)
	}
	return s, ctx, corr, nil
}

func correctionEntity(ctx context.Context, s *graph.Store, corr *graph.Corrections, arg string) (graph.NodeInfo, error) {
	ref := strings.TrimSpace(arg)
	var iri quad.IRI
	if r, ok := strings.CutPrefix(ref, "<"); ok {
		iri = quad.IRI(strings.TrimSuffix(r, ">"))
	} else if strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") {
		iri = quad.IRI(ref)
	} else {
		ids, err := s.Resolve(ctx, ref)
		if err != nil {
			return graph.NodeInfo{}, fail("check the store", "%v", err)
		}
		var live []quad.IRI
		for _, id := range ids {
			if t := corr.Target(id); !slices.Contains(live, t) {
				live = append(live, t)
			}
		}
		switch len(live) {
		case 0:
			return graph.NodeInfo{}, fail("check the spelling (case and accents do not matter), or give the entity's IRI", "no entity named %q", ref)
		case 1:
			iri = live[0]
		default:
			var list []string
			for _, id := range live {
				list = append(list, "<"+string(id)+">")
			}
			return graph.NodeInfo{}, fail("give the IRI of the one you mean: "+strings.Join(list, ", "), "%q names %d entities", ref, len(live))
		}
	}
	n, err := s.NodeInfo(ctx, iri)
	if err != nil {
		return n, fail("check the store", "%v", err)
	}
	if len(n.Types) == 0 && len(n.Names) == 0 && len(n.AlternateNames) == 0 {
		return n, fail("give the IRI of a node in the graph (dkg query can list them)", "no node %s in the graph", iri)
	}
	return n, nil
}

func typeNames(ts []quad.IRI) string {
	var out []string
	for _, t := range ts {
		out = append(out, schema.Local(t))
	}
	return strings.Join(out, "/")
}
