package graph

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// FuzzNQuads writes arbitrary strings as literals, language tags, IRIs,
// datatypes and blank nodes with NQuadsWriter (the writer of dkg extract,
// with Export's escaping) and reads them back with Cayley's N-Quads parser:
// every line parses, and every value comes back as it went in, except for
// what the writer documents that it changes (invalid UTF-8 becomes U+FFFD in
// a literal and is percent-encoded in an IRI, as are the characters IRIREF
// forbids; a malformed language tag is dropped; a blank node label N-Quads
// cannot hold is rewritten). The seed corpus is in testdata/fuzz/FuzzNQuads.
func FuzzNQuads(f *testing.F) {
	f.Add("Blinken said: \"We had candid talks.\"\n— 会见 ✓", "https://w3id.org/dkg/id/person/antony-blinken", "en", "b0")
	f.Add("tab\there\r\nand a \\ backslash\x00\x01\x7f", "urn:x:<a b>{c}|d^e`f\\g\"h", "zh-Hant-TW", "not a label!")
	f.Add("caf\xe9 \xff\xfe", "http://example.org/caf\xe9", "en-", "-x")
	f.Add("", "xsd:boolean", "", "")
	f.Add("True", "http://www.w3.org/2001/XMLSchema#boolean", "1en", "_a.b-")
	f.Fuzz(func(t *testing.T, lit, iri, lang, bnode string) {
		defer watchdog(t, 5*time.Second)()
		if iri == "" {
			// An IRI is never empty in dkg: the store refuses it, and
			// `<>` is a relative reference, not an IRI.
			iri = "urn:empty"
		}
		subj, pred, label := quad.IRI("https://w3id.org/dkg/id/s"), quad.IRI("https://w3id.org/dkg/ns#p"), quad.IRI("https://w3id.org/dkg/id/article/a")
		in := []quad.Quad{
			{Subject: subj, Predicate: pred, Object: quad.String(lit), Label: label},
			{Subject: subj, Predicate: pred, Object: quad.LangString{Value: quad.String(lit), Lang: lang}, Label: label},
			{Subject: quad.IRI(iri), Predicate: quad.IRI(iri), Object: quad.IRI(iri), Label: quad.IRI(iri)},
			{Subject: quad.BNode(bnode), Predicate: pred, Object: quad.TypedString{Value: quad.String(lit), Type: quad.IRI(iri)}, Label: label},
			{Subject: subj, Predicate: pred, Object: quad.BNode(bnode), Label: label},
			{Subject: subj, Predicate: pred, Object: quad.String(lit)},
		}
		if bnode == "" {
			in = in[:3]
		}
		var b bytes.Buffer
		w := NewNQuadsWriter(&b)
		if err := w.WriteQuads(in); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if n := strings.Count(out, "\n"); n != len(in) {
			t.Fatalf("%d lines for %d quads:\n%s", n, len(in), out)
		}
		r := nquads.NewReader(strings.NewReader(out), false)
		for i, want := range in {
			got, err := r.ReadQuad()
			if err != nil {
				t.Fatalf("quad %d: %v\n%s", i, err, out)
			}
			for _, d := range quad.Directions {
				w, g := expected(want.Get(d)), got.Get(d)
				if w == nil && g == nil {
					continue
				}
				if w == nil || g == nil || w.String() != g.String() {
					t.Fatalf("quad %d %s: wrote %#v, want %#v back, got %#v\n%s", i, d, want.Get(d), w, g, out)
				}
			}
		}
		if _, err := r.ReadQuad(); err != io.EOF {
			t.Fatalf("after the last quad: %v", err)
		}
	})
}

// expected is the value a reader gets back for v written by NQuadsWriter.
func expected(v quad.Value) quad.Value {
	switch v := v.(type) {
	case nil:
		return nil
	case quad.String:
		return quad.String(validString(string(v)))
	case quad.LangString:
		if !langTag.MatchString(v.Lang) {
			return quad.String(validString(string(v.Value)))
		}
		return quad.LangString{Value: quad.String(validString(string(v.Value))), Lang: v.Lang}
	case quad.IRI:
		return quad.IRI(iriText(string(v.Full())))
	case quad.BNode:
		t := appendBNode(nil, string(v))
		return quad.BNode(t[2:])
	case quad.TypedString:
		typ := v.Type.Full()
		val := validString(string(v.Value))
		if typ == xsdBoolean && (val == "True" || val == "False") {
			val = strings.ToLower(val)
		}
		ts := quad.TypedString{Value: quad.String(val), Type: quad.IRI(iriText(string(typ)))}
		if nquads.AutoConvertTypedString {
			// The reader turns a known datatype into a native value.
			if nv, err := ts.ParseValue(); err == nil {
				return nv
			}
		}
		return ts
	}
	return v
}

// validString is s with each byte that is not UTF-8 replaced by U+FFFD.
func validString(s string) string { return string([]rune(s)) }

// iriText is what the writer puts between < and >: s itself when IRIREF
// allows it, else s with the forbidden characters and invalid bytes
// percent-encoded.
func iriText(s string) string {
	enc := string(appendIRI(nil, s))
	enc = enc[1 : len(enc)-1]
	clean := true
	for _, r := range s {
		if r == '\uFFFD' || r <= ' ' || r == 0x7f || strings.ContainsRune("<>\"{}|^`\\", r) {
			clean = false
		}
	}
	if clean && enc != s {
		panic("a clean IRI was rewritten: " + s)
	}
	return enc
}

// watchdog fails a fuzz run that takes longer than d (the fuzzer has no
// timeout of its own), so that a hang is reported with its input instead
// of stalling the fuzzer. Call it as defer watchdog(t, d)().
func watchdog(t *testing.T, d time.Duration) func() {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(d):
			panic(fmt.Sprintf("%s: still running after %v: a hang", t.Name(), d))
		}
	}()
	return func() { close(done) }
}
