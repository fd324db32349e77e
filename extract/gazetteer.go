package extract

import (
	"strings"
	"unicode"

	"github.com/dkg/dkg/extract/lexicon"
	"github.com/dkg/dkg/schema"
)

// kind says what a gazetteer phrase names.
type kind int

const (
	kCountry kind = iota + 1
	kCapital
	kDemonym
	kPlace
	kOrg
	kOfficial
	kMetonym
	kTitle
	kIssue
	kEvent
	numKinds
)

// entry is one dictionary phrase and what it stands for.
type entry struct {
	kind  kind
	keys  []string // folded words of the phrase
	exact []string // for short all-caps aliases ("US"): the exact words to see
	// needCap: the first word must be capitalised in the text (names).
	needCap bool

	country  *lexicon.Country
	place    *lexicon.Place
	org      *lexicon.Organization
	official *lexicon.Official
	title    *lexicon.Title
	issue    *lexicon.Issue
	event    *lexicon.EventVerb
	metonym  *lexicon.Metonym
	name     string // the dictionary's spelling, for capitals
}

// gazetteer finds dictionary phrases in a token stream, longest first.
type gazetteer struct {
	// byFirst holds the phrases by their first word, split by kind so
	// that a lookup scans only the kinds it asks for.
	byFirst map[string]*[numKinds][]*entry
	stop    map[string]bool
	// countries by alpha-3 code, for naming a country found by a capital,
	// a demonym or an official.
	countries map[string]*lexicon.Country
	// officials by folded surname keys (first and last word of the name).
	officialsBySurname map[string][]*lexicon.Official
	lex                *lexicon.Lexicon
}

func foldPhrase(s string) string { return schema.Fold(s) }

// phraseKeys splits a dictionary phrase into the match keys of its words,
// the same way the article is tokenised.
func phraseKeys(p string) (keys, words []string) {
	toks, _ := tokenize(nil, p, 0, len(p), false, 0, 0)
	for _, t := range toks {
		if t.Word || t.Key == "'s" {
			keys = append(keys, t.Key)
			words = append(words, t.Text)
		}
	}
	return keys, words
}

func newGazetteer(lex *lexicon.Lexicon) *gazetteer {
	g := &gazetteer{
		byFirst:            map[string]*[numKinds][]*entry{},
		stop:               map[string]bool{},
		countries:          map[string]*lexicon.Country{},
		officialsBySurname: map[string][]*lexicon.Official{},
		lex:                lex,
	}
	add := func(phrase string, e entry) {
		keys, words := phraseKeys(phrase)
		if len(keys) == 0 {
			return
		}
		e.keys = keys
		// Short all-caps aliases must be seen as written: "US" is the
		// country, "us" is a pronoun.
		if len(words) == 1 && isUpperWord(words[0]) && len(keys[0]) <= 4 {
			e.exact = words
		}
		if e.needCap {
			r := []rune(words[0])
			if len(r) > 0 && !unicode.IsUpper(r[0]) {
				// "the Kremlin": the first word is lower case in the
				// dictionary; require the capital on the next word.
				e.needCap = false
			}
		}
		ep := e
		b := g.byFirst[keys[0]]
		if b == nil {
			b = new([numKinds][]*entry)
			g.byFirst[keys[0]] = b
		}
		b[e.kind] = append(b[e.kind], &ep)
	}
	for i := range lex.Countries {
		c := &lex.Countries[i]
		g.countries[c.Code] = c
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			add(n, entry{kind: kCountry, country: c, needCap: true})
		}
		for _, n := range c.Capitals {
			add(n, entry{kind: kCapital, country: c, needCap: true, name: n})
		}
		for _, n := range c.Demonyms {
			add(n, entry{kind: kDemonym, country: c, needCap: true})
		}
	}
	for i := range lex.Places {
		p := &lex.Places[i]
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			add(n, entry{kind: kPlace, place: p, needCap: true})
		}
	}
	for i := range lex.Organizations {
		o := &lex.Organizations[i]
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			add(n, entry{kind: kOrg, org: o, needCap: true})
		}
	}
	for i := range lex.Officials {
		o := &lex.Officials[i]
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			add(n, entry{kind: kOfficial, official: o, needCap: true})
		}
		keys, _ := phraseKeys(o.Name)
		if len(keys) >= 2 {
			for _, k := range []string{keys[0], keys[len(keys)-1]} {
				g.officialsBySurname[k] = append(g.officialsBySurname[k], o)
			}
		}
	}
	for i := range lex.Metonyms {
		m := &lex.Metonyms[i]
		add(m.Phrase, entry{kind: kMetonym, metonym: m, needCap: true})
	}
	for i := range lex.Titles {
		t := &lex.Titles[i]
		add(t.Phrase, entry{kind: kTitle, title: t})
		if p := pluralTitle(t.Phrase); p != "" {
			add(p, entry{kind: kTitle, title: t})
		}
	}
	for i := range lex.Issues {
		is := &lex.Issues[i]
		for _, trig := range append(append([]string{is.Name}, is.Aliases...), is.Triggers...) {
			add(trig, entry{kind: kIssue, issue: is})
		}
	}
	for i := range lex.Events {
		ev := &lex.Events[i]
		for _, f := range ev.Forms {
			add(f, entry{kind: kEvent, event: ev})
		}
	}
	for _, s := range lex.StopNames {
		g.stop[foldWord(s)] = true
	}
	return g
}

// pluralTitle is the plural of a title ("presidents", "foreign
// ministers"), or "" when it has none worth matching.
func pluralTitle(p string) string {
	if p == "" || strings.HasSuffix(p, ".") || strings.Contains(p, " of ") {
		return ""
	}
	switch {
	case strings.HasSuffix(p, "s"):
		return ""
	case strings.HasSuffix(p, "y") && !strings.HasSuffix(p, "ey"):
		return p[:len(p)-1] + "ies"
	case strings.HasSuffix(p, "man"):
		return p[:len(p)-3] + "men"
	default:
		return p + "s"
	}
}

// match returns the longest entries of the wanted kinds that start at token
// i, all of the same length (a phrase may name several things: "Georgia").
func (g *gazetteer) match(toks []token, i int, want func(kind) bool) (n int, found []*entry) {
	b := toks[i].phrases
	if b == nil {
		return 0, nil
	}
	for k := kind(1); k < numKinds; k++ {
		if len(b[k]) == 0 || !want(k) {
			continue
		}
		for _, e := range b[k] {
			if len(e.keys) < n || !g.matchesAt(toks, i, e) {
				continue
			}
			if len(e.keys) > n {
				n = len(e.keys)
				found = found[:0]
			}
			found = append(found, e)
		}
	}
	return n, found
}

func (g *gazetteer) matchesAt(toks []token, i int, e *entry) bool {
	j := i
	for k, key := range e.keys {
		// Skip punctuation inside a phrase only where the phrase has none.
		if j >= len(toks) || toks[j].Key != key {
			return false
		}
		if e.exact != nil && toks[j].Text != e.exact[k] {
			// Allow "U.S." for "US": same key, dotted form.
			if strings.ReplaceAll(toks[j].Text, ".", "") != e.exact[k] {
				return false
			}
		}
		if k < len(e.keys)-1 && !toks[j].Word && key != "'s" {
			return false
		}
		j++
	}
	if e.needCap && !toks[i].Cap {
		return false
	}
	// A name must not continue into a longer capitalised name:
	// "Georgia" in "Georgia Tech" is not the country.
	return true
}
