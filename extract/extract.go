// Package extract turns an Article into facts: the quads of one named graph,
// built from the vocabulary in package schema. It knows nothing about the
// store.
//
// The pipeline is rules over public-knowledge dictionaries (package
// lexicon), since no statistical model can be had offline:
//
//  1. paragraphs and sentences (prose's Punkt segmenter), then tokens with
//     their byte offsets;
//  2. names: dictionary phrases (countries, capitals, demonyms, places,
//     organisations, officials), capitalised runs classified by their cues
//     (a title before, an appositive after, an acronym, a speech verb), and
//     surnames resolved to the full names the article gives;
//  3. events from an event-verb dictionary, with their parties, status
//     (occurred, planned, expected, possible, denied, cancelled), date
//     (package when) and place; direct edges (met, visited, sanctioned,
//     urged, accused) only for events that occurred;
//  4. statements: quotations and reported speech with their speakers;
//  5. issues named in a sentence or paragraph, linked to its events and
//     statements by about.
package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/cayleygraph/quad"
	"github.com/jdkato/prose/v3/segment"

	"github.com/dkg/dkg/extract/lexicon"
	"github.com/dkg/dkg/schema"
)

// Result is what one article yields.
type Result struct {
	// Article is the article's IRI, the label of every quad.
	Article quad.IRI
	// Quads are the facts, each labelled with Article.
	Quads []quad.Quad
	// Entities, Events and Statements count the distinct nodes found.
	Entities, Events, Statements int
}

// Pipeline extracts facts with one set of dictionaries. It is safe for
// concurrent use.
type Pipeline struct {
	lex *lexicon.Lexicon
	gaz *gazetteer
	seg *segment.Segmenter
	// leaders holds the heads of government and state of the officials
	// dictionary by folded full name and surname, for "the Biden
	// administration".
	leaders map[string][]lexicon.Official
}

// New returns a pipeline over the given dictionaries.
func New(lex *lexicon.Lexicon) (*Pipeline, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("load sentence model: %w", err)
	}
	return &Pipeline{lex: lex, gaz: newGazetteer(lex), seg: seg, leaders: leadersByName(lex)}, nil
}

// leaderTitles are the offices whose holder's name names an administration.
var leaderTitles = map[string]bool{"President": true, "Prime Minister": true, "Chancellor": true}

// leadersByName indexes the heads of state and government by their folded
// names and surnames (the last word of each name).
func leadersByName(lex *lexicon.Lexicon) map[string][]lexicon.Official {
	m := map[string][]lexicon.Official{}
	for _, o := range lex.Officials {
		if !leaderTitles[o.Title] {
			continue
		}
		keys := map[string]bool{}
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			f := schema.Fold(n)
			keys[f] = true
			if sp := strings.LastIndexByte(f, ' '); sp >= 0 {
				keys[f[sp+1:]] = true
			}
		}
		for k := range keys {
			m[k] = append(m[k], o)
		}
	}
	return m
}

var (
	defaultOnce sync.Once
	defaultP    *Pipeline
	defaultErr  error
)

// Default returns the pipeline over the embedded dictionaries.
func Default() (*Pipeline, error) {
	defaultOnce.Do(func() { defaultP, defaultErr = New(lexicon.Default()) })
	return defaultP, defaultErr
}

// Extract turns an article into its quads with the default pipeline.
func Extract(a Article) (*Result, error) {
	p, err := Default()
	if err != nil {
		return nil, err
	}
	return p.Extract(a)
}

// Extract turns an article into its quads.
func (p *Pipeline) Extract(a Article) (*Result, error) { return p.ExtractWith(a, nil) }

