// Package lexicon holds the public-knowledge dictionaries of the rule-based
// extractor: countries with their aliases, demonyms and capitals, places,
// officials and their offices with dates, organisations, metonyms ("the
// Kremlin"), title cues, issue vocabularies, event verbs with their CAMEO
// and PLOVER codes, and capitalised words that are never names.
//
// The dictionaries are tab-separated files under data/, embedded in the
// binary; Load reads replacements from disk. They hold public knowledge
// only, never facts taken from a particular article.
//
// File format: UTF-8, one row a line, columns separated by tabs, several
// values in one column separated by "|", lines that start with "#" and
// blank lines ignored. Every file starts with a comment naming its columns.
// Errors name the file and line: "events.tsv:42: unknown PLOVER type".
package lexicon

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dkg/dkg/schema"
)

// Country is a row of countries.tsv.
type Country struct {
	// Code is the ISO 3166-1 alpha-3 code (XKX for Kosovo); Alpha2 the
	// alpha-2 code. Neither is a match key: codes are never matched in text.
	Code, Alpha2, Name string
	// Aliases are other names ("Britain", "U.S."); Demonyms the adjectives
	// and people nouns ("British", "Briton", "Britons"); Capitals the
	// capital cities, seats of government included.
	Aliases, Demonyms, Capitals []string
}

// Place is a row of places.tsv: a city, region or venue that is not a
// country or a capital.
type Place struct {
	Name    string
	Aliases []string
	// Country is the alpha-3 code of the country the place is in, empty
	// only for a region that spans or is disputed between several
	// countries ("South China Sea"); Kind is city, region or venue.
	Country, Kind string
}

// Official is a row of officials.tsv: one office held by one person for
// one period. A person with several offices has several rows with the
// same Name and Aliases.
type Official struct {
	Name    string
	Aliases []string
	// Title is the office ("Secretary of State"); Country its alpha-3 code
	// (for the chiefs of the UN, NATO or the EU, the country of the person).
	Title, Country string
	// From and To are YYYY-MM-DD; To is empty while the person is in office
	// (as of the date the file was last reviewed).
	From, To string
}

// Organization is a row of organizations.tsv.
type Organization struct {
	Name    string
	Aliases []string
	// Country is the alpha-3 code of the organisation's home country, empty
	// for international ones. Kind is one of intergovernmental, government,
	// university, thinktank, company, party, military, media, ngo.
	Country, Kind string
}

// Metonym is a row of metonyms.tsv: a phrase that stands for a country's
// government as an actor ("the Kremlin" for Russia).
type Metonym struct{ Phrase, Country string }

// Title is a row of titles.tsv: a cue that precedes or follows a person's
// name.
type Title struct {
	// Phrase is the cue as written ("top diplomat"); Kind one of head,
	// minister, diplomat, official, legislator, military, expert, academic,
	// journalist, spokesperson, executive; Country the alpha-3 code the
	// title alone implies, or empty; Canonical the office it names
	// ("Foreign Minister").
	Phrase, Kind, Country, Canonical string
}

// Issue is a row of issues.tsv: a topic events and statements are about.
type Issue struct {
	Name string
	// Aliases are other names of the issue; Triggers the lower-case,
	// whole-word phrases whose presence signals it.
	Aliases, Triggers []string
	// Context is the PLOVER context ("territory", "illegal_drugs").
	Context string
}

// EventVerb is a row of events.tsv: trigger words of one kind of event.
type EventVerb struct {
	// Forms are the surface forms, every inflection spelled out; a form
	// may be several words ("held talks with").
	Forms []string
	// Class is the local name of an event class of package schema
	// ("Meeting"); Edge the local name of the direct predicate written for
	// an occurred event ("met"), empty when there is none ("-" in the
	// file); Cameo the CAMEO code; Plover the PLOVER event type.
	Class, Edge, Cameo, Plover string
	// Direction is "actor>recipient" when the grammatical subject acts on
	// the object, "mutual" when all parties are actors (meetings, talks).
	// POS is "verb" or "noun".
	Direction, POS string
}

