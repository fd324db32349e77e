package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// factPredicates are the edges a chain of facts may follow: between actors,
// events, statements, places, issues and organisations. rdf:type is not one
// (every person would be two hops from every other through the class), nor
// are literals (names, dates) or provenance.
var factPredicates = []quad.IRI{
	schema.Met, schema.Visited, schema.Sanctioned, schema.Urged, schema.Accused, schema.Said,
	schema.Participant, schema.Actor, schema.Recipient, schema.Location, schema.About,
	schema.Represents, schema.Affiliation, schema.MemberOf,
}

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

// link is an edge seen from one node: the node at its other end, the
// predicate, and whether the quad starts at the node seen from.
type link struct {
	to      cgraph.Ref
	pred    quad.IRI
	forward bool
}

// step is how a node was reached in a search: from prev by edges (Forward:
// the quads go from prev to the node).
type step struct {
	prev  any // the key of the node it was reached from
	edges []Edge
}

// side is one half of a bidirectional breadth-first search.
type side struct {
	dist     map[any]int
	parents  map[any][]step
	refs     map[any]cgraph.Ref
	frontier []any
	depth    int
}

func newSide(r cgraph.Ref) *side {
	k := r.Key()
	return &side{dist: map[any]int{k: 0}, parents: map[any][]step{}, refs: map[any]cgraph.Ref{k: r}, frontier: []any{k}}
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
	preds := make(map[any]quad.IRI, len(factPredicates))
	for _, p := range factPredicates {
		r, err := s.qs.ValueOf(p)
		if err != nil {
			return nil, err
		}
		if r != nil {
			preds[r.Key()] = p
		}
	}
	ra, err := s.qs.ValueOf(a)
	if err != nil {
		return nil, err
	}
	rb, err := s.qs.ValueOf(b)
	if err != nil {
		return nil, err
	}
	if ra == nil || rb == nil || a == b {
		return nil, nil
	}
	fa, fb := newSide(ra), newSide(rb)
	var meet []any
	for fa.depth+fb.depth < opt.MaxHops && len(fa.frontier) > 0 && len(fb.frontier) > 0 {
		// Grow the smaller side by one layer.
		grow, other := fa, fb
		if len(fb.frontier) < len(fa.frontier) {
			grow, other = fb, fa
		}
		if err := s.expand(ctx, grow, preds); err != nil {
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
	iris := map[any]quad.IRI{}
	iri := func(sd *side, k any) quad.IRI {
		if v, ok := iris[k]; ok {
			return v
		}
		vals, err := cgraph.ValuesOf(ctx, s.qs, []cgraph.Ref{sd.refs[k]})
		if err == nil && len(vals) == 1 {
			iris[k], _ = vals[0].(quad.IRI)
		}
		return iris[k]
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
					return s.describeChains(ctx, chains)
				}
			}
		}
	}
	return s.describeChains(ctx, chains)
}

// expand grows a side of the search by one layer.
func (s *Store) expand(ctx context.Context, sd *side, preds map[any]quad.IRI) error {
	var next []any
	for _, k := range sd.frontier {
		if err := ctx.Err(); err != nil {
			return err
		}
		links, err := s.links(ctx, sd.refs[k], preds)
		if err != nil {
			return err
		}
		for _, l := range links {
			nk := l.to.Key()
			d, seen := sd.dist[nk]
			switch {
			case !seen:
				sd.dist[nk] = sd.depth + 1
				sd.refs[nk] = l.to
				next = append(next, nk)
				fallthrough
			case d == sd.depth+1:
				sd.parents[nk] = addStep(sd.parents[nk], k, l)
			}
		}
	}
	sd.frontier = next
	sd.depth++
	return nil
}

