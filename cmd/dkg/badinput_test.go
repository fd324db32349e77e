package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dkg/dkg/extract"
)

// Bad input: each bad input of a batch is refused with a one-line error and
// a hint, nothing of it is written, and the good inputs beside it load.

// exportedArticles lists the articles (graph labels) of a store's export.
func exportedArticles(t *testing.T, db string) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, l := range sortedExport(t, db) {
		if l == "" {
			continue
		}
		i := strings.LastIndex(strings.TrimSuffix(l, " ."), " <")
		if i < 0 {
			t.Fatalf("export line without a graph label: %s", l)
		}
		seen[strings.TrimSuffix(l, " .")[i+1:]] = true
	}
	var out []string
	for a := range seen {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// newBadServer serves a good article, a 500 and an answer that never comes.
func newBadServer(t *testing.T, article string) *httptest.Server {
	t.Helper()
	stop := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/article.txt":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprint(w, article)
		case "/fail":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(func() {
		once.Do(func() { close(stop) })
		srv.Close()
	})
	return srv
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := genArticles(t, filepath.Join(dir, "good"), 3, 5)
	bad := filepath.Join(dir, "bad")
	if err := os.Mkdir(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(bad, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A 2 GB file that costs no disk: it must be refused by its size,
	// before a byte is read.
	huge := write("huge.txt", nil)
	if err := os.Truncate(huge, 2<<30); err != nil {
		t.Fatal(err)
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 200)...)
	jsonl := strings.Join([]string{
		`{"url": "https://wire.example/jsonl/1", "title": "Wong in Jakarta", "published": "2024-02-01", "text": "Australian Foreign Minister Penny Wong met Indonesian Foreign Minister Retno Marsudi in Jakarta on Thursday to discuss maritime security."}`,
		`{"url": "https://wire.example/jsonl/2", "text": "Sergei Lavrov met`,
		`{"url": "https://wire.example/jsonl/3", "title": "Fidan in Cairo", "published": "2024-02-14", "text": "Turkish Foreign Minister Hakan Fidan visited Cairo on Wednesday for talks on the Gaza war."}`,
		`[1, 2, 3]`,
		`{"url": "https://wire.example/jsonl/5", "published": "2024-02-15"}`,
	}, "\n") + "\n"
	srv := newBadServer(t, "---\ntitle: Vieira in Pretoria\npublished: 2024-03-05\nurl: https://wire.example/remote/1\n---\n"+
		"Brazilian Foreign Minister Mauro Vieira met South African Foreign Minister Naledi Pandor in Pretoria on Tuesday.\n")

	inputs := []struct {
		path string
		// want matches the error line: "dkg: error: " + path + ": " + want
		want string
	}{
		{write("empty.txt", nil), `empty article`},
		{write("blank.txt", []byte(" \n\t\n  \r\n")), `empty article`},
		{write("image.txt", png), `looks like a binary file, not an article`},
		{huge, `2 GiB is over the 32 MiB limit`},
		{write("latin1.txt", []byte("Le ministre fran\xe7ais des affaires \xe9trang\xe8res a rencontr\xe9 son homologue.\n")), `not valid UTF-8 text \(byte offset 16\)`},
		{write("nav.html", []byte("<!doctype html><html><head><title>Menu</title><script>var x = 1;</script><style>p{}</style></head><body><nav><a href=\"/\">Home</a></nav><footer>(c) 2024</footer></body></html>")), `no article text found in the page`},
		{write("feed.rss", []byte("this is not XML at all, just words in a file named like a feed\n")), `not an RSS or Atom feed`},
		{srv.URL + "/fail", `HTTP 500 Internal Server Error`},
	}
	args := []string{"--db", filepath.Join(dir, "store"), "ingest"}
	args = append(args, good[0].path)
	for _, in := range inputs {
		args = append(args, in.path)
	}
	args = append(args, write("lines.jsonl", []byte(jsonl)), good[1].path, srv.URL+"/article.txt", good[2].path)

	start := time.Now()
	code, stdout, stderr := runInProc(args...)
	d := time.Since(start)
	t.Logf("exit %d after %v\n%s%s", code, d.Round(time.Millisecond), stdout, stderr)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if d > 20*time.Second {
		t.Errorf("took %v: the 2 GB file was read?", d)
	}

	// Every error is one line, and a hint follows it.
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "dkg: error: "):
			if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "dkg: hint: ") {
				t.Errorf("error without a hint: %s", l)
			}
		case strings.HasPrefix(l, "dkg: hint: "), strings.HasPrefix(l, "dkg: "):
		default:
			t.Errorf("stderr line not in dkg's form: %q", l)
		}
	}
	for _, in := range inputs {
		re := regexp.MustCompile(`(?m)^dkg: error: ` + regexp.QuoteMeta(in.path) + `: ` + in.want + `[^\n]*\n^dkg: hint: \S`)
		if !re.MatchString(stderr) {
			t.Errorf("no error for %s matching %q", in.path, in.want)
		}
	}
	for _, want := range []string{
		`(?m)^dkg: error: ` + regexp.QuoteMeta(filepath.Join(bad, "lines.jsonl")) + `:2: invalid JSON`,
		`(?m)^dkg: error: ` + regexp.QuoteMeta(filepath.Join(bad, "lines.jsonl")) + `:4: want a JSON object`,
		`(?m)^dkg: error: ` + regexp.QuoteMeta(filepath.Join(bad, "lines.jsonl")) + `:5: no text`,
		`(?m)^dkg: hint: convert it to UTF-8 first, e\.g\. iconv`,
		`(?m)^dkg: hint: raise the limit with --max-size`,
	} {
		if !regexp.MustCompile(want).MatchString(stderr) {
			t.Errorf("stderr does not match %s", want)
		}
	}

	// The store holds exactly the good articles.
	wantArts := []string{
		"<" + string(good[0].iri) + ">", "<" + string(good[1].iri) + ">", "<" + string(good[2].iri) + ">",
		"<" + string(extract.Article{URL: "https://wire.example/jsonl/1"}.IRI()) + ">",
		"<" + string(extract.Article{URL: "https://wire.example/jsonl/3"}.IRI()) + ">",
		"<" + string(extract.Article{URL: "https://wire.example/remote/1"}.IRI()) + ">",
	}
	slices.Sort(wantArts)
	if got := exportedArticles(t, filepath.Join(dir, "store")); !slices.Equal(got, wantArts) {
		t.Errorf("articles in the store:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantArts, "\n"))
	}
	if !strings.Contains(stdout, "total: 6 articles read, 6 new") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

func TestBadInputAlone(t *testing.T) {
	// Each bad input on its own writes nothing: no article, and no store
	// where there was none.
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.txt")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 2<<30); err != nil {
		t.Fatal(err)
	}
	good := genArticles(t, filepath.Join(dir, "good"), 1, 9)
	db := filepath.Join(dir, "store")
	if code, _, stderr := runInProc("--db", db, "ingest", good[0].path); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	before := sortedExport(t, db)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{huge}, `huge.txt: 2 GiB is over the 32 MiB limit`},
		{[]string{"--max-size", "100", good[0].path}, `a000.txt: ` + fileSize(t, good[0].path) + ` is over the 100 B limit`},
		{[]string{"--format", "jsonl", good[0].path}, `a000.txt:1: invalid JSON`},
		{[]string{"--format", "feed", good[0].path}, `not an RSS or Atom feed`},
	} {
		start := time.Now()
		code, _, stderr := runInProc(append([]string{"--db", db, "ingest"}, tt.args...)...)
		d := time.Since(start)
		if code != 1 || !strings.Contains(firstLineOf(stderr), tt.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant %q", tt.args, code, stderr, tt.want)
		}
		if tt.args[0] == huge && d > 2*time.Second {
			t.Errorf("the 2 GB file took %v to refuse", d)
		}
		if got := sortedExport(t, db); !slices.Equal(got, before) {
			t.Errorf("%v changed the store:\n%s", tt.args, diffLines(got, before))
		}
	}
	// Into a new store: the store is made, and holds nothing.
	code, _, _ := runInProc("--db", filepath.Join(dir, "new"), "ingest", huge)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if got := exportedArticles(t, filepath.Join(dir, "new")); len(got) > 0 {
		t.Errorf("a refused input wrote %v", got)
	}
}

