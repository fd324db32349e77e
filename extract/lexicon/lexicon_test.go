package lexicon

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"github.com/dkg/dkg/schema"
)

func mustDefault(t *testing.T) *Lexicon {
	t.Helper()
	l, err := Load(nil)
	if err != nil {
		t.Fatalf("embedded dictionaries: %v", err)
	}
	return l
}

func TestDefault(t *testing.T) {
	l := mustDefault(t)
	if d := Default(); d != Default() {
		t.Error("Default returned two different values")
	}
	tests := []struct {
		name      string
		got, want int
	}{
		{"countries", len(l.Countries), 240},
		{"places", len(l.Places), 200},
		{"officials", len(l.Officials), 400},
		{"organizations", len(l.Organizations), 250},
		{"metonyms", len(l.Metonyms), 25},
		{"titles", len(l.Titles), 150},
		{"issues", len(l.Issues), 30},
		{"events", len(l.Events), 90},
		{"stopnames", len(l.StopNames), 100},
	}
	for _, tt := range tests {
		if tt.got < tt.want {
			t.Errorf("%s: got %d rows, want at least %d", tt.name, tt.got, tt.want)
		}
	}
}

// dataRow is one data line of an embedded file, for the invariants that
// concern the file itself rather than the parsed values.
type dataRow struct {
	line  int
	first string
}

func embeddedRows(t *testing.T, name string) []dataRow {
	t.Helper()
	b, err := embedded.ReadFile("data/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var rows []dataRow
	header := false
	for i, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") {
			if len(rows) > 0 {
				t.Errorf("%s:%d: comment after the first row", name, i+1)
			}
			if strings.HasPrefix(line, "# columns:") {
				header = true
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		first, _, _ := strings.Cut(line, "\t")
		rows = append(rows, dataRow{i + 1, first})
	}
	if !header {
		t.Errorf("%s: no \"# columns:\" header comment", name)
	}
	return rows
}

func TestFilesSorted(t *testing.T) {
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			rows := embeddedRows(t, f.name)
			for i := 1; i < len(rows); i++ {
				if strings.ToLower(rows[i].first) < strings.ToLower(rows[i-1].first) {
					t.Errorf("%s:%d: %q sorts before %q on line %d (go run ./extract/lexicon/internal/gen -sort)",
						f.name, rows[i].line, rows[i].first, rows[i-1].first, rows[i-1].line)
				}
			}
		})
	}
}

// shortOK are the only names of two letters or fewer that may be matched.
var shortOK = []string{"US", "U.S.", "UK", "U.K.", "EU", "E.U.", "UN", "U.N.", "AU", "G7", "G-7"}

// commonWords must never be a country alias, demonym or capital.
var commonWords = []string{"and", "do", "man", "sun", "lu", "ja", "none", "island", "may", "will", "can",
	"us", "in", "is", "it", "to", "no", "so", "me", "he", "we", "be", "the valley", "west island"}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// names lists every string of the lexicon that is matched as a name or a
// trigger, with where it is from (stop names are the opposite: never names).
func names(l *Lexicon) map[string][]string {
	m := map[string][]string{}
	add := func(where string, ss ...string) {
		for _, s := range ss {
			m[where] = append(m[where], s)
		}
	}
	for _, c := range l.Countries {
		add("countries.tsv "+c.Code, c.Name)
		add("countries.tsv "+c.Code, c.Aliases...)
		add("countries.tsv "+c.Code, c.Demonyms...)
		add("countries.tsv "+c.Code, c.Capitals...)
	}
	for _, p := range l.Places {
		add("places.tsv "+p.Name, p.Name)
		add("places.tsv "+p.Name, p.Aliases...)
	}
	for _, o := range l.Officials {
		add("officials.tsv "+o.Name, o.Name)
		add("officials.tsv "+o.Name, o.Aliases...)
	}
	for _, o := range l.Organizations {
		add("organizations.tsv "+o.Name, o.Name)
		add("organizations.tsv "+o.Name, o.Aliases...)
	}
	for _, m := range l.Metonyms {
		add("metonyms.tsv", m.Phrase)
	}
	for _, t := range l.Titles {
		add("titles.tsv", t.Phrase)
	}
	for _, is := range l.Issues {
		add("issues.tsv "+is.Name, is.Name)
		add("issues.tsv "+is.Name, is.Aliases...)
		add("issues.tsv "+is.Name, is.Triggers...)
	}
	for _, e := range l.Events {
		add("events.tsv", e.Forms...)
	}
	return m
}

