package graph

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Selection picks the part of the store an export writes. The zero
// Selection is the whole store. The filters combine, in this order:
// Articles first, then the dates, then the neighbourhood of Entity in what
// the dates left.
//
// With dates or an entity, the selection is made of event and statement
// nodes as each article tells them, the entities they touch (participant,
// actor, recipient, location) and the issues they are about. What is kept:
//   - the quads of a kept event or statement, from the articles whose
//     telling of it is kept;
//   - from the articles that tell a kept event, or link two kept entities
//     (affiliation, represents, memberOf): their article node, and what
//     they say about kept entities and issues: literals (names, titles,
//     codes), classes, links to other kept nodes, and each kept entity's
//     own affiliation, represents and memberOf links even when the other
//     end is not kept (so that a person keeps their country);
//   - a direct edge (met, visited, sanctioned, urged, accused) only when
//     a kept event of the same article has both ends among its parties;
//     said only to a kept statement.
//
// Everything else is left out.
type Selection struct {
	// Articles keeps the named graphs of these articles and nothing else.
	Articles []quad.IRI
	// Since and Until (YYYY, YYYY-MM or YYYY-MM-DD; "" leaves that end
	// open) keep the events and statements dated in the range. An event's
	// date is its startDate, else the datePublished of the article telling
	// it; a date is in the range when any day of it is (--since 2023-06-15
	// keeps an event dated 2023-06). Undated events are left out.
	Since, Until string
	// Entity, when set, keeps the entities within Hops hops of it, and the
	// events and statements all of whose parties are among them. One hop
	// is taking part in the same event or statement, a direct edge, or an
	// affiliation, represents or memberOf link.
	Entity quad.IRI
	Hops   int
}

// narrows says whether the selection looks inside the named graphs.
func (sel Selection) narrows() bool {
	return sel.Since != "" || sel.Until != "" || sel.Entity != ""
}

