package main

import (
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/schema"
)

func needGraphviz(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("graphviz not installed (apt-get install graphviz)")
	}
}

// xmlElem is an element of an XML document, with its children.
type xmlElem struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []xmlElem  `xml:",any"`
}

func (e xmlElem) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// walk calls fn with e and every element under it.
func (e xmlElem) walk(fn func(xmlElem)) {
	fn(e)
	for _, c := range e.Children {
		c.walk(fn)
	}
}

// readSVG parses an SVG file as XML and returns its root.
func readSVG(t *testing.T, path string) xmlElem {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var root xmlElem
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatalf("the SVG is not XML: %v", err)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element %s", root.XMLName.Local)
	}
	return root
}

// svgTexts is every text of the picture, one a line.
func svgTexts(root xmlElem) string {
	var b strings.Builder
	root.walk(func(e xmlElem) {
		if e.XMLName.Local == "text" {
			b.WriteString(e.Text + "\n")
		}
	})
	return b.String()
}

// svgNode is a node of the picture: its label and its bounding box.
type svgNode struct {
	label          string
	x0, y0, x1, y1 float64
}

// svgNodes are the nodes Graphviz drew (<g class="node">).
func svgNodes(root xmlElem) []svgNode {
	var nodes []svgNode
	root.walk(func(g xmlElem) {
		if g.XMLName.Local != "g" || g.attr("class") != "node" {
			return
		}
		n := svgNode{x0: 1e18, y0: 1e18, x1: -1e18, y1: -1e18}
		grow := func(x, y float64) {
			n.x0, n.y0, n.x1, n.y1 = min(n.x0, x), min(n.y0, y), max(n.x1, x), max(n.y1, y)
		}
		num := func(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }
		g.walk(func(e xmlElem) {
			switch e.XMLName.Local {
			case "ellipse":
				cx, cy, rx, ry := num(e.attr("cx")), num(e.attr("cy")), num(e.attr("rx")), num(e.attr("ry"))
				grow(cx-rx, cy-ry)
				grow(cx+rx, cy+ry)
			case "polygon":
				for _, pt := range strings.Fields(e.attr("points")) {
					x, y, _ := strings.Cut(pt, ",")
					grow(num(x), num(y))
				}
			case "text":
				n.label += e.Text
			}
		})
		nodes = append(nodes, n)
	})
	return nodes
}

func TestVizExamples(t *testing.T) {
	needGraphviz(t)
	db := ingestExamples(t)
	dir := t.TempDir()
	svg := filepath.Join(dir, "modi.svg")
	// Flags after NAME, as the help shows them.
	_, errs := mustDKG(t, "--db", db, "viz", "Narendra Modi", "--hops", "1", "-o", svg)
	if !strings.HasPrefix(errs, "dkg: drew ") || !strings.Contains(errs, "around Narendra Modi to "+svg) {
		t.Errorf("stderr %q", errs)
	}
	texts := svgTexts(readSVG(t, svg))
	for _, name := range []string{"Narendra Modi", "Xi Jinping", "Vladimir Putin", "China", "India", "2024-10-23"} {
		if !strings.Contains(texts, name) {
			t.Errorf("the picture lacks %s:\n%s", name, texts)
		}
	}
	if strings.Contains(texts, "Joe Biden") {
		t.Error("Joe Biden is two hops from Modi, not one")
	}

	// Flags before NAME, --since, and a PNG.
	png := filepath.Join(dir, "xi.png")
	mustDKG(t, "--db", db, "viz", "--since", "2025-01", "--hops", "2", "Xi Jinping", "-o", png)
	if b, err := os.ReadFile(png); err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("not a PNG: %v", err)
	}
	// The DOT itself, without Graphviz.
	dot := filepath.Join(dir, "xi.dot")
	mustDKG(t, "--db", db, "viz", "Xi Jinping", "-o", dot)
	if b, _ := os.ReadFile(dot); !strings.Contains(string(b), `label="Xi Jinping"`) || !strings.Contains(string(b), "penwidth=3") {
		t.Errorf("the DOT file:\n%.400s", b)
	}
}

// thirtyNodes is one article in which a minister met 25 people, visited
// two countries, represents a third and works at a ministry: 30 nodes
// within one hop, with long names.
func thirtyNodes() string {
	art := schema.ArticleIRI("https://news.example/thirty")
	centre := schema.PersonIRI("Centre Minister Of Everything")
	var qs []quad.Quad
	add := func(s quad.IRI, p quad.IRI, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: art})
	}
	add(art, schema.Type, schema.NewsArticle)
	add(art, schema.DatePublished, schema.Date("2024-02-01"))
	var countries []quad.IRI
	for i, code := range []string{"AAA", "BBB", "CCC", "DDD", "EEE"} {
		c := schema.CountryIRI(code)
		countries = append(countries, c)
		add(c, schema.Type, schema.Country)
		add(c, schema.Name, quad.String(fmt.Sprintf("Republic of Country %d", i)))
		add(c, schema.CountryCode, quad.String(code))
	}
	person := func(name string, country quad.IRI) quad.IRI {
		p := schema.PersonIRI(name)
		add(p, schema.Type, schema.Person)
		add(p, schema.Name, quad.String(name))
		add(p, schema.NameKey, quad.String(schema.Fold(name)))
		add(p, schema.Represents, country)
		return p
	}
	person("Centre Minister Of Everything", countries[0])
	ministry := schema.OrganizationIRI("Ministry Of Long Organisation Names")
	add(ministry, schema.Type, schema.Organization)
	add(ministry, schema.Name, quad.String("Ministry Of Long Organisation Names"))
	add(centre, schema.Affiliation, ministry)
	event := func(class quad.IRI, date string, edge quad.IRI, other quad.IRI, loc bool) {
		ev := schema.EventIRI(class, []quad.IRI{centre, other}, date, schema.Occurred)
		add(ev, schema.Type, class)
		add(ev, schema.Participant, centre)
		add(ev, schema.Participant, other)
		add(ev, schema.Actor, centre)
		if loc {
			add(ev, schema.Location, other)
		} else {
			add(ev, schema.Recipient, other)
		}
		add(ev, schema.StartDate, schema.Date(date))
		add(ev, schema.Status, quad.String(schema.Occurred))
		add(centre, edge, other)
	}
	for i := range 25 {
		p := person(fmt.Sprintf("Delegate Number %02d Longname", i+1), countries[i%5])
		event(schema.Meeting, fmt.Sprintf("2024-01-%02d", i+1), schema.Met, p, false)
	}
	event(schema.Visit, "2024-01-28", schema.Visited, countries[1], true)
	event(schema.Visit, "2024-01-29", schema.Visited, countries[2], true)
	var b strings.Builder
	w := graph.NewNQuadsWriter(&b)
	w.WriteQuads(qs)
	w.Close()
	return b.String()
}

