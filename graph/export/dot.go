package export

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// DOTOptions shape a DOT picture.
type DOTOptions struct {
	// Centre, when set, is drawn bold, and with Hops > 0 only what lies
	// within Hops relations of it (the relations drawn: direct edges and
	// links) is drawn.
	Centre quad.Value
	Hops   int
}

// DOT writes the network of entities as a Graphviz digraph, styled to be
// read at a glance: shapes by class (person ellipse, country box,
// organisation hexagon, group octagon, place house), fill colours by
// country (with a legend), direct edges coloured by kind and labelled with
// their dates (parallel edges merged), links dotted. The layout named in the
// file is neato (sfdp above 150 nodes) with overlap removal, so `dot -Tsvg`
// lays it out with no node on another.
//
// The file is written at Close; until then the quads are held in memory.
type DOT struct {
	w     io.Writer
	opt   DOTOptions
	quads []quad.Quad
}

// NewDOT writes DOT to w.
func NewDOT(w io.Writer, opt DOTOptions) *DOT { return &DOT{w: w, opt: opt} }

// WriteQuad holds the quad for Close.
func (d *DOT) WriteQuad(q quad.Quad) error {
	d.quads = append(d.quads, q)
	return nil
}

// Close writes the file.
func (d *DOT) Close() error {
	m := NewModel(d.quads)
	d.quads = nil
	_, err := WriteDOT(d.w, m, d.opt)
	return err
}

// Styles of the picture.
var (
	dotShapes = map[quad.IRI]string{
		schema.Person:       "ellipse",
		schema.Country:      "box",
		schema.Organization: "hexagon",
		schema.Group:        "octagon",
		schema.Place:        "house",
	}
	// dotPalette is ColorBrewer's Set3 without its grey, which stands for
	// "no country".
	dotPalette = []string{"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
		"#b3de69", "#fccde5", "#bc80bd", "#ccebc5", "#ffed6f"}
	dotNoCountry = "#d9d9d9"
	dotOther     = "#ffffff"
	dotEdgeColor = map[string]string{
		"met": "#1f78b4", "visited": "#33a02c", "sanctioned": "#e31a1c", "urged": "#ff7f00", "accused": "#6a3d9a",
	}
	dotLinkColor = "#999999"
)

// Around is the set of entities within hops relations of centre (centre
// included), following relations either way.
func (m *Model) Around(centre quad.Value, hops int) map[quad.Value]bool {
	next := make(map[quad.Value][]quad.Value)
	for _, r := range m.Relations {
		if m.Entities[r.From] != nil && m.Entities[r.To] != nil {
			next[r.From] = append(next[r.From], r.To)
			next[r.To] = append(next[r.To], r.From)
		}
	}
	in := map[quad.Value]bool{centre: true}
	ring := []quad.Value{centre}
	for h := 0; h < hops && len(ring) > 0; h++ {
		var out []quad.Value
		for _, v := range ring {
			for _, w := range next[v] {
				if !in[w] {
					in[w] = true
					out = append(out, w)
				}
			}
		}
		ring = out
	}
	return in
}

