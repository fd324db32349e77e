package extract

import (
	"strings"

	"github.com/dkg/dkg/extract/lexicon"
)

// pendingTitle is a title seen before a one-word name ("President Xi"),
// applied once the surname is resolved to its person.
type pendingTitle struct {
	m     *mention
	title *lexicon.Title
	ts    int // token index where the title starts
}

// Title kinds of officials: people who act for a state.
var officialKinds = setOf("head minister diplomat official legislator military spokesperson royal")

// Nouns that make an appositive a role: "X, an expert on ... at Y".
var roleNouns = setOf("professor expert analyst director researcher fellow scholar lecturer economist strategist specialist head chief chair chairman chairwoman president founder dean adviser advisor consultant spokesperson spokesman spokeswoman correspondent editor minister secretary ambassador envoy official diplomat commentator observer author historian scientist partner member executive officer coordinator leader manager commander")

// applyTitle records the title that precedes a person's name, and the
// country it implies or that stands before it ("US Secretary of State",
// "China's top diplomat", "Chinese Foreign Minister").
func (d *doc) applyTitle(m *mention, titleEnd map[int]*lexicon.Title, titleStart map[int]int, prevTitle *lexicon.Title, prevPerson *mention) {
	toks := d.toks
	end := m.start
	t := titleEnd[end]
	if t == nil && end > 0 && (toks[end-1].Text == "]" || toks[end-1].Text == ")" || toks[end-1].Text == ",") {
		end--
		t = titleEnd[end]
		if t == nil && toks[end].Text == "," {
			// "ambassador in Washington, NAME"
			for k := end - 1; k > 0 && k >= end-4; k-- {
				if toks[k].Key == "in" || toks[k].Key == "to" || toks[k].Key == "at" {
					if titleEnd[k] != nil {
						end, t = k, titleEnd[k]
					}
					break
				}
				if !toks[k].Cap {
					break
				}
			}
		}
	}
	shared := false
	if t == nil && prevPerson != nil && prevTitle != nil && m.start >= 1 && toks[m.start-1].Key == "and" && prevPerson.end == m.start-1 {
		t = prevTitle
		shared = true
	}
	if t == nil {
		return
	}
	e := m.ent
	ts := titleStart[end]
	if shared {
		ts = -1
	}
	title := t.Canonical
	if ts >= 0 {
		// Keep the words of the text: "House speaker", "top diplomat".
		title = singular(d.spanText(ts, end))
		// Modifiers before the title cue: "national security adviser"
		// is in the dictionary; "international relations professor"
		// comes from the text.
	}
	if e.title == "" {
		e.title = title
		e.tkind = t.Kind
	}
	// The country: a country word before the title, else what the title
	// implies.
	code := ""
	k := ts - 1
	if ts >= 0 {
		for k >= 0 && k >= ts-4 {
			tk := toks[k]
			if tk.Key == "former" || tk.Key == "ex" {
				e.former = true
			}
			if tk.Key == "'s" || tk.Key == "[" || tk.Key == "the" || tk.Key == "former" || tk.Key == "then" || tk.Key == "ex" || tk.Key == "top" || tk.Key == "senior" {
				k--
				continue
			}
			n, es := d.p.gaz.match(toks, k, func(kk kind) bool { return kk == kCountry || kk == kDemonym || kk == kCapital })
			if n == 0 && k > 0 {
				// "White House national security spokesman"
				if n2, es2 := d.p.gaz.match(toks, k-1, func(kk kind) bool { return kk == kMetonym }); n2 == 2 {
					code = es2[0].metonym.Country
				}
			}
			if n > 0 {
				code = es[0].country.Code
				for f := k - 1; f >= 0 && f >= k-2; f-- {
					if toks[f].Key == "former" || toks[f].Key == "ex" {
						e.former = true
					}
				}
			} else {
				// Try a two-word country ending at k.
				if k > 0 {
					if n2, es2 := d.p.gaz.match(toks, k-1, func(kk kind) bool { return kk == kCountry || kk == kDemonym }); n2 == 2 {
						code = es2[0].country.Code
					}
				}
			}
			break
		}
	}
	if code == "" && ts > 0 {
		// "U.N. spokesman", "NATO Secretary-General": the holder works
		// for the organisation, not a country.
		for k := ts - 1; k >= 0 && k >= ts-6; k-- {
			if n, es := d.p.gaz.match(toks[:ts], k, func(kk kind) bool { return kk == kOrg }); n > 0 && k+n == ts {
				if e.affil == nil {
					e.affil = d.org(es[0].org.Name)
					e.affil.code = es[0].org.Country
				}
				if es[0].org.Country == "" {
					return
				}
				code = es[0].org.Country
				break
			}
		}
	}
	if code == "" {
		code = t.Country
	}
	if officialKinds[t.Kind] && !e.former && code != "" && e.repr == "" {
		e.repr = code
	}
}

