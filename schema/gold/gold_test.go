package gold

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/dkg/dkg/schema"
)

var (
	article1 = schema.ArticleIRI("https://example.org/1")
	article2 = schema.ArticleIRI("https://example.org/2")

	blinken = schema.PersonIRI("Antony Blinken")
	xi      = schema.PersonIRI("Xi Jinping")
	biden   = schema.PersonIRI("Joe Biden")
	erdogan = schema.PersonIRI("Recep Tayyip Erdoğan")
	wang    = schema.PersonIRI("Wang Yi")
	us      = schema.CountryIRI("USA")
	china   = schema.CountryIRI("CHN")
	beijing = schema.PlaceIRI("Beijing")
	taiwan  = schema.IssueIRI("Taiwan")
	meeting = schema.EventIRI(schema.Meeting, []quad.IRI{blinken, xi}, "2023-06-19", schema.Occurred)
	said    = schema.StatementIRI(blinken, "We do not seek to decouple.")
)

// q is a quad of article1.
func q(s quad.Value, p quad.IRI, o quad.Value) quad.Quad {
	return quad.Quad{Subject: s, Predicate: p, Object: o, Label: article1}
}

// entities are the nodes every test graph starts with.
func entities() []quad.Quad {
	return []quad.Quad{
		q(blinken, schema.Type, schema.Person),
		q(blinken, schema.Name, quad.String("Antony Blinken")),
		q(blinken, schema.JobTitle, quad.String("Secretary of State")),
		q(xi, schema.Type, schema.Person),
		q(xi, schema.Name, quad.String("Xi Jinping")),
		q(biden, schema.Name, quad.String("Joe Biden")),
		q(erdogan, schema.Name, quad.String("Recep Tayyip Erdoğan")),
		q(wang, schema.Label, quad.LangString{Value: "Wang Yi", Lang: "en"}),
		q(us, schema.Type, schema.Country),
		q(us, schema.Name, quad.String("United States")),
		q(us, schema.AlternateName, quad.String("U.S.")),
		q(china, schema.Name, quad.String("China")),
		q(beijing, schema.Name, quad.String("Beijing")),
		q(taiwan, schema.Type, schema.Issue),
		q(taiwan, schema.Name, quad.String("Taiwan")),
	}
}

func graphWith(extra ...quad.Quad) []quad.Quad { return append(entities(), extra...) }

