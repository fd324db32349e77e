package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Corrections are what a person told dkg that extraction got wrong: two
// nodes that are one entity (Merge) and names an entity also goes by
// (Alias). They are kept in DIR/corrections.json, beside the store, and
// applied to every article's quads before they are written, so that
// reindex and later ingests keep them. Their names also live in the graph
// CorrectionsGraph, where queries and name resolution see them.
type Corrections struct {
	Merges  []Merge `json:"merges,omitempty"`
	Aliases []Alias `json:"aliases,omitempty"`

	target map[quad.IRI]quad.IRI // From -> final Into, built lazily
}

// Merge says that node From is node Into: From is rewritten to Into in
// every article, and From's names become Into's alternate names.
type Merge struct {
	Into quad.IRI `json:"into"`
	From quad.IRI `json:"from"`
	// Names are From's names when the merge was made.
	Names []string `json:"names,omitempty"`
}

// Alias says that Entity is also called Name.
type Alias struct {
	Entity quad.IRI `json:"entity"`
	Name   string   `json:"name"`
}

// CorrectionsGraph is the label of the quads that hold the corrections'
// names.
const CorrectionsGraph = quad.IRI(schema.ID + "corrections")

const correctionsFile = "corrections.json"

// LoadCorrections reads the corrections of the store in storeDir (none when
// the file does not exist).
func LoadCorrections(storeDir string) (*Corrections, error) {
	b, err := os.ReadFile(filepath.Join(storeDir, correctionsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return &Corrections{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read corrections: %w", err)
	}
	var c Corrections
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("read corrections: %s: %w", correctionsFile, err)
	}
	return &c, nil
}

// Save writes the corrections to storeDir atomically (aside, synced, then
// renamed).
func (c *Corrections) Save(storeDir string) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	f, err := os.CreateTemp(storeDir, ".corrections-*")
	if err != nil {
		return fmt.Errorf("save corrections: %w", err)
	}
	_, err = f.Write(b)
	if e := f.Sync(); err == nil {
		err = e
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(storeDir, correctionsFile))
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("save corrections: %w", err)
	}
	return nil
}

// Empty reports whether there is no correction.
func (c *Corrections) Empty() bool { return len(c.Merges) == 0 && len(c.Aliases) == 0 }

// Target is the node iri stands for after the merges and aliases (itself
// when it was never merged into another). An alias NAME of an entity also
// stands for the node an extractor makes when it meets NAME alone: the IRI
// of NAME in the entity's namespace (person/, org/, ...), so that a later
// "Ato Tesfaye said" reaches Tesfaye Bekele once "Ato Tesfaye" is his
// alias.
func (c *Corrections) Target(iri quad.IRI) quad.IRI {
	if len(c.Merges) == 0 && len(c.Aliases) == 0 {
		return iri
	}
	if c.target == nil {
		c.target = map[quad.IRI]quad.IRI{}
		for _, m := range c.Merges {
			c.target[m.From] = m.Into
		}
		for _, a := range c.Aliases {
			if d := AliasIRI(a.Entity, a.Name); d != "" && d != a.Entity {
				if _, ok := c.target[d]; !ok {
					c.target[d] = a.Entity
				}
			}
		}
	}
	for seen := 0; seen <= len(c.target); seen++ {
		next, ok := c.target[iri]
		if !ok || next == iri {
			return iri
		}
		iri = next
	}
	return iri
}

// AliasIRI is the node an extractor makes for name alone, in entity's
// namespace; "" for a country (known by its code) or an IRI outside dkg's
// namespaces.
func AliasIRI(entity quad.IRI, name string) quad.IRI {
	local, ok := strings.CutPrefix(string(entity), schema.ID)
	if !ok {
		return ""
	}
	kind, _, _ := strings.Cut(local, "/")
	switch kind {
	case "person":
		return schema.PersonIRI(name)
	case "org":
		return schema.OrganizationIRI(name)
	case "place":
		return schema.PlaceIRI(name)
	case "issue":
		return schema.IssueIRI(name)
	case "group":
		return schema.GroupIRI(name)
	}
	return ""
}

