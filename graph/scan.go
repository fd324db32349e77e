package graph

import (
	"context"
	"fmt"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Indexed lookups of one (subject, predicate) or (object, predicate) pair:
// a prefix scan of Cayley's [S,P] or [O,P,S] index, which reads only the
// quads asked for instead of every quad of a busy node (Xi Jinping's
// thousands of "said" quads when only his names are wanted).

var (
	indexSP  = ckv.QuadIndex{Dirs: []quad.Direction{quad.Subject, quad.Predicate}}
	indexOPS = ckv.QuadIndex{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}}
)

// pairScan returns the quads with node in direction d (Subject or Object)
// and predicate pred, as refs. Callers hold s.mu.
func (s *Store) pairScan(ctx context.Context, d quad.Direction, node, pred cgraph.Ref) ([]cgraph.Ref, error) {
	if node == nil || pred == nil {
		return nil, nil
	}
	n, ok1 := node.(ckv.Int64Value)
	p, ok2 := pred.(ckv.Int64Value)
	var it iterator.Scanner
	if ok1 && ok2 {
		ind := indexSP
		if d == quad.Object {
			ind = indexOPS
		}
		it = ckv.IndexScan{Index: ind, Values: []uint64{uint64(n), uint64(p)}}.BuildIterator(s.qs).Iterate()
	} else {
		it = s.qs.QuadIterator(d, node).Iterate()
	}
	defer it.Close()
	var out []cgraph.Ref
	pk := pred.Key()
	for it.Next(ctx) {
		r := it.Result()
		if !(ok1 && ok2) {
			qp, err := s.qs.QuadDirection(r, quad.Predicate)
			if err != nil {
				return nil, err
			}
			if qp == nil || qp.Key() != pk {
				continue
			}
		}
		out = append(out, r)
	}
	return out, it.Err()
}

// objectsOf returns the distinct objects of (subject, pred) quads as
// values, in the order met.
func (s *Store) objectsOf(ctx context.Context, subject, pred cgraph.Ref) ([]quad.Value, error) {
	return s.endsOf(ctx, quad.Subject, subject, pred, quad.Object)
}

// endsOf returns the distinct values at direction end of the quads with
// node at d and predicate pred.
func (s *Store) endsOf(ctx context.Context, d quad.Direction, node, pred cgraph.Ref, end quad.Direction) ([]quad.Value, error) {
	qrefs, err := s.pairScan(ctx, d, node, pred)
	if err != nil || len(qrefs) == 0 {
		return nil, err
	}
	var ends []cgraph.Ref
	seen := map[any]bool{}
	for _, r := range qrefs {
		e, err := s.qs.QuadDirection(r, end)
		if err != nil {
			return nil, err
		}
		if e == nil || seen[e.Key()] {
			continue
		}
		seen[e.Key()] = true
		ends = append(ends, e)
	}
	return cgraph.ValuesOf(ctx, s.qs, ends)
}

// refsOf looks up the refs of values; a value not in the store is nil.
func (s *Store) refsOf(vals ...quad.Value) ([]cgraph.Ref, error) {
	out := make([]cgraph.Ref, len(vals))
	for i, v := range vals {
		r, err := s.qs.ValueOf(v)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// stringsOf returns the string values among vals, sorted and distinct.
func stringsOf(vals []quad.Value) []string {
	var out []string
	for _, v := range vals {
		if str, ok := stringOf(v); ok {
			out = append(out, str)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// stringOf is the text of a plain, language-tagged or typed literal.
func stringOf(v quad.Value) (string, bool) {
	switch v := v.(type) {
	case quad.String:
		return string(v), true
	case quad.LangString:
		return string(v.Value), true
	case quad.TypedString:
		return string(v.Value), true
	}
	return "", false
}

// Typed returns the nodes typed class (rdf:type), sorted.
func (s *Store) Typed(ctx context.Context, class quad.IRI) ([]quad.IRI, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil, ErrClosed
	}
	vals, err := s.subjectsWith(ctx, schema.Type, class)
	if err != nil {
		return nil, fmt.Errorf("nodes of %s: %w", class, err)
	}
	return sortedIRIs(vals), nil
}

// NodeInfo is what identifies a node: its classes and names.
type NodeInfo struct {
	IRI            quad.IRI
	Types          []quad.IRI // sorted
	Names          []string   // schema:name values, sorted
	AlternateNames []string   // sorted
}

// NodeInfo returns a node's classes and names (all empty when the store knows
// nothing about it).
func (s *Store) NodeInfo(ctx context.Context, iri quad.IRI) (NodeInfo, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return NodeInfo{}, ErrClosed
	}
	n := NodeInfo{IRI: iri}
	r, err := s.refsOf(iri, schema.Type, schema.Name, schema.AlternateName)
	if err != nil || r[0] == nil {
		return n, err
	}
	var vals [3][]quad.Value
	for i := range vals {
		if vals[i], err = s.objectsOf(ctx, r[0], r[i+1]); err != nil {
			return n, fmt.Errorf("node %s: %w", iri, err)
		}
	}
	for _, v := range vals[0] {
		if c, ok := v.(quad.IRI); ok {
			n.Types = append(n.Types, c)
		}
	}
	slices.Sort(n.Types)
	n.Names, n.AlternateNames = stringsOf(vals[1]), stringsOf(vals[2])
	return n, nil
}