func TestNoShortNames(t *testing.T) {
	for where, ss := range names(mustDefault(t)) {
		for _, s := range ss {
			if letters(s) <= 2 && !slices.Contains(shortOK, s) {
				t.Errorf("%s: %q has two letters or fewer and is not in the allow-list", where, s)
			}
		}
	}
}

func TestCountryNamesAreNotWords(t *testing.T) {
	for _, c := range mustDefault(t).Countries {
		for _, s := range slices.Concat(c.Aliases, c.Demonyms, c.Capitals) {
			if slices.Contains(shortOK, s) {
				continue // acronyms, matched case-sensitively
			}
			if slices.Contains(commonWords, strings.ToLower(s)) {
				t.Errorf("countries.tsv %s: %q is a common English word", c.Code, s)
			}
		}
	}
}

func TestCuratedCountries(t *testing.T) {
	byCode := map[string]Country{}
	for _, c := range mustDefault(t).Countries {
		byCode[c.Code] = c
	}
	tests := []struct {
		code, field, want string
	}{
		{"USA", "alias", "America"},
		{"USA", "alias", "US"},
		{"USA", "alias", "U.S."},
		{"USA", "alias", "USA"},
		{"USA", "alias", "United States of America"},
		{"USA", "demonym", "Americans"},
		{"USA", "capital", "Washington"},
		{"GBR", "alias", "Britain"},
		{"GBR", "alias", "UK"},
		{"GBR", "alias", "U.K."},
		{"GBR", "demonym", "Briton"},
		{"GBR", "demonym", "Britons"},
		{"CHN", "demonym", "Chinese"},
		{"CHN", "capital", "Beijing"},
		{"TWN", "name", "Taiwan"},
		{"TWN", "demonym", "Taiwanese"},
		{"TWN", "capital", "Taipei"},
		{"KOR", "name", "South Korea"},
		{"KOR", "demonym", "South Korean"},
		{"PRK", "name", "North Korea"},
		{"PRK", "demonym", "North Korean"},
		{"TCD", "name", "Chad"},
		{"UKR", "capital", "Kyiv"},
	}
	for _, tt := range tests {
		c, ok := byCode[tt.code]
		if !ok {
			t.Errorf("no country %s", tt.code)
			continue
		}
		var in []string
		switch tt.field {
		case "name":
			in = []string{c.Name}
		case "alias":
			in = c.Aliases
		case "demonym":
			in = c.Demonyms
		case "capital":
			in = c.Capitals
		}
		if !slices.Contains(in, tt.want) {
			t.Errorf("%s %ss = %q, want %q among them", tt.code, tt.field, in, tt.want)
		}
	}
	for _, bad := range []string{"And", "Do", "Ja", "Lu", "Sun", "Man", "None", "Island", "Jersey", "Nippon"} {
		for _, c := range byCode {
			if slices.Contains(c.Aliases, bad) || slices.Contains(c.Demonyms, bad) {
				t.Errorf("%s has the dangerous alias or demonym %q", c.Code, bad)
			}
		}
	}
}