// AddMerge records that from is into. It refuses a merge that would make a
// node its own alias (into already stands for from).
func (c *Corrections) AddMerge(into, from quad.IRI, names []string) error {
	if c.Target(into) == c.Target(from) {
		return fmt.Errorf("%s and %s are already one node", into, from)
	}
	c.Merges = append(c.Merges, Merge{Into: into, From: from, Names: names})
	c.target = nil
	return nil
}

// AddAlias records that entity is also called name; it reports false when
// that was known.
func (c *Corrections) AddAlias(entity quad.IRI, name string) bool {
	a := Alias{Entity: entity, Name: name}
	if slices.Contains(c.Aliases, a) {
		return false
	}
	c.Aliases = append(c.Aliases, a)
	c.target = nil
	return true
}

// directEdges are the actor-to-actor predicates; after a merge an edge from
// a node to itself says nothing and is dropped.
var directEdges = schema.DirectEdges

// Apply returns an article's quads with the corrections applied: every
// merged node (and every node an alias stands for, see Target) is replaced
// by the node it was merged into, its schema:name becomes
// a schema:alternateName, a direct edge from a node to itself goes, and the
// statements and events whose speaker or participants changed get the IRIs
// the extractor would have given them had it known (schema.StatementIRI,
// schema.EventIRI). Quads that no merge touches are returned as they are.
func (c *Corrections) Apply(quads []quad.Quad) []quad.Quad {
	if c.Empty() {
		return quads
	}
	changed := map[quad.IRI]bool{} // nodes with a rewritten object
	rewritten := false
	out := make([]quad.Quad, 0, len(quads))
	for _, q := range quads {
		s, _ := q.Subject.(quad.IRI)
		if t := c.Target(s); t != s {
			q.Subject, rewritten = t, true
			if q.Predicate == schema.Name {
				q.Predicate = schema.AlternateName
			}
		}
		if o, ok := q.Object.(quad.IRI); ok {
			if t := c.Target(o); t != o {
				q.Object = t
				if ns, ok := q.Subject.(quad.IRI); ok {
					changed[ns] = true
				}
			}
		}
		if p, _ := q.Predicate.(quad.IRI); q.Subject == q.Object && slices.Contains(directEdges, p) {
			continue
		}
		out = append(out, q)
	}
	if !rewritten && len(changed) == 0 {
		return quads
	}
	if len(changed) == 0 {
		return dropSelfNames(out)
	}
	// New IRIs for the statements and events whose parties changed.
	rename := map[quad.IRI]quad.IRI{}
	type node struct {
		class, actor  quad.IRI
		text, date    string
		status        string
		participants  []quad.IRI
		statement, ev bool
	}
	nodes := map[quad.IRI]*node{}
	for _, q := range out {
		s, ok := q.Subject.(quad.IRI)
		if !ok || !changed[s] {
			continue
		}
		n := nodes[s]
		if n == nil {
			n = &node{}
			nodes[s] = n
		}
		switch q.Predicate {
		case schema.Type:
			if q.Object == schema.Statement {
				n.statement = true
			} else if cl, ok := q.Object.(quad.IRI); ok && isEventClass(cl) {
				n.ev, n.class = true, cl
			}
		case schema.Actor:
			if a, ok := q.Object.(quad.IRI); ok && n.actor == "" {
				n.actor = a
			}
		case schema.Text:
			n.text, _ = stringOf(q.Object)
		case schema.StartDate:
			n.date, _ = stringOf(q.Object)
		case schema.Status:
			n.status, _ = stringOf(q.Object)
		case schema.Participant:
			if p, ok := q.Object.(quad.IRI); ok && !slices.Contains(n.participants, p) {
				n.participants = append(n.participants, p)
			}
		}
	}
	for iri, n := range nodes {
		switch {
		case n.statement && n.actor != "" && n.text != "":
			rename[iri] = schema.StatementIRI(n.actor, n.text)
		case n.ev:
			rename[iri] = schema.EventIRI(n.class, n.participants, n.date, n.status)
		}
	}
	for i, q := range out {
		if s, ok := q.Subject.(quad.IRI); ok && rename[s] != "" {
			q.Subject = rename[s]
		}
		if o, ok := q.Object.(quad.IRI); ok && rename[o] != "" {
			q.Object = rename[o]
		}
		out[i] = q
	}
	return dropSelfNames(out)
}

