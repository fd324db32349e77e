package extract

import (
	"strings"

	"github.com/dkg/dkg/extract/lexicon"
	"github.com/dkg/dkg/extract/when"
	"github.com/dkg/dkg/schema"
)

// event is one event of an article: a class, its parties, whether it
// happened, when and where, and the sentence that says so.
type event struct {
	verb         *lexicon.EventVerb
	status       string
	actors       []*entity
	recipients   []*entity
	participants []*entity
	edges        [][2]*entity // actor -> recipient, for the direct predicate
	date         string
	location     *entity
	sent         *sentence
	more         []*sentence // other sentences that tell the same event
	issues       []*entity
}

// Words that end a clause: what stands before them does not govern what
// comes after.
var clauseBreaks = setOf("after since when while because although though whereas but before unless until")

// Prepositions that make a following name an argument, not a subject.
var argPreps = setOf("in at with of for by to from on about during between among against including into over under like than toward towards via amid")

// Verbs before a noun event that let the noun take the clause subject as its
// actor: "the US announced sanctions", "Qin paid a visit".
var lightVerbs = setOf("ordered order orders approved approve approves authorised authorized authorise authorize levied levy levies announces unveiled unveil unveils introduced introduce introduces achieve achieved achieves achieving reach held hold holds holding had has have having made make makes making paid pay pays paying announced announce announces imposed impose imposes imposing slapped slaps spent spend including began begin concluded conclude wrapped led lead leads attended attend attends attending conducted conduct hosted host hosts hosting undertook undertake undertakes launched launch expanded expand extended extend issued issue issues signed sign signs reached reach reaches made")

// Modality cues, read backwards from an event in its clause.
var (
	cancelCues   = setOf("cancelled canceled cancel cancels postponed postpone postpones scrapped scrap scraps called calls put puts")
	denyCues     = setOf("not n't never no failed fail fails without refused refuses refuse neither nor")
	possibleCues = setOf("could may might would if hopes hope hoped hoping possible possibly potential potentially chance chances possibility pave paves considering consider considers mulling proposed propose proposes proposal invitation invited invite invites unless whether prospect prospects")
	plannedCues  = setOf("will 'll shall plans plan planned planning scheduled schedule set due upcoming next forthcoming intends intend intended going prepare prepares preparing preparation preparations arrange arranged arranging agreed agree agrees")
	expectedCues = setOf("expected expects expect likely anticipated anticipate")
)

var partyPhrases = [][]string{
	{"both", "sides"}, {"the", "two", "sides"}, {"both", "countries"}, {"the", "two", "countries"},
	{"both", "nations"}, {"the", "two", "nations"}, {"both", "leaders"}, {"the", "two", "leaders"},
	{"both", "governments"}, {"the", "two", "governments"}, {"the", "two", "men"}, {"the", "two", "women"},
	{"the", "two", "presidents"}, {"the", "two", "ministers"}, {"the", "leaders"}, {"they"},
}

// findEvents reads the events of one sentence.
func (d *doc) findEvents(s *sentence) {
	toks := d.toks
	var trig []struct {
		i, n int
		v    *lexicon.EventVerb
	}
	for i := s.start; i < s.end; i++ {
		if !toks[i].Word || d.inMention(s, i) {
			continue
		}
		n, es := d.p.gaz.match(toks[:s.end], i, func(k kind) bool { return k == kEvent })
		if n == 0 {
			continue
		}
		v := es[0].event
		// A form that is both a noun and a verb ("visit", "meeting"):
		// the verb after "to", a modal or a person; else the noun.
		verbCtx := d.verbContext(s, i)
		for _, e := range es {
			if (e.event.POS == "verb") == verbCtx {
				v = e.event
			}
		}
		trig = append(trig, struct {
			i, n int
			v    *lexicon.EventVerb
		}{i, n, v})
		i += n - 1
	}
	var dates []when.Date
	datesDone := map[string]bool{}
	for k, t := range trig {
		// An event's words end where the next event's begin, unless that
		// one only names the venue ("on the sidelines of the BRICS summit
		// in Kazan").
		limit := s.end
		for _, nx := range trig[k+1:] {
			if !d.venueNoun(s, nx.i, nx.v) {
				limit = nx.i
				break
			}
		}
		ev := d.readEvent(s, t.i, t.n, t.v, limit)
		if ev == nil {
			continue
		}
		tense := when.Past
		if ev.status != schema.Occurred && ev.status != schema.Denied && ev.status != schema.Cancelled {
			tense = when.Future
		}
		key := map[bool]string{true: "f", false: "p"}[tense == when.Future]
		if !datesDone[key] {
			dates = when.Find(s.text, d.published, tense)
			datesDone[key] = true
		} else {
			dates = when.Find(s.text, d.published, tense)
		}
		ev.date = d.pickDate(s, t.i, dates)
		if ev.date == "" && ev.status == schema.Occurred && d.pubDate != "" && datelessDefaults[ev.verb.Class] {
			// News reports what just happened: an occurred meeting or
			// visit with no date of its own is dated to the month of
			// publication.
			ev.date = d.pubDate[:7]
		}
		if ev.status == schema.Occurred && ev.date != "" && d.pubDate != "" && ev.date > d.pubDate[:len(ev.date)] {
			ev.status = schema.Planned
		}
		d.addEvent(ev)
	}
	// "Blinken met officials during his trip to Beijing": the meeting
	// took place where the visit went.
	for _, ev := range d.events {
		if ev.sent != s || ev.location != nil || ev.verb.Class == "Visit" {
			continue
		}
		for _, v := range d.events {
			if v.sent == s && v.verb.Class == "Visit" && v.status == ev.status && v.location != nil {
				ev.location = v.location
			}
		}
	}
}

