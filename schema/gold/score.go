package gold

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/dkg/dkg/schema"
)

// Scored lists the local names of the predicates that precision is computed
// over: the direct actor-to-actor edges and whom an actor acts for.
var Scored = func() []string {
	var out []string
	for _, p := range append(slices.Clone(schema.DirectEdges), schema.Represents, schema.Affiliation) {
		out = append(out, schema.Local(p))
	}
	return out
}()

// Local names the scorer looks for, lower-cased: predicates are compared
// without regard to case.
var (
	predMet         = key(schema.Local(schema.Met))
	predType        = key(schema.Local(schema.Type))
	predParticipant = key(schema.Local(schema.Participant))
	predStatus      = key(schema.Local(schema.Status))
	predLocation    = key(schema.Local(schema.Location))
	predStartDate   = key(schema.Local(schema.StartDate))
	// predDate is schema.org's generic date, which the README accepts on
	// events besides startDate; dkg itself writes startDate.
	predDate = "date"

	// namePreds are the predicates that name a node, with the rank they
	// have when a node is rendered in a report (lowest first).
	namePreds = map[string]int{
		key(schema.Local(schema.Name)):          0,
		key(schema.Local(schema.Label)):         1,
		key(schema.Local(schema.AlternateName)): 2,
	}
)

func key(local string) string { return strings.ToLower(local) }

// Score scores the quads against f. Every quad counts, whatever its graph
// label: use ScoreArticle when the quads hold articles other than f's.
func Score(f *File, quads []quad.Quad) *Report {
	return ScoreArticle(f, quads, nil)
}

// ScoreArticle scores f against quads holding several articles. Names,
// types, recall, never rows and events use all the quads, since a fact told
// by another article still holds; precision counts only the edges of quads
// whose graph label is label (the article's IRI), so that each file is
// judged on what its own article added. A nil label counts every quad, as
// Score does.
func ScoreArticle(f *File, quads []quad.Quad, label quad.Value) *Report {
	g := index(quads)
	rep := &Report{Files: 1, ByPredicate: map[string][2]int{}}

	var allow []parsedRow
	for _, r := range f.Rows {
		if r.Expect == Event {
			e, err := parseEvent(r)
			rep.Events++
			if err == nil && g.eventHolds(e) {
				rep.EventsHeld++
			} else {
				rep.MissingEvents = append(rep.MissingEvents, r)
			}
			continue
		}
		p, ok := parse(r)
		held := ok && g.holds(p)
		switch r.Expect {
		case Fact:
			rep.Facts++
			c := rep.ByPredicate[r.Predicate]
			c[1]++
			if held {
				rep.FactsHeld++
				c[0]++
			} else {
				rep.Missing = append(rep.Missing, r)
			}
			rep.ByPredicate[r.Predicate] = c
		case Never:
			if held {
				rep.Never = append(rep.Never, r)
			}
		}
		if ok && (r.Expect == Fact || r.Expect == Bonus) {
			allow = append(allow, p)
		}
	}

	scored := map[string]bool{}
	for _, p := range Scored {
		scored[key(p)] = true
	}
	seen := map[string]bool{}
	labelKey := ""
	if label != nil {
		labelKey = quad.ToString(label)
	}
	for _, q := range quads {
		if !valid(q) || (label != nil && (q.Label == nil || quad.ToString(q.Label) != labelKey)) {
			continue
		}
		t := makeTriple(q)
		if !scored[t.pred] || seen[t.id()] {
			continue
		}
		seen[t.id()] = true
		rep.Edges++
		if g.allowed(t, allow) {
			rep.EdgesAllowed++
		} else {
			rep.Unexpected = append(rep.Unexpected, fmt.Sprintf("%s %s %s", g.display(t.s), t.local, g.display(t.o)))
		}
	}
	sort.Strings(rep.Unexpected)
	return rep
}

// parsedRow is a fact, bonus or never row with its terms parsed.
type parsedRow struct {
	subject, object term
	pred            string // lower-cased local name
}