var dateForm = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// CheckDate says whether s is a date a Selection takes: YYYY, YYYY-MM or
// YYYY-MM-DD.
func CheckDate(s string) error {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	if !dateForm.MatchString(s) || layout == "" {
		return fmt.Errorf("%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	if _, err := time.Parse(layout, s); err != nil {
		return fmt.Errorf("%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	return nil
}

// Check reports a selection that cannot be run.
func (sel Selection) Check() error {
	for _, d := range []string{sel.Since, sel.Until} {
		if d != "" {
			if err := CheckDate(d); err != nil {
				return err
			}
		}
	}
	if sel.Since != "" && sel.Until != "" && firstDay(sel.Since) > lastDay(sel.Until) {
		return fmt.Errorf("the range %s to %s is empty", sel.Since, sel.Until)
	}
	if sel.Hops < 0 {
		return fmt.Errorf("hops is %d, not 0 or more", sel.Hops)
	}
	return nil
}

// firstDay and lastDay turn a date of any precision into the first and last
// day it covers, as strings that compare in date order ("2023-06" covers
// "2023-06-01" to "2023-06-31"; a day that does not exist compares right).
func firstDay(d string) string { return d + "-01-01"[len(d)-4:] }
func lastDay(d string) string  { return d + "-12-31"[len(d)-4:] }

// ErrNoArticle is returned by FindArticle for an article the store does
// not hold.
var ErrNoArticle = errors.New("no such article")

// FindArticle returns the IRI of a stored article given as its URL (the
// schema:url on its node), its IRI (with or without <>) or the hex id at
// the end of its IRI.
func (s *Store) FindArticle(ctx context.Context, ref string) (quad.IRI, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return "", ErrClosed
	}
	ref = strings.TrimSpace(ref)
	var cands []quad.IRI
	switch r := strings.TrimSuffix(strings.TrimPrefix(ref, "<"), ">"); {
	case articleID.MatchString(r):
		cands = append(cands, quad.IRI(schema.ID+"article/"+strings.ToLower(r)))
	case strings.HasPrefix(r, schema.ID+"article/"):
		cands = append(cands, quad.IRI(r))
	default:
		vals, err := s.subjectsWith(ctx, schema.URL, quad.String(ref))
		if err != nil {
			return "", err
		}
		for _, v := range vals {
			if iri, ok := v.(quad.IRI); ok {
				cands = append(cands, iri)
			}
		}
		cands = append(cands, schema.ArticleIRI(ref))
	}
	for _, c := range cands {
		ok, err := s.hasGraph(ctx, c)
		if err != nil {
			return "", err
		}
		if ok {
			return c, nil
		}
	}
	return "", fmt.Errorf("%w: %s", ErrNoArticle, ref)
}

var articleID = regexp.MustCompile(`^[0-9a-fA-F]{16}$`)

// hasGraph says whether some quad carries label.
func (s *Store) hasGraph(ctx context.Context, label quad.Value) (bool, error) {
	ref, err := s.qs.ValueOf(label)
	if err != nil || ref == nil {
		return false, err
	}
	it := s.qs.QuadIterator(quad.Label, ref).Iterate()
	defer it.Close()
	return it.Next(ctx), it.Err()
}

// Select calls fn with the quads of the selection, in the store's order
// (for Articles: article by article, in the order given), and returns how
// many it gave. Like Export, it holds off writes until it is done, so the
// quads are a consistent snapshot. An error from fn stops it.
//
// Without Since, Until and Entity the quads are streamed; otherwise the
// quads of the chosen articles (all of them without Articles) are read into
// memory first, to follow events and entities across articles.
func (s *Store) Select(ctx context.Context, sel Selection, fn func(quad.Quad) error) (int, error) {
	if err := sel.Check(); err != nil {
		return 0, fmt.Errorf("select: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return 0, ErrClosed
	}
	n := 0
	emit := fn
	var all []quad.Quad
	if sel.narrows() {
		emit = func(q quad.Quad) error { all = append(all, q); return nil }
	} else {
		emit = func(q quad.Quad) error { n++; return fn(q) }
	}
	if len(sel.Articles) > 0 {
		seen := make(map[quad.IRI]bool)
		for _, a := range sel.Articles {
			if seen[a] {
				continue
			}
			seen[a] = true
			ref, err := s.qs.ValueOf(a)
			if err != nil {
				return n, fmt.Errorf("select: %w", err)
			}
			if ref == nil {
				continue
			}
			if err := s.scanQuads(ctx, s.qs.QuadIterator(quad.Label, ref).Iterate(), emit); err != nil {
				return n, fmt.Errorf("select: %w", err)
			}
		}
	} else if err := s.scanQuads(ctx, s.qs.QuadsAllIterator().Iterate(), emit); err != nil {
		return n, fmt.Errorf("select: %w", err)
	}
	if !sel.narrows() {
		return n, nil
	}
	for i, ok := range SelectQuads(all, sel) {
		if !ok {
			continue
		}
		if err := fn(all[i]); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// quadScanner is what Cayley's iterators give: quad refs, one by one.
type quadScanner interface {
	Next(ctx context.Context) bool
	Result() cgraph.Ref
	Err() error
	Close() error
}

// scan reads the quads it yields as values, batch by batch: a batch shares
// one lookup of the values it needs, and values met before come from a
// cache (predicates, labels and entities repeat).
func (s *Store) scanQuads(ctx context.Context, it quadScanner, fn func(quad.Quad) error) error {
	defer it.Close()
	cache := make(map[any]quad.Value, exportCache)
	batch := make([][4]cgraph.Ref, 0, exportBatch)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch = batch[:0]
		for len(batch) < exportBatch && it.Next(ctx) {
			var q [4]cgraph.Ref
			for i, d := range quad.Directions {
				r, err := s.qs.QuadDirection(it.Result(), d)
				if err != nil {
					return err
				}
				q[i] = r
			}
			batch = append(batch, q)
		}
		if err := it.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		if len(cache) > exportCache {
			clear(cache)
		}
		var miss []cgraph.Ref
		wanted := make(map[any]bool)
		for _, q := range batch {
			for _, r := range q {
				if r == nil {
					continue
				}
				if k := r.Key(); cache[k] == nil && !wanted[k] {
					wanted[k] = true
					miss = append(miss, r)
				}
			}
		}
		if len(miss) > 0 {
			vals, err := cgraph.ValuesOf(ctx, s.qs, miss)
			if err != nil {
				return err
			}
			for i, v := range vals {
				if v == nil {
					return fmt.Errorf("node %v has no value", miss[i].Key())
				}
				cache[miss[i].Key()] = v
			}
		}
		for _, r := range batch {
			var q quad.Quad
			for i, d := range quad.Directions {
				if r[i] != nil {
					q.Set(d, cache[r[i].Key()])
				}
			}
			if err := fn(q); err != nil {
				return err
			}
		}
	}
}

// Vocabulary the selection follows.
var (
	// datedTypes are the classes of the nodes a date filter dates and a
	// neighbourhood crosses: the event classes and Statement.
	datedTypes = func() map[quad.Value]bool {
		m := map[quad.Value]bool{schema.Statement: true}
		for _, t := range schema.Terms {
			if t.Kind == "event class" {
				m[t.IRI] = true
			}
		}
		return m
	}()
	// partyPreds are the predicates from an event to what it touches.
	partyPreds = map[quad.Value]bool{
		schema.Participant: true, schema.Actor: true, schema.Recipient: true, schema.Location: true,
	}
	// directPreds exist only for an event that occurred, in its article.
	directPreds = valueSet(schema.DirectEdges)
	// linkPreds tie an entity to another for good, not through an event.
	linkPreds = valueSet(schema.Links)
)

// telling is an event (or statement) as one article tells it.
type telling struct {
	label, node quad.Value
}

// SelectQuads says which of quads a selection with dates or an entity
// keeps (see Selection); Articles is not looked at (Select applies it when
// reading). quads are every quad of the articles in question.
func SelectQuads(quads []quad.Quad, sel Selection) []bool {
	keep := make([]bool, len(quads))
	events := make(map[quad.Value]bool)
	published := make(map[quad.Value]string)
	for _, q := range quads {
		switch {
		case q.Predicate == schema.Type && datedTypes[q.Object]:
			events[q.Subject] = true
		case q.Predicate == schema.DatePublished && q.Subject == q.Label:
			published[q.Label] = dateText(q.Object)
		}
	}
	// The events as each article tells them: their date and parties.
	type tale struct {
		date    string
		parties []quad.Value
	}
	tales := make(map[telling]*tale)
	var order []telling
	for _, q := range quads {
		if !events[q.Subject] {
			continue
		}
		k := telling{q.Label, q.Subject}
		t := tales[k]
		if t == nil {
			t = &tale{}
			tales[k] = t
			order = append(order, k)
		}
		switch {
		case q.Predicate == schema.StartDate:
			t.date = dateText(q.Object)
		case partyPreds[q.Predicate] && isResource(q.Object):
			t.parties = append(t.parties, q.Object)
		}
	}
	kept := make(map[telling]bool)
	dated := sel.Since != "" || sel.Until != ""
	for _, k := range order {
		d := tales[k].date
		if d == "" {
			d = published[k.label]
		}
		if !dated || d != "" && dateInRange(d, sel.Since, sel.Until) {
			kept[k] = true
		}
	}
	keptLabels := make(map[quad.Value]bool)
	for k := range kept {
		keptLabels[k.label] = true
	}

	entities := make(map[quad.Value]bool)
	if sel.Entity != "" {
		// Breadth first from the entity: entity -> the events it takes
		// part in -> their other parties, and along links and direct
		// edges of the articles still in play.
		byParty := make(map[quad.Value][]telling)
		for _, k := range order {
			if kept[k] {
				for _, p := range tales[k].parties {
					byParty[p] = append(byParty[p], k)
				}
			}
		}
		next := make(map[quad.Value][]quad.Value)
		for _, q := range quads {
			if (linkPreds[q.Predicate] || directPreds[q.Predicate]) && isResource(q.Object) && (!dated || keptLabels[q.Label]) {
				next[q.Subject] = append(next[q.Subject], q.Object)
				next[q.Object] = append(next[q.Object], q.Subject)
			}
		}
		entities[sel.Entity] = true
		ring := []quad.Value{sel.Entity}
		for hop := 0; hop < sel.Hops && len(ring) > 0; hop++ {
			var out []quad.Value
			add := func(v quad.Value) {
				if !entities[v] {
					entities[v] = true
					out = append(out, v)
				}
			}
			for _, e := range ring {
				for _, k := range byParty[e] {
					for _, p := range tales[k].parties {
						add(p)
					}
				}
				for _, v := range next[e] {
					add(v)
				}
			}
			ring = out
		}
		// An event stays when all its parties are in the neighbourhood.
		for k := range kept {
			ps := tales[k].parties
			ok := len(ps) > 0
			for _, p := range ps {
				ok = ok && entities[p]
			}
			if !ok {
				delete(kept, k)
			}
		}
		clear(keptLabels)
		for k := range kept {
			keptLabels[k.label] = true
		}
	} else {
		for k := range kept {
			for _, p := range tales[k].parties {
				entities[p] = true
			}
		}
	}
	// An article that links two kept entities (A works at O) is in play
	// too, for what it says about them.
	for _, q := range quads {
		if linkPreds[q.Predicate] && entities[q.Subject] && entities[q.Object] {
			keptLabels[q.Label] = true
		}
	}

	// The nodes that stay: the entities, the events' issues, the articles.
	nodes := make(map[quad.Value]bool, len(entities))
	for e := range entities {
		nodes[e] = true
	}
	byLabel := make(map[quad.Value][]*tale)
	for _, k := range order {
		if kept[k] {
			byLabel[k.label] = append(byLabel[k.label], tales[k])
		}
	}
	for _, q := range quads {
		if q.Predicate == schema.About && kept[telling{q.Label, q.Subject}] && isResource(q.Object) {
			nodes[q.Object] = true
		}
	}
	// supported says whether a kept event of the article has both ends of
	// a direct edge among its parties.
	supported := func(label, s, o quad.Value) bool {
		for _, t := range byLabel[label] {
			var hasS, hasO bool
			for _, p := range t.parties {
				hasS = hasS || p == s
				hasO = hasO || p == o
			}
			if hasS && hasO {
				return true
			}
		}
		return false
	}
	for i, q := range quads {
		if !keptLabels[q.Label] {
			continue
		}
		switch s := q.Subject; {
		case events[s]:
			keep[i] = kept[telling{q.Label, s}]
		case s == q.Label:
			keep[i] = true
		case nodes[s]:
			switch p := q.Predicate; {
			case directPreds[p]:
				keep[i] = nodes[q.Object] && supported(q.Label, s, q.Object)
			case events[q.Object]:
				keep[i] = kept[telling{q.Label, q.Object}]
			case linkPreds[p], p == schema.Type, !isResource(q.Object):
				keep[i] = true
			default:
				keep[i] = nodes[q.Object]
			}
		}
	}
	return keep
}

// isNode says whether v is an IRI or a blank node, not a literal.
func isResource(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return true
	}
	return false
}

// dateOf is the YYYY, YYYY-MM or YYYY-MM-DD a date literal holds, or "".
func dateText(v quad.Value) string {
	var s string
	switch v := v.(type) {
	case quad.TypedString:
		s = string(v.Value)
	case quad.String:
		s = string(v)
	case quad.Time:
		s = time.Time(v).UTC().Format("2006-01-02")
	default:
		return ""
	}
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	if !dateForm.MatchString(s) {
		return ""
	}
	return s
}

// inRange says whether any day of date d lies between since and until
// ("" is open).
func dateInRange(d, since, until string) bool {
	return (since == "" || lastDay(d) >= firstDay(since)) && (until == "" || firstDay(d) <= lastDay(until))
}

// valueSet is a set of IRIs, as the quads' values they are compared with.
func valueSet(iris []quad.IRI) map[quad.Value]bool {
	m := make(map[quad.Value]bool, len(iris))
	for _, iri := range iris {
		m[iri] = true
	}
	return m
}