// TestNoCrossFileClash checks that a place, metonym or organisation never
// has the name of a country (or its capital or people): a match key must
// resolve to one thing.
func TestNoCrossFileClash(t *testing.T) {
	l := mustDefault(t)
	owner := map[string]string{}
	for _, c := range l.Countries {
		for _, s := range slices.Concat([]string{c.Name}, c.Aliases, c.Demonyms, c.Capitals) {
			owner[strings.ToLower(s)] = "countries.tsv " + c.Code
		}
	}
	check := func(where, s string) {
		if o, ok := owner[strings.ToLower(s)]; ok {
			t.Errorf("%s: %q is also in %s", where, s, o)
		}
	}
	for _, p := range l.Places {
		for _, s := range slices.Concat([]string{p.Name}, p.Aliases) {
			check("places.tsv", s)
		}
	}
	for _, m := range l.Metonyms {
		check("metonyms.tsv", m.Phrase)
	}
	orgs := map[string]string{}
	for _, o := range l.Organizations {
		for _, s := range slices.Concat([]string{o.Name}, o.Aliases) {
			check("organizations.tsv", s)
			if prev, ok := orgs[s]; ok && prev != o.Name {
				t.Errorf("organizations.tsv: %q names both %q and %q", s, prev, o.Name)
			}
			orgs[s] = o.Name
		}
	}
}

func TestOfficials(t *testing.T) {
	l := mustDefault(t)
	canonical := map[string]bool{}
	for _, tt := range l.Titles {
		canonical[tt.Canonical] = true
	}
	aliases := map[string][]string{}
	owner := map[string]string{}
	periods := map[string][]Official{}
	for _, o := range l.Officials {
		if !canonical[o.Title] {
			t.Errorf("officials.tsv %s: title %q is not a canonical title of titles.tsv", o.Name, o.Title)
		}
		for _, d := range []string{o.From, o.To} {
			if d == "" {
				continue
			}
			tm, err := time.Parse("2006-01-02", d)
			if err != nil {
				t.Errorf("officials.tsv %s: %v", o.Name, err)
				continue
			}
			if tm.Year() < 1950 || tm.After(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("officials.tsv %s: date %s out of range", o.Name, d)
			}
		}
		if o.To != "" && o.To <= o.From {
			t.Errorf("officials.tsv %s %s: to %s not after from %s", o.Name, o.Title, o.To, o.From)
		}
		if prev, ok := aliases[o.Name]; ok && !slices.Equal(prev, o.Aliases) {
			t.Errorf("officials.tsv %s: aliases %q differ from %q on another row", o.Name, o.Aliases, prev)
		}
		aliases[o.Name] = o.Aliases
		for _, s := range slices.Concat([]string{o.Name}, o.Aliases) {
			if prev, ok := owner[s]; ok && prev != o.Name {
				t.Errorf("officials.tsv: %q names both %q and %q", s, prev, o.Name)
			}
			owner[s] = o.Name
		}
		key := o.Name + "\t" + o.Title + "\t" + o.Country
		for _, p := range periods[key] {
			if overlap(p, o) {
				t.Errorf("officials.tsv %s %s: %s..%s overlaps %s..%s", o.Name, o.Title, o.From, o.To, p.From, p.To)
			}
		}
		periods[key] = append(periods[key], o)
	}
}

func overlap(a, b Official) bool {
	end := func(o Official) string {
		if o.To == "" {
			return "9999-12-31"
		}
		return o.To
	}
	return a.From < end(b) && b.From < end(a)
}

