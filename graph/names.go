package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	cpath "github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Entity is a node a name stands for, with what tells it apart from others
// of the same name.
type Entity struct {
	IRI quad.IRI `json:"iri"`
	// Name is the canonical name (schema.Name), else the IRI's last segment.
	Name string `json:"name"`
	// Types are the local names of its classes ("Person"), sorted.
	Types []string `json:"types"`
	// Detail is a short description: a person's titles and country, a
	// country's code, an organisation's other names.
	Detail string `json:"detail,omitempty"`
}

// Type is the entity's first class, or "" when it has none.
func (e Entity) Type() string {
	if len(e.Types) == 0 {
		return ""
	}
	return e.Types[0]
}

// Is says whether the entity is of class c.
func (e Entity) Is(c quad.IRI) bool { return slices.Contains(e.Types, schema.Local(c)) }

// NotFoundError says that a name stands for no entity of the classes asked
// for. Others are the entities of other classes with that name.
type NotFoundError struct {
	Name    string
	Classes []quad.IRI
	Others  []Entity
}

func (e *NotFoundError) Error() string {
	what := "entity"
	if len(e.Classes) > 0 {
		var ks []string
		for _, c := range e.Classes {
			ks = append(ks, strings.ToLower(schema.Local(c)))
		}
		what = strings.Join(ks, " or ")
	}
	msg := fmt.Sprintf("no %s named %q in the graph", what, e.Name)
	if len(e.Others) > 0 {
		var os []string
		for _, o := range e.Others {
			t := strings.ToLower(o.Type())
			art := "a "
			if t != "" && strings.ContainsRune("aeiou", rune(t[0])) {
				art = "an "
			}
			os = append(os, art+t+" ("+o.Name+")")
		}
		msg += "; it names " + strings.Join(os, ", ")
	}
	return msg
}

// AmbiguousError says that a name stands for more than one entity.
type AmbiguousError struct {
	Name       string
	Candidates []Entity
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q names %d entities", e.Name, len(e.Candidates))
}