// venueNoun reports whether the event noun at i names where another event
// took place: "of the summit", "at the forum", "during meetings of".
func (d *doc) venueNoun(s *sentence, i int, v *lexicon.EventVerb) bool {
	if v.POS != "noun" || !summitWords[d.toks[i].Key] {
		return false
	}
	for k := i - 1; k >= s.start && k >= i-5; k-- {
		switch d.toks[k].Key {
		case "of", "at", "during", "sidelines", "margins":
			return true
		}
		if !d.toks[k].Word {
			return false
		}
	}
	return false
}

var datelessDefaults = setOf("Meeting Visit Call Agreement")

var verbBefore = setOf("to will would could may might can should must shall did not n't never also then he she they we i who which")

// verbContext reports whether the word at i reads as a verb: after "to", a
// modal, a pronoun or a person's name.
func (d *doc) verbContext(s *sentence, i int) bool {
	if i == s.start {
		return false
	}
	if verbBefore[d.toks[i-1].Key] {
		return true
	}
	if m := s.mentionEndingAt(i); m != nil && m.ent != nil && !m.possessive && !m.adj && m.ent.kind == ePerson {
		return true
	}
	return false
}

func (d *doc) inMention(s *sentence, i int) bool {
	for _, m := range s.mentions {
		if i >= m.start && i < m.end && !m.pronoun {
			return true
		}
	}
	return false
}

// mentionAt returns the mention that starts at token i.
func (s *sentence) mentionAt(i int) *mention {
	for _, m := range s.mentions {
		if m.start == i {
			return m
		}
	}
	return nil
}

func (s *sentence) mentionEndingAt(i int) *mention {
	for _, m := range s.mentions {
		if m.end == i {
			return m
		}
	}
	return nil
}

// clause returns the bounds of the clause around token i.
func (d *doc) clause(s *sentence, i int) (int, int) {
	toks := d.toks
	a := i
	for a > s.start {
		t := toks[a-1]
		if t.Text == ";" || t.Text == ":" || (d.speechVerbAt(s, a-1) && !t.Quote && a-1 < i) || clauseBreaks[t.Key] && a-1 > s.start {
			break
		}
		if t.Text == "," && a < len(toks) && (toks[a].Key == "and" || toks[a].Key == "but") {
			break
		}
		if toks[a-1].Quote != toks[i].Quote && (t.Text == "\"" || t.Text == "“" || t.Text == "”") {
			break
		}
		a--
	}
	b := i + 1
	for b < s.end {
		t := toks[b]
		if t.Text == ";" || clauseBreaks[t.Key] || (t.Text == "," && b+1 < s.end && (toks[b+1].Key == "and" || toks[b+1].Key == "but" || toks[b+1].Key == "which" || toks[b+1].Key == "who" || toks[b+1].Key == "while")) {
			break
		}
		if d.speechVerbAt(s, b) && !t.Quote {
			break
		}
		b++
	}
	return a, b
}

// Speech words that are often nouns: "unfounded claims that", "his
// remarks".
var nounlikeSpeech = setOf("claims notes remarks says suggests observes believes argues")

