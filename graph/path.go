package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// factPredicates are the edges a chain of facts may follow: between actors,
// events, statements, places, issues and organisations. rdf:type is not one
// (every person would be two hops from every other through the class), nor
// are literals (names, dates) or provenance.
var factPredicates = slices.Concat(schema.DirectEdges, []quad.IRI{
	schema.Said, schema.Participant, schema.Actor, schema.Recipient, schema.Location, schema.About,
}, schema.Links)

// ErrSearchTooLarge is returned by Paths when the search would visit more
// nodes than it is allowed to.
var ErrSearchTooLarge = errors.New("the search reached too many nodes")

// Hop is one fact of a chain: From and To in the order of the chain, and
// the edges that link them (several when two predicates or both directions
// link the same pair).
type Hop struct {
	From, To         quad.IRI
	FromName, ToName string
	Edges            []Edge
	// Sources are the articles that state the fact (headline, else URL),
	// at most three; Articles is how many there are.
	Sources  []string
	Articles int
}

// Edge is a predicate between the two nodes of a hop, and whether its quads
// go from the hop's From to its To (Forward) or the other way.
type Edge struct {
	Predicate quad.IRI
	Forward   bool
}

// Fact reads the hop's edges: "met", "represents →" (From represents To),
// "← participant" (To has From as participant).
func (h Hop) Fact() string {
	var fs []string
	for _, e := range h.Edges {
		p := schema.Local(e.Predicate)
		// met is symmetric: who met whom is only the order of a sentence.
		both := e.Predicate == schema.Met || slices.Contains(h.Edges, Edge{e.Predicate, !e.Forward})
		switch {
		case both:
			// met both ways: no arrow
		case e.Forward:
			p += " \u2192"
		default:
			p = "\u2190 " + p
		}
		if !slices.Contains(fs, p) {
			fs = append(fs, p)
		}
	}
	return strings.Join(fs, ", ")
}

// Chain is a chain of facts from one entity to another.
type Chain []Hop

// PathOptions bound a search for chains.
type PathOptions struct {
	// MaxHops is the longest chain looked for (default 4).
	MaxHops int
	// Limit is how many chains to return at most (default 10).
	Limit int
	// MaxNodes bounds the nodes the search may visit (default 200,000).
	MaxNodes int
}

// step is how a node was reached in a search: from prev by edges (Forward:
// the quads go from prev to the node).
type step struct {
	prev  uint64 // the ID of the node it was reached from
	edges []Edge
}

// side is one half of a bidirectional breadth-first search over node IDs.
type side struct {
	dist     map[uint64]int
	parents  map[uint64][]step
	frontier []uint64
	depth    int
}

func newSide(id uint64) *side {
	return &side{dist: map[uint64]int{id: 0}, parents: map[uint64][]step{}, frontier: []uint64{id}}
}

// Paths returns the shortest chains of facts that connect a and b, each of
// at most opt.MaxHops hops, found by a breadth-first search from both ends
// that follows the edges in factPredicates either way. No chain is not an
// error: the result is empty.
func (s *Store) Paths(ctx context.Context, a, b quad.IRI, opt PathOptions) ([]Chain, error) {
	if opt.MaxHops <= 0 {
		opt.MaxHops = 4
	}
	if opt.Limit <= 0 {
		opt.Limit = 10
	}
	if opt.MaxNodes <= 0 {
		opt.MaxNodes = 200_000
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil, ErrClosed
	}
	rd := newPropReader(ctx, s.kv.bolt())
	defer rd.close()
	preds := make(map[uint64]quad.IRI, len(factPredicates))
	for _, p := range factPredicates {
		id, err := rd.ID(p)
		if err != nil {
			return nil, err
		}
		if id != 0 {
			preds[id] = p
		}
	}
	ra, err := rd.ID(a)
	if err != nil {
		return nil, err
	}
	rb, err := rd.ID(b)
	if err != nil {
		return nil, err
	}
	if ra == 0 || rb == 0 || a == b {
		return nil, nil
	}
	fa, fb := newSide(ra), newSide(rb)
	var meet []uint64
	for fa.depth+fb.depth < opt.MaxHops && len(fa.frontier) > 0 && len(fb.frontier) > 0 {
		// Grow the smaller side by one layer.
		grow, other := fa, fb
		if len(fb.frontier) < len(fa.frontier) {
			grow, other = fb, fa
		}
		if err := expand(ctx, rd, grow, preds); err != nil {
			return nil, err
		}
		if len(fa.dist)+len(fb.dist) > opt.MaxNodes {
			return nil, fmt.Errorf("%w (%d, more than %d)", ErrSearchTooLarge, len(fa.dist)+len(fb.dist), opt.MaxNodes)
		}
		for _, k := range grow.frontier {
			if _, ok := other.dist[k]; ok {
				meet = append(meet, k)
			}
		}
		if len(meet) > 0 {
			break
		}
	}
	if len(meet) == 0 {
		return nil, nil
	}
	// Keep the meeting points on the shortest chains only.
	best := -1
	for _, k := range meet {
		if d := fa.dist[k] + fb.dist[k]; best < 0 || d < best {
			best = d
		}
	}
	iris := map[uint64]quad.IRI{}
	iri := func(id uint64) quad.IRI {
		if v, ok := iris[id]; ok {
			return v
		}
		v, _ := rd.Value(id)
		iris[id], _ = v.(quad.IRI)
		return iris[id]
	}
	var chains []Chain
	for _, m := range meet {
		if fa.dist[m]+fb.dist[m] != best {
			continue
		}
		for _, left := range halfChains(fa, m, opt.Limit, iri) {
			for _, right := range halfChains(fb, m, opt.Limit, iri) {
				// left runs a..m; right runs b..m and is turned round.
				c := slices.Clone(left)
				for i := len(right) - 1; i >= 0; i-- {
					h := right[i]
					back := Hop{From: h.To, To: h.From}
					for _, e := range h.Edges {
						back.Edges = append(back.Edges, Edge{e.Predicate, !e.Forward})
					}
					c = append(c, back)
				}
				chains = append(chains, c)
				if len(chains) >= opt.Limit {
					return describeChains(rd, chains)
				}
			}
		}
	}
	return describeChains(rd, chains)
}

