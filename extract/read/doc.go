// Package read turns every common input into extract.Article values: plain
// text, HTML pages, JSON Lines, RSS and Atom feeds, http(s) URLs, whole
// directories, glob patterns and standard input.
//
// All reads a list of paths and File reads one; both yield Items in input
// order, each an Article or an *Error. A failure affects only its own input
// (or its own line of a JSON Lines file): the rest go on.
//
// # Formats
//
// The format of a file comes from Options.Format when set ("text", "html",
// "jsonl" or "feed"), else from its extension, else from its first bytes:
//
//	.txt .text .md .markdown   text
//	.html .htm .xhtml          html
//	.jsonl .ndjson             jsonl
//	.xml .rss .atom            feed (RSS 0.9x/1.0/2.0 or Atom)
//
// A fetched URL is placed by its Content-Type, then by the extension of its
// path, then by its first bytes. Sniffing takes "<rss", "<rdf:RDF" and "<feed"
// roots as a feed, other markup as HTML, a leading "{" as JSON Lines (or a
// JSON Feed when it names jsonfeed.org), and anything else as text.
//
// Text is always UTF-8 (a UTF-8 or UTF-16 byte order mark is honoured).
// Text that is not UTF-8 is refused with the byte offset of the first bad
// byte, except for HTML, whose charset comes from a byte order mark, the
// HTTP Content-Type or a <meta> tag, in that order; a page that is valid
// UTF-8 is read as UTF-8 whatever it declares. A URL's text or feed that
// is not UTF-8 is decoded from the charset its Content-Type names.
//
// # Text files and front matter
//
// A text file may start with front matter: a line "---", lines of
// "key: value", and a closing line "---".
//
//	---
//	title: Blinken meets Xi in Beijing
//	published: 2023-06-20
//	url: https://example.org/a
//	source: Example Wire
//	---
//	Body paragraph one.
//
// Keys are case-insensitive: title (or headline), published (or date),
// url, source (or outlet), and author, which is accepted and ignored.
// Any other key is an error naming its line in the file
// (`front matter line 3: unknown key "auhtor"`), and so is a key given
// twice. A value may be wrapped in single or double quotes; an empty value
// is the same as no value. Blank lines and lines starting with "#" are
// skipped. published is a date (2006-01-02) or an RFC 3339 time (other
// layouts that ParseDate knows are accepted too); url must be absolute.
// A file whose first line is not "---" has no front matter.
//
// The body is normalised: CRLF and CR become LF, runs of spaces and tabs
// become one space, control characters go, and blank lines are dropped, so
// that each paragraph is one line and the paragraphs are joined by "\n".
// When paragraphs are separated by blank lines and no line is longer than
// 100 characters the text is taken as hard-wrapped, and the lines of each
// paragraph are joined with a space.
//
// # HTML
//
// The main text of a page is found by go-readability (a port of Mozilla's
// Readability); figures, captions, asides and "Advertisement" labels are
// dropped. The title, site name and publication time come from the page's
// metadata (Open Graph, JSON-LD, Dublin Core, <time> and common <meta>
// names). Article.URL is the page's canonical link (or og:url), else the
// address it was fetched from. A fetched text's URL is its front matter url,
// else the address it came from.
//
// # JSON Lines
//
// One JSON object per line; blank lines are skipped. The fields read are:
//
//	text       or content, body     the article text (required)
//	title      or headline
//	published  or date, published_at  a date string, or Unix seconds
//	url        or link              an absolute URL
//	source     or outlet
//
// Others (id, author, section, ...) are ignored. A line that is not valid
// JSON, not an object, not UTF-8, has a field of the wrong type or has no
// text is reported as "PATH:LINE: ..." and skipped; the other lines load.
//
// # Feeds
//
// Every item of an RSS or Atom feed is an article: its title, link, publication
// (else update) time, and its content, else its description, with the HTML
// stripped. The feed's title is the source. A feed URL yields its items with
// the text the feed holds: the item pages are not fetched.
//
// # Options
//
// For an input that holds one article (a text or HTML file, standard input
// read as text or HTML, a page URL) a non-empty Title, URL, Source or
// Published option overrides what the input says. For an input that holds
// many (JSON Lines, feeds) the options are defaults for the articles that
// lack the field, and a URL option is an error unless the input holds a
// single article.
//
// # Paths
//
// "-" is standard input (Options.Stdin, else os.Stdin); a path starting with
// http:// or https:// is fetched (at most 5 redirects, Options.Client or a
// client with a 30 s timeout); a directory is walked recursively for files
// with a known extension, in the order of their paths, skipping names that
// start with "." and not following symbolic links to directories; a path that
// does not exist but contains any of *?[ is a filepath.Glob pattern.
//
// No input may be larger than Options.MaxSize (32 MiB by default): a file is
// checked before it is read, and standard input and URLs while they are read.
package read
