package extract

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/schema"
)

// maxFuzzText bounds the text of one fuzz run: articles are a few
// kilobytes, and the extractor's cost grows with the text.
const maxFuzzText = 64 << 10

// FuzzExtract runs the whole extractor on arbitrary text. It must not panic
// or hang, must give the same quads for the same article, and every quad
// must be one the store takes and an N-Quads parser reads back: subject an
// absolute IRI, predicate an IRI, label the article's IRI, every value
// valid UTF-8. The text is made valid UTF-8 first, as the readers do (they
// refuse other input); the raw text must not panic either. The seed corpus
// is in testdata/fuzz/FuzzExtract.
func FuzzExtract(f *testing.F) {
	f.Add("Chinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken in Beijing on Monday.", "Wang meets Blinken", "https://news.example/1", int64(1687219200))
	f.Add("BRUSSELS (Reuters) - The European Union imposed sanctions on Russia on Friday.\n\n\"We will not stop,\" said Ursula von der Leyen.", "", "", int64(0))
	f.Add("Mr. Xi said talks \"could\" happen next month, but Beijing denied a visit was planned.", "", "urn:x", int64(-1))
	// The bundled examples: whole articles, written for dkg.
	examples, _ := filepath.Glob("../examples/*.txt")
	for _, p := range examples {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data), "", "", int64(1700000000))
	}
	f.Fuzz(func(t *testing.T, text, title, rawURL string, unix int64) {
		if len(text) > maxFuzzText || len(title) > 1<<10 || len(rawURL) > 1<<10 {
			t.Skip("input over the bound")
		}
		defer watchdog(t, 20*time.Second)()
		pub := time.Unix(unix%(400*365*86400), 0).UTC()
		if unix == 0 {
			pub = time.Time{}
		}
		if !utf8.ValidString(text) || !utf8.ValidString(title) || !utf8.ValidString(rawURL) {
			// Raw bytes: no panic is all that is asked.
			_, _ = Extract(Article{Text: text, Title: title, URL: rawURL, Published: pub})
		}
		a := Article{
			Text:      strings.ToValidUTF8(text, "\uFFFD"),
			Title:     strings.ToValidUTF8(title, "\uFFFD"),
			Published: pub,
			Location:  "fuzz.txt",
		}
		if u := strings.TrimSpace(rawURL); absoluteURL(u) && utf8.ValidString(u) {
			a.URL = u
		}
		res, err := Extract(a)
		if strings.TrimSpace(a.Text) == "" {
			if err == nil {
				t.Fatal("no error for an empty text")
			}
			return
		}
		if err != nil {
			t.Fatalf("extract: %v", err)
		}
		if res.Article != a.IRI() {
			t.Fatalf("result for %s, want %s", res.Article, a.IRI())
		}
		if len(res.Quads) == 0 {
			t.Fatal("no quads (not even the article node)")
		}
		for _, q := range res.Quads {
			checkQuad(t, res.Article, q)
		}
		again, err := Extract(a)
		if err != nil || !slices.Equal(quadText(again.Quads), quadText(res.Quads)) {
			t.Fatalf("a second extraction differs (%v)", err)
		}
		var b bytes.Buffer
		w := graph.NewNQuadsWriter(&b)
		if err := w.WriteQuads(res.Quads); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		r := nquads.NewReader(&b, false)
		for i, want := range res.Quads {
			got, err := r.ReadQuad()
			if err != nil {
				t.Fatalf("quad %d (%s) does not parse back: %v", i, want, err)
			}
			if got.Label != res.Article || got.Predicate != want.Predicate {
				t.Fatalf("quad %d: wrote %s, read %s", i, want, got)
			}
		}
		if _, err := r.ReadQuad(); err != io.EOF {
			t.Fatalf("after the last quad: %v", err)
		}
	})
}

// checkQuad checks one quad of article's result.
func checkQuad(t *testing.T, article quad.IRI, q quad.Quad) {
	t.Helper()
	s, ok := q.Subject.(quad.IRI)
	if !ok || !absoluteIRI(string(s)) {
		t.Fatalf("%s: subject is not an absolute IRI", q)
	}
	p, ok := q.Predicate.(quad.IRI)
	if !ok || !absoluteIRI(string(p)) {
		t.Fatalf("%s: predicate is not an absolute IRI", q)
	}
	if q.Label != article {
		t.Fatalf("%s: label is not the article %s", q, article)
	}
	switch o := q.Object.(type) {
	case quad.IRI:
		if !absoluteIRI(string(o)) {
			t.Fatalf("%s: object is not an absolute IRI", q)
		}
	case nil:
		t.Fatalf("%s: no object", q)
	case quad.String, quad.LangString, quad.TypedString, quad.Int, quad.Bool, quad.Float, quad.Time:
	default:
		t.Fatalf("%s: object of type %T", q, o)
	}
	if ts, ok := q.Object.(quad.TypedString); ok {
		switch ts.Type {
		case schema.XSDDate, schema.XSDGYearMonth, schema.XSDGYear:
			if !isDate(string(ts.Value)) {
				t.Fatalf("%s: not a date", q)
			}
		}
	}
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		if !utf8.ValidString(v.String()) {
			t.Fatalf("%q is not valid UTF-8", v.String())
		}
	}
	if str, ok := q.Object.(quad.String); ok && strings.TrimSpace(string(str)) == "" && string(str) != "" {
		t.Fatalf("%s: a literal of blanks", q)
	}
}

// absoluteIRI says whether s is an IRI with a scheme and none of the
// characters N-Quads forbids in an IRIREF.
func absoluteIRI(s string) bool {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool {
		return r <= ' ' || r == 0x7f || strings.ContainsRune("<>\"{}|^`\\", r)
	}) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != ""
}

func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "") && !strings.ContainsAny(s, " \t\n")
}

// isDate says whether s is a date at the precision of a year, a month or a
// day.
func isDate(s string) bool {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

func quadText(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.String()
	}
	return out
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
