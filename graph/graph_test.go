package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/dkg/dkg/schema"
)

// testArticle is article i: 20 quads about two people who met, a country,
// a place and an issue. People and countries repeat across articles (person
// i%50 and i%50+1), as entities do in news.
func testArticle(i int) Article {
	art := schema.ArticleIRI(fmt.Sprintf("https://news.example/%d", i))
	p1 := schema.PersonIRI(fmt.Sprintf("Person %d", i%50))
	p2 := schema.PersonIRI(fmt.Sprintf("Person %d", i%50+1))
	country := schema.CountryIRI("CHN")
	place := schema.PlaceIRI("Beijing")
	issue := schema.IssueIRI("Taiwan")
	date := fmt.Sprintf("2023-06-%02d", i%28+1)
	ev := schema.EventIRI(schema.Meeting, []quad.IRI{p1, p2}, date, schema.Occurred)
	q := func(s quad.IRI, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: art}
	}
	name1, name2 := fmt.Sprintf("Person %d", i%50), fmt.Sprintf("Person %d", i%50+1)
	return Article{IRI: art, Quads: []quad.Quad{
		q(art, schema.Type, schema.NewsArticle),
		q(art, schema.Headline, quad.String(fmt.Sprintf("%s \"meets\" %s\n会见 %d", name1, name2, i))),
		q(art, schema.DatePublished, schema.Date(date)),
		q(p1, schema.Type, schema.Person),
		q(p1, schema.Name, quad.String(name1)),
		q(p1, schema.NameKey, quad.String(schema.Fold(name1))),
		q(p2, schema.Type, schema.Person),
		q(p2, schema.Name, quad.String(name2)),
		q(p2, schema.NameKey, quad.String(schema.Fold(name2))),
		q(p1, schema.Met, p2),
		q(country, schema.Type, schema.Country),
		q(country, schema.Name, quad.String("China")),
		q(country, schema.NameKey, quad.String(schema.Fold("China"))),
		q(ev, schema.Type, schema.Meeting),
		q(ev, schema.Participant, p1),
		q(ev, schema.Participant, p2),
		q(ev, schema.StartDate, schema.Date(date)),
		q(ev, schema.Location, place),
		q(ev, schema.About, issue),
		q(issue, schema.Label, quad.LangString{Value: "Taiwan", Lang: "en"}),
	}}
}

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustPut(t testing.TB, s *Store, a Article) Change {
	t.Helper()
	ch, err := s.Put(a.IRI, a.Quads)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func exportString(t testing.TB, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := s.Export(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// nodeExists asks Gizmo whether the store still has a node.
func nodeExists(t *testing.T, s *Store, v quad.Value) bool {
	t.Helper()
	rows, err := s.Query(context.Background(), fmt.Sprintf("g.V(%q).all()", quad.StringOf(v)), 0)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		t.Fatal(err)
	}
	if (len(rows) > 0) != (ref != nil) {
		t.Fatalf("g.V(%s) has %d rows but ValueOf is %v", v, len(rows), ref)
	}
	return len(rows) > 0
}

func quadStrings(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.String()
	}
	slices.Sort(out)
	return out
}

func TestOpen(t *testing.T) {
	existing := t.TempDir()
	s, err := Open(existing, true)
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, testArticle(1))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	tests := []struct {
		name    string
		dir     string
		create  bool
		wantErr error
		quads   int64
	}{
		{"create new", filepath.Join(t.TempDir(), "a", "b"), true, nil, 0},
		{"create over existing", existing, true, nil, 20},
		{"open existing", existing, false, nil, 20},
		{"missing dir", filepath.Join(t.TempDir(), "nope"), false, ErrNoStore, 0},
		{"empty dir", empty, false, ErrNoStore, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(tt.dir, tt.create)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Open: got %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), tt.dir) {
					t.Errorf("error %q does not name the directory", err)
				}
				return
			}
			defer s.Close()
			st, err := s.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if st.Quads != tt.quads {
				t.Errorf("got %d quads, want %d", st.Quads, tt.quads)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(empty, lockFile)); err == nil {
		t.Errorf("Open without create left %s in an empty directory", lockFile)
	}
}

