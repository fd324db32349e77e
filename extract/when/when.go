package when

import "time"

// Tense says whether the event a sentence reports lies before or after the
// publication date. It decides phrases that name a month, a weekday or a
// season without a year.
type Tense int

// The tenses.
const (
	Unknown Tense = iota // the text does not say
	Past                 // "met", "visited", "said"
	Future               // "will meet", "is expected to"
)

// String returns "unknown", "past" or "future".
func (t Tense) String() string {
	switch t {
	case Past:
		return "past"
	case Future:
		return "future"
	}
	return "unknown"
}

// Date is a resolved time expression.
type Date struct {
	Value      string // "2023", "2023-05" or "2023-06-19": the precision the text gives
	Phrase     string // the matched text, e.g. "last month", "on Monday evening"
	Start, End int    // byte offsets of Phrase in the sentence
}

// Find returns the time expressions in sentence, resolved against published
// (the article's publication date, taken in its own location), in order of
// appearance. tense is the tense of the event the sentence reports; see the
// package documentation for how it decides phrases such as "in November".
// Expressions that cannot be resolved to a calendar date, a month or a year
// ("soon", "in the coming weeks", "over the past year") yield nothing.
func Find(sentence string, published time.Time, tense Tense) []Date {
	var buf [64]token
	p := parser{s: sentence, t: lex(sentence, buf[:0]), tense: tense}
	y, m, d := published.Date()
	p.py, p.pm, p.pd, p.pw = y, int(m), d, published.Weekday()
	var out []Date
	for i := 0; i < len(p.t); i++ {
		v, start, end, ok := p.match(i)
		if !ok {
			continue
		}
		s, e := p.t[start].start, p.t[end-1].end
		out = append(out, Date{Value: v, Phrase: sentence[s:e], Start: s, End: e})
		i = end - 1
	}
	return out
}

// parser holds one sentence's tokens and the publication date.
type parser struct {
	s          string
	t          []token
	tense      Tense
	py, pm, pd int
	pw         time.Weekday
}

// ctx is what precedes the head word of an expression: "in", "since the",
// "early", "mid-", "last", in that order, each optional.
type ctx struct {
	start int    // first token of the phrase
	j     int    // the head token
	prep  string // "in", "on", "since", ...
	the   bool   // "the" after the preposition ("in the autumn")
	mod   string // "early", "mid", "late", "earlier", "later"
	rel   string // "last", "this", "next"
	tense Tense  // p.tense, or Past after "since"
}

func (p *parser) text(k int) string {
	if k < 0 || k >= len(p.t) {
		return ""
	}
	return p.s[p.t[k].start:p.t[k].end]
}

// w returns token k if it is a word, else "".
func (p *parser) w(k int) string {
	if k < 0 || k >= len(p.t) || p.t[k].kind != word {
		return ""
	}
	return p.s[p.t[k].start:p.t[k].end]
}

// fw returns token k in lower case if it is a lower-case word or a
// capitalised function word, else "".
func (p *parser) fw(k int) string { return lower(p.w(k)) }

// touch reports whether tokens k and k+1 exist with no space between them.
func (p *parser) touch(k int) bool {
	return k >= 0 && k+1 < len(p.t) && p.t[k].end == p.t[k+1].start
}

func (p *parser) punctIs(k int, s string) bool {
	return k >= 0 && k < len(p.t) && p.t[k].kind == punct && p.text(k) == s
}

// possessive reports whether token k is followed by "'s" or "’s".
func (p *parser) possessive(k int) bool {
	return p.touch(k) && (p.punctIs(k+1, "'") || p.punctIs(k+1, "’")) && p.touch(k+1) && p.text(k+2) == "s"
}

// cleanBefore reports whether number token k stands alone on its left: a
// space, or an opening bracket, quote or dash ("18-19 June"), not "$18",
// "1.5" or "G7".
func (p *parser) cleanBefore(k int) bool {
	if k == 0 || p.t[k-1].end < p.t[k].start {
		return true
	}
	if p.t[k-1].kind != punct {
		return false
	}
	switch p.text(k - 1) {
	case "(", "\"", "“", "'", "‘", "-", "–", "—":
		return true
	}
	return false
}

