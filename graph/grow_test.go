package graph

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Tests of what lets the graph grow article by article: people (People),
// one node per real event (EventMatcher), kept texts (Texts) and
// corrections (Corrections).

func growStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// growArticle builds an article's quads from triples.
func growArticle(t *testing.T, s *Store, url string, triples ...[3]quad.Value) quad.IRI {
	t.Helper()
	art := schema.ArticleIRI(url)
	qs := []quad.Quad{{Subject: art, Predicate: schema.Type, Object: schema.NewsArticle, Label: art}}
	for _, tr := range triples {
		qs = append(qs, quad.Quad{Subject: tr[0], Predicate: tr[1], Object: tr[2], Label: art})
	}
	if s != nil {
		if _, err := s.Put(art, qs); err != nil {
			t.Fatal(err)
		}
	}
	return art
}

func tr(s quad.IRI, p quad.IRI, o quad.Value) [3]quad.Value { return [3]quad.Value{s, p, o} }

var (
	rao = schema.PersonIRI("Ananya Rao")
	hpi = schema.OrganizationIRI("Himalayan Policy Institute")
	ind = schema.CountryIRI("IND")
)

func raoTriples() [][3]quad.Value {
	return [][3]quad.Value{
		tr(rao, schema.Type, schema.Person),
		tr(rao, schema.Name, quad.String("Ananya Rao")),
		tr(rao, schema.JobTitle, quad.String("senior fellow")),
		tr(rao, schema.Affiliation, hpi),
		tr(rao, schema.Represents, ind),
		tr(hpi, schema.Type, schema.Organization),
		tr(hpi, schema.Name, quad.String("Himalayan Policy Institute")),
		tr(hpi, schema.AlternateName, quad.String("HPI")),
		tr(ind, schema.Type, schema.Country),
		tr(ind, schema.CountryCode, quad.String("IND")),
	}
}