func TestOpenLocked(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func() (*Store, error){
		"Open":         func() (*Store, error) { return Open(dir, false) },
		"OpenReadOnly": func() (*Store, error) { return OpenReadOnly(dir) },
	} {
		start := time.Now()
		s, err := open()
		if !errors.Is(err, ErrLocked) {
			if s != nil {
				s.Close()
			}
			t.Fatalf("%s while a writer holds the store: got %v, want ErrLocked", name, err)
		}
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("%s took %v to fail", name, d)
		}
		if want := "the store at " + dir + " is in use by another dkg process"; err.Error() != want {
			t.Errorf("got %q, want %q", err, want)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	// Readers share the store and keep writers out.
	r1, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	defer r2.Close()
	if _, err := Open(dir, false); !errors.Is(err, ErrLocked) {
		t.Fatalf("writer beside readers: got %v, want ErrLocked", err)
	}
	a := testArticle(1)
	if _, err := r1.Put(a.IRI, a.Quads); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Put on a read-only store: got %v, want ErrReadOnly", err)
	}
	if _, err := r1.Remove(a.IRI); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Remove on a read-only store: got %v, want ErrReadOnly", err)
	}
	if _, err := r2.Stats(context.Background()); err != nil {
		t.Errorf("Stats on a read-only store: %v", err)
	}
}

func TestClosed(t *testing.T) {
	s, err := Open(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	a := testArticle(1)
	if _, err := s.Put(a.IRI, a.Quads); !errors.Is(err, ErrClosed) {
		t.Errorf("Put after Close: got %v, want ErrClosed", err)
	}
	if _, err := s.Query(context.Background(), "g.V().all()", 0); !errors.Is(err, ErrClosed) {
		t.Errorf("Query after Close: got %v, want ErrClosed", err)
	}
}

func TestPut(t *testing.T) {
	s := openTest(t)
	a := testArticle(7)
	other := testArticle(8)
	mustPut(t, s, other)

	// The article told again with its headline edited and the meeting's
	// place dropped, in another order.
	edited := Article{IRI: a.IRI}
	oldHeadline := a.Quads[1].Object
	for _, q := range a.Quads {
		switch q.Predicate {
		case schema.Headline:
			q.Object = quad.String("A new headline")
		case schema.Location:
			continue
		}
		edited.Quads = append(edited.Quads, q)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(edited.Quads), func(i, j int) {
		edited.Quads[i], edited.Quads[j] = edited.Quads[j], edited.Quads[i]
	})
	shuffled := Article{IRI: a.IRI, Quads: slices.Clone(a.Quads)}
	slices.Reverse(shuffled.Quads)
	unlabelled := Article{IRI: a.IRI}
	for _, q := range a.Quads {
		q.Label = nil
		unlabelled.Quads = append(unlabelled.Quads, q)
	}
	repeated := Article{IRI: a.IRI, Quads: append(slices.Clone(a.Quads), a.Quads...)}

	var before string
	steps := []struct {
		name  string
		put   Article
		want  Change
		quads int          // of the article after the put
		gone  []quad.Value // nodes no quad may hold any more
	}{
		{"new", a, Added, 20, nil},
		{"same", a, Unchanged, 20, nil},
		{"same shuffled", shuffled, Unchanged, 20, nil},
		{"same without labels", unlabelled, Unchanged, 20, nil},
		{"same with repeats", repeated, Unchanged, 20, nil},
		{"edited", edited, Replaced, 19, []quad.Value{oldHeadline}},
		{"back", a, Replaced, 20, []quad.Value{quad.String("A new headline")}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.want == Unchanged {
				before = exportString(t, s)
			}
			if got := mustPut(t, s, st.put); got != st.want {
				t.Fatalf("Put: got %v, want %v", got, st.want)
			}
			if st.want == Unchanged {
				if after := exportString(t, s); after != before {
					t.Errorf("an unchanged Put changed the export:\n%s\nthen\n%s", before, after)
				}
			}
			got, err := s.ArticleQuads(a.IRI)
			if err != nil {
				t.Fatal(err)
			}
			want := st.put.Quads
			if len(want) != st.quads {
				want = a.Quads // the unlabelled and repeated forms of a
			}
			if !slices.Equal(quadStrings(got), quadStrings(want)) {
				t.Errorf("article quads:\n%s\nwant\n%s", strings.Join(quadStrings(got), "\n"), strings.Join(quadStrings(want), "\n"))
			}
			if o, err := s.ArticleQuads(other.IRI); err != nil || len(o) != 20 {
				t.Errorf("the other article has %d quads (%v), want 20", len(o), err)
			}
			for _, v := range st.gone {
				if nodeExists(t, s, v) {
					t.Errorf("orphan node %s", v)
				}
			}
			if !nodeExists(t, s, a.IRI) {
				t.Errorf("article node %s missing", a.IRI)
			}
		})
	}
}

