// Package export writes a stream of dkg quads in the formats researchers
// take away: N-Quads and N-Triples for RDF tools, JSON-LD with a context for
// dkg's vocabulary, GraphML for Gephi and networkx, DOT for Graphviz, and a
// CSV table of events for pandas and R.
//
// A format's Writer takes quads one by one (from graph.Store.Select, or
// any other source) and knows nothing of the store. The RDF formats stream;
// the others hold the quads until Close, which writes the file.
package export

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// Writer takes quads; Close writes what is left and must be called.
type Writer interface {
	WriteQuad(quad.Quad) error
	Close() error
}

// Format is an output format.
type Format struct {
	Name  string
	Ext   []string // file name endings, with the dot
	Usage string   // one line for help texts
	New   func(w io.Writer) Writer
}

var formats = []Format{
	{"nquads", []string{".nq", ".nquads"}, "N-Quads: every quad with its article as graph label", func(w io.Writer) Writer { return NewNQuads(w) }},
	{"ntriples", []string{".nt"}, "N-Triples: labels dropped, repeated triples written once", func(w io.Writer) Writer { return NewNTriples(w) }},
	{"jsonld", []string{".jsonld", ".json"}, "JSON-LD with a context for dkg's vocabulary, one named graph per article", func(w io.Writer) Writer { return NewJSONLD(w) }},
	{"graphml", []string{".graphml"}, "GraphML for Gephi and networkx: entities as nodes, relations as typed edges", func(w io.Writer) Writer { return NewGraphML(w) }},
	{"dot", []string{".dot", ".gv"}, "Graphviz DOT: the same network, styled", func(w io.Writer) Writer { return NewDOT(w, DOTOptions{}) }},
	{"csv-events", []string{".csv"}, "CSV, one row per event and article that tells it", func(w io.Writer) Writer { return NewEventsCSV(w) }},
}

// Formats lists the formats, nquads first.
func Formats() []Format { return slices.Clone(formats) }

// Names lists the formats' names.
func Names() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.Name
	}
	return out
}

// ByName finds a format by its name.
func ByName(name string) (Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q (formats: %s)", name, strings.Join(Names(), ", "))
}

// ByPath finds the format a file name's ending asks for.
func ByPath(path string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range formats {
		if slices.Contains(f.Ext, ext) {
			return f, true
		}
	}
	return Format{}, false
}
