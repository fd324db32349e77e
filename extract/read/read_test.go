package read

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dkg/dkg/extract"
)

// collect runs a sequence to the end.
func collect(t *testing.T, paths []string, opt Options) []Item {
	t.Helper()
	var items []Item
	for it := range All(t.Context(), paths, opt) {
		items = append(items, it)
	}
	return items
}

// one reads a single-article input and wants exactly one item.
func one(t *testing.T, path string, opt Options) Item {
	t.Helper()
	var items []Item
	for it := range File(t.Context(), path, opt) {
		items = append(items, it)
	}
	if len(items) != 1 {
		t.Fatalf("File(%q): got %d items, want 1: %v", path, len(items), describe(items))
	}
	return items[0]
}

func describe(items []Item) []string {
	var s []string
	for _, it := range items {
		if it.Err != nil {
			s = append(s, "error "+it.Err.Error())
		} else {
			s = append(s, fmt.Sprintf("article %s %q", it.Article.Location, it.Article.Title))
		}
	}
	return s
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// checkArticle compares every field but Text, then Text.
func checkArticle(t *testing.T, got, want extract.Article) {
	t.Helper()
	if got.URL != want.URL {
		t.Errorf("URL: got %q, want %q", got.URL, want.URL)
	}
	if got.Location != want.Location {
		t.Errorf("Location: got %q, want %q", got.Location, want.Location)
	}
	if got.Title != want.Title {
		t.Errorf("Title: got %q, want %q", got.Title, want.Title)
	}
	if got.Source != want.Source {
		t.Errorf("Source: got %q, want %q", got.Source, want.Source)
	}
	if !got.Published.Equal(want.Published) || got.Published.Format(time.RFC3339) != want.Published.Format(time.RFC3339) {
		t.Errorf("Published: got %v, want %v", got.Published, want.Published)
	}
	if want.Text != "" && got.Text != want.Text {
		t.Errorf("Text:\ngot  %q\nwant %q", got.Text, want.Text)
	}
}

// checkErr wants an error whose text is want and whose hint holds hint.
func checkErr(t *testing.T, it Item, want, hint string) {
	t.Helper()
	if it.Err == nil {
		t.Fatalf("got article %q, want error %q", it.Article.Text, want)
	}
	if got := it.Err.Error(); got != want {
		t.Errorf("error: got %q, want %q", got, want)
	}
	if !strings.Contains(it.Err.Hint, hint) {
		t.Errorf("hint: got %q, want it to hold %q", it.Err.Hint, hint)
	}
	if it.Article != (extract.Article{}) {
		t.Errorf("an error item carries an article: %+v", it.Article)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		path      string
		want      extract.Article
		err, hint string
	}{
		{path: "testdata/plain.txt", want: extract.Article{
			Location: "testdata/plain.txt",
			Text: "Vietnam and the United States upgrade relations\n" +
				"HANOI — Vietnam and the United States raised their relationship to a comprehensive strategic partnership on Sunday, the highest level in Hanoi's diplomatic ranking, during a visit by the American president.\n" +
				"The two governments also agreed to cooperate on semiconductors and critical minerals, according to a joint statement released after the talks in the Vietnamese capital.",
		}},
		{path: "testdata/front.md", want: extract.Article{
			Location:  "testdata/front.md",
			URL:       "https://example.org/2023/06/19/blinken-xi",
			Title:     "Blinken meets Xi in Beijing",
			Source:    "Example Wire",
			Published: date("2023-06-19T00:00:00Z"),
			Text: "BEIJING — U.S. Secretary of State Antony Blinken met Chinese President Xi Jinping in Beijing on Monday, at the end of a two-day visit meant to steady relations between the two powers.\n" +
				"Both sides said they had agreed to keep talking, though no breakthrough was announced on military communication channels.",
		}},
		{path: "testdata/wrapped.txt", want: extract.Article{
			Location: "testdata/wrapped.txt",
			Text: "India and Bangladesh agree on river water talks\n" +
				"DHAKA -- India and Bangladesh agreed on Thursday to resume talks on sharing the waters of the Teesta river, the Bangladeshi foreign ministry said after a meeting of the joint rivers commission.\n" +
				"The last round of talks on the river broke down more than a decade ago.",
		}},
		{path: "testdata/badkey.txt", err: `testdata/badkey.txt: front matter line 3: unknown key "auhtor"`, hint: "known keys: title, published, url, source"},
		{path: "testdata/binary.txt", err: "testdata/binary.txt: looks like a binary file, not an article", hint: "give a text"},
		{path: "testdata/empty.txt", err: "testdata/empty.txt: empty article", hint: "the file has no text; check the path"},
		{path: "testdata/blank.txt", err: "testdata/blank.txt: empty article", hint: "the file has no text"},
		{path: "testdata/latin1.txt", err: "testdata/latin1.txt: not valid UTF-8 text (byte offset 86)", hint: "iconv -f WINDOWS-1252 -t UTF-8 testdata/latin1.txt"},
		{path: "testdata/missing.txt", err: "testdata/missing.txt: no such file", hint: "check the path"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			it := one(t, tt.path, Options{})
			if tt.err != "" {
				checkErr(t, it, tt.err, tt.hint)
				return
			}
			if it.Err != nil {
				t.Fatalf("got error %v, want an article", it.Err)
			}
			checkArticle(t, it.Article, tt.want)
		})
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, in string
		want     extract.Article
		err      string
	}{
		{name: "rfc3339 and quotes", in: "---\r\nTITLE: 'Macron hosts Modi'\r\npublished: 2023-07-14T10:30:00+02:00\r\n# a comment\r\n\r\nOutlet: Paris Desk\r\nauthor: A. Writer\r\n---\r\nParis talks.\r\n",
			want: extract.Article{Title: "Macron hosts Modi", Source: "Paris Desk", Published: date("2023-07-14T10:30:00+02:00"), Text: "Paris talks."}},
		{name: "aliases", in: "---\nheadline: Summit opens\ndate: June 20, 2023\n---\nLeaders met.",
			want: extract.Article{Title: "Summit opens", Published: date("2023-06-20T00:00:00Z"), Text: "Leaders met."}},
		{name: "empty value", in: "---\ntitle:\nurl: \n---\nText.", want: extract.Article{Text: "Text."}},
		{name: "no front matter", in: "title: not front matter\n---\nText.", want: extract.Article{Text: "title: not front matter\n---\nText."}},
		{name: "dashes with spaces", in: "---  \ntitle: T\n---\t\nText.", want: extract.Article{Title: "T", Text: "Text."}},
		{name: "front matter only", in: "---\ntitle: T\n---\n", want: extract.Article{Title: "T"}},
		{name: "unknown key", in: "---\ntitle: T\nauhtor: X\n---\nText.", err: `front matter line 3: unknown key "auhtor"`},
		{name: "duplicate", in: "---\ntitle: A\ntitle: B\n---\nText.", err: "front matter line 3: title given twice (first on line 2)"},
		{name: "alias duplicate", in: "---\ndate: 2023-01-01\npublished: 2023-01-02\n---\nText.", err: "front matter line 3: published given twice (first on line 2)"},
		{name: "no colon", in: "---\ntitle T\n---\nText.", err: `front matter line 2: want "key: value", got "title T"`},
		{name: "unclosed", in: "---\ntitle: T\nText.", err: `front matter line 1: no closing "---" line`},
		{name: "bad date", in: "---\npublished: last Tuesday\n---\nText.", err: `front matter line 2: cannot read the date "last Tuesday"`},
		{name: "bad url", in: "---\nurl: example.org/a\n---\nText.", err: `front matter line 2: url "example.org/a" is not an absolute URL`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseText("f.txt", tt.in)
			if tt.err != "" {
				if err == nil {
					t.Fatalf("got %+v, want error %q", got, tt.err)
				}
				if err.Msg != tt.err || err.Where != "f.txt" {
					t.Errorf("got %q at %q, want %q at f.txt", err.Msg, err.Where, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if got.Text != tt.want.Text {
				t.Errorf("Text: got %q, want %q", got.Text, tt.want.Text)
			}
			checkArticle(t, got, tt.want)
		})
	}
}

const pageText = "JAKARTA — Indonesia and Australia agreed on Tuesday to double the number of joint naval patrols in the Timor and Arafura seas, their foreign ministers said after a day of talks in the Indonesian capital.\n" +
	"The two governments will also open a shared coordination centre in Kupang before the end of the year, to track illegal fishing boats and people-smuggling vessels that cross the maritime border between the neighbours.\n" +
	"“Our waters are a shared responsibility, and today we have turned that principle into a plan,” Indonesia’s foreign minister told a joint news conference, standing beside her Australian counterpart.\n" +
	"The Australian minister said Canberra would fund two additional patrol vessels for the Indonesian coast guard and train their crews at a base in Darwin, in a package worth about 90 million Australian dollars.\n" +
	"Relations between the two countries have swung between cooperation and mistrust over the past two decades, strained at times by disputes over asylum seekers and by surveillance revelations in 2013.\n" +
	"Officials from both sides said the agreement would be reviewed at the annual leaders’ meeting, which Indonesia is due to host in Bali in the second half of the year, and that a formal treaty on maritime cooperation could follow.\n" +
	"Analysts in Jakarta said the deal reflected a shared concern about rising tensions in the South China Sea, even though neither minister mentioned China by name during the news conference."

const pageURL = "https://harbourpost.example/world/asia/indonesia-australia-patrols"

func TestHTML(t *testing.T) {
	t.Run("news page", func(t *testing.T) {
		it := one(t, "testdata/page.html", Options{})
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		checkArticle(t, it.Article, extract.Article{
			Location:  "testdata/page.html",
			URL:       pageURL,
			Title:     "Indonesia and Australia agree to expand joint maritime patrols",
			Source:    "Harbour Post",
			Published: date("2024-02-13T09:30:00+07:00"),
			Text:      pageText,
		})
		for _, junk := range []string{"Log in", "Subscribe", "World\n", "Advertisement", "speak to reporters", "Asia Briefing",
			"Sign up", "Read more", "Share", "Copy link", "Most popular", "Cricket", "All rights reserved", "Privacy", "By Dewi"} {
			if strings.Contains(it.Article.Text, junk) {
				t.Errorf("text holds boilerplate %q", junk)
			}
		}
	})
	t.Run("windows-1252", func(t *testing.T) {
		it := one(t, "testdata/cp1252.html", Options{})
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		checkArticle(t, it.Article, extract.Article{
			Location:  "testdata/cp1252.html",
			Title:     "Chile and Peru settle fishing quota dispute",
			Published: date("2023-10-04T00:00:00Z"),
			Text: "LIMA — Chile and Peru signed an agreement on Wednesday that ends a two-year dispute over anchovy quotas in the waters off their shared border, the Peruvian foreign ministry said in a statement.\n" +
				"“This accord shows that neighbours can resolve their differences at the negotiating table,” Peru’s foreign minister said at the signing ceremony, which was attended by the Chilean ambassador.\n" +
				"Under the deal, a joint commission will set the quotas each year and publish its scientists’ data, a step that fishermen’s unions on both sides had demanded since the talks began in 2021.",
		})
	})
	t.Run("no text", func(t *testing.T) {
		page := `<!DOCTYPE html><html><head><title>Loading</title></head><body><nav><a href="/">Home</a></nav><div id="app"></div><script>render()</script></body></html>`
		it := one(t, "-", Options{Stdin: strings.NewReader(page)})
		checkErr(t, it, "-: no article text found in the page", "JavaScript")
	})
	t.Run("utf-8 page that says latin-1", func(t *testing.T) {
		page := `<html><head><meta charset="iso-8859-1"><title>T</title></head><body><article><p>Peru’s minister met Chile’s envoy in Lima on Monday to sign the fishing accord.</p></article></body></html>`
		it := one(t, "-", Options{Stdin: strings.NewReader(page), Format: "html"})
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		if want := "Peru’s minister met Chile’s envoy in Lima on Monday to sign the fishing accord."; it.Article.Text != want {
			t.Errorf("got %q, want %q", it.Article.Text, want)
		}
	})
}

func TestJSONL(t *testing.T) {
	items := collect(t, []string{"testdata/articles.jsonl"}, Options{})
	want := []struct {
		err  string
		want extract.Article
	}{
		{want: extract.Article{Location: "testdata/articles.jsonl", URL: "https://wire.example/2024/01/15/japan-philippines-pact",
			Title: "Japan and the Philippines sign a reciprocal access agreement", Source: "Example Wire", Published: date("2024-01-15T06:00:00Z"),
			Text: "MANILA — Japan and the Philippines signed an agreement on Monday that allows their troops to train on each other's territory.\nThe pact was signed by the two defence ministers in the presence of the Philippine president."}},
		{err: "testdata/articles.jsonl:2: invalid JSON: unexpected end of JSON input"},
		{want: extract.Article{Location: "testdata/articles.jsonl", Title: "Turkey hosts grain talks between Russian and Ukrainian officials",
			Source: "Bosporus Daily", Published: date("2023-07-10T00:00:00Z"),
			Text: "ISTANBUL — Turkish officials hosted Russian and Ukrainian delegations on Monday for talks on reviving grain exports through the Black Sea."}},
		{err: `testdata/articles.jsonl:5: no text (want a "text", "content" or "body" field)`},
		{want: extract.Article{Location: "testdata/articles.jsonl", Title: "Norway offers to mediate between Colombia and rebels",
			Published: date("2023-11-02T10:15:00+01:00"),
			Text:      "OSLO — Norway said on Thursday that it was ready to host a new round of talks between the Colombian government and a rebel group.\nThe foreign minister said both sides had asked for Norwegian help."}},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d: %v", len(items), len(want), describe(items))
	}
	for i, w := range want {
		if w.err != "" {
			checkErr(t, items[i], w.err, "")
			continue
		}
		if items[i].Err != nil {
			t.Fatalf("item %d: got error %v", i, items[i].Err)
		}
		checkArticle(t, items[i].Article, w.want)
	}
}

func TestJSONLLines(t *testing.T) {
	tests := []struct {
		name, line, err string
	}{
		{"array line", `[1,2]`, "want a JSON object, got array"},
		{"string line", `"text"`, "want a JSON object, got string"},
		{"null line", `null`, "want a JSON object, got null"},
		{"text is a number", `{"text": 12}`, `field "text" is a number, want a string`},
		{"bad date", `{"text": "T", "published": "soon"}`, `field "published": cannot read the date "soon"`},
		{"date is an object", `{"text": "T", "date": {}}`, `field "date": is an object, want a date`},
		{"bad url", `{"text": "T", "url": "/a/b"}`, `url "/a/b" is not an absolute URL`},
		{"blank text", `{"text": "  \n "}`, `no text (want a "text", "content" or "body" field)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := jsonArticle([]byte(tt.line))
			if err == nil || err.Msg != tt.err {
				t.Errorf("got %v, want %q", err, tt.err)
			}
		})
	}
	t.Run("variants and unix time", func(t *testing.T) {
		a, err := jsonArticle([]byte(`{"Body": "B", "content": "C", "link": "https://x.example/1", "published_at": 1700000000, "headline": "H", "outlet": "O"}`))
		if err != nil {
			t.Fatal(err)
		}
		checkArticle(t, a, extract.Article{URL: "https://x.example/1", Title: "H", Source: "O", Published: time.Unix(1700000000, 0).UTC(), Text: "C"})
	})
	t.Run("array file", func(t *testing.T) {
		it := one(t, "-", Options{Stdin: strings.NewReader(`[{"text": "a"}]`)})
		checkErr(t, it, "-: a JSON array, not JSON Lines", "jq -c")
	})
	t.Run("invalid utf-8 line", func(t *testing.T) {
		items := collect(t, []string{"-"}, Options{Stdin: strings.NewReader("{\"text\": \"ok\"}\n{\"text\": \"caf\xe9\"}\n")})
		if len(items) != 2 || items[0].Err != nil {
			t.Fatalf("got %v", describe(items))
		}
		checkErr(t, items[1], "-:2: not valid UTF-8 text (byte offset 28)", "iconv")
	})
}

func TestFeeds(t *testing.T) {
	t.Run("rss", func(t *testing.T) {
		items := collect(t, []string{"testdata/feed.rss"}, Options{})
		want := []extract.Article{
			{Location: "testdata/feed.rss", URL: "https://harbourpost.example/world/mideast/egypt-qatar-ceasefire-proposal",
				Title: "Egypt and Qatar mediators meet over Gaza ceasefire proposal", Source: "Harbour Post – World", Published: date("2024-03-05T14:20:00Z"),
				Text: "CAIRO — Mediators from Egypt and Qatar met in Cairo on Tuesday to discuss a revised ceasefire proposal, officials from both countries said.\n" +
					"The proposal includes a six-week pause in fighting & the exchange of hostages for prisoners, according to a diplomat briefed on the talks."},
			{Location: "testdata/feed.rss", URL: "https://harbourpost.example/world/africa/kenya-sudan-talks",
				Title: "Kenya to host regional talks on the war in Sudan", Source: "Harbour Post – World", Published: date("2024-03-04T08:00:00Z"),
				Text: "Kenya's foreign ministry said on Monday that it would host envoys from the African Union and the Intergovernmental Authority on Development in Nairobi.\n" +
					"The talks are meant to prepare a meeting between the warring generals."},
			{Location: "testdata/feed.rss", URL: "https://harbourpost.example/world/americas/brazil-argentina-energy",
				Title: "Brazil and Argentina sign & ratify an energy accord", Source: "Harbour Post – World",
				Text: "Brazil and Argentina signed an accord on gas supplies through the Vaca Muerta pipeline, their presidents said after a meeting in Brasilia."},
		}
		checkAll(t, items, want)
	})
	t.Run("atom", func(t *testing.T) {
		items := collect(t, []string{"testdata/feed.atom"}, Options{})
		want := []extract.Article{
			{Location: "testdata/feed.atom", URL: "https://alpinecourier.example/diplomacy/2024/04/swiss-peace-conference",
				Title: "Swiss hosts prepare peace conference on Ukraine", Source: "Alpine Courier: Diplomacy", Published: date("2024-04-17T07:45:00+02:00"),
				Text: "BERN — Switzerland has invited more than 160 delegations to a peace conference on Ukraine in June, the foreign ministry said on Wednesday.\n" +
					"Officials said they hoped China would attend, but Beijing has not confirmed."},
			{Location: "testdata/feed.atom", URL: "https://alpinecourier.example/diplomacy/2024/04/austria-hungary-border",
				Title: "Austria and Hungary discuss border controls", Source: "Alpine Courier: Diplomacy", Published: date("2024-04-16T16:30:00Z"),
				Text: "The interior and foreign ministers of Austria and Hungary met in Vienna to discuss checks on their shared border."},
		}
		checkAll(t, items, want)
	})
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("not a feed", func(t *testing.T) {
		p := write("note.xml", `<?xml version="1.0"?><note><to>Embassy</to></note>`)
		checkErr(t, one(t, p, Options{}), p+": not an RSS or Atom feed: no <rss>, <rdf:RDF> or <feed> root element", "RSS 2.0 or Atom")
		p = write("broken.rss", "this is not xml at all")
		it := one(t, p, Options{})
		if it.Err == nil || !strings.HasPrefix(it.Err.Error(), p+": not an RSS or Atom feed: ") {
			t.Errorf("got %v, want a feed error", it.Err)
		}
	})
	t.Run("item without text", func(t *testing.T) {
		p := write("gap.rss", `<rss version="2.0"><channel><title>C</title><item><title>Empty one</title><link>https://c.example/1</link></item><item><title>Full</title><description>Envoys met.</description></item></channel></rss>`)
		items := collect(t, []string{p}, Options{})
		if len(items) != 2 {
			t.Fatalf("got %v", describe(items))
		}
		checkErr(t, items[0], p+`: item 1 "Empty one": no text (the item has no content or description)`, "by its URL")
		if items[1].Err != nil || items[1].Article.Text != "Envoys met." {
			t.Errorf("got %v", describe(items[1:]))
		}
	})
	t.Run("no items", func(t *testing.T) {
		p := write("none.rss", `<rss version="2.0"><channel><title>C</title></channel></rss>`)
		checkErr(t, one(t, p, Options{}), p+": the feed has no items", "")
	})
	t.Run("forced format", func(t *testing.T) {
		data, _ := os.ReadFile("testdata/feed.atom")
		p := write("feed.txt", string(data))
		if items := collect(t, []string{p}, Options{Format: "atom"}); len(items) != 2 || items[0].Err != nil {
			t.Errorf("--format atom: got %v", describe(items))
		}
		if items := collect(t, []string{p}, Options{}); len(items) != 1 || !strings.Contains(items[0].Article.Text, "<feed") {
			t.Errorf("by extension: got %v, want the XML as text", describe(items))
		}
	})
}

// checkAll wants one article per element of want.
func checkAll(t *testing.T, items []Item, want []extract.Article) {
	t.Helper()
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d: %v", len(items), len(want), describe(items))
	}
	for i := range want {
		if items[i].Err != nil {
			t.Fatalf("item %d: %v", i, items[i].Err)
		}
		checkArticle(t, items[i].Article, want[i])
	}
}

func TestOptions(t *testing.T) {
	pub := date("2025-01-02T00:00:00Z")
	full := Options{Title: "Given title", URL: "https://given.example/a", Source: "Given Source", Published: pub}
	defaults := Options{Title: "Given title", Source: "Given Source", Published: pub}
	tests := []struct {
		name string
		path string
		opt  Options
		want []extract.Article // only the fields the options touch
		err  string
	}{
		{name: "text overrides front matter", path: "testdata/front.md", opt: full,
			want: []extract.Article{{Title: "Given title", URL: "https://given.example/a", Source: "Given Source", Published: pub}}},
		{name: "html overrides page", path: "testdata/page.html", opt: full,
			want: []extract.Article{{Title: "Given title", URL: "https://given.example/a", Source: "Given Source", Published: pub}}},
		{name: "jsonl defaults", path: "testdata/articles.jsonl", opt: defaults,
			want: []extract.Article{
				{Title: "Japan and the Philippines sign a reciprocal access agreement", Source: "Example Wire", Published: date("2024-01-15T06:00:00Z"), URL: "https://wire.example/2024/01/15/japan-philippines-pact"},
				{Title: "Turkey hosts grain talks between Russian and Ukrainian officials", Source: "Bosporus Daily", Published: date("2023-07-10T00:00:00Z")},
				{Title: "Norway offers to mediate between Colombia and rebels", Source: "Given Source", Published: date("2023-11-02T10:15:00+01:00")},
			}},
		{name: "feed defaults", path: "testdata/feed.rss", opt: Options{Source: "Given Source", Published: pub},
			want: []extract.Article{
				{Title: "Egypt and Qatar mediators meet over Gaza ceasefire proposal", Source: "Given Source", Published: date("2024-03-05T14:20:00Z"), URL: "https://harbourpost.example/world/mideast/egypt-qatar-ceasefire-proposal"},
				{Title: "Kenya to host regional talks on the war in Sudan", Source: "Given Source", Published: date("2024-03-04T08:00:00Z"), URL: "https://harbourpost.example/world/africa/kenya-sudan-talks"},
				{Title: "Brazil and Argentina sign & ratify an energy accord", Source: "Given Source", Published: pub, URL: "https://harbourpost.example/world/americas/brazil-argentina-energy"},
			}},
		{name: "jsonl url", path: "testdata/articles.jsonl", opt: full, err: "testdata/articles.jsonl: --url names one article but the file holds 3"},
		{name: "feed url", path: "testdata/feed.atom", opt: full, err: "testdata/feed.atom: --url names one article but the feed holds 2"},
		{name: "bad format", path: "testdata/plain.txt", opt: Options{Format: "pdf"}, err: `unknown format "pdf"`},
		{name: "bad url option", path: "testdata/plain.txt", opt: Options{URL: "www.example.org"}, err: `--url "www.example.org" is not an absolute URL`},
		{name: "negative size", path: "testdata/plain.txt", opt: Options{MaxSize: -1}, err: "max size -1 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := collect(t, []string{tt.path}, tt.opt)
			var arts []Item
			for _, it := range items {
				if it.Err == nil {
					arts = append(arts, it)
				}
			}
			if tt.err != "" {
				if len(items) != 1 {
					t.Fatalf("got %v, want one error", describe(items))
				}
				checkErr(t, items[0], tt.err, "")
				return
			}
			if len(arts) != len(tt.want) {
				t.Fatalf("got %v, want %d articles", describe(items), len(tt.want))
			}
			for i, w := range tt.want {
				w.Location = tt.path
				checkArticle(t, arts[i].Article, w)
			}
		})
	}
	t.Run("one-line jsonl takes the url", func(t *testing.T) {
		it := one(t, "-", Options{Format: "ndjson", URL: "https://given.example/a", Stdin: strings.NewReader(`{"text": "Envoys met in Doha."}` + "\n\n")})
		if it.Err != nil || it.Article.URL != "https://given.example/a" {
			t.Errorf("got %v, want the --url", describe([]Item{it}))
		}
	})
}

