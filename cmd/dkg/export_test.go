package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"

	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/graph/export"
	"github.com/dkg/dkg/schema"
)

// These tests take the bundled examples through every export format and
// filter, read each file back with the tools researchers use (rapper,
// encoding/json and JSON-LD, an XML parser, encoding/csv, networkx and
// Graphviz when installed) and check what it holds.

// runDKG runs dkg in-process and returns its exit code, stdout and stderr.
func runDKG(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"dkg"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// mustDKG runs dkg and fails the test unless it succeeds.
func mustDKG(t testing.TB, args ...string) (string, string) {
	t.Helper()
	code, out, errs := runDKG(t, args...)
	if code != 0 {
		t.Fatalf("dkg %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out, errs
}

// ingestExamples loads examples/ into a new store.
func ingestExamples(t testing.TB) string {
	t.Helper()
	db := t.TempDir()
	mustDKG(t, "--db", db, "ingest", "../../examples")
	return db
}

// readQuads parses N-Quads and fails on any bad line.
func readQuads(t testing.TB, text string) []quad.Quad {
	t.Helper()
	qs, bad, err := graph.ParseNQuads(strings.NewReader(text))
	if err != nil || len(bad) > 0 {
		t.Fatalf("parse N-Quads: %v %v", bad, err)
	}
	return qs
}

// lines are the sorted non-empty lines of text.
func lines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// rapperCount runs rapper on a file and returns the number of triples it
// read, or skips without rapper.
func rapperCount(t *testing.T, syntax, path string) int {
	t.Helper()
	rapper, err := exec.LookPath("rapper")
	if err != nil {
		t.Skip("rapper not installed (apt-get install raptor2-utils)")
	}
	cmd := exec.Command(rapper, "-i", syntax, "-c", path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("rapper -i %s: %v\n%s", syntax, err, stderr.String())
	}
	msg := stderr.String()
	if strings.Contains(msg, "Error") || strings.Contains(msg, "Warning") {
		t.Errorf("rapper -i %s:\n%s", syntax, msg)
	}
	m := regexp.MustCompile(`returned (\d+) triples`).FindStringSubmatch(msg)
	if m == nil {
		t.Fatalf("rapper said:\n%s", msg)
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n
}

func TestExportExamples(t *testing.T) {
	db := ingestExamples(t)
	dir := t.TempDir()
	nq, _ := mustDKG(t, "--db", db, "export")
	all := readQuads(t, nq)
	if len(all) < 1000 {
		t.Fatalf("the examples give %d quads", len(all))
	}
	modi, xi := schema.PersonIRI("Narendra Modi"), schema.PersonIRI("Xi Jinping")

	t.Run("nquads", func(t *testing.T) {
		f := filepath.Join(dir, "all.nq")
		_, errs := mustDKG(t, "--db", db, "export", "-o", f)
		if want := fmt.Sprintf("dkg: wrote %d quads to %s as nquads\n", len(all), f); errs != want {
			t.Errorf("stderr %q, want %q", errs, want)
		}
		if n := rapperCount(t, "nquads", f); n != len(all) {
			t.Errorf("rapper read %d quads, want %d", n, len(all))
		}
		// The streamed path (any filter) writes the same lines as Export.
		var arts []string
		for _, q := range all {
			if q.Predicate == schema.Type && q.Object == schema.NewsArticle {
				arts = append(arts, "--article", string(q.Subject.(quad.IRI)))
			}
		}
		out, _ := mustDKG(t, append([]string{"--db", db, "export"}, arts...)...)
		if !slices.Equal(lines(out), lines(nq)) {
			t.Error("export --article (every article) differs from export")
		}
	})

	t.Run("ntriples", func(t *testing.T) {
		f := filepath.Join(dir, "all.nt")
		mustDKG(t, "--db", db, "export", "-o", f)
		b, _ := os.ReadFile(f)
		ls := lines(string(b))
		triples := make(map[[3]quad.Value]bool)
		for _, q := range all {
			triples[[3]quad.Value{q.Subject, q.Predicate, q.Object}] = true
		}
		if len(ls) != len(triples) || len(slices.Compact(slices.Clone(ls))) != len(ls) {
			t.Errorf("%d lines (%d distinct), want %d triples", len(ls), len(slices.Compact(slices.Clone(ls))), len(triples))
		}
		for _, q := range readQuads(t, string(b)) {
			if q.Label != nil {
				t.Fatalf("a triple with a label: %v", q)
			}
		}
		if n := rapperCount(t, "ntriples", f); n != len(triples) {
			t.Errorf("rapper read %d triples, want %d", n, len(triples))
		}
	})

	t.Run("jsonld", func(t *testing.T) {
		out, _ := mustDKG(t, "--db", db, "export", "--format", "jsonld")
		var doc struct {
			Context map[string]any   `json:"@context"`
			Graph   []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		for term, want := range map[string]string{"met": "dkg:met", "name": "schema:name", "Person": "schema:Person", "startDate": "schema:startDate", "dkg": schema.NS} {
			got := doc.Context[term]
			if m, ok := got.(map[string]any); ok {
				got = m["@id"]
			}
			if got != want {
				t.Errorf("@context %s = %v, want %s", term, got, want)
			}
		}
		labels := make(map[quad.Value]bool)
		for _, q := range all {
			labels[q.Label] = true
		}
		if len(doc.Graph) != len(labels) {
			t.Errorf("%d named graphs, want one per article: %d", len(doc.Graph), len(labels))
		}
		for _, g := range doc.Graph {
			if !labels[quad.IRI(g["@id"].(string))] || g["@graph"] == nil {
				t.Errorf("a top-level node that is not an article's graph: %v", g["@id"])
			}
		}
		if !strings.Contains(out, `"@type": "Meeting"`) || !strings.Contains(out, `"met": "`+string(xi)+`"`) {
			t.Error("no short terms for classes and edges")
		}
		// A JSON-LD processor reads back exactly the quads of the export.
		back, err := graph.ParseJSONLD(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := nquadLines(t, back), lines(nq); !slices.Equal(got, want) {
			t.Errorf("JSON-LD reads back as %d quads, want the export's %d; first difference: %s", len(got), len(want), firstDiff(got, want))
		}
		// And so does Cayley's JSON-LD reader.
		n := 0
		r := jsonld.NewReader(strings.NewReader(out))
		for {
			if _, err := r.ReadQuad(); err != nil {
				break
			}
			n++
		}
		if n != len(all) {
			t.Errorf("quad/jsonld reads %d quads, want %d", n, len(all))
		}
	})

	t.Run("graphml", func(t *testing.T) {
		f := filepath.Join(dir, "all.graphml")
		mustDKG(t, "--db", db, "export", "-o", f)
		g := readGraphML(t, f)
		if g.node(modi)["label"] != "Narendra Modi" || g.node(modi)["type"] != "Person" || g.node(modi)["country"] != "IND" {
			t.Errorf("Modi's node: %v", g.node(modi))
		}
		if g.node(schema.CountryIRI("CHN"))["type"] != "Country" {
			t.Errorf("China's node: %v", g.node(schema.CountryIRI("CHN")))
		}
		met := g.edges(modi, xi, "met")
		if len(met) < 2 {
			t.Fatalf("Modi met Xi: %d edges, want one per article (Kazan, Tianjin)", len(met))
		}
		var kazan bool
		for _, e := range met {
			kazan = kazan || e["date"] == "2024-10-23" && strings.HasSuffix(e["source"], "modi-xi-kazan-2024-10.txt")
		}
		if !kazan {
			t.Errorf("no met edge dated 2024-10-23 from the Kazan article: %v", met)
		}
		if len(g.edges(modi, schema.CountryIRI("IND"), "represents")) == 0 {
			t.Error("no represents edge from Modi to India")
		}
		kinds := make(map[string]bool)
		for _, e := range g.Edges {
			kinds[e.data["type"]] = true
		}
		for _, k := range []string{"met", "visited", "urged", "accused", "sanctioned", "represents", "affiliation"} {
			if !kinds[k] {
				t.Errorf("no %s edge", k)
			}
		}
		networkx(t, f, fmt.Sprintf(`g = nx.read_graphml(%q)
e = g.get_edge_data(%q, %q)
assert e and any(d["type"] == "met" for d in e.values()), e
assert g.nodes[%q]["label"] == "Xi Jinping"
print(g.number_of_nodes(), g.number_of_edges())`, f, string(modi), string(xi), string(xi)))
	})

	t.Run("dot", func(t *testing.T) {
		out, _ := mustDKG(t, "--db", db, "export", "--format", "dot")
		if !strings.HasPrefix(out, "digraph dkg {") || !strings.Contains(out, `label="Narendra Modi"`) {
			t.Fatalf("not the network as DOT:\n%.300s", out)
		}
		if _, err := exec.LookPath("dot"); err != nil {
			t.Skip("graphviz not installed")
		}
		svg := renderSVG(t, out)
		if !bytes.Contains(svg, []byte("Xi Jinping")) {
			t.Error("the SVG lacks Xi Jinping")
		}
	})

	t.Run("csv-events", func(t *testing.T) {
		f := filepath.Join(dir, "events.csv")
		mustDKG(t, "--db", db, "export", "-o", f)
		rows := readCSV(t, f)
		// One row per event and article that tells it.
		events := make(map[[2]quad.Value]bool)
		for _, q := range all {
			if q.Predicate == schema.Type && strings.HasPrefix(string(q.Subject.(quad.IRI)), schema.ID+"event/") {
				events[[2]quad.Value{q.Subject, q.Label}] = true
			}
		}
		if len(rows) != len(events) {
			t.Errorf("%d rows, want %d (event, article) pairs", len(rows), len(events))
		}
		var found bool
		for _, r := range rows {
			if r["date"] == "2024-10-23" && r["class"] == "Meeting" && strings.Contains(r["actor"], "Narendra Modi") &&
				strings.Contains(r["actor"]+";"+r["recipient"], "Xi Jinping") && strings.Contains(r["actor_country"]+r["recipient_country"], "IND") &&
				strings.Contains(r["actor_country"]+";"+r["recipient_country"], "CHN") && r["cameo_code"] == "040" && r["plover_type"] == "CONSULT" &&
				r["status"] == "occurred" && strings.HasSuffix(r["article_url"], "modi-xi-kazan-2024-10.txt") && r["evidence"] != "" {
				found = true
			}
			if r["class"] == "Statement" {
				t.Errorf("a statement as an event: %v", r)
			}
		}
		if !found {
			t.Error("no row for Modi meeting Xi in Kazan on 2024-10-23")
		}
	})
}

// nquadLines writes quads as sorted N-Quads lines.
func nquadLines(t testing.TB, qs []quad.Quad) []string {
	t.Helper()
	var b bytes.Buffer
	w := graph.NewNQuadsWriter(&b)
	if err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return lines(b.String())
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] + "\n  vs " + b[i]
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(a), len(b))
}

// graphML is a GraphML file read with encoding/xml.
type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		Default string `xml:"edgedefault,attr"`
		Nodes   []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string `xml:"id,attr"`
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Data   []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`

	nodes map[string]map[string]string
	Edges []graphMLEdge
}

type graphMLEdge struct {
	source, target string
	data           map[string]string
}

// readGraphML parses a GraphML file and checks that every attribute
// refers to a key declared for its kind of element.
func readGraphML(t *testing.T, path string) *graphML {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g graphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	keys := make(map[string][2]string)
	for _, k := range g.Keys {
		if _, dup := keys[k.ID]; dup || k.Name == "" || k.Type != "string" {
			t.Errorf("key %+v", k)
		}
		keys[k.ID] = [2]string{k.For, k.Name}
	}
	g.nodes = make(map[string]map[string]string)
	for _, n := range g.Graph.Nodes {
		if g.nodes[n.ID] != nil {
			t.Errorf("node %s twice", n.ID)
		}
		attrs := make(map[string]string)
		for _, d := range n.Data {
			k, ok := keys[d.Key]
			if !ok || k[0] != "node" {
				t.Errorf("node %s: data with key %q, declared %v", n.ID, d.Key, k)
			}
			attrs[k[1]] = d.Value
		}
		g.nodes[n.ID] = attrs
	}
	for _, e := range g.Graph.Edges {
		if g.nodes[e.Source] == nil || g.nodes[e.Target] == nil {
			t.Errorf("edge %s between undeclared nodes %s and %s", e.ID, e.Source, e.Target)
		}
		attrs := make(map[string]string)
		for _, d := range e.Data {
			k, ok := keys[d.Key]
			if !ok || k[0] != "edge" {
				t.Errorf("edge %s: data with key %q, declared %v", e.ID, d.Key, k)
			}
			attrs[k[1]] = d.Value
		}
		g.Edges = append(g.Edges, graphMLEdge{e.Source, e.Target, attrs})
	}
	if g.Graph.Default != "directed" {
		t.Errorf("edgedefault %q", g.Graph.Default)
	}
	return &g
}

func (g *graphML) node(id quad.IRI) map[string]string { return g.nodes[string(id)] }

func (g *graphML) edges(from, to quad.IRI, kind string) []map[string]string {
	var out []map[string]string
	for _, e := range g.Edges {
		if e.source == string(from) && e.target == string(to) && e.data["type"] == kind {
			out = append(out, e.data)
		}
	}
	return out
}

// networkx runs a Python script with networkx imported as nx, or skips.
func networkx(t *testing.T, path, script string) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 not installed: not loading " + path + " with networkx")
		return
	}
	out, err := exec.Command(py, "-c", "import networkx as nx\n"+script).CombinedOutput()
	switch {
	case bytes.Contains(out, []byte("No module named 'networkx'")):
		t.Log("networkx not installed: not loading " + path + " with it")
	case err != nil:
		t.Errorf("networkx: %v\n%s", err, out)
	}
}

// readCSV reads the events CSV and checks its header.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	want := []string{"date", "actor", "actor_country", "recipient", "recipient_country", "class", "cameo_code", "plover_type", "status", "place", "issues", "article_url", "evidence"}
	if len(recs) == 0 || !slices.Equal(recs[0], want) {
		t.Fatalf("header %v, want %v", recs[:min(1, len(recs))], want)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := make(map[string]string)
		for i, c := range want {
			m[c] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

// renderSVG lays out a DOT file with Graphviz and checks that the SVG is
// XML.
func renderSVG(t *testing.T, dot string) []byte {
	t.Helper()
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = strings.NewReader(dot)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	svg, err := cmd.Output()
	if err != nil {
		t.Fatalf("dot: %v\n%s", err, stderr.String())
	}
	var v struct{}
	if err := xml.Unmarshal(svg, &v); err != nil {
		t.Fatalf("the SVG is not XML: %v", err)
	}
	return svg
}

func TestExportRoundTrip(t *testing.T) {
	db := ingestExamples(t)
	dir := t.TempDir()
	for _, format := range []string{"nquads", "jsonld"} {
		t.Run(format, func(t *testing.T) {
			f := filepath.Join(dir, "graph."+format)
			mustDKG(t, "--db", db, "export", "--format", format, "-o", f)
			fresh := filepath.Join(dir, "fresh-"+format)
			out, _ := mustDKG(t, "--db", fresh, "import", "--format", format, f)
			if !strings.Contains(out, " 11 graphs (11 new, 0 replaced, 0 unchanged)") {
				t.Errorf("import said %q", out)
			}
			before, _ := mustDKG(t, "--db", db, "export")
			after, _ := mustDKG(t, "--db", fresh, "export")
			if b, a := lines(before), lines(after); !slices.Equal(b, a) {
				t.Errorf("export -> import -> export: %d quads, want %d; first difference: %s", len(a), len(b), firstDiff(a, b))
			}
			// Importing the same file again changes nothing.
			out, _ = mustDKG(t, "--db", fresh, "import", "--format", format, f)
			if !strings.Contains(out, "(0 new, 0 replaced, 11 unchanged)") {
				t.Errorf("import again said %q", out)
			}
		})
	}
}

func TestExportFilters(t *testing.T) {
	db := ingestExamples(t)
	nq, _ := mustDKG(t, "--db", db, "export")
	all := readQuads(t, nq)
	kazanPath := "../../examples/modi-xi-kazan-2024-10.txt"
	abs, _ := filepath.Abs(kazanPath)
	var kazan quad.IRI
	for _, q := range all {
		if q.Predicate == schema.URL && strings.HasSuffix(string(q.Object.(quad.String)), "modi-xi-kazan-2024-10.txt") {
			kazan = q.Subject.(quad.IRI)
		}
	}
	if kazan == "" {
		t.Fatal("no Kazan article")
	}
	var kazanQuads []string
	for _, q := range all {
		if q.Label == kazan {
			kazanQuads = append(kazanQuads, q.String())
		}
	}
	slices.Sort(kazanQuads)

	t.Run("article", func(t *testing.T) {
		for _, ref := range []string{"file://" + filepath.ToSlash(abs), kazanPath, string(kazan), "<" + string(kazan) + ">", schema.Local(kazan)} {
			out, _ := mustDKG(t, "--db", db, "export", "--article", ref)
			var got []string
			for _, q := range readQuads(t, out) {
				got = append(got, q.String())
			}
			slices.Sort(got)
			if !slices.Equal(got, kazanQuads) {
				t.Errorf("--article %s: %d quads, want the %d of the Kazan article", ref, len(got), len(kazanQuads))
			}
		}
		code, _, errs := runDKG(t, "--db", db, "export", "--article", "https://example.org/nowhere")
		if code != 1 || !strings.Contains(errs, `dkg: error: no article "https://example.org/nowhere"`) || !strings.Contains(errs, "dkg: hint: ") {
			t.Errorf("unknown article: exit %d, %q", code, errs)
		}
	})

	t.Run("dates", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "2024.csv")
		mustDKG(t, "--db", db, "export", "--since", "2024-10-22", "--until", "2024-12", "-o", f)
		rows := readCSV(t, f)
		if len(rows) == 0 {
			t.Fatal("no events from 2024-10-22 to 2024-12")
		}
		for _, r := range rows {
			d := r["date"]
			if d == "" {
				// dated by its article, which must be in the range
				continue
			}
			// any day of the date in the range
			if d+"-99" < "2024-10-22" || d > "2024-12-99" {
				t.Errorf("an event dated %s: %v", d, r["evidence"])
			}
		}
		out, _ := mustDKG(t, "--db", db, "export", "--format", "csv-events", "--since", "2024-10-23", "--until", "2024-10-23")
		if !strings.Contains(out, "2024-10-23,Narendra Modi;Xi Jinping,IND;CHN") {
			t.Errorf("the Kazan meeting is not in its day:\n%s", out)
		}
		// Direct edges need an event in the range behind them.
		out, _ = mustDKG(t, "--db", db, "export", "--since", "2025-01")
		for _, q := range readQuads(t, out) {
			if q.Predicate == schema.Met && q.Label == kazan {
				t.Errorf("a 2024 met edge kept since 2025: %v", q)
			}
		}
	})

	t.Run("entity", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "modi.graphml")
		mustDKG(t, "--db", db, "export", "--entity", "narendra MODI", "--hops", "1", "-o", f)
		g := readGraphML(t, f)
		for _, id := range []quad.IRI{schema.PersonIRI("Narendra Modi"), schema.PersonIRI("Xi Jinping"), schema.PersonIRI("Vladimir Putin")} {
			if g.node(id) == nil {
				t.Errorf("no %s within one hop of Modi", id)
			}
		}
		biden := schema.PersonIRI("Joe Biden")
		if g.node(biden) != nil {
			t.Error("Joe Biden is one hop from Modi")
		}
		mustDKG(t, "--db", db, "export", "--entity", "Narendra Modi", "--hops", "2", "-o", f)
		if g := readGraphML(t, f); g.node(biden) == nil {
			t.Error("Joe Biden is not two hops from Modi (through Xi)")
		}
		code, _, errs := runDKG(t, "--db", db, "export", "--entity", "Nobody Atall")
		if code != 1 || !strings.Contains(errs, `no entity named "Nobody Atall"`) {
			t.Errorf("unknown entity: exit %d, %q", code, errs)
		}
	})

	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{
			{"--since", "2024-13"},
			{"--since", "2025", "--until", "2024"},
			{"--hops", "2"},
			{"--format", "xlsx"},
			{"--entity", "Xi Jinping", "--hops", "-1"},
		} {
			code, _, errs := runDKG(t, append([]string{"--db", db, "export"}, args...)...)
			if code != 2 || !strings.HasPrefix(errs, "dkg: error: ") || !strings.Contains(errs, "dkg: hint: ") {
				t.Errorf("export %v: exit %d, %q; want a usage error", args, code, errs)
			}
		}
	})
}

func TestExportFormatByName(t *testing.T) {
	for path, want := range map[string]string{"a.nq": "nquads", "a.NT": "ntriples", "x/a.jsonld": "jsonld", "a.graphml": "graphml", "a.gv": "dot", "a.csv": "csv-events", "a.txt": "nquads", "": "nquads"} {
		if f, err := exportFormat("", path); err != nil || f.Name != want {
			t.Errorf("%q: got %v %v, want %s", path, f.Name, err, want)
		}
	}
	if f, _ := exportFormat("graphml", "a.csv"); f.Name != "graphml" {
		t.Error("--format does not win over the file name")
	}
	if len(export.Formats()) != 6 {
		t.Errorf("formats: %v", export.Names())
	}
}