func TestPutInvalid(t *testing.T) {
	s := openTest(t)
	a := testArticle(1)
	bad := func(f func(q *quad.Quad)) Article {
		b := Article{IRI: a.IRI, Quads: slices.Clone(a.Quads)}
		f(&b.Quads[3])
		return b
	}
	tests := []struct {
		name string
		art  Article
		want string
	}{
		{"no quads", Article{IRI: a.IRI}, "has no quads"},
		{"empty IRI", Article{Quads: a.Quads}, "empty IRI"},
		{"other label", bad(func(q *quad.Quad) { q.Label = quad.IRI("https://other.example/") }), "not the article"},
		{"literal label", bad(func(q *quad.Quad) { q.Label = quad.String("x") }), "not the article"},
		{"literal subject", bad(func(q *quad.Quad) { q.Subject = quad.String("x") }), "subject must be"},
		{"nil subject", bad(func(q *quad.Quad) { q.Subject = nil }), "subject must be"},
		{"literal predicate", bad(func(q *quad.Quad) { q.Predicate = quad.String("x") }), "predicate must be"},
		{"nil object", bad(func(q *quad.Quad) { q.Object = nil }), "no object"},
		{"invalid UTF-8", bad(func(q *quad.Quad) { q.Object = quad.String("bad\xff") }), "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Put(tt.art.IRI, tt.art.Quads)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error with %q", err, tt.want)
			}
			if got := exportString(t, s); got != "" {
				t.Errorf("a failed Put wrote:\n%s", got)
			}
		})
	}
}

func TestPutBatch(t *testing.T) {
	s := openTest(t)
	a1, a2, a3 := testArticle(1), testArticle(2), testArticle(3)
	mustPut(t, s, a1)
	mustPut(t, s, a2)
	a2b := Article{IRI: a2.IRI, Quads: a2.Quads[:10]}

	got, err := s.PutBatch([]Article{a1, a2b, a3})
	if err != nil {
		t.Fatal(err)
	}
	if want := []Change{Unchanged, Replaced, Added}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Quads != 50 {
		t.Errorf("got %d quads, want 50", st.Quads)
	}

	before := exportString(t, s)
	invalid := Article{IRI: testArticle(4).IRI, Quads: []quad.Quad{{Subject: quad.String("x"), Predicate: schema.Name, Object: quad.String("y")}}}
	for name, batch := range map[string][]Article{
		"twice":   {testArticle(5), testArticle(5)},
		"invalid": {testArticle(6), invalid},
	} {
		if _, err := s.PutBatch(batch); err == nil {
			t.Errorf("%s: PutBatch succeeded", name)
		}
		if after := exportString(t, s); after != before {
			t.Errorf("%s: a failed PutBatch wrote something", name)
		}
	}
}