// ExtractWith turns an article into its quads, resolving short names
// against the people earlier articles named (known may be nil).
func (p *Pipeline) ExtractWith(a Article, known *Known) (*Result, error) {
	if strings.TrimSpace(a.Text) == "" {
		return nil, fmt.Errorf("empty article")
	}
	d := &doc{
		p: p, art: a, text: a.Text, published: a.Published,
		ents: map[string]*entity{}, acronyms: map[string]*entity{},
		paraIssue: map[int][]*entity{}, known: known,
	}
	if !a.Published.IsZero() {
		d.pubDate = a.Published.Format("2006-01-02")
	} else {
		d.published = time.Now().UTC()
	}
	d.split()
	for _, s := range d.sents {
		d.findMentions(s)
	}
	d.findDateline()
	d.resolveSurnames()
	for _, s := range d.sents {
		d.findIssues(s)
	}
	// Events and statements in reading order, paragraph by paragraph, so
	// that "he said" and "both sides" refer back correctly.
	for start := 0; start < len(d.sents); {
		end := start
		for end < len(d.sents) && d.sents[end].para == d.sents[start].para {
			end++
		}
		para := d.sents[start:end]
		for _, s := range para {
			d.findEvents(s)
			d.lastWasParties = d.sentenceSubjectIsParties(s)
		}
		d.findStatements(para)
		start = end
	}
	d.mergeEvents()
	d.linkIssues()
	return d.emit(), nil
}

// split cuts the text into paragraphs, sentences and tokens.
func (d *doc) split() {
	text := d.text
	// About one token in five bytes of news text.
	d.toks = make([]token, 0, len(text)/5+16)
	para := 0
	for off := 0; off < len(text); {
		nl := strings.IndexByte(text[off:], '\n')
		end := len(text)
		if nl >= 0 {
			end = off + nl
		}
		if strings.TrimSpace(text[off:end]) != "" {
			inQuote := false
			for _, ss := range d.p.seg.Segment(text[off:end]) {
				s := &sentence{para: para, text: ss.Text, offset: off + ss.Start}
				s.start = len(d.toks)
				d.toks, inQuote = tokenize(d.toks, text, s.offset, s.offset+len(ss.Text), inQuote, para, len(d.sents))
				for k := s.start; k < len(d.toks); k++ {
					d.toks[k].phrases = d.p.gaz.byFirst[d.toks[k].Key]
				}
				s.end = len(d.toks)
				if s.end > s.start {
					d.sents = append(d.sents, s)
				}
			}
			para++
		}
		off = end + 1
	}
}

// findDateline reads a wire dateline ("WASHINGTON —", "BANDAR SERI BEGAWAN
// —"): the place the lead sentence happened in, and never an actor.
func (d *doc) findDateline() {
	if len(d.sents) == 0 {
		return
	}
	s := d.sents[0]
	// An all-caps place no dictionary knows: "WOODSIDE, California —".
	if t := d.toks[s.start]; t.Upper && t.Word && (len(s.mentions) == 0 || s.mentions[0].start > s.start) {
		end := s.start
		for end < s.end && d.toks[end].Upper && d.toks[end].Word {
			end++
		}
		for k := end; k < s.end && k < end+5; k++ {
			if tx := d.toks[k].Text; tx == "—" || tx == "–" || tx == "-" || tx == "(" {
				name := titleCase(d.spanText(s.start, end))
				code := ""
				for _, m := range s.mentions {
					if m.start >= end && m.start < k && m.ent != nil {
						code = d.countryCodeOf(m.ent)
						m.adj = true
					}
				}
				d.dateline = d.place(name, code)
				return
			}
		}
	}
	for _, m := range s.mentions {
		if m.start > s.start+1 || m.ent == nil {
			break
		}
		k := m.end
		// "BEIJING, April 14 —", "WASHINGTON (Reuters) -"
		for k < s.end && k < m.end+5 && d.toks[k].Text != "—" && d.toks[k].Text != "–" && d.toks[k].Text != "-" && d.toks[k].Text != "(" {
			k++
		}
		if k < s.end && k < m.end+5 && d.toks[m.start].Upper && (m.place != nil || m.ent.kind == ePlace || m.ent.kind == eCountry) {
			m.adj = true
			d.dateline = mEnt(m)
		}
		break
	}
}