// speechVerbAt reports whether the word at i is a speech verb: the
// noun-like ones only right after a name or a pronoun.
func (d *doc) speechVerbAt(s *sentence, i int) bool {
	k := d.toks[i].Key
	if !speechVerbs[k] {
		return false
	}
	if !nounlikeSpeech[k] {
		return true
	}
	if i == s.start {
		return false
	}
	if m := s.mentionEndingAt(i); m != nil {
		return true
	}
	p := d.toks[i-1].Key
	return p == "he" || p == "she" || p == "it" || p == "they" || p == "who"
}

// actorMention reports whether m can be the actor or an argument of an
// event: a real name, not a modifier.
func actorMention(m *mention) bool {
	return m.ent != nil && !m.adj && m.ent.kind != eIssue && !(m.compound && m.ent.kind == eCountry)
}

// subject finds the subject of the clause [a, trigger): the first name in
// it that is not the object of a preposition, with the names coordinated
// with it ("Xi Jinping and Joe Biden").
func (d *doc) subject(s *sentence, a, trigger int) []*entity {
	toks := d.toks
	if ps := d.partiesIn(s, a, trigger); ps != nil {
		return ps
	}
	for _, m := range s.mentions {
		if m.start < a || m.start >= trigger {
			continue
		}
		if m.pronoun {
			if e := d.resolvePronoun(s, m); e != nil {
				return []*entity{e}
			}
			continue
		}
		if !actorMention(m) || m.possessive {
			continue
		}
		if m.start > s.start && argPreps[toks[m.start-1].Key] {
			continue
		}
		// Skip names inside a leading prepositional phrase: "In
		// Beijing, ...", "On Taiwan, ...".
		if m.ent.kind == ePlace {
			continue
		}
		return d.coordinated(s, m, trigger)
	}
	return nil
}

// coordinated returns m's entity and those joined to it by "and" or
// commas, possibly with titles between ("Yellen and Commerce Secretary
// Gina Raimondo").
func (d *doc) coordinated(s *sentence, m *mention, limit int) []*entity {
	toks := d.toks
	out := []*entity{m.ent}
	cur := m
	for {
		j := cur.end
		if j < s.end && toks[j].Key == "'s" {
			break
		}
		if j >= limit || j >= s.end || !(toks[j].Key == "and" || toks[j].Text == ",") {
			break
		}
		// Find the next name within a few tokens: titles, possessive
		// pronouns, adjectives and an appositive comma may stand between
		// ("Kono and his South Korean counterpart, Kang Kyung-wha").
		var next *mention
		for _, m2 := range s.mentions {
			if m2.start <= j || m2.start >= limit || m2.start > j+8 || !actorMention(m2) || m2.possessive {
				continue
			}
			ok := true
			for k := j + 1; k < m2.start; k++ {
				t := toks[k]
				if t.Text == "," || t.Key == "his" || t.Key == "her" || t.Key == "its" || t.Key == "their" || t.Key == "the" {
					continue
				}
				if !t.Word || argPreps[t.Key] || functionWords[t.Key] || speechVerbs[t.Key] {
					ok = false
					break
				}
			}
			if ok {
				next = m2
			}
			break
		}
		if next == nil || next.ent.kind != cur.ent.kind && !(isActorKind(next.ent.kind) && isActorKind(cur.ent.kind)) {
			break
		}
		out = appendUnique(out, next.ent)
		cur = next
	}
	return out
}

func isActorKind(k entKind) bool { return k == ePerson || k == eCountry || k == eOrg || k == eGroup }

func appendUnique(list []*entity, e ...*entity) []*entity {
outer:
	for _, x := range e {
		if x == nil {
			continue
		}
		for _, y := range list {
			if y == x {
				continue outer
			}
		}
		list = append(list, x)
	}
	return list
}

// partiesIn resolves "both sides", "the two countries", "they" to the
// parties of the talks the article is about.
func (d *doc) partiesIn(s *sentence, a, trigger int) []*entity {
	toks := d.toks
	for i := a; i < trigger; i++ {
		for _, p := range partyPhrases {
			if i+len(p) > trigger {
				continue
			}
			ok := true
			for k, w := range p {
				if toks[i+k].Key != w {
					ok = false
					break
				}
			}
			if ok && (i == a || !argPreps[toks[i-1].Key]) {
				if len(p) == 1 && !d.lastWasParties {
					return nil
				}
				return d.parties()
			}
		}
	}
	return nil
}