// Lexicon is the set of dictionaries.
type Lexicon struct {
	Countries     []Country
	Places        []Place
	Officials     []Official
	Organizations []Organization
	Metonyms      []Metonym
	Titles        []Title
	Issues        []Issue
	Events        []EventVerb
	StopNames     []string
}

// File names of the dictionaries, in the order they are loaded.
const (
	countriesFile     = "countries.tsv"
	placesFile        = "places.tsv"
	officialsFile     = "officials.tsv"
	organizationsFile = "organizations.tsv"
	metonymsFile      = "metonyms.tsv"
	titlesFile        = "titles.tsv"
	issuesFile        = "issues.tsv"
	eventsFile        = "events.tsv"
	stopnamesFile     = "stopnames.tsv"
)

// files lists every dictionary with its number of columns.
var files = []struct {
	name string
	cols int
}{
	{countriesFile, 6},
	{placesFile, 4},
	{officialsFile, 6},
	{organizationsFile, 4},
	{metonymsFile, 2},
	{titlesFile, 4},
	{issuesFile, 4},
	{eventsFile, 7},
	{stopnamesFile, 1},
}

//go:embed data/*.tsv
var embedded embed.FS

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
)

// Default returns the embedded dictionaries, parsed once. It panics only if
// the embedded data is invalid, which the package's tests rule out.
func Default() *Lexicon {
	defaultOnce.Do(func() {
		l, err := load(nil)
		if err != nil {
			panic("lexicon: embedded data: " + err.Error())
		}
		defaultLex = l
	})
	return defaultLex
}

// Load reads the dictionaries from fsys, by the same file names
// (countries.tsv, places.tsv, officials.tsv, organizations.tsv,
// metonyms.tsv, titles.tsv, issues.tsv, events.tsv, stopnames.tsv, at the
// root of fsys), falling back to the embedded file for any that is missing:
// users override one dictionary by putting a file of that name on disk.
// A nil fsys gives the embedded dictionaries.
func Load(fsys fs.FS) (*Lexicon, error) { return load(fsys) }

// OfficialAt returns the offices the person with the canonical name held on
// date d ("YYYY-MM-DD"; empty means any date). An office counts from its
// From date up to, not including, its To date, so that on a handover day
// only the successor holds it. A malformed date matches nothing.
func (l *Lexicon) OfficialAt(name, date string) []Official {
	if date != "" && !validDate(date) {
		return nil
	}
	var out []Official
	for _, o := range l.Officials {
		if o.Name != name {
			continue
		}
		if date != "" && (date < o.From || (o.To != "" && date >= o.To)) {
			continue
		}
		out = append(out, o)
	}
	return out
}

// source returns the contents of a dictionary: from fsys when it has the
// file, else the embedded copy.
func source(fsys fs.FS, name string) ([]byte, error) {
	if fsys != nil {
		b, err := fs.ReadFile(fsys, name)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return embedded.ReadFile("data/" + name)
}

// maxErrors caps the errors reported by one load.
const maxErrors = 20

// loader accumulates the rows parsed so far and the errors met.
type loader struct {
	lex       *Lexicon
	countries map[string]bool
	errs      []error
}

func (ld *loader) errorf(file string, line int, format string, args ...any) {
	if len(ld.errs) < maxErrors {
		ld.errs = append(ld.errs, fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...)))
	}
}