func parse(r Row) (parsedRow, bool) {
	s, err1 := parseTerm(r.Subject)
	o, err2 := parseTerm(r.Object)
	return parsedRow{subject: s, object: o, pred: key(r.Predicate)}, err1 == nil && err2 == nil
}

// triple is a quad without its label.
type triple struct {
	s, o  quad.Value
	sk    string // quad.ToString(s)
	ok    string // quad.ToString(o)
	pk    string // quad.ToString of the predicate
	local string // local name of the predicate
	pred  string // key(local)
}

func (t triple) id() string { return t.sk + " " + t.pk + " " + t.ok }

func makeTriple(q quad.Quad) triple {
	local := localName(q.Predicate)
	return triple{
		s: q.Subject, o: q.Object,
		sk: quad.ToString(q.Subject), ok: quad.ToString(q.Object), pk: quad.ToString(q.Predicate),
		local: local, pred: key(local),
	}
}

func valid(q quad.Quad) bool {
	return q.Subject != nil && q.Predicate != nil && q.Object != nil
}

// localName is the local name of an IRI (prefixed IRIs are expanded first),
// or the string form of any other value.
func localName(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return schema.Local(iri.Full())
	}
	return quad.StringOf(v)
}

func isNode(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return true
	}
	return false
}

// literalText is the lexical form of a literal; ok is false for nodes.
func literalText(v quad.Value) (string, bool) {
	switch v := v.(type) {
	case quad.IRI, quad.BNode:
		return "", false
	case quad.String:
		return string(v), true
	case quad.TypedString:
		return string(v.Value), true
	case quad.LangString:
		return string(v.Value), true
	case quad.TypedStringer:
		return string(v.TypedString().Value), true
	}
	return quad.StringOf(v), true
}

// graph indexes the quads by node.
type graph struct {
	out   map[string][]triple // subject key -> distinct triples
	byPre map[string][]triple // predicate key -> distinct triples
	names map[string]map[string]bool
	texts map[string][]string // node key -> folded literal objects
	types map[string]map[string]bool
	shown map[string]string // node key -> name to show
	rank  map[string]int
}

func index(quads []quad.Quad) *graph {
	g := &graph{
		out:   map[string][]triple{},
		byPre: map[string][]triple{},
		names: map[string]map[string]bool{},
		texts: map[string][]string{},
		types: map[string]map[string]bool{},
		shown: map[string]string{},
		rank:  map[string]int{},
	}
	seen := map[string]bool{}
	for _, q := range quads {
		if !valid(q) {
			continue
		}
		t := makeTriple(q)
		if seen[t.id()] {
			continue
		}
		seen[t.id()] = true
		g.out[t.sk] = append(g.out[t.sk], t)
		g.byPre[t.pred] = append(g.byPre[t.pred], t)
		text, lit := literalText(t.o)
		if lit {
			g.texts[t.sk] = append(g.texts[t.sk], schema.Fold(text))
			if r, ok := namePreds[t.pred]; ok {
				add(g.names, t.sk, schema.Fold(text))
				old, named := g.rank[t.sk]
				if !named || r < old || (r == old && text < g.shown[t.sk]) {
					g.rank[t.sk], g.shown[t.sk] = r, text
				}
			}
		}
		if t.pred == predType && isNode(t.o) {
			add(g.types, t.sk, schema.Fold(localName(t.o)))
		}
	}
	return g
}

func add(m map[string]map[string]bool, k, v string) {
	if m[k] == nil {
		m[k] = map[string]bool{}
	}
	m[k][v] = true
}

// display renders a value in a report: a node by its name, else its IRI; a
// literal quoted.
func (g *graph) display(v quad.Value) string {
	if text, lit := literalText(v); lit {
		return fmt.Sprintf("%q", text)
	}
	if name, ok := g.shown[quad.ToString(v)]; ok {
		return name
	}
	return quad.ToString(v)
}

// named reports whether a node has a name.
func (g *graph) named(k string) bool { return len(g.names[k]) > 0 }