// parties are the people of the latest meeting, else the two countries the
// article names most.
func (d *doc) parties() []*entity {
	for k := len(d.events) - 1; k >= 0; k-- {
		ev := d.events[k]
		if ev.verb.Class == "Meeting" && ev.status == schema.Occurred {
			var ps []*entity
			for _, p := range ev.participants {
				if p.kind == ePerson {
					ps = append(ps, p)
				}
			}
			if len(ps) >= 2 {
				return ps
			}
		}
	}
	// The two most-named people who act for different countries.
	var p1, p2 *entity
	for _, e := range d.persons {
		if e.repr == "" {
			continue
		}
		switch {
		case p1 == nil || e.mention > p1.mention:
			if p1 != nil && p1.repr != e.repr {
				p2 = p1
			}
			p1 = e
		case e.repr != p1.repr && (p2 == nil || e.mention > p2.mention):
			p2 = e
		}
	}
	if p1 != nil && p2 != nil && p1.repr != p2.repr {
		return []*entity{p1, p2}
	}
	var best, second *entity
	for _, e := range d.order {
		if e.kind != eCountry {
			continue
		}
		switch {
		case best == nil || e.mention > best.mention:
			best, second = e, best
		case second == nil || e.mention > second.mention:
			second = e
		}
	}
	if best != nil && second != nil {
		return []*entity{best, second}
	}
	return nil
}

// resolvePronoun finds who "he" or "she" is: the person most recently
// named as a speaker or as the subject of a sentence, outside quotations.
func (d *doc) resolvePronoun(s *sentence, m *mention) *entity {
	pos := d.toks[m.start].Start
	var best *entity
	bestPos := -1
	for _, sp := range d.spoke {
		if sp.pos < pos && sp.pos > bestPos && sp.e.kind == ePerson {
			best, bestPos = sp.e, sp.pos
		}
	}
	for _, sx := range d.sents {
		if d.toks[sx.start].Start >= pos {
			break
		}
		for _, mm := range sx.mentions {
			p := d.toks[mm.start].Start
			if p >= pos {
				break
			}
			if mm.pronoun || mm.ent == nil || d.toks[mm.start].Quote || mm.adj {
				continue
			}
			if mm.start > sx.start && argPreps[d.toks[mm.start-1].Key] {
				continue
			}
			// The first name of the sentence is its subject.
			if mm.ent.kind == ePerson && p > bestPos {
				best, bestPos = mm.ent, p
			}
			break
		}
	}
	return best
}

// objects finds the names after the trigger, introduced by one of preps
// ("" = directly), with their coordinated names.
func (d *doc) objects(s *sentence, from, to int, preps ...string) []*entity {
	toks := d.toks
	for _, m := range s.mentions {
		if m.start < from || m.start >= to || !actorMention(m) {
			continue
		}
		if m.possessive {
			// "between China's top diplomat Wang Yi and ...": the
			// possessor describes the next name.
			continue
		}
		// An object stands near its verb, within the same phrase.
		if m.start-from > 10 {
			return nil
		}
		for k := from; k < m.start; k++ {
			if t := toks[k].Text; t == "," || t == ";" || t == ":" || t == "—" {
				return nil
			}
		}
		// Walk back over titles, determiners and possessors to the
		// preposition that introduces the name, if any.
		k := m.start - 1
		for steps := 0; k >= from && steps < 8; steps++ {
			t := toks[k]
			if t.Key == "of" && k-1 >= from && toks[k-1].Cap && toks[k+1].Cap {
				k-- // inside a title: "Secretary of State"
				continue
			}
			if argPreps[t.Key] || !t.Word && t.Key != "'s" {
				break
			}
			if t.Key == "'s" {
				mm := s.mentionEndingAt(k)
				if mm == nil {
					break
				}
				k = mm.start - 1
				continue
			}
			if t.Key == "and" || (t.Cap && m.ent.kind != ePerson && s.mentionEndingAt(k+1) == nil) {
				break
			}
			k--
		}
		prep := ""
		if k >= from && argPreps[toks[k].Key] {
			prep = toks[k].Key
		}
		for _, p := range preps {
			if p == prep {
				return d.coordinated(s, m, to)
			}
		}
		if prep != "" && prep != "of" {
			// A name behind another preposition ends the search.
			return nil
		}
	}
	return nil
}

