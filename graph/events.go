package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// One real event told by several articles should be one node. The
// extractor's event IRIs already merge reports that agree exactly (class,
// participants, date and status); EventMatcher also merges reports whose
// dates differ only in precision ("2022" and "2022-11") or by a day (time
// zones, "on Wednesday local time"), so that every article is a source of
// the same node. Each article's graph keeps its own quads about the node:
// its date, evidence and status.

// Event is an event node as the graph (or an article) describes it.
type Event struct {
	IRI quad.IRI
	// Class is the event class (schema.Meeting, ...).
	Class quad.IRI
	// Participants, sorted.
	Participants []quad.IRI
	// Dates are the startDate literals, sorted (a node that several
	// articles date differently has several).
	Dates []string
	// Statuses, sorted.
	Statuses []string
}

// isEventClass reports whether c is an event class (Statement is not: its
// IRI is its speaker and words).
func isEventClass(c quad.IRI) bool { return slices.Contains(eventClasses, c) }

// key groups events that may be one: same class, status and participants.
func (e *Event) key() string {
	ps := make([]string, len(e.Participants))
	for i, p := range e.Participants {
		ps[i] = string(p)
	}
	return string(e.Class) + "|" + strings.Join(e.Statuses, ",") + "|" + strings.Join(ps, " ")
}

// Same reports whether e and o can be one real event: the same class, the
// same set of participants, the same status, and dates that all agree
// (DatesAgree). Events without a date or participants never match: their
// IRIs merge them when they are equal, and nothing else can be said.
func (e *Event) Same(o *Event) bool {
	if e.Class != o.Class || len(e.Participants) == 0 || !slices.Equal(e.Participants, o.Participants) ||
		!slices.Equal(e.Statuses, o.Statuses) || len(e.Dates) == 0 || len(o.Dates) == 0 {
		return false
	}
	for _, a := range e.Dates {
		for _, b := range o.Dates {
			if !DatesAgree(a, b) {
				return false
			}
		}
	}
	return true
}

// DatesAgree reports whether two dates (YYYY, YYYY-MM or YYYY-MM-DD) can
// name the same day: equal, one a prefix of the other ("2023-11" and
// "2023-11-15"), or two days at most one day apart.
func DatesAgree(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if a == b || strings.HasPrefix(a, b+"-") || strings.HasPrefix(b, a+"-") {
		return true
	}
	if len(a) != 10 || len(b) != 10 {
		return false
	}
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return false
	}
	d := ta.Sub(tb)
	return d <= 24*time.Hour && d >= -24*time.Hour
}

// EventsFromQuads returns the event nodes quads describe, sorted by IRI.
func EventsFromQuads(quads []quad.Quad) []Event {
	byIRI := map[quad.IRI]*Event{}
	get := func(iri quad.IRI) *Event {
		e := byIRI[iri]
		if e == nil {
			e = &Event{IRI: iri}
			byIRI[iri] = e
		}
		return e
	}
	for _, q := range quads {
		sub, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		switch q.Predicate {
		case schema.Type:
			if c, ok := q.Object.(quad.IRI); ok && isEventClass(c) {
				get(sub).Class = c
			}
		case schema.Participant:
			if p, ok := q.Object.(quad.IRI); ok {
				get(sub).Participants = append(get(sub).Participants, p)
			}
		case schema.StartDate:
			if d, ok := stringOf(q.Object); ok {
				get(sub).Dates = append(get(sub).Dates, d)
			}
		case schema.Status:
			if st, ok := stringOf(q.Object); ok {
				get(sub).Statuses = append(get(sub).Statuses, st)
			}
		}
	}
	var out []Event
	for _, e := range byIRI {
		if e.Class == "" {
			continue
		}
		e.normalise()
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b Event) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	return out
}

func (e *Event) normalise() {
	slices.Sort(e.Participants)
	e.Participants = slices.Compact(e.Participants)
	slices.Sort(e.Dates)
	e.Dates = slices.Compact(e.Dates)
	slices.Sort(e.Statuses)
	e.Statuses = slices.Compact(e.Statuses)
}

