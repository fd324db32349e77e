package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// JSONLD writes JSON-LD: one @context that gives dkg's classes and
// predicates short terms ("Person", "met", "startDate"), and a top-level
// @graph holding one named graph per article ({"@id": article, "@graph":
// [...]}) with one node object per subject. Quads with no label are node
// objects of the top-level @graph. Literals keep their lexical form:
// {"@value": "2023-06", "@type": "xsd:gYearMonth"}.
//
// The document is written at Close; until then the quads are held in
// memory. Graphs, nodes, properties and values are sorted, so the same
// quads always give the same file.
type JSONLD struct {
	w      io.Writer
	graphs map[string]map[string]map[string]map[string]bool // graph -> subject -> key -> JSON values
}

// NewJSONLD writes JSON-LD to w.
func NewJSONLD(w io.Writer) *JSONLD {
	return &JSONLD{w: w, graphs: make(map[string]map[string]map[string]map[string]bool)}
}

// Prefixes of the context.
var jsonldPrefixes = []struct{ name, iri string }{
	{"dkg", schema.NS},
	{"schema", schema.SDO},
	{"rdf", schema.RDF},
	{"rdfs", schema.RDFS},
	{"prov", schema.PROV},
	{"xsd", schema.XSD},
}

// jsonldTerms maps the IRIs of dkg's vocabulary to their terms, and says
// which predicates point at nodes (their values are written as plain IRI
// strings: "@type": "@id").
var jsonldTerms, jsonldNodeValued = func() (map[quad.IRI]string, map[quad.IRI]bool) {
	terms := make(map[quad.IRI]string)
	nodes := make(map[quad.IRI]bool)
	for _, t := range schema.Terms {
		if t.IRI == schema.Type {
			continue // "@type"
		}
		terms[t.IRI] = schema.Local(t.IRI)
	}
	terms[schema.ContentHash] = schema.Local(schema.ContentHash)
	for _, p := range slices.Concat(schema.Links, schema.DirectEdges, []quad.IRI{
		schema.Said, schema.Participant, schema.Actor, schema.Recipient, schema.Location, schema.About,
		schema.WasDerivedFrom, schema.DuplicateOf,
	}) {
		terms[p] = schema.Local(p)
		nodes[p] = true
	}
	return terms, nodes
}()

// JSONLDContext is the @context the JSON-LD writer puts in its document.
func JSONLDContext() map[string]any {
	ctx := make(map[string]any)
	for _, p := range jsonldPrefixes {
		ctx[p.name] = p.iri
	}
	for iri, term := range jsonldTerms {
		id := compactIRI(string(iri))
		if jsonldNodeValued[iri] {
			ctx[term] = map[string]any{"@id": id, "@type": "@id"}
		} else {
			ctx[term] = id
		}
	}
	return ctx
}

// compactIRI writes an IRI with one of the context's prefixes when one
// fits.
func compactIRI(iri string) string {
	for _, p := range jsonldPrefixes {
		if rest, ok := strings.CutPrefix(iri, p.iri); ok && rest != "" && !strings.ContainsAny(rest, "/#:") {
			return p.name + ":" + rest
		}
	}
	return iri
}

// WriteQuad holds the quad for Close.
func (j *JSONLD) WriteQuad(q quad.Quad) error {
	g := ""
	if q.Label != nil {
		g = nodeID(q.Label)
	}
	nodes := j.graphs[g]
	if nodes == nil {
		nodes = make(map[string]map[string]map[string]bool)
		j.graphs[g] = nodes
	}
	s := nodeID(q.Subject)
	props := nodes[s]
	if props == nil {
		props = make(map[string]map[string]bool)
		nodes[s] = props
	}
	key, val := j.property(q.Predicate, q.Object)
	if props[key] == nil {
		props[key] = make(map[string]bool)
	}
	props[key][val] = true
	return nil
}

// property is the key and the JSON value a predicate and object take.
func (j *JSONLD) property(p, o quad.Value) (string, string) {
	pi, _ := p.(quad.IRI)
	if pi == schema.Type {
		if c, ok := o.(quad.IRI); ok {
			if t, ok := jsonldTerms[c]; ok {
				return "@type", jsonString(t)
			}
			return "@type", jsonString(string(c.Full()))
		}
	}
	key, known := jsonldTerms[pi]
	if !known {
		key = string(pi.Full())
		if pi == schema.Type {
			key = "rdf:type"
		}
	}
	switch o := o.(type) {
	case quad.IRI, quad.BNode:
		if known && jsonldNodeValued[pi] {
			return key, jsonString(nodeID(o))
		}
		return key, `{"@id":` + jsonString(nodeID(o)) + `}`
	case quad.String:
		if known && jsonldNodeValued[pi] {
			// a string here would be read as an IRI
			return key, `{"@value":` + jsonString(string(o)) + `}`
		}
		return key, jsonString(string(o))
	case quad.LangString:
		return key, `{"@value":` + jsonString(string(o.Value)) + `,"@language":` + jsonString(o.Lang) + `}`
	case quad.TypedString:
		return key, typedJSON(o)
	case quad.TypedStringer:
		return key, typedJSON(o.TypedString())
	}
	return key, jsonString(o.String())
}

func typedJSON(ts quad.TypedString) string {
	typ := string(ts.Type.Full())
	val := string(ts.Value)
	if typ == schema.XSD+"boolean" {
		val = strings.ToLower(val) // Cayley writes True
	}
	return `{"@value":` + jsonString(val) + `,"@type":` + jsonString(compactIRI(typ)) + `}`
}

// nodeID is a node's @id: an IRI, or _:label.
func nodeID(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v.Full())
	case quad.BNode:
		return "_:" + string(v)
	}
	return v.String()
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// Close writes the document.
func (j *JSONLD) Close() error {
	bw := bufio.NewWriterSize(j.w, 64<<10)
	ctx, err := json.MarshalIndent(JSONLDContext(), "  ", "  ")
	if err != nil {
		return err
	}
	bw.WriteString("{\n  \"@context\": ")
	bw.Write(ctx)
	bw.WriteString(",\n  \"@graph\": [")
	first := true
	sep := func() {
		if !first {
			bw.WriteString(",")
		}
		first = false
		bw.WriteString("\n")
	}
	if nodes := j.graphs[""]; nodes != nil {
		for _, s := range sortedKeys(nodes) {
			sep()
			writeNode(bw, "    ", s, nodes[s])
		}
	}
	for _, g := range sortedKeys(j.graphs) {
		if g == "" {
			continue
		}
		sep()
		bw.WriteString("    {\n      \"@id\": " + jsonString(g) + ",\n      \"@graph\": [")
		nodes := j.graphs[g]
		for i, s := range sortedKeys(nodes) {
			if i > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n")
			writeNode(bw, "        ", s, nodes[s])
		}
		bw.WriteString("\n      ]\n    }")
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}

// writeNode writes one node object, its keys sorted (@type first).
func writeNode(w *bufio.Writer, indent, id string, props map[string]map[string]bool) {
	w.WriteString(indent + "{\"@id\": " + jsonString(id))
	keys := sortedKeys(props)
	slices.SortStableFunc(keys, func(a, b string) int {
		return boolInt(b == "@type") - boolInt(a == "@type")
	})
	for _, k := range keys {
		vals := sortedKeys(props[k])
		w.WriteString(", " + jsonString(k) + ": ")
		if len(vals) == 1 {
			w.WriteString(vals[0])
			continue
		}
		w.WriteString("[" + strings.Join(vals, ", ") + "]")
	}
	w.WriteString("}")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
