package read

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"

	"github.com/dkg/dkg/extract"
)

// The formats.
const (
	fmtText  = "text"
	fmtHTML  = "html"
	fmtJSONL = "jsonl"
	fmtFeed  = "feed"
)

// source is one input read into memory.
type source struct {
	where string   // for errors: path, URL or "-"
	loc   string   // Article.Location
	data  []byte   // the raw bytes
	ext   string   // extension of the path or URL path, with the dot
	ctype string   // Content-Type of a fetched URL
	base  *url.URL // final address of a fetched URL
}

// formatName maps a --format value to a format.
func formatName(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "txt", "plain", "md", "markdown":
		return fmtText, true
	case "html", "htm", "xhtml":
		return fmtHTML, true
	case "jsonl", "ndjson", "jsonlines":
		return fmtJSONL, true
	case "feed", "rss", "atom", "xml":
		return fmtFeed, true
	}
	return "", false
}

var extFormats = map[string]string{
	".txt": fmtText, ".text": fmtText, ".md": fmtText, ".markdown": fmtText,
	".html": fmtHTML, ".htm": fmtHTML, ".xhtml": fmtHTML,
	".jsonl": fmtJSONL, ".ndjson": fmtJSONL,
	".xml": fmtFeed, ".rss": fmtFeed, ".atom": fmtFeed,
}

// formatByExt is the format a file name's extension names, or "".
func formatByExt(p string) string { return extFormats[strings.ToLower(filepath.Ext(p))] }

func knownExts() []string {
	var s []string
	for e := range extFormats {
		s = append(s, e)
	}
	slices.Sort(s)
	return s
}

// formatByType is the format a Content-Type names, or "" when it is too
// vague (text/plain, application/xml, application/octet-stream...).
func formatByType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return fmtHTML
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return fmtFeed
	case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
		return fmtJSONL
	case "text/markdown", "text/x-markdown":
		return fmtText
	}
	return ""
}

// sniff guesses the format from the first bytes.
func sniff(data []byte) string {
	p := data[:min(len(data), 4096)]
	p = bytes.TrimLeft(p, " \t\r\n\ufeff")
	if len(p) == 0 {
		return fmtText
	}
	switch p[0] {
	case '<':
		switch gofeed.DetectFeedType(bytes.NewReader(p)) {
		case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
			return fmtFeed
		}
		l := bytes.ToLower(p)
		if bytes.HasPrefix(l, []byte("<?xml")) && !bytes.Contains(l, []byte("<html")) {
			return fmtFeed
		}
		return fmtHTML
	case '{':
		if bytes.Contains(p, []byte("jsonfeed.org/version")) {
			return fmtFeed
		}
		return fmtJSONL
	case '[':
		if q := bytes.TrimLeft(p[1:], " \t\r\n"); len(q) > 0 && (q[0] == '{' || q[0] == ']') {
			return fmtJSONL
		}
	}
	return fmtText
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// parse checks the bytes of one input and hands them to its format's reader.
func parse(src *source, opt Options) []Item {
	data := bytes.TrimPrefix(src.data, utf8BOM)
	if bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM) {
		d, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return fail(&Error{Where: src.where, Msg: "bad UTF-16 text", Hint: "convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8", Err: err})
		}
		data = stripXMLEncoding(d)
	}
	src.data = data
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(emptyError(src))
	}
	if kind, ok := binaryKind(data); ok {
		return fail(&Error{Where: src.where, Msg: "looks like a binary file, not an article", Hint: binaryHint(kind)})
	}
	format := opt.Format
	if format == "" {
		format = formatByType(src.ctype)
	}
	if format == "" {
		format = extFormats[strings.ToLower(src.ext)]
	}
	if format == "" {
		format = sniff(data)
	}
	switch format {
	case fmtHTML:
		return readHTML(src, opt)
	case fmtJSONL:
		return readJSONL(src, opt)
	case fmtFeed:
		return readFeed(src, opt)
	}
	return readText(src, opt)
}

func emptyError(src *source) *Error {
	e := &Error{Where: src.where, Msg: "empty article", Hint: "the file has no text; check the path"}
	switch {
	case src.where == "-":
		e.Hint = "nothing came in on standard input"
	case src.base != nil:
		e.Hint = "the server sent no text; check the address"
	}
	return e
}