// expand grows a side of the search by one layer.
func expand(ctx context.Context, rd *propReader, sd *side, preds map[uint64]quad.IRI) error {
	var next []uint64
	for _, k := range sd.frontier {
		if err := ctx.Err(); err != nil {
			return err
		}
		links, err := rd.Links(k, preds)
		if err != nil {
			return err
		}
		for _, l := range links {
			d, seen := sd.dist[l.to]
			switch {
			case !seen:
				sd.dist[l.to] = sd.depth + 1
				next = append(next, l.to)
				fallthrough
			case d == sd.depth+1:
				sd.parents[l.to] = addStep(sd.parents[l.to], k, l)
			}
		}
	}
	sd.frontier = next
	sd.depth++
	return nil
}

// addStep adds the edge l from prev to a node's parents, merging parallel
// edges into one step.
func addStep(steps []step, prev uint64, l link) []step {
	e := Edge{l.pred, l.forward}
	for i, st := range steps {
		if st.prev == prev {
			if !slices.Contains(st.edges, e) {
				steps[i].edges = append(st.edges, e)
			}
			return steps
		}
	}
	return append(steps, step{prev: prev, edges: []Edge{e}})
}

// halfChains lists up to limit chains from the start of a side to node m,
// with the IRIs of their nodes.
func halfChains(sd *side, m uint64, limit int, iri func(uint64) quad.IRI) []Chain {
	var out []Chain
	var walk func(k uint64, tail Chain)
	walk = func(k uint64, tail Chain) {
		if len(out) >= limit {
			return
		}
		if sd.dist[k] == 0 {
			out = append(out, slices.Clone(tail))
			return
		}
		for _, st := range sd.parents[k] {
			h := Hop{From: iri(st.prev), To: iri(k), Edges: st.edges}
			walk(st.prev, append(Chain{h}, tail...))
		}
	}
	walk(m, nil)
	return out
}

// describeChains fills in the names of the nodes and the sources of the
// hops of chains.
func describeChains(rd *propReader, chains []Chain) ([]Chain, error) {
	names := map[quad.IRI]string{}
	name := func(iri quad.IRI) (string, error) {
		if n, ok := names[iri]; ok {
			return n, nil
		}
		n, err := nodeLabel(rd, iri)
		names[iri] = n
		return n, err
	}
	headlines := map[quad.Value]string{}
	for _, c := range chains {
		for i := range c {
			h := &c[i]
			var err error
			if h.FromName, err = name(h.From); err != nil {
				return nil, err
			}
			if h.ToName, err = name(h.To); err != nil {
				return nil, err
			}
			var arts []quad.Value
			for _, e := range h.Edges {
				subj, obj := h.From, h.To
				if !e.Forward {
					subj, obj = obj, subj
				}
				as, err := rd.StatedBy(subj, e.Predicate, obj)
				if err != nil {
					return nil, err
				}
				for _, a := range as {
					if !slices.Contains(arts, a) {
						arts = append(arts, a)
					}
				}
			}
			h.Articles = len(arts)
			for _, a := range arts[:min(3, len(arts))] {
				hl, ok := headlines[a]
				if !ok {
					hl = sourceText(rd, a)
					headlines[a] = hl
				}
				h.Sources = append(h.Sources, hl)
			}
		}
	}
	return chains, nil
}

// first is the first value of predicate p of node v, nil when it has none.
func first(rd *propReader, v quad.Value, p quad.IRI) (quad.Value, error) {
	vs, err := rd.Values(v, p, 1)
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return vs[0], nil
}

// nodeLabel is a name for a node: its name, else for an event its class and
// date, for a statement its first words.
func nodeLabel(rd *propReader, iri quad.IRI) (string, error) {
	for _, p := range []quad.IRI{schema.Name, schema.Label} {
		v, err := first(rd, iri, p)
		if err != nil {
			return "", err
		}
		if v != nil {
			return valueText(v), nil
		}
	}
	label := schema.Local(iri)
	if t, err := first(rd, iri, schema.Type); err != nil {
		return "", err
	} else if t != nil {
		label = valueText(t)
	}
	if d, err := first(rd, iri, schema.StartDate); err == nil && d != nil {
		label += " " + valueText(d)
	}
	if v, err := first(rd, iri, schema.Text); err == nil && v != nil {
		t := []rune(valueText(v))
		if len(t) > 60 {
			t = append(t[:60], '…')
		}
		label += " \u201c" + string(t) + "\u201d"
	}
	return label, nil
}

// sourceText is an article's headline, else its URL, else its IRI.
func sourceText(rd *propReader, art quad.Value) string {
	for _, p := range []quad.IRI{schema.Headline, schema.URL} {
		if v, err := first(rd, art, p); err == nil && v != nil {
			return valueText(v)
		}
	}
	return art.String()
}