func fileSize(t *testing.T, p string) string {
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d B", fi.Size())
}

// testFetchTimeoutCLI: a server that never answers costs dkg its 30 s
// fetch timeout, with a clear error, and the other inputs load.
func testFetchTimeoutCLI(t *testing.T, bin string) {
	dir := t.TempDir()
	good := genArticles(t, filepath.Join(dir, "good"), 2, 13)
	srv := newBadServer(t, "---\ntitle: Joly in Seoul\npublished: 2024-04-10\nurl: https://wire.example/remote/2\n---\n"+
		"Canadian Foreign Minister Melanie Joly visited Seoul on Wednesday for talks on trade.\n")
	db := filepath.Join(dir, "store")
	code, stdout, stderr, d := runBin(t, 90*time.Second, bin, "--db", db, "ingest",
		good[0].path, srv.URL+"/slow", srv.URL+"/fail", srv.URL+"/article.txt", good[1].path)
	t.Logf("exit %d after %v\n%s%s", code, d.Round(time.Millisecond), stdout, stderr)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		`(?m)^dkg: error: ` + regexp.QuoteMeta(srv.URL+"/slow") + `: timed out after 30s\ndkg: hint: \S`,
		`(?m)^dkg: error: ` + regexp.QuoteMeta(srv.URL+"/fail") + `: HTTP 500 Internal Server Error\ndkg: hint: the server failed; try again later`,
	} {
		if !regexp.MustCompile(want).MatchString(stderr) {
			t.Errorf("stderr does not match %s", want)
		}
	}
	wantArts := []string{
		"<" + string(good[0].iri) + ">", "<" + string(good[1].iri) + ">",
		"<" + string(extract.Article{URL: "https://wire.example/remote/2"}.IRI()) + ">",
	}
	slices.Sort(wantArts)
	if got := exportedArticles(t, db); !slices.Equal(got, wantArts) {
		t.Errorf("articles in the store: %v, want %v", got, wantArts)
	}
}
