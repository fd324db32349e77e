package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Resolve returns the nodes that have name among their names: an exact
// lookup of schema.NameKey with schema.Fold(name), through the [O,P,S]
// index. The IRIs come back sorted; none is an empty result, not an error.
func (s *Store) Resolve(ctx context.Context, name string) ([]quad.IRI, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil, ErrClosed
	}
	key := schema.Fold(name)
	if key == "" {
		return nil, nil
	}
	vals, err := s.subjectsWith(ctx, schema.NameKey, quad.String(key))
	if err != nil {
		return nil, fmt.Errorf("resolve %q: %w", name, err)
	}
	return sortedIRIs(vals), nil
}

// sortedIRIs keeps the IRIs of vals, sorted.
func sortedIRIs(vals []quad.Value) []quad.IRI {
	var out []quad.IRI
	for _, v := range vals {
		if iri, ok := v.(quad.IRI); ok {
			out = append(out, iri)
		}
	}
	slices.Sort(out)
	return out
}

// subjectsWith returns the distinct subjects of the quads with this
// predicate and object, read from the index (propReader.Subjects). The
// caller holds s.mu.
func (s *Store) subjectsWith(ctx context.Context, pred quad.IRI, obj quad.Value) ([]quad.Value, error) {
	rd := newPropReader(ctx, s.kv.bolt())
	defer rd.close()
	return rd.Subjects(pred, obj)
}

// Stats counts what a store holds. Nodes are counted once however many
// articles type them.
type Stats struct {
	Quads         int64
	Articles      int // nodes typed schema.NewsArticle
	People        int
	Organizations int
	Countries     int
	Places        int
	Issues        int
	Groups        int
	Statements    int
	// Events counts event nodes by the local name of their class
	// ("Meeting": 12); classes without events are left out.
	Events map[string]int
}

// eventClasses are schema's event classes but Statement, which Stats counts
// apart.
var eventClasses = []quad.IRI{
	schema.Meeting, schema.Visit, schema.Sanction, schema.Agreement,
	schema.Accusation, schema.Appeal, schema.Rejection, schema.Threat,
	schema.Support, schema.Cooperation, schema.Aid, schema.Concession,
	schema.Retreat, schema.Protest, schema.Mobilization, schema.Coercion,
	schema.Assault, schema.Call,
}

// Stats counts the store's quads and its nodes by class, each class with
// one index scan of its rdf:type quads.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return Stats{}, ErrClosed
	}
	cst, err := s.qs.Stats(ctx, false)
	if errors.Is(err, ckv.ErrNoBucket) {
		err = nil // no quad was ever written
	}
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	st := Stats{Quads: cst.Quads.Value, Events: make(map[string]int)}
	count := func(class quad.IRI) int {
		if err != nil {
			return 0
		}
		var subjects []quad.Value
		subjects, err = s.subjectsWith(ctx, schema.Type, class)
		return len(subjects)
	}
	st.Articles = count(schema.NewsArticle)
	st.People = count(schema.Person)
	st.Organizations = count(schema.Organization)
	st.Countries = count(schema.Country)
	st.Places = count(schema.Place)
	st.Issues = count(schema.Issue)
	st.Groups = count(schema.Group)
	st.Statements = count(schema.Statement)
	for _, c := range eventClasses {
		if n := count(c); n > 0 {
			st.Events[schema.Local(c)] = n
		}
	}
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}