// appositiveRole looks at the words after "NAME," for a role: "an expert on
// US-China relations at the Chinese Academy of Social Sciences". It returns
// the span of the appositive [from, to) or nil.
func (d *doc) appositiveRole(s *sentence, from int) []int {
	toks := d.toks
	to := from
	hasRole := false
	for to < s.end {
		t := toks[to]
		if t.Text == "," || t.Text == ";" || t.Text == "(" || t.Text == "\"" || t.Text == "“" || speechVerbs[t.Key] || t.Key == "who" {
			break
		}
		if roleNouns[t.Key] || roleNouns[strings.TrimSuffix(t.Key, "s")] {
			hasRole = true
		}
		if t.Key == "also" || t.Key == "has" || t.Key == "have" || t.Key == "had" || t.Key == "is" || t.Key == "are" || t.Key == "was" || t.Key == "were" {
			return nil // a clause, not an appositive
		}
		to++
	}
	if !hasRole || to == from || to-from > 25 {
		return nil
	}
	// "X, director of the China programme at the Washington-based
	// Stimson Centre, said": the appositive may hold its own commas only
	// inside the organisation name, which it does not; stop here.
	first := toks[from].Key
	if !(first == "a" || first == "an" || first == "the" || roleNouns[first] || roleNouns[strings.TrimSuffix(first, "s")] || !toks[from].Cap) {
		// "Yun Sun, director of ..." starts with the role; "Lu Xiang,
		// CASS expert" starts with the organisation: both fine. A
		// capitalised first word that is not a title is likely a list.
		if n, _ := d.p.gaz.match(toks[:to], from, func(k kind) bool { return k == kTitle || k == kOrg }); n == 0 && d.acronyms[first] == nil {
			return nil
		}
	}
	return []int{from, to}
}

// applyAppositive reads "NAME, an expert ... at ORG" after a person.
func (d *doc) applyAppositive(s *sentence, m *mention) {
	toks := d.toks
	if m.end >= s.end || toks[m.end].Text != "," {
		return
	}
	span := d.appositiveRole(s, m.end+1)
	if span == nil {
		return
	}
	from, to := span[0], span[1]
	if k := toks[from].Key; k == "a" || k == "an" || k == "the" {
		from++
	}
	// The organisation: the last "at ORG" / "of ORG" / "with ORG".
	roleEnd := to
	for k := to - 1; k > from; k-- {
		if toks[k].Key == "at" || toks[k].Key == "with" || toks[k].Key == "for" || (toks[k].Key == "of" && d.orgAt(s, k+1, to) != nil) || toks[k].Key == "from" {
			if org := d.orgAt(s, k+1, to); org != nil {
				if m.ent.affil == nil {
					m.ent.affil = org
				}
				roleEnd = k
				break
			}
		}
	}
	title := strings.TrimSpace(d.spanText(from, roleEnd))
	// "director of the China programme": keep; "former": mark.
	if lt := strings.ToLower(title); strings.HasPrefix(lt, "former ") || strings.Contains(lt, " former ") {
		m.ent.former = true
	}
	if title != "" && m.ent.title == "" {
		m.ent.title = title
		// The kind of the role decides whether the person acts for a
		// state: an official with a country in the appositive does.
		for k := from; k < roleEnd; k++ {
			n, es := d.p.gaz.match(toks[:roleEnd], k, func(kk kind) bool { return kk == kTitle })
			if n > 0 {
				m.ent.tkind = es[0].title.Kind
				possessed := false
				for j := from; j+1 < roleEnd; j++ {
					if toks[j+1].Key == "'s" {
						if n2, _ := d.p.gaz.match(toks[:roleEnd], j, func(kk kind) bool { return kk == kCountry }); n2 == 1 {
							possessed = true
						}
					}
				}
				// "president of Women Arise": the head of something that
				// is not a country does not act for one.
				headOf := false
				if j := k + n; j+1 < roleEnd && toks[j].Key == "of" {
					if n3, _ := d.p.gaz.match(toks[:roleEnd], j+1, func(kk kind) bool { return kk == kCountry }); n3 == 0 {
						headOf = true
					}
				}
				if officialKinds[es[0].title.Kind] && (es[0].title.Kind != "official" || possessed) && !(possessed && es[0].title.Kind == "head") && !headOf && !m.ent.former && m.ent.repr == "" && (m.ent.affil == nil || m.ent.affil.code != "" || possessed) {
					code := es[0].title.Country
					for j := from; j < roleEnd; j++ {
						n2, es2 := d.p.gaz.match(toks[:roleEnd], j, func(kk kind) bool { return kk == kCountry || kk == kDemonym || kk == kMetonym })
						if n2 > 0 && es2[0].kind == kMetonym {
							code = es2[0].metonym.Country
							break
						}
						if n2 > 0 {
							code = es2[0].country.Code
							break
						}
					}
					if code != "" {
						m.ent.repr = code
					}
				}
				break
			}
		}
	}
}