// dropSelfNames drops an alternateName that a node also has as its name
// in the same article (a merged node's name equal to its target's).
func dropSelfNames(quads []quad.Quad) []quad.Quad {
	names := map[[2]string]bool{}
	for _, q := range quads {
		if q.Predicate == schema.Name {
			names[[2]string{q.Subject.String(), q.Object.String()}] = true
		}
	}
	out := quads[:0:0]
	for _, q := range quads {
		if q.Predicate == schema.AlternateName && names[[2]string{q.Subject.String(), q.Object.String()}] {
			continue
		}
		out = append(out, q)
	}
	return out
}

// Quads returns the corrections graph: for each merge, the merged node's
// names as alternate names (and name keys) of the node it was merged into;
// for each alias, the name on its entity (after the merges).
func (c *Corrections) Quads() []quad.Quad {
	var out []quad.Quad
	seen := map[[2]string]bool{}
	add := func(s quad.IRI, name string) {
		if name == "" {
			return
		}
		for _, q := range []quad.Quad{
			{Subject: s, Predicate: schema.AlternateName, Object: quad.String(name), Label: CorrectionsGraph},
			{Subject: s, Predicate: schema.NameKey, Object: quad.String(schema.Fold(name)), Label: CorrectionsGraph},
		} {
			k := [2]string{q.Subject.String() + " " + q.Predicate.String(), q.Object.String()}
			if !seen[k] && q.Object.String() != `""` {
				seen[k] = true
				out = append(out, q)
			}
		}
	}
	for _, m := range c.Merges {
		for _, n := range m.Names {
			add(c.Target(m.Into), n)
		}
	}
	for _, a := range c.Aliases {
		add(c.Target(a.Entity), a.Name)
	}
	return out
}

// People returns what the corrections say about names, as people with
// alternate names only, to be merged (MergePeople) with the people found
// elsewhere. Entities other than people are among them; a caller keeps
// only those it also knows from elsewhere.
func (c *Corrections) People() []Person {
	byIRI := map[quad.IRI]*Person{}
	for _, q := range c.Quads() {
		if q.Predicate != schema.AlternateName {
			continue
		}
		s := q.Subject.(quad.IRI)
		p := byIRI[s]
		if p == nil {
			p = &Person{IRI: s}
			byIRI[s] = p
		}
		n, _ := stringOf(q.Object)
		p.AlternateNames = append(p.AlternateNames, n)
	}
	var out []Person
	for _, p := range byIRI {
		slices.Sort(p.AlternateNames)
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Person) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	return out
}

// PutCorrections writes the corrections graph: replaced in one
// transaction, removed when there is no correction.
func (s *Store) PutCorrections(c *Corrections) (Change, error) {
	qs := c.Quads()
	if len(qs) == 0 {
		removed, err := s.Remove(CorrectionsGraph)
		if err != nil || !removed {
			return Unchanged, err
		}
		return Replaced, nil
	}
	return s.Put(CorrectionsGraph, qs)
}

// ArticlesAbout returns the labels of the quads that have node as subject
// or object, sorted: the articles (and the corrections graph) that say
// something about it.
func (s *Store) ArticlesAbout(ctx context.Context, node quad.IRI) ([]quad.IRI, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil, ErrClosed
	}
	ref, err := s.qs.ValueOf(node)
	if err != nil || ref == nil {
		return nil, err
	}
	seen := map[quad.IRI]bool{}
	seenRef := map[any]bool{}
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		it := s.qs.QuadIterator(d, ref).Iterate()
		var labels []cgraph.Ref
		for it.Next(ctx) {
			l, err := s.qs.QuadDirection(it.Result(), quad.Label)
			if err != nil {
				it.Close()
				return nil, err
			}
			if l != nil && !seenRef[l.Key()] {
				seenRef[l.Key()] = true
				labels = append(labels, l)
			}
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return nil, fmt.Errorf("articles about %s: %w", node, err)
		}
		vals, err := cgraph.ValuesOf(ctx, s.qs, labels)
		if err != nil {
			return nil, fmt.Errorf("articles about %s: %w", node, err)
		}
		for _, v := range vals {
			if iri, ok := v.(quad.IRI); ok {
				seen[iri] = true
			}
		}
	}
	out := make([]quad.IRI, 0, len(seen))
	for iri := range seen {
		out = append(out, iri)
	}
	slices.Sort(out)
	return out, nil
}
