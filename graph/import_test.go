package graph

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

func TestParseNQuads(t *testing.T) {
	xsdInt := quad.IRI(schema.XSD + "integer")
	good := []struct {
		line string
		want quad.Quad
	}{
		{`<http://a/s> <http://a/p> <http://a/o> <http://a/g> .`,
			quad.Quad{Subject: quad.IRI("http://a/s"), Predicate: quad.IRI("http://a/p"), Object: quad.IRI("http://a/o"), Label: quad.IRI("http://a/g")}},
		{"<http://a/s>\t<http://a/p> \"x\" .",
			quad.Quad{Subject: quad.IRI("http://a/s"), Predicate: quad.IRI("http://a/p"), Object: quad.String("x")}},
		{`_:b1 <http://a/p> _:b2.`,
			quad.Quad{Subject: quad.BNode("b1"), Predicate: quad.IRI("http://a/p"), Object: quad.BNode("b2")}},
		{`_:b.1 <http://a/p> _:b2 _:g .`,
			quad.Quad{Subject: quad.BNode("b.1"), Predicate: quad.IRI("http://a/p"), Object: quad.BNode("b2"), Label: quad.BNode("g")}},
		{`<http://a/s> <http://a/p> "say \"hi\"\n\t\\ \u00e9\U0001F600" . # comment`,
			quad.Quad{Subject: quad.IRI("http://a/s"), Predicate: quad.IRI("http://a/p"), Object: quad.String("say \"hi\"\n\t\\ é😀")}},
		{`<http://a/s> <http://a/p> "007"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
			quad.Quad{Subject: quad.IRI("http://a/s"), Predicate: quad.IRI("http://a/p"), Object: quad.TypedString{Value: "007", Type: xsdInt}}},
		{`<http://a/s> <http://a/p> "Taiwan"@en-GB <http://a/g> .`,
			quad.Quad{Subject: quad.IRI("http://a/s"), Predicate: quad.IRI("http://a/p"), Object: quad.LangString{Value: "Taiwan", Lang: "en-GB"}, Label: quad.IRI("http://a/g")}},
		{`<http://a/\u00e9> <http://a/p> "会见" .`,
			quad.Quad{Subject: quad.IRI("http://a/é"), Predicate: quad.IRI("http://a/p"), Object: quad.String("会见")}},
		{"\ufeff<http://a/s> <http://a/p> \"bom\" .",
			quad.Quad{Subject: quad.IRI("http://a/s"), Predicate: quad.IRI("http://a/p"), Object: quad.String("bom")}},
		{"<http://a/s> <http://a/p> \"crlf\" .\r",
			quad.Quad{Subject: quad.IRI("http://a/s"), Predicate: quad.IRI("http://a/p"), Object: quad.String("crlf")}},
	}
	for _, g := range good {
		qs, bad, err := ParseNQuads(strings.NewReader(g.line))
		if err != nil || len(bad) > 0 || len(qs) != 1 {
			t.Errorf("%s: got %v, %v, %v", g.line, qs, bad, err)
			continue
		}
		if qs[0] != g.want {
			t.Errorf("%s:\n got %#v\nwant %#v", g.line, qs[0], g.want)
		}
	}

	bad := []struct{ line, msg string }{
		{`<http://a/s> <http://a/p> .`, "missing object"},
		{`<http://a/s> <http://a/p> <http://a/o>`, "missing '.'"},
		{`"lit" <http://a/p> <http://a/o> .`, "subject must be an IRI or a blank node, not a literal"},
		{`<http://a/s> _:p <http://a/o> .`, "predicate must be an IRI"},
		{`<http://a/s> <http://a/p> <http://a/o> "g" .`, "unexpected"},
		{`<s> <http://a/p> <http://a/o> .`, "relative IRI"},
		{`<http://a/s p> <http://a/p> <http://a/o> .`, "not allowed in an IRI"},
		{`<http://a/s> <http://a/p> "open .`, "closing"},
		{`<http://a/s> <http://a/p> "x"@1en .`, "language tag"},
		{`<http://a/s> <http://a/p> "\x" .`, "escape"},
		{`<http://a/s> <http://a/p> "\uZZZZ" .`, "escape"},
		{`<http://a/s> <http://a/p> "x"^^"t" .`, "datatype must be an IRI"},
		{`<http://a/s> <http://a/p> <http://a/o> . extra`, "after the '.'"},
		{"<http://a/s> <http://a/p> \"\xff\" .", "UTF-8"},
	}
	for _, b := range bad {
		qs, errs, err := ParseNQuads(strings.NewReader(b.line))
		if err != nil || len(qs) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), b.msg) || errs[0].Line != 1 {
			t.Errorf("%s: got %v, %v, %v; want line 1: ...%s", b.line, qs, errs, err, b.msg)
		}
	}

	// Line numbers count blank lines and comments.
	in := "# a comment\n\n<http://a/s> <http://a/p> \"1\" .\nnot a statement\n<http://a/s> <http://a/p> \"2\" .\n<http://a/s> <http://a/p>\n"
	qs, errs, err := ParseNQuads(strings.NewReader(in))
	if err != nil || len(qs) != 2 || len(errs) != 2 || errs[0].Line != 4 || errs[1].Line != 6 {
		t.Errorf("got %v, %v, %v; want 2 quads and errors at lines 4 and 6", qs, errs, err)
	}
}

