package read

import (
	"bytes"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"github.com/dkg/dkg/extract"
)

// readHTML reads the main text and metadata of an HTML page.
func readHTML(src *source, opt Options) []Item {
	doc, err := html.Parse(decodeHTML(src.data, src.ctype))
	if err != nil {
		return fail(&Error{Where: src.where, Msg: "cannot parse the HTML: " + err.Error(), Err: err})
	}
	canon := canonicalURL(doc, src.base)
	published := pagePublished(doc)
	base := src.base
	if base == nil && canon != "" {
		base, _ = url.Parse(canon)
	}
	p := readability.NewParser()
	art, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return fail(&Error{Where: src.where, Msg: "cannot read the page: " + err.Error(), Err: err})
	}
	a := extract.Article{
		Location: src.loc,
		Title:    art.Title(),
		Source:   art.SiteName(),
		URL:      canon,
	}
	if a.URL == "" && src.base != nil {
		a.URL = src.base.String()
	}
	if t, err := art.PublishedTime(); err == nil {
		a.Published = t
	} else {
		a.Published = published
	}
	if art.Node != nil {
		a.Text = strings.Join(dropBoilerplate(paragraphs(innerText(art.Node))), "\n")
	}
	opt.override(&a)
	if !finish(&a) {
		return fail(&Error{Where: src.where, Msg: "no article text found in the page",
			Hint: "the page may build its text with JavaScript or hold no article; save its text as a .txt file instead"})
	}
	return []Item{{Article: a}}
}

// decodeHTML turns a page into UTF-8. The charset comes from the
// Content-Type, else a <meta> tag, else windows-1252; but a page that is
// valid UTF-8 is read as UTF-8, whatever it says.
func decodeHTML(data []byte, ctype string) io.Reader {
	if ctype == "" {
		ctype = "text/html"
	}
	e, name, _ := charset.DetermineEncoding(data, ctype)
	if name == "utf-8" || (name != "iso-2022-jp" && utf8.Valid(data)) {
		return bytes.NewReader(data)
	}
	return transform.NewReader(bytes.NewReader(data), e.NewDecoder())
}

// innerText renders the text of an HTML tree, without its figures,
// captions, asides, forms and the blocks named like boilerplate.
func innerText(n *html.Node) string {
	prune(n)
	return render.InnerText(n)
}

// boilerplateClass matches one class name or id of a boilerplate block.
var boilerplateClass = regexp.MustCompile(`(?i)^(ads?|ad[-_](slot|unit|container|wrapper|box)|adslot|advert\w*|advertisement\w*|promo\w*([-_]\w+)*|newsletter([-_]\w+)*|share|share[-_](bar|tools|buttons|links)|sharing|social([-_]\w+)*|related([-_]\w+)*|most[-_]popular|subscribe([-_]\w+)*|signup|sign-up|(\w+[-_])?caption|(photo|image)[-_]credit|breadcrumbs?|comments?)$`)

// prune removes the boilerplate under n.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isBoilerplate(c) {
			n.RemoveChild(c)
		} else {
			prune(c)
		}
		c = next
	}
}

// readMore matches the start of an inline link to another story.
var readMore = regexp.MustCompile(`(?i)^\s*(read more|read also|also read|see also|related|more on this)\b`)

func isBoilerplate(n *html.Node) bool {
	if n.Data == "a" && readMore.MatchString(textOf(n)) {
		return true
	}
	switch n.Data {
	case "figure", "figcaption", "aside", "nav", "form", "button", "script", "style", "noscript", "iframe", "template", "select", "input", "textarea":
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			for _, c := range strings.Fields(a.Val) {
				if boilerplateClass.MatchString(c) && countTag(n, "p") <= 3 {
					return true
				}
			}
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		}
	}
	return false
}

// boilerplateLines are lines (lower-cased) that are labels, not text.
var boilerplateLines = map[string]bool{
	"advertisement": true, "advertisements": true, "ad": true, "sponsored": true, "sponsored content": true,
	"skip advertisement": true, "story continues below advertisement": true,
	"article continues below advertisement": true, "continue reading": true,
	"read more": true, "share": true, "share this article": true,
}

func dropBoilerplate(lines []string) []string {
	out := lines[:0]
	for _, l := range lines {
		k := strings.ToLower(strings.Trim(l, " .:-–—|"))
		if !boilerplateLines[k] {
			out = append(out, l)
		}
	}
	return out
}

// canonicalURL is the page's canonical link or og:url, made absolute
// against base. A canonical link to the site's home page when the page was
// fetched from deeper is taken as a mistake and ignored.
func canonicalURL(doc *html.Node, base *url.URL) string {
	var canon, og string
	walkHTML(doc, func(n *html.Node) {
		switch n.Data {
		case "link":
			if canon == "" && hasToken(attr(n, "rel"), "canonical") {
				canon = attr(n, "href")
			}
		case "meta":
			if og == "" && strings.EqualFold(attr(n, "property"), "og:url") {
				og = attr(n, "content")
			}
		}
	})
	for _, c := range []string{canon, og} {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		u, err := url.Parse(c)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			continue
		}
		if base != nil && strings.Trim(u.Path, "/") == "" && strings.Trim(base.Path, "/") != "" {
			continue
		}
		return u.String()
	}
	return ""
}

// publishedNames are <meta> names and properties that give the
// publication time, besides those go-readability reads.
var publishedNames = map[string]bool{
	"date": true, "pubdate": true, "publishdate": true, "publish-date": true, "publish_date": true,
	"dc.date": true, "dc.date.issued": true, "dcterms.date": true, "dcterms.issued": true,
	"sailthru.date": true, "article.published": true, "article:published_time": true,
	"og:published_time": true, "datepublished": true, "parsely-pub-date": true,
}

// pagePublished finds a publication time in the page's <meta> tags,
// itemprop="datePublished" or a <time> in the article.
func pagePublished(doc *html.Node) time.Time {
	var cands []string
	var timeInArticle string
	walkHTML(doc, func(n *html.Node) {
		switch {
		case n.Data == "meta":
			for _, k := range []string{"name", "property", "itemprop"} {
				if publishedNames[strings.ToLower(attr(n, k))] {
					cands = append(cands, attr(n, "content"))
				}
			}
		case strings.EqualFold(attr(n, "itemprop"), "datePublished"):
			cands = append(cands, attr(n, "datetime"), attr(n, "content"))
		case n.Data == "time" && timeInArticle == "" && (hasAttr(n, "pubdate") || inside(n, "article")):
			timeInArticle = attr(n, "datetime")
		}
	})
	for _, c := range append(cands, timeInArticle) {
		if t, err := ParseDate(c); err == nil {
			return t
		}
	}
	return time.Time{}
}

// textOf is the text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

// countTag counts the elements named tag under n.
func countTag(n *html.Node, tag string) int {
	c := 0
	walkHTML(n, func(m *html.Node) {
		if m.Data == tag {
			c++
		}
	})
	return c
}

func walkHTML(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTML(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func inside(n *html.Node, tag string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == tag {
			return true
		}
	}
	return false
}

// htmlText turns an HTML fragment (a feed item's content) into paragraphs.
// A fragment without markup is plain text with its own line breaks.
func htmlText(s string) []string {
	if !strings.Contains(s, "<") {
		return paragraphs(html.UnescapeString(s))
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return paragraphs(s)
	}
	return dropBoilerplate(paragraphs(innerText(doc)))
}