func TestOfficialAt(t *testing.T) {
	l := mustDefault(t)
	tests := []struct {
		name, date string
		want       []string // titles, in file order
	}{
		{"Wang Yi", "2022-06-01", []string{"Foreign Minister", "State Councilor"}},
		{"Wang Yi", "2023-03-01", []string{"State Councilor", "Director of the Office of the Central Foreign Affairs Commission"}},
		{"Wang Yi", "2023-08-01", []string{"Director of the Office of the Central Foreign Affairs Commission", "Foreign Minister"}},
		{"Qin Gang", "2022-12-29", []string{"Ambassador to the United States"}},
		{"Qin Gang", "2022-12-30", []string{"Foreign Minister"}},
		{"Nancy Pelosi", "2022-08-02", []string{"Speaker of the House"}},
		{"Nancy Pelosi", "2023-06-18", nil},
		{"Antony Blinken", "2023-06-18", []string{"Secretary of State"}},
		{"Xi Jinping", "2023-06-18", []string{"General Secretary of the Chinese Communist Party", "Chairman of the Central Military Commission", "President"}},
		{"Wang Yi", "", []string{"Foreign Minister", "State Councilor", "Director of the Office of the Central Foreign Affairs Commission", "Foreign Minister"}},
		{"Wang Yi", "2023-13-01", nil},
		{"Nobody", "2023-01-01", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.date, func(t *testing.T) {
			var got []string
			for _, o := range l.OfficialAt(tt.name, tt.date) {
				got = append(got, o.Title)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// cameoPlover gives the PLOVER type of a CAMEO code by its longest listed
// prefix (shared/notes/event-codes.md).
var cameoPlover = map[string]string{
	"02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "055": "CONCEDE",
	"06": "COOPERATE", "07": "AID", "080": "CONCEDE", "081": "CONCEDE", "082": "CONCEDE", "083": "CONCEDE",
	"084": "RETREAT", "085": "RETREAT", "086": "RETREAT", "087": "RETREAT", "09": "ACCUSE",
	"10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
	"15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "175": "ASSAULT",
	"18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}

// classPlover lists the PLOVER types an event class may carry. Signed
// agreements are CAMEO 057, which PLOVER files under SUPPORT.
var classPlover = map[string][]string{
	"Meeting": {"CONSULT"}, "Visit": {"CONSULT"}, "Call": {"CONSULT"},
	"Agreement": {"AGREE", "SUPPORT"}, "Support": {"SUPPORT"}, "Cooperation": {"COOPERATE"},
	"Aid": {"AID"}, "Concession": {"CONCEDE"}, "Retreat": {"RETREAT"}, "Appeal": {"REQUEST"},
	"Accusation": {"ACCUSE"}, "Rejection": {"REJECT"}, "Threat": {"THREATEN"}, "Protest": {"PROTEST"},
	"Sanction": {"SANCTION"}, "Mobilization": {"MOBILIZE"}, "Coercion": {"COERCE"}, "Assault": {"ASSAULT"},
}

func local(iri string) string { return strings.TrimPrefix(iri, schema.NS) }

func TestEvents(t *testing.T) {
	l := mustDefault(t)
	classes := map[string]bool{}
	for _, c := range []string{string(schema.Meeting), string(schema.Visit), string(schema.Call),
		string(schema.Sanction), string(schema.Agreement), string(schema.Accusation), string(schema.Appeal),
		string(schema.Rejection), string(schema.Threat), string(schema.Support), string(schema.Cooperation),
		string(schema.Aid), string(schema.Concession), string(schema.Retreat), string(schema.Protest),
		string(schema.Mobilization), string(schema.Coercion), string(schema.Assault), string(schema.Statement)} {
		classes[local(c)] = true
	}
	edges := map[string]bool{"": true}
	for _, e := range []string{string(schema.Met), string(schema.Visited), string(schema.Sanctioned),
		string(schema.Urged), string(schema.Accused)} {
		edges[local(e)] = true
	}
	covered := map[string]bool{}
	for _, e := range l.Events {
		what := strings.Join(e.Forms, "|")
		if !classes[e.Class] {
			t.Errorf("events.tsv %s: class %q is not an event class of package schema", what, e.Class)
		}
		if !edges[e.Edge] {
			t.Errorf("events.tsv %s: edge %q is not a direct predicate of package schema", what, e.Edge)
		}
		if !ploverTypes[e.Plover] {
			t.Errorf("events.tsv %s: unknown PLOVER type %q", what, e.Plover)
		}
		covered[e.Plover] = true
		if n := len(e.Cameo); n < 2 || n > 4 || strings.Trim(e.Cameo, "0123456789") != "" {
			t.Errorf("events.tsv %s: CAMEO code %q is not 2 to 4 digits", what, e.Cameo)
		}
		want := ""
		for p := len(e.Cameo); p >= 2 && want == ""; p-- {
			want = cameoPlover[e.Cameo[:p]]
		}
		if want != e.Plover {
			t.Errorf("events.tsv %s: CAMEO %s is PLOVER %s, not %s", what, e.Cameo, want, e.Plover)
		}
		if !slices.Contains(classPlover[e.Class], e.Plover) {
			t.Errorf("events.tsv %s: class %s does not go with PLOVER %s", what, e.Class, e.Plover)
		}
		for _, f := range e.Forms {
			if f != strings.ToLower(f) {
				t.Errorf("events.tsv %s: form %q is not lower case", what, f)
			}
		}
	}
	for p := range ploverTypes {
		if !covered[p] {
			t.Errorf("events.tsv: no row for PLOVER type %s", p)
		}
	}
	if len(ploverTypes) != 16 {
		t.Errorf("got %d PLOVER types, want 16", len(ploverTypes))
	}
}

func TestIssues(t *testing.T) {
	byName := map[string]Issue{}
	for _, is := range mustDefault(t).Issues {
		byName[is.Name] = is
	}
	tests := []struct {
		name     string
		triggers []string
		aliases  []string
	}{
		{"Taiwan", []string{"taiwan", "cross-strait"}, nil},
		{"fentanyl", []string{"fentanyl"}, nil},
		{"human rights", []string{"human rights"}, nil},
		{"trade", []string{"tariffs", "trade war", "trade dispute", "trade ties"}, nil},
		{"export controls", []string{"export controls", "tech restrictions", "chip", "semiconductor", "semiconductors"}, nil},
		{"military communication", []string{"military communication", "military-to-military", "crisis communications", "hotline"}, nil},
		{"detained citizens", nil, []string{"detention of US citizens", "detained Americans", "wrongfully detained"}},
		{"climate", []string{"climate"}, nil},
		{"nuclear programme", []string{"nuclear programme", "nuclear program"}, nil},
		{"territorial disputes", []string{"south china sea", "disputed islands", "border dispute"}, nil},
		{"corruption", []string{"corruption"}, nil},
		{"Ukraine war", []string{"war in ukraine"}, nil},
		{"Gaza war", []string{"gaza"}, nil},
		{"migration", []string{"migration"}, nil},
		{"energy", []string{"energy"}, nil},
		{"terrorism", []string{"terrorism"}, nil},
		{"cyber", []string{"cyberattack"}, nil},
		{"health", []string{"covid-19", "pandemic"}, nil},
		{"sanctions", []string{"sanctions"}, nil},
		{"arms sales", []string{"arms sales"}, nil},
		{"food security", []string{"food security"}, nil},
	}
	for _, tt := range tests {
		is, ok := byName[tt.name]
		if !ok {
			t.Errorf("no issue %q", tt.name)
			continue
		}
		for _, tr := range tt.triggers {
			if !slices.Contains(is.Triggers, tr) {
				t.Errorf("issue %q: no trigger %q", tt.name, tr)
			}
		}
		for _, a := range tt.aliases {
			if !slices.Contains(is.Aliases, a) {
				t.Errorf("issue %q: no alias %q", tt.name, a)
			}
		}
	}
}

func TestStopNames(t *testing.T) {
	l := mustDefault(t)
	for _, w := range []string{"January", "May", "Monday", "Amid", "However", "Meanwhile", "Analysts"} {
		if !slices.Contains(l.StopNames, w) {
			t.Errorf("stopnames.tsv: no %q", w)
		}
	}
	for _, w := range l.StopNames {
		if r := []rune(w); len(r) == 0 || !unicode.IsUpper(r[0]) {
			t.Errorf("stopnames.tsv: %q is not capitalised", w)
		}
	}
}

func TestLoadOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"stopnames.tsv": {Data: []byte("# columns: word\nFoo\nBar\n")},
	}
	l, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Foo", "Bar"}; !slices.Equal(l.StopNames, want) {
		t.Errorf("StopNames = %q, want %q", l.StopNames, want)
	}
	if len(l.Countries) != len(Default().Countries) {
		t.Errorf("countries not taken from the embedded file: %d rows", len(l.Countries))
	}
}

func TestLoadErrors(t *testing.T) {
	const head = "# columns: ...\n"
	tests := []struct {
		file, data, want string
	}{
		{"events.tsv", head + "met\tMeeting\tmet\t040\tACUSE\tmutual\tverb\n", `events.tsv:2: unknown PLOVER type "ACUSE"`},
		{"events.tsv", head + "met\tMeating\tmet\t040\tCONSULT\tmutual\tverb\n", `events.tsv:2: unknown event class "Meating"`},
		{"events.tsv", head + "met\tMeeting\tmet\t4\tCONSULT\tmutual\tverb\n", `events.tsv:2: bad CAMEO code "4"`},
		{"events.tsv", head + "met\tMeeting\tgreeted\t040\tCONSULT\tmutual\tverb\n", `events.tsv:2: unknown edge "greeted"`},
		{"events.tsv", head + "met||meets\tMeeting\tmet\t040\tCONSULT\tmutual\tverb\n", `events.tsv:2: empty item in form`},
		{"events.tsv", head + "met\tMeeting\tmet\t040\tCONSULT\tboth\tverb\n", `events.tsv:2: unknown direction "both"`},
		{"officials.tsv", head + "Wang Yi\t\tForeign Minister\tCHN\t2013-02-30\t\n", `officials.tsv:2: bad from date "2013-02-30"`},
		{"officials.tsv", head + "Wang Yi\t\tForeign Minister\tXXX\t2013-03-16\t\n", `officials.tsv:2: unknown country code "XXX"`},
		{"officials.tsv", head + "Wang Yi\t\tForeign Minister\tCHN\t2013-03-16\t2012-01-01\n", `officials.tsv:2: to date 2012-01-01 before from date 2013-03-16`},
		{"places.tsv", head + "Geneva\t\tCHE\tcity\tx\n", `places.tsv:2: 5 columns, want 4`},
		{"places.tsv", head + "Geneva\t\tCHE\ttown\n", `places.tsv:2: unknown place kind "town"`},
		{"places.tsv", head + "Geneva\t\t\tcity\n", `places.tsv:2: empty country code`},
		{"metonyms.tsv", head + "Kremlin\tRUS\nkremlin\tRUS\n", `metonyms.tsv:3: duplicate phrase "kremlin" (first on line 2)`},
		{"issues.tsv", head + "trade\t\tTariffs\teconomic\n", `issues.tsv:2: trigger "Tariffs" is not lower case`},
		{"issues.tsv", head + "trade\t\ttariffs\teconomy\n", `issues.tsv:2: unknown PLOVER context "economy"`},
		{"titles.tsv", head + "President\thead\t\t\n", `titles.tsv:2: empty canonical title`},
		{"organizations.tsv", head + "NATO\tNato \t\tintergovernmental\n", `organizations.tsv:2: column 2 "Nato " has surrounding spaces`},
		{"countries.tsv", head + "usa\tUS\tUnited States\t\t\t\n", `countries.tsv:2: bad alpha-3 code "usa"`},
		{"stopnames.tsv", "\xff\n", `stopnames.tsv:1: invalid UTF-8`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := Load(fstest.MapFS{tt.file: {Data: []byte(tt.data)}})
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// brokenFS fails on every read with an error other than "not exist".
type brokenFS struct{}

func (brokenFS) Open(string) (fs.File, error) { return nil, fs.ErrPermission }

func TestLoadReadError(t *testing.T) {
	_, err := Load(brokenFS{})
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("got %v, want a permission error", err)
	}
}
