package extract

import (
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/extract/lexicon"
	"github.com/dkg/dkg/schema"
)

// entKind is what an entity is.
type entKind int

const (
	ePerson entKind = iota + 1
	eOrg
	eCountry
	ePlace
	eGroup
	eIssue
)

// entity is one person, organisation, country, place, group or issue of an
// article, with everything the article (and public dictionaries) say about
// it.
type entity struct {
	kind      entKind
	name      string          // canonical name
	alt       map[string]bool // other names seen for it
	code      string          // alpha-3 code of a country; the country of a place, org or group
	title     string          // job title as the text gives it
	tkind     string          // kind of title (lexicon.Title.Kind)
	former    bool            // "former US House speaker"
	affil     *entity         // person -> organisation
	repr      string          // alpha-3 of the country an official acts for
	ofCountry string          // "X of Saudi Arabia": the country named after the name
	govOf     string          // for a government body: the country it belongs to
	issue     *lexicon.Issue  // for issues
	iri       quad.IRI
	mention   int // number of mentions, for salience
}

func (e *entity) addName(n string) {
	n = strings.TrimSpace(n)
	if n == "" || n == e.name {
		return
	}
	if e.alt == nil {
		e.alt = map[string]bool{}
	}
	e.alt[n] = true
}

// spoke records that a speaker was named at a byte offset, for pronouns.
type spoke struct {
	e   *entity
	pos int
}

// desc is a definite description ("the Chinese leader") to resolve to a
// person of the article with that country and title.
type desc struct {
	m     *mention
	code  string
	title string
}

// pendingAffil is "Lu of CASS": a person and the organisation named after
// "of", tied once the surname is resolved.
type pendingAffil struct {
	m      *mention
	orgTok int
}

// mention is a span of tokens that names an entity.
type mention struct {
	start, end int // token indices, [start, end)
	ent        *entity
	place      *entity // a capital's city, when the mention is used as a place
	adj        bool    // a demonym used as an adjective ("Chinese warship")
	compound   bool    // part of a hyphenated modifier ("US-China ties")
	possessive bool    // followed by 's
	pronoun    bool    // he, she, they...
}

// sentence is one sentence of the article.
type sentence struct {
	start, end int // token indices
	para       int
	text       string // the sentence text
	offset     int    // byte offset of text in the article
	mentions   []*mention
	issues     []*entity
	unknown    [][2]int // capitalised runs no cue classified, for a second look
}

// doc is an article being read.
type doc struct {
	p         *Pipeline
	art       Article
	text      string
	published time.Time
	pubDate   string // YYYY-MM-DD, "" when unknown
	toks      []token
	sents     []*sentence
	paraIssue map[int][]*entity

	ents     map[string]*entity // by kind+key
	persons  []*entity          // in order of first mention
	acronyms map[string]*entity // folded acronym or alias -> entity
	order    []*entity          // every entity in order of creation

	events     []*event
	statements []*statement

	pendingTitles  []pendingTitle
	pendingAffil   []pendingAffil
	descs          []desc
	dateline       *entity // the place of a wire dateline
	known          *Known  // people learned from earlier articles
	spoke          []spoke // speakers found so far, with where they spoke
	lastSpeaker    *entity
	lastWasParties bool
}

func entKey(k entKind, key string) string {
	return string(rune('0'+int(k))) + ":" + key
}

// entity returns the entity of kind k known by key, creating it with name.
func (d *doc) entity(k entKind, key, name string) *entity {
	id := entKey(k, key)
	if e, ok := d.ents[id]; ok {
		return e
	}
	e := &entity{kind: k, name: name}
	d.ents[id] = e
	d.order = append(d.order, e)
	if k == ePerson {
		d.persons = append(d.persons, e)
	}
	return e
}

func (d *doc) country(c *lexicon.Country) *entity {
	e := d.entity(eCountry, c.Code, c.Name)
	e.code = c.Code
	return e
}

func (d *doc) countryByCode(code string) *entity {
	if c := d.p.gaz.countries[code]; c != nil {
		return d.country(c)
	}
	return nil
}

func (d *doc) person(name string) *entity {
	return d.entity(ePerson, schema.Fold(name), name)
}

func (d *doc) org(name string) *entity {
	return d.entity(eOrg, schema.Fold(name), name)
}

func (d *doc) place(name, code string) *entity {
	e := d.entity(ePlace, schema.Fold(name), name)
	if e.code == "" {
		e.code = code
	}
	return e
}

func (d *doc) issueEntity(is *lexicon.Issue) *entity {
	e := d.entity(eIssue, schema.Fold(is.Name), is.Name)
	e.issue = is
	return e
}

// spanText is the article text covered by tokens [a, b).
func (d *doc) spanText(a, b int) string {
	if a >= b {
		return ""
	}
	return d.text[d.toks[a].Start:d.toks[b-1].End]
}
