// Package extract turns an Article into facts: the quads of one named graph,
// built from the vocabulary in package schema. It knows nothing about the
// store.
package extract

import (
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Result is what one article yields.
type Result struct {
	// Article is the article's IRI, the label of every quad.
	Article quad.IRI
	// Quads are the facts, each labelled with Article.
	Quads []quad.Quad
	// Entities, Events and Statements count the distinct nodes found.
	Entities, Events, Statements int
}

// Extract turns an article into its quads. (First stub: the article node
// only; the pipeline replaces it.)
func Extract(a Article) (*Result, error) {
	art := a.IRI()
	r := &Result{Article: art}
	add := func(p quad.IRI, o quad.Value) {
		r.Quads = append(r.Quads, quad.Quad{Subject: art, Predicate: p, Object: o, Label: art})
	}
	add(schema.Type, schema.NewsArticle)
	if u := a.Address(); u != "" {
		add(schema.URL, quad.String(u))
	}
	if a.Title != "" {
		add(schema.Headline, quad.String(a.Title))
	}
	if !a.Published.IsZero() {
		add(schema.DatePublished, schema.Date(a.Published.Format("2006-01-02")))
	}
	return r, nil
}
