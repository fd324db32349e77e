package schema

import (
	"bytes"
	"flag"
	"os"
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