// TestParseNQuadsExport reads back what Export writes, quad for quad and
// byte for byte.
func TestParseNQuadsExport(t *testing.T) {
	s := openTest(t)
	a, _ := exportArticle()
	mustPut(t, s, a)
	mustPut(t, s, testArticle(3))
	out := exportString(t, s)
	qs, bad, err := ParseNQuads(strings.NewReader(out))
	if err != nil || len(bad) > 0 {
		t.Fatalf("%v %v", bad, err)
	}
	var b bytes.Buffer
	w := NewNQuadsWriter(&b)
	if err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if b.String() != out {
		t.Errorf("read back and written again:\n%s\nwant\n%s", b.String(), out)
	}
}

func TestParseJSONLD(t *testing.T) {
	doc := `{
  "@context": {"s": "https://schema.org/", "name": "s:name", "knows": {"@id": "s:knows", "@type": "@id"}, "xsd": "http://www.w3.org/2001/XMLSchema#"},
  "@graph": [
    {"@id": "http://a/x", "name": "X", "knows": "http://a/y"},
    {"@id": "http://a/g", "@graph": [
      {"@id": "http://a/y", "name": {"@value": "Y", "@language": "en"}, "s:age": {"@value": "007", "@type": "xsd:integer"}}
    ]}
  ]
}`
	qs, err := ParseJSONLD(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []quad.Quad{
		{Subject: quad.IRI("http://a/x"), Predicate: quad.IRI("https://schema.org/knows"), Object: quad.IRI("http://a/y")},
		{Subject: quad.IRI("http://a/x"), Predicate: quad.IRI("https://schema.org/name"), Object: quad.String("X")},
		{Subject: quad.IRI("http://a/y"), Predicate: quad.IRI("https://schema.org/age"), Object: quad.TypedString{Value: "007", Type: quad.IRI(schema.XSD + "integer")}, Label: quad.IRI("http://a/g")},
		{Subject: quad.IRI("http://a/y"), Predicate: quad.IRI("https://schema.org/name"), Object: quad.LangString{Value: "Y", Lang: "en"}, Label: quad.IRI("http://a/g")},
	}
	if got, w := quadStrings(qs), quadStrings(want); !slices.Equal(got, w) {
		t.Errorf("got\n%q\nwant\n%q", got, w)
	}

	_, err = ParseJSONLD(strings.NewReader("{\n  \"@id\": \"http://a/x\",\n  \"name\": \"X\"\n  \"more\": 1\n}"))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 4 {
		t.Errorf("syntax error: got %v, want line 4", err)
	}
	_, err = ParseJSONLD(strings.NewReader(`{"@context": "https://example.org/remote-context.jsonld", "@id": "http://a/x", "name": "X"}`))
	if err == nil || !strings.Contains(err.Error(), "remote") {
		t.Errorf("remote context: got %v", err)
	}
}

func TestImport(t *testing.T) {
	s := openTest(t)
	def := quad.IRI("file:///data/file.nt")
	g := quad.IRI("https://news.example/g")
	in := []quad.Quad{
		{Subject: quad.IRI("http://a/x"), Predicate: schema.Name, Object: quad.String("X"), Label: g},
		{Subject: quad.IRI("http://a/x"), Predicate: schema.Name, Object: quad.String("X"), Label: g},
		{Subject: quad.IRI("http://a/y"), Predicate: schema.Name, Object: quad.String("Y")},
		{Subject: quad.BNode("b"), Predicate: schema.Name, Object: quad.String("Z"), Label: quad.BNode("h")},
	}
	res, err := s.Import(in, def, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []Imported{{g, 1, Added}, {def, 1, Added}, {def + "#h", 1, Added}}
	if !slices.Equal(res, want) {
		t.Errorf("got %v, want %v", res, want)
	}
	if got, _ := s.ArticleQuads(def); len(got) != 1 || got[0].Subject != quad.IRI("http://a/y") {
		t.Errorf("the default graph holds %v", got)
	}

	// Again: unchanged. Replace: the graph becomes the file's.
	if res, _ := s.Import(in[:1], def, false); res[0].Change != Unchanged {
		t.Errorf("again: %v", res)
	}
	other := quad.Quad{Subject: quad.IRI("http://a/w"), Predicate: schema.Name, Object: quad.String("W"), Label: g}
	if res, err := s.Import([]quad.Quad{other}, def, false); err != nil || res[0].Change != Replaced {
		t.Errorf("replace: %v %v", res, err)
	}
	if got, _ := s.ArticleQuads(g); len(got) != 1 || got[0] != other {
		t.Errorf("after replace: %v", got)
	}
	// Merge adds.
	if _, err := s.Import(in[:1], def, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ArticleQuads(g); len(got) != 2 {
		t.Errorf("after merge: %v", got)
	}

	// All or nothing: a quad the store refuses stops the whole import.
	before := exportString(t, s)
	bad := []quad.Quad{
		{Subject: quad.IRI("http://a/new"), Predicate: schema.Name, Object: quad.String("N"), Label: quad.IRI("https://news.example/new")},
		{Subject: quad.IRI("http://a/x"), Predicate: schema.Name, Object: quad.String("bad \xff")},
	}
	if _, err := s.Import(bad, def, false); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
	if after := exportString(t, s); after != before {
		t.Errorf("a failed import wrote:\n%s", after)
	}
	if _, err := s.Import(in[2:3], "", false); err == nil {
		t.Error("a triple without a default graph accepted")
	}
}