func TestWalk(t *testing.T) {
	items := collect(t, []string{"testdata/walk"}, Options{})
	want := []string{
		"testdata/walk/a-mexico.txt",
		"testdata/walk/news.txt",
		"testdata/walk/news/baltic.md",
		"testdata/walk/sub/wire.jsonl",
		"error testdata/walk/sub/wire.jsonl:2",
		"testdata/walk/sub/wire.jsonl",
		"error testdata/walk/sub/wire.jsonl:5",
		"testdata/walk/sub/wire.jsonl",
		"testdata/walk/sub/z-balkans.text",
	}
	var got []string
	for _, it := range items {
		if it.Err != nil {
			got = append(got, "error "+it.Err.Where)
		} else {
			got = append(got, it.Article.Location)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	t.Run("empty directory", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "data.csv"), []byte("a,b\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		items := collect(t, []string{dir}, Options{})
		if len(items) != 1 || items[0].Err == nil || items[0].Err.Msg != "no article files in the directory" {
			t.Errorf("got %v", describe(items))
		}
	})
	t.Run("linked directory", func(t *testing.T) {
		abs, err := filepath.Abs("testdata/walk/news")
		if err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(t.TempDir(), "linked")
		if err := os.Symlink(abs, link); err != nil {
			t.Skip("no symlinks:", err)
		}
		items := collect(t, []string{link}, Options{})
		if len(items) != 1 || items[0].Err != nil || items[0].Article.Location != filepath.Join(link, "baltic.md") {
			t.Errorf("got %v", describe(items))
		}
	})
	t.Run("File refuses a directory", func(t *testing.T) {
		checkErr(t, one(t, "testdata/walk", Options{}), "testdata/walk: is a directory", "")
	})
	t.Run("errors do not stop the others", func(t *testing.T) {
		items := collect(t, []string{"testdata/missing.txt", "testdata/empty.txt", "testdata/walk/news.txt"}, Options{})
		if len(items) != 3 || items[0].Err == nil || items[1].Err == nil || items[2].Err != nil {
			t.Errorf("got %v", describe(items))
		}
	})
}

func TestGlob(t *testing.T) {
	locations := func(items []Item) string {
		var s []string
		for _, it := range items {
			if it.Err != nil {
				s = append(s, "error "+it.Err.Error())
			} else {
				s = append(s, it.Article.Location)
			}
		}
		return strings.Join(s, " ")
	}
	dir := t.TempDir()
	literal := filepath.Join(dir, "talks[1].txt")
	if err := os.WriteFile(literal, []byte("Envoys met in Geneva."), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ pattern, want string }{
		{"testdata/walk/*.txt", "testdata/walk/a-mexico.txt testdata/walk/news.txt"},
		{"testdata/walk/n*", "testdata/walk/news.txt testdata/walk/news/baltic.md testdata/walk/notes.csv"},
		{"testdata/walk/.d*", "testdata/walk/.draft.txt"},
		{"testdata/walk/*/*.text", "testdata/walk/sub/z-balkans.text"},
		{"testdata/none-*.txt", "error testdata/none-*.txt: no files match"},
		{"testdata/[", "error testdata/[: bad glob pattern"},
		{literal, literal},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			if got := locations(collect(t, []string{tt.pattern}, Options{})); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	t.Run("text with front matter", func(t *testing.T) {
		it := one(t, "-", Options{Stdin: strings.NewReader("---\ntitle: T\n---\nEnvoys met.\n"), Source: "Given"})
		checkArticle(t, it.Article, extract.Article{Location: "-", Title: "T", Source: "Given", Text: "Envoys met."})
	})
	t.Run("html sniffed", func(t *testing.T) {
		data, _ := os.ReadFile("testdata/page.html")
		it := one(t, "-", Options{Stdin: strings.NewReader(string(data))})
		if it.Err != nil || it.Article.Text != pageText || it.Article.Location != "-" {
			t.Errorf("got %v", describe([]Item{it}))
		}
	})
	t.Run("feed sniffed", func(t *testing.T) {
		data, _ := os.ReadFile("testdata/feed.rss")
		if items := collect(t, []string{"-"}, Options{Stdin: strings.NewReader(string(data))}); len(items) != 3 {
			t.Errorf("got %v", describe(items))
		}
	})
	t.Run("jsonl sniffed", func(t *testing.T) {
		data, _ := os.ReadFile("testdata/articles.jsonl")
		if items := collect(t, []string{"-"}, Options{Stdin: strings.NewReader(string(data))}); len(items) != 5 {
			t.Errorf("got %v", describe(items))
		}
	})
	t.Run("twice", func(t *testing.T) {
		items := collect(t, []string{"-", "-"}, Options{Stdin: strings.NewReader("Envoys met.")})
		if len(items) != 2 || items[0].Err != nil {
			t.Fatalf("got %v", describe(items))
		}
		checkErr(t, items[1], "-: standard input given twice", "")
	})
	t.Run("empty", func(t *testing.T) {
		checkErr(t, one(t, "-", Options{Stdin: strings.NewReader("")}), "-: empty article", "standard input")
	})
	t.Run("utf-16", func(t *testing.T) {
		in := "\xff\xfeE\x00n\x00v\x00o\x00y\x00s\x00 \x00m\x00e\x00t\x00.\x00"
		it := one(t, "-", Options{Stdin: strings.NewReader(in)})
		if it.Err != nil || it.Article.Text != "Envoys met." {
			t.Errorf("got %v", describe([]Item{it}))
		}
	})
}

func TestMaxSize(t *testing.T) {
	checkErr(t, one(t, "testdata/page.html", Options{MaxSize: 1024}), "testdata/page.html: 5.1 KiB is over the 1 KiB limit", "--max-size")
	checkErr(t, one(t, "-", Options{MaxSize: 10, Stdin: strings.NewReader("Envoys met in Geneva on Monday.")}), "-: input is over the 10 B limit", "--max-size")
	if it := one(t, "-", Options{MaxSize: 11, Stdin: strings.NewReader("Envoys met.")}); it.Err != nil {
		t.Errorf("an input of exactly MaxSize: %v", it.Err)
	}
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1 KiB", 1536: "1.5 KiB", 32 << 20: "32 MiB", 2_000_000_000: "1.9 GiB", 2 << 30: "2 GiB"} {
		if got := sizeString(n); got != want {
			t.Errorf("sizeString(%d): got %q, want %q", n, got, want)
		}
	}
}

func TestHTTP(t *testing.T) {
	page, _ := os.ReadFile("testdata/page.html")
	feed, _ := os.ReadFile("testdata/feed.rss")
	wire, _ := os.ReadFile("testdata/articles.jsonl")
	var hits atomic.Int64
	loops := atomic.Int64{}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/news/plain-page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Envoys meet</title></head><body><article><p>Envoys from Armenia and Azerbaijan met in Almaty on Friday to work on the text of a peace treaty, officials said.</p></article></body></html>`)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feed)
	})
	mux.HandleFunc("/feed-as-octets", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(feed)
	})
	mux.HandleFunc("/data/wire.jsonl", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(wire)
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=windows-1252")
		w.Write([]byte("The minister called the talks \x93useful\x94.\n"))
	})
	mux.HandleFunc("/fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/plain-page", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		loops.Add(1)
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		body := strings.Repeat("Envoys met. ", 500)
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		fmt.Fprint(w, body)
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 50 {
			w.Write([]byte(strings.Repeat("Envoys met. ", 10)))
			w.(http.Flusher).Flush()
		}
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		mux.ServeHTTP(w, r)
	}))
	defer srv.Close()
	u := srv.URL

	t.Run("page", func(t *testing.T) {
		it := one(t, u+"/news/page", Options{})
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		checkArticle(t, it.Article, extract.Article{Location: u + "/news/page", URL: pageURL,
			Title: "Indonesia and Australia agree to expand joint maritime patrols", Source: "Harbour Post",
			Published: date("2024-02-13T09:30:00+07:00"), Text: pageText})
	})
	t.Run("redirect", func(t *testing.T) {
		it := one(t, u+"/moved", Options{})
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		checkArticle(t, it.Article, extract.Article{Location: u + "/moved", URL: u + "/news/plain-page", Title: "Envoys meet",
			Text: "Envoys from Armenia and Azerbaijan met in Almaty on Friday to work on the text of a peace treaty, officials said."})
	})
	t.Run("feed", func(t *testing.T) {
		before := hits.Load()
		items := collect(t, []string{u + "/feed"}, Options{})
		if len(items) != 3 {
			t.Fatalf("got %v", describe(items))
		}
		for _, it := range items {
			if it.Err != nil || it.Article.Location != u+"/feed" || !strings.HasPrefix(it.Article.URL, "https://harbourpost.example/") {
				t.Errorf("got %v (%s)", describe([]Item{it}), it.Article.URL)
			}
		}
		if n := hits.Load() - before; n != 1 {
			t.Errorf("reading a feed made %d requests, want 1", n)
		}
	})
	t.Run("feed sniffed", func(t *testing.T) {
		if items := collect(t, []string{u + "/feed-as-octets"}, Options{}); len(items) != 3 || items[0].Err != nil {
			t.Errorf("got %v", describe(items))
		}
	})
	t.Run("jsonl by extension", func(t *testing.T) {
		items := collect(t, []string{u + "/data/wire.jsonl"}, Options{})
		if len(items) != 5 || items[0].Err != nil || items[1].Err == nil || items[1].Err.Where != u+"/data/wire.jsonl:2" {
			t.Errorf("got %v", describe(items))
		}
	})
	t.Run("charset from content-type", func(t *testing.T) {
		it := one(t, u+"/latin1", Options{})
		checkArticle(t, it.Article, extract.Article{Location: u + "/latin1", URL: u + "/latin1", Text: "The minister called the talks “useful”."})
	})
	t.Run("500", func(t *testing.T) {
		checkErr(t, one(t, u+"/fail", Options{}), u+"/fail: HTTP 500 Internal Server Error", "try again later")
	})
	t.Run("404", func(t *testing.T) {
		checkErr(t, one(t, u+"/nowhere", Options{}), u+"/nowhere: HTTP 404 Not Found", "check the address")
	})
	t.Run("timeout", func(t *testing.T) {
		start := time.Now()
		it := one(t, u+"/slow", Options{Client: &http.Client{Timeout: 200 * time.Millisecond}})
		checkErr(t, it, u+"/slow: timed out after 200ms", "slow")
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("took %v", d)
		}
		var te interface{ Timeout() bool }
		if !errors.As(it.Err, &te) || !te.Timeout() {
			t.Errorf("the error does not unwrap to a timeout: %#v", it.Err.Err)
		}
	})
	t.Run("context deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		var items []Item
		for it := range File(ctx, u+"/slow", Options{}) {
			items = append(items, it)
		}
		if len(items) != 1 || items[0].Err == nil || !strings.HasPrefix(items[0].Err.Msg, "timed out") {
			t.Errorf("got %v", describe(items))
		}
	})
	t.Run("redirect loop", func(t *testing.T) {
		loops.Store(0)
		checkErr(t, one(t, u+"/loop", Options{}), u+"/loop: more than 5 redirects", "loop")
		if n := loops.Load(); n != 6 {
			t.Errorf("got %d requests, want 6 (the first and 5 redirects)", n)
		}
	})
	t.Run("size from content-length", func(t *testing.T) {
		checkErr(t, one(t, u+"/big", Options{MaxSize: 1000}), u+"/big: 5.9 KiB is over the 1000 B limit", "--max-size")
	})
	t.Run("size while reading", func(t *testing.T) {
		checkErr(t, one(t, u+"/big-chunked", Options{MaxSize: 1000}), u+"/big-chunked: input is over the 1000 B limit", "--max-size")
	})
	t.Run("override and url option", func(t *testing.T) {
		it := one(t, u+"/news/page", Options{URL: "https://given.example/a", Title: "Given"})
		if it.Err != nil || it.Article.URL != "https://given.example/a" || it.Article.Title != "Given" {
			t.Errorf("got %v", describe([]Item{it}))
		}
		checkErr(t, one(t, u+"/feed", Options{URL: "https://given.example/a"}), u+"/feed: --url names one article but the feed holds 3", "drop --url")
	})
	t.Run("unreachable", func(t *testing.T) {
		dead := httptest.NewServer(http.NotFoundHandler())
		addr := dead.URL
		dead.Close()
		it := one(t, addr+"/x", Options{})
		if it.Err == nil || !strings.HasPrefix(it.Err.Error(), addr+"/x: cannot fetch: ") {
			t.Errorf("got %v", describe([]Item{it}))
		}
	})
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var items []Item
	for it := range All(ctx, []string{"testdata/plain.txt", "testdata/front.md"}, Options{}) {
		items = append(items, it)
	}
	if len(items) != 1 || items[0].Err == nil || !errors.Is(items[0].Err, context.Canceled) {
		t.Errorf("got %v", describe(items))
	}
}

func TestStopEarly(t *testing.T) {
	n := 0
	for range All(t.Context(), []string{"testdata/walk", "testdata/feed.rss"}, Options{}) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("got %d", n)
	}
}

func TestError(t *testing.T) {
	inner := fs.ErrNotExist
	e := &Error{Where: "a.txt:3", Msg: "bad line", Hint: "fix it", Err: inner}
	if got := e.Error(); got != "a.txt:3: bad line" {
		t.Errorf("got %q", got)
	}
	if !errors.Is(e, fs.ErrNotExist) {
		t.Error("errors.Is does not see the wrapped error")
	}
	if got := (&Error{Msg: "unknown format"}).Error(); got != "unknown format" {
		t.Errorf("got %q", got)
	}
	var err error = e
	var re *Error
	if !errors.As(err, &re) || re.Hint != "fix it" {
		t.Error("errors.As fails")
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023-06-20", "2023-06-20T00:00:00Z"},
		{"2023-06-20T08:15:00+08:00", "2023-06-20T08:15:00+08:00"},
		{"2023-06-20T08:15:00.123Z", "2023-06-20T08:15:00.123Z"},
		{"2025-03-14 20:30:26Z", "2025-03-14T20:30:26Z"},
		{"2025-03-14 20:30:26", "2025-03-14T20:30:26Z"},
		{"Tue, 05 Mar 2024 14:20:00 +0000", "2024-03-05T14:20:00Z"},
		{"Tue, 5 Mar 2024 14:20:00 +0100", "2024-03-05T14:20:00+01:00"},
		{"Mon, 04 Mar 2024 08:00:00 GMT", "2024-03-04T08:00:00Z"},
		{"June 20, 2023", "2023-06-20T00:00:00Z"},
		{"june 20, 2023", "2023-06-20T00:00:00Z"},
		{"Jun 20, 2023", "2023-06-20T00:00:00Z"},
		{"20 June 2023", "2023-06-20T00:00:00Z"},
		{"  2023/06/20 ", "2023-06-20T00:00:00Z"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if g := got.Format(time.RFC3339Nano); g != tt.want {
			t.Errorf("ParseDate(%q): got %s, want %s", tt.in, g, tt.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2023-13-45", "20/06/2023"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q): got no error", bad)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\ufeff<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>", fmtFeed},
		{`<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, fmtFeed},
		{"<!DOCTYPE html><html></html>", fmtHTML},
		{"  <p>Envoys met.</p>", fmtHTML},
		{`{"text": "a"}`, fmtJSONL},
		{`{"version": "https://jsonfeed.org/version/1.1", "items": []}`, fmtFeed},
		{`[{"text": "a"}]`, fmtJSONL},
		{"[Reuters] Envoys met.", fmtText},
		{"---\ntitle: T\n---\nText", fmtText},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("sniff(%q): got %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestVOA reads the shared development corpus, when it is there.
func TestVOA(t *testing.T) {
	const path = "../../../shared/articles/voa/voa-stories.jsonl"
	if _, err := os.Stat(path); err != nil {
		t.Skip("no shared corpus:", err)
	}
	items := collect(t, []string{path}, Options{})
	if len(items) != 87 {
		t.Fatalf("got %d items, want 87", len(items))
	}
	for i, it := range items {
		if it.Err != nil {
			t.Fatalf("line %d: %v", i+1, it.Err)
		}
		a := it.Article
		if a.URL == "" || a.Title == "" || a.Published.IsZero() || len(a.Text) < 200 || !utf8.ValidString(a.Text) {
			t.Errorf("line %d: incomplete article %q %q %v (%d bytes)", i+1, a.URL, a.Title, a.Published, len(a.Text))
		}
		if a.Published.Year() < 2019 || a.Published.Year() > 2025 {
			t.Errorf("line %d: published %v", i+1, a.Published)
		}
	}
}
