package graph

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Export streams every quad of the store to w as N-Quads, one per line, in
// the store's own order (the order quads were written: deterministic for a
// given store, not sorted). It returns the number of quads written.
//
// The output is meant for strict parsers (rapper -i nquads), which Cayley's
// own writer does not satisfy:
//   - datatypes are full IRIs (Cayley stores native values with short
//     "xsd:" names) and booleans are "true"/"false" (Cayley writes "True");
//   - characters N-Quads forbids in an IRI (controls, space and <>"{}|^`\)
//     and bytes that are not UTF-8 are percent-encoded; other non-ASCII
//     characters stay as they are (N-Quads IRIs are Unicode);
//   - literals escape quote, backslash, CR, LF and tab, write other control
//     characters as \u00XX, replace invalid UTF-8 with U+FFFD and keep all
//     other characters as UTF-8;
//   - a language tag that is not well formed is dropped (the literal is
//     kept as a plain string), a blank node label N-Quads cannot hold is
//     rewritten to "x" and its hex bytes.
//
// Writes wait until the export is done, so it is a consistent snapshot.
func (s *Store) Export(ctx context.Context, w io.Writer) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return 0, ErrClosed
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	n, err := newExporter(s.qs).run(ctx, bw)
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

const (
	// exportBatch quads share one lookup of the values they need.
	exportBatch = 512
	// exportCache is how many formatted terms the exporter keeps. Predicates,
	// labels, classes and entities repeat; most literals do not.
	exportCache = 1 << 16
)

// term is a value written as N-Quads.
type term struct {
	text string
	kind termKind
}

type termKind uint8

const (
	kindIRI termKind = iota
	kindBNode
	kindLiteral
)

type exporter struct {
	qs    cgraph.QuadStore
	cache map[any]term
}

func newExporter(qs cgraph.QuadStore) *exporter {
	return &exporter{qs: qs, cache: make(map[any]term, exportCache)}
}

func (e *exporter) run(ctx context.Context, w *bufio.Writer) (int, error) {
	it := e.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	batch := make([][4]cgraph.Ref, 0, exportBatch)
	var line []byte
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		batch = batch[:0]
		for len(batch) < exportBatch && it.Next(ctx) {
			var q [4]cgraph.Ref
			for i, d := range quad.Directions {
				r, err := e.qs.QuadDirection(it.Result(), d)
				if err != nil {
					return n, err
				}
				q[i] = r
			}
			batch = append(batch, q)
		}
		if err := it.Err(); err != nil {
			return n, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		if err := e.resolve(ctx, batch); err != nil {
			return n, err
		}
		for _, q := range batch {
			var err error
			line, err = e.appendQuad(line[:0], q)
			if err != nil {
				return n, fmt.Errorf("quad %d: %w", n+1, err)
			}
			if _, err := w.Write(line); err != nil {
				return n, err
			}
			n++
		}
	}
}

