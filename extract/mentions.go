package extract

import (
	"strings"

	"github.com/dkg/dkg/extract/lexicon"
	"github.com/dkg/dkg/schema"
)

// Function words that start sentences capitalised but never begin a name.
var functionWords = setOf("beyond besides following regarding across along toward towards within unlike the a an but and or in on at of for to from with by as if when while after before since during amid however meanwhile this that these those it its he she they we i you his her their our my your there here what which who whom whose where why how both all some many most more other such no not yet still also then now last next earlier later under over about against between among into through despite although though because so than whether each every any another one two three several few do does did is are was were be been has have had will would could should may might must can")

// Lower-case particles that may sit inside a personal name.
var nameParticles = setOf("al el bin ibn bint da de del della di dos du le la van von der ter abu")

// Head words that make a capitalised phrase an organisation.
var orgHeads = setOf("advisory consultancy consulting associates analytics league front movement coalition university universidad universite academy institute institution centre center council ministry commission agency foundation bank fund organisation organization association party forum department office school college corporation company committee parliament congress assembly court union alliance authority service services secretariat bureau group programme program observatory society network guard army navy")

// Nouns that, after a demonym, stand for the state itself:
// "Chinese officials" act for China.
var stateNouns = setOf("government governments authorities leaders leader diplomats diplomat side delegation negotiators administration military forces troops envoys ministers state")

// Nouns that, after a demonym, name a group of their own:
// "Chinese companies" is not China.
var groupNouns = setOf("officials official companies company firms firm entities individuals banks nationals citizens students businesses exporters importers manufacturers tech groups officers ships vessels hackers soldiers journalists")

// Words after a hyphen that make a name a modifier: "Seoul-based",
// "Trump-era", "US-led".
var modifierSuffix = setOf("based era led backed style born owned made run linked related affiliated level term year old speaking funded controlled friendly aligned bound sponsored designated allied majority dominated headquartered")

// Organs of a state that speak or act for it after a possessive:
// "Singapore's foreign ministry", "China's embassy".
var stateOrgans = setOf("ministry government embassy cabinet administration presidency military army navy parliament")

// Words that introduce speech.
var speechVerbs = setOf("pointed replied replies responded responds answered countered tweeted posted said says say told tells added adds noted notes stressed stresses warned warns argued argues wrote writes explained explains insisted insists acknowledged acknowledges claimed claims declared declares remarked remarks cautioned believes believed contended suggested suggests observed observes emphasised emphasized underlined underscored reiterated asserted")

var pronouns = map[string]bool{"he": true, "she": true, "his": true, "her": true, "him": true}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func entityKinds(k kind) bool {
	switch k {
	case kCountry, kCapital, kDemonym, kPlace, kOrg, kOfficial, kMetonym:
		return true
	}
	return false
}

