package graph

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/piprate/json-gold/ld"

	"github.com/dkg/dkg/schema"
)

// SyntaxError is a line of an RDF file that cannot be read.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// maxLine caps a line of N-Quads.
const maxLine = 16 << 20

// ParseNQuads reads N-Quads, or N-Triples (its subset), from r: every
// statement it can read, and one *SyntaxError for each line it cannot
// (those lines give no quad). A triple has no label. Literals keep their
// lexical form and datatype as written: "007"^^xsd:integer stays "007".
// The error is for reading r itself, or a line longer than 16 MiB.
func ParseNQuads(r io.Reader) ([]quad.Quad, []*SyntaxError, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var (
		quads []quad.Quad
		bad   []*SyntaxError
	)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff") // a byte order mark
		}
		q, ok, err := parseStatement(text)
		switch {
		case err != nil:
			bad = append(bad, &SyntaxError{Line: line, Msg: err.Error()})
		case ok:
			quads = append(quads, q)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, nil, fmt.Errorf("line %d: longer than %d MiB", line+1, maxLine>>20)
		}
		return nil, nil, err
	}
	return quads, bad, nil
}

// nqParser reads one line of N-Quads.
type nqParser struct {
	s string
	i int
}

// parseStatement reads a line: a statement, or nothing (ok false) for a
// blank line or a comment.
func parseStatement(line string) (q quad.Quad, ok bool, err error) {
	if !utf8.ValidString(line) {
		return q, false, errors.New("not valid UTF-8")
	}
	p := &nqParser{s: strings.TrimSuffix(line, "\r")}
	p.space()
	if p.done() || p.peek() == '#' {
		return q, false, nil
	}
	if q.Subject, err = p.node("subject"); err != nil {
		return q, false, err
	}
	p.space()
	if p.peek() != '<' {
		return q, false, p.errorf("the predicate must be an IRI")
	}
	if q.Predicate, err = p.iri(); err != nil {
		return q, false, err
	}
	p.space()
	if p.peek() == '"' {
		q.Object, err = p.literal()
	} else {
		q.Object, err = p.node("object")
	}
	if err != nil {
		return q, false, err
	}
	p.space()
	if c := p.peek(); c == '<' || c == '_' {
		if q.Label, err = p.node("graph label"); err != nil {
			return q, false, err
		}
		p.space()
	}
	if p.peek() != '.' {
		if p.done() {
			return q, false, p.errorf("missing '.' at the end of the statement")
		}
		return q, false, p.errorf("unexpected %q", p.rest())
	}
	p.i++
	p.space()
	if !p.done() && p.peek() != '#' {
		return q, false, p.errorf("unexpected %q after the '.'", p.rest())
	}
	return q, true, nil
}

func (p *nqParser) done() bool { return p.i >= len(p.s) }

func (p *nqParser) peek() byte {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}

func (p *nqParser) rest() string {
	r := p.s[p.i:]
	if len(r) > 20 {
		r = r[:20] + "..."
	}
	return r
}

func (p *nqParser) space() {
	for !p.done() && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *nqParser) errorf(format string, args ...any) error {
	return fmt.Errorf("column %d: %s", p.i+1, fmt.Sprintf(format, args...))
}

// node reads an IRI or a blank node.
func (p *nqParser) node(what string) (quad.Value, error) {
	switch {
	case p.peek() == '<':
		return p.iri()
	case strings.HasPrefix(p.s[p.i:], "_:"):
		return p.bnode()
	case p.peek() == '"':
		return nil, p.errorf("the %s must be an IRI or a blank node, not a literal", what)
	case p.done() || p.peek() == '.':
		return nil, p.errorf("missing %s", what)
	}
	return nil, p.errorf("the %s must be an IRI or a blank node: unexpected %q", what, p.rest())
}

// iri reads <...>, with \u escapes, and wants it absolute.
func (p *nqParser) iri() (quad.Value, error) {
	start := p.i
	p.i++ // <
	var b strings.Builder
	for {
		if p.done() {
			p.i = start
			return nil, p.errorf("IRI without its closing '>'")
		}
		r, size := utf8.DecodeRuneInString(p.s[p.i:])
		switch {
		case r == '>':
			p.i++
			s := b.String()
			if !hasScheme(s) {
				p.i = start
				return nil, p.errorf("relative IRI <%s>: N-Quads wants absolute IRIs", s)
			}
			return quad.IRI(s), nil
		case r == '\\':
			u, err := p.uchar()
			if err != nil {
				return nil, err
			}
			b.WriteRune(u)
			continue
		case r <= ' ' || strings.ContainsRune("<\"{}|^`", r):
			return nil, p.errorf("character %q is not allowed in an IRI", r)
		}
		b.WriteRune(r)
		p.i += size
	}
}

func hasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 1 {
		return false
	}
	for j, c := range s[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// uchar reads \uXXXX or \UXXXXXXXX.
func (p *nqParser) uchar() (rune, error) {
	n := 0
	switch {
	case strings.HasPrefix(p.s[p.i:], `\u`):
		n = 4
	case strings.HasPrefix(p.s[p.i:], `\U`):
		n = 8
	default:
		return 0, p.errorf("unknown escape %q", p.rest())
	}
	if len(p.s) < p.i+2+n {
		return 0, p.errorf("short escape %q", p.rest())
	}
	v, err := strconv.ParseUint(p.s[p.i+2:p.i+2+n], 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, p.errorf("bad escape %q", p.s[p.i:p.i+2+n])
	}
	p.i += 2 + n
	return rune(v), nil
}

// bnode reads _:label.
func (p *nqParser) bnode() (quad.Value, error) {
	p.i += 2
	start := p.i
	for !p.done() {
		r, size := utf8.DecodeRuneInString(p.s[p.i:])
		first := p.i == start
		if !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) ||
			!first && (r == '-' || r == '.' || r == 0xB7 || unicode.Is(unicode.Mn, r) || r == 0x203F || r == 0x2040)) {
			break
		}
		p.i += size
	}
	// A label does not end with '.': that one ends the statement.
	for p.i > start && p.s[p.i-1] == '.' {
		p.i--
	}
	if p.i == start {
		return nil, p.errorf("empty blank node label")
	}
	return quad.BNode(p.s[start:p.i]), nil
}

