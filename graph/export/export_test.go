package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/graph/export"
	"github.com/dkg/dkg/schema"
)

// twoArticles: Xi and Biden met on 2023-11-15, told by two articles with
// their own evidence; one article also has a planned visit with
// participants only, and names that need escaping in every format.
func twoArticles() []quad.Quad {
	a1 := schema.ArticleIRI("https://news.example/1")
	a2 := schema.ArticleIRI("https://news.example/2")
	xi, biden := schema.PersonIRI("Xi Jinping"), schema.PersonIRI("Joe Biden")
	odd := schema.OrganizationIRI("odd")
	chn, usa := schema.CountryIRI("CHN"), schema.CountryIRI("USA")
	m := schema.EventIRI(schema.Meeting, []quad.IRI{xi, biden}, "2023-11-15", schema.Occurred)
	v := schema.EventIRI(schema.Visit, []quad.IRI{biden, chn}, "2024", schema.Planned)
	var qs []quad.Quad
	add := func(l, s, p quad.IRI, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: l})
	}
	for i, a := range []quad.IRI{a1, a2} {
		add(a, a, schema.Type, schema.NewsArticle)
		add(a, a, schema.DatePublished, schema.Date("2023-11-16"))
		add(a, m, schema.Type, schema.Meeting)
		add(a, m, schema.Participant, xi)
		add(a, m, schema.Participant, biden)
		add(a, m, schema.Actor, xi)
		add(a, m, schema.Actor, biden)
		add(a, m, schema.StartDate, schema.Date("2023-11-15"))
		add(a, m, schema.Status, quad.String(schema.Occurred))
		add(a, m, schema.CameoCode, quad.String("040"))
		add(a, m, schema.PloverType, quad.String("CONSULT"))
		add(a, m, schema.Evidence, quad.String([]string{"Xi met Biden; \"finally\".", "They met at Filoli."}[i]))
		add(a, xi, schema.Met, biden)
		add(a, xi, schema.Type, schema.Person)
		add(a, xi, schema.Name, quad.String("Xi Jinping"))
		add(a, xi, schema.Represents, chn)
		add(a, biden, schema.Type, schema.Person)
		add(a, biden, schema.Name, quad.String("Joe Biden"))
		add(a, biden, schema.Represents, usa)
		add(a, chn, schema.Type, schema.Country)
		add(a, chn, schema.Name, quad.String("China"))
		add(a, chn, schema.CountryCode, quad.String("CHN"))
	}
	add(a1, a1, schema.URL, quad.String("https://news.example/1"))
	add(a2, a2, schema.Headline, quad.String("Filoli & after"))
	add(a1, v, schema.Type, schema.Visit)
	add(a1, v, schema.Participant, biden)
	add(a1, v, schema.Participant, chn)
	add(a1, v, schema.Location, chn)
	add(a1, v, schema.StartDate, schema.Date("2024"))
	add(a1, v, schema.Status, quad.String(schema.Planned))
	add(a1, biden, schema.Affiliation, odd)
	add(a1, odd, schema.Type, schema.Organization)
	add(a1, odd, schema.Name, quad.String("The \"<Odd>\" & Co.\nLtd \x01 \\ done"))
	add(a1, odd, schema.EvidenceStart, quad.TypedString{Value: "12", Type: schema.XSDInteger})
	return qs
}