func load(fsys fs.FS) (*Lexicon, error) {
	ld := &loader{lex: &Lexicon{}, countries: map[string]bool{}}
	for _, f := range files {
		b, err := source(fsys, f.name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		rows := ld.rows(f.name, b, f.cols)
		if len(rows) == 0 && len(ld.errs) == 0 {
			ld.errs = append(ld.errs, fmt.Errorf("%s: no rows", f.name))
		}
		switch f.name {
		case countriesFile:
			ld.parseCountries(rows)
		case placesFile:
			ld.parsePlaces(rows)
		case officialsFile:
			ld.parseOfficials(rows)
		case organizationsFile:
			ld.parseOrganizations(rows)
		case metonymsFile:
			ld.parseMetonyms(rows)
		case titlesFile:
			ld.parseTitles(rows)
		case issuesFile:
			ld.parseIssues(rows)
		case eventsFile:
			ld.parseEvents(rows)
		case stopnamesFile:
			ld.parseStopNames(rows)
		}
	}
	if len(ld.errs) > 0 {
		return nil, errors.Join(ld.errs...)
	}
	return ld.lex, nil
}

// row is one data line of a file: its line number and its columns.
type row struct {
	file string
	line int
	f    []string
}

// rows splits a file into data rows with exactly cols columns (missing
// trailing columns are empty). Comments, blank lines, bad UTF-8 and fields
// with surrounding spaces are dealt with here.
func (ld *loader) rows(file string, b []byte, cols int) []row {
	var out []row
	for i, line := range strings.Split(string(b), "\n") {
		n := i + 1
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) {
			ld.errorf(file, n, "invalid UTF-8")
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) > cols {
			ld.errorf(file, n, "%d columns, want %d", len(f), cols)
			continue
		}
		for len(f) < cols {
			f = append(f, "")
		}
		ok := true
		for j, v := range f {
			if v != strings.TrimSpace(v) {
				ld.errorf(file, n, "column %d %q has surrounding spaces", j+1, v)
				ok = false
			}
		}
		if ok {
			out = append(out, row{file: file, line: n, f: f})
		}
	}
	return out
}

func (r row) errorf(ld *loader, format string, args ...any) {
	ld.errorf(r.file, r.line, format, args...)
}

// required returns column i, reporting it when empty.
func (r row) required(ld *loader, i int, what string) string {
	if r.f[i] == "" {
		r.errorf(ld, "empty %s", what)
	}
	return r.f[i]
}

// list splits a "|"-separated column; empty is no values. Empty items,
// items with surrounding spaces and repeated items are errors.
func (r row) list(ld *loader, i int, what string) []string {
	if r.f[i] == "" {
		return nil
	}
	items := strings.Split(r.f[i], "|")
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		switch {
		case it == "":
			r.errorf(ld, "empty item in %s %q", what, r.f[i])
		case it != strings.TrimSpace(it):
			r.errorf(ld, "item %q in %s has surrounding spaces", it, what)
		case seen[it]:
			r.errorf(ld, "%s %q listed twice", what, it)
		}
		seen[it] = true
	}
	return items
}

// country checks an alpha-3 code against countries.tsv; empty is allowed
// unless required.
func (r row) country(ld *loader, i int, required bool) string {
	c := r.f[i]
	switch {
	case c == "" && required:
		r.errorf(ld, "empty country code")
	case c != "" && !ld.countries[c]:
		r.errorf(ld, "unknown country code %q", c)
	}
	return c
}

// oneOf checks column i against a set of values.
func (r row) oneOf(ld *loader, i int, what string, set map[string]bool) string {
	v := r.f[i]
	if !set[v] {
		r.errorf(ld, "unknown %s %q", what, v)
	}
	return v
}

// dup reports a key seen on an earlier line of the same file.
type dup map[string]int

func (d dup) check(ld *loader, r row, what, key string) { d.checkIn(ld, r, what, "", key) }

// checkIn is check with keys scoped by space: the same key may recur in
// another space (the form "visit" as a verb and as a noun).
func (d dup) checkIn(ld *loader, r row, what, space, key string) {
	k := space + "\x00" + strings.ToLower(key)
	if first, ok := d[k]; ok {
		r.errorf(ld, "duplicate %s %q (first on line %d)", what, key, first)
		return
	}
	d[k] = r.line
}