// findMentions finds the names of one sentence. Surnames of people first
// named later in the article are resolved by resolveSurnames.
func (d *doc) findMentions(s *sentence) {
	toks := d.toks
	// Titles in the sentence, by the token they end before.
	titleEnd := map[int]*lexicon.Title{}
	titleStart := map[int]int{}
	titleAt := map[int]int{} // title start -> end
	for i := s.start; i < s.end; i++ {
		if !toks[i].Word {
			continue
		}
		n, es := d.p.gaz.match(toks[:s.end], i, func(k kind) bool { return k == kTitle })
		if n > 0 {
			if _, ok := titleStart[i+n]; !ok {
				titleEnd[i+n] = es[0].title
				titleStart[i+n] = i
			}
			titleAt[i] = i + n
		}
	}
	var prevPerson *mention
	var prevTitle *lexicon.Title
	for i := s.start; i < s.end; {
		t := toks[i]
		if !t.Word {
			i++
			continue
		}
		if pronouns[t.Key] && !t.Cap || (pronouns[t.Key] && i == s.start) {
			s.mentions = append(s.mentions, &mention{start: i, end: i + 1, pronoun: true})
			i++
			continue
		}
		if te, ok := titleAt[i]; ok && t.Cap && te < s.end && toks[te].Cap {
			// "Foreign Minister Qin": the title is not part of the name,
			// unless a dictionary name starts with it and goes on past it
			// ("Reporters Without Borders").
			if n, _ := d.p.gaz.match(toks[:s.end], i, entityKinds); n <= te-i {
				i = te
				continue
			}
		}
		runEnd := d.nameRun(s, i)
		if c := d.administration(s, i, runEnd); c != nil {
			// "the Biden administration" acts for its country.
			s.mentions = append(s.mentions, &mention{start: i - 1, end: runEnd + 1, ent: c})
			i = runEnd + 1
			continue
		}
		n, es := d.p.gaz.match(toks[:s.end], i, entityKinds)
		if n > 0 && i > s.start && toks[i-1].Key == "the" && (es[0].kind == kDemonym || es[0].kind == kCountry) {
			// "the Chinese leader", "the US president": a person the
			// article names elsewhere.
			end := 0
			if te, ok := titleAt[i+n]; ok {
				end = te
			} else if i+n < s.end && (toks[i+n].Key == "leader" || toks[i+n].Key == "leaders") {
				end = i + n + 1
			}
			if end > 0 && !(end < s.end && toks[end].Cap && toks[end].Word) {
				m := &mention{start: i, end: end}
				d.descs = append(d.descs, desc{m: m, code: es[0].country.Code, title: strings.ToLower(d.spanText(i+n, end))})
				s.mentions = append(s.mentions, m)
				i = end
				continue
			}
		}
		if n > 0 {
			for k := i + 1; k < i+n; k++ {
				if te, ok := titleAt[k]; ok && te > i+n {
					n = 0 // the title wins: "US Treasury Secretary"
					if k > i {
						n2, es2 := d.p.gaz.match(toks[:k], i, entityKinds)
						n, es = n2, es2
					}
					break
				}
			}
		}
		// A longer capitalised name wins over a dictionary word inside
		// it: "Chinese Academy of Social Sciences" is not "Chinese".
		// So is a dictionary organisation followed by one or two more
		// capitalised words ("Gazprom Neft" is not Gazprom, "VOA Korean"
		// not VOA), unless they start a title ("Gazprom Chief Executive
		// Alexei Miller") or another name ("VOA White House").
		longerOrg := n > 0 && es[0].kind == kOrg && runEnd > i+n && runEnd <= i+n+2
		for k := i + n; longerOrg && k < runEnd; k++ {
			_, title := titleAt[k]
			other, _ := d.p.gaz.match(toks[:s.end], k, entityKinds)
			longerOrg = !title && other == 0 && toks[k].Cap && toks[k].Word
		}
		if runEnd-i > n && (d.hasOrgHead(i, runEnd) || d.acronymAfter(runEnd) != "" || longerOrg) {
			if m := d.orgRun(s, i, runEnd); m != nil {
				s.mentions = append(s.mentions, m)
				i = m.end
				continue
			}
		}
		if n > 0 {
			m := d.gazMention(s, i, n, es)
			if m != nil {
				if m.ent != nil && m.ent.kind == ePerson {
					d.applyTitle(m, titleEnd, titleStart, prevTitle, prevPerson)
					prevPerson = m
				}
				s.mentions = append(s.mentions, m)
				i = m.end
				continue
			}
		}
		if runEnd > i {
			if m := d.classifyRun(s, i, runEnd, titleEnd, titleStart, prevPerson, prevTitle); m != nil {
				s.mentions = append(s.mentions, m)
				if m.ent != nil && m.ent.kind == ePerson {
					prevPerson = m
					if tt := titleEnd[i]; tt != nil {
						prevTitle = tt
					}
				}
				i = m.end
				continue
			}
			s.unknown = append(s.unknown, [2]int{i, runEnd})
			i = runEnd
			continue
		}
		i++
	}
	titleBegins := map[int]bool{}
	for _, st := range titleStart {
		titleBegins[st] = true
	}
	personAt := map[int]bool{}
	for _, m := range s.mentions {
		if m.ent != nil && m.ent.kind == ePerson {
			personAt[m.start] = true
		}
	}
	for _, m := range s.mentions {
		if m.end < s.end && toks[m.end].Key == "'s" {
			m.possessive = true
		}
		// "US Secretary of State", "Chinese Foreign Minister": a country
		// before a title describes the person, it does not act; nor does
		// an organisation before a title and a name ("WHO Director-General
		// Tedros", "Gazprom Chief Executive Alexei Miller"; but "a State
		// Department spokesperson urged": no one else acts).
		if m.ent != nil && m.ent.kind == eCountry && titleBegins[m.end] {
			m.adj = true
		}
		if m.ent != nil && m.ent.kind == eOrg && titleBegins[m.end] && personAt[titleAt[m.end]] {
			m.adj = true
		}
		if m.end-1 >= 0 && toks[m.end-1].Joined {
			m.compound = true
		}
		if m.start > 0 && toks[m.start-1].Joined && toks[m.start-1].Word {
			m.compound = true
		}
		if m.ent != nil {
			m.ent.mention++
		}
	}
}