func mustParse(t *testing.T, text string) *File {
	t.Helper()
	f, err := Parse(strings.NewReader(text), "test.gold.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// rows joins gold rows written with " | " between fields into a gold file.
func rows(lines ...string) string {
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(l, " | ", "\t")
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestFacts(t *testing.T) {
	meetingQuads := []quad.Quad{
		q(meeting, schema.Type, schema.Meeting),
		q(meeting, schema.Participant, blinken),
		q(meeting, schema.Participant, xi),
		q(meeting, schema.About, taiwan),
	}
	tests := []struct {
		name  string
		quads []quad.Quad
		row   string
		held  bool
	}{
		{"alias folds dots", graphWith(q(blinken, schema.Represents, us)), "fact | Antony Blinken | represents | US", true},
		{"alias folds case", graphWith(q(blinken, schema.Represents, us)), "fact | ANTONY blinken | represents | u.s.", true},
		{"second alias", graphWith(q(blinken, schema.Represents, us)), "fact | Antony Blinken | represents | America|United States", true},
		{"no alias", graphWith(q(blinken, schema.Represents, us)), "fact | Antony Blinken | represents | America", false},
		{"accents fold", graphWith(q(erdogan, schema.Visited, us)), "fact | Recep Tayyip Erdogan | visited | United States", true},
		{"rdfs label names", graphWith(q(wang, schema.Met, blinken)), "fact | Wang Yi | met | Antony Blinken", true},
		{"predicate must match", graphWith(q(blinken, schema.Met, xi)), "fact | Antony Blinken | visited | Xi Jinping", false},
		{"met as told", graphWith(q(blinken, schema.Met, xi)), "fact | Antony Blinken | met | Xi Jinping", true},
		{"met is symmetric", graphWith(q(xi, schema.Met, blinken)), "fact | Antony Blinken | met | Xi Jinping", true},
		{"visited is not symmetric", graphWith(q(us, schema.Visited, blinken)), "fact | Antony Blinken | visited | United States", false},
		{"name alias does not match a literal", graphWith(q(blinken, schema.Represents, quad.String("United States"))), "fact | Antony Blinken | represents | United States", false},
		{"text in literal", entities(), "fact | Antony Blinken | jobTitle | ~secretary of state", true},
		{"text case-insensitive", entities(), "fact | Antony Blinken | jobTitle | ~SECRETARY", true},
		{"text second alias", entities(), "fact | Antony Blinken | jobTitle | ~treasury|~state", true},
		{"text absent", entities(), "fact | Antony Blinken | jobTitle | ~treasury", false},
		{"text in node literal", graphWith(
			q(blinken, schema.Said, said),
			q(said, schema.Type, schema.Statement),
			q(said, schema.Text, quad.String("We do not seek to decouple."))),
			"fact | Antony Blinken | said | ~decouple", true},
		{"text in another speaker's node", graphWith(
			q(xi, schema.Said, said),
			q(said, schema.Text, quad.String("We do not seek to decouple."))),
			"fact | Antony Blinken | said | ~decouple", false},
		{"type local name", entities(), "fact | Taiwan | type | Issue", true},
		{"type other class", entities(), "fact | Taiwan | type | Country", false},
		{"event subject", graphWith(meetingQuads...), "fact | @event:Antony Blinken | about | Taiwan", true},
		{"event subject aliases", graphWith(meetingQuads...), "fact | @event:Tony Blinken|Xi Jinping | about | Taiwan", true},
		{"event subject without participant", graphWith(meetingQuads...), "fact | @event:Joe Biden | about | Taiwan", false},
		{"event subject is not the actor", graphWith(q(blinken, schema.About, taiwan)), "fact | @event:Antony Blinken | about | Taiwan", false},
		{"label ignored", graphWith(quad.Quad{Subject: blinken, Predicate: schema.Met, Object: xi, Label: article2}), "fact | Antony Blinken | met | Xi Jinping", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Score(mustParse(t, rows(tt.row)), tt.quads)
			if got := rep.FactsHeld == 1; got != tt.held {
				t.Errorf("held = %v, want %v (report %+v)", got, tt.held, rep)
			}
			if rep.Facts != 1 {
				t.Errorf("Facts = %d, want 1", rep.Facts)
			}
			if got := len(rep.Missing) == 0; got != tt.held {
				t.Errorf("Missing = %v, want held %v", rep.Missing, tt.held)
			}
		})
	}
}

func TestEvents(t *testing.T) {
	base := graphWith(
		q(meeting, schema.Type, schema.Meeting),
		q(meeting, schema.Participant, blinken),
		q(meeting, schema.Participant, xi),
		q(meeting, schema.Status, quad.String(schema.Occurred)),
		q(meeting, schema.Location, beijing),
		q(meeting, schema.StartDate, schema.Date("2023-06-19")),
	)
	visit := schema.EventIRI(schema.Visit, []quad.IRI{blinken}, "", schema.Planned)
	bare := graphWith(
		q(visit, schema.Type, schema.Visit),
		q(visit, schema.Participant, blinken),
		q(visit, schema.Status, quad.IRI(schema.NS+schema.Planned)),
	)
	dated := graphWith(
		q(visit, schema.Type, schema.Visit),
		q(visit, schema.Participant, blinken),
		q(visit, schema.Status, quad.String(schema.Occurred)),
		q(visit, quad.IRI(schema.SDO+"date"), quad.String("2022-08")),
	)
	tests := []struct {
		name  string
		quads []quad.Quad
		row   string
		held  bool
	}{
		{"in full", base, "event | Meeting | Antony Blinken;Xi Jinping | occurred | Beijing|China | 2023-06", true},
		{"participants any order", base, "event | Meeting | Xi Jinping;Antony Blinken | occurred | Beijing | 2023-06-19", true},
		{"participant alias", base, "event | Meeting | Blinken|Antony Blinken;Xi|Xi Jinping | occurred | Beijing | 2023", true},
		{"one participant enough", base, "event | Meeting | Antony Blinken | occurred | Beijing | 2023", true},
		{"missing participant", base, "event | Meeting | Antony Blinken;Joe Biden | occurred | Beijing | 2023", false},
		{"wrong class", base, "event | Visit | Antony Blinken;Xi Jinping | occurred | Beijing | 2023", false},
		{"status among", base, "event | Meeting | Antony Blinken;Xi Jinping | planned|occurred | Beijing | 2023", true},
		{"wrong status", base, "event | Meeting | Antony Blinken;Xi Jinping | planned|expected|possible | Beijing | 2023", false},
		{"wrong place", base, "event | Meeting | Antony Blinken;Xi Jinping | occurred | Shanghai | 2023", false},
		{"any place", base, "event | Meeting | Antony Blinken;Xi Jinping | occurred | * | 2023", true},
		{"wrong year", base, "event | Meeting | Antony Blinken;Xi Jinping | occurred | Beijing | 2022", false},
		{"wrong month", base, "event | Meeting | Antony Blinken;Xi Jinping | occurred | Beijing | 2023-05", false},
		{"any date", base, "event | Meeting | Antony Blinken;Xi Jinping | occurred | Beijing | *", true},
		{"status IRI, no place or date", bare, "event | Visit | Antony Blinken | planned|expected | * | *", true},
		{"place required", bare, "event | Visit | Antony Blinken | planned | Beijing | *", false},
		{"date required", bare, "event | Visit | Antony Blinken | planned | * | 2023", false},
		{"date predicate", dated, "event | Visit | Antony Blinken | occurred | * | 2022-08", true},
		{"date less precise than row", dated, "event | Visit | Antony Blinken | occurred | * | 2022-08-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Score(mustParse(t, rows(tt.row)), tt.quads)
			if rep.Events != 1 {
				t.Fatalf("Events = %d, want 1", rep.Events)
			}
			if got := rep.EventsHeld == 1; got != tt.held {
				t.Errorf("held = %v, want %v", got, tt.held)
			}
			if got := len(rep.MissingEvents) == 0; got != tt.held {
				t.Errorf("MissingEvents = %v, want held %v", rep.MissingEvents, tt.held)
			}
		})
	}
}

func TestPrecision(t *testing.T) {
	unnamed := quad.BNode("b1")
	gold := rows(
		"fact | Antony Blinken | met | Xi Jinping",
		"bonus | Antony Blinken | represents | US",
		"fact | Antony Blinken | jobTitle | ~secretary",
		"fact | Joe Biden | represents | ~united states",
	)
	tests := []struct {
		name       string
		quads      []quad.Quad
		edges, ok  int
		unexpected []string
	}{
		{"fact allows", graphWith(q(blinken, schema.Met, xi)), 1, 1, nil},
		{"met symmetric", graphWith(q(xi, schema.Met, blinken)), 1, 1, nil},
		{"both directions are two edges", graphWith(q(xi, schema.Met, blinken), q(blinken, schema.Met, xi)), 2, 2, nil},
		{"bonus allows", graphWith(q(blinken, schema.Represents, us)), 1, 1, nil},
		{"unlisted edge", graphWith(q(blinken, schema.Met, biden)), 1, 0, []string{"Antony Blinken met Joe Biden"}},
		{"literal object", graphWith(q(biden, schema.Represents, quad.String("United States"))), 1, 0, []string{`Joe Biden represents "United States"`}},
		{"unnamed node", graphWith(q(blinken, schema.Met, unnamed)), 1, 0, []string{"Antony Blinken met _:b1"}},
		{"unscored predicates ignored", graphWith(q(blinken, schema.About, taiwan), q(blinken, schema.Said, said)), 0, 0, nil},
		{"labels ignored", graphWith(q(blinken, schema.Met, xi), quad.Quad{Subject: blinken, Predicate: schema.Met, Object: xi, Label: article2}), 1, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Score(mustParse(t, gold), tt.quads)
			if rep.Edges != tt.edges || rep.EdgesAllowed != tt.ok {
				t.Errorf("edges = %d/%d, want %d/%d", rep.EdgesAllowed, rep.Edges, tt.ok, tt.edges)
			}
			if !reflect.DeepEqual(rep.Unexpected, tt.unexpected) {
				t.Errorf("Unexpected = %q, want %q", rep.Unexpected, tt.unexpected)
			}
		})
	}
}