// literal reads "..." with an optional @lang or ^^<type>.
func (p *nqParser) literal() (quad.Value, error) {
	start := p.i
	p.i++ // "
	var b strings.Builder
	for {
		if p.done() {
			p.i = start
			return nil, p.errorf("literal without its closing '\"'")
		}
		c := p.s[p.i]
		if c == '"' {
			p.i++
			break
		}
		if c != '\\' {
			b.WriteByte(c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			return nil, p.errorf("'\\' at the end of the line")
		}
		if e := strings.IndexByte(`tbnrf"'\`, p.s[p.i+1]); e >= 0 {
			b.WriteByte("\t\b\n\r\f\"'\\"[e])
			p.i += 2
			continue
		}
		r, err := p.uchar()
		if err != nil {
			return nil, err
		}
		b.WriteRune(r)
	}
	val := quad.String(b.String())
	switch {
	case p.peek() == '@':
		p.i++
		ls := p.i
		for !p.done() && (p.s[p.i] == '-' || p.s[p.i] < utf8.RuneSelf && (unicode.IsLetter(rune(p.s[p.i])) || unicode.IsDigit(rune(p.s[p.i])))) {
			p.i++
		}
		lang := p.s[ls:p.i]
		if !langTag.MatchString(lang) || unicode.IsDigit(rune(lang[0])) {
			p.i = ls
			return nil, p.errorf("bad language tag %q", lang)
		}
		return quad.LangString{Value: val, Lang: lang}, nil
	case strings.HasPrefix(p.s[p.i:], "^^"):
		p.i += 2
		if p.peek() != '<' {
			return nil, p.errorf("the datatype must be an IRI")
		}
		t, err := p.iri()
		if err != nil {
			return nil, err
		}
		return quad.TypedString{Value: val, Type: t.(quad.IRI)}, nil
	}
	return val, nil
}

// maxJSONLD caps a JSON-LD document, which is read whole.
const maxJSONLD = 1 << 30

// ParseJSONLD reads a JSON-LD document from r and returns its quads (a
// node in no named graph has no label). Literals keep their lexical form
// and datatype. Remote contexts are not fetched: a document that needs one
// is an error. A JSON syntax error is a *SyntaxError with its line.
func ParseJSONLD(r io.Reader) ([]quad.Quad, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxJSONLD+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxJSONLD {
		return nil, fmt.Errorf("larger than %d MiB", maxJSONLD>>20)
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
		return nil, &SyntaxError{Line: line, Msg: "not valid UTF-8"}
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
			return nil, &SyntaxError{Line: line, Msg: se.Error()}
		}
		return nil, err
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = noRemote{}
	res, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		return nil, fmt.Errorf("json-ld: %w", err)
	}
	ds, ok := res.(*ld.RDFDataset)
	if !ok {
		return nil, fmt.Errorf("json-ld: unexpected %T", res)
	}
	names := make([]string, 0, len(ds.Graphs))
	for g := range ds.Graphs {
		names = append(names, g)
	}
	slices.Sort(names)
	var out []quad.Quad
	for _, g := range names {
		var label quad.Value
		if g != "@default" {
			label = ldName(g)
		}
		for _, lq := range ds.Graphs[g] {
			q := quad.Quad{Subject: ldValue(lq.Subject), Predicate: ldValue(lq.Predicate), Object: ldValue(lq.Object), Label: label}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				continue
			}
			out = append(out, q)
		}
	}
	return out, nil
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// noRemote refuses to load remote documents (contexts).
type noRemote struct{}

func (noRemote) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, "remote context "+u+" (dkg does not fetch remote documents)")
}

var xsdString = schema.XSD + "string"

func ldName(s string) quad.Value {
	if strings.HasPrefix(s, "_:") {
		return quad.BNode(s[2:])
	}
	return quad.IRI(s)
}

func ldValue(n ld.Node) quad.Value {
	switch n := n.(type) {
	case *ld.IRI:
		return quad.IRI(n.Value)
	case *ld.BlankNode:
		return quad.BNode(strings.TrimPrefix(n.Attribute, "_:"))
	case *ld.Literal:
		switch {
		case n.Language != "":
			return quad.LangString{Value: quad.String(n.Value), Lang: n.Language}
		case n.Datatype == "" || n.Datatype == xsdString:
			return quad.String(n.Value)
		}
		return quad.TypedString{Value: quad.String(n.Value), Type: quad.IRI(n.Datatype)}
	}
	return nil
}

// Imported says what an import did to one named graph.
type Imported struct {
	Graph  quad.IRI
	Quads  int // distinct quads the file holds for the graph
	Change Change
}

// Import writes quads read from a file, named graph by named graph, with
// PutBatch's semantics, all in one transaction: all of them are written or
// none. A graph the store holds already is replaced by the file's version
// of it, unless merge is set: then the file's quads are added to it. Quads
// with no label go to the named graph defaultGraph; a blank node label _:b
// becomes defaultGraph#b, since a store's graphs are named by IRIs.
//
// Blank nodes are stored with the labels the file gives them: two files
// that both say _:b1 share that node.
func (s *Store) Import(quads []quad.Quad, defaultGraph quad.IRI, merge bool) ([]Imported, error) {
	var arts []Article
	index := make(map[quad.IRI]int)
	for _, q := range quads {
		var g quad.IRI
		switch l := q.Label.(type) {
		case nil:
			g = defaultGraph
		case quad.IRI:
			g = l
		case quad.BNode:
			g = defaultGraph + "#" + quad.IRI(l)
		default:
			return nil, fmt.Errorf("import: graph label %s is not an IRI", q.Label)
		}
		if g == "" {
			return nil, errors.New("import: a quad without a graph label, and no default graph")
		}
		q.Label = g
		i, ok := index[g]
		if !ok {
			i = len(arts)
			index[g] = i
			arts = append(arts, Article{IRI: g})
		}
		arts[i].Quads = append(arts[i].Quads, q)
	}
	if len(arts) == 0 {
		return nil, nil
	}
	out := make([]Imported, len(arts))
	for i, a := range arts {
		out[i] = Imported{Graph: a.IRI, Quads: distinctQuads(a.Quads)}
	}
	if merge {
		for i, a := range arts {
			old, err := s.ArticleQuads(a.IRI)
			if err != nil {
				return nil, fmt.Errorf("import: %w", err)
			}
			arts[i].Quads = append(old, a.Quads...)
		}
	}
	changes, err := s.PutBatch(arts)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	for i := range out {
		out[i].Change = changes[i]
	}
	return out, nil
}

func distinctQuads(qs []quad.Quad) int {
	seen := make(map[quadKey]bool, len(qs))
	for _, q := range qs {
		seen[keyOf(q)] = true
	}
	return len(seen)
}
