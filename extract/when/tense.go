package when

import "strings"

// TenseOf guesses the tense of the event a clause reports, from its words.
// It is a heuristic, not a parser; it reads words only, and it errs
// towards Unknown:
//
//   - Future when the clause has a marker of the future: "will", "shall",
//     "'ll", "won't", "is/are to", "(is) expected to", "is set to",
//     "is due to", "is going to", "plans/intends/aims to", "scheduled
//     to/for", "next" (not "next to"), "upcoming", "forthcoming",
//     "tomorrow", "soon", "the coming", "later this/today";
//   - otherwise Unknown when it has another modal ("would", "could",
//     "might", "may", "should", "must"): "said he would visit" reports a
//     plan whose date may lie on either side of publication;
//   - otherwise Past when it has a marker of the past: "last" (not "the
//     last", "at last"), "ago", "yesterday", "earlier", "previously",
//     "was", "were", "had", "did", "has been", a common irregular past
//     ("met", "said", "held", "told", ...) or a word in -ed after what may
//     be a subject ("officials warned", "Biden visited"; not "the proposed
//     deal", "is expected", "newly elected", "US-backed");
//   - otherwise Unknown.
//
// A future marker wins over a past one, so that "officials said the
// leaders will meet" is Future: reporting verbs are past, the event they
// report need not be. Callers that know the tense better (from a
// part-of-speech tagger) should pass it to Find instead.
func TenseOf(clause string) Tense {
	var buf [64]token
	p := parser{s: clause, t: lex(clause, buf[:0])}
	past, modal := false, false
	for k := range p.t {
		w := p.fw(k)
		if w == "" || w != p.w(k) && k > 0 && p.t[k-1].kind != punct {
			continue // a capitalised word inside the clause is a name: "May", "Will"
		}
		if p.future(k, w) {
			return Future
		}
		switch w {
		case "would", "could", "might", "may", "should", "must":
			modal = true
		}
		if !past && p.past(k, w) {
			past = true
		}
	}
	switch {
	case modal:
		return Unknown
	case past:
		return Past
	}
	return Unknown
}

// apostrophe reports whether token k is an apostrophe touching both of its
// neighbours, as in "won't" or "they'll".
func (p *parser) apostrophe(k int) bool {
	return (p.punctIs(k, "'") || p.punctIs(k, "’")) && p.touch(k-1) && p.touch(k)
}

func isBe(w string) bool {
	switch w {
	case "is", "are", "am", "was", "were", "be", "been", "being", "s", "re":
		return true
	}
	return false
}

// future reports whether word w at token k marks the future.
func (p *parser) future(k int, w string) bool {
	next := p.fw(k + 1)
	switch w {
	case "will", "shall":
		switch p.fw(k - 1) {
		case "the", "a", "of", "political", "good", "free", "ill", "own", "his", "her", "their", "its", "my", "your", "our", "whose":
			return false // "the will of the people"
		}
		return true
	case "ll":
		return p.apostrophe(k - 1)
	case "won":
		return p.touch(k) && p.apostrophe(k+1) && p.text(k+2) == "t"
	case "next":
		return next != "to"
	case "upcoming", "forthcoming", "tomorrow", "soon":
		return true
	case "coming":
		pw := p.fw(k - 1)
		return pw == "the" || pw == "in"
	case "later":
		return next == "this" || next == "today"
	case "expected", "plans", "plan", "planning", "intends", "intend", "intending", "aims", "aiming":
		return p.toVerb(k)
	case "scheduled", "slated":
		return p.toVerb(k) || next == "for"
	case "planned":
		return isBe(p.fw(k-1)) && (p.toVerb(k) || next == "for")
	case "set", "due", "going", "poised":
		return isBe(p.fw(k-1)) && p.toVerb(k)
	case "is", "are":
		// "the president is to visit", "the aim is to finish by March"
		return p.toVerb(k)
	}
	return false
}

// toVerb reports whether token k is followed by "to" and a lower-case
// word: "plans to visit", not "a plan to Putin".
func (p *parser) toVerb(k int) bool {
	v := p.w(k + 2)
	return p.fw(k+1) == "to" && v != "" && !isUpper(v[0])
}