// readEvent reads the arguments, status and place of the event triggered at
// token i.
func (d *doc) readEvent(s *sentence, i, n int, v *lexicon.EventVerb, limit int) *event {
	toks := d.toks
	a, b := d.clause(s, i)
	if limit < b {
		b = limit
	}
	ev := &event{verb: v, sent: s}
	ev.status = d.status(s, a, i, v)
	isNoun := v.POS == "noun"
	switch {
	case isNoun:
		d.nounArgs(s, ev, a, i, n, b)
	default:
		passive := i > s.start && (toks[i-1].Key == "was" || toks[i-1].Key == "were" || toks[i-1].Key == "been" || toks[i-1].Key == "be" || toks[i-1].Key == "being")
		subj := d.subject(s, a, i)
		if isInfinitive(toks, i) {
			subj = d.infinitiveSubject(s, a, i)
		} else if len(subj) == 0 && a < i && (toks[a].Key == "and" || toks[a].Key == "but") {
			// "Beijing accused Washington ..., and urged the US to ...":
			// the verbs share their subject.
			subj = d.prevClauseSubject(s, a)
		}
		objPreps := argPrepsFor(v.Class)
		obj := d.objects(s, i+n, b, objPreps...)
		if passive {
			by := d.objects(s, i+n, b, "by")
			obj, subj = subj, by
		}
		if v.Direction == "mutual" && len(obj) == 0 && len(subj) >= 2 {
			ev.actors = subj[:1]
			ev.recipients = subj[1:]
		} else {
			ev.actors = subj
			ev.recipients = obj
		}
	}
	if v.Class == "Visit" {
		// The destination of a visit is its place, not a party.
		var dest *entity
		var keep []*entity
		for _, r := range ev.recipients {
			if (r.kind == eCountry || r.kind == ePlace) && dest == nil {
				dest = r
				continue
			}
			keep = append(keep, r)
		}
		ev.recipients = keep
		if dest != nil {
			ev.location = dest
			// "visit Beijing": the city, where the text names one.
			for _, m := range s.mentions {
				if m.start > i && m.ent == dest {
					if m.place != nil {
						ev.location = m.place
					}
					break
				}
			}
		}
	}
	ev.participants = appendUnique(append([]*entity(nil), ev.actors...), ev.recipients...)
	if ev.location == nil {
		ev.location = d.location(s, i, a, b)
	}
	if ev.location == nil && d.dateline != nil && s == d.sents[0] && ev.status == schema.Occurred && (v.Class == "Meeting" || v.Class == "Call" || v.Class == "Agreement") {
		ev.location = d.dateline
	}
	switch v.Class {
	case "Visit":
		if len(ev.actors) == 0 || (ev.location == nil && len(ev.recipients) == 0) {
			return nil
		}
	case "Meeting", "Call":
		if len(ev.participants) < 2 {
			return nil
		}
	default:
		if len(ev.actors) == 0 {
			return nil
		}
	}
	if v.Class == "Visit" && ev.location != nil {
		// The host country is a party too.
		if c := d.countryOfPlace(ev.location); c != nil {
			ev.participants = appendUnique(ev.participants, c)
		}
	}
	for _, x := range ev.actors {
		from := x
		for _, y := range ev.recipients {
			if from != y {
				ev.edges = append(ev.edges, [2]*entity{from, y})
			}
		}
	}
	if v.Class == "Visit" && ev.location != nil {
		for _, x := range ev.actors {
			ev.edges = append(ev.edges, [2]*entity{x, ev.location})
		}
	}
	return ev
}

func isInfinitive(toks []token, i int) bool {
	return i > 0 && toks[i-1].Key == "to"
}

// infinitiveSubject: "for Xi and Biden to meet" -> Xi, Biden; "are
// expected to travel" -> the clause subject.
func (d *doc) infinitiveSubject(s *sentence, a, i int) []*entity {
	toks := d.toks
	if m := s.mentionEndingAt(i - 1); m != nil && actorMention(m) {
		// Walk back over a coordination.
		first := m
		for _, m2 := range s.mentions {
			if m2.end < m.start && m2.start >= a && actorMention(m2) {
				if ents := d.coordinated(s, m2, i); len(ents) > 1 && ents[len(ents)-1] == m.ent {
					first = m2
					break
				}
			}
		}
		return d.coordinated(s, first, i)
	}
	if i >= 2 {
		w := toks[i-2].Key
		if plannedCues[w] || expectedCues[w] || possibleCues[w] || controlVerbs[w] {
			return d.subject(s, a, i)
		}
	}
	return nil
}