// orgAt finds an organisation named by the tokens from k (skipping "the" and
// hyphenated modifiers such as "Washington-based") before to.
func (d *doc) orgAt(s *sentence, k, to int) *entity {
	toks := d.toks
	for k < to && (toks[k].Key == "the" || (toks[k].Joined && k+1 < to && !toks[k+1].Cap)) {
		if toks[k].Joined {
			k += 2
		} else {
			k++
		}
	}
	if k >= to || !toks[k].Word {
		return nil
	}
	if e := d.acronyms[toks[k].Key]; e != nil && toks[k].Cap {
		return e
	}
	if n, es := d.p.gaz.match(toks[:to], k, func(kk kind) bool { return kk == kOrg }); n > 0 {
		e := d.org(es[0].org.Name)
		e.code = es[0].org.Country
		e.addName(d.spanText(k, k+n))
		if acr := d.acronymAfter(k + n); acr != "" {
			e.addName(acr)
			d.acronyms[foldWord(acr)] = e
		}
		return e
	}
	end := d.nameRun(s, k)
	if end > to {
		end = to
	}
	if end > k && (d.hasOrgHead(k, end) || (d.acronymAfter(end) != "" && acronymFits(d.acronymAfter(end), toks[k:end]))) {
		if m := d.orgRun(s, k, end); m != nil {
			return m.ent
		}
	}
	// "an analyst at Meridian Risk Advisory": a name of two or more
	// words after "at" in a role is where the person works.
	if end-k >= 2 && k > 0 && toks[k-1].Key == "at" {
		if n, _ := d.p.gaz.match(toks[:end], k, entityKinds); n == 0 {
			if m := d.orgRun(s, k, end); m != nil {
				return m.ent
			}
		}
	}
	return nil
}

// resolveSurnames turns one-word person mentions ("Xi", "Wang") into the
// full names the article gives elsewhere, or, failing that, into a sitting
// official of that surname from the dictionary.
func (d *doc) resolveSurnames() {
	first := map[string][]*entity{}
	last := map[string][]*entity{}
	for _, p := range d.persons {
		keys, _ := phraseKeys(p.name)
		if len(keys) < 2 {
			continue
		}
		first[keys[0]] = append(first[keys[0]], p)
		last[keys[len(keys)-1]] = append(last[keys[len(keys)-1]], p)
	}
	lookup := func(key string, before int) *entity {
		for _, m := range [2]map[string][]*entity{last, first} {
			if c := m[key]; len(c) == 1 {
				return c[0]
			} else if len(c) > 1 {
				// Several people share the name: the most recently
				// mentioned before this point.
				return d.mostRecent(c, before)
			}
		}
		return nil
	}
	for _, s := range d.sents {
		d.secondLook(s)
	}
	for _, s := range d.sents {
		for _, m := range s.mentions {
			if m.ent != nil || m.pronoun || m.end-m.start != 1 {
				continue
			}
			key := d.toks[m.start].Key
			if e := lookup(key, d.toks[m.start].Start); e != nil {
				m.ent = e
			} else if kp := d.known.bySurname(key); kp != nil {
				m.ent = d.knownEntity(kp)
			} else if o := d.officialBySurname(key); o != nil {
				m.ent = d.person(o.Name)
			} else {
				m.ent = d.person(d.toks[m.start].Text)
			}
			m.ent.mention++
		}
		// Bare capitalised words that match a known person's surname:
		// "Blinken met ...", "Xi's meeting".
		d.addSurnameMentions(s, lookup)
	}
	for _, ds := range d.descs {
		ds.m.ent = d.describedPerson(ds.code, ds.title)
		if ds.m.ent == nil {
			// "the Australian prime minister": the one in office then.
			if o := d.officeHolder(ds.code, ds.title); o != nil {
				ds.m.ent = d.person(o.Name)
			}
		}
		if ds.m.ent != nil {
			ds.m.ent.mention++
		}
	}
	for _, pa := range d.pendingAffil {
		if pa.m.ent == nil || pa.m.ent.affil != nil {
			continue
		}
		for _, s := range d.sents {
			if m := s.mentionAt(pa.orgTok); m != nil && m.ent != nil && m.ent.kind == eOrg {
				pa.m.ent.affil = m.ent
			}
		}
	}
	for _, pt := range d.pendingTitles {
		if pt.m.ent == nil {
			continue
		}
		titleEnd := map[int]*lexicon.Title{pt.m.start: pt.title}
		if pt.m.start > 0 && (d.toks[pt.m.start-1].Text == "]") {
			titleEnd[pt.m.start-1] = pt.title
		}
		end := pt.m.start
		if titleEnd[end] == nil {
			end--
		}
		d.applyTitle(pt.m, titleEnd, map[int]int{end: pt.ts}, nil, nil)
	}
}