func TestScoreArticle(t *testing.T) {
	other := func(s quad.Value, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: article2}
	}
	quads := graphWith(
		q(blinken, schema.Met, xi),
		other(blinken, schema.Met, biden),   // article2's edge, not ours
		other(xi, schema.Represents, china), // a fact of ours told by article2
	)
	f := mustParse(t, rows(
		"fact | Antony Blinken | met | Xi Jinping",
		"fact | Xi Jinping | represents | China",
		"never | Antony Blinken | met | Joe Biden",
	))
	tests := []struct {
		name      string
		label     quad.Value
		edges, ok int
	}{
		{"all quads", nil, 3, 2},
		{"article1", article1, 1, 1},
		{"article2", article2, 2, 1},
		{"no such article", quad.IRI("https://example.org/none"), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := ScoreArticle(f, quads, tt.label)
			if rep.Edges != tt.edges || rep.EdgesAllowed != tt.ok {
				t.Errorf("edges = %d/%d, want %d/%d", rep.EdgesAllowed, rep.Edges, tt.ok, tt.edges)
			}
			// Recall and never rows use every quad, whatever the label.
			if rep.FactsHeld != 2 || len(rep.Never) != 1 {
				t.Errorf("facts held = %d, never = %d, want 2 and 1", rep.FactsHeld, len(rep.Never))
			}
		})
	}
}