func TestRemove(t *testing.T) {
	s := openTest(t)
	a, b := testArticle(1), testArticle(51) // same people, same country
	mustPut(t, s, a)
	mustPut(t, s, b)
	onlyA := a.Quads[1].Object // a's headline

	ok, err := s.Remove(a.IRI)
	if err != nil || !ok {
		t.Fatalf("Remove: got %v, %v; want true", ok, err)
	}
	if got, _ := s.ArticleQuads(a.IRI); len(got) != 0 {
		t.Errorf("removed article still has %d quads", len(got))
	}
	got, err := s.ArticleQuads(b.IRI)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(quadStrings(got), quadStrings(b.Quads)) {
		t.Errorf("the other article lost quads: %d left", len(got))
	}
	for _, v := range []quad.Value{a.IRI, onlyA} {
		if nodeExists(t, s, v) {
			t.Errorf("orphan node %s after Remove", v)
		}
	}
	for _, v := range []quad.Value{schema.CountryIRI("CHN"), schema.PersonIRI("Person 1")} {
		if !nodeExists(t, s, v) {
			t.Errorf("shared node %s gone after Remove", v)
		}
	}
	if ok, err := s.Remove(a.IRI); err != nil || ok {
		t.Errorf("second Remove: got %v, %v; want false", ok, err)
	}
	if ok, _ := s.Remove(b.IRI); !ok {
		t.Fatal("Remove b: not found")
	}
	if out := exportString(t, s); out != "" {
		t.Errorf("empty store exports:\n%s", out)
	}
	rows, err := s.Query(context.Background(), "g.V().all()", 0)
	if err != nil || len(rows) != 0 {
		t.Errorf("empty store has nodes: %v %v", rows, err)
	}
}

// exportArticle holds every kind of value the export must get right.
func exportArticle() (Article, []string) {
	art := schema.ArticleIRI("https://news.example/export")
	spaced := quad.IRI(schema.ID + "place/new york")
	q := func(s quad.Value, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: art}
	}
	when := time.Date(2023, 6, 19, 9, 30, 0, 0, time.UTC)
	a := Article{IRI: art, Quads: []quad.Quad{
		q(art, schema.Headline, quad.String("Blinken \"meets\" Xi\\\nin 北京\r\tnow")),
		q(art, schema.Text, quad.String("bell\x07 nul\x00 del\x7f")),
		q(art, schema.DatePublished, schema.Date("2023-06-19")),
		q(art, schema.Label, quad.LangString{Value: "Taiwan", Lang: "en-GB"}),
		q(art, schema.Label, quad.LangString{Value: "bad tag", Lang: "en GB"}),
		q(art, schema.ContentHash, quad.Bool(true)),
		q(art, schema.EvidenceStart, quad.Int(42)),
		q(art, schema.EvidenceEnd, quad.Float(1.5)),
		q(art, schema.StartDate, quad.Time(when)),
		q(art, schema.Location, spaced),
		q(spaced, schema.Name, quad.String("New York")),
		q(quad.IRI(schema.ID+"x/<a>{b}|c^d`e\\f\"g"), schema.Name, quad.String("odd")),
		q(schema.PlaceIRI("北京"), schema.Name, quad.String("北京")),
		q(quad.BNode("b1"), schema.Name, quad.String("blank")),
		q(quad.BNode("has space"), schema.Name, quad.String("blank")),
		q(art, schema.Status, quad.TypedString{Value: "x", Type: "xsd:string"}),
	}}
	lines := []string{
		`<` + string(art) + `> <https://schema.org/headline> "Blinken \"meets\" Xi\\\nin 北京\r\tnow" <` + string(art) + `> .`,
		`<` + string(art) + `> <https://schema.org/text> "bell\u0007 nul\u0000 del\u007F" <` + string(art) + `> .`,
		`<` + string(art) + `> <https://schema.org/datePublished> "2023-06-19"^^<http://www.w3.org/2001/XMLSchema#date> <` + string(art) + `> .`,
		`<` + string(art) + `> <http://www.w3.org/2000/01/rdf-schema#label> "Taiwan"@en-GB <` + string(art) + `> .`,
		`<` + string(art) + `> <http://www.w3.org/2000/01/rdf-schema#label> "bad tag" <` + string(art) + `> .`,
		`<` + string(art) + `> <https://w3id.org/dkg/ns#contentHash> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <` + string(art) + `> .`,
		`<` + string(art) + `> <https://w3id.org/dkg/ns#evidenceStart> "42"^^<http://www.w3.org/2001/XMLSchema#integer> <` + string(art) + `> .`,
		`<` + string(art) + `> <https://w3id.org/dkg/ns#evidenceEnd> "1.5E+00"^^<http://www.w3.org/2001/XMLSchema#double> <` + string(art) + `> .`,
		`<` + string(art) + `> <https://schema.org/startDate> "2023-06-19T09:30:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> <` + string(art) + `> .`,
		`<` + string(art) + `> <https://schema.org/location> <https://w3id.org/dkg/id/place/new%20york> <` + string(art) + `> .`,
		`<https://w3id.org/dkg/id/place/new%20york> <https://schema.org/name> "New York" <` + string(art) + `> .`,
		`<https://w3id.org/dkg/id/x/%3Ca%3E%7Bb%7D%7Cc%5Ed%60e%5Cf%22g> <https://schema.org/name> "odd" <` + string(art) + `> .`,
		`<https://w3id.org/dkg/id/place/北京> <https://schema.org/name> "北京" <` + string(art) + `> .`,
		`_:b1 <https://schema.org/name> "blank" <` + string(art) + `> .`,
		`_:x686173207370616365 <https://schema.org/name> "blank" <` + string(art) + `> .`,
		`<` + string(art) + `> <https://w3id.org/dkg/ns#status> "x"^^<http://www.w3.org/2001/XMLSchema#string> <` + string(art) + `> .`,
	}
	return a, lines
}

