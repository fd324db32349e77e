package extract

import (
	"net/url"
	"path/filepath"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// Article is one news story, as read from its source and before any fact
// is taken from it.
type Article struct {
	// URL is the article's own address, when the source gave one.
	URL string
	// Location is where the text was read from: a file path, "-" for
	// stdin, or the address it was fetched from.
	Location string
	// Title is the headline.
	Title string
	// Source names the outlet ("Voice of America").
	Source string
	// Published is the publication time; zero when unknown.
	Published time.Time
	// Text is the body: paragraphs separated by newlines.
	Text string
}

// Identity is what makes two reads the same article: its URL when given,
// else its normalised text.
func (a Article) Identity() string { return schema.ArticleIdentity(a.URL, a.Text) }

// IRI is the article's node and the label of every quad taken from it.
func (a Article) IRI() quad.IRI { return schema.ArticleIRI(a.Identity()) }

// Address is the url recorded on the article node: its own URL, else a
// file:// URL of the file it came from.
func (a Article) Address() string {
	if a.URL != "" {
		return a.URL
	}
	if a.Location == "" || a.Location == "-" {
		return ""
	}
	abs, err := filepath.Abs(a.Location)
	if err != nil {
		abs = a.Location
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}
