package read

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dkg/dkg/extract"
)

// wrapWidth is the longest line of a text taken as hard-wrapped.
const wrapWidth = 100

// readText reads a plain-text article with optional front matter.
func readText(src *source, opt Options) []Item {
	data := src.data
	if e, name := declaredCharset(src.ctype); e != nil {
		d, err := e.NewDecoder().Bytes(data)
		if err != nil {
			return fail(&Error{Where: src.where, Msg: "cannot decode " + name + " text", Err: err})
		}
		data = d
	}
	if off := badUTF8(data); off >= 0 {
		return fail(utf8Error(src.where, off))
	}
	a, err := parseText(src.where, string(data))
	if err != nil {
		return fail(err)
	}
	a.Location = src.loc
	if a.URL == "" && src.base != nil {
		a.URL = src.base.String()
	}
	opt.override(&a)
	if !finish(&a) {
		return fail(emptyError(src))
	}
	return []Item{{Article: a}}
}

// parseText splits front matter from the body of a UTF-8 text and
// normalises the body. The article it returns may have no text.
func parseText(where, s string) (extract.Article, *Error) {
	var a extract.Article
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	if strings.TrimRightFunc(lines[0], unicode.IsSpace) == "---" {
		n, err := frontMatter(where, lines, &a)
		if err != nil {
			return a, err
		}
		lines = lines[n:]
	}
	a.Text = strings.Join(textParagraphs(lines), "\n")
	return a, nil
}

// frontMatter reads the front matter that opens lines (lines[0] is "---")
// into a and returns the number of lines it takes.
func frontMatter(where string, lines []string, a *extract.Article) (int, *Error) {
	bad := func(line int, hint, format string, args ...any) *Error {
		return &Error{Where: where, Msg: fmt.Sprintf("front matter line %d: ", line) + fmt.Sprintf(format, args...), Hint: hint}
	}
	end := 0
	for i := 1; i < len(lines) && end == 0; i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			end = i
		}
	}
	if end == 0 {
		return 0, &Error{Where: where, Msg: `front matter line 1: no closing "---" line`,
			Hint: `end the front matter with a line "---", or remove the first line if the file has none`}
	}
	seen := map[string]int{}
	for i := 1; i < end; i++ {
		n := i + 1 // line number in the file
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		key := strings.ToLower(strings.TrimSpace(k))
		if !ok || key == "" {
			return 0, bad(n, `write "key: value", and end the front matter with a "---" line`, "want \"key: value\", got %q", clip(line))
		}
		canon, known := frontKeys[key]
		if !known {
			return 0, bad(n, "known keys: title, published, url, source, author", "unknown key %q", clip(strings.TrimSpace(k)))
		}
		if first, dup := seen[canon]; dup {
			return 0, bad(n, "keep one of them", "%s given twice (first on line %d)", canon, first)
		}
		seen[canon] = n
		v = unquote(strings.TrimSpace(v))
		if v == "" {
			continue
		}
		switch canon {
		case "title":
			a.Title = v
		case "source":
			a.Source = v
		case "url":
			if !absURL(v) {
				return 0, bad(n, "give the full address, e.g. https://example.org/news/1", "url %q is not an absolute URL", clip(v))
			}
			a.URL = v
		case "published":
			t, err := ParseDate(v)
			if err != nil {
				return 0, bad(n, "write a date as 2006-01-02 or an RFC 3339 time such as 2006-01-02T15:04:05Z", "cannot read the date %q", clip(v))
			}
			a.Published = t
		}
	}
	return end + 1, nil
}

// frontKeys maps each front matter key to the field it sets.
var frontKeys = map[string]string{
	"title": "title", "headline": "title",
	"published": "published", "date": "published",
	"url":    "url",
	"source": "source", "outlet": "source",
	"author": "author",
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// clip shortens s for an error message.
func clip(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "..."
}

// textParagraphs normalises the lines of a plain text into paragraphs: one
// per line, or one per block of lines when the text is hard-wrapped.
func textParagraphs(lines []string) []string {
	var blocks [][]string
	var cur []string
	longest, blank := 0, false
	for _, l := range lines {
		l = cleanLine(l)
		if l == "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			blank = true
			continue
		}
		longest = max(longest, utf8.RuneCountInString(l))
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	wrapped := blank && len(blocks) > 1 && longest <= wrapWidth
	var out []string
	for _, b := range blocks {
		if wrapped {
			out = append(out, strings.Join(b, " "))
		} else {
			out = append(out, b...)
		}
	}
	return out
}

// paragraphs normalises a text whose lines are its paragraphs: each line
// is cleaned and the blank ones dropped.
func paragraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.NewReplacer("\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = cleanLine(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// cleanLine drops control and invisible characters and collapses runs of
// white space into one space.
func cleanLine(l string) string {
	l = strings.ToValidUTF8(l, "\uFFFD")
	l = strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\ufeff' || r == '\u200b' || r == '\u00ad':
			return -1
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, l)
	return strings.Join(strings.Fields(l), " ")
}

// oneLine makes a title or a name one clean line.
func oneLine(s string) string {
	return cleanLine(strings.NewReplacer("\n", " ", "\r", " ", "\u2028", " ", "\u2029", " ").Replace(s))
}