func TestNever(t *testing.T) {
	f := mustParse(t, rows(
		"fact | Antony Blinken | met | Xi Jinping",
		"never | Antony Blinken | met | Joe Biden",
		"never | Xi Jinping | visited | United States",
		"never | Antony Blinken | jobTitle | ~treasury",
		"never | Joe Biden | met | Antony Blinken",
	))
	rep := Score(f, graphWith(q(blinken, schema.Met, xi), q(biden, schema.Met, blinken)))
	var got []int
	for _, r := range rep.Never {
		got = append(got, r.Line)
	}
	if want := []int{2, 5}; !reflect.DeepEqual(got, want) {
		t.Errorf("never rows that hold: got lines %v, want %v", got, want)
	}
	if rep.Facts != 1 || rep.FactsHeld != 1 {
		t.Errorf("facts = %d/%d, want 1/1: never rows are not facts", rep.FactsHeld, rep.Facts)
	}
	if rep.Never[0].File != "test.gold.tsv" {
		t.Errorf("never row file = %q, want test.gold.tsv", rep.Never[0].File)
	}
}

func TestAdd(t *testing.T) {
	a := &Report{Files: 1, Facts: 1, FactsHeld: 1, ByPredicate: map[string][2]int{"met": {1, 1}},
		Edges: 1, EdgesAllowed: 1, Events: 1, EventsHeld: 1, Unexpected: nil}
	b := &Report{Files: 1, Facts: 9, FactsHeld: 0, ByPredicate: map[string][2]int{"met": {0, 4}, "visited": {0, 5}},
		Edges: 3, EdgesAllowed: 0, Events: 2, Unexpected: []string{"A met B"},
		Missing: []Row{{Line: 3}}, MissingEvents: []Row{{Line: 4}}, Never: []Row{{Line: 5}}}
	var sum Report
	sum.Add(a)
	sum.Add(b)
	tests := []struct {
		name      string
		got, want any
	}{
		{"files", sum.Files, 2},
		{"recall is micro-averaged", sum.Recall(), 0.1},
		{"precision is micro-averaged", sum.Precision(), 0.25},
		{"by predicate", sum.ByPredicate, map[string][2]int{"met": {1, 5}, "visited": {0, 5}}},
		{"events", [2]int{sum.EventsHeld, sum.Events}, [2]int{1, 3}},
		{"unexpected", sum.Unexpected, []string{"A met B"}},
		{"missing", len(sum.Missing) + len(sum.MissingEvents) + len(sum.Never), 3},
		{"empty recall", (&Report{}).Recall(), 1.0},
		{"empty precision", (&Report{}).Precision(), 1.0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	f := mustParse(t, "# published: 2023-06-20\n# a comment\n\n"+rows(
		"fact | Antony Blinken | met | Xi Jinping",
		"  # indented comment",
		"event | Meeting | Antony Blinken;Xi Jinping | occurred | Beijing | 2023-06",
	)+"never\tA\tmet\tB\r\n")
	if f.Published != "2023-06-20" {
		t.Errorf("Published = %q, want 2023-06-20", f.Published)
	}
	want := []Row{
		{File: "test.gold.tsv", Line: 4, Expect: Fact, Subject: "Antony Blinken", Predicate: "met", Object: "Xi Jinping"},
		{File: "test.gold.tsv", Line: 6, Expect: Event, Class: "Meeting", Participants: "Antony Blinken;Xi Jinping", Statuses: "occurred", Places: "Beijing", Date: "2023-06"},
		{File: "test.gold.tsv", Line: 7, Expect: Never, Subject: "A", Predicate: "met", Object: "B"},
	}
	if !reflect.DeepEqual(f.Rows, want) {
		t.Errorf("Rows = %+v, want %+v", f.Rows, want)
	}
	if got := mustParse(t, rows("fact | A | met | B")).Published; got != "" {
		t.Errorf("Published without the line = %q, want empty", got)
	}
	if got, want := f.Rows[0].String(), "fact\tAntony Blinken\tmet\tXi Jinping"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"too few fields", rows("fact | A | met | B", "fact | A | met"), "test.gold.tsv:2: fact row has 3 tab-separated fields, want 4"},
		{"too many fields", rows("# c", "never | A | met | B | C"), "test.gold.tsv:2: never row has 5"},
		{"spaces for tabs", "fact A met B\n", "test.gold.tsv:1: unknown kind of row"},
		{"unknown kind", rows("", "maybe | A | met | B"), `test.gold.tsv:2: unknown kind of row "maybe"`},
		{"event fields", rows("event | Meeting | A;B | occurred | *"), "test.gold.tsv:1: event row has 5 tab-separated fields, want 6"},
		{"unknown status", rows("fact | A | met | B", "event | Meeting | A;B | happened | * | *"), `test.gold.tsv:2: unknown status "happened"`},
		{"status wildcard", rows("event | Meeting | A;B | * | * | *"), `test.gold.tsv:1: unknown status "*"`},
		{"bad date", rows("event | Meeting | A;B | occurred | * | June 2023"), `test.gold.tsv:1: date "June 2023"`},
		{"bad month", rows("event | Meeting | A;B | occurred | * | 2023-13"), `test.gold.tsv:1: date "2023-13"`},
		{"empty participant", rows("event | Meeting | A; | occurred | * | *"), "test.gold.tsv:1: participant: empty name"},
		{"empty alias", rows("fact | A|| | met | B"), "test.gold.tsv:1: subject: alias"},
		{"empty text", rows("fact | A | jobTitle | ~"), "test.gold.tsv:1: object: alias"},
		{"empty object", rows("fact | A | met | "), "test.gold.tsv:1: object: empty name"},
		{"predicate with space", rows("fact | A | met with | B"), `test.gold.tsv:1: predicate "met with"`},
		{"bad published", "# published: 20 June 2023\n" + rows("fact | A | met | B"), "test.gold.tsv:1: published date"},
		{"no rows", "# published: 2023-06-20\n# nothing\n", "test.gold.tsv: no rows"},
		{"not UTF-8", rows("fact | A | met | B") + "fact\tA\tmet\t\xff\n", "test.gold.tsv:2: invalid UTF-8"},
		{"too large", strings.Repeat("#", MaxSize+1), "test.gold.tsv: larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.text), "test.gold.tsv")
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %q, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestWriteVerbose(t *testing.T) {
	f := mustParse(t, rows(
		"fact | Antony Blinken | met | Xi Jinping",
		"fact | Antony Blinken | visited | China",
		"event | Visit | Antony Blinken | occurred | China | 2023",
	))
	rep := Score(f, graphWith(q(blinken, schema.Met, xi), q(blinken, schema.Met, biden)))
	var b bytes.Buffer
	if err := rep.Write(&b, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"recall     0.500  1/2 facts\n",
		"  met      1.000  1/1\n",
		"  visited  0.000  0/1\n",
		"precision  0.500  1/2 edges\n",
		"missing facts: 1\n  test.gold.tsv:2: fact  Antony Blinken  visited  China\n",
		"unexpected edges: 1\n  Antony Blinken met Joe Biden\n",
		"missing events: 1\n  test.gold.tsv:3: event  Visit  Antony Blinken  occurred  China  2023\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q; got:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := rep.Write(&b, false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "missing facts") {
		t.Errorf("terse output lists missing facts:\n%s", b.String())
	}
}

// TestSharedGold parses the gold files of the shared evaluation set.
func TestSharedGold(t *testing.T) {
	const path = "../../../shared/eval/blinken-beijing-2023-06.gold.tsv"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared gold file absent: %v", err)
	}
	f, err := ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Published != "2023-06-20" {
		t.Errorf("Published = %q, want 2023-06-20", f.Published)
	}
	kinds := map[string]int{}
	for _, r := range f.Rows {
		kinds[r.Expect]++
	}
	for _, k := range []string{Fact, Bonus, Never, Event} {
		if kinds[k] == 0 {
			t.Errorf("no %s rows in %s", k, path)
		}
	}
	// An empty graph holds no fact and no event, and has no edge to judge.
	rep := Score(f, nil)
	if rep.FactsHeld != 0 || rep.Facts != kinds[Fact] || rep.Events != kinds[Event] || rep.Edges != 0 || len(rep.Never) != 0 {
		t.Errorf("empty graph: got %+v", rep)
	}
}
