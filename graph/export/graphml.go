package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
)

// GraphML writes the network of entities as GraphML that Gephi and
// networkx (nx.read_graphml) load: people, organisations, countries,
// groups and places are nodes (id: the IRI) with the attributes label,
// type (the class: Person, Country...), country (ISO alpha-3 codes, ';'
// between several) and title; every relation is a directed edge with the
// attributes type and label (met, visited, sanctioned, urged, accused,
// affiliation, represents, memberOf), date (of the event behind it), source
// (the article's URL, else its headline) and article (its IRI). A relation
// told by two articles is two parallel edges. Relations to nodes that are
// not entities (or not in the export) are left out.
//
// The file is written at Close; until then the quads are held in memory.
type GraphML struct {
	w     io.Writer
	quads []quad.Quad
}

// NewGraphML writes GraphML to w.
func NewGraphML(w io.Writer) *GraphML { return &GraphML{w: w} }

// WriteQuad holds the quad for Close.
func (g *GraphML) WriteQuad(q quad.Quad) error {
	g.quads = append(g.quads, q)
	return nil
}

type graphmlKey struct {
	id, domain, name string
}

var graphmlKeys = []graphmlKey{
	{"d0", "node", "label"},
	{"d1", "node", "type"},
	{"d2", "node", "country"},
	{"d3", "node", "title"},
	{"d4", "edge", "type"},
	{"d5", "edge", "label"},
	{"d6", "edge", "date"},
	{"d7", "edge", "source"},
	{"d8", "edge", "article"},
}

// Close writes the file.
func (g *GraphML) Close() error {
	m := NewModel(g.quads)
	g.quads = nil
	return WriteGraphML(g.w, m)
}

// WriteGraphML writes a Model as GraphML (see GraphML).
func WriteGraphML(w io.Writer, m *Model) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphmlKeys {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=\"string\"/>\n", k.id, k.domain, k.name)
	}
	bw.WriteString(`  <graph id="dkg" edgedefault="directed">` + "\n")
	for _, e := range m.SortedEntities() {
		bw.WriteString(`    <node id="` + xmlText(nodeID(e.ID)) + `">`)
		data(bw, "d0", e.Name)
		data(bw, "d1", localName(e.Class))
		data(bw, "d2", join(e.Country))
		data(bw, "d3", e.Title)
		bw.WriteString("</node>\n")
	}
	n := 0
	for _, r := range m.Relations {
		if m.Entities[r.From] == nil || m.Entities[r.To] == nil {
			continue
		}
		fmt.Fprintf(bw, `    <edge id="e%d" source="%s" target="%s">`, n, xmlText(nodeID(r.From)), xmlText(nodeID(r.To)))
		n++
		data(bw, "d4", r.Kind())
		data(bw, "d5", r.Kind())
		data(bw, "d6", r.Date)
		data(bw, "d7", m.Articles[r.Article].Source())
		if r.Article != nil {
			data(bw, "d8", nodeID(r.Article))
		}
		bw.WriteString("</edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

func data(w *bufio.Writer, key, val string) {
	if val == "" {
		return
	}
	w.WriteString(`<data key="` + key + `">` + xmlText(val) + `</data>`)
}

// xmlText escapes s for XML text and attribute values; characters XML
// cannot hold become U+FFFD.
func xmlText(s string) string {
	var b xmlBuilder
	xml.EscapeText(&b, []byte(s)) // writes to memory: no error
	return string(b)
}

type xmlBuilder []byte

func (b *xmlBuilder) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}
