package graph

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// filterWorld is two articles about four people:
//
//	a1 (2023-06-20): A met B on 2023-06-19 (occurred, with the met edge);
//	                 B and C plan to meet in 2024 (planned, no edge);
//	                 A said something (a statement, dated by the article).
//	a2 (2024-03-01): C met D, undated (dated by the article: 2024-03-01);
//	                 A works at O (affiliation), B represents CHN.
func filterWorld() (a1, a2 Article) {
	art1 := schema.ArticleIRI("https://news.example/1")
	art2 := schema.ArticleIRI("https://news.example/2")
	a, b, c, d := schema.PersonIRI("A"), schema.PersonIRI("B"), schema.PersonIRI("C"), schema.PersonIRI("D")
	o, chn := schema.OrganizationIRI("O"), schema.CountryIRI("CHN")
	m1 := schema.EventIRI(schema.Meeting, []quad.IRI{a, b}, "2023-06-19", schema.Occurred)
	m2 := schema.EventIRI(schema.Meeting, []quad.IRI{b, c}, "2024", schema.Planned)
	m3 := schema.EventIRI(schema.Meeting, []quad.IRI{c, d}, "", schema.Occurred)
	st := schema.StatementIRI(a, "hello")
	person := func(l, p quad.IRI, name string) []quad.Quad {
		return []quad.Quad{
			{Subject: p, Predicate: schema.Type, Object: schema.Person, Label: l},
			{Subject: p, Predicate: schema.Name, Object: quad.String(name), Label: l},
		}
	}
	q := func(l, s, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: l}
	}
	a1 = Article{IRI: art1, Quads: slices.Concat(
		[]quad.Quad{
			q(art1, art1, schema.Type, schema.NewsArticle),
			q(art1, art1, schema.URL, quad.String("https://news.example/1")),
			q(art1, art1, schema.DatePublished, schema.Date("2023-06-20")),
			q(art1, m1, schema.Type, schema.Meeting),
			q(art1, m1, schema.Participant, a),
			q(art1, m1, schema.Participant, b),
			q(art1, m1, schema.StartDate, schema.Date("2023-06-19")),
			q(art1, m1, schema.Status, quad.String(schema.Occurred)),
			q(art1, a, schema.Met, b),
			q(art1, m2, schema.Type, schema.Meeting),
			q(art1, m2, schema.Participant, b),
			q(art1, m2, schema.Participant, c),
			q(art1, m2, schema.StartDate, schema.Date("2024")),
			q(art1, m2, schema.Status, quad.String(schema.Planned)),
			q(art1, st, schema.Type, schema.Statement),
			q(art1, st, schema.Actor, a),
			q(art1, a, schema.Said, st),
		},
		person(art1, a, "A"), person(art1, b, "B"), person(art1, c, "C"),
	)}
	a2 = Article{IRI: art2, Quads: slices.Concat(
		[]quad.Quad{
			q(art2, art2, schema.Type, schema.NewsArticle),
			q(art2, art2, schema.DatePublished, schema.Date("2024-03-01")),
			q(art2, m3, schema.Type, schema.Meeting),
			q(art2, m3, schema.Participant, c),
			q(art2, m3, schema.Participant, d),
			q(art2, m3, schema.Status, quad.String(schema.Occurred)),
			q(art2, c, schema.Met, d),
			q(art2, a, schema.Affiliation, o),
			q(art2, b, schema.Represents, chn),
			q(art2, o, schema.Type, schema.Organization),
		},
		person(art2, a, "A"), person(art2, b, "B"), person(art2, c, "C"), person(art2, d, "D"),
	)}
	return a1, a2
}

// kept lists the kept quads as "subject-local predicate-local object" strings
// with the article number, for readable comparisons.
func kept(quads []quad.Quad, keep []bool) []string {
	var out []string
	for i, q := range quads {
		if !keep[i] {
			continue
		}
		o := q.Object
		var os string
		if iri, ok := o.(quad.IRI); ok {
			os = schema.Local(iri)
		} else {
			os = quad.StringOf(o)
		}
		l := "1"
		if strings.HasSuffix(string(q.Label.(quad.IRI)), schema.Local(schema.ArticleIRI("https://news.example/2"))) {
			l = "2"
		}
		out = append(out, l+" "+schema.Local(q.Subject.(quad.IRI))+" "+schema.Local(q.Predicate.(quad.IRI))+" "+os)
	}
	return out
}

