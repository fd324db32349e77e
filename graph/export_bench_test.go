package graph

import (
	"context"
	"io"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// BenchmarkExport100k compares Export with Cayley's own N-Quads dump,
// quad.Copy(nquads.NewWriter(w), NewQuadStoreReader(qs)), on a store of
// 100k quads (5000 articles). Export must stay within 1.2x of Cayley's time.
func BenchmarkExport100k(b *testing.B) {
	s := fillStore(b, 5000)
	b.Run("dkg", func(b *testing.B) {
		n := 0
		for b.Loop() {
			m, err := s.Export(context.Background(), io.Discard)
			if err != nil {
				b.Fatal(err)
			}
			n += m
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
	})
	// What `dkg export` does with a filter or another format: Select's
	// stream of quads, here written as N-Quads one quad at a time.
	b.Run("dkg-select", func(b *testing.B) {
		n := 0
		for b.Loop() {
			w := NewNQuadsWriter(io.Discard)
			m, err := s.Select(context.Background(), Selection{}, func(q quad.Quad) error {
				return w.WriteQuads([]quad.Quad{q})
			})
			if err != nil {
				b.Fatal(err)
			}
			w.Close()
			n += m
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
	})
	// A date filter reads every quad into memory and follows the events.
	b.Run("dkg-select-since", func(b *testing.B) {
		n := 0
		for b.Loop() {
			w := NewNQuadsWriter(io.Discard)
			m, err := s.Select(context.Background(), Selection{Since: "2023-06-15"}, func(q quad.Quad) error {
				return w.WriteQuads([]quad.Quad{q})
			})
			if err != nil {
				b.Fatal(err)
			}
			w.Close()
			n += m
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
	})
	b.Run("cayley-nquads", func(b *testing.B) {
		n := 0
		for b.Loop() {
			w := nquads.NewWriter(io.Discard)
			m, err := quad.Copy(w, cgraph.NewQuadStoreReader(s.qs))
			if err != nil {
				b.Fatal(err)
			}
			w.Close()
			n += m
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
	})
}