var controlVerbs = setOf("wants want wanted hopes hoped seeks sought tried tries trying able unable decided decide decides refused agreed ready willing invited urged asked pressed")

func argPrepsFor(class string) []string {
	switch class {
	case "Meeting", "Call":
		return []string{"", "with"}
	case "Visit":
		return []string{"", "to"}
	case "Sanction", "Coercion":
		return []string{"", "on", "against"}
	case "Aid":
		return []string{"", "to"}
	default:
		return []string{""}
	}
}

// nounArgs reads the parties of a noun event: "Blinken's visit", "the
// Xi-Biden meeting", "a meeting between Xi and Biden", "talks with Xi",
// "a visit to the US by President Xi", "sanctions against Chinese
// companies".
func (d *doc) nounArgs(s *sentence, ev *event, a, i, n, b int) {
	toks := d.toks
	// Left of the noun: possessor, compound names, a country ("China
	// visit").
	k := i - 1
	var dest *entity
	for k >= a && k >= i-5 {
		t := toks[k]
		if m := s.mentionEndingAt(k + 1); m != nil && m.ent != nil {
			switch {
			case m.compound && m.ent.kind == ePerson:
				// "Xi-Biden meeting"
				ev.actors = appendUnique(ev.actors, m.ent)
				k = m.start - 1
				continue
			case (m.ent.kind == eCountry || m.ent.kind == ePlace) && !m.possessive && ev.verb.Class == "Visit":
				dest = m.ent
				k = m.start - 1
				continue
			case m.pronoun:
				k = m.start - 1
				continue
			case m.ent.kind == eOrg && (ev.verb.Class == "Meeting" || ev.verb.Class == "Call") && k+1 == i:
				// "the G20 summit": the grouping meets.
				ev.recipients = appendUnique(ev.recipients, m.ent)
				k = m.start - 1
				continue
			}
			break
		}
		if t.Key == "'s" {
			if m := s.mentionEndingAt(k); m != nil && m.ent != nil && actorMention(m) {
				ev.actors = appendUnique(ev.actors, m.ent)
			}
			break
		}
		if t.Key == "his" || t.Key == "her" {
			if e := d.resolvePronoun(s, &mention{start: k}); e != nil {
				ev.actors = appendUnique(ev.actors, e)
			}
			break
		}
		if !t.Word || t.Cap || argPreps[t.Key] || t.Key == "and" {
			break
		}
		k--
	}
	if len(ev.actors) > 1 {
		// "Xi-Biden meeting": mutual.
		ev.recipients = ev.actors[1:]
		ev.actors = ev.actors[:1]
	}
	// Right of the noun.
	after := i + n
	if between := d.objects(s, after, b, "between"); len(between) >= 2 {
		ev.actors = appendUnique(ev.actors, between[0])
		ev.recipients = appendUnique(ev.recipients, between[1:]...)
	}
	if with := d.objects(s, after, b, "with"); len(with) > 0 && (ev.verb.Class == "Meeting" || ev.verb.Class == "Call" || ev.verb.Class == "Agreement" || ev.verb.Class == "Cooperation") {
		ev.recipients = appendUnique(ev.recipients, with...)
	}
	if by := d.objects(s, after, b, "by"); len(by) > 0 && len(ev.actors) == 0 {
		ev.actors = by
	}
	for _, p := range argPrepsFor(ev.verb.Class) {
		if p == "" || p == "with" {
			continue
		}
		if obj := d.objects(s, after, b, p); len(obj) > 0 {
			ev.recipients = appendUnique(ev.recipients, obj...)
		}
	}
	if dest != nil {
		ev.recipients = appendUnique(ev.recipients, dest)
	}
	if len(ev.actors) == 0 {
		// "the US announced sanctions", "Qin paid a visit", "Blinken met
		// officials ..., including a meeting with Xi".
		light := false
		for k := i - 1; k >= a && k >= i-5; k-- {
			if lightVerbs[toks[k].Key] {
				light = true
				break
			}
		}
		if light || d.inheritsSubject(s, a, i) {
			ev.actors = d.subject(s, a, i)
			if len(ev.actors) == 0 {
				ev.actors = d.prevClauseSubject(s, a)
			}
			if len(ev.recipients) == 0 && len(ev.actors) > 0 && (ev.verb.Class == "Meeting" || ev.verb.Class == "Call") && d.during(i) {
				ev.recipients = d.clauseObject(s, a, i, ev.actors)
			}
		}
	}
	// Do not let one name be both sides.
	var rec []*entity
	for _, r := range ev.recipients {
		dup := false
		for _, x := range ev.actors {
			if x == r {
				dup = true
			}
		}
		if !dup {
			rec = append(rec, r)
		}
	}
	ev.recipients = rec
}

