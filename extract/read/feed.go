package read

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/dkg/dkg/extract"
)

// readFeed reads every item of an RSS or Atom feed as an article.
func readFeed(src *source, opt Options) []Item {
	data := src.data
	if e, name := declaredCharset(src.ctype); e != nil && !xmlDeclaresEncoding(data) {
		d, err := e.NewDecoder().Bytes(data)
		if err != nil {
			return fail(&Error{Where: src.where, Msg: "cannot decode " + name + " feed", Err: err})
		}
		data = d
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		msg := err.Error()
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			msg = "no <rss>, <rdf:RDF> or <feed> root element"
		}
		return fail(&Error{Where: src.where, Msg: "not an RSS or Atom feed: " + msg,
			Hint: "check that it is an RSS 2.0 or Atom feed, or give --format for another format", Err: err})
	}
	if len(feed.Items) == 0 {
		return fail(&Error{Where: src.where, Msg: "the feed has no items", Hint: "check the feed's address, or try again later"})
	}
	base := src.base
	if u, err := url.Parse(strings.TrimSpace(feed.Link)); err == nil && u.IsAbs() {
		if base != nil {
			u = base.ResolveReference(u)
		}
		base = u
	}
	// The feed's title names the outlet unless the options do.
	outlet := opt.Source
	if outlet == "" {
		outlet = htmlLine(feed.Title)
	}
	var items []Item
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		a := extract.Article{
			Location: src.loc,
			Title:    htmlLine(it.Title),
			Source:   outlet,
			URL:      itemLink(it, base),
		}
		// The feed's own text keeps the time zone that gofeed turns to UTC.
		if t, err := ParseDate(it.Published); err == nil {
			a.Published = t
		} else if t, err := ParseDate(it.Updated); err == nil && it.PublishedParsed == nil {
			a.Published = t
		}
		switch {
		case !a.Published.IsZero():
		case it.PublishedParsed != nil:
			a.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			a.Published = *it.UpdatedParsed
		}
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		a.Text = strings.Join(htmlText(body), "\n")
		if !finish(&a) {
			name := fmt.Sprintf("item %d", i+1)
			if a.Title != "" {
				name += fmt.Sprintf(" %q", clip(a.Title))
			}
			items = append(items, Item{Err: &Error{Where: src.where, Msg: name + ": no text (the item has no content or description)",
				Hint: "the feed gives no text for it; read the item's page by its URL instead"}})
			continue
		}
		items = append(items, Item{Article: a})
	}
	return defaults(src, items, opt, "the feed")
}

// itemLink is an item's own address: its link, else a permalink GUID.
func itemLink(it *gofeed.Item, base *url.URL) string {
	for _, l := range append([]string{it.Link}, append(it.Links, it.GUID)...) {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		u, err := url.Parse(l)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}

// htmlLine turns a title that may hold markup or entities into one line.
func htmlLine(s string) string {
	return oneLine(strings.Join(htmlText(s), " "))
}

// xmlDeclaresEncoding reports whether an XML document names its encoding.
func xmlDeclaresEncoding(data []byte) bool {
	return xmlEncoding.Match(data[:min(len(data), 512)])
}