func has(list []string, want ...string) []string {
	var missing []string
	for _, w := range want {
		found := false
		for _, l := range list {
			if strings.Contains(l, w) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, w)
		}
	}
	return missing
}

func TestSelectQuads(t *testing.T) {
	a1, a2 := filterWorld()
	all := slices.Concat(a1.Quads, a2.Quads)
	a, c := schema.PersonIRI("A"), schema.PersonIRI("C")
	tests := []struct {
		name      string
		sel       Selection
		want, not []string
	}{
		{
			name: "since a month keeps the month's days",
			sel:  Selection{Since: "2023-06"},
			// m1 (2023-06-19), m2 (2024), the statement (article date
			// 2023-06-20), m3 (article date 2024-03-01)
			want: []string{" met b", " met d", "said ", "planned", "1 a name \"A\"", "2 d name \"D\"", "2 b represents CHN"},
		},
		{
			name: "until the day before excludes the meeting",
			sel:  Selection{Until: "2023-06-18"},
			not:  []string{"met", "name", "said", "NewsArticle"},
		},
		{
			name: "a day inside a year-dated event keeps it",
			sel:  Selection{Since: "2024-07-01", Until: "2024-07-01"},
			want: []string{"planned", "1 b name", "1 c name"},
			// m3 is dated by its article (2024-03-01), m1 is 2023; the
			// direct edges lose their events
			not: []string{" met ", "said", "2 d name", "1 a name"},
		},
		{
			name: "an undated event takes its article's date",
			sel:  Selection{Since: "2024-03-01", Until: "2024-03-31"},
			// m3 (the article's 2024-03-01) and m2 (2024, which has
			// days in March), not m1 nor the statement (2023-06-20)
			want: []string{"2 c met d", "2 c name", "2 d name", "planned", "2 b represents CHN"},
			not:  []string{"1 a ", "2 a ", "said", " met b"},
		},
		{
			name: "one hop around A: B through the meeting, O through the link",
			sel:  Selection{Entity: a, Hops: 1},
			// article 2 says A works at O, and who B represents
			want: []string{"1 a met b", "said", "2 a affiliation o", "2 o type Organization", "1 b name", "1 a name", "2 b represents CHN"},
			// m2 has C, two hops away; m3 is C and D
			not: []string{"planned", "c name", "d name", " met d"},
		},
		{
			name: "two hops around A reach C but not D",
			sel:  Selection{Entity: a, Hops: 2},
			want: []string{"planned", "1 c name", "1 a met b", "2 b represents CHN"},
			not:  []string{"d name", " met d"},
		},
		{
			name: "zero hops keep what A alone takes part in",
			sel:  Selection{Entity: a},
			want: []string{"1 a said", "1 a name"},
			not:  []string{" met ", "b name"},
		},
		{
			name: "the neighbourhood within the dates",
			sel:  Selection{Entity: c, Hops: 1, Since: "2024-01"},
			want: []string{"planned", "2 c met d", "1 b name", "2 d name"},
			not:  []string{"1 a ", "said"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kept(all, SelectQuads(all, tt.sel))
			if m := has(got, tt.want...); len(m) > 0 {
				t.Errorf("missing %q in\n%s", m, strings.Join(got, "\n"))
			}
			for _, n := range tt.not {
				for _, g := range got {
					if strings.Contains(g, n) {
						t.Errorf("kept %q (matches %q)", g, n)
					}
				}
			}
		})
	}
}