// resolve puts the terms of every node of batch in the cache.
func (e *exporter) resolve(ctx context.Context, batch [][4]cgraph.Ref) error {
	if len(e.cache) > exportCache {
		clear(e.cache)
	}
	var miss []cgraph.Ref
	wanted := make(map[any]bool)
	for _, q := range batch {
		for _, r := range q {
			if r == nil {
				continue
			}
			k := r.Key()
			if _, ok := e.cache[k]; ok || wanted[k] {
				continue
			}
			wanted[k] = true
			miss = append(miss, r)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	vals, err := cgraph.ValuesOf(ctx, e.qs, miss)
	if err != nil {
		return err
	}
	for i, v := range vals {
		if v == nil {
			return fmt.Errorf("node %v has no value", miss[i].Key())
		}
		t, err := termOf(v)
		if err != nil {
			return err
		}
		e.cache[miss[i].Key()] = t
	}
	return nil
}

func (e *exporter) appendQuad(b []byte, q [4]cgraph.Ref) ([]byte, error) {
	for i, r := range q {
		if r == nil {
			if quad.Directions[i] == quad.Label {
				break
			}
			return b, fmt.Errorf("no %s", quad.Directions[i])
		}
		t := e.cache[r.Key()]
		switch d := quad.Directions[i]; {
		case d == quad.Predicate && t.kind != kindIRI:
			return b, fmt.Errorf("predicate %s is not an IRI", t.text)
		case (d == quad.Subject || d == quad.Label) && t.kind == kindLiteral:
			return b, fmt.Errorf("%s %s is a literal", d, t.text)
		}
		b = append(b, t.text...)
		b = append(b, ' ')
	}
	return append(b, ".\n"...), nil
}

var (
	xsdBoolean = quad.IRI(schema.XSD + "boolean")
	xsdDouble  = quad.IRI(schema.XSD + "double")
	xsdFloat   = quad.IRI(schema.XSD + "float")
	// langTag is BCP 47 as N-Quads' LANGTAG production has it.
	langTag = regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`)
)

// termOf writes a value as an N-Quads term.
func termOf(v quad.Value) (term, error) {
	switch v := v.(type) {
	case quad.IRI:
		return term{string(appendIRI(nil, string(v.Full()))), kindIRI}, nil
	case quad.BNode:
		return term{string(appendBNode(nil, string(v))), kindBNode}, nil
	case quad.String:
		return term{string(appendString(nil, string(v))), kindLiteral}, nil
	case quad.LangString:
		b := appendString(nil, string(v.Value))
		if langTag.MatchString(v.Lang) {
			b = append(append(b, '@'), v.Lang...)
		}
		return term{string(b), kindLiteral}, nil
	case quad.TypedString:
		return term{string(appendTyped(nil, v)), kindLiteral}, nil
	case quad.TypedStringer:
		return term{string(appendTyped(nil, v.TypedString())), kindLiteral}, nil
	case nil:
		return term{}, errors.New("nil value")
	}
	return term{}, fmt.Errorf("cannot write a %T as N-Quads", v)
}

// appendTyped writes a typed literal with its datatype as a full IRI, and
// fixes the lexical forms Cayley's native values get wrong.
func appendTyped(b []byte, ts quad.TypedString) []byte {
	typ := ts.Type.Full()
	val := string(ts.Value)
	switch typ {
	case xsdBoolean:
		switch val {
		case "True":
			val = "true"
		case "False":
			val = "false"
		}
	case xsdDouble, xsdFloat:
		// strconv writes +Inf, -Inf and NaN; XSD wants INF, -INF and NaN.
		if f, err := strconv.ParseFloat(val, 64); err == nil && math.IsInf(f, 0) {
			val = "INF"
			if f < 0 {
				val = "-INF"
			}
		}
	}
	b = appendString(b, val)
	b = append(b, "^^"...)
	return appendIRI(b, string(typ))
}

const hexDigits = "0123456789ABCDEF"

// appendIRI writes <iri>, percent-encoding what IRIREF does not allow and
// the bytes of invalid UTF-8.
func appendIRI(b []byte, s string) []byte {
	b = append(b, '<')
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				b = append(b, '%', hexDigits[s[i]>>4], hexDigits[s[i]&15])
				continue
			}
			b = utf8.AppendRune(b, r)
		case r <= ' ' || r == 0x7f || strings.ContainsRune("<>\"{}|^`\\", r):
			b = append(b, '%', hexDigits[r>>4], hexDigits[r&15])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '>')
}

// appendString writes "s" as an N-Quads STRING_LITERAL_QUOTE. Ranging over
// s turns each invalid byte into U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b = append(b, '\\', byte(r))
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			if r < ' ' || r == 0x7f {
				b = append(b, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&15])
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
	}
	return append(b, '"')
}

// appendBNode writes _:label, or _:x<hex of label> when the label does not
// fit N-Quads' BLANK_NODE_LABEL (kept to ASCII here).
func appendBNode(b []byte, s string) []byte {
	b = append(b, '_', ':')
	if bnodeLabel.MatchString(s) {
		return append(b, s...)
	}
	b = append(b, 'x')
	for i := 0; i < len(s); i++ {
		b = append(b, hexDigits[s[i]>>4], hexDigits[s[i]&15])
	}
	return b
}

var bnodeLabel = regexp.MustCompile(`^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$`)
