package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/schema"
)

// These tests drive ingest, reindex, remove, merge and alias in-process
// and check the graph through dkg export.

// loadRun runs dkg and fails the test unless it exits 0; it returns stdout.
func loadRun(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(append([]string{"dkg"}, args...), strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("dkg %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out.String(), errb.String())
	}
	return out.String()
}

// exported returns the store's export, as text and as quads.
func exported(t *testing.T, db string) (string, []quad.Quad) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "out.nq")
	loadRun(t, "--db", db, "export", "-o", f)
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := quad.ReadAll(nquads.NewReader(bytes.NewReader(b), false))
	if err != nil {
		t.Fatalf("read back the export: %v", err)
	}
	return string(b), qs
}

// sortedLines is an export as a set: the order of an export is the order
// quads were written, which a replace changes.
func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func examples(t *testing.T, names ...string) []string {
	t.Helper()
	var out []string
	for _, n := range names {
		p := filepath.Join("..", "..", "examples", n+".txt")
		if _, err := os.Stat(p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

const (
	kazan    = "modi-xi-kazan-2024-10"
	tianjin  = "modi-xi-tianjin-2025-09"
	woodside = "biden-xi-woodside-2023-11"
	filoli   = "xi-biden-filoli-2023-11"
)

var ananyaRao = schema.PersonIRI("Ananya Rao")

// saidBy returns the speakers of the statements in article whose text has
// words.
func saidBy(qs []quad.Quad, article quad.IRI, words string) []quad.IRI {
	texts := map[quad.Value]string{}
	for _, q := range qs {
		if q.Label == article && q.Predicate == schema.Text {
			texts[q.Subject] = q.Object.String()
		}
	}
	var out []quad.IRI
	for _, q := range qs {
		if q.Label == article && q.Predicate == schema.Said && strings.Contains(texts[q.Object], words) {
			out = append(out, q.Subject.(quad.IRI))
		}
	}
	return out
}

func articleIRI(t *testing.T, qs []quad.Quad, titleWords string) quad.IRI {
	t.Helper()
	for _, q := range qs {
		if q.Predicate == schema.Headline && strings.Contains(q.Object.String(), titleWords) {
			return q.Subject.(quad.IRI)
		}
	}
	t.Fatalf("no article with a headline containing %q", titleWords)
	return ""
}

// The Tianjin article only says "Rao of HPI" and "Rao said"; the Kazan
// article introduces Ananya Rao. Loaded together, in either order, Rao's
// quote in the Tianjin article is Ananya Rao's.
func TestIngestResolvesPeopleAcrossArticles(t *testing.T) {
	for _, order := range [][]string{{kazan, tianjin}, {tianjin, kazan}} {
		t.Run(strings.Join(order, "+"), func(t *testing.T) {
			db := t.TempDir()
			loadRun(t, append([]string{"--db", db, "ingest"}, examples(t, order...)...)...)
			_, qs := exported(t, db)
			tj := articleIRI(t, qs, "Modi's China trip")
			got := saidBy(qs, tj, "India has not forgotten the border")
			if len(got) != 1 || got[0] != ananyaRao {
				t.Errorf("Rao's quote in the Tianjin article is said by %v, want %v", got, ananyaRao)
			}
		})
	}
}

// Loading all of examples/ twice changes nothing: the second run reports
// every article unchanged and the export is byte for byte the same.
// Reindex, with the same rules, leaves the export as it is too, and the
// order of the inputs does not change the graph.
func TestIngestExamples(t *testing.T) {
	db := t.TempDir()
	loadRun(t, "--db", db, "ingest", "../../examples")
	first, _ := exported(t, db)

	t.Run("twice", func(t *testing.T) {
		out := loadRun(t, "--db", db, "ingest", "../../examples")
		if second, _ := exported(t, db); first != second {
			t.Errorf("the export changed after loading the same articles again")
		}
		if !strings.Contains(out, "total: 11 articles read, 0 new, 0 replaced, 11 unchanged, 0 duplicates, 0 failed; 0 facts written") {
			t.Errorf("second run:\n%s", out)
		}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if !strings.HasPrefix(line, "unchanged ") && !strings.HasPrefix(line, "total: ") {
				t.Errorf("second run: %q, want every article unchanged", line)
			}
		}
	})

	t.Run("reindex", func(t *testing.T) {
		out := loadRun(t, "--db", db, "reindex")
		if !strings.Contains(out, "11 unchanged") {
			t.Errorf("reindex with the same rules changed articles:\n%s", out)
		}
		if got, _ := exported(t, db); got != first {
			t.Errorf("export after reindex differs from a fresh ingest's")
		}
	})

	t.Run("reverse order", func(t *testing.T) {
		paths, err := filepath.Glob("../../examples/*.txt")
		if err != nil {
			t.Fatal(err)
		}
		slices.Reverse(paths)
		rev := t.TempDir()
		loadRun(t, append([]string{"--db", rev, "ingest"}, paths...)...)
		if reversed, _ := exported(t, rev); sortedLines(reversed) != sortedLines(first) {
			t.Errorf("loading the examples in reverse order gives another graph")
		}
	})
}

// Tianjin alone cannot know who Rao is; after Kazan is loaded, reindex
// gives the graph that loading both at once gives.
func TestReindexEqualsFreshIngest(t *testing.T) {
	both := t.TempDir()
	loadRun(t, append([]string{"--db", both, "ingest"}, examples(t, tianjin, kazan)...)...)
	want, _ := exported(t, both)
	split := t.TempDir()
	loadRun(t, append([]string{"--db", split, "ingest"}, examples(t, tianjin)...)...)
	loadRun(t, append([]string{"--db", split, "ingest"}, examples(t, kazan)...)...)
	before, _ := exported(t, split)
	if sortedLines(before) == sortedLines(want) {
		t.Fatalf("loading Tianjin before Kazan already gives the joint graph: the test shows nothing")
	}
	out := loadRun(t, "--db", split, "reindex")
	if !strings.Contains(out, "1 replaced") {
		t.Errorf("reindex:\n%s", out)
	}
	got, qs := exported(t, split)
	if sortedLines(got) != sortedLines(want) {
		t.Errorf("reindex after loading one by one differs from loading both at once")
	}
	tj := articleIRI(t, qs, "Modi's China trip")
	if s := saidBy(qs, tj, "India has not forgotten the border"); len(s) != 1 || s[0] != ananyaRao {
		t.Errorf("after reindex the quote is said by %v", s)
	}
}

// The Biden-Xi meeting of 2023-11-15 told by two articles is one node with
// both as sources; so is their 2022 Bali meeting, dated "2022-11" by one
// and "2022" by the other.
func TestEventsOfSeveralArticles(t *testing.T) {
	db := t.TempDir()
	loadRun(t, append([]string{"--db", db, "ingest"}, examples(t, woodside, filoli)...)...)
	_, qs := exported(t, db)
	biden, xi := schema.PersonIRI("Joe Biden"), schema.PersonIRI("Xi Jinping")
	type node struct {
		participants map[quad.IRI]bool
		dates        map[string]bool
		evidence     map[quad.Value]bool
	}
	meetings := map[quad.Value]*node{}
	for _, q := range qs {
		if q.Predicate == schema.Type && q.Object == schema.Meeting {
			meetings[q.Subject] = &node{map[quad.IRI]bool{}, map[string]bool{}, map[quad.Value]bool{}}
		}
	}
	for _, q := range qs {
		n := meetings[q.Subject]
		if n == nil {
			continue
		}
		switch q.Predicate {
		case schema.Participant:
			n.participants[q.Object.(quad.IRI)] = true
		case schema.StartDate:
			if ts, ok := q.Object.(quad.TypedString); ok {
				n.dates[string(ts.Value)] = true
			}
		case schema.Evidence:
			n.evidence[q.Label] = true
		}
	}
	find := func(date string) []quad.Value {
		var out []quad.Value
		for id, n := range meetings {
			if n.participants[biden] && n.participants[xi] && len(n.participants) == 2 && n.dates[date] {
				out = append(out, id)
			}
		}
		return out
	}
	for _, date := range []string{"2023-11-15", "2022-11"} {
		ids := find(date)
		if len(ids) != 1 {
			t.Errorf("%d Biden-Xi meetings dated %s, want 1", len(ids), date)
			continue
		}
		if n := meetings[ids[0]]; len(n.evidence) != 2 {
			t.Errorf("the Biden-Xi meeting of %s has evidence from %d articles, want 2 (dates %v)", date, len(n.evidence), n.dates)
		}
	}
	if ids := find("2022"); len(ids) != 1 || !meetings[ids[0]].dates["2022-11"] {
		t.Errorf("the Bali meeting dated 2022 is not the one dated 2022-11: %v", ids)
	}
}

// Remove takes one article's graph out; what another article also says
// stays. The text stays too, and reindex does not bring the article back.
func TestRemove(t *testing.T) {
	db := t.TempDir()
	loadRun(t, append([]string{"--db", db, "ingest"}, examples(t, woodside, filoli)...)...)
	_, qs := exported(t, db)
	wd := articleIRI(t, qs, "Biden and Xi agree")
	fl := articleIRI(t, qs, "Xi Jinping holds talks with Joe Biden")
	meeting := schema.EventIRI(schema.Meeting, []quad.IRI{schema.PersonIRI("Joe Biden"), schema.PersonIRI("Xi Jinping")}, "2023-11-15", schema.Occurred)

	id := strings.TrimPrefix(string(wd), schema.ID+"article/")
	out := loadRun(t, "--db", db, "remove", id)
	if !strings.Contains(out, "removed") {
		t.Errorf("remove: %s", out)
	}
	check := func(when string) {
		t.Helper()
		_, qs := exported(t, db)
		var fromFiloli bool
		for _, q := range qs {
			if q.Label == wd {
				t.Fatalf("%s: the removed article still has quads: %v", when, q)
			}
			if q.Label == fl && q.Subject == meeting {
				fromFiloli = true
			}
		}
		if !fromFiloli {
			t.Errorf("%s: the meeting lost the other article's quads", when)
		}
	}
	check("after remove")
	loadRun(t, "--db", db, "reindex")
	check("after reindex")

	texts, err := graph.OpenTexts(db)
	if err != nil {
		t.Fatal(err)
	}
	e, err := texts.Entry(wd)
	if err == nil && e != nil {
		_, err = texts.ReadText(e.Hash)
	}
	texts.Close()
	if err != nil || e == nil || !e.Removed {
		t.Errorf("the removed article's text: entry %+v, %v", e, err)
	}

	out = loadRun(t, append([]string{"--db", db, "ingest"}, examples(t, woodside)...)...)
	if !strings.HasPrefix(out, "added") {
		t.Errorf("ingest after remove: %s", out)
	}
}

// kenya writes small articles that name people in several ways.
func kenya(t *testing.T) (a, b, c, d string) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a = write("a.txt", `---
title: Kenya and Ethiopia reopen border talks
published: 2024-03-12
url: https://example.org/kenya-ethiopia-talks
---
Kenyan Foreign Minister Amina Wanjiru met Ethiopian Foreign Minister Tesfaye Bekele in Geneva on Tuesday.
"We have chosen to talk rather than to accuse each other," Wanjiru said after the talks.
`)
	b = write("b.txt", `---
title: Border maps to be compared next month
published: 2024-03-15
url: https://example.org/kenya-maps
---
Kenyan Foreign Minister Amina Wanjiru-Odhiambo met Ethiopian Foreign Minister Tesfaye Bekele in Nairobi on Friday.
"The maps will settle this," Wanjiru-Odhiambo said.
`)
	c = write("c.txt", `---
title: Kenya names border survey team
published: 2024-03-20
url: https://example.org/kenya-survey
---
Kenyan Foreign Minister Amina Wanjiru-Odhiambo said on Wednesday that a survey team would leave for the border next week.
`)
	d = write("d.txt", `---
title: Ethiopia to study the maps
published: 2024-03-18
url: https://example.org/ethiopia-maps
---
"We will study the maps carefully," Ato Tesfaye said on Monday.
`)
	return a, b, c, d
}

func mentions(qs []quad.Quad, iri quad.IRI) int {
	n := 0
	for _, q := range qs {
		if q.Subject == iri || q.Object == iri {
			n++
		}
	}
	return n
}

func hasQuad(qs []quad.Quad, s quad.IRI, p quad.IRI, o quad.Value) bool {
	for _, q := range qs {
		if q.Subject == s && q.Predicate == p && q.Object == o {
			return true
		}
	}
	return false
}

// Merge makes two nodes one, alias gives a node another name; both survive
// reindex and apply to later ingests.
func TestMergeAndAlias(t *testing.T) {
	a, b, c, d := kenya(t)
	db := t.TempDir()
	loadRun(t, "--db", db, "ingest", a, b, d)
	amina, odhiambo := schema.PersonIRI("Amina Wanjiru"), schema.PersonIRI("Amina Wanjiru-Odhiambo")
	bekele := schema.PersonIRI("Tesfaye Bekele")
	_, qs := exported(t, db)
	if mentions(qs, odhiambo) == 0 {
		t.Fatalf("the fixture does not make two nodes")
	}

	out := loadRun(t, "--db", db, "merge", "Amina Wanjiru", "Amina Wanjiru-Odhiambo")
	if !strings.Contains(out, "1 article graphs rewritten") {
		t.Errorf("merge: %s", out)
	}
	// The alias also reaches the node an article made for the name alone.
	out = loadRun(t, "--db", db, "alias", "add", "Tesfaye Bekele", "Ato Tesfaye")
	if !strings.Contains(out, "1 article graphs rewritten") {
		t.Errorf("alias add: %s", out)
	}

	check := func(when string) string {
		t.Helper()
		text, qs := exported(t, db)
		if n := mentions(qs, odhiambo); n != 0 {
			t.Errorf("%s: %d quads still name the merged node", when, n)
		}
		if !hasQuad(qs, amina, schema.AlternateName, quad.String("Amina Wanjiru-Odhiambo")) {
			t.Errorf("%s: the merged node's name is not an alternate name", when)
		}
		bArt := articleIRI(t, qs, "Border maps")
		if s := saidBy(qs, bArt, "The maps will settle this"); len(s) != 1 || s[0] != amina {
			t.Errorf("%s: the quote is said by %v", when, s)
		}
		if !hasQuad(qs, schema.EventIRI(schema.Meeting, []quad.IRI{amina, bekele}, "2024-03-15", schema.Occurred), schema.Participant, amina) {
			t.Errorf("%s: the Nairobi meeting has not the IRI it would have had", when)
		}
		if !hasQuad(qs, bekele, schema.NameKey, quad.String("ato tesfaye")) {
			t.Errorf("%s: the alias is not a name key", when)
		}
		if s := saidBy(qs, articleIRI(t, qs, "study the maps"), "study the maps carefully"); len(s) != 1 || s[0] != bekele {
			t.Errorf("%s: the quote by the alias is said by %v", when, s)
		}
		if !hasQuad(qs, amina, schema.Met, bekele) || hasQuad(qs, amina, schema.Met, amina) {
			t.Errorf("%s: met edges are wrong", when)
		}
		return text
	}
	before := check("after merge")
	loadRun(t, "--db", db, "reindex")
	after := check("after reindex")
	if sortedLines(before) != sortedLines(after) {
		t.Errorf("reindex changed the merged graph")
	}
	out = loadRun(t, "--db", db, "alias", "list")
	if !strings.Contains(out, "merge") || !strings.Contains(out, `"Ato Tesfaye"`) {
		t.Errorf("alias list: %s", out)
	}

	// A later article that names the merged node reaches the other.
	loadRun(t, "--db", db, "ingest", c)
	_, qs = exported(t, db)
	if n := mentions(qs, odhiambo); n != 0 {
		t.Errorf("a later ingest brought the merged node back (%d quads)", n)
	}
	cArt := articleIRI(t, qs, "survey team")
	found := false
	for _, q := range qs {
		if q.Label == cArt && q.Subject == amina {
			found = true
		}
	}
	if !found {
		t.Errorf("the later article says nothing about %s", amina)
	}

	// Errors: an unknown name, a node merged with itself.
	var o, e bytes.Buffer
	if code := run([]string{"dkg", "--db", db, "merge", "Amina Wanjiru", "Nobody Here"}, nil, &o, &e); code == 0 || !strings.Contains(e.String(), `no entity named "Nobody Here"`) {
		t.Errorf("merge with an unknown name: exit %d, %s", code, e.String())
	}
}

func wire(t *testing.T, name string) string {
	p := filepath.Join("..", "..", "extract", "dedup", "testdata", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// A syndicated copy (edited, or cut short) is recorded as a duplicate of
// the original, without facts of its own; a full story that comes after
// its truncated copy becomes the original.
func TestDuplicates(t *testing.T) {
	ingest := func(db, file, url string) string {
		return loadRun(t, "--db", db, "ingest", "--published", "2024-03-12", "--source", "Wire", "--title", "Kenya and Ethiopia to reopen border talks", "--url", url, wire(t, file))
	}
	db := t.TempDir()
	ingest(db, "wire.txt", "https://wire.example/story")
	out := ingest(db, "edited.txt", "https://paper.example/kenya")
	if !strings.HasPrefix(out, "duplicate") || !strings.Contains(out, "1 duplicates") {
		t.Errorf("edited copy: %s", out)
	}
	out = ingest(db, "truncated.txt", "https://other.example/kenya")
	if !strings.HasPrefix(out, "duplicate") {
		t.Errorf("truncated copy: %s", out)
	}
	ingest(db, "other.txt", "https://third.example/herders")
	_, qs := exported(t, db)
	orig := schema.ArticleIRI("https://wire.example/story")
	for _, u := range []string{"https://paper.example/kenya", "https://other.example/kenya"} {
		copyIRI := schema.ArticleIRI(u)
		n := 0
		for _, q := range qs {
			if q.Label == copyIRI {
				n++
				if q.Subject != copyIRI {
					t.Errorf("the copy %s holds a fact: %v", u, q)
				}
			}
		}
		if !hasQuad(qs, copyIRI, schema.DuplicateOf, orig) || n != 6 {
			t.Errorf("the copy %s: %d quads, duplicateOf the original: %v", u, n, hasQuad(qs, copyIRI, schema.DuplicateOf, orig))
		}
	}
	if hasQuad(qs, schema.ArticleIRI("https://third.example/herders"), schema.DuplicateOf, orig) {
		t.Errorf("another story on the same topic counts as a copy")
	}
	// Loading the copy again changes nothing.
	if out := ingest(db, "edited.txt", "https://paper.example/kenya"); !strings.HasPrefix(out, "unchanged") {
		t.Errorf("the copy again: %s", out)
	}

	// Truncated copy first, then the full story, in two runs or in one:
	// the full story is the original either way.
	for _, oneRun := range []bool{false, true} {
		t.Run(fmt.Sprintf("one run %v", oneRun), func(t *testing.T) {
			db := t.TempDir()
			if oneRun {
				loadRun(t, "--db", db, "ingest", wire(t, "truncated.txt"), wire(t, "wire.txt"))
			} else {
				loadRun(t, "--db", db, "ingest", wire(t, "truncated.txt"))
				out := loadRun(t, "--db", db, "ingest", wire(t, "wire.txt"))
				if !strings.Contains(out, "now a copy of") {
					t.Errorf("the stored truncated copy was not turned into a duplicate: %s", out)
				}
			}
			_, qs := exported(t, db)
			var trunc, full quad.IRI
			for _, q := range qs {
				if q.Predicate == schema.URL && strings.HasSuffix(q.Object.String(), "truncated.txt\"") {
					trunc = q.Subject.(quad.IRI)
				}
				if q.Predicate == schema.URL && strings.HasSuffix(q.Object.String(), "wire.txt\"") {
					full = q.Subject.(quad.IRI)
				}
			}
			if trunc == "" || full == "" || !hasQuad(qs, trunc, schema.DuplicateOf, full) {
				t.Errorf("truncated %s is not a duplicate of %s", trunc, full)
			}
			for _, q := range qs {
				if q.Label == trunc && q.Subject != trunc {
					t.Errorf("the truncated copy holds a fact: %v", q)
					break
				}
			}
		})
	}
}

// Ingest fetches a page and a feed from a web server.
func TestIngestFromHTTP(t *testing.T) {
	page := `<!doctype html><html><head><title>Kenya and Ethiopia reopen talks</title>
<meta property="article:published_time" content="2024-03-12T09:00:00Z">
<link rel="canonical" href="https://news.example/kenya-ethiopia"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Kenya and Ethiopia reopen talks</h1>
<p>Kenyan Foreign Minister Amina Wanjiru met Ethiopian Foreign Minister Tesfaye Bekele in Geneva on Tuesday, ending a six-month pause in talks over their shared border.</p>
<p>"We have chosen to talk rather than to accuse each other in public," Wanjiru told reporters after the session, adding that technical teams would meet within a month.</p>
<p>Bekele said the two governments had also agreed to set up a hotline between their border commanders.</p>
</article><footer>Copyright News Example</footer></body></html>`
	feed := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World Wire</title><link>https://wire.example/</link>
<item><title>Japan and South Korea leaders meet in Tokyo</title><link>https://wire.example/japan-korea</link>
<pubDate>Tue, 12 Mar 2024 08:00:00 GMT</pubDate>
<description>Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo on Monday. "We agreed to open a new chapter," Kishida said after the talks.</description></item>
<item><title>Brazil and China sign trade pact</title><link>https://wire.example/brazil-china</link>
<pubDate>Wed, 13 Mar 2024 08:00:00 GMT</pubDate>
<description>Brazilian President Luiz Inacio Lula da Silva met Chinese President Xi Jinping in Beijing on Tuesday and signed a trade agreement.</description></item>
</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/kenya.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, feed)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("server at %s", srv.URL)
	}
	db := t.TempDir()
	out := loadRun(t, "--db", db, "ingest", srv.URL+"/kenya.html", srv.URL+"/feed.xml")
	if !strings.Contains(out, "total: 3 articles read, 3 new") {
		t.Errorf("ingest over HTTP:\n%s", out)
	}
	_, qs := exported(t, db)
	for _, u := range []string{"https://news.example/kenya-ethiopia", "https://wire.example/japan-korea", "https://wire.example/brazil-china"} {
		if !hasQuad(qs, schema.ArticleIRI(u), schema.Type, schema.NewsArticle) {
			t.Errorf("no article %s", u)
		}
	}
	if !hasQuad(qs, schema.PersonIRI("Amina Wanjiru"), schema.Met, schema.PersonIRI("Tesfaye Bekele")) {
		t.Errorf("the page's meeting is missing")
	}
	if !hasQuad(qs, schema.PersonIRI("Fumio Kishida"), schema.Met, schema.PersonIRI("Yoon Suk Yeol")) {
		t.Errorf("the feed's meeting is missing")
	}
	// The texts are kept: reindex reads them back without the server.
	srv.Close()
	if out := loadRun(t, "--db", db, "reindex"); !strings.Contains(out, "3 unchanged") {
		t.Errorf("reindex:\n%s", out)
	}
}