// past reports whether word w at token k marks the past.
func (p *parser) past(k int, w string) bool {
	switch w {
	case "last":
		pw := p.fw(k - 1)
		return pw != "the" && pw != "at"
	case "ago", "yesterday", "earlier", "previously", "formerly",
		"was", "were", "had", "did", "didn", "wasn", "weren", "hadn":
		return true
	case "been":
		switch p.fw(k - 1) {
		case "has", "have", "had":
			return true
		}
		return p.apostrophe(k-2) && (p.text(k-1) == "s" || p.text(k-1) == "ve")
	case "won":
		if p.touch(k) && p.apostrophe(k+1) {
			return false // "won't"
		}
	}
	if !irregularPast[w] && !isEdVerb(w) {
		return false
	}
	// After what may be a subject: not at the start, not in a compound
	// ("US-led"), not after a determiner, an auxiliary of the passive or
	// an adverb ("the disputed islands", "is concerned", "newly elected").
	if k == 0 || p.touch(k-1) && p.t[k-1].kind == punct {
		return false
	}
	prev := p.w(k - 1)
	if prev == "" {
		return p.t[k-1].kind == punct && !p.punctIs(k-1, "-")
	}
	if isUpper(prev[0]) && k-1 > 0 && p.t[k-2].kind != punct {
		return true // a name: "Theresa May spoke"
	}
	lp := lower(prev)
	return lp == "" || !notSubject[lp] && !isBe(lp) && !strings.HasSuffix(lp, "ly")
}

// isEdVerb reports whether w looks like a regular past tense.
func isEdVerb(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "ed") && !edNotVerb[w]
}

var edNotVerb = map[string]bool{
	"indeed": true, "proceed": true, "succeed": true, "exceed": true,
	"speed": true, "breed": true, "bleed": true, "greed": true,
	"hundred": true, "sacred": true, "naked": true, "wicked": true,
	"beloved": true, "rugged": true, "ragged": true, "jagged": true,
	"kindred": true, "hatred": true, "wretched": true, "embed": true,
	"shred": true,
}

// notSubject are words after which a past form is a participle or an
// adjective, not a finite verb.
var notSubject = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true,
	"these": true, "those": true, "its": true, "their": true, "his": true,
	"her": true, "our": true, "your": true, "my": true, "to": true,
	"of": true, "by": true, "for": true, "with": true, "very": true,
	"more": true, "most": true, "less": true, "so": true, "well": true,
	"too": true, "will": true, "would": true, "could": true, "should": true,
	"may": true, "might": true, "must": true, "can": true, "get": true,
	"got": true,
}

var irregularPast = map[string]bool{
	"met": true, "said": true, "told": true, "held": true, "went": true,
	"came": true, "took": true, "gave": true, "made": true, "saw": true,
	"spoke": true, "wrote": true, "left": true, "won": true, "lost": true,
	"sent": true, "brought": true, "thought": true, "began": true,
	"became": true, "ran": true, "led": true, "fled": true, "fought": true,
	"struck": true, "sought": true, "sold": true, "bought": true,
	"paid": true, "kept": true, "meant": true, "felt": true, "found": true,
	"heard": true, "knew": true, "broke": true, "chose": true, "drew": true,
	"drove": true, "fell": true, "flew": true, "forgot": true, "froze": true,
	"grew": true, "hid": true, "hung": true, "rose": true, "shook": true,
	"shot": true, "sat": true, "slept": true, "spent": true, "stood": true,
	"stole": true, "swore": true, "taught": true, "threw": true,
	"understood": true, "woke": true, "wore": true, "withdrew": true,
	"underwent": true, "undertook": true, "oversaw": true, "upheld": true,
	"withheld": true, "arose": true, "built": true, "dealt": true,
	"laid": true, "lent": true, "sank": true, "swept": true, "tore": true,
	"wept": true, "forgave": true, "overtook": true, "foresaw": true,
}

// tenseWords are the words TenseOf reads, for capitalised lookups.
var tenseWords = func() []string {
	l := []string{
		"will", "shall", "next", "upcoming", "forthcoming", "tomorrow",
		"soon", "coming", "later", "expected", "plans", "plan", "planning",
		"intends", "intend", "intending", "aims", "aiming", "scheduled",
		"slated", "planned", "set", "due", "going", "poised", "is", "are", "would",
		"could", "might", "may", "should", "must", "last", "ago",
		"yesterday", "earlier", "previously", "formerly", "was", "were",
		"had", "did", "has", "have", "been", "to", "be", "am",
		"won", "didn", "wasn", "weren", "hadn",
	}
	for w := range notSubject {
		l = append(l, w)
	}
	for w := range irregularPast {
		l = append(l, w)
	}
	return l
}()
