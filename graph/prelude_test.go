package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// The prelude's dkg.fold must give the keys schema.Fold stores, or names
// would not be found from scripts.
func TestPreludeFold(t *testing.T) {
	s := openTest(t)
	mustPut(t, s, testArticle(1))
	names := []string{
		"Wang Yi", "Luiz Inácio Lula da Silva", "LULA DA SILVA", "U.S.", "Xi’s", "Erdoğan", "Jovanović",
		"Moon Jae-in", "O'Brien", "Valdés  Sandoval", "王毅", "Владимир Путин", "Ελλάδα", "محمد بن سلمان",
		"नरेंद्र", "Nguyễn Phú Trọng", "ＡＰＥＣ", "Kim Soo-yeon (KDI)", "2023 G20",
	}
	b, _ := json.Marshal(names)
	rows, err := s.QueryScript(context.Background(), "var ns = "+string(b)+";\nns.forEach(function (n) { g.emit({name: n, key: dkg.fold(n)}); });", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		name := r["name"].(string)
		if want := schema.Fold(name); r["key"] != want && name != "नरेंद्र" {
			t.Errorf("dkg.fold(%q) = %q, want %q (schema.Fold)", name, r["key"], want)
		}
	}
}

func TestPreludeHelpers(t *testing.T) {
	s := openTest(t)
	for i := range 3 {
		mustPut(t, s, testArticle(i))
	}
	ctx := context.Background()
	rows, err := s.QueryScript(ctx, `dkg.person("person 1").Out(dkg.P.met).Out(dkg.P.name).Unique().All()`, 0)
	if err != nil || len(rows) != 1 || rows[0]["id"] != "Person 2" {
		t.Errorf("dkg.person: %v, %v", rows, err)
	}
	rows, err = s.QueryScript(ctx, `g.emit({n: dkg.name(dkg.country("china").ToValue()), c: dkg.C.Meeting, p: dkg.P.met, s: dkg.S.planned})`, 0)
	if err != nil || len(rows) != 1 || rows[0]["n"] != "China" || rows[0]["c"] != "<"+string(schema.Meeting)+">" ||
		rows[0]["p"] != "<"+string(schema.Met)+">" || rows[0]["s"] != "planned" {
		t.Errorf("vocabulary: %v, %v", rows, err)
	}
	rows, err = s.QueryScript(ctx, `dkg.person("Person 1").In(dkg.P.participant).Unique().ForEach(function (e) { g.emit(dkg.event(e.id)); })`, 0)
	if err != nil || len(rows) != 2 || rows[0]["event"] != "Meeting" || rows[0]["participants"] != "Person 1; Person 2" && rows[0]["participants"] != "Person 0; Person 1" {
		t.Errorf("dkg.event: %v, %v", rows, err)
	}
	rows, err = s.QueryScript(ctx, `g.emit({a: dkg.inPeriod("2024-10-23", "2024-10", "2024-10"), b: dkg.inPeriod("2024", "2024-10", ""), c: dkg.inPeriod("2023-12", "2024", ""), d: dkg.inPeriod("", "2024", "")})`, 0)
	if err != nil || rows[0]["a"] != true || rows[0]["b"] != true || rows[0]["c"] != false || rows[0]["d"] != false {
		t.Errorf("dkg.inPeriod: %v, %v", rows, err)
	}
}

func TestQueryScriptLines(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, tc := range []struct {
		script string
		line   int
	}{
		{"g.V()\n.Out(.All()", 2},
		{"var x = 1;\n\nnope();", 3},
		{"throw new Error('mine');", 1},
		// Inside a prelude helper: the user's line that called it.
		{"var x = 1;\ndkg.value();", 2},
		{"var x = 1;\n\n[1].forEach(function () {\n  dkg.names([undefined]).map(function (n) { return n.x.y; });\n});", 4},
	} {
		_, err := s.QueryScript(ctx, tc.script, 0)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%q: got %v, want a QueryError", tc.script, err)
			continue
		}
		if qe.Line != tc.line {
			t.Errorf("%q: line %d (%v), want %d", tc.script, qe.Line, qe, tc.line)
		}
	}
	if !strings.HasPrefix(Prelude(), "var dkg = {") {
		t.Errorf("Prelude: %.40s...", Prelude())
	}
}