// during reports whether the noun at i follows "during" ("during a meeting
// meant to ...").
func (d *doc) during(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if d.toks[k].Key == "during" {
			return true
		}
		if !d.toks[k].Word || argPreps[d.toks[k].Key] {
			return false
		}
	}
	return false
}

// clauseObject is the first person after the subject and before the
// trigger that is not behind a preposition: the object of the clause's
// verb.
func (d *doc) clauseObject(s *sentence, a, i int, subj []*entity) []*entity {
	toks := d.toks
	for _, m := range s.mentions {
		if m.start < a || m.start >= i || m.ent == nil || m.ent.kind != ePerson || m.possessive || m.adj {
			continue
		}
		if m.start > s.start && argPreps[toks[m.start-1].Key] {
			continue
		}
		isSubj := false
		for _, x := range subj {
			if x == m.ent {
				isSubj = true
			}
		}
		if !isSubj {
			return []*entity{m.ent}
		}
	}
	return nil
}

// inheritsSubject: a noun event in a clause whose verb is itself an event
// of the same kind ("met ..., and spent hours in discussions with").
func (d *doc) inheritsSubject(s *sentence, a, i int) bool {
	toks := d.toks
	for k := i - 1; k >= a && k >= i-4; k-- {
		switch {
		case toks[k].Key == "in" || toks[k].Key == "during" || toks[k].Key == "including":
			return true
		case !toks[k].Word || argPreps[toks[k].Key] || toks[k].Cap:
			return false
		}
	}
	return false
}

// prevClauseSubject is the subject of the clause before a, in the same
// sentence ("Blinken met X, and spent hours with Y").
func (d *doc) prevClauseSubject(s *sentence, a int) []*entity {
	if a <= s.start {
		return nil
	}
	pa, _ := d.clause(s, a-2)
	if pa >= a {
		return nil
	}
	return d.subject(s, pa, a)
}

// status reads the modality of the event at trigger from the words before
// it in its clause.
func (d *doc) status(s *sentence, a, trigger int, v *lexicon.EventVerb) string {
	toks := d.toks
	for k := trigger - 1; k >= a; k-- {
		w := toks[k].Key
		dist := trigger - k
		if toks[k].Cap && k > s.start && toks[k-1].Word && toks[k-1].Cap {
			// Inside a name, after a capitalised word: "Reporters Without
			// Borders urged" is no denial ("“If ..." still is a cue).
			continue
		}
		switch {
		case cancelCues[w]:
			if w == "called" || w == "calls" || w == "put" || w == "puts" {
				if k+1 < len(toks) && toks[k+1].Key == "off" {
					return schema.Cancelled
				}
				continue
			}
			return schema.Cancelled
		case denyCues[w] && dist <= 4:
			return schema.Denied
		case expectedCues[w]:
			return schema.Expected
		case possibleCues[w]:
			return schema.Possible
		case plannedCues[w]:
			if w == "set" || w == "due" || w == "going" || w == "agreed" || w == "agree" || w == "agrees" || w == "plan" || w == "plans" {
				// "agreed to meet", not "agreed to the plan at a meeting".
				if k+1 >= len(toks) || toks[k+1].Key != "to" || trigger-k > 3 {
					continue
				}
			}
			return schema.Planned
		}
	}
	// After the trigger: "the visit, which was cancelled", "the meeting
	// did not take place".
	for k := trigger + 1; k < s.end && k <= trigger+4; k++ {
		w := toks[k].Key
		if (w == "cancelled" || w == "canceled" || w == "scrapped" || w == "postponed" || (w == "put" || w == "called") && k+1 < s.end && toks[k+1].Key == "off") && (toks[k-1].Key == "was" || toks[k-1].Key == "were" || toks[k-1].Key == "been") {
			return schema.Cancelled
		}
	}
	if isInfinitive(toks, trigger) {
		return schema.Planned
	}
	return schema.Occurred
}