// EventsWith returns the event nodes participant takes part in, sorted by
// IRI: In(participant) through the [O,P,S] index, then each event's class,
// participants, dates and statuses by (subject, predicate). An event node
// with several classes is returned once per event class.
func (s *Store) EventsWith(ctx context.Context, participant quad.IRI) ([]Event, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil, ErrClosed
	}
	evs, err := s.eventsWith(ctx, participant)
	if err != nil {
		return nil, fmt.Errorf("events of %s: %w", participant, err)
	}
	return evs, nil
}

func (s *Store) eventsWith(ctx context.Context, participant quad.IRI) ([]Event, error) {
	r, err := s.refsOf(participant, schema.Participant, schema.Type, schema.StartDate, schema.Status)
	if err != nil {
		return nil, err
	}
	pref, part, typ, date, status := r[0], r[1], r[2], r[3], r[4]
	if pref == nil || part == nil {
		return nil, nil
	}
	subjects, err := s.endsOf(ctx, quad.Object, pref, part, quad.Subject)
	if err != nil {
		return nil, err
	}
	var out []Event
	for _, sv := range subjects {
		iri, ok := sv.(quad.IRI)
		if !ok {
			continue
		}
		sref, err := s.qs.ValueOf(iri)
		if err != nil {
			return nil, err
		}
		vals := make([][]quad.Value, 4)
		for i, p := range []cgraph.Ref{typ, part, date, status} {
			if vals[i], err = s.objectsOf(ctx, sref, p); err != nil {
				return nil, err
			}
		}
		e := Event{IRI: iri, Dates: stringsOf(vals[2]), Statuses: stringsOf(vals[3])}
		for _, v := range vals[1] {
			if p, ok := v.(quad.IRI); ok {
				e.Participants = append(e.Participants, p)
			}
		}
		e.normalise()
		for _, v := range vals[0] {
			if c, ok := v.(quad.IRI); ok && isEventClass(c) {
				e.Class = c
				out = append(out, e)
			}
		}
	}
	slices.SortFunc(out, func(a, b Event) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	return out, nil
}

// EventMatcher gives the events of a run of articles one node per real
// event. Articles go through Canonical in a fixed order (the input order);
// each of their events is matched against the events of the articles
// before it in the run and, when the matcher has a store, against the
// events already stored. The result depends only on that order and on the
// store's content, never on timing.
type EventMatcher struct {
	store *Store
	// stored caches the store's events by participant, then key;
	// accepted holds the events of this run (and stored events they
	// merged into, with the dates they gained), by key.
	stored   map[quad.IRI]map[string][]Event
	accepted map[string][]*Event
	// want holds the keys of the events matched so far: the cache keeps
	// only stored events that can match one.
	want map[string]bool
}

// NewEventMatcher returns a matcher over store (nil: only the run's own
// events, which is what a fresh store would hold).
func NewEventMatcher(store *Store) *EventMatcher {
	return &EventMatcher{store: store, stored: map[quad.IRI]map[string][]Event{}, accepted: map[string][]*Event{}, want: map[string]bool{}}
}

// Seed prepares the matcher with the events a run is expected to write
// (its articles' events from a first extraction), so that which node a
// group of reports of one event ends on does not depend on the order of
// the articles: the most precise date goes first, then the smallest IRI.
// A seeded event that no article writes costs nothing; Canonical still
// handles events that were not seeded.
func (m *EventMatcher) Seed(ctx context.Context, events []Event) error {
	evs := slices.Clone(events)
	for i := range evs {
		evs[i].normalise()
	}
	slices.SortFunc(evs, func(a, b Event) int {
		if la, lb := maxLen(a.Dates), maxLen(b.Dates); la != lb {
			return lb - la
		}
		return strings.Compare(string(a.IRI), string(b.IRI))
	})
	for i := range evs {
		if len(evs[i].Dates) > 0 {
			m.want[evs[i].key()] = true
		}
	}
	for i := range evs {
		if len(evs[i].Dates) == 0 {
			continue // only its own IRI can merge it
		}
		if _, err := m.match(ctx, &evs[i]); err != nil {
			return err
		}
	}
	return nil
}

// Canonical rewrites one article's quads so that each of its events that is
// the same real event as one met before uses that event's IRI. It returns
// the quads (the input is not modified) and how many events it merged.
//
// Within the article, the events with the most precise dates go first, so
// that the node an event merges into is the most precise report.
func (m *EventMatcher) Canonical(ctx context.Context, quads []quad.Quad) ([]quad.Quad, int, error) {
	events := EventsFromQuads(quads)
	slices.SortStableFunc(events, func(a, b Event) int { return maxLen(b.Dates) - maxLen(a.Dates) })
	rename := map[quad.IRI]quad.IRI{}
	for i := range events {
		e := &events[i]
		target, err := m.match(ctx, e)
		if err != nil {
			return nil, 0, err
		}
		if target != nil && target.IRI != e.IRI {
			rename[e.IRI] = target.IRI
		}
	}
	if len(rename) == 0 {
		return quads, 0, nil
	}
	out := make([]quad.Quad, len(quads))
	for i, q := range quads {
		if s, ok := q.Subject.(quad.IRI); ok && rename[s] != "" {
			q.Subject = rename[s]
		}
		if o, ok := q.Object.(quad.IRI); ok && rename[o] != "" {
			q.Object = rename[o]
		}
		out[i] = q
	}
	return out, len(rename), nil
}

func maxLen(dates []string) int {
	n := 0
	for _, d := range dates {
		n = max(n, len(d))
	}
	return n
}

// match finds the node e merges into, records e in the run, and returns the
// node (e itself when it is new).
func (m *EventMatcher) match(ctx context.Context, e *Event) (*Event, error) {
	if len(e.Dates) == 0 || len(e.Participants) == 0 {
		// Only its own IRI can merge it with another report, and the
		// IRI does that by itself.
		return e, nil
	}
	k := e.key()
	var cands []*Event
	seen := map[quad.IRI]bool{}
	for _, c := range m.accepted[k] {
		seen[c.IRI] = true
		if c.IRI == e.IRI || c.Same(e) {
			cands = append(cands, c)
		}
	}
	if m.store != nil {
		p := pickParticipant(e.Participants)
		if !m.want[k] {
			// A key the cache was not built for: build it again.
			m.want[k] = true
			delete(m.stored, p)
		}
		stored, err := m.storedWith(ctx, p)
		if err != nil {
			return nil, err
		}
		for i := range stored[k] {
			c := &stored[k][i]
			if seen[c.IRI] {
				continue
			}
			if c.IRI == e.IRI || c.Same(e) {
				cc := *c
				cands = append(cands, &cc)
			}
		}
	}
	if len(cands) == 0 {
		ne := *e
		m.accepted[k] = append(m.accepted[k], &ne)
		return &ne, nil
	}
	best := cands[0]
	for _, c := range cands[1:] {
		if better(c, best, e) {
			best = c
		}
	}
	if !seen[best.IRI] {
		m.accepted[k] = append(m.accepted[k], best)
	}
	best.Dates = append(best.Dates, e.Dates...)
	best.normalise()
	return best, nil
}

// better orders the candidates for e: its own IRI, then a node with e's
// exact date, then the most precise dates, then the smallest IRI.
func better(a, b, e *Event) bool {
	if (a.IRI == e.IRI) != (b.IRI == e.IRI) {
		return a.IRI == e.IRI
	}
	ea, eb := slices.Equal(a.Dates, e.Dates), slices.Equal(b.Dates, e.Dates)
	if ea != eb {
		return ea
	}
	if la, lb := maxLen(a.Dates), maxLen(b.Dates); la != lb {
		return la > lb
	}
	return a.IRI < b.IRI
}

// pickParticipant chooses the participant whose events to read: a person
// takes part in fewer events than a country.
func pickParticipant(ps []quad.IRI) quad.IRI {
	for _, prefix := range []string{"person/", "org/", "group/"} {
		for _, p := range ps {
			if strings.HasPrefix(string(p), schema.ID+prefix) {
				return p
			}
		}
	}
	return ps[0]
}

func (m *EventMatcher) storedWith(ctx context.Context, p quad.IRI) (map[string][]Event, error) {
	if byKey, ok := m.stored[p]; ok {
		return byKey, nil
	}
	evs, err := m.store.EventsWith(ctx, p)
	if err != nil {
		return nil, err
	}
	byKey := map[string][]Event{}
	for _, e := range evs {
		// An event is looked up by one of its participants only
		// (pickParticipant), and only if some event of the run has its key.
		if len(e.Participants) == 0 || pickParticipant(e.Participants) != p {
			continue
		}
		if k := e.key(); m.want[k] {
			byKey[k] = append(byKey[k], e)
		}
	}
	m.stored[p] = byKey
	return byKey, nil
}