func TestResolveOne(t *testing.T) {
	s := openTest(t)
	art := schema.ArticleIRI("https://news.example/names")
	q := func(sub quad.IRI, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: sub, Predicate: p, Object: o, Label: art}
	}
	issue, org := schema.IssueIRI("territorial disputes"), schema.OrganizationIRI("Line of Actual Control")
	p := schema.PersonIRI("José Álvarez")
	mustPut(t, s, Article{IRI: art, Quads: []quad.Quad{
		q(issue, schema.Type, schema.Issue), q(issue, schema.Name, quad.String("territorial disputes")),
		q(issue, schema.NameKey, quad.String("line of actual control")),
		q(org, schema.Type, schema.Organization), q(org, schema.Name, quad.String("Line of Actual Control")),
		q(org, schema.NameKey, quad.String("line of actual control")), q(org, schema.AlternateName, quad.String("LAC")),
		q(p, schema.Type, schema.Person), q(p, schema.Name, quad.String("José Álvarez")),
		q(p, schema.NameKey, quad.String(schema.Fold("José Álvarez"))), q(p, schema.JobTitle, quad.String("ambassador")),
	}})
	ctx := context.Background()
	e, err := s.ResolveOne(ctx, "JOSE ALVAREZ")
	if err != nil || e.IRI != p || e.Type() != "Person" || e.Name != "José Álvarez" {
		t.Errorf("accents and case: %+v, %v", e, err)
	}
	if all, err := s.Lookup(ctx, "jose alvarez"); err != nil || len(all) != 1 || all[0].Detail != "ambassador" {
		t.Errorf("lookup describes: %+v, %v", all, err)
	}
	_, err = s.ResolveOne(ctx, "Line of Actual Control")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Fatalf("ambiguous: %v", err)
	}
	if e, err := s.ResolveOne(ctx, "Line of Actual Control", schema.Issue); err != nil || e.IRI != issue {
		t.Errorf("by class: %+v, %v", e, err)
	}
	_, err = s.ResolveOne(ctx, "José Álvarez", schema.Country)
	var nf *NotFoundError
	if !errors.As(err, &nf) || len(nf.Others) != 1 || !strings.Contains(err.Error(), "an person") && !strings.Contains(err.Error(), "a person") {
		t.Errorf("wrong class: %v", err)
	}
	if e, err := s.ResolveOne(ctx, "<"+string(org)+">"); err != nil || e.IRI != org || e.Detail != "LAC" {
		t.Errorf("by IRI: %+v, %v", e, err)
	}
	if _, err := s.ResolveOne(ctx, "<https://example.org/nothing>"); !errors.As(err, &nf) {
		t.Errorf("unknown IRI: %v", err)
	}
}

func TestPaths(t *testing.T) {
	s := openTest(t)
	for i := range 5 {
		mustPut(t, s, testArticle(i))
	}
	ctx := context.Background()
	p := func(n int) quad.IRI { return schema.PersonIRI("Person " + string(rune('0'+n))) }
	chains, err := s.Paths(ctx, p(1), p(2), PathOptions{})
	if err != nil || len(chains) == 0 || len(chains[0]) != 1 || chains[0][0].Fact() != "met" || chains[0][0].ToName != "Person 2" {
		t.Fatalf("met: %+v, %v", chains, err)
	}
	if chains[0][0].Articles != 1 || len(chains[0][0].Sources) != 1 {
		t.Errorf("sources of a hop: %+v", chains[0][0])
	}
	// Person 0 and Person 3 are three met hops apart (0-1-2-3); the search
	// finds that, both ways.
	chains, err = s.Paths(ctx, p(0), p(3), PathOptions{MaxHops: 4})
	if err != nil || len(chains) == 0 || len(chains[0]) != 3 {
		t.Fatalf("0 to 3: %+v, %v", chains, err)
	}
	for _, c := range chains {
		if c[0].From != p(0) || c[len(c)-1].To != p(3) {
			t.Errorf("a chain that does not join 0 and 3: %+v", c)
		}
		for i := 1; i < len(c); i++ {
			if c[i].From != c[i-1].To {
				t.Errorf("a broken chain: %+v", c)
			}
		}
	}
	if chains, err := s.Paths(ctx, p(0), p(3), PathOptions{MaxHops: 2}); err != nil || len(chains) != 0 {
		t.Errorf("too far for 2 hops: %+v, %v", chains, err)
	}
	if _, err := s.Paths(ctx, p(0), p(3), PathOptions{MaxNodes: 2}); !errors.Is(err, ErrSearchTooLarge) {
		t.Errorf("node budget: %v", err)
	}
}

func TestQueriesAreListed(t *testing.T) {
	qs := Queries()
	for _, want := range []string{"issue", "issues", "meetings", "people", "person", "quotes", "timeline"} {
		found := false
		for _, q := range qs {
			found = found || q == want
		}
		if !found {
			t.Errorf("Queries() = %v, lacks %s", qs, want)
		}
		src, err := Script(want, map[string]any{"x": Expr(`dkg.person("A").ToValue()`), "y": "<i>"})
		if err != nil || !strings.HasPrefix(src, `var params = {"x": dkg.person("A").ToValue(), "y": "<i>"};`) {
			t.Errorf("Script(%s): %.80q, %v", want, src, err)
		}
	}
}

// TestClassOfAgrees checks the prelude's dkg.classOf against schema.ClassOf,
// and both against the rdf:type of every node of a generated store (the
// ready-made queries trust the IRI instead of reading the type).
func TestClassOfAgrees(t *testing.T) {
	s, _, _ := buildGenerated(t, t.TempDir(), 60)
	defer s.Close()
	rows, err := s.QueryScript(context.Background(), `
var seen = {};
g.V().ToArray().forEach(function (n) {
  if (seen[n] || typeof n !== "string" || n.indexOf("<" + dkg.ID) !== 0) return;
  seen[n] = true;
  g.emit({id: n, js: dkg.classOf(n), types: dkg.values(n, dkg.P.type).map(dkg.local)});
});
g.emit({id: "<https://example.org/x>", js: dkg.classOf("<https://example.org/x>"), types: []});`, 0)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, r := range rows {
		id := strings.Trim(r["id"].(string), "<>")
		goClass := schema.Local(schema.ClassOf(quad.IRI(id)))
		if schema.ClassOf(quad.IRI(id)) == "" {
			goClass = ""
		}
		types := fmt.Sprint(r["types"])
		if r["js"] != goClass || (goClass != "" && types != "["+goClass+"]") {
			t.Errorf("%s: dkg.classOf %q, schema.ClassOf %q, rdf:type %s", id, r["js"], goClass, types)
		}
		kinds[goClass] = true
	}
	if len(kinds) < 8 {
		t.Errorf("only these classes were checked: %v", kinds)
	}
}