// matchNode reports whether the node with key k matches t.
func (g *graph) matchNode(t term, k string) bool {
	if t.event {
		plain := term{aliases: t.aliases}
		for _, e := range g.out[k] {
			if e.pred == predParticipant && isNode(e.o) && g.matchNode(plain, e.ok) {
				return true
			}
		}
		return false
	}
	for _, a := range t.aliases {
		if a.text {
			for _, text := range g.texts[k] {
				if strings.Contains(text, a.key) {
					return true
				}
			}
		} else if g.names[k][a.key] {
			return true
		}
	}
	return false
}

// matchObject reports whether the object of an edge with predicate key pred
// matches t.
func (g *graph) matchObject(t term, pred string, o quad.Value, k string) bool {
	if text, lit := literalText(o); lit {
		folded := schema.Fold(text)
		for _, a := range t.aliases {
			if a.text && !t.event && strings.Contains(folded, a.key) {
				return true
			}
		}
		return false
	}
	if pred == predType && !t.event {
		class := schema.Fold(localName(o))
		for _, a := range t.aliases {
			if !a.text && a.key == class {
				return true
			}
		}
	}
	return g.matchNode(t, k)
}

// matchTriple reports whether the edge t makes row p hold: met is
// symmetric.
func (g *graph) matchTriple(p parsedRow, t triple) bool {
	if t.pred != p.pred {
		return false
	}
	if g.matchNode(p.subject, t.sk) && g.matchObject(p.object, t.pred, t.o, t.ok) {
		return true
	}
	return t.pred == predMet && isNode(t.o) &&
		g.matchNode(p.subject, t.ok) && g.matchObject(p.object, t.pred, t.s, t.sk)
}

// holds reports whether some edge makes p hold.
func (g *graph) holds(p parsedRow) bool {
	for _, t := range g.byPre[p.pred] {
		if g.matchTriple(p, t) {
			return true
		}
	}
	return false
}

// allowed reports whether a scored edge is correct: its object is a named
// node and a fact or bonus row allows it.
func (g *graph) allowed(t triple, rows []parsedRow) bool {
	if !isNode(t.o) || !g.named(t.ok) {
		return false
	}
	for _, p := range rows {
		if g.matchTriple(p, t) {
			return true
		}
	}
	return false
}

// eventHolds reports whether one node satisfies every part of e.
func (g *graph) eventHolds(e event) bool {
	for _, t := range g.byPre[predType] {
		if g.isClass(t, e.classes) && g.eventNode(e, t.sk) {
			return true
		}
	}
	return false
}

func (g *graph) isClass(t triple, classes []string) bool {
	if !isNode(t.o) {
		return false
	}
	class := schema.Fold(localName(t.o))
	for _, c := range classes {
		if c == class {
			return true
		}
	}
	return false
}

func (g *graph) eventNode(e event, k string) bool {
	for _, p := range e.participants {
		if !g.hasEdge(k, func(t triple) bool {
			return t.pred == predParticipant && isNode(t.o) && g.matchNode(p, t.ok)
		}) {
			return false
		}
	}
	if !g.hasEdge(k, func(t triple) bool {
		if t.pred != predStatus {
			return false
		}
		if text, lit := literalText(t.o); lit {
			return e.statuses[schema.Fold(text)]
		}
		return e.statuses[schema.Fold(localName(t.o))]
	}) {
		return false
	}
	if e.places != nil && !g.hasEdge(k, func(t triple) bool {
		return t.pred == predLocation && isNode(t.o) && g.matchNode(*e.places, t.ok)
	}) {
		return false
	}
	if e.date != "" && !g.hasEdge(k, func(t triple) bool {
		if t.pred != predStartDate && t.pred != predDate {
			return false
		}
		text, lit := literalText(t.o)
		return lit && strings.HasPrefix(strings.TrimSpace(text), e.date)
	}) {
		return false
	}
	return true
}

func (g *graph) hasEdge(k string, ok func(triple) bool) bool {
	for _, t := range g.out[k] {
		if ok(t) {
			return true
		}
	}
	return false
}
