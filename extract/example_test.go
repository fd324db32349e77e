package extract_test

import (
	"fmt"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/extract"
	"github.com/dkg/dkg/schema"
)

// Extract turns an article into quads; here, the direct edges it holds.
// The planned visit is an event node with status "planned", not a
// "visited" edge.
func ExampleExtract() {
	res, err := extract.Extract(extract.Article{
		URL:       "https://example.org/talks",
		Published: time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC),
		Text: "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo on Monday.\n" +
			"Yoon is expected to visit Beijing next month, officials said.",
	})
	if err != nil {
		panic(err)
	}
	for _, q := range res.Quads {
		switch q.Predicate {
		case schema.Met, schema.Visited:
			fmt.Println(schema.Local(q.Subject.(quad.IRI)), schema.Local(q.Predicate.(quad.IRI)), schema.Local(q.Object.(quad.IRI)))
		}
	}
	// Output:
	// fumio-kishida met yoon-suk-yeol
}