// describedPerson finds the one person of the article who acts for the
// country code and whose title fits ("leader" fits any head of state or
// government).
func (d *doc) describedPerson(code, title string) *entity {
	title = singular(title)
	var found *entity
	for _, p := range d.persons {
		if p.repr != code && !(p.repr == "" && d.officeCountry(p) == code) {
			continue
		}
		t := strings.ToLower(p.title)
		kindOK := p.tkind == "head"
		if o := d.officeOf(p); o != nil {
			t += " " + strings.ToLower(o.Title)
			kindOK = kindOK || strings.Contains(strings.ToLower(o.Title), "president") || strings.Contains(strings.ToLower(o.Title), "prime minister")
		}
		if (title == "leader" && kindOK) || (title != "leader" && strings.Contains(t, title)) {
			if found != nil && found != p {
				return nil
			}
			found = p
		}
	}
	return found
}

// officeHolder is the one official of country code whose office, in force
// on the publication date, is title ("prime minister", not "deputy prime
// minister").
func (d *doc) officeHolder(code, title string) *lexicon.Official {
	if d.pubDate == "" || title == "leader" {
		return nil
	}
	var found *lexicon.Official
	for i := range d.p.lex.Officials {
		o := &d.p.lex.Officials[i]
		if o.Country != code || !inOffice(o, d.pubDate) || strings.ToLower(o.Title) != title {
			continue
		}
		if found != nil && found.Name != o.Name {
			return nil
		}
		found = o
	}
	return found
}

func (d *doc) officeCountry(p *entity) string {
	if o := d.officeOf(p); o != nil {
		return o.Country
	}
	return ""
}

// secondLook reads the capitalised runs no cue classified: the full name or
// the last words of a person the article names ("Suu Kyi" for Aung San Suu
// Kyi), or an unknown name that acts as the subject of an event or speech
// verb ("Min Aung Hlaing agreed ...").
func (d *doc) secondLook(s *sentence) {
	toks := d.toks
	var added []*mention
	for _, r := range s.unknown {
		a, b := r[0], r[1]
		if b-a < 2 || b-a > 4 {
			continue
		}
		var keys []string
		for k := a; k < b; k++ {
			keys = append(keys, toks[k].Key)
		}
		var found *entity
		for _, p := range d.persons {
			pk, _ := phraseKeys(p.name)
			if len(pk) >= len(keys) && strings.Join(pk[len(pk)-len(keys):], " ") == strings.Join(keys, " ") {
				if found != nil && found != p {
					found = nil
					break
				}
				found = p
			}
		}
		if found == nil {
			if kp := d.known.byName(strings.Join(keys, " ")); kp != nil {
				found = d.knownEntity(kp)
			}
		}
		if found == nil && b < s.end && d.actsAfter(s, b) && plainName(toks[a:b]) {
			found = d.person(d.spanText(a, b))
		}
		if found != nil {
			m := &mention{start: a, end: b, ent: found}
			if b < s.end && toks[b].Key == "'s" {
				m.possessive = true
			}
			added = append(added, m)
		}
	}
	if len(added) > 0 {
		s.mentions = append(s.mentions, added...)
		sortMentions(s.mentions)
	}
}

