package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Entity IRIs are deterministic: the same person, country or issue named in
// two articles gets the same IRI, so that articles merge on their own.

// PersonIRI is the IRI of a person with this canonical name.
func PersonIRI(name string) quad.IRI { return quad.IRI(ID + "person/" + Slug(name)) }

// OrganizationIRI is the IRI of an organisation with this canonical name.
func OrganizationIRI(name string) quad.IRI { return quad.IRI(ID + "org/" + Slug(name)) }

// CountryIRI is the IRI of a country by its ISO 3166 alpha-3 code.
func CountryIRI(alpha3 string) quad.IRI {
	return quad.IRI(ID + "country/" + strings.ToUpper(alpha3))
}

// PlaceIRI is the IRI of a place (a city, a region) by its canonical name.
func PlaceIRI(name string) quad.IRI { return quad.IRI(ID + "place/" + Slug(name)) }

// IssueIRI is the IRI of an issue by its canonical name.
func IssueIRI(name string) quad.IRI { return quad.IRI(ID + "issue/" + Slug(name)) }

// GroupIRI is the IRI of a collective actor ("Chinese companies").
func GroupIRI(name string) quad.IRI { return quad.IRI(ID + "group/" + Slug(name)) }

// ArticleIRI is the IRI of an article from its identity: its URL when it has
// one, else a hash of its normalised text (see ArticleIdentity).
func ArticleIRI(identity string) quad.IRI {
	return quad.IRI(ID + "article/" + shortHash(identity))
}

// EventIRI is the IRI of an event of class class with the given
// participants, date and status. The participants are sorted, so the same
// meeting told by two articles, in any order, gets one node.
func EventIRI(class quad.IRI, participants []quad.IRI, date, status string) quad.IRI {
	ps := make([]string, len(participants))
	for i, p := range participants {
		ps[i] = string(p)
	}
	sort.Strings(ps)
	key := strings.Join([]string{string(class), strings.Join(ps, " "), date, status}, "|")
	return quad.IRI(ID + "event/" + Local(class) + "-" + shortHash(key))
}

// StatementIRI is the IRI of what speaker said, by its text.
func StatementIRI(speaker quad.IRI, text string) quad.IRI {
	return quad.IRI(ID + "statement/" + shortHash(string(speaker)+"|"+Fold(text)))
}

// mintedKinds maps the first path segment of a minted IRI to its class.
var mintedKinds = map[string]quad.IRI{
	"person": Person, "org": Organization, "country": Country, "place": Place,
	"group": Group, "issue": Issue, "article": NewsArticle, "statement": Statement,
}

// MintedKinds returns the local name of the class of each kind of minted
// IRI, by the first path segment after ID ("person": "Person"); events
// carry their class in their IRI instead (ID+"event/Meeting-<hash>"). The
// query prelude gets it as dkg.minted.
func MintedKinds() map[string]string {
	m := make(map[string]string, len(mintedKinds))
	for k, c := range mintedKinds {
		m[k] = Local(c)
	}
	return m
}

// ClassOf is the class of a node that dkg minted, read from its IRI alone
// (Person for ID+"person/wang-yi", Meeting for ID+"event/Meeting-<hash>"),
// and "" for an IRI that dkg did not mint (an imported node), whose class
// only the graph can tell. Queries use it to save a lookup per node; the
// prelude's dkg.classOf does the same in JavaScript.
func ClassOf(iri quad.IRI) quad.IRI {
	rest, ok := strings.CutPrefix(string(iri), ID)
	if !ok {
		return ""
	}
	kind, tail, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	if kind != "event" {
		return mintedKinds[kind]
	}
	local, _, ok := strings.Cut(tail, "-")
	if !ok {
		return ""
	}
	return eventClasses[local]
}

// eventClasses maps the local name of each event class to its IRI.
var eventClasses = func() map[string]quad.IRI {
	m := map[string]quad.IRI{}
	for _, t := range Terms {
		if t.Kind == "event class" {
			m[Local(t.IRI)] = t.IRI
		}
	}
	return m
}()

// Local is the local name of an IRI: the part after the last '/' or '#'.
func Local(iri quad.IRI) string {
	s := string(iri)
	if i := strings.LastIndexAny(s, "/#"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// Slug turns a name into the last segment of an IRI: folded, ASCII letters
// and digits joined by '-'. Names made only of non-Latin letters keep their
// letters (percent-encoding is the export's job).
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(name) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case r >= 128 && unicode.IsLetter(r):
			b.WriteRune(r)
			dash = false
		default:
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		return shortHash(name)
	}
	return s
}

// Fold is the match key of a name: lower case, accents removed, dots,
// hyphens and other punctuation dropped or turned into single spaces, so that
// "U.S." and "US", "Erdoğan" and "Erdogan", "Asia-Pacific" and "Asia Pacific"
// compare equal.
func Fold(s string) string {
	folded := s
	if !isASCII(s) {
		// Decompose, drop the accents, recompose: only non-ASCII text
		// pays for it.
		t := transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if f, _, err := transform.String(t, s); err == nil {
			folded = f
		}
	}
	var b strings.Builder
	space := false
	for _, r := range folded {
		switch {
		case r == '.' || r == '\'' || r == '’':
			// "U.S." -> "us", "Xi's" stays "xis" only for keys, never text.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ArticleIdentity is the identity of an article: its URL when it has one,
// else the hash of its text with whitespace normalised, so that the same
// text saved twice is one article.
func ArticleIdentity(url, text string) string {
	if url != "" {
		return url
	}
	return "text:" + strings.Join(strings.Fields(text), " ")
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// Date is the literal for a date with the precision the text gave:
// "2023" (xsd:gYear), "2023-05" (xsd:gYearMonth) or "2023-06-19" (xsd:date).
func Date(s string) quad.Value {
	switch len(s) {
	case 4:
		return quad.TypedString{Value: quad.String(s), Type: XSDGYear}
	case 7:
		return quad.TypedString{Value: quad.String(s), Type: XSDGYearMonth}
	default:
		return quad.TypedString{Value: quad.String(s), Type: XSDDate}
	}
}