// Lookup returns the entities that have name among their names or aliases
// (case and accents do not matter: see schema.Fold), with their
// descriptions. A name in angle brackets ("<https://...>") is an IRI and
// stands for that node if the store holds it.
func (s *Store) Lookup(ctx context.Context, name string) ([]Entity, error) {
	var iris []quad.IRI
	if n := strings.TrimSpace(name); strings.HasPrefix(n, "<") && strings.HasSuffix(n, ">") {
		iris = []quad.IRI{quad.IRI(n[1 : len(n)-1])}
	} else {
		var err error
		if iris, err = s.Resolve(ctx, name); err != nil {
			return nil, err
		}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil, ErrClosed
	}
	out := make([]Entity, 0, len(iris))
	for _, iri := range iris {
		e, ok, err := s.describe(ctx, iri)
		if err != nil {
			return nil, fmt.Errorf("look up %q: %w", name, err)
		}
		if ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// ResolveOne returns the one entity of one of the classes (any class when
// none is given) that name stands for, else a *NotFoundError or an
// *AmbiguousError that lists the candidates. Only the candidates of an
// error are described in full (Detail); the entity found has its IRI, class
// and name.
func (s *Store) ResolveOne(ctx context.Context, name string, classes ...quad.IRI) (Entity, error) {
	if e, ok, err := s.resolveQuick(ctx, name, classes); err != nil || ok {
		return e, err
	}
	all, err := s.Lookup(ctx, name)
	if err != nil {
		return Entity{}, err
	}
	var match, others []Entity
	for _, e := range all {
		if len(classes) == 0 || slices.ContainsFunc(classes, e.Is) {
			match = append(match, e)
		} else {
			others = append(others, e)
		}
	}
	switch len(match) {
	case 0:
		return Entity{}, &NotFoundError{Name: name, Classes: classes, Others: others}
	case 1:
		return match[0], nil
	}
	return Entity{}, &AmbiguousError{Name: name, Candidates: match}
}

// resolveQuick is ResolveOne for the common case: a name (not an IRI) that
// stands for exactly one node, whose IRI dkg minted, of one of the classes.
// It reads the class from the IRI and only the first of the node's names,
// where describe reads every value of several properties (one per article
// that tells them: hundreds for a well-known person). ok is false when the
// case is not this one, and ResolveOne then describes every candidate.
func (s *Store) resolveQuick(ctx context.Context, name string, classes []quad.IRI) (Entity, bool, error) {
	if n := strings.TrimSpace(name); strings.HasPrefix(n, "<") && strings.HasSuffix(n, ">") {
		return Entity{}, false, nil
	}
	iris, err := s.Resolve(ctx, name)
	if err != nil || len(iris) != 1 {
		return Entity{}, false, err
	}
	class := schema.ClassOf(iris[0])
	if class == "" || (len(classes) > 0 && !slices.Contains(classes, class)) {
		return Entity{}, false, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return Entity{}, false, ErrClosed
	}
	e := Entity{IRI: iris[0], Types: []string{schema.Local(class)}, Name: schema.Local(iris[0])}
	names, err := cpath.StartPath(s.qs, iris[0]).Out(schema.Name).Limit(1).Iterate(ctx).AllValues(s.qs)
	if err != nil {
		return Entity{}, false, fmt.Errorf("resolve %q: %w", name, err)
	}
	if len(names) > 0 {
		e.Name = valueText(names[0])
	}
	return e, true, nil
}

// describe reads what tells an entity apart; ok is false when the store
// holds nothing about it. The caller holds s.mu.
func (s *Store) describe(ctx context.Context, iri quad.IRI) (Entity, bool, error) {
	e := Entity{IRI: iri}
	types, err := s.outValues(ctx, iri, schema.Type)
	if err != nil {
		return e, false, err
	}
	names, err := s.outValues(ctx, iri, schema.Name)
	if err != nil {
		return e, false, err
	}
	if len(types) == 0 && len(names) == 0 {
		return e, false, nil
	}
	for _, t := range types {
		if t, ok := t.(quad.IRI); ok {
			e.Types = append(e.Types, schema.Local(t))
		}
	}
	slices.Sort(e.Types)
	e.Name = schema.Local(iri)
	if len(names) > 0 {
		e.Name = valueText(names[0])
	}
	var detail []string
	add := func(pred quad.IRI, follow bool) error {
		vals, err := s.outValues(ctx, iri, pred)
		if err != nil {
			return err
		}
		for _, v := range vals {
			if iri, ok := v.(quad.IRI); ok && follow {
				ns, err := s.outValues(ctx, iri, schema.Name)
				if err != nil {
					return err
				}
				if len(ns) > 0 {
					v = ns[0]
				}
			}
			if t := valueText(v); t != "" && !slices.Contains(detail, t) && t != e.Name {
				detail = append(detail, t)
			}
		}
		return nil
	}
	for _, p := range []struct {
		pred   quad.IRI
		follow bool
	}{
		{schema.JobTitle, false}, {schema.Represents, true}, {schema.Affiliation, true},
		{schema.MemberOf, true}, {schema.CountryCode, false}, {schema.AlternateName, false},
	} {
		if err := add(p.pred, p.follow); err != nil {
			return e, false, err
		}
	}
	if len(detail) > 4 {
		detail = append(detail[:4], "...")
	}
	e.Detail = strings.Join(detail, ", ")
	return e, true, nil
}

// outValues returns the distinct values of pred on node v, through the
// [S,P] index. The caller holds s.mu.
func (s *Store) outValues(ctx context.Context, v quad.Value, pred quad.IRI) ([]quad.Value, error) {
	vals, err := cpath.StartPath(s.qs, v).Out(pred).Iterate(ctx).AllValues(s.qs)
	if err != nil {
		return nil, err
	}
	out := vals[:0]
	seen := make(map[string]bool, len(vals))
	for _, v := range vals {
		if k := quad.StringOf(v); !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out, nil
}

// valueText is the text of a value: a literal's lexical form, an IRI's
// last segment.
func valueText(v quad.Value) string {
	switch x := v.(type) {
	case quad.String:
		return string(x)
	case quad.TypedString:
		return string(x.Value)
	case quad.LangString:
		return string(x.Value)
	case quad.IRI:
		return schema.Local(x)
	case nil:
		return ""
	}
	return fmt.Sprint(quad.NativeOf(v))
}