var (
	alpha3Re = regexp.MustCompile(`^[A-Z]{3}$`)
	alpha2Re = regexp.MustCompile(`^[A-Z]{2}$`)
	cameoRe  = regexp.MustCompile(`^[0-9]{2,4}$`)
	dateRe   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

func validDate(s string) bool {
	if !dateRe.MatchString(s) {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func set(vs ...string) map[string]bool {
	m := make(map[string]bool, len(vs))
	for _, v := range vs {
		m[v] = true
	}
	return m
}

// Closed vocabularies of the files.
var (
	placeKinds = set("city", "region", "venue")
	orgKinds   = set("intergovernmental", "government", "university", "thinktank", "company",
		"party", "military", "media", "ngo")
	titleKinds = set("head", "minister", "diplomat", "official", "legislator", "military",
		"expert", "academic", "journalist", "spokesperson", "executive")
	// ploverTypes are the 16 PLOVER event types.
	ploverTypes = set("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
		"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
	// ploverContexts are the 37 PLOVER contexts.
	ploverContexts = set("military", "intelligence", "executive", "legislative", "election",
		"political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal", "reparations",
		"human_rights", "rights_freedoms", "repression", "human_security", "gender", "lgbt",
		"religion_ethnicity", "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum",
		"migration", "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn",
		"cyber", "misinformation", "crime", "corruption", "illegal_drugs", "trafficking")
	directions = set("actor>recipient", "mutual")
	posTags    = set("verb", "noun")
	// eventClasses and eventEdges are local names of schema terms.
	eventClasses = localNames(schema.NS, schema.Meeting, schema.Visit, schema.Call, schema.Sanction,
		schema.Agreement, schema.Accusation, schema.Appeal, schema.Rejection, schema.Threat, schema.Support,
		schema.Cooperation, schema.Aid, schema.Concession, schema.Retreat, schema.Protest,
		schema.Mobilization, schema.Coercion, schema.Assault, schema.Statement)
	eventEdges = localNames(schema.NS, schema.DirectEdges...)
)

// localNames returns the local names of IRIs in namespace ns.
func localNames[T ~string](ns string, iris ...T) map[string]bool {
	m := make(map[string]bool, len(iris))
	for _, iri := range iris {
		name, ok := strings.CutPrefix(string(iri), ns)
		if !ok {
			panic("lexicon: " + string(iri) + " is not in " + ns)
		}
		m[name] = true
	}
	return m
}

func (ld *loader) parseCountries(rows []row) {
	codes, names, alpha2 := dup{}, dup{}, dup{}
	for _, r := range rows {
		c := Country{
			Code:     r.f[0],
			Alpha2:   r.f[1],
			Name:     r.required(ld, 2, "name"),
			Aliases:  r.list(ld, 3, "alias"),
			Demonyms: r.list(ld, 4, "demonym"),
			Capitals: r.list(ld, 5, "capital"),
		}
		if !alpha3Re.MatchString(c.Code) {
			r.errorf(ld, "bad alpha-3 code %q", c.Code)
		}
		if !alpha2Re.MatchString(c.Alpha2) {
			r.errorf(ld, "bad alpha-2 code %q", c.Alpha2)
		}
		codes.check(ld, r, "alpha-3 code", c.Code)
		alpha2.check(ld, r, "alpha-2 code", c.Alpha2)
		// One name, alias, demonym or capital resolves to one country.
		seen := map[string]bool{}
		for _, k := range append(append(append([]string{c.Name}, c.Aliases...), c.Demonyms...), c.Capitals...) {
			if lk := strings.ToLower(k); !seen[lk] {
				seen[lk] = true
				names.check(ld, r, "country name", k)
			}
		}
		ld.countries[c.Code] = true
		ld.lex.Countries = append(ld.lex.Countries, c)
	}
}

func (ld *loader) parsePlaces(rows []row) {
	names := dup{}
	for _, r := range rows {
		p := Place{
			Name:    r.required(ld, 0, "name"),
			Aliases: r.list(ld, 1, "alias"),
			Kind:    r.oneOf(ld, 3, "place kind", placeKinds),
		}
		// Only a region may span or be disputed between countries.
		p.Country = r.country(ld, 2, p.Kind != "region")
		for _, k := range append([]string{p.Name}, p.Aliases...) {
			names.check(ld, r, "place name", k)
		}
		ld.lex.Places = append(ld.lex.Places, p)
	}
}

func (ld *loader) parseOfficials(rows []row) {
	keys := dup{}
	for _, r := range rows {
		o := Official{
			Name:    r.required(ld, 0, "name"),
			Aliases: r.list(ld, 1, "alias"),
			Title:   r.required(ld, 2, "title"),
			Country: r.country(ld, 3, true),
			From:    r.f[4],
			To:      r.f[5],
		}
		if !validDate(o.From) {
			r.errorf(ld, "bad from date %q, want YYYY-MM-DD", o.From)
		}
		if o.To != "" && !validDate(o.To) {
			r.errorf(ld, "bad to date %q, want YYYY-MM-DD or empty", o.To)
		}
		if o.To != "" && o.To < o.From {
			r.errorf(ld, "to date %s before from date %s", o.To, o.From)
		}
		keys.checkIn(ld, r, "office of "+o.Name, o.Name, o.Title+" from "+o.From)
		ld.lex.Officials = append(ld.lex.Officials, o)
	}
}

func (ld *loader) parseOrganizations(rows []row) {
	names := dup{}
	for _, r := range rows {
		o := Organization{
			Name:    r.required(ld, 0, "name"),
			Aliases: r.list(ld, 1, "alias"),
			Country: r.country(ld, 2, false),
			Kind:    r.oneOf(ld, 3, "organisation kind", orgKinds),
		}
		names.check(ld, r, "organisation name", o.Name)
		ld.lex.Organizations = append(ld.lex.Organizations, o)
	}
}

func (ld *loader) parseMetonyms(rows []row) {
	phrases := dup{}
	for _, r := range rows {
		m := Metonym{Phrase: r.required(ld, 0, "phrase"), Country: r.country(ld, 1, true)}
		phrases.check(ld, r, "phrase", m.Phrase)
		ld.lex.Metonyms = append(ld.lex.Metonyms, m)
	}
}

func (ld *loader) parseTitles(rows []row) {
	phrases := dup{}
	for _, r := range rows {
		t := Title{
			Phrase:    r.required(ld, 0, "phrase"),
			Kind:      r.oneOf(ld, 1, "title kind", titleKinds),
			Country:   r.country(ld, 2, false),
			Canonical: r.required(ld, 3, "canonical title"),
		}
		phrases.check(ld, r, "phrase", t.Phrase)
		ld.lex.Titles = append(ld.lex.Titles, t)
	}
}

func (ld *loader) parseIssues(rows []row) {
	names, triggers := dup{}, dup{}
	for _, r := range rows {
		is := Issue{
			Name:     r.required(ld, 0, "name"),
			Aliases:  r.list(ld, 1, "alias"),
			Triggers: r.list(ld, 2, "trigger"),
			Context:  r.oneOf(ld, 3, "PLOVER context", ploverContexts),
		}
		if len(is.Triggers) == 0 {
			r.errorf(ld, "no triggers")
		}
		names.check(ld, r, "issue", is.Name)
		for _, a := range is.Aliases {
			names.check(ld, r, "issue", a)
		}
		for _, t := range is.Triggers {
			if t != strings.ToLower(t) {
				r.errorf(ld, "trigger %q is not lower case", t)
			}
			triggers.check(ld, r, "trigger", t)
		}
		ld.lex.Issues = append(ld.lex.Issues, is)
	}
}

func (ld *loader) parseEvents(rows []row) {
	forms := dup{}
	for _, r := range rows {
		e := EventVerb{
			Forms:     r.list(ld, 0, "form"),
			Class:     r.oneOf(ld, 1, "event class", eventClasses),
			Edge:      r.f[2],
			Cameo:     r.f[3],
			Plover:    r.oneOf(ld, 4, "PLOVER type", ploverTypes),
			Direction: r.oneOf(ld, 5, "direction", directions),
			POS:       r.oneOf(ld, 6, "part of speech", posTags),
		}
		if len(e.Forms) == 0 {
			r.errorf(ld, "no forms")
		}
		switch {
		case e.Edge == "-":
			e.Edge = ""
		case !eventEdges[e.Edge]:
			r.errorf(ld, "unknown edge %q", e.Edge)
		}
		if !cameoRe.MatchString(e.Cameo) {
			r.errorf(ld, "bad CAMEO code %q, want 2 to 4 digits", e.Cameo)
		}
		for _, f := range e.Forms {
			forms.checkIn(ld, r, e.POS+" form", e.POS, f)
		}
		ld.lex.Events = append(ld.lex.Events, e)
	}
}

func (ld *loader) parseStopNames(rows []row) {
	words := dup{}
	for _, r := range rows {
		w := r.required(ld, 0, "word")
		words.check(ld, r, "word", w)
		ld.lex.StopNames = append(ld.lex.StopNames, w)
	}
}