// addStep adds the edge l from prev to a node's parents, merging parallel
// edges into one step.
func addStep(steps []step, prev any, l link) []step {
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

// links returns the distinct fact edges of a node, both ways.
func (s *Store) links(ctx context.Context, r cgraph.Ref, preds map[any]quad.IRI) ([]link, error) {
	type key struct {
		to      any
		pred    quad.IRI
		forward bool
	}
	seen := map[key]bool{}
	var out []link
	for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
		it := s.qs.QuadIterator(dir, r).Iterate()
		for it.Next(ctx) {
			q := it.Result()
			pr, err := s.qs.QuadDirection(q, quad.Predicate)
			if err != nil {
				it.Close()
				return nil, err
			}
			p, ok := preds[pr.Key()]
			if !ok {
				continue
			}
			otherDir := quad.Object
			if dir == quad.Object {
				otherDir = quad.Subject
			}
			o, err := s.qs.QuadDirection(q, otherDir)
			if err != nil {
				it.Close()
				return nil, err
			}
			k := key{o.Key(), p, dir == quad.Subject}
			if !seen[k] {
				seen[k] = true
				out = append(out, link{to: o, pred: p, forward: dir == quad.Subject})
			}
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// halfChains lists up to limit chains from the start of a side to node m,
// with the IRIs of their nodes.
func halfChains(sd *side, m any, limit int, iri func(*side, any) quad.IRI) []Chain {
	var out []Chain
	var walk func(k any, tail Chain)
	walk = func(k any, tail Chain) {
		if len(out) >= limit {
			return
		}
		if sd.dist[k] == 0 {
			out = append(out, slices.Clone(tail))
			return
		}
		for _, st := range sd.parents[k] {
			h := Hop{From: iri(sd, st.prev), To: iri(sd, k), Edges: st.edges}
			walk(st.prev, append(Chain{h}, tail...))
		}
	}
	walk(m, nil)
	return out
}

// describeChains fills in the names of the nodes and the sources of the
// hops of chains. The caller holds s.mu.
func (s *Store) describeChains(ctx context.Context, chains []Chain) ([]Chain, error) {
	names := map[quad.IRI]string{}
	name := func(iri quad.IRI) (string, error) {
		if n, ok := names[iri]; ok {
			return n, nil
		}
		n, err := s.nodeLabel(ctx, iri)
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
				as, err := s.statedBy(ctx, subj, e.Predicate, obj)
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
					hl = s.sourceText(ctx, a)
					headlines[a] = hl
				}
				h.Sources = append(h.Sources, hl)
			}
		}
	}
	return chains, nil
}

// nodeLabel is a name for a node: its name, else for an event its class and
// date, for a statement its first words.
func (s *Store) nodeLabel(ctx context.Context, iri quad.IRI) (string, error) {
	for _, p := range []quad.IRI{schema.Name, schema.Label} {
		vs, err := s.outValues(ctx, iri, p)
		if err != nil {
			return "", err
		}
		if len(vs) > 0 {
			return valueText(vs[0]), nil
		}
	}
	types, err := s.outValues(ctx, iri, schema.Type)
	if err != nil {
		return "", err
	}
	label := schema.Local(iri)
	if len(types) > 0 {
		label = valueText(types[0])
	}
	if vs, err := s.outValues(ctx, iri, schema.StartDate); err == nil && len(vs) > 0 {
		label += " " + valueText(vs[0])
	}
	if vs, err := s.outValues(ctx, iri, schema.Text); err == nil && len(vs) > 0 {
		t := []rune(valueText(vs[0]))
		if len(t) > 60 {
			t = append(t[:60], '…')
		}
		label += " \u201c" + string(t) + "\u201d"
	}
	return label, nil
}

// statedBy returns the articles (labels) of the quads subj pred obj.
func (s *Store) statedBy(ctx context.Context, subj quad.IRI, pred quad.IRI, obj quad.IRI) ([]quad.Value, error) {
	sr, err := s.qs.ValueOf(subj)
	if err != nil || sr == nil {
		return nil, err
	}
	it := s.qs.QuadIterator(quad.Subject, sr).Iterate()
	defer it.Close()
	var out []quad.Value
	seen := map[string]bool{}
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		if q.Object != obj || q.Predicate != pred || q.Label == nil {
			continue
		}
		if k := q.Label.String(); !seen[k] {
			seen[k] = true
			out = append(out, q.Label)
		}
	}
	return out, it.Err()
}

// sourceText is an article's headline, else its URL, else its IRI.
func (s *Store) sourceText(ctx context.Context, art quad.Value) string {
	for _, p := range []quad.IRI{schema.Headline, schema.URL} {
		if vs, err := s.outValues(ctx, art, p); err == nil && len(vs) > 0 {
			return valueText(vs[0])
		}
	}
	return art.String()
}