// pickDate chooses the time expression of the event at trigger: the nearest
// one after it in the sentence, else the nearest before it.
func (d *doc) pickDate(s *sentence, trigger int, dates []when.Date) string {
	if len(dates) == 0 {
		return ""
	}
	pos := d.toks[trigger].Start - s.offset
	a, b := d.clause(s, trigger)
	ca, cb := d.toks[a].Start-s.offset, d.toks[b-1].End-s.offset
	best, bestDist := "", 1<<30
	for k := 0; k+1 < len(dates); k++ {
		// "in November last year": the month of that year.
		if len(dates[k].Value) == 7 && len(dates[k+1].Value) == 4 && dates[k+1].Start-dates[k].End <= 2 {
			dates[k].Value = dates[k+1].Value + dates[k].Value[4:]
			dates[k].End = dates[k+1].End
			dates = append(dates[:k+1:k+1], dates[k+2:]...)
		}
	}
	for _, dt := range dates {
		if w, _, _ := strings.Cut(dt.Phrase, " "); strings.EqualFold(w, "since") && dt.Start > pos {
			// "held in a Russian prison since 2021": after the verb, how
			// long a state has lasted, not when the event happened
			// (unlike "Since August 2022, when he called for ...").
			continue
		}
		dist := dt.Start - pos
		if dist < 0 {
			dist = -dist * 3 // prefer what follows the trigger
		}
		if dt.Start < ca-1 || dt.Start > cb {
			// Outside the clause: only when the clause has none
			// ("last month, when X visited New Delhi").
			dist += 1 << 20
		}
		if dist < bestDist {
			best, bestDist = dt.Value, dist
		}
	}
	return best
}

// location finds where the event took place: a place or country introduced
// by "in" or "at" after the trigger, a summit at an organisation, or a
// place at the start of the clause.
func (d *doc) location(s *sentence, trigger, a, b int) *entity {
	toks := d.toks
	var org *entity
	for _, m := range s.mentions {
		if m.ent == nil || m.start <= trigger || m.start >= b || (m.adj && m.place == nil) || m.possessive || m.compound {
			continue
		}
		prev := toks[m.start-1].Key
		if prev == "the" && m.start >= 2 {
			prev = toks[m.start-2].Key
		}
		if prev == "of" && m.start >= 2 && placeNouns[toks[m.start-2].Key] {
			// "in the Russian city of Kazan": look before the noun.
			k := m.start - 3
			for k > s.start && toks[k].Word && !argPreps[toks[k].Key] {
				k--
			}
			prev = toks[k].Key
		}
		switch m.ent.kind {
		case ePlace, eCountry:
			if prev == "in" || prev == "at" || (prev == "to" && (m.place != nil || m.ent.kind == ePlace)) {
				return mEnt(m)
			}
		case eOrg:
			next := m.end
			if d.acronymAfter(next) != "" {
				next += 3
			}
			if (prev == "at" || prev == "during") && next < s.end && summitWords[toks[next].Key] && org == nil {
				org = m.ent
			}
		}
	}
	if org != nil {
		return org
	}
	for _, m := range s.mentions {
		if m.ent == nil || m.start < a || m.start >= trigger || (m.adj && m.place == nil) {
			continue
		}
		if (m.ent.kind == ePlace || m.place != nil) && m.start > s.start && (toks[m.start-1].Key == "in" || toks[m.start-1].Key == "at") {
			return mEnt(m)
		}
	}
	return nil
}

var placeNouns = setOf("city town capital port resort village region province state island")

var summitWords = setOf("summit summits forum conference meeting meetings talks gathering ministerial session")

// mEnt is the entity a mention stands for as a place: the city for a
// capital, else the entity.
func mEnt(m *mention) *entity {
	if m.place != nil {
		return m.place
	}
	return m.ent
}

func (d *doc) countryOfPlace(e *entity) *entity {
	switch e.kind {
	case eCountry:
		return e
	case ePlace:
		if e.code != "" {
			return d.countryByCode(e.code)
		}
	}
	return nil
}

// addEvent merges ev into an event of the same class and status in the same
// sentence, or adds it.
func (d *doc) addEvent(ev *event) {
	for _, x := range d.events {
		if x.sent == ev.sent && x.verb.Class == ev.verb.Class && x.status == ev.status {
			x.actors = appendUnique(x.actors, ev.actors...)
			x.recipients = appendUnique(x.recipients, ev.recipients...)
			x.participants = appendUnique(x.participants, ev.participants...)
			x.edges = append(x.edges, ev.edges...)
			if x.date == "" {
				x.date = ev.date
			}
			if x.location == nil {
				x.location = ev.location
			}
			return
		}
	}
	d.events = append(d.events, ev)
}