// countryCodeOf is the country an entity is or lies in.
func (d *doc) countryCodeOf(e *entity) string {
	if e.kind == eCountry || e.kind == ePlace {
		return e.code
	}
	return ""
}

// titleCase turns "BANDAR SERI BEGAWAN" into "Bandar Seri Begawan".
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// sentenceSubjectIsParties reports whether the sentence's subject was "both
// sides" or the like, so that a following "they" means the same.
func (d *doc) sentenceSubjectIsParties(s *sentence) bool {
	for i := s.start; i < s.end && i < s.start+4; i++ {
		k := d.toks[i].Key
		if k == "sides" || k == "countries" || k == "nations" || k == "leaders" || k == "governments" {
			if i > s.start && (d.toks[i-1].Key == "both" || d.toks[i-1].Key == "two") {
				return true
			}
		}
	}
	return d.lastWasParties && s.start < len(d.toks) && d.toks[s.start].Key == "they"
}

// findIssues finds the issue phrases of a sentence.
func (d *doc) findIssues(s *sentence) {
	for i := s.start; i < s.end; i++ {
		if !d.toks[i].Word {
			continue
		}
		n, es := d.p.gaz.match(d.toks[:s.end], i, func(k kind) bool { return k == kIssue })
		if n == 0 {
			continue
		}
		for _, e := range es {
			is := d.issueEntity(e.issue)
			is.mention++
			is.addName(strings.ToLower(d.spanText(i, i+n)))
			s.issues = appendUnique(s.issues, is)
			d.paraIssue[s.para] = appendUnique(d.paraIssue[s.para], is)
		}
		i += n - 1
	}
}

// mergeEvents makes one event of the sentences that tell the same one: the
// same class, status and parties, and dates that agree (one a prefix of
// the other: "2024-10" and "2024-10-23").
func (d *doc) mergeEvents() {
	var out []*event
	for _, ev := range d.events {
		merged := false
		for _, x := range out {
			if x.verb.Class != ev.verb.Class || x.status != ev.status || !sameSet(x.participants, ev.participants) {
				continue
			}
			if !(strings.HasPrefix(x.date, ev.date) || strings.HasPrefix(ev.date, x.date)) {
				continue
			}
			if len(ev.date) > len(x.date) {
				x.date = ev.date
			}
			if x.location == nil {
				x.location = ev.location
			}
			x.edges = append(x.edges, ev.edges...)
			x.more = append(x.more, ev.sent)
			x.more = append(x.more, ev.more...)
			merged = true
			break
		}
		if !merged {
			out = append(out, ev)
		}
	}
	d.events = out
}

func sameSet(a, b []*entity) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// linkIssues ties events and statements to the issues of their sentence
// and paragraph.
func (d *doc) linkIssues() {
	for _, ev := range d.events {
		for _, s := range append([]*sentence{ev.sent}, ev.more...) {
			ev.issues = appendUnique(ev.issues, s.issues...)
			ev.issues = appendUnique(ev.issues, d.paraIssue[s.para]...)
		}
	}
	for _, st := range d.statements {
		st.issues = append([]*entity(nil), st.sent.issues...)
		// The issues named in the quotation itself, wherever it runs.
		for _, is := range d.paraIssue[st.sent.para] {
			for n := range is.alt {
				if strings.Contains(strings.ToLower(st.text), n) {
					st.issues = appendUnique(st.issues, is)
				}
			}
		}
	}
}

// tripleKey identifies a fact: every value dkg writes (IRIs, strings,
// typed strings) is comparable, so no string is built to compare it.
type tripleKey struct {
	s, p quad.IRI
	o    quad.Value
}

// emitter collects the quads of one article, without duplicates.
type emitter struct {
	label quad.IRI
	seen  map[tripleKey]bool
	quads []quad.Quad
}

