package gold_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/dkg/dkg/schema"
	"github.com/dkg/dkg/schema/gold"
)

func Example() {
	f, err := gold.Parse(strings.NewReader(
		"# published: 2023-06-20\n"+
			"fact\tAntony Blinken\tmet\tXi Jinping\n"+
			"fact\tAntony Blinken\tjobTitle\t~secretary of state\n"+
			"fact\tAntony Blinken\tvisited\tChina|Beijing\n"+
			"never\tAntony Blinken\tmet\tJoe Biden\n"+
			"event\tMeeting\tAntony Blinken;Xi Jinping\toccurred\tBeijing\t2023-06\n"),
		"blinken.gold.tsv")
	if err != nil {
		fmt.Println(err)
		return
	}

	blinken := schema.PersonIRI("Antony Blinken")
	xi := schema.PersonIRI("Xi Jinping")
	biden := schema.PersonIRI("Joe Biden")
	beijing := schema.PlaceIRI("Beijing")
	meeting := schema.EventIRI(schema.Meeting, []quad.IRI{blinken, xi}, "2023-06-19", schema.Occurred)
	quads := []quad.Quad{
		quad.Make(blinken, schema.Name, "Antony Blinken", nil),
		quad.Make(blinken, schema.JobTitle, "US Secretary of State", nil),
		quad.Make(xi, schema.Name, "Xi Jinping", nil),
		quad.Make(biden, schema.Name, "Joe Biden", nil),
		quad.Make(beijing, schema.Name, "Beijing", nil),
		quad.Make(xi, schema.Met, blinken, nil), // met is symmetric
		quad.Make(blinken, schema.Met, biden, nil),
		quad.Make(meeting, schema.Type, schema.Meeting, nil),
		quad.Make(meeting, schema.Participant, blinken, nil),
		quad.Make(meeting, schema.Participant, xi, nil),
		quad.Make(meeting, schema.Status, schema.Occurred, nil),
		quad.Make(meeting, schema.Location, beijing, nil),
		quad.Make(meeting, schema.StartDate, schema.Date("2023-06-19"), nil),
	}

	rep := gold.Score(f, quads)
	fmt.Printf("published %s, recall %.2f, precision %.2f\n", f.Published, rep.Recall(), rep.Precision())
	rep.Write(os.Stdout, true)
	// Output:
	// published 2023-06-20, recall 0.67, precision 0.50
	// files      1
	// recall     0.667  2/3 facts
	//   jobTitle  1.000  1/1
	//   met       1.000  1/1
	//   visited   0.000  0/1
	// precision  0.500  1/2 edges
	// never      1 hold
	//   blinken.gold.tsv:5: never  Antony Blinken  met  Joe Biden
	// events     1.000  1/1 events
	// missing facts: 1
	//   blinken.gold.tsv:4: fact  Antony Blinken  visited  China|Beijing
	// unexpected edges: 1
	//   Antony Blinken met Joe Biden
	// missing events: 0
}