// binaryKind reports whether data looks binary, and what kind it seems.
func binaryKind(data []byte) (string, bool) {
	p := data[:min(len(data), 8192)]
	ct := http.DetectContentType(p)
	for _, b := range []string{"image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
		"application/x-gzip", "application/x-rar-compressed", "application/wasm", "application/vnd.ms-fontobject", "application/ogg"} {
		if strings.HasPrefix(ct, b) {
			return ct, true
		}
	}
	if bytes.IndexByte(p, 0) >= 0 {
		return "", true
	}
	ctl := 0
	for _, c := range p {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
			ctl++
		}
	}
	return "", ctl*10 > len(p)
}

func binaryHint(kind string) string {
	switch {
	case kind == "application/pdf":
		return "extract its text first, e.g. pdftotext FILE FILE.txt"
	case kind == "application/zip":
		return "an office document or archive; save or extract it as plain text first"
	case kind == "application/x-gzip":
		return "decompress it first, e.g. gunzip FILE"
	}
	return "give a text, HTML, JSON Lines or RSS/Atom file"
}

// badUTF8 returns the offset of the first byte of data that is not UTF-8,
// or -1.
func badUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

func utf8Error(where string, off int) *Error {
	file := where
	if file == "-" || isURL(file) {
		file = "FILE"
	}
	return &Error{Where: where, Msg: fmt.Sprintf("not valid UTF-8 text (byte offset %d)", off),
		Hint: fmt.Sprintf("convert it to UTF-8 first, e.g. iconv -f WINDOWS-1252 -t UTF-8 %s > %s.utf8", file, file)}
}

// declaredCharset is the charset of a Content-Type when it is not UTF-8.
func declaredCharset(ct string) (encoding.Encoding, string) {
	_, params, err := mime.ParseMediaType(ct)
	if err != nil || params["charset"] == "" {
		return nil, ""
	}
	e, name := charset.Lookup(params["charset"])
	if e == nil || name == "utf-8" {
		return nil, ""
	}
	return e, name
}

var xmlEncoding = regexp.MustCompile(`^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']`)

// stripXMLEncoding drops the encoding from an XML declaration, for a
// document already turned into UTF-8.
func stripXMLEncoding(d []byte) []byte {
	return xmlEncoding.ReplaceAll(d, []byte("$1"))
}

// finish tidies an article's fields and checks that it has text.
func finish(a *extract.Article) bool {
	a.Title = oneLine(a.Title)
	a.Source = oneLine(a.Source)
	a.URL = strings.TrimSpace(a.URL)
	a.Text = strings.ToValidUTF8(a.Text, "\uFFFD")
	return strings.TrimSpace(a.Text) != ""
}

// override sets the fields the options give on a single-article input.
func (o Options) override(a *extract.Article) {
	if o.Title != "" {
		a.Title = o.Title
	}
	if o.URL != "" {
		a.URL = o.URL
	}
	if o.Source != "" {
		a.Source = o.Source
	}
	if !o.Published.IsZero() {
		a.Published = o.Published
	}
}

// fill sets the fields the options give on the articles of a multi-article
// input that lack them.
func (o Options) fill(a *extract.Article) {
	if a.Title == "" {
		a.Title = o.Title
	}
	if a.URL == "" {
		a.URL = o.URL
	}
	if a.Source == "" {
		a.Source = o.Source
	}
	if a.Published.IsZero() {
		a.Published = o.Published
	}
}

// defaults applies the options to the items of a multi-article input:
// what is one of many can't take the --url that names one.
func defaults(src *source, items []Item, opt Options, what string) []Item {
	n := 0
	for _, it := range items {
		if it.Err == nil {
			n++
		}
	}
	if opt.URL != "" && n > 1 {
		return fail(&Error{Where: src.where, Msg: fmt.Sprintf("--url names one article but %s holds %d", what, n),
			Hint: "drop --url; each article takes its own url from the input"})
	}
	for i := range items {
		if items[i].Err == nil {
			opt.fill(&items[i].Article)
		}
	}
	return items
}