func (w *emitter) add(s quad.IRI, p quad.IRI, o quad.Value) {
	if o == nil {
		return
	}
	if str, ok := o.(quad.String); ok && strings.TrimSpace(string(str)) == "" {
		return
	}
	k := tripleKey{s, p, o}
	if w.seen[k] {
		return
	}
	w.seen[k] = true
	w.quads = append(w.quads, quad.Quad{Subject: s, Predicate: p, Object: o, Label: w.label})
}

func integer(n int) quad.Value {
	return quad.TypedString{Value: quad.String(fmt.Sprint(n)), Type: schema.XSDInteger}
}

// emit turns the article's findings into quads.
func (d *doc) emit() *Result {
	a := d.art
	art := a.IRI()
	// Room for about as many facts as the article will give.
	n := 16 + 8*len(d.order) + 16*len(d.events) + 12*len(d.statements)
	w := &emitter{label: art, seen: make(map[tripleKey]bool, n), quads: make([]quad.Quad, 0, n)}
	w.add(art, schema.Type, schema.NewsArticle)
	if u := a.Address(); u != "" {
		w.add(art, schema.URL, quad.String(u))
	}
	if a.Title != "" {
		w.add(art, schema.Headline, quad.String(a.Title))
	}
	if d.pubDate != "" {
		w.add(art, schema.DatePublished, schema.Date(d.pubDate))
	}
	if a.Source != "" {
		w.add(art, schema.Publisher, quad.String(a.Source))
	}
	used := map[*entity]bool{}
	use := func(e *entity) quad.IRI {
		if e == nil {
			return ""
		}
		used[e] = true
		return d.iri(e)
	}
	res := &Result{Article: art}
	// Offices held on the publication date give titles and countries the
	// text left out.
	d.paragraphCountries()
	for _, e := range d.persons {
		if e.repr == "" && e.ofCountry != "" && officialKinds[e.tkind] && !e.former {
			e.repr = e.ofCountry
		}
		if o := d.officeOf(e); o != nil {
			if e.title == "" {
				e.title = o.Title
			}
			if e.repr == "" && !e.former && !internationalTitle(o.Title) {
				e.repr = o.Country
			}
		}
	}
	for _, ev := range d.events {
		v := ev.verb
		parts := ev.participants
		if v.Class == schema.Local(schema.Sanction) {
			// Sanctions ordered by an official or a government body are
			// their state's (as the sanctioned edge is): the state takes
			// part in the event too.
			for _, a := range ev.actors {
				if st := d.sanctioningState(a); st != a && !slices.Contains(parts, st) {
					parts = append(slices.Clip(parts), st)
				}
			}
		}
		var ps []quad.IRI
		for _, p := range parts {
			ps = append(ps, use(p))
		}
		id := schema.EventIRI(quad.IRI(schema.NS+v.Class), ps, ev.date, ev.status)
		w.add(id, schema.Type, quad.IRI(schema.NS+v.Class))
		for _, p := range ps {
			w.add(id, schema.Participant, p)
		}
		for _, x := range ev.actors {
			w.add(id, schema.Actor, use(x))
		}
		for _, x := range ev.recipients {
			w.add(id, schema.Recipient, use(x))
		}
		if ev.location != nil {
			w.add(id, schema.Location, use(ev.location))
		}
		if ev.date != "" {
			w.add(id, schema.StartDate, schema.Date(ev.date))
		}
		w.add(id, schema.Status, quad.String(ev.status))
		for _, is := range ev.issues {
			w.add(id, schema.About, use(is))
		}
		// The first sentence is the evidence; its offsets locate it.
		w.add(id, schema.Evidence, quad.String(ev.sent.text))
		w.add(id, schema.EvidenceStart, integer(ev.sent.offset))
		w.add(id, schema.EvidenceEnd, integer(ev.sent.offset+len(ev.sent.text)))
		if v.Cameo != "" {
			w.add(id, schema.CameoCode, quad.String(v.Cameo))
		}
		if v.Plover != "" {
			w.add(id, schema.PloverType, quad.String(v.Plover))
		}
		res.Events++
		if ev.status != schema.Occurred || v.Edge == "" || v.Edge == "-" {
			continue
		}
		pred := quad.IRI(schema.NS + v.Edge)
		for _, e := range ev.edges {
			if pred == schema.Sanctioned {
				e[0] = d.sanctioningState(e[0])
			}
			if !edgeAllowed(pred, e[0], e[1]) || e[0] == e[1] {
				continue
			}
			if pred == schema.Visited && e[0].kind == ePerson {
				// Going home is not a visit.
				if c := d.countryOfPlace(e[1]); c != nil && c.code == e[0].repr {
					continue
				}
			}
			w.add(use(e[0]), pred, use(e[1]))
		}
	}
	for _, st := range d.statements {
		sp := use(st.speaker)
		id := schema.StatementIRI(sp, st.text)
		w.add(id, schema.Type, schema.Statement)
		w.add(id, schema.Text, quad.String(st.text))
		w.add(id, schema.Participant, sp)
		w.add(id, schema.Actor, sp)
		w.add(id, schema.Status, quad.String(schema.Occurred))
		w.add(id, schema.CameoCode, quad.String("010"))
		for _, is := range st.issues {
			w.add(id, schema.About, use(is))
		}
		w.add(id, schema.Evidence, quad.String(st.sent.text))
		w.add(id, schema.EvidenceStart, integer(st.start))
		w.add(id, schema.EvidenceEnd, integer(st.end))
		w.add(sp, schema.Said, id)
		res.Statements++
	}
	// Entities: every person, organisation and issue the article names,
	// and the countries and places its facts use.
	for _, e := range d.order {
		if e.mention > 0 && (e.kind == ePerson || e.kind == eOrg || e.kind == eIssue || e.kind == eCountry || e.kind == eGroup) {
			used[e] = true
		}
	}
	for _, e := range d.order {
		if e.kind == ePerson {
			if e.repr != "" && used[e] {
				if c := d.countryByCode(e.repr); c != nil {
					used[c] = true
				}
			}
			if e.affil != nil && used[e] {
				used[e.affil] = true
			}
		}
		if e.kind == eGroup && e.code != "" && used[e] {
			if c := d.countryByCode(e.code); c != nil {
				used[c] = true
			}
		}
	}
	for _, e := range d.order {
		if !used[e] {
			continue
		}
		id := d.iri(e)
		res.Entities++
		w.add(id, schema.Type, classOf(e.kind))
		w.add(id, schema.Name, quad.String(e.name))
		keys := map[string]bool{schema.Fold(e.name): true}
		alts := make([]string, 0, len(e.alt))
		for n := range e.alt {
			alts = append(alts, n)
		}
		sort.Strings(alts)
		for _, n := range alts {
			if schema.Fold(n) == schema.Fold(e.name) {
				continue
			}
			w.add(id, schema.AlternateName, quad.String(n))
			keys[schema.Fold(n)] = true
		}
		for _, k := range sortedKeys(keys) {
			if k != "" {
				w.add(id, schema.NameKey, quad.String(k))
			}
		}
		switch e.kind {
		case eCountry:
			w.add(id, schema.CountryCode, quad.String(e.code))
		case ePerson:
			if e.title != "" {
				w.add(id, schema.JobTitle, quad.String(e.title))
			}
			if e.repr != "" {
				if c := d.countryByCode(e.repr); c != nil {
					w.add(id, schema.Represents, d.iri(c))
				}
			}
			if e.affil != nil {
				w.add(id, schema.Affiliation, d.iri(e.affil))
			}
		case eGroup:
			if c := d.countryByCode(e.code); c != nil {
				w.add(id, schema.MemberOf, d.iri(c))
			}
		}
	}
	res.Quads = w.quads
	return res
}