// cleanAfter reports whether token k (a number, or its ordinal suffix) ends
// the number: a space or closing punctuation follows, not "%", "km", "5,000"
// or "10:30".
func (p *parser) cleanAfter(k int) bool {
	if !p.touch(k) {
		return true
	}
	if p.t[k+1].kind != punct {
		return false
	}
	switch p.text(k + 1) {
	case ",", ".", ":":
		return !(p.touch(k+1) && p.t[k+2].kind == num)
	case ";", ")", "!", "?", "\"", "”", "’", "'", "-", "–", "—":
		return true
	}
	return false
}

// match tries an expression starting at token i and returns its value and
// token span.
func (p *parser) match(i int) (v string, start, end int, ok bool) {
	if p.t[i].kind == punct {
		return "", 0, 0, false
	}
	c := ctx{start: i, j: i, tense: p.tense}
	if w := p.fw(c.j); isPreposition(w) {
		c.prep = w
		c.j++
		if p.fw(c.j) == "the" {
			c.the = true
			c.j++
		}
		if w == "since" {
			c.tense = Past
		}
		if w == "of" { // "end of March": the phrase is "March"
			c.start++
		}
	}
	if w := p.fw(c.j); isModifier(w) {
		c.mod = w
		c.j++
		if w == "mid" && p.touch(c.j-1) && (p.punctIs(c.j, "-") || p.punctIs(c.j, "–")) && p.touch(c.j) {
			c.j++
		}
	}
	switch w := p.fw(c.j); w {
	case "last", "this", "next":
		if p.fw(c.j-1) == "the" { // "the last year", "over the next week": a span
			return "", 0, 0, false
		}
		c.rel = w
		c.j++
	}
	if c.j >= len(p.t) {
		return "", 0, 0, false
	}
	switch p.t[c.j].kind {
	case num:
		v, end, ok = p.numHead(c)
	case word:
		v, end, ok = p.wordHead(c)
		if ok && c.start == c.j && p.w(c.j) == "day" && p.fw(c.j-1) == "the" {
			c.start-- // "the day before yesterday"
		}
	}
	if !ok || v == "" {
		return "", 0, 0, false
	}
	return v, c.start, end, true
}

func (p *parser) numHead(c ctx) (string, int, bool) {
	switch len(p.text(c.j)) {
	case 4:
		if c.mod == "" && c.rel == "" && !c.the {
			if v, e, ok := p.iso(c.j); ok {
				return v, e, true
			}
		}
		return p.yearHead(c)
	case 1, 2:
		if c.mod == "" && c.rel == "" && !c.the {
			if v, e, ok := p.dayMonth(c.j, c.tense); ok {
				return v, e, true
			}
		}
		return p.ago(c)
	case 3:
		return p.ago(c)
	}
	return "", 0, false
}

func (p *parser) wordHead(c ctx) (string, int, bool) {
	w := p.w(c.j)
	if m, abbr := monthOf(w); m != 0 {
		return p.monthHead(c, m, abbr)
	}
	if wd, ok := weekdayOf(w); ok {
		return p.weekdayHead(c, wd)
	}
	switch w {
	case "spring":
		return p.seasonHead(c, 3, false)
	case "summer":
		return p.seasonHead(c, 6, false)
	case "autumn":
		return p.seasonHead(c, 9, false)
	case "fall":
		return p.seasonHead(c, 9, true)
	case "winter":
		return p.seasonHead(c, 12, false)
	case "week", "month", "year", "weekend":
		return p.unitHead(c, w)
	case "night", "morning", "afternoon", "evening":
		return p.partHead(c, w)
	case "yesterday", "today", "tomorrow", "tonight",
		"Yesterday", "Today", "Tomorrow", "Tonight":
		return p.dayWord(c, w)
	case "day":
		return p.dayBeforeAfter(c)
	}
	if _, ok := numberWords[p.fw(c.j)]; ok {
		return p.ago(c)
	}
	return "", 0, false
}

