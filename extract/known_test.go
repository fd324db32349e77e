package extract

import (
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

func TestKnownResolvesSurnames(t *testing.T) {
	pub := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	text := "Rao of HPI said the meeting went well. Okafor said little had changed."
	known := NewKnown([]KnownPerson{
		{Name: "Ananya Rao", Orgs: []string{"Himalayan Policy Institute", "HPI"}},
		{Name: "Chidi Okafor"},
		{Name: "Tunde Okafor"}, // two Okafors: "Okafor" stays unresolved
	})
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.ExtractWith(Article{Text: text, Published: pub}, known)
	if err != nil {
		t.Fatal(err)
	}
	has := func(s quad.IRI) bool {
		for _, q := range res.Quads {
			if q.Subject == s && q.Predicate == schema.Said {
				return true
			}
		}
		return false
	}
	if !has(schema.PersonIRI("Ananya Rao")) {
		t.Errorf("Rao did not resolve to the known Ananya Rao")
	}
	if has(schema.PersonIRI("Chidi Okafor")) || has(schema.PersonIRI("Tunde Okafor")) {
		t.Errorf("an ambiguous surname was resolved to one of two known people")
	}
}