func TestExport(t *testing.T) {
	s := openTest(t)
	a, want := exportArticle()
	mustPut(t, s, a)
	mustPut(t, s, testArticle(1))
	out := exportString(t, s)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(want)+20 {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want)+20, out)
	}
	for i, w := range want {
		// Fresh store, one article after the other: the export is in
		// write order.
		if lines[i] != w {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[i], w)
		}
	}
	if again := exportString(t, s); again != out {
		t.Error("two exports of one store differ")
	}

	t.Run("nquads reader", func(t *testing.T) {
		// Cayley's reader takes every line back, and the quad it reads is
		// written as the same line again.
		defer func(v bool) { nquads.AutoConvertTypedString = v }(nquads.AutoConvertTypedString)
		nquads.AutoConvertTypedString = false
		r := nquads.NewReader(strings.NewReader(out), false)
		for i := 0; ; i++ {
			q, err := r.ReadQuad()
			if err == io.EOF {
				if i != len(lines) {
					t.Errorf("read %d quads, want %d", i, len(lines))
				}
				break
			}
			if err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			var terms []string
			for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				tm, err := termOf(v)
				if err != nil {
					t.Fatal(err)
				}
				terms = append(terms, tm.text)
			}
			if got := strings.Join(terms, " ") + " ."; got != lines[i] {
				t.Errorf("line %d reads back as\n%s\nnot\n%s", i+1, got, lines[i])
			}
		}
	})

	t.Run("rapper", func(t *testing.T) {
		rapper, err := exec.LookPath("rapper")
		if err != nil {
			t.Skip("rapper not installed (apt-get install raptor2-utils)")
		}
		f := filepath.Join(t.TempDir(), "all.nq")
		if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(rapper, "-i", "nquads", "-c", f)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("rapper: %v\n%s", err, stderr.String())
		}
		if msg := stderr.String(); strings.Contains(msg, "Error") || strings.Contains(msg, "Warning") ||
			!strings.Contains(msg, fmt.Sprintf("returned %d ", len(lines))) {
			t.Errorf("rapper:\n%s", msg)
		}
	})
}