func TestSelectionCheck(t *testing.T) {
	for _, d := range []string{"2023", "2023-06", "2023-06-30", "2024-02-29"} {
		if err := CheckDate(d); err != nil {
			t.Errorf("CheckDate(%q): %v", d, err)
		}
	}
	for _, d := range []string{"", "23", "2023-13", "2023-02-30", "2023/06/01", "2023-6-1", "June 2023"} {
		if err := CheckDate(d); err == nil {
			t.Errorf("CheckDate(%q): no error", d)
		}
	}
	if err := (Selection{Since: "2024", Until: "2023-12-31"}).Check(); err == nil {
		t.Error("an empty range is accepted")
	}
	if err := (Selection{Since: "2023-12", Until: "2023-12"}).Check(); err != nil {
		t.Errorf("one month: %v", err)
	}
	if err := (Selection{Hops: -1}).Check(); err == nil {
		t.Error("negative hops accepted")
	}
	if !dateInRange("2023", "2023-06-15", "2023-06-15") || dateInRange("2023-05", "2023-06", "") || dateInRange("2024", "", "2023-12-31") {
		t.Error("dateInRange")
	}
}

func TestSelect(t *testing.T) {
	s := openTest(t)
	a1, a2 := filterWorld()
	if _, err := s.PutBatch([]Article{a1, a2}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	collect := func(sel Selection) []quad.Quad {
		t.Helper()
		var out []quad.Quad
		n, err := s.Select(ctx, sel, func(q quad.Quad) error { out = append(out, q); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if n != len(out) {
			t.Errorf("Select says %d quads, gave %d", n, len(out))
		}
		return out
	}

	if got, want := quadStrings(collect(Selection{})), quadStrings(slices.Concat(a1.Quads, a2.Quads)); !slices.Equal(got, want) {
		t.Errorf("the whole store:\n got %q\nwant %q", got, want)
	}
	if got, want := quadStrings(collect(Selection{Articles: []quad.IRI{a2.IRI, a2.IRI}})), quadStrings(a2.Quads); !slices.Equal(got, want) {
		t.Errorf("article 2:\n got %q\nwant %q", got, want)
	}
	// Articles, then dates: article 2 has nothing in 2023.
	if got := collect(Selection{Articles: []quad.IRI{a2.IRI}, Since: "2023", Until: "2023"}); len(got) != 0 {
		t.Errorf("article 2 in 2023: %q", quadStrings(got))
	}
	all := slices.Concat(a1.Quads, a2.Quads)
	sel := Selection{Entity: schema.PersonIRI("A"), Hops: 1}
	var want []quad.Quad
	for i, k := range SelectQuads(all, sel) {
		if k {
			want = append(want, all[i])
		}
	}
	if got := collect(sel); !slices.Equal(quadStrings(got), quadStrings(want)) {
		t.Errorf("around A:\n got %q\nwant %q", quadStrings(got), quadStrings(want))
	}

	stop := errors.New("stop")
	if _, err := s.Select(ctx, Selection{}, func(quad.Quad) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("an error from fn: got %v", err)
	}
	if _, err := s.Select(ctx, Selection{Since: "2023-13"}, func(quad.Quad) error { return nil }); err == nil {
		t.Error("a bad date is accepted")
	}
}

func TestFindArticle(t *testing.T) {
	s := openTest(t)
	a1, a2 := filterWorld()
	if _, err := s.PutBatch([]Article{a1, a2}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id := schema.Local(a2.IRI)
	for _, ref := range []string{"https://news.example/1", string(a1.IRI), "<" + string(a1.IRI) + ">"} {
		if got, err := s.FindArticle(ctx, ref); err != nil || got != a1.IRI {
			t.Errorf("FindArticle(%q) = %v, %v; want %v", ref, got, err, a1.IRI)
		}
	}
	// Article 2 has no schema:url: its IRI is the hash of its URL.
	for _, ref := range []string{id, strings.ToUpper(id), "https://news.example/2"} {
		if got, err := s.FindArticle(ctx, ref); err != nil || got != a2.IRI {
			t.Errorf("FindArticle(%q) = %v, %v; want %v", ref, got, err, a2.IRI)
		}
	}
	for _, ref := range []string{"https://news.example/3", "0123456789abcdef", string(schema.PersonIRI("A"))} {
		if _, err := s.FindArticle(ctx, ref); !errors.Is(err, ErrNoArticle) {
			t.Errorf("FindArticle(%q): got %v, want ErrNoArticle", ref, err)
		}
	}
}