// nameRun returns the end of the run of capitalised words that starts at i
// (i itself when toks[i] cannot start a name).
func (d *doc) nameRun(s *sentence, i int) int {
	toks := d.toks
	if !toks[i].Cap || !toks[i].Word || d.p.gaz.stop[toks[i].Key] || functionWords[toks[i].Key] {
		return i
	}
	j := i + 1
	for j < s.end {
		t := toks[j]
		if t.Word && t.Cap && !d.p.gaz.stop[t.Key] && !(functionWords[t.Key] && !toks[j-1].Joined) {
			j++
			continue
		}
		// "Kim Soo-yeon", "Moon Jae-in": a short lower-case part after a
		// hyphen inside a name, unlike "Trump-era" or "Seoul-based".
		if t.Word && !t.Cap && toks[j-1].Joined && toks[j-1].Cap && j-1 > i && len(t.Key) <= 5 && !modifierSuffix[t.Key] {
			j++
			continue
		}
		// Particles and connectors inside a name: "Academy of Social
		// Sciences", "Mohammed Shia al-Sudani", "Lula da Silva".
		if t.Word && (nameParticles[t.Key] || t.Key == "of" || t.Key == "for" || t.Key == "and" || t.Key == "the" || t.Key == "without" || t.Key == "sans") &&
			j+1 < s.end && toks[j+1].Cap && toks[j+1].Word {
			if t.Key == "the" && toks[j-1].Key != "of" {
				break
			}
			if t.Key == "and" && !d.hasOrgHead(i, j+3) {
				break
			}
			j++
			continue
		}
		break
	}
	// Do not end on a connector.
	for j > i+1 && (toks[j-1].Key == "of" || toks[j-1].Key == "and" || toks[j-1].Key == "the") {
		j--
	}
	return j
}

func (d *doc) hasOrgHead(a, b int) bool {
	for k := a; k < b && k < len(d.toks); k++ {
		if d.toks[k].Cap && orgHeads[d.toks[k].Key] {
			return true
		}
	}
	return false
}

// acronymAfter returns ACR when tokens at i are "( ACR )".
func (d *doc) acronymAfter(i int) string {
	toks := d.toks
	if i+2 < len(toks) && toks[i].Text == "(" && toks[i+2].Text == ")" && toks[i+1].Word && toks[i+1].Cap && len(toks[i+1].Text) >= 2 && len(toks[i+1].Text) <= 8 {
		return toks[i+1].Text
	}
	return ""
}

// acronymFits checks that acr can abbreviate the words of a long name.
func acronymFits(acr string, toks []token) bool {
	var initials []byte
	for _, t := range toks {
		if t.Word && t.Cap && len(t.Key) > 0 {
			initials = append(initials, t.Key[0])
		}
	}
	a := strings.ToLower(acr)
	if len(initials) < 2 || a[0] != initials[0] {
		return false
	}
	// Every letter of the acronym must appear in order among the initials
	// or the words ("Apec" for Asia-Pacific Economic Cooperation).
	k := 0
	for _, c := range []byte(a) {
		for k < len(initials) && initials[k] != c {
			k++
		}
		if k == len(initials) {
			return false
		}
		k++
	}
	return true
}