func TestTermOf(t *testing.T) {
	tests := []struct {
		in   quad.Value
		want string
	}{
		{quad.IRI("http://a.example/x"), `<http://a.example/x>`},
		{quad.IRI("xsd:date"), `<http://www.w3.org/2001/XMLSchema#date>`},
		{quad.IRI("http://a.example/\x01 x"), `<http://a.example/%01%20x>`},
		{quad.IRI("http://a.example/bad\xffbyte"), `<http://a.example/bad%FFbyte>`},
		{quad.String("bad\xffbyte"), `"bad` + "\uFFFD" + `byte"`},
		{quad.String(""), `""`},
		{quad.String("a\"b\\c\nd\re\tf"), `"a\"b\\c\nd\re\tf"`},
		{quad.String("é😀"), `"é😀"`},
		{quad.Bool(false), `"false"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{quad.TypedString{Value: "True", Type: "xsd:boolean"}, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{quad.Float(math.Inf(1)), `"INF"^^<http://www.w3.org/2001/XMLSchema#double>`},
		{quad.LangString{Value: "x", Lang: "zh-Hant-TW"}, `"x"@zh-Hant-TW`},
		{quad.LangString{Value: "x", Lang: ""}, `"x"`},
		{quad.BNode("a.b"), `_:a.b`},
		{quad.BNode("ab."), `_:x61622E`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got, err := termOf(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.text != tt.want {
				t.Errorf("got %s, want %s", got.text, tt.want)
			}
		})
	}
}

func TestQuery(t *testing.T) {
	s := openTest(t)
	for i := range 3 {
		mustPut(t, s, testArticle(i))
	}
	p0, p1 := schema.PersonIRI("Person 0"), schema.PersonIRI("Person 1")
	missing := quad.IRI(schema.ID + "person/nobody")
	tests := []struct {
		name    string
		script  string
		limit   int
		want    []string // ids or values, in order
		wantErr string
		line    int
		column  int
	}{
		{name: "out", script: fmt.Sprintf(`g.V(%q).out(%q).all()`, quad.StringOf(p0), quad.StringOf(schema.Met)), want: []string{quad.StringOf(p1)}},
		{name: "limit", script: `g.V().all()`, limit: 2, want: []string{"*", "*"}},
		{name: "emit", script: `g.emit({a: 1}); g.emit(5); 7`, want: []string{"map[a:1]", "map[value:5]"}},
		{name: "syntax error", script: "var a = 1;\nvar b = ;", wantErr: "SyntaxError: Unexpected token ;", line: 2, column: 9},
		{name: "early error", script: "let x; let x;", wantErr: "SyntaxError: Identifier 'x' has already been declared", line: 1, column: 12},
		{name: "runtime error", script: "\n  g.V().foo()", wantErr: "TypeError: Object has no member 'foo'", line: 2, column: 12},
		{name: "throw", script: `throw new Error("boom")`, wantErr: "Error: boom", line: 1},
		{name: "deep recursion", script: `function f() { return f() } f()`, wantErr: "RangeError", line: 1},
		{name: "except missing", script: fmt.Sprintf(`g.V(%q, %q).except(g.V(%q)).all()`, quad.StringOf(p0), quad.StringOf(p1), quad.StringOf(missing)), want: []string{quad.StringOf(p0), quad.StringOf(p1)}},
		{name: "difference missing predicate", script: fmt.Sprintf(`g.V(%q).difference(g.M().out("<nope>")).all()`, quad.StringOf(p0)), want: []string{quad.StringOf(p0)}},
		{name: "except computed name", script: fmt.Sprintf(`g.V(%q)["exc"+"ept"](g.V(%q)).all()`, quad.StringOf(p0), quad.StringOf(missing)), want: []string{quad.StringOf(p0)}},
		{name: "except present", script: fmt.Sprintf(`g.V(%q, %q).Except(g.V(%q)).all()`, quad.StringOf(p0), quad.StringOf(p1), quad.StringOf(p0)), want: []string{quad.StringOf(p1)}},
		{name: "except in morphism", script: fmt.Sprintf(`var m = g.M().out(%q).except(g.V(%q)); g.V(%q).follow(m).all()`, quad.StringOf(schema.Met), quad.StringOf(missing), quad.StringOf(p0)), want: []string{quad.StringOf(p1)}},
		{name: "gizmo panics on argument", script: `g.V().out({}).all()`, wantErr: "internal error in gizmo", line: 1, column: 10},
		{name: "caught panic", script: `try { g.V().out("<p>", 5).all() } catch (e) { g.emit("caught") }`, want: []string{"map[value:caught]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := s.Query(context.Background(), tt.script, tt.limit)
			if tt.wantErr != "" {
				var qe *QueryError
				if !errors.As(err, &qe) {
					t.Fatalf("got %v (%T), want a *QueryError", err, err)
				}
				if !strings.Contains(qe.Msg, tt.wantErr) || qe.Line != tt.line || tt.column != 0 && qe.Column != tt.column {
					t.Errorf("got %d:%d %q, want %d:%d %q", qe.Line, qe.Column, qe.Msg, tt.line, tt.column, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				if id, ok := r["id"].(string); ok {
					got = append(got, id)
				} else {
					got = append(got, fmt.Sprint(r))
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if tt.want[i] != "*" && got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestQueryDeadline(t *testing.T) {
	s := openTest(t)
	mustPut(t, s, testArticle(1))
	for _, script := range []string{
		`while(true){}`,
		`while(true){ try { g.V().all() } catch (e) {} }`,
		`while(true){ try { g.V().out({}).all() } catch (e) {} }`,
	} {
		t.Run(script, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := s.Query(ctx, script, 0)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("got %v, want a deadline error", err)
			}
			if d := time.Since(start); d > 1500*time.Millisecond {
				t.Errorf("returned after %v", d)
			}
		})
	}
	// The interrupted scripts must not hold the store: a write goes through.
	if _, err := s.Remove(testArticle(1).IRI); err != nil {
		t.Fatal(err)
	}
}

func TestSessionVM(t *testing.T) {
	// guardSession reaches into Gizmo's session; a Cayley upgrade that moves
	// the field must fail here, not in a query.
	s := openTest(t)
	rows, err := s.Query(context.Background(), `g.emit(typeof g.V)`, 0)
	if err != nil || len(rows) != 1 || rows[0]["value"] != "function" {
		t.Fatalf("got %v, %v", rows, err)
	}
}

func TestConcurrent(t *testing.T) {
	// Readers of every kind beside a writer; run with -race.
	s := openTest(t)
	mustPut(t, s, testArticle(0))
	ctx := context.Background()
	done := make(chan error)
	readers := []func() error{
		func() error { _, err := s.Query(ctx, `g.V().out().all()`, 0); return err },
		func() error { _, err := s.Export(ctx, io.Discard); return err },
		func() error { _, err := s.Resolve(ctx, "Person 1"); return err },
		func() error { _, err := s.Stats(ctx); return err },
	}
	for _, read := range readers {
		go func() {
			for range 20 {
				if err := read(); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	go func() {
		for i := range 20 {
			a := testArticle(i % 5)
			a.Quads = a.Quads[:10+i%10]
			if _, err := s.Put(a.IRI, a.Quads); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for range len(readers) + 1 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestResolve(t *testing.T) {
	s := openTest(t)
	mustPut(t, s, testArticle(1))
	mustPut(t, s, testArticle(2))
	tests := []struct {
		name string
		want []quad.IRI
	}{
		{"Person 2", []quad.IRI{schema.PersonIRI("Person 2")}},
		{"  person   2 ", []quad.IRI{schema.PersonIRI("Person 2")}},
		{"CHINA", []quad.IRI{schema.CountryIRI("CHN")}},
		{"Person 9", nil},
		{"", nil},
		{"Taiwan", nil}, // a label, not a name
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Resolve(context.Background(), tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	s := openTest(t)
	for i := range 3 {
		mustPut(t, s, testArticle(i))
	}
	mustPut(t, s, testArticle(50)) // the people of article 0 again, on another date
	art := schema.ArticleIRI("https://news.example/kinds")
	typed := func(node, class quad.IRI) quad.Quad {
		return quad.Quad{Subject: node, Predicate: schema.Type, Object: class, Label: art}
	}
	p0 := schema.PersonIRI("Person 0")
	mustPut(t, s, Article{IRI: art, Quads: []quad.Quad{
		typed(art, schema.NewsArticle),
		typed(p0, schema.Person), // typed again by another article
		typed(schema.OrganizationIRI("Stimson Center"), schema.Organization),
		typed(schema.CountryIRI("USA"), schema.Country),
		typed(schema.PlaceIRI("Beijing"), schema.Place),
		typed(schema.IssueIRI("Taiwan"), schema.Issue),
		typed(schema.GroupIRI("Chinese companies"), schema.Group),
		typed(schema.StatementIRI(p0, "We met."), schema.Statement),
		typed(schema.EventIRI(schema.Visit, []quad.IRI{p0}, "2023-06", schema.Planned), schema.Visit),
	}})
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{
		Quads:         89,
		Articles:      5,
		People:        4, // persons 0..3
		Organizations: 1,
		Countries:     2,
		Places:        1,
		Issues:        1,
		Groups:        1,
		Statements:    1,
		Events:        map[string]int{"Meeting": 4, "Visit": 1},
	}
	if fmt.Sprint(st) != fmt.Sprint(want) {
		t.Errorf("got %+v, want %+v", st, want)
	}

	empty, err := openTest(t).Stats(context.Background())
	if err != nil || fmt.Sprint(empty) != fmt.Sprint(Stats{Events: map[string]int{}}) {
		t.Errorf("empty store: got %+v, %v", empty, err)
	}
}

// ExampleStore writes an article, finds a person by name and asks Gizmo
// whom they met.
func ExampleStore() {
	dir, err := os.MkdirTemp("", "dkg")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	s, err := Open(dir, true)
	if err != nil {
		panic(err)
	}
	defer s.Close()

	art := schema.ArticleIRI("https://news.example/blinken-xi")
	blinken, xi := schema.PersonIRI("Antony Blinken"), schema.PersonIRI("Xi Jinping")
	ch, err := s.Put(art, []quad.Quad{
		{Subject: art, Predicate: schema.Type, Object: schema.NewsArticle},
		{Subject: blinken, Predicate: schema.Type, Object: schema.Person},
		{Subject: blinken, Predicate: schema.NameKey, Object: quad.String(schema.Fold("Antony Blinken"))},
		{Subject: xi, Predicate: schema.Type, Object: schema.Person},
		{Subject: blinken, Predicate: schema.Met, Object: xi},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(ch)

	ids, err := s.Resolve(context.Background(), "antony BLINKEN")
	if err != nil {
		panic(err)
	}
	fmt.Println(ids)

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	script := fmt.Sprintf(`g.V(%q).out(%q).all()`, quad.StringOf(ids[0]), quad.StringOf(schema.Met))
	rows, err := s.Query(ctx, script, 10)
	if err != nil {
		panic(err)
	}
	fmt.Println(rows)

	st, err := s.Stats(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(st.Quads, st.Articles, st.People)
	// Output:
	// added
	// [<https://w3id.org/dkg/id/person/antony-blinken>]
	// [map[id:<https://w3id.org/dkg/id/person/xi-jinping>]]
	// 5 1 2
}

// fillStore puts n articles (20 quads each) into a new store.
func fillStore(b *testing.B, n int) *Store {
	b.Helper()
	s := openTest(b)
	batch := make([]Article, 0, 100)
	for i := range n {
		batch = append(batch, testArticle(i))
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := s.PutBatch(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return s
}

// BenchmarkPut writes one new article (20 quads) per operation into a store
// that holds 20k quads.
func BenchmarkPut(b *testing.B) {
	s := fillStore(b, 1000)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		a := testArticle(1000 + i)
		if _, err := s.Put(a.IRI, a.Quads); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(20*b.N)/b.Elapsed().Seconds(), "quads/s")
}

// BenchmarkReplace rewrites an article with its headline edited.
func BenchmarkReplace(b *testing.B) {
	s := fillStore(b, 1000)
	a := testArticle(7)
	for i := 0; b.Loop(); i++ {
		a.Quads[1].Object = quad.String(fmt.Sprint("headline ", i))
		if ch, err := s.Put(a.IRI, a.Quads); err != nil || ch != Replaced {
			b.Fatal(ch, err)
		}
	}
}

// BenchmarkExport compares Export with Cayley's own N-Quads writer on a
// store of 20k quads.
func BenchmarkExport(b *testing.B) {
	s := fillStore(b, 1000)
	b.Run("dkg", func(b *testing.B) {
		n := 0
		for b.Loop() {
			m, err := s.Export(context.Background(), io.Discard)
			if err != nil {
				b.Fatal(err)
			}
			n += m
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
	})
	b.Run("cayley-nquads", func(b *testing.B) {
		n := 0
		for b.Loop() {
			w := nquads.NewWriter(io.Discard)
			m, err := quad.Copy(w, cgraph.NewQuadStoreReader(s.qs))
			if err != nil {
				b.Fatal(err)
			}
			w.Close()
			n += m
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
	})
}

// BenchmarkResolve looks up a name among 1000 articles' entities.
func BenchmarkResolve(b *testing.B) {
	s := fillStore(b, 1000)
	for b.Loop() {
		ids, err := s.Resolve(context.Background(), "Person 17")
		if err != nil || len(ids) != 1 {
			b.Fatal(ids, err)
		}
	}
}