// paragraphCountries gives an official whose title names no country
// ("Trade Minister Hiroshige Seko") the country acting in the same or the
// two sentences before, the way a reader takes it ("Japan says ... Trade
// Minister Hiroshige Seko has said ..."). Countries inside quotations or
// behind a preposition ("the war in Yemen") do not count.
func (d *doc) paragraphCountries() {
	for _, p := range d.persons {
		// Ministers only: a "spokesman" or a "president" may well work
		// for the UN or a court.
		if p.repr != "" || p.former || p.tkind != "minister" || d.officeOf(p) != nil || p.affil != nil || internationalTitle(p.title) {
			continue
		}
		for si, s := range d.sents {
			first := -1
			for _, m := range s.mentions {
				if m.ent == p {
					first = m.start
					break
				}
			}
			if first < 0 {
				continue
			}
			// Only when exactly one country is in view: two or more and
			// a reader could not tell either.
			var only *entity
			several := false
			for k := si - 2; k <= si; k++ {
				if k < 0 || d.sents[k].para != s.para {
					continue
				}
				for _, m := range d.sents[k].mentions {
					if k == si && m.start >= first {
						break
					}
					if m.ent != nil && m.ent.kind == eCountry && !d.toks[m.start].Quote && !(m.start > d.sents[k].start && argPreps[d.toks[m.start-1].Key]) {
						if only != nil && only != m.ent {
							several = true
						}
						only = m.ent
					}
				}
			}
			if only != nil && !several {
				p.repr = only.code
			}
			break
		}
	}
}