// orgRun makes an organisation of a capitalised run with an organisation
// head word or an acronym after it.
func (d *doc) orgRun(s *sentence, a, b int) *mention {
	toks := d.toks
	// "the Washington-based Stimson Centre": drop the modifier.
	for a < b && toks[a].Joined {
		a += 2
	}
	if a >= b {
		return nil
	}
	name := d.spanText(a, b)
	// Prefer the dictionary's canonical name.
	var e *entity
	if n, es := d.p.gaz.match(toks[:b], a, func(k kind) bool { return k == kOrg }); n == b-a {
		e = d.org(es[0].org.Name)
		e.code = es[0].org.Country
		e.addName(name)
	} else {
		e = d.org(name)
	}
	m := &mention{start: a, end: b, ent: e}
	if acr := d.acronymAfter(b); acr != "" && acronymFits(acr, toks[a:b]) {
		e.addName(acr)
		d.acronyms[foldWord(acr)] = e
		m.end = b // the acronym itself is skipped as punctuation+word below
	}
	return m
}

// gazMention turns a dictionary match into a mention.
func (d *doc) gazMention(s *sentence, i, n int, es []*entry) *mention {
	toks := d.toks
	// Prefer people and organisations, then countries, then places.
	best := es[0]
	rank := func(k kind) int {
		switch k {
		case kOfficial:
			return 0
		case kOrg:
			return 1
		case kCountry:
			return 2
		case kMetonym:
			return 3
		case kCapital:
			return 4
		case kPlace:
			return 5
		}
		return 6
	}
	for _, e := range es[1:] {
		if rank(e.kind) < rank(best.kind) {
			best = e
		}
	}
	m := &mention{start: i, end: i + n}
	switch best.kind {
	case kOfficial:
		m.ent = d.person(best.official.Name)
		m.ent.addName(d.spanText(i, i+n))
	case kOrg:
		if j := i + n; j < s.end && (toks[j].Key == "leaders" || toks[j].Key == "members" || toks[j].Key == "officials" || toks[j].Key == "ministers") && !toks[j].Cap {
			m.end = j + 1 // "Asean leaders" act for Asean
		}
		m.ent = d.org(best.org.Name)
		if m.ent.code == "" {
			m.ent.code = best.org.Country
		}
		if best.org.Kind == "government" {
			m.ent.govOf = best.org.Country
		}
		m.ent.addName(d.spanText(i, i+n))
		if acr := d.acronymAfter(i + n); acr != "" {
			m.ent.addName(acr)
			d.acronyms[foldWord(acr)] = m.ent
		}
	case kCountry:
		m.ent = d.country(best.country)
		m.ent.addName(d.spanText(i, i+n))
		// "Singapore's foreign ministry said": the state speaks.
		if j := i + n; j+1 < s.end && toks[j].Key == "'s" {
			k := j + 1
			for k < s.end && k < j+4 && toks[k].Word && !toks[k].Cap && !stateOrgans[toks[k].Key] {
				k++
			}
			if k < s.end && stateOrgans[toks[k].Key] && !toks[k].Cap && (k+1 >= s.end || !toks[k+1].Word || toks[k+1].Cap || functionWords[toks[k+1].Key] || speechVerbs[toks[k+1].Key]) {
				m.end = k + 1
			}
		}
	case kMetonym:
		if c := d.countryByCode(best.metonym.Country); c != nil {
			m.ent = c
		}
	case kCapital:
		m.ent = d.country(best.country)
		m.place = d.place(best.name, best.country.Code)
		m.place.addName(d.spanText(i, i+n))
	case kPlace:
		m.ent = d.place(best.place.Name, best.place.Country)
		m.ent.addName(d.spanText(i, i+n))
		m.place = m.ent
	case kDemonym:
		c := d.country(best.country)
		j := i + n
		if j < s.end && toks[j].Word && !toks[j].Cap {
			switch {
			case toks[j].Key == "capital" && i > s.start && toks[i-1].Key == "the" && len(best.country.Capitals) > 0:
				// "talks in the Chinese capital": the capital city, as a
				// place only (an adjective still: the country does not
				// act through it). Not "Chinese capital" without "the":
				// that is money.
				m.ent, m.adj = c, true
				m.place = d.place(best.country.Capitals[0], best.country.Code)
				m.start, m.end = i-1, j+1 // with "the": "in the ..." reads as a place
				return m
			case stateNouns[toks[j].Key]:
				m.ent = c
				m.end = j + 1
				return m
			case groupNouns[toks[j].Key]:
				name := d.spanText(i, j+1)
				g := d.entity(eGroup, foldPhrase(name), name)
				g.code = c.code
				m.ent = g
				m.end = j + 1
				return m
			}
		}
		// "top Chinese officials": a modifier between demonym and noun.
		if j+1 < s.end && toks[j].Word && !toks[j].Cap && toks[j+1].Word && stateNouns[toks[j+1].Key] && (toks[j].Key == "senior" || toks[j].Key == "top" || toks[j].Key == "government" || toks[j].Key == "military" || toks[j].Key == "foreign" || toks[j].Key == "trade") {
			m.ent = c
			m.end = j + 2
			return m
		}
		m.ent = c
		m.adj = true
	}
	if m.ent == nil {
		return nil
	}
	return m
}

