package export

import (
	"cmp"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Model is the diplomacy a set of quads tells, read back into Go values:
// the entities, the articles, the events as each article tells them, and
// the relations between entities. GraphML, DOT and the events CSV are
// written from it.
type Model struct {
	Entities map[quad.Value]*Entity
	Articles map[quad.Value]*Article
	Events   map[quad.Value]*Event
	// Relations are the direct edges (met, visited, sanctioned, urged,
	// accused) and links (affiliation, represents, memberOf) between two
	// entities, one per quad: the same relation told by two articles is
	// two Relations.
	Relations []*Relation

	names     map[quad.Value]string       // schema:name (else rdfs:label) of any node
	codes     map[quad.Value]string       // countryCode
	countryOf map[quad.Value][]quad.Value // represents and memberOf
	tellsIn   map[quad.Value][]told       // the events each article tells
}

type told struct {
	event *Event
	tale  *Telling
}

// Entity is a node drawn in a network: a person, an organisation, a
// country, a group or a place.
type Entity struct {
	ID    quad.Value
	Class quad.IRI
	Name  string
	Title string // jobTitle, for a person
	// Country is where it belongs, as ISO 3166 alpha-3 codes: a country's
	// own code, a person's represents, a group's memberOf.
	Country []string
}

// Article is the provenance of what it tells.
type Article struct {
	ID                       quad.Value
	URL, Headline, Published string
}

// Source is how a row or an edge names its article: the URL, else the
// headline, else the IRI.
func (a *Article) Source() string {
	switch {
	case a == nil:
		return ""
	case a.URL != "":
		return a.URL
	case a.Headline != "":
		return a.Headline
	}
	return nodeID(a.ID)
}

// Event is an event node (not a Statement): what happened, and how each
// article tells it.
type Event struct {
	ID     quad.Value
	Class  quad.IRI
	Date   string // YYYY, YYYY-MM or YYYY-MM-DD; "" when not known
	Status string
	// Tellings are the articles' accounts, in the order first seen.
	Tellings []*Telling
}

// Telling is an event as one article tells it.
type Telling struct {
	Article                                          quad.Value // nil for quads without a label
	Actors, Recipients, Participants, Places, Issues []quad.Value
	Cameo, Plover                                    string
	Evidence                                         []evidence
}

type evidence struct {
	start int
	text  string
}

// Relation is an edge between two entities, from one article.
type Relation struct {
	From, To  quad.Value
	Predicate quad.IRI
	Article   quad.Value
	// Date is the date of the event behind a direct edge: the latest of
	// the events that occurred in the article, of the class the edge
	// stands for, between the two. "" for links and when none is known.
	Date string
}

// Kind is the relation's local name: "met", "represents".
func (r *Relation) Kind() string { return schema.Local(r.Predicate) }

var (
	entityClasses = []quad.IRI{schema.Person, schema.Organization, schema.Country, schema.Group, schema.Place}
	// edgeEvents are the event classes behind each direct edge.
	edgeEvents = schema.EdgeEvent
	// eventClassSet are the event classes; Statement is not one here.
	eventClassSet = func() map[quad.Value]bool {
		m := make(map[quad.Value]bool)
		for _, t := range schema.Terms {
			if t.Kind == "event class" && t.IRI != schema.Statement {
				m[t.IRI] = true
			}
		}
		return m
	}()
)

// NewModel reads quads into a Model.
func NewModel(quads []quad.Quad) *Model {
	m := &Model{
		Entities: make(map[quad.Value]*Entity),
		Articles: make(map[quad.Value]*Article),
		Events:   make(map[quad.Value]*Event),
		names:    make(map[quad.Value]string),
		codes:    make(map[quad.Value]string),
		tellsIn:  make(map[quad.Value][]told),
	}
	labels := make(map[quad.Value]string)
	titles := make(map[quad.Value]string)
	countryOf := make(map[quad.Value][]quad.Value)
	m.countryOf = countryOf
	// First the types, names and other attributes of nodes.
	for _, q := range quads {
		s := q.Subject
		switch q.Predicate {
		case schema.Type:
			switch {
			case slices.Contains(entityClasses, iriOf(q.Object)):
				if m.Entities[s] == nil || classRank(iriOf(q.Object)) < classRank(m.Entities[s].Class) {
					m.Entities[s] = &Entity{ID: s, Class: iriOf(q.Object)}
				}
			case q.Object == schema.NewsArticle:
				m.article(s)
			case eventClassSet[q.Object]:
				if m.Events[s] == nil {
					m.Events[s] = &Event{ID: s, Class: iriOf(q.Object)}
				}
			}
		case schema.Name:
			m.names[s] = minNonEmpty(m.names[s], text(q.Object))
		case schema.Label:
			labels[s] = minNonEmpty(labels[s], text(q.Object))
		case schema.JobTitle:
			titles[s] = minNonEmpty(titles[s], text(q.Object))
		case schema.CountryCode:
			m.codes[s] = minNonEmpty(m.codes[s], text(q.Object))
		case schema.Represents, schema.MemberOf:
			if !slices.Contains(countryOf[s], q.Object) {
				countryOf[s] = append(countryOf[s], q.Object)
			}
		}
	}
	for v, l := range labels {
		if m.names[v] == "" {
			m.names[v] = l
		}
	}
	for _, q := range quads {
		if a := m.Articles[q.Subject]; a != nil {
			switch q.Predicate {
			case schema.URL:
				a.URL = minNonEmpty(a.URL, text(q.Object))
			case schema.Headline:
				a.Headline = minNonEmpty(a.Headline, text(q.Object))
			case schema.DatePublished:
				a.Published = minNonEmpty(a.Published, text(q.Object))
			}
		}
	}
	// Events, article by article.
	tellings := make(map[[2]quad.Value]*Telling)
	for _, q := range quads {
		ev := m.Events[q.Subject]
		if ev == nil {
			continue
		}
		k := [2]quad.Value{q.Subject, q.Label}
		t := tellings[k]
		if t == nil {
			t = &Telling{Article: q.Label}
			tellings[k] = t
			ev.Tellings = append(ev.Tellings, t)
			m.tellsIn[q.Label] = append(m.tellsIn[q.Label], told{ev, t})
		}
		add := func(list *[]quad.Value) {
			if !slices.Contains(*list, q.Object) {
				*list = append(*list, q.Object)
			}
		}
		switch q.Predicate {
		case schema.StartDate:
			ev.Date = maxDate(ev.Date, text(q.Object))
		case schema.Status:
			ev.Status = minNonEmpty(ev.Status, text(q.Object))
		case schema.Actor:
			add(&t.Actors)
		case schema.Recipient:
			add(&t.Recipients)
		case schema.Participant:
			add(&t.Participants)
		case schema.Location:
			add(&t.Places)
		case schema.About:
			add(&t.Issues)
		case schema.CameoCode:
			t.Cameo = minNonEmpty(t.Cameo, text(q.Object))
		case schema.PloverType:
			t.Plover = minNonEmpty(t.Plover, text(q.Object))
		case schema.Evidence:
			t.Evidence = append(t.Evidence, evidence{start: -1, text: text(q.Object)})
		}
	}
	// Evidence in the order of the text, where the offsets say.
	starts := make(map[[2]quad.Value]int)
	for _, q := range quads {
		if q.Predicate == schema.EvidenceStart && m.Events[q.Subject] != nil {
			if n, ok := intOf(q.Object); ok {
				starts[[2]quad.Value{q.Subject, q.Label}] = n
			}
		}
	}
	for k, t := range tellings {
		if n, ok := starts[k]; ok && len(t.Evidence) == 1 {
			t.Evidence[0].start = n
		}
	}
	// Entities get their names and countries.
	for id, e := range m.Entities {
		e.Name = m.Name(id)
		e.Title = titles[id]
		if e.Class == schema.Country {
			e.Country = []string{m.Code(id)}
		}
		for _, c := range countryOf[id] {
			if code := m.Code(c); code != "" && !slices.Contains(e.Country, code) {
				e.Country = append(e.Country, code)
			}
		}
	}
	// Relations between entities, dated by the events behind them.
	seen := make(map[[4]quad.Value]bool)
	for _, q := range quads {
		p := iriOf(q.Predicate)
		if _, direct := edgeEvents[p]; !direct && !slices.Contains(schema.Links, p) {
			continue
		}
		k := [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label}
		if seen[k] {
			continue
		}
		seen[k] = true
		r := &Relation{From: q.Subject, To: q.Object, Predicate: p, Article: q.Label}
		if class, ok := edgeEvents[p]; ok {
			r.Date = m.edgeDate(class, q.Subject, q.Object, q.Label)
		}
		m.Relations = append(m.Relations, r)
	}
	slices.SortStableFunc(m.Relations, func(a, b *Relation) int {
		return cmp.Or(
			cmp.Compare(nodeID(a.From), nodeID(b.From)),
			cmp.Compare(a.Predicate, b.Predicate),
			cmp.Compare(nodeID(a.To), nodeID(b.To)),
			cmp.Compare(a.Date, b.Date),
			cmp.Compare(m.Articles[a.Article].Source(), m.Articles[b.Article].Source()),
		)
	})
	return m
}

func (m *Model) article(id quad.Value) *Article {
	a := m.Articles[id]
	if a == nil {
		a = &Article{ID: id}
		m.Articles[id] = a
	}
	return a
}

// edgeDate is the latest date of the events of class that occurred, as
// article tells them, with both from and to among their parties.
func (m *Model) edgeDate(class quad.IRI, from, to, article quad.Value) string {
	date := ""
	for _, x := range m.tellsIn[article] {
		if ev := x.event; ev.Class == class && ev.Status == schema.Occurred && ev.Date != "" {
			if ps := x.tale.Parties(); slices.Contains(ps, from) && slices.Contains(ps, to) {
				date = maxDate(date, ev.Date)
			}
		}
	}
	return date
}

// Parties are everyone the telling puts in the event, places included.
func (t *Telling) Parties() []quad.Value {
	var out []quad.Value
	for _, l := range [][]quad.Value{t.Actors, t.Recipients, t.Participants, t.Places} {
		for _, v := range l {
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// Name is a node's name: its schema:name (the first in sort order when
// articles differ), else its rdfs:label, else the end of its IRI.
func (m *Model) Name(v quad.Value) string {
	if n := m.names[v]; n != "" {
		return n
	}
	if iri, ok := v.(quad.IRI); ok {
		return schema.Local(iri)
	}
	return nodeID(v)
}

// Code is a country's ISO 3166 alpha-3 code: its countryCode, else the end
// of a dkg country IRI; "" for anything else.
func (m *Model) Code(v quad.Value) string {
	if c := m.codes[v]; c != "" {
		return c
	}
	if iri, ok := v.(quad.IRI); ok {
		if code, ok := strings.CutPrefix(string(iri), schema.ID+"country/"); ok {
			return code
		}
	}
	return ""
}

// Countries are the codes of the countries the nodes belong to, each once.
func (m *Model) Countries(vs []quad.Value) []string {
	var out []string
	for _, v := range vs {
		var codes []string
		if e := m.Entities[v]; e != nil {
			codes = e.Country
		} else if c := m.Code(v); c != "" {
			codes = []string{c}
		} else {
			for _, c := range m.countryOf[v] {
				codes = append(codes, m.Code(c))
			}
		}
		for _, c := range codes {
			if c != "" && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// SortedEntities are the entities by name, then IRI.
func (m *Model) SortedEntities() []*Entity {
	out := make([]*Entity, 0, len(m.Entities))
	for _, e := range m.Entities {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *Entity) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(nodeID(a.ID), nodeID(b.ID)))
	})
	return out
}

// classRank orders entity classes for a node typed twice: the more
// specific class wins.
func classRank(c quad.IRI) int {
	if i := slices.Index(entityClasses, c); i >= 0 {
		return i
	}
	return len(entityClasses)
}

func iriOf(v quad.Value) quad.IRI {
	if iri, ok := v.(quad.IRI); ok {
		return iri
	}
	return ""
}

// text is a literal's lexical form, or an IRI.
func text(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedString:
		return string(v.Value)
	case quad.TypedStringer:
		return string(v.TypedString().Value)
	case quad.IRI:
		return string(v)
	case nil:
		return ""
	}
	return v.String()
}

func intOf(v quad.Value) (int, bool) {
	s := text(v)
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1<<40 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, s != ""
}

// minNonEmpty keeps the first of two strings in sort order, ignoring "".
func minNonEmpty(a, b string) string {
	if a == "" || b != "" && b < a {
		return b
	}
	return a
}

// maxDate keeps the later date; at one start the more precise wins
// ("2024-10-23" over "2024-10").
func maxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
}

// Names are the nodes' names, in order.
func (m *Model) Names(vs []quad.Value) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = m.Name(v)
	}
	return out
}

func localName(c quad.IRI) string { return schema.Local(c) }

// join joins the values of a cell or attribute.
func join(vs []string) string { return strings.Join(vs, ";") }