// sanctioningState: states impose sanctions, so "Rubio authorised visa
// sanctions" and "the State Department announced visa restrictions" are the
// United States sanctioning. Other actors stay as they are.
func (d *doc) sanctioningState(x *entity) *entity {
	code := x.govOf
	if x.kind == ePerson {
		code = x.repr
	}
	if code == "" {
		return x
	}
	if c := d.countryByCode(code); c != nil {
		return c
	}
	return x
}

// internationalTitle reports whether a title names an international body
// ("U.N. special envoy", "President of the European Commission"): its
// holder does not act for a country.
func internationalTitle(t string) bool {
	f := " " + schema.Fold(t) + " "
	for _, w := range []string{" un ", " united nations ", " european ", " eu ", " nato ", " world ", " international ", " african union ", " asean ", " commission ", " high representative ", " secretary general ", " director general "} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// officeOf is the office a person held on the publication date, from the
// dictionary of officials.
func (d *doc) officeOf(e *entity) *lexicon.Official {
	offices := d.p.lex.OfficialAt(e.name, d.pubDate)
	if len(offices) == 0 {
		return nil
	}
	return &offices[0]
}

// edgeAllowed keeps the direct edges to the kinds of parties they make sense
// for: people meet people; visits go to places and countries.
func edgeAllowed(p quad.IRI, from, to *entity) bool {
	switch p {
	case schema.Met:
		return from.kind == ePerson && to.kind == ePerson
	case schema.Visited:
		return (from.kind == ePerson || from.kind == eCountry) && (to.kind == eCountry || to.kind == ePlace)
	default:
		return to.kind != ePlace && to.kind != eIssue
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func classOf(k entKind) quad.IRI {
	switch k {
	case ePerson:
		return schema.Person
	case eOrg:
		return schema.Organization
	case eCountry:
		return schema.Country
	case ePlace:
		return schema.Place
	case eGroup:
		return schema.Group
	default:
		return schema.Issue
	}
}

// iri mints the IRI of an entity.
func (d *doc) iri(e *entity) quad.IRI {
	if e.iri != "" {
		return e.iri
	}
	switch e.kind {
	case ePerson:
		e.iri = schema.PersonIRI(e.name)
	case eOrg:
		e.iri = schema.OrganizationIRI(e.name)
	case eCountry:
		e.iri = schema.CountryIRI(e.code)
	case ePlace:
		e.iri = schema.PlaceIRI(e.name)
	case eGroup:
		e.iri = schema.GroupIRI(e.name)
	default:
		e.iri = schema.IssueIRI(e.name)
	}
	return e.iri
}
