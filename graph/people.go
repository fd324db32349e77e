package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Person is a person as the graph knows them, from every article that
// names them: what a later article needs to resolve a bare surname ("Rao")
// or a name with its institution ("Rao of HPI") to them.
type Person struct {
	IRI quad.IRI
	// Name is the canonical name: the schema:name whose slug is the
	// IRI's, else the first in order.
	Name string
	// AlternateNames are the other names and alternate names, sorted.
	AlternateNames []string
	// JobTitles, sorted.
	JobTitles []string
	// Affiliations are the organisations they work for, by IRI.
	Affiliations []Org
	// Represents holds the ISO 3166 alpha-3 codes of the countries they
	// represent, sorted.
	Represents []string
}

// Org is an organisation with its names.
type Org struct {
	IRI            quad.IRI
	Name           string
	AlternateNames []string
}

// Names returns every name of the person, the canonical one first.
func (p *Person) Names() []string {
	return append([]string{p.Name}, p.AlternateNames...)
}

// People returns every node typed schema:Person, sorted by IRI, with its
// names, job titles, affiliations and countries from every article (and
// from the corrections graph). It reads the type index from the Person
// class node, then each person's own quads by (subject, predicate), so it
// never scans the store.
func (s *Store) People(ctx context.Context) ([]Person, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil, ErrClosed
	}
	people, err := s.people(ctx)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	return people, nil
}

func (s *Store) people(ctx context.Context) ([]Person, error) {
	r, err := s.refsOf(schema.Type, schema.Person, schema.Name, schema.AlternateName,
		schema.JobTitle, schema.Affiliation, schema.Represents, schema.CountryCode)
	if err != nil {
		return nil, err
	}
	typ, class, name, alt, job, affil, repr, code := r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]
	if typ == nil || class == nil {
		return nil, nil
	}
	subjects, err := s.endsOf(ctx, quad.Object, class, typ, quad.Subject)
	if err != nil {
		return nil, err
	}
	orgs := map[quad.IRI]*Org{}
	countries := map[quad.IRI]string{}
	var out []Person
	for _, sv := range subjects {
		iri, ok := sv.(quad.IRI)
		if !ok {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sref, err := s.qs.ValueOf(iri)
		if err != nil {
			return nil, err
		}
		var pv personValues
		for _, f := range []struct {
			pred cgraph.Ref
			dst  *[]quad.Value
		}{{name, &pv.names}, {alt, &pv.alts}, {job, &pv.jobs}, {affil, &pv.affils}, {repr, &pv.reprs}} {
			if *f.dst, err = s.objectsOf(ctx, sref, f.pred); err != nil {
				return nil, err
			}
		}
		p := pv.person(iri)
		for _, v := range pv.affils {
			oi, ok := v.(quad.IRI)
			if !ok {
				continue
			}
			o := orgs[oi]
			if o == nil {
				oref, err := s.qs.ValueOf(oi)
				if err != nil {
					return nil, err
				}
				var ov personValues
				if ov.names, err = s.objectsOf(ctx, oref, name); err != nil {
					return nil, err
				}
				if ov.alts, err = s.objectsOf(ctx, oref, alt); err != nil {
					return nil, err
				}
				op := ov.person(oi)
				o = &Org{IRI: oi, Name: op.Name, AlternateNames: op.AlternateNames}
				orgs[oi] = o
			}
			p.Affiliations = append(p.Affiliations, *o)
		}
		for _, v := range pv.reprs {
			ci, ok := v.(quad.IRI)
			if !ok {
				continue
			}
			c, ok := countries[ci]
			if !ok {
				cref, err := s.qs.ValueOf(ci)
				if err != nil {
					return nil, err
				}
				codes, err := s.objectsOf(ctx, cref, code)
				if err != nil {
					return nil, err
				}
				c = countryCode(ci, stringsOf(codes))
				countries[ci] = c
			}
			if c != "" {
				p.Represents = append(p.Represents, c)
			}
		}
		p.normalise()
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Person) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	return out, nil
}

// personValues are the raw objects of one node's quads.
type personValues struct {
	names, alts, jobs, affils, reprs []quad.Value
}

func (pv *personValues) person(iri quad.IRI) Person {
	p := Person{IRI: iri, JobTitles: stringsOf(pv.jobs)}
	p.setNames(stringsOf(pv.names), stringsOf(pv.alts))
	return p
}

// setNames picks the canonical name among names (the one whose slug is the
// IRI's local name, else the first) and keeps the others, with alts, as
// alternate names.
func (p *Person) setNames(names, alts []string) {
	names = slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == "" })
	slices.Sort(names)
	canon := ""
	for _, n := range names {
		if n != "" && schema.Slug(n) == schema.Local(p.IRI) {
			canon = n
			break
		}
	}
	if canon == "" && len(names) > 0 {
		canon = names[0]
	}
	if canon == "" && p.Name != "" {
		canon = p.Name
	}
	var rest []string
	for _, n := range append(append(append([]string(nil), names...), alts...), p.AlternateNames...) {
		if n != "" && n != canon {
			rest = append(rest, n)
		}
	}
	if p.Name != "" && p.Name != canon {
		rest = append(rest, p.Name)
	}
	slices.Sort(rest)
	p.Name, p.AlternateNames = canon, slices.Compact(rest)
}

