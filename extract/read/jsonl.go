package read

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dkg/dkg/extract"
)

// The JSON Lines fields, each with its variants, first found wins.
var (
	textKeys      = []string{"text", "content", "body"}
	titleKeys     = []string{"title", "headline"}
	publishedKeys = []string{"published", "date", "published_at"}
	urlKeys       = []string{"url", "link"}
	sourceKeys    = []string{"source", "outlet"}
)

// readJSONL reads one article per line; a bad line is reported and skipped.
func readJSONL(src *source, opt Options) []Item {
	data := src.data
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		return fail(&Error{Where: src.where, Msg: "a JSON array, not JSON Lines",
			Hint: "write one object per line, e.g. jq -c '.[]' FILE > FILE.jsonl"})
	}
	var items []Item
	off := 0
	for n := 1; off < len(data); n++ {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		line := data[off : off+end]
		lineOff := off
		off += end + 1
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", src.where, n)
		if bad := badUTF8(line); bad >= 0 {
			e := utf8Error(where, lineOff+bad)
			items = append(items, Item{Err: e})
			continue
		}
		a, err := jsonArticle(line)
		if err != nil {
			err.Where = where
			items = append(items, Item{Err: err})
			continue
		}
		a.Location = src.loc
		items = append(items, Item{Article: a})
	}
	if len(items) == 0 {
		return fail(emptyError(src))
	}
	return defaults(src, items, opt, "the file")
}

// jsonArticle reads one line of JSON Lines.
func jsonArticle(line []byte) (extract.Article, *Error) {
	var a extract.Article
	var m map[string]json.RawMessage
	if err := json.Unmarshal(line, &m); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return a, &Error{Msg: "want a JSON object, got " + te.Value, Hint: "write one JSON object per line", Err: err}
		}
		return a, &Error{Msg: "invalid JSON: " + err.Error(), Hint: "each line must hold one whole JSON object", Err: err}
	}
	if m == nil {
		return a, &Error{Msg: "want a JSON object, got null", Hint: "write one JSON object per line"}
	}
	// Keys are matched without regard to case; an exact match wins.
	fields := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		if l := strings.ToLower(k); fields[l] == nil || l == k {
			fields[l] = v
		}
	}
	var err *Error
	str := func(keys []string) string {
		for _, k := range keys {
			raw, ok := fields[k]
			if !ok || err != nil {
				continue
			}
			var s string
			if e := json.Unmarshal(raw, &s); e != nil {
				if string(raw) == "null" {
					continue
				}
				err = &Error{Msg: fmt.Sprintf("field %q is %s, want a string", k, jsonKind(raw)), Err: e}
				return ""
			}
			if strings.TrimSpace(s) != "" {
				return s
			}
		}
		return ""
	}
	text := str(textKeys)
	a.Title = str(titleKeys)
	a.Source = str(sourceKeys)
	a.URL = strings.TrimSpace(str(urlKeys))
	if err != nil {
		return a, err
	}
	if a.URL != "" && !absURL(a.URL) {
		return a, &Error{Msg: fmt.Sprintf("url %q is not an absolute URL", clip(a.URL)), Hint: "give the full address, e.g. https://example.org/news/1"}
	}
	for _, k := range publishedKeys {
		raw, ok := fields[k]
		if !ok || string(raw) == "null" {
			continue
		}
		t, perr := jsonTime(raw)
		if perr != nil {
			return a, &Error{Msg: fmt.Sprintf("field %q: %v", k, perr), Hint: "write a date as 2006-01-02 or an RFC 3339 time", Err: perr}
		}
		if !t.IsZero() {
			a.Published = t
			break
		}
	}
	a.Text = strings.Join(paragraphs(text), "\n")
	if !finish(&a) {
		return a, &Error{Msg: `no text (want a "text", "content" or "body" field)`, Hint: "give each line the article's text"}
	}
	return a, nil
}

// jsonTime reads a date string, or a number of Unix seconds (or
// milliseconds when it is too large for seconds).
func jsonTime(raw json.RawMessage) (time.Time, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if strings.TrimSpace(s) == "" {
			return time.Time{}, nil
		}
		return ParseDate(s)
	}
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		if f > 1e11 {
			return time.UnixMilli(int64(f)).UTC(), nil
		}
		return time.Unix(int64(f), 0).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("is %s, want a date", jsonKind(raw))
}

func jsonKind(raw json.RawMessage) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "empty"
	}
	switch t[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