// classifyRun decides what an unknown capitalised run names, from the cues
// around it: a title before it, an appositive after it, an acronym, a
// speech verb.
func (d *doc) classifyRun(s *sentence, a, b int, titleEnd map[int]*lexicon.Title, titleStart map[int]int, prevPerson *mention, prevTitle *lexicon.Title) *mention {
	toks := d.toks
	if d.hasOrgHead(a, b) || (d.acronymAfter(b) != "" && acronymFits(d.acronymAfter(b), toks[a:b])) {
		return d.orgRun(s, a, b)
	}
	// A known acronym or alias: "CASS".
	if b-a == 1 {
		if e := d.acronyms[toks[a].Key]; e != nil {
			return &mention{start: a, end: b, ent: e}
		}
	}
	// A modifier such as "Trump-era" or "Washington-based".
	if toks[b-1].Joined && b < s.end && !toks[b].Cap && modifierSuffix[toks[b].Key] {
		return nil
	}
	// "Senior General Min Aung Hlaing": a title inside the run.
	for k := a; k < b-1; k++ {
		if n, es := d.p.gaz.match(toks[:b], k, func(kk kind) bool { return kk == kTitle }); n > 0 && k+n < b {
			if titleEnd[k+n] == nil {
				titleEnd[k+n] = es[0].title
				titleStart[k+n] = k
			}
			a = k + n
			break
		}
	}
	// "Lu of CASS", "Wang of Tsinghua University": a person, then the
	// organisation they speak for.
	orgTok := -1
	ofCountry := ""
	for k := a + 1; k < b; k++ {
		if toks[k].Key == "of" {
			if k+1 < b && (d.acronyms[toks[k+1].Key] != nil || d.hasOrgHead(k+1, b) || toks[k+1].Upper) {
				orgTok = k + 1
				b = k
			} else if n, es := d.p.gaz.match(toks[:b], k+1, entityKinds); n > 0 && (es[0].kind == kPlace || es[0].kind == kCountry || es[0].kind == kCapital) {
				b = k // "Andy Levin of Michigan"
				if es[0].kind == kCountry {
					ofCountry = es[0].country.Code
				}
			}
			break
		}
	}
	if b-a > 4 {
		return nil
	}
	isPerson := false
	if orgTok > 0 && b < len(toks) {
		// Read the cues after the whole "X of Y".
		end := orgTok
		for end < s.end && toks[end].Word && toks[end].Cap {
			end++
		}
		if end < s.end && (speechVerbs[toks[end].Key] || toks[end].Text == ",") {
			isPerson = true
		}
	}
	title := titleBefore(toks, a, titleEnd)
	if title != nil && title.Kind != "" {
		isPerson = true
	}
	if !isPerson && b < s.end && toks[b].Text == "," && d.appositiveRole(s, b+1) != nil {
		isPerson = true
	}
	if b-a == 1 && toks[a].Upper {
		// "HPI, who ...": an acronym is not a person.
		return nil
	}
	if !isPerson && b < s.end && (speechVerbs[toks[b].Key] || toks[b].Key == "who") {
		isPerson = true
	}
	if !isPerson && b < s.end-1 && toks[b].Text == "," && toks[b+1].Key == "who" {
		isPerson = true
	}
	if !isPerson && a > s.start && speechVerbs[toks[a-1].Key] {
		isPerson = true
	}
	if !isPerson && a > s.start && (toks[a-1].Key == "mr" || toks[a-1].Key == "mrs" || toks[a-1].Key == "ms" || toks[a-1].Key == "dr") {
		isPerson = true
	}
	// "presidents Xi Jinping and Joe Biden": the second name shares the
	// title of the first.
	if !isPerson && prevPerson != nil && a >= 2 && toks[a-1].Key == "and" && prevPerson.end == a-1 && prevTitle != nil {
		isPerson = true
		title = prevTitle
	}
	if !isPerson {
		return nil
	}
	// One word: a surname, resolved later against the article's people.
	if b-a == 1 {
		m := &mention{start: a, end: b}
		if orgTok > 0 {
			d.pendingAffil = append(d.pendingAffil, pendingAffil{m: m, orgTok: orgTok})
		}
		if title != nil {
			d.pendingTitles = append(d.pendingTitles, pendingTitle{m: m, title: title, ts: titleStart[a]})
		}
		return m
	}
	m := &mention{start: a, end: b, ent: d.knownPerson(a, b)}
	if ofCountry != "" && m.ent.ofCountry == "" {
		m.ent.ofCountry = ofCountry
	}
	if orgTok > 0 {
		d.pendingAffil = append(d.pendingAffil, pendingAffil{m: m, orgTok: orgTok})
	}
	d.applyTitle(m, titleEnd, titleStart, prevTitle, prevPerson)
	d.applyAppositive(s, m)
	return m
}

