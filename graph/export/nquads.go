package export

import (
	"io"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/graph"
)

// NQuads writes N-Quads with the escaping of graph.Store.Export (full
// datatype IRIs, percent-encoded IRIs, escaped literals), one quad a line
// as it comes.
type NQuads struct {
	w *graph.NQuadsWriter
}

// NewNQuads writes N-Quads to w.
func NewNQuads(w io.Writer) *NQuads { return &NQuads{w: graph.NewNQuadsWriter(w)} }

// WriteQuad writes one line.
func (n *NQuads) WriteQuad(q quad.Quad) error { return n.w.WriteQuads([]quad.Quad{q}) }

// Close flushes.
func (n *NQuads) Close() error { return n.w.Close() }

// NTriples writes N-Triples: the quads without their labels, each triple
// once however many articles hold it, in the order first seen.
type NTriples struct {
	w    *graph.NQuadsWriter
	seen map[[3]quad.Value]bool
}

// NewNTriples writes N-Triples to w.
func NewNTriples(w io.Writer) *NTriples {
	return &NTriples{w: graph.NewNQuadsWriter(w), seen: make(map[[3]quad.Value]bool)}
}

// WriteQuad writes the quad's triple unless it was written before.
func (n *NTriples) WriteQuad(q quad.Quad) error {
	k := [3]quad.Value{q.Subject, q.Predicate, q.Object}
	if n.seen[k] {
		return nil
	}
	n.seen[k] = true
	q.Label = nil
	return n.w.WriteQuads([]quad.Quad{q})
}

// Close flushes.
func (n *NTriples) Close() error { return n.w.Close() }