func TestPeople(t *testing.T) {
	s := growStore(t)
	growArticle(t, s, "https://news.example/kazan", raoTriples()...)
	growArticle(t, s, "https://news.example/later",
		tr(rao, schema.Type, schema.Person),
		tr(rao, schema.Name, quad.String("Ananya Rao")),
		tr(rao, schema.AlternateName, quad.String("Dr Rao")),
		tr(rao, schema.JobTitle, quad.String("director")),
		tr(hpi, schema.Name, quad.String("Himalayan Policy Institute")),
	)
	people, err := s.People(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []Person{{
		IRI: rao, Name: "Ananya Rao", AlternateNames: []string{"Dr Rao"},
		JobTitles:    []string{"director", "senior fellow"},
		Affiliations: []Org{{IRI: hpi, Name: "Himalayan Policy Institute", AlternateNames: []string{"HPI"}}},
		Represents:   []string{"IND"},
	}}
	if !reflect.DeepEqual(people, want) {
		t.Errorf("People:\ngot  %+v\nwant %+v", people, want)
	}

	// The same view of quads not yet stored, merged by IRI.
	var quads []quad.Quad
	for _, x := range raoTriples() {
		quads = append(quads, quad.Quad{Subject: x[0], Predicate: x[1].(quad.IRI), Object: x[2]})
	}
	from := PeopleFromQuads(quads)
	other := Person{IRI: rao, Name: "Ananya Rao", AlternateNames: []string{"Dr Rao"}, JobTitles: []string{"director"}}
	if got := MergePeople(from, []Person{other}); !reflect.DeepEqual(got, want) {
		t.Errorf("MergePeople(PeopleFromQuads):\ngot  %+v\nwant %+v", got, want)
	}
}

func TestDatesAgree(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"2023-11-15", "2023-11-15", true},
		{"2023-11", "2023-11-15", true},
		{"2023", "2023-11-15", true},
		{"2023-11-15", "2023-11-16", true},
		{"2023-11-30", "2023-12-01", true},
		{"2023-11-15", "2023-11-17", false},
		{"2023-11", "2023-12", false},
		{"2023-1", "2023-11-15", false}, // not a date prefix
		{"", "2023-11-15", false},
	} {
		if got := DatesAgree(tc.a, tc.b); got != tc.want {
			t.Errorf("DatesAgree(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// meeting returns the triples of a meeting between a and b.
func meeting(a, b quad.IRI, date, status string) (quad.IRI, [][3]quad.Value) {
	ev := schema.EventIRI(schema.Meeting, []quad.IRI{a, b}, date, status)
	return ev, [][3]quad.Value{
		tr(ev, schema.Type, schema.Meeting),
		tr(ev, schema.Participant, a),
		tr(ev, schema.Participant, b),
		tr(ev, schema.StartDate, schema.Date(date)),
		tr(ev, schema.Status, quad.String(status)),
		tr(ev, schema.Evidence, quad.String("They met.")),
	}
}

func TestEventMatcher(t *testing.T) {
	biden, xi := schema.PersonIRI("Joe Biden"), schema.PersonIRI("Xi Jinping")
	s := growStore(t)
	stored, triples := meeting(biden, xi, "2022-11", schema.Occurred)
	growArticle(t, s, "https://news.example/bali", triples...)

	evs, err := s.EventsWith(t.Context(), xi)
	if err != nil || len(evs) != 1 || evs[0].IRI != stored || !slices.Equal(evs[0].Dates, []string{"2022-11"}) {
		t.Fatalf("EventsWith: %+v, %v", evs, err)
	}

	for _, tc := range []struct {
		date, status string
		merged       bool
	}{
		{"2022", schema.Occurred, true},
		{"2022-11-14", schema.Occurred, true},
		{"2022-11", schema.Occurred, true}, // the same IRI
		{"2021", schema.Occurred, false},
		{"2022-11", schema.Planned, false},
	} {
		ev, triples := meeting(xi, biden, tc.date, tc.status)
		var quads []quad.Quad
		for _, x := range triples {
			quads = append(quads, quad.Quad{Subject: x[0], Predicate: x[1].(quad.IRI), Object: x[2]})
		}
		got, _, err := NewEventMatcher(s).Canonical(t.Context(), quads)
		if err != nil {
			t.Fatal(err)
		}
		want := ev
		if tc.merged {
			want = stored
		}
		for _, q := range got {
			if q.Subject != want {
				t.Errorf("%s %s: event %v, want %v", tc.date, tc.status, q.Subject, want)
				break
			}
		}
	}

	// Within a run, without a store, the node is the most precise report
	// whatever the order of the articles.
	var lists [][]quad.Quad
	for _, date := range []string{"2022", "2022-11"} {
		_, triples := meeting(xi, biden, date, schema.Occurred)
		var quads []quad.Quad
		for _, x := range triples {
			quads = append(quads, quad.Quad{Subject: x[0], Predicate: x[1].(quad.IRI), Object: x[2]})
		}
		lists = append(lists, quads)
	}
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		m := NewEventMatcher(nil)
		var seed []Event
		for _, i := range order {
			seed = append(seed, EventsFromQuads(lists[i])...)
		}
		if err := m.Seed(t.Context(), seed); err != nil {
			t.Fatal(err)
		}
		for _, i := range order {
			got, _, _ := m.Canonical(t.Context(), lists[i])
			if got[0].Subject != stored {
				t.Errorf("order %v: article %d's meeting is %v, want %v", order, i, got[0].Subject, stored)
			}
		}
	}
}

func TestTexts(t *testing.T) {
	dir := t.TempDir()
	tx, err := OpenTexts(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	text := "Kenyan Foreign Minister Amina Wanjiru met her Ethiopian counterpart in Geneva."
	hash, err := tx.WriteText(text)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "texts", hash[:2], hash+".gz")); err != nil {
		t.Errorf("the text is not where it belongs: %v", err)
	}
	if again, err := tx.WriteText(text); err != nil || again != hash {
		t.Errorf("the same text again: %s, %v", again, err)
	}
	if err := tx.Sync(); err != nil {
		t.Fatal(err)
	}
	if got, err := tx.ReadText(hash); err != nil || got != text {
		t.Errorf("ReadText: %q, %v", got, err)
	}

	a, b := schema.ArticleIRI("https://a.example/1"), schema.ArticleIRI("https://b.example/2")
	keys := &TextKeys{Signature: []uint64{1, 2, 3}, Bands: []uint64{10, 11}, Samples: []uint64{100, 101, 102, 103}}
	err = tx.Put([]TextEntry{
		{IRI: a, Hash: hash, URL: "https://a.example/1", Samples: 4},
		{IRI: b, Hash: hash, URL: "https://b.example/2", DuplicateOf: a},
	}, []*TextKeys{keys, nil})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := tx.Entries()
	if err != nil || len(entries) != 2 || entries[0].IRI != a || entries[0].Seq != 1 || entries[1].Seq != 2 {
		t.Fatalf("Entries: %+v, %v", entries, err)
	}

	// Lookup finds a by a band key and by three samples; Release closes the
	// index, which the next call opens again.
	if err := tx.Release(); err != nil {
		t.Fatal(err)
	}
	m, err := tx.Lookup(&TextKeys{Bands: []uint64{11, 99}, Samples: []uint64{100, 101, 103, 7}}, 64)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Bands[a] || m.Samples[a] != 3 || m.SampleCounts[a] != 4 || len(m.Bands) != 1 {
		t.Errorf("Lookup: %+v", m)
	}
	if got, err := tx.Keys(a); err != nil || !reflect.DeepEqual(got, keys) {
		t.Errorf("Keys: %+v, %v", got, err)
	}

	// A removed article keeps its text and entry, and leaves the index.
	if ok, err := tx.MarkRemoved(a); !ok || err != nil {
		t.Fatalf("MarkRemoved: %v, %v", ok, err)
	}
	m, _ = tx.Lookup(keys, 64)
	if len(m.Bands) != 0 || len(m.Samples) != 0 {
		t.Errorf("a removed article is still found: %+v", m)
	}
	if e, _ := tx.Entry(a); e == nil || !e.Removed || e.Seq != 1 {
		t.Errorf("entry after remove: %+v", e)
	}
}

func TestCorrections(t *testing.T) {
	dir := t.TempDir()
	rao2 := schema.PersonIRI("Rao")
	bekele := schema.PersonIRI("Tesfaye Bekele")
	c, err := LoadCorrections(dir)
	if err != nil || !c.Empty() {
		t.Fatalf("no corrections yet: %+v, %v", c, err)
	}
	if err := c.AddMerge(rao, rao2, []string{"Rao"}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddMerge(rao2, rao, nil); err == nil {
		t.Errorf("a merge back was accepted")
	}
	c.AddAlias(bekele, "Ato Tesfaye")
	if c.AddAlias(bekele, "Ato Tesfaye") {
		t.Errorf("the same alias twice")
	}
	if err := c.Save(dir); err != nil {
		t.Fatal(err)
	}
	c, err = LoadCorrections(dir)
	if err != nil || len(c.Merges) != 1 || len(c.Aliases) != 1 || c.Target(rao2) != rao {
		t.Fatalf("after save and load: %+v, %v", c, err)
	}

	// Apply rewrites the merged node, its name, its statement and its
	// event; a met edge to itself goes.
	text := "The patrolling deal is a first step"
	st := schema.StatementIRI(rao2, text)
	ev, evTriples := meeting(rao2, bekele, "2024-10-23", schema.Occurred)
	in := [][3]quad.Value{
		tr(rao2, schema.Type, schema.Person),
		tr(rao2, schema.Name, quad.String("Rao")),
		tr(st, schema.Type, schema.Statement),
		tr(st, schema.Text, quad.String(text)),
		tr(st, schema.Actor, rao2),
		tr(rao2, schema.Said, st),
		tr(rao, schema.Met, rao2),
	}
	in = append(in, evTriples...)
	var quads []quad.Quad
	for _, x := range in {
		quads = append(quads, quad.Quad{Subject: x[0], Predicate: x[1].(quad.IRI), Object: x[2]})
	}
	out := c.Apply(quads)
	newSt := schema.StatementIRI(rao, text)
	newEv := schema.EventIRI(schema.Meeting, []quad.IRI{rao, bekele}, "2024-10-23", schema.Occurred)
	has := func(s quad.IRI, p quad.IRI, o quad.Value) bool {
		return slices.ContainsFunc(out, func(q quad.Quad) bool { return q.Subject == s && q.Predicate == p && q.Object == o })
	}
	for _, q := range out {
		if q.Subject == rao2 || q.Object == rao2 || q.Subject == st || q.Subject == ev {
			t.Errorf("a quad still names an old node: %v", q)
		}
	}
	if !has(rao, schema.AlternateName, quad.String("Rao")) || has(rao, schema.Name, quad.String("Rao")) {
		t.Errorf("the merged node's name is not an alternate name")
	}
	if !has(rao, schema.Said, newSt) || !has(newSt, schema.Actor, rao) {
		t.Errorf("the statement did not get its new IRI")
	}
	if !has(newEv, schema.Participant, rao) || !has(newEv, schema.Participant, bekele) {
		t.Errorf("the event did not get its new IRI")
	}
	if has(rao, schema.Met, rao) {
		t.Errorf("a met edge from a node to itself")
	}

	// The corrections graph holds the names, and Resolve finds them.
	s := growStore(t)
	growArticle(t, s, "https://news.example/kazan", raoTriples()...)
	if _, err := s.PutCorrections(c); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]quad.IRI{"Rao": rao, "ato tesfaye": bekele} {
		if got, err := s.Resolve(t.Context(), name); err != nil || !slices.Equal(got, []quad.IRI{want}) {
			t.Errorf("Resolve(%q) = %v, %v", name, got, err)
		}
	}
	if got := c.People(); len(got) != 2 || got[1].IRI != bekele {
		t.Errorf("Corrections.People: %+v", got)
	}
	labels, err := s.ArticlesAbout(t.Context(), rao)
	if err != nil || len(labels) != 2 || !slices.Contains(labels, CorrectionsGraph) {
		t.Errorf("ArticlesAbout: %v, %v", labels, err)
	}
}