// knownPerson is the person named by tokens [a, b): one the article named
// earlier in full when the run ends their name ("Suu Kyi"), else a new one.
func (d *doc) knownPerson(a, b int) *entity {
	var keys []string
	for k := a; k < b; k++ {
		keys = append(keys, d.toks[k].Key)
	}
	for _, p := range d.persons {
		pk, _ := phraseKeys(p.name)
		if len(pk) > len(keys) && strings.Join(pk[len(pk)-len(keys):], " ") == strings.Join(keys, " ") {
			return p
		}
	}
	return d.person(d.spanText(a, b))
}

// titleBefore is the title that ends right before token a ("Foreign
// Minister Qin", "[Chinese Foreign Minister] Qin Gang").
func titleBefore(toks []token, a int, titleEnd map[int]*lexicon.Title) *lexicon.Title {
	if t := titleEnd[a]; t != nil {
		return t
	}
	if a > 0 && (toks[a-1].Text == "]" || toks[a-1].Text == ")" || toks[a-1].Text == ",") {
		if t := titleEnd[a-1]; t != nil {
			return t
		}
	}
	// "Colombia's ambassador in Washington, Daniel Garcia-Pena"
	if a > 3 && toks[a-1].Text == "," {
		for k := a - 2; k > 0 && k >= a-5; k-- {
			if toks[k].Key == "in" || toks[k].Key == "to" || toks[k].Key == "at" {
				return titleEnd[k]
			}
			if !toks[k].Cap {
				break
			}
		}
	}
	return nil
}

// administration is the country of "the <name> administration" when the
// capitalised run [i, end) names, by full name or surname, someone who had
// been their country's president, prime minister or chancellor by the
// article's date, and all such people of that name led the same country;
// else nil.
func (d *doc) administration(s *sentence, i, end int) *entity {
	toks := d.toks
	if end <= i || i == s.start || end >= s.end || toks[i-1].Key != "the" || toks[end].Key != "administration" {
		return nil
	}
	code := ""
	for _, o := range d.p.leaders[schema.Fold(d.spanText(i, end))] {
		if d.pubDate != "" && o.From > d.pubDate {
			continue // not yet in office
		}
		if code != "" && o.Country != code {
			return nil // two countries' leaders have this name
		}
		code = o.Country
	}
	if code == "" {
		return nil
	}
	return d.countryByCode(code)
}
