package schema

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

var update = flag.Bool("update", false, "rewrite VOCABULARY.md")

func TestVocabularyFileIsCurrent(t *testing.T) {
	var b bytes.Buffer
	if err := WriteVocabulary(&b); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("VOCABULARY.md", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("VOCABULARY.md")
	if err != nil || !bytes.Equal(got, b.Bytes()) {
		t.Fatalf("VOCABULARY.md is not current: run go test ./schema -update")
	}
}

func TestTermsAreUnique(t *testing.T) {
	seen := map[quad.IRI]bool{}
	for _, term := range Terms {
		if seen[term.IRI] {
			t.Errorf("%s listed twice", term.IRI)
		}
		seen[term.IRI] = true
	}
}

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"U.S.", "us"},
		{"Erdoğan", "erdogan"},
		{"Asia-Pacific  Economic", "asia pacific economic"},
		{"Chong Ja Ian", "chong ja ian"},
		{"  ", ""},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIRIsAreDeterministic(t *testing.T) {
	a := EventIRI(Meeting, []quad.IRI{PersonIRI("Xi Jinping"), PersonIRI("Joe Biden")}, "2023-11-15", Occurred)
	b := EventIRI(Meeting, []quad.IRI{PersonIRI("Joe Biden"), PersonIRI("Xi Jinping")}, "2023-11-15", Occurred)
	if a != b {
		t.Errorf("participant order changed the event IRI: %s vs %s", a, b)
	}
	if got, want := CountryIRI("usa"), quad.IRI(ID+"country/USA"); got != want {
		t.Errorf("CountryIRI = %s, want %s", got, want)
	}
	if got := PersonIRI("Antony Blinken"); got != quad.IRI(ID+"person/antony-blinken") {
		t.Errorf("PersonIRI = %s", got)
	}
}

func TestClassOfMintedIRIs(t *testing.T) {
	people := []quad.IRI{PersonIRI("Wang Yi"), PersonIRI("Antony Blinken")}
	for _, c := range []struct {
		iri  quad.IRI
		want quad.IRI
	}{
		{PersonIRI("Wang Yi"), Person},
		{OrganizationIRI("Chinese Academy of Social Sciences"), Organization},
		{CountryIRI("chn"), Country},
		{PlaceIRI("Beijing"), Place},
		{GroupIRI("Chinese companies"), Group},
		{IssueIRI("fentanyl"), Issue},
		{ArticleIRI("https://example.org/a"), NewsArticle},
		{StatementIRI(people[0], "We want stable ties."), Statement},
		{EventIRI(Meeting, people, "2023-06-19", Occurred), Meeting},
		{EventIRI(Sanction, people, "", Planned), Sanction},
		{EventIRI(Call, people, "2023", Occurred), Call},
		{"https://example.org/person/x", ""},
		{ID + "event/NoSuchClass-abc", ""},
		{ID + "person", ""},
		{ID + "unknown/x", ""},
	} {
		if got := ClassOf(c.iri); got != c.want {
			t.Errorf("ClassOf(%s) = %q, want %q", c.iri, got, c.want)
		}
	}
	// Every event class can be read back from its IRI.
	for _, term := range Terms {
		if term.Kind != "event class" || term.IRI == Statement {
			continue
		}
		if got := ClassOf(EventIRI(term.IRI, people, "", Occurred)); got != term.IRI {
			t.Errorf("ClassOf(event of %s) = %q", term.IRI, got)
		}
	}
}

func TestDirectEdgesAreTheEdges(t *testing.T) {
	var edges []quad.IRI
	for _, term := range Terms {
		if term.Kind == "edge" && term.IRI != Said {
			edges = append(edges, term.IRI)
		}
	}
	if fmt.Sprint(edges) != fmt.Sprint(DirectEdges) {
		t.Errorf("DirectEdges %v, the vocabulary's edges but said %v", DirectEdges, edges)
	}
	for _, e := range DirectEdges {
		if c, ok := EdgeEvent[e]; !ok || !strings.Contains(termKind(c), "event class") {
			t.Errorf("%s stands for %q, not an event class", e, c)
		}
	}
	if len(EdgeEvent) != len(DirectEdges) {
		t.Errorf("EdgeEvent has %d edges, DirectEdges %d", len(EdgeEvent), len(DirectEdges))
	}
}

func termKind(iri quad.IRI) string {
	for _, term := range Terms {
		if term.IRI == iri {
			return term.Kind
		}
	}
	return ""
}