func TestVizThirtyNodes(t *testing.T) {
	needGraphviz(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "thirty.nq")
	if err := os.WriteFile(data, []byte(thirtyNodes()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "db")
	mustDKG(t, "--db", db, "import", data)
	svg := filepath.Join(dir, "thirty.svg")
	_, errs := mustDKG(t, "--db", db, "viz", "Centre Minister of Everything", "-o", svg)
	if !strings.Contains(errs, "drew 30 nodes") {
		t.Errorf("stderr %q", errs)
	}
	root := readSVG(t, svg)
	nodes := svgNodes(root)
	if len(nodes) != 30 {
		t.Fatalf("%d nodes in the SVG, want 30", len(nodes))
	}
	texts := svgTexts(root)
	for _, name := range []string{"Centre Minister Of Everything", "Delegate Number 01 Longname", "Delegate Number 25 Longname", "Republic of Country 2", "Ministry Of Long Organisation Names"} {
		if !strings.Contains(texts, name) {
			t.Errorf("no %s in the picture", name)
		}
	}
	// No node, and so no node label, lies on another.
	for i, a := range nodes {
		if a.x0 >= a.x1 || a.y0 >= a.y1 {
			t.Fatalf("node %q has no shape", a.label)
		}
		for _, b := range nodes[i+1:] {
			if a.x0 < b.x1-0.5 && b.x0 < a.x1-0.5 && a.y0 < b.y1-0.5 && b.y0 < a.y1-0.5 {
				t.Errorf("%q overlaps %q", a.label, b.label)
			}
		}
	}
}

func TestVizWithoutGraphviz(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "thirty.nq")
	if err := os.WriteFile(data, []byte(thirtyNodes()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "db")
	mustDKG(t, "--db", db, "import", data)
	defer func(f func(string) (string, error)) { lookPath = f }(lookPath)
	lookPath = func(string) (string, error) { return "", exec.ErrNotFound }
	svg := filepath.Join(dir, "centre.svg")
	code, _, errs := runDKG(t, "--db", db, "viz", "Centre Minister of Everything", "-o", svg)
	dot := filepath.Join(dir, "centre.dot")
	if code != 1 || !strings.Contains(errs, "dkg: error: graphviz is not installed: wrote "+dot+" instead of "+svg) ||
		!strings.Contains(errs, "dkg: hint: install Graphviz") || !strings.Contains(errs, "dot -Tsvg "+dot+" -o "+svg) {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	if _, err := os.Stat(svg); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s exists: %v", svg, err)
	}
	if b, err := os.ReadFile(dot); err != nil || !strings.HasPrefix(string(b), "digraph dkg {") {
		t.Errorf("the .dot file: %v\n%.200s", err, b)
	}
}

func TestVizUsage(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "thirty.nq")
	os.WriteFile(data, []byte(thirtyNodes()), 0o644)
	db := filepath.Join(dir, "db")
	mustDKG(t, "--db", db, "import", data)
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"viz", "Centre Minister of Everything"}, 2, "viz needs -o FILE.svg, FILE.png or FILE.dot"},
		{[]string{"viz", "Centre Minister of Everything", "-o", "x.pdf"}, 2, "viz needs -o FILE.svg"},
		{[]string{"viz", "-o", "x.svg"}, 2, "viz needs a NAME"},
		{[]string{"viz", "Centre", "Minister", "-o", "x.svg"}, 2, "viz takes one NAME; quote a name with spaces"},
		{[]string{"viz", "Centre Minister of Everything", "--since", "2024-99", "-o", "x.svg"}, 2, `--since "2024-99" is not a date`},
		{[]string{"viz", "Nobody", "-o", "x.svg"}, 1, `no entity named "Nobody"`},
		{[]string{"viz", "Centre Minister of Everything", "--since", "2030", "-o", "x.svg"}, 1, "has no relations to draw"},
	} {
		code, _, errs := runDKG(t, append([]string{"--db", db}, tt.args...)...)
		if code != tt.code || !strings.HasPrefix(errs, "dkg: error: ") || !strings.Contains(errs, tt.msg) || !strings.Contains(errs, "dkg: hint: ") {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errs, tt.code, tt.msg)
		}
	}
}