// WriteDOT writes a Model as DOT (see DOT) and returns the number of
// nodes drawn.
func WriteDOT(w io.Writer, m *Model, opt DOTOptions) (int, error) {
	keep := func(quad.Value) bool { return true }
	if opt.Centre != nil && opt.Hops > 0 {
		around := m.Around(opt.Centre, opt.Hops)
		keep = func(v quad.Value) bool { return around[v] }
	}
	var nodes []*Entity
	for _, e := range m.SortedEntities() {
		if keep(e.ID) {
			nodes = append(nodes, e)
		}
	}
	// Parallel relations of one kind become one edge with all their dates.
	type edge struct {
		from, to quad.Value
		kind     string
		dates    []string
		both     bool // met both ways: one edge with two arrowheads
	}
	var edges []*edge
	index := make(map[[3]any]*edge)
	for _, r := range m.Relations {
		if m.Entities[r.From] == nil || m.Entities[r.To] == nil || !keep(r.From) || !keep(r.To) {
			continue
		}
		k := [3]any{r.From, r.Predicate, r.To}
		e := index[k]
		if e == nil && r.Predicate == schema.Met {
			if e = index[[3]any{r.To, r.Predicate, r.From}]; e != nil {
				e.both = true
			}
		}
		if e == nil {
			e = &edge{from: r.From, to: r.To, kind: r.Kind()}
			index[k] = e
			edges = append(edges, e)
		}
		if r.Date != "" && !slices.Contains(e.dates, r.Date) {
			e.dates = append(e.dates, r.Date)
		}
	}

	// Colours: the countries with the most nodes get the palette first.
	count := make(map[string]int)
	for _, e := range nodes {
		if len(e.Country) > 0 {
			count[e.Country[0]]++
		}
	}
	codes := make([]string, 0, len(count))
	for c := range count {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int { return cmp.Or(count[b]-count[a], cmp.Compare(a, b)) })
	colour := make(map[string]string)
	for i, c := range codes {
		if i < len(dotPalette) {
			colour[c] = dotPalette[i]
		} else {
			colour[c] = dotOther
		}
	}

	bw := bufio.NewWriterSize(w, 64<<10)
	layout, splines := "neato", "true"
	if len(nodes) > 150 {
		layout, splines = "sfdp", "false"
	}
	bw.WriteString("digraph dkg {\n")
	fmt.Fprintf(bw, "  graph [layout=%s, overlap=false, sep=\"+14\", splines=%s, outputorder=edgesfirst, pad=0.3, fontname=\"Helvetica\", fontsize=10, labelloc=b, labeljust=l];\n", layout, splines)
	bw.WriteString("  node [style=filled, fontname=\"Helvetica\", fontsize=11, color=\"#555555\", margin=\"0.10,0.05\"];\n")
	bw.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6, color=\"" + dotLinkColor + "\"];\n")
	bw.WriteString("  label=<" + dotLegend(m, codes, colour) + ">;\n")
	for _, e := range nodes {
		fill := dotNoCountry
		if len(e.Country) > 0 {
			fill = colour[e.Country[0]]
		}
		shape := dotShapes[e.Class]
		if shape == "" {
			shape = "ellipse"
		}
		tip := e.Name
		if e.Title != "" {
			tip += ", " + e.Title
		}
		if len(e.Country) > 0 {
			tip += " (" + join(e.Country) + ")"
		}
		attrs := fmt.Sprintf("label=%s, shape=%s, fillcolor=%q, tooltip=%s", dotQuote(e.Name), shape, fill, dotQuote(tip))
		if opt.Centre != nil && e.ID == opt.Centre {
			attrs += ", style=\"filled,bold\", penwidth=3, fontsize=14"
		}
		fmt.Fprintf(bw, "  %s [%s];\n", dotQuote(nodeID(e.ID)), attrs)
	}
	for _, e := range edges {
		var attrs string
		if c, direct := dotEdgeColor[e.kind]; direct {
			slices.Sort(e.dates)
			attrs = fmt.Sprintf("label=%s, color=%q, fontcolor=%q, penwidth=1.4", dotQuote(edgeLabel(e.kind, e.dates)), c, c)
			if e.both {
				attrs += ", dir=both"
			}
		} else {
			attrs = fmt.Sprintf("style=dotted, arrowhead=none, tooltip=%s", dotQuote(e.kind))
		}
		fmt.Fprintf(bw, "  %s -> %s [%s];\n", dotQuote(nodeID(e.from)), dotQuote(nodeID(e.to)), attrs)
	}
	bw.WriteString("}\n")
	return len(nodes), bw.Flush()
}

// edgeLabel is "met" and the dates: all of up to three, else the range.
func edgeLabel(kind string, dates []string) string {
	switch {
	case len(dates) == 0:
		return kind
	case len(dates) <= 3:
		return kind + "\n" + strings.Join(dates, ", ")
	}
	return fmt.Sprintf("%s ×%d\n%s – %s", kind, len(dates), dates[0], dates[len(dates)-1])
}

// dotLegend is an HTML-like label: the countries' colours, the shapes and
// the edge colours.
func dotLegend(m *Model, codes []string, colour map[string]string) string {
	var b strings.Builder
	b.WriteString(`<table border="0" cellborder="1" cellspacing="3" cellpadding="3">`)
	for i := 0; i < len(codes) && i < len(dotPalette); i += 6 {
		b.WriteString("<tr>")
		for _, c := range codes[i:min(i+6, len(codes), len(dotPalette))] {
			name := c
			for id, e := range m.Entities {
				if e.Class == schema.Country && m.Code(id) == c {
					name = e.Name + " (" + c + ")"
					break
				}
			}
			fmt.Fprintf(&b, `<td bgcolor="%s">%s</td>`, colour[c], htmlText(name))
		}
		b.WriteString("</tr>")
	}
	b.WriteString(`<tr><td border="0" colspan="6" align="left">ellipse person · box country · hexagon organisation · octagon group · house place · dotted: affiliation, represents, member of<br/>`)
	for i, k := range []string{"met", "visited", "sanctioned", "urged", "accused"} {
		if i > 0 {
			b.WriteString(" · ")
		}
		fmt.Fprintf(&b, `<font color="%s">%s</font>`, dotEdgeColor[k], k)
	}
	b.WriteString("</td></tr></table>")
	return b.String()
}

// dotQuote writes s as a DOT quoted string. Line breaks become \n;
// other control characters, which Graphviz would pass into SVG where XML
// cannot hold them, become U+FFFD.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return `"` + r.Replace(printable(s)) + `"`
}

// htmlText escapes s for a Graphviz HTML-like label.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(printable(s))
}

// printable replaces invalid UTF-8 and control characters but line breaks
// with U+FFFD.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' && r != '\n' && r != '\r' || r == 0x7f {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