// actsAfter reports whether the words at i are the verb of a subject: an
// auxiliary, a speech verb or an event verb.
func (d *doc) actsAfter(s *sentence, i int) bool {
	k := d.toks[i].Key
	if k == "has" || k == "had" || k == "will" || k == "was" || k == "is" || speechVerbs[k] {
		return true
	}
	n, es := d.p.gaz.match(d.toks[:s.end], i, func(kk kind) bool { return kk == kEvent })
	return n > 0 && es[0].event.POS == "verb"
}

// plainName reports whether the tokens look like a personal name: letters
// only, no organisation word, nothing a dictionary knows.
func plainName(toks []token) bool {
	for _, t := range toks {
		if !t.Word || orgHeads[t.Key] || t.Upper {
			return false
		}
		for _, r := range t.Key {
			if r >= '0' && r <= '9' {
				return false
			}
		}
	}
	return true
}

func (d *doc) mostRecent(c []*entity, before int) *entity {
	var best *entity
	bestPos := -1
	for _, s := range d.sents {
		for _, m := range s.mentions {
			if m.ent == nil || m.end-m.start < 2 {
				continue
			}
			pos := d.toks[m.start].Start
			if pos >= before {
				continue
			}
			for _, e := range c {
				if m.ent == e && pos > bestPos {
					best, bestPos = e, pos
				}
			}
		}
	}
	if best == nil {
		return c[0]
	}
	return best
}

// officialBySurname finds the one dictionary official with this surname in
// office on the publication date.
func (d *doc) officialBySurname(key string) *lexicon.Official {
	var found *lexicon.Official
	for _, o := range d.p.gaz.officialsBySurname[key] {
		if !inOffice(o, d.pubDate) {
			continue
		}
		if found != nil && found.Name != o.Name {
			return nil
		}
		found = o
	}
	return found
}

func inOffice(o *lexicon.Official, date string) bool {
	if date == "" {
		return o.To == ""
	}
	return (o.From == "" || o.From <= date) && (o.To == "" || date <= o.To)
}

// addSurnameMentions finds one-word capitalised tokens not yet part of any
// mention that name a person of the article by surname.
func (d *doc) addSurnameMentions(s *sentence, lookup func(string, int) *entity) {
	covered := map[int]bool{}
	for _, m := range s.mentions {
		for k := m.start; k < m.end; k++ {
			covered[k] = true
		}
	}
	var added []*mention
	for i := s.start; i < s.end; i++ {
		t := d.toks[i]
		if covered[i] || !t.Word || !t.Cap || functionWords[t.Key] || d.p.gaz.stop[t.Key] {
			continue
		}
		// Part of a longer capitalised run: not a bare surname.
		if i+1 < s.end && d.toks[i+1].Word && d.toks[i+1].Cap && !d.toks[i].Joined && !covered[i+1] {
			continue
		}
		if i > s.start && d.toks[i-1].Word && d.toks[i-1].Cap && !d.toks[i-1].Joined && !covered[i-1] && !functionWords[d.toks[i-1].Key] {
			continue
		}
		e := lookup(t.Key, t.Start)
		if e == nil {
			if e2 := d.acronyms[t.Key]; e2 != nil {
				e = e2
			} else if kp := d.known.bySurname(t.Key); kp != nil && len(t.Key) > 2 && i+1 < s.end && d.actsAfter(s, i+1) {
				e = d.knownEntity(kp)
			} else if o := d.officialBySurname(t.Key); o != nil && len(t.Key) > 2 {
				e = d.person(o.Name)
			}
		}
		if e == nil {
			continue
		}
		m := &mention{start: i, end: i + 1, ent: e}
		if i+1 < s.end && d.toks[i+1].Key == "'s" {
			m.possessive = true
		}
		if t.Joined || (i > 0 && d.toks[i-1].Joined && d.toks[i-1].Word) {
			m.compound = true
		}
		e.mention++
		added = append(added, m)
	}
	if len(added) > 0 {
		s.mentions = append(s.mentions, added...)
		sortMentions(s.mentions)
	}
}

func sortMentions(ms []*mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// singular turns a plural title into the singular: "presidents" ->
// "president".
func singular(title string) string {
	words := strings.Fields(title)
	if len(words) == 0 {
		return title
	}
	w := words[len(words)-1]
	lw := strings.ToLower(w)
	switch {
	case strings.HasSuffix(lw, "ies"):
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(lw, "ss"), strings.HasSuffix(lw, "us"):
	case strings.HasSuffix(lw, "s") && len(lw) > 3:
		w = w[:len(w)-1]
	}
	words[len(words)-1] = w
	return strings.Join(words, " ")
}