// day reads a day of the month at token k ("18", "18th") and returns it
// with the index of the token after it.
func (p *parser) day(k int) (int, int, bool) {
	if k >= len(p.t) || p.t[k].kind != num || !p.cleanBefore(k) {
		return 0, 0, false
	}
	s := p.text(k)
	if len(s) > 2 {
		return 0, 0, false
	}
	d := atoi(s)
	if d < 1 || d > 31 {
		return 0, 0, false
	}
	e := k
	if p.touch(k) {
		switch p.w(k + 1) {
		case "st", "nd", "rd", "th":
			e = k + 1
		}
	}
	if !p.cleanAfter(e) {
		return 0, 0, false
	}
	return d, e + 1, true
}

// year reads a year at token k: four digits from 1800 to 2199, standing
// alone ("2022", not "2022-23", "1990s" or "2,022").
func (p *parser) year(k int) (int, int, bool) {
	if k >= len(p.t) || p.t[k].kind != num || len(p.text(k)) != 4 || !p.cleanBefore(k) || !p.cleanAfter(k) {
		return 0, 0, false
	}
	if p.touch(k) && p.touch(k+1) && p.t[k+2].kind == num {
		return 0, 0, false // "2022-23", "2022/23"
	}
	y := atoi(p.text(k))
	if y < 1800 || y > 2199 {
		return 0, 0, false
	}
	return y, k + 1, true
}

// iso reads "2023-06-18" at token k.
func (p *parser) iso(k int) (string, int, bool) {
	if k+4 >= len(p.t) || !p.punctIs(k+1, "-") || !p.punctIs(k+3, "-") ||
		p.t[k+2].kind != num || p.t[k+4].kind != num ||
		len(p.text(k+2)) != 2 || len(p.text(k+4)) != 2 {
		return "", 0, false
	}
	for i := k; i < k+4; i++ {
		if !p.touch(i) {
			return "", 0, false
		}
	}
	y, m, d := atoi(p.text(k)), atoi(p.text(k+2)), atoi(p.text(k+4))
	if !valid(y, m, d) {
		return "", 0, false
	}
	return format(y, m, d), k + 5, true
}

// monthDay reads "June 18", "June 18, 2023", "Sept. 18 2023" at token j.
func (p *parser) monthDay(j, m int, abbr bool, t Tense) (string, int, bool) {
	e := p.afterMonth(j, abbr)
	if e >= len(p.t) || p.t[e-1].end == p.t[e].start { // "June18"
		return "", 0, false
	}
	d, k, ok := p.day(e)
	if !ok {
		return "", 0, false
	}
	k2 := k
	if p.punctIs(k2, ",") && p.touch(k-1) {
		k2++
	}
	if y, k3, ok := p.year(k2); ok {
		if !valid(y, m, d) {
			return "", 0, false
		}
		return format(y, m, d), k3, true
	}
	y, ok := p.yearOfDay(m, d, t)
	if !ok {
		return "", 0, false
	}
	return format(y, m, d), k, true
}

// dayMonth reads "18 June", "18th of June 2023", "18-19 June" at token j.
func (p *parser) dayMonth(j int, t Tense) (string, int, bool) {
	d, k, ok := p.day(j)
	if !ok {
		return "", 0, false
	}
	if (p.punctIs(k, "-") || p.punctIs(k, "–")) && p.touch(k-1) && p.touch(k) {
		if _, k2, ok := p.day(k + 1); ok { // a range: its first day
			k = k2
		}
	}
	if k >= len(p.t) || p.touch(k-1) {
		return "", 0, false
	}
	if p.fw(k) == "of" {
		k++
	}
	m, abbr := monthOf(p.w(k))
	if m == 0 {
		return "", 0, false
	}
	e := p.afterMonth(k, abbr)
	if y, e2, ok := p.year(e); ok {
		if !valid(y, m, d) {
			return "", 0, false
		}
		return format(y, m, d), e2, true
	}
	y, ok := p.yearOfDay(m, d, t)
	if !ok {
		return "", 0, false
	}
	return format(y, m, d), e, true
}

// afterMonth skips the month at token j and the full stop of an
// abbreviation ("Sept.").
func (p *parser) afterMonth(j int, abbr bool) int {
	if abbr && p.punctIs(j+1, ".") && p.touch(j) {
		return j + 2
	}
	return j + 1
}