// normalise sorts and deduplicates the person's lists.
func (p *Person) normalise() {
	slices.Sort(p.JobTitles)
	p.JobTitles = slices.Compact(p.JobTitles)
	slices.Sort(p.Represents)
	p.Represents = slices.Compact(p.Represents)
	slices.SortFunc(p.Affiliations, func(a, b Org) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	p.Affiliations = slices.CompactFunc(p.Affiliations, func(a, b Org) bool { return a.IRI == b.IRI })
}

// countryCode is a country's alpha-3 code: its countryCode literal, else
// the last segment of a country IRI.
func countryCode(iri quad.IRI, codes []string) string {
	if len(codes) > 0 {
		return codes[0]
	}
	if strings.HasPrefix(string(iri), schema.ID+"country/") {
		return schema.Local(iri)
	}
	return ""
}

// PeopleFromQuads returns the people that quads describe (subjects typed
// schema:Person), as People does for a store: the same view of an
// article's extraction before it is written.
func PeopleFromQuads(quads []quad.Quad) []Person {
	type node struct {
		personValues
		person bool
	}
	nodes := map[quad.IRI]*node{}
	get := func(iri quad.IRI) *node {
		n := nodes[iri]
		if n == nil {
			n = &node{}
			nodes[iri] = n
		}
		return n
	}
	var codes = map[quad.IRI][]string{}
	for _, q := range quads {
		sub, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		p, _ := q.Predicate.(quad.IRI)
		switch p {
		case schema.Type:
			if q.Object == schema.Person {
				get(sub).person = true
			}
		case schema.Name:
			get(sub).names = append(get(sub).names, q.Object)
		case schema.AlternateName:
			get(sub).alts = append(get(sub).alts, q.Object)
		case schema.JobTitle:
			get(sub).jobs = append(get(sub).jobs, q.Object)
		case schema.Affiliation:
			get(sub).affils = append(get(sub).affils, q.Object)
		case schema.Represents:
			get(sub).reprs = append(get(sub).reprs, q.Object)
		case schema.CountryCode:
			if c, ok := stringOf(q.Object); ok {
				codes[sub] = append(codes[sub], c)
			}
		}
	}
	var out []Person
	for iri, n := range nodes {
		if !n.person {
			continue
		}
		p := n.personValues.person(iri)
		for _, v := range n.affils {
			oi, ok := v.(quad.IRI)
			if !ok {
				continue
			}
			o := Org{IRI: oi}
			if on := nodes[oi]; on != nil {
				op := on.personValues.person(oi)
				o.Name, o.AlternateNames = op.Name, op.AlternateNames
			}
			p.Affiliations = append(p.Affiliations, o)
		}
		for _, v := range n.reprs {
			if ci, ok := v.(quad.IRI); ok {
				cs := codes[ci]
				slices.Sort(cs)
				if c := countryCode(ci, cs); c != "" {
					p.Represents = append(p.Represents, c)
				}
			}
		}
		p.normalise()
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Person) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	return out
}

// MergePeople merges lists of people by IRI: one Person per IRI with the
// union of what the lists say, sorted by IRI.
func MergePeople(lists ...[]Person) []Person {
	byIRI := map[quad.IRI]*Person{}
	var order []quad.IRI
	for _, list := range lists {
		for _, p := range list {
			m := byIRI[p.IRI]
			if m == nil {
				c := p
				c.AlternateNames = slices.Clone(p.AlternateNames)
				c.JobTitles = slices.Clone(p.JobTitles)
				c.Affiliations = slices.Clone(p.Affiliations)
				c.Represents = slices.Clone(p.Represents)
				byIRI[p.IRI] = &c
				order = append(order, p.IRI)
				continue
			}
			var names []string
			for _, n := range []string{m.Name, p.Name} {
				if n != "" {
					names = append(names, n)
				}
			}
			m.Name = ""
			m.setNames(names, p.AlternateNames)
			m.JobTitles = append(m.JobTitles, p.JobTitles...)
			m.Represents = append(m.Represents, p.Represents...)
			m.Affiliations = mergeOrgs(m.Affiliations, p.Affiliations)
		}
	}
	out := make([]Person, 0, len(order))
	for _, iri := range order {
		p := byIRI[iri]
		p.normalise()
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Person) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	return out
}

func mergeOrgs(a, b []Org) []Org {
	out := slices.Clone(a)
	for _, o := range b {
		i := slices.IndexFunc(out, func(x Org) bool { return x.IRI == o.IRI })
		if i < 0 {
			out = append(out, o)
			continue
		}
		x := &out[i]
		names := []string{}
		for _, n := range []string{x.Name, o.Name} {
			if n != "" {
				names = append(names, n)
			}
		}
		p := Person{IRI: x.IRI}
		p.setNames(names, append(slices.Clone(x.AlternateNames), o.AlternateNames...))
		x.Name, x.AlternateNames = p.Name, p.AlternateNames
	}
	return out
}
