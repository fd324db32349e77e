package read

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkItems holds for every item any input yields: an article has clean,
// valid UTF-8 text; a failure says where and what.
func checkItems(t *testing.T, items []Item, where string) {
	for _, it := range items {
		if it.Err != nil {
			if it.Err.Msg == "" || !strings.HasPrefix(it.Err.Where, where) {
				t.Fatalf("bad error %#v", it.Err)
			}
			continue
		}
		a := it.Article
		for name, s := range map[string]string{"text": a.Text, "title": a.Title, "source": a.Source, "url": a.URL} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8: %q", name, s)
			}
		}
		if a.Text == "" {
			t.Fatal("an article without text")
		}
		for l := range strings.SplitSeq(a.Text, "\n") {
			if l == "" || l != strings.TrimSpace(l) || strings.ContainsRune(l, '\r') {
				t.Fatalf("paragraph %q is blank or not trimmed in %q", l, a.Text)
			}
		}
		if strings.ContainsAny(a.Title, "\n\r") || a.Location != where {
			t.Fatalf("title %q, location %q", a.Title, a.Location)
		}
	}
}

func addFiles(f *testing.F, paths ...string) {
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzFrontMatter(f *testing.F) {
	addFiles(f, "testdata/front.md", "testdata/badkey.txt", "testdata/plain.txt", "testdata/wrapped.txt", "testdata/latin1.txt")
	f.Add([]byte("---\ntitle: 'T'\npublished: 2023-06-20T10:00:00+02:00\n# c\n---\r\nA\r\n\r\nB"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\ndate: June 20, 2023\nurl: https://x.example/a\n---\n\ufeffText\u2028more\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := &source{where: "f.txt", loc: "f.txt", data: data, ext: ".txt"}
		checkItems(t, parse(src, Options{MaxSize: DefaultMaxSize}), "f.txt")
	})
}

func FuzzJSONL(f *testing.F) {
	addFiles(f, "testdata/articles.jsonl")
	f.Add([]byte(`{"text": "a\u0000b", "published": 1e300, "url": "https://x.example/\u2028"}`))
	f.Add([]byte("{\"content\": \"\\ud800 lone surrogate\", \"date\": \"June 20, 2023\"}\n\n[1]\nnull\n"))
	f.Add([]byte(`{"text": "caf` + "\xe9" + `"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := &source{where: "f.jsonl", loc: "f.jsonl", data: data, ext: ".jsonl"}
		checkItems(t, parse(src, Options{MaxSize: DefaultMaxSize}), "f.jsonl")
	})
}