func write(t *testing.T, format string, qs []quad.Quad) string {
	t.Helper()
	f, err := export.ByName(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := f.New(&b)
	for _, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestEventsCSV(t *testing.T) {
	out := write(t, "csv-events", twoArticles())
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		export.EventsColumns,
		{"2023-11-15", "Xi Jinping;Joe Biden", "CHN;USA", "", "", "Meeting", "040", "CONSULT", "occurred", "", "", string(schema.ArticleIRI("https://news.example/2")), "They met at Filoli."},
		{"2023-11-15", "Xi Jinping;Joe Biden", "CHN;USA", "", "", "Meeting", "040", "CONSULT", "occurred", "", "", "https://news.example/1", "Xi met Biden; \"finally\"."},
		// No actor: the participants that are not places or recipients.
		{"2024", "Joe Biden", "USA", "", "", "Visit", "", "", "planned", "China", "", "https://news.example/1", ""},
	}
	slices.SortFunc(want[1:3], func(a, b []string) int { return strings.Compare(a[11], b[11]) })
	if !slices.EqualFunc(recs, want, slices.Equal) {
		t.Errorf("got\n%q\nwant\n%q", recs, want)
	}
}

func TestGraphML(t *testing.T) {
	out := write(t, "graphml", twoArticles())
	var doc struct {
		Nodes []struct {
			ID   string   `xml:"id,attr"`
			Data []string `xml:"data"`
		} `xml:"graph>node"`
		Edges []struct {
			Source string   `xml:"source,attr"`
			Target string   `xml:"target,attr"`
			Data   []string `xml:"data"`
		} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	if len(doc.Nodes) != 4 { // Xi, Biden, China, the odd organisation
		t.Errorf("%d nodes: %+v", len(doc.Nodes), doc.Nodes)
	}
	var odd string
	for _, n := range doc.Nodes {
		if n.ID == string(schema.OrganizationIRI("odd")) {
			odd = n.Data[0]
		}
	}
	if odd != "The \"<Odd>\" & Co.\nLtd \uFFFD \\ done" {
		t.Errorf("the odd name reads back as %q", odd)
	}
	var met, represents, affiliation int
	for _, e := range doc.Edges {
		switch e.Data[0] {
		case "met":
			met++
			if e.Data[2] != "2023-11-15" {
				t.Errorf("met edge dated %v", e.Data)
			}
		case "represents":
			represents++ // to China; USA is not a node
		case "affiliation":
			affiliation++
		}
	}
	if met != 2 || represents != 2 || affiliation != 1 {
		t.Errorf("met %d (want 2, one per article), represents %d (2), affiliation %d (1)", met, represents, affiliation)
	}
}

func TestJSONLD(t *testing.T) {
	qs := twoArticles()
	out := write(t, "jsonld", qs)
	if !json.Valid([]byte(out)) {
		t.Fatalf("not JSON:\n%s", out)
	}
	back, err := graph.ParseJSONLD(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := nquads(t, back), nquads(t, qs); !slices.Equal(got, want) {
		t.Errorf("read back:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rev := slices.Clone(qs)
	slices.Reverse(rev)
	if again := write(t, "jsonld", rev); again != out {
		t.Error("the same quads in another order give another document")
	}
}

func nquads(t *testing.T, qs []quad.Quad) []string {
	t.Helper()
	var b bytes.Buffer
	w := graph.NewNQuadsWriter(&b)
	if err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	w.Close()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	slices.Sort(lines)
	return lines
}

func TestNTriples(t *testing.T) {
	out := write(t, "ntriples", twoArticles())
	lines := strings.Split(strings.TrimSpace(out), "\n")
	seen := make(map[string]bool)
	for _, l := range lines {
		if seen[l] {
			t.Errorf("twice: %s", l)
		}
		seen[l] = true
		if strings.Contains(l, "/article/") && strings.Count(l, "<") > 3 {
			t.Errorf("a label: %s", l)
		}
	}
	if !seen["<https://w3id.org/dkg/id/person/xi-jinping> <https://w3id.org/dkg/ns#met> <https://w3id.org/dkg/id/person/joe-biden> ."] {
		t.Error("no met triple")
	}
}

func TestDOT(t *testing.T) {
	qs := twoArticles()
	out := write(t, "dot", qs)
	for _, want := range []string{
		`label="The \"<Odd>\" & Co.\nLtd ` + "\uFFFD" + ` \\ done"`,
		`"https://w3id.org/dkg/id/person/xi-jinping" -> "https://w3id.org/dkg/id/person/joe-biden" [label="met\n2023-11-15"`,
		`shape=box`, `shape=hexagon`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
	var b bytes.Buffer
	m := export.NewModel(qs)
	n, err := export.WriteDOT(&b, m, export.DOTOptions{Centre: schema.PersonIRI("Xi Jinping"), Hops: 1})
	if err != nil || n != 3 { // Xi, Biden, China; the organisation is two hops away
		t.Errorf("around Xi: %d nodes, %v", n, err)
	}
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("graphviz not installed")
	}
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = strings.NewReader(out)
	cmd.Stderr = os.Stderr
	svg, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var v struct{}
	if err := xml.Unmarshal(svg, &v); err != nil {
		t.Errorf("the SVG is not XML: %v", err)
	}
}

func TestFormats(t *testing.T) {
	for _, name := range export.Names() {
		f, err := export.ByName(name)
		if err != nil || f.Name != name || f.Usage == "" || len(f.Ext) == 0 {
			t.Errorf("%s: %+v %v", name, f, err)
		}
		if g, ok := export.ByPath("x" + strings.ToUpper(f.Ext[0])); !ok || g.Name != name {
			t.Errorf("ByPath(x%s) = %s", f.Ext[0], g.Name)
		}
	}
	if _, err := export.ByName("xlsx"); err == nil {
		t.Error("xlsx")
	}
}

// ExampleEventsCSV writes the events of a meeting as CSV.
func ExampleEventsCSV() {
	art := schema.ArticleIRI("https://news.example/kazan")
	modi, xi := schema.PersonIRI("Narendra Modi"), schema.PersonIRI("Xi Jinping")
	ev := schema.EventIRI(schema.Meeting, []quad.IRI{modi, xi}, "2024-10-23", schema.Occurred)
	w := export.NewEventsCSV(os.Stdout)
	for _, q := range []quad.Quad{
		{Subject: art, Predicate: schema.URL, Object: quad.String("https://news.example/kazan")},
		{Subject: art, Predicate: schema.Type, Object: schema.NewsArticle},
		{Subject: ev, Predicate: schema.Type, Object: schema.Meeting},
		{Subject: ev, Predicate: schema.Actor, Object: modi},
		{Subject: ev, Predicate: schema.Recipient, Object: xi},
		{Subject: ev, Predicate: schema.StartDate, Object: schema.Date("2024-10-23")},
		{Subject: ev, Predicate: schema.Status, Object: quad.String(schema.Occurred)},
		{Subject: ev, Predicate: schema.Evidence, Object: quad.String("Modi met Xi in Kazan, their first talks in five years.")},
		{Subject: modi, Predicate: schema.Name, Object: quad.String("Narendra Modi")},
		{Subject: modi, Predicate: schema.Represents, Object: schema.CountryIRI("IND")},
		{Subject: xi, Predicate: schema.Name, Object: quad.String("Xi Jinping")},
		{Subject: xi, Predicate: schema.Represents, Object: schema.CountryIRI("CHN")},
	} {
		q.Label = art
		w.WriteQuad(q)
	}
	w.Close()
	// Output:
	// date,actor,actor_country,recipient,recipient_country,class,cameo_code,plover_type,status,place,issues,article_url,evidence
	// 2024-10-23,Narendra Modi,IND,Xi Jinping,CHN,Meeting,,,occurred,,,https://news.example/kazan,"Modi met Xi in Kazan, their first talks in five years."
}
