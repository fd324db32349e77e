package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// A generator of articles' facts for benchmarks: our own invented people,
// organisations and sentences over real country codes, shaped like what the
// extractor writes for a news article (entities with names and keys,
// meetings, visits and other events with status, date, place and issues,
// statements with their words, the direct met/visited edges).

type genCountry struct{ code, name, capital string }

var genCountries = []genCountry{
	{"USA", "United States", "Washington"}, {"CHN", "China", "Beijing"}, {"IND", "India", "New Delhi"},
	{"RUS", "Russia", "Moscow"}, {"BRA", "Brazil", "Brasilia"}, {"ZAF", "South Africa", "Pretoria"},
	{"JPN", "Japan", "Tokyo"}, {"KOR", "South Korea", "Seoul"}, {"DEU", "Germany", "Berlin"},
	{"FRA", "France", "Paris"}, {"GBR", "United Kingdom", "London"}, {"TUR", "Turkey", "Ankara"},
	{"SAU", "Saudi Arabia", "Riyadh"}, {"IRN", "Iran", "Tehran"}, {"EGY", "Egypt", "Cairo"},
	{"NGA", "Nigeria", "Abuja"}, {"KEN", "Kenya", "Nairobi"}, {"MEX", "Mexico", "Mexico City"},
	{"ARG", "Argentina", "Buenos Aires"}, {"COL", "Colombia", "Bogota"}, {"IDN", "Indonesia", "Jakarta"},
	{"VNM", "Vietnam", "Hanoi"}, {"PHL", "Philippines", "Manila"}, {"AUS", "Australia", "Canberra"},
	{"CAN", "Canada", "Ottawa"}, {"ITA", "Italy", "Rome"}, {"ESP", "Spain", "Madrid"},
	{"POL", "Poland", "Warsaw"}, {"UKR", "Ukraine", "Kyiv"}, {"PAK", "Pakistan", "Islamabad"},
	{"QAT", "Qatar", "Doha"}, {"ARE", "United Arab Emirates", "Abu Dhabi"}, {"ISR", "Israel", "Jerusalem"},
	{"ETH", "Ethiopia", "Addis Ababa"}, {"SGP", "Singapore", "Singapore"}, {"MYS", "Malaysia", "Kuala Lumpur"},
	{"THA", "Thailand", "Bangkok"}, {"CHL", "Chile", "Santiago"}, {"NOR", "Norway", "Oslo"}, {"SWE", "Sweden", "Stockholm"},
}

var (
	genFirst = []string{"Arlen", "Bexa", "Corin", "Dalia", "Edvin", "Farah", "Galen", "Hedda", "Ilan", "Jorun",
		"Kasim", "Liora", "Mateo", "Nadia", "Orrin", "Priya", "Quill", "Rosalind", "Soren", "Tamsin",
		"Ulric", "Vesna", "Wendel", "Xenia", "Yusuf", "Zora", "Anouk", "Bram", "Celia", "Dorian"}
	genLast = []string{"Achterberg", "Brightwater", "Castellan", "Dunmore", "Eskildsen", "Fairholm", "Galloway",
		"Halvorsen", "Ingram", "Jovanović", "Kettering", "Lindqvist", "Marchetti", "Novak", "Okonkwo",
		"Petrosyan", "Quintero", "Rasmussen", "Sandoval", "Takahara", "Umarov", "Valdés", "Whitlock", "Yilmaz"}
	genTitles = []string{"President", "Prime Minister", "Foreign Minister", "Defence Minister", "Trade Minister",
		"national security adviser", "ambassador", "spokesperson of the foreign ministry", "senior fellow", "analyst"}
	genIssues = []string{"trade", "tariffs", "sanctions", "energy", "climate change", "nuclear programme", "human rights",
		"migration", "territorial disputes", "maritime security", "arms control", "Ukraine war", "Taiwan", "fentanyl",
		"export controls", "artificial intelligence", "investment", "debt relief", "food security", "peace process",
		"espionage", "cyber security", "public health", "critical minerals", "military communication"}
	genOrgs = []string{"Institute for Strategic Dialogue", "Centre for Maritime Studies", "Harbour Policy Forum",
		"Northern Trade Council", "Global Energy Watch", "Meridian Analytics", "Council on Regional Security",
		"Atlas Institute", "Eastbridge Foundation", "Pacific Rim Observatory", "Sahel Research Group",
		"Andes Policy Lab", "Baltic Security Forum", "Delta Economic Review", "Continental Peace Institute"}
	genVerbs = []struct {
		class        quad.IRI
		cameo, plovr string
		verb         string
	}{
		{schema.Meeting, "040", "CONSULT", "met"}, {schema.Meeting, "040", "CONSULT", "held talks with"},
		{schema.Visit, "042", "CONSULT", "visited"}, {schema.Agreement, "057", "AGREE", "signed an agreement with"},
		{schema.Sanction, "163", "SANCTION", "imposed sanctions on"}, {schema.Appeal, "020", "REQUEST", "urged"},
		{schema.Accusation, "112", "ACCUSE", "accused"}, {schema.Call, "041", "CONSULT", "spoke by phone with"},
	}
	genStatuses = []string{schema.Occurred, schema.Occurred, schema.Occurred, schema.Occurred, schema.Planned, schema.Expected, schema.Possible, schema.Denied}
	genPhrases  = []string{"the talks were frank and constructive", "both sides must show restraint",
		"we will not accept pressure", "cooperation serves our common interest", "the door to dialogue remains open",
		"this decision is deeply regrettable", "the agreement is a first step", "our position has not changed",
		"we expect concrete results", "trust has to be rebuilt step by step"}
)

// genPerson is an invented official of a country, or an analyst at an
// organisation.
type genPerson struct {
	name, title string
	country     int
	org         int // -1: none
}

type generator struct {
	r       *rand.Rand
	people  []genPerson
	zipfP   *rand.Zipf
	zipfC   *rand.Zipf
	zipfI   *rand.Zipf
	start   time.Time
	nextArt int
	// casts holds the first two people of each article: drawing from it
	// draws people as often as the news names them.
	casts []int
}

func newGenerator(seed uint64, people int) *generator {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &generator{r: r, start: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)}
	seen := map[string]bool{}
	for len(g.people) < people {
		name := genFirst[r.IntN(len(genFirst))] + " " + genLast[r.IntN(len(genLast))]
		if len(seen) >= len(genFirst)*len(genLast) {
			break
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		p := genPerson{name: name, country: r.IntN(len(genCountries)), org: -1}
		p.title = genTitles[r.IntN(len(genTitles))]
		if strings.Contains(p.title, "fellow") || p.title == "analyst" {
			p.org = r.IntN(len(genOrgs))
		}
		g.people = append(g.people, p)
	}
	// A few people are in many articles, most in a few: news is skewed.
	g.zipfP = rand.NewZipf(r, 1.1, 8, uint64(len(g.people)-1))
	g.zipfC = rand.NewZipf(r, 1.2, 4, uint64(len(genCountries)-1))
	g.zipfI = rand.NewZipf(r, 1.1, 4, uint64(len(genIssues)-1))
	return g
}

// article returns the facts of one more invented article.
func (g *generator) article() Article {
	r := g.r
	n := g.nextArt
	g.nextArt++
	url := fmt.Sprintf("https://news.example.org/%d/story-%d", 2015+n%11, n)
	art := schema.ArticleIRI(url)
	published := g.start.AddDate(0, 0, r.IntN(11*365))
	var qs []quad.Quad
	add := func(s quad.IRI, p quad.IRI, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: art})
	}
	named := func(iri quad.IRI, class quad.IRI, name string) {
		add(iri, schema.Type, class)
		add(iri, schema.Name, quad.String(name))
		add(iri, schema.NameKey, quad.String(schema.Fold(name)))
	}
	country := func(i int) quad.IRI {
		c := genCountries[i]
		iri := schema.CountryIRI(c.code)
		named(iri, schema.Country, c.name)
		add(iri, schema.CountryCode, quad.String(c.code))
		return iri
	}
	person := func(i int) quad.IRI {
		p := g.people[i]
		iri := schema.PersonIRI(p.name)
		named(iri, schema.Person, p.name)
		add(iri, schema.JobTitle, quad.String(p.title))
		if p.org >= 0 {
			org := schema.OrganizationIRI(genOrgs[p.org])
			named(org, schema.Organization, genOrgs[p.org])
			add(iri, schema.Affiliation, org)
		} else {
			add(iri, schema.Represents, country(p.country))
		}
		return iri
	}
	issue := func() quad.IRI {
		name := genIssues[g.zipfI.Uint64()]
		iri := schema.IssueIRI(name)
		named(iri, schema.Issue, name)
		return iri
	}

	// Two to four people, one or two issues.
	var cast []int
	for len(cast) < 2+r.IntN(3) {
		if i := int(g.zipfP.Uint64()); !slices.Contains(cast, i) {
			cast = append(cast, i)
		}
	}
	g.casts = append(g.casts, cast[0], cast[1])
	people := make([]quad.IRI, len(cast))
	for i, c := range cast {
		people[i] = person(c)
	}
	issues := []quad.IRI{issue()}
	if r.IntN(2) == 0 {
		if i := issue(); i != issues[0] {
			issues = append(issues, i)
		}
	}
	headline := fmt.Sprintf("%s and %s discuss %s", g.people[cast[0]].name, g.people[cast[1]].name, schema.Local(issues[0]))
	add(art, schema.Type, schema.NewsArticle)
	add(art, schema.Headline, quad.String(headline))
	add(art, schema.URL, quad.String(url))
	add(art, schema.DatePublished, quad.TypedString{Value: quad.String(published.Format("2006-01-02")), Type: schema.XSDDate})
	add(art, schema.Publisher, quad.String("Example Wire"))

	// One to three events.
	offset := 0
	for range 1 + r.IntN(3) {
		v := genVerbs[r.IntN(len(genVerbs))]
		a, b := people[0], people[1+r.IntN(len(people)-1)]
		status := genStatuses[r.IntN(len(genStatuses))]
		date := published.AddDate(0, 0, -r.IntN(3))
		dateLit := schema.Date(date.Format("2006-01-02"))
		if r.IntN(4) == 0 {
			dateLit = schema.Date(date.Format("2006-01"))
		}
		parts := []quad.IRI{a, b}
		place := schema.PlaceIRI(genCountries[g.zipfC.Uint64()].capital)
		if v.class == schema.Visit {
			c := int(g.zipfC.Uint64())
			parts = []quad.IRI{a, country(c)}
			place = schema.PlaceIRI(genCountries[c].capital)
		}
		ev := schema.EventIRI(v.class, parts, valueLex(dateLit), status)
		add(ev, schema.Type, v.class)
		for _, p := range parts {
			add(ev, schema.Participant, p)
		}
		add(ev, schema.Actor, a)
		add(ev, schema.Recipient, parts[1])
		add(ev, schema.Status, quad.String(status))
		add(ev, schema.StartDate, dateLit)
		named(place, schema.Place, schema.Local(place))
		add(ev, schema.Location, place)
		for _, i := range issues {
			add(ev, schema.About, i)
		}
		sentence := fmt.Sprintf("%s %s %s on %s.", g.people[cast[0]].name, v.verb, schema.Local(parts[1]), schema.Local(issues[0]))
		add(ev, schema.Evidence, quad.String(sentence))
		add(ev, schema.EvidenceStart, quad.Int(offset))
		add(ev, schema.EvidenceEnd, quad.Int(offset+len(sentence)))
		offset += len(sentence) + 1
		add(ev, schema.CameoCode, quad.String(v.cameo))
		add(ev, schema.PloverType, quad.String(v.plovr))
		if status == schema.Occurred {
			switch v.class {
			case schema.Meeting:
				add(a, schema.Met, b)
			case schema.Visit:
				add(a, schema.Visited, parts[1])
			}
		}
	}

	// One to three statements.
	for range 1 + r.IntN(3) {
		sp := people[r.IntN(len(people))]
		text := genPhrases[r.IntN(len(genPhrases))] + " on " + schema.Local(issues[0])
		st := schema.StatementIRI(sp, text)
		add(sp, schema.Said, st)
		add(st, schema.Type, schema.Statement)
		add(st, schema.Participant, sp)
		add(st, schema.Actor, sp)
		add(st, schema.Text, quad.String(text))
		add(st, schema.Status, quad.String(schema.Occurred))
		add(st, schema.CameoCode, quad.String("010"))
		add(st, schema.About, issues[r.IntN(len(issues))])
		add(st, schema.Evidence, quad.String(`"`+text+`," the speaker said.`))
	}
	return Article{IRI: art, Quads: qs}
}

func valueLex(v quad.Value) string {
	if ts, ok := v.(quad.TypedString); ok {
		return string(ts.Value)
	}
	return fmt.Sprint(v)
}

// buildGenerated writes n generated articles into a new store in dir.
func buildGenerated(tb testing.TB, dir string, n int) (*Store, *generator, int) {
	tb.Helper()
	s, err := Open(dir, true)
	if err != nil {
		tb.Fatal(err)
	}
	g := newGenerator(42, 600)
	quads := 0
	const batch = 250
	for i := 0; i < n; i += batch {
		var arts []Article
		for j := i; j < min(i+batch, n); j++ {
			a := g.article()
			quads += len(a.Quads)
			arts = append(arts, a)
		}
		if _, err := s.PutBatch(arts); err != nil {
			tb.Fatal(err)
		}
	}
	return s, g, quads
}

// readyMade is one ready-made question as the CLI asks it: names resolved
// first, then the query.
type readyMade struct {
	name string
	run  func(ctx context.Context, s *Store, i int) (int, error)
}

func readyMadeQuestions(g *generator) []readyMade {
	// Arguments: people drawn as the news draws them (skewed), so that
	// p50 is a typical name and p95 a famous one.
	pick := func(i int) string { return g.people[g.casts[(i*7919)%len(g.casts)]].name }
	pickIssue := func(i int) string { return genIssues[i%len(genIssues)] }
	pickCountry := func(i int) string { return genCountries[i%len(genCountries)].name }
	ask := func(ctx context.Context, s *Store, q string, params map[string]any, limit int, names ...[3]string) (int, error) {
		for _, n := range names {
			var classes []quad.IRI
			if n[2] != "" {
				classes = []quad.IRI{quad.IRI(n[2])}
			}
			e, err := s.ResolveOne(ctx, n[1], classes...)
			if err != nil {
				return 0, err
			}
			params[n[0]] = "<" + string(e.IRI) + ">"
		}
		rows, err := s.Ask(ctx, q, params, limit)
		return len(rows), err
	}
	person, issue, country := string(schema.Person), string(schema.Issue), string(schema.Country)
	return []readyMade{
		{"people-country", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "people", map[string]any{}, 50, [3]string{"country", pickCountry(i), country})
		}},
		{"people-all-limit50", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "people", map[string]any{}, 50)
		}},
		{"person", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "person", map[string]any{}, 50, [3]string{"person", pick(i), person})
		}},
		{"meetings-with", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "meetings", map[string]any{}, 50, [3]string{"with", pick(i), person})
		}},
		{"meetings-between", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "meetings", map[string]any{}, 50, [3]string{"between", pick(i), person}, [3]string{"and", pick(i + 1), person})
		}},
		{"meetings-about-since", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "meetings", map[string]any{"since": "2024"}, 50, [3]string{"about", pickIssue(i), issue})
		}},
		{"issues", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "issues", map[string]any{}, 0)
		}},
		{"issue", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "issue", map[string]any{}, 50, [3]string{"issue", pickIssue(i), issue})
		}},
		{"quotes-by", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "quotes", map[string]any{}, 50, [3]string{"by", pick(i), person})
		}},
		{"quotes-about", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "quotes", map[string]any{}, 50, [3]string{"about", pickIssue(i), issue})
		}},
		{"timeline", func(ctx context.Context, s *Store, i int) (int, error) {
			return ask(ctx, s, "timeline", map[string]any{}, 50, [3]string{"node", pick(i), ""})
		}},
		{"path", func(ctx context.Context, s *Store, i int) (int, error) {
			a, err := s.ResolveOne(ctx, pick(i), schema.Person)
			if err != nil {
				return 0, err
			}
			b, err := s.ResolveOne(ctx, g.people[g.casts[(i*104729+1)%len(g.casts)]].name, schema.Person)
			if err != nil {
				return 0, err
			}
			chains, err := s.Paths(ctx, a.IRI, b.IRI, PathOptions{MaxHops: 4, Limit: 10})
			return len(chains), err
		}},
	}
}

// BenchmarkReadyMade builds a store of generated articles (DKG_BENCH_ARTICLES,
// default 10,000; or opens $DKG_BENCH_STORE, see benchStore) and reports the p50 and p95 latency of each ready-made
// question over varied arguments. Run it with a fixed count:
//
//	go test ./graph -run '^$' -bench ReadyMade -benchtime 100x
func BenchmarkReadyMade(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("DKG_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	start := time.Now()
	s, g, quads := benchStore(b, n)
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("built %d articles, %d quads (%d stored), %d people, %d events, %d statements in %s",
		n, quads, st.Quads, st.People, sumEvents(st), st.Statements, time.Since(start).Round(time.Second))
	for _, q := range readyMadeQuestions(g) {
		b.Run(q.name, func(b *testing.B) {
			ctx := context.Background()
			times := make([]time.Duration, 0, b.N)
			rows := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				n, err := q.run(ctx, s, i)
				times = append(times, time.Since(t0))
				if err != nil {
					b.Fatalf("%s #%d: %v", q.name, i, err)
				}
				rows += n
			}
			b.StopTimer()
			slices.Sort(times)
			pct := func(p float64) float64 {
				return float64(times[int(p*float64(len(times)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.95), "p95-ms")
			b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
		})
	}
}

// benchStore builds the generated store of n articles, or opens the one
// TestBuildGeneratedStore wrote to $DKG_BENCH_STORE (same seed, so the
// generator draws the same people), which saves minutes between runs.
func benchStore(b *testing.B, n int) (*Store, *generator, int) {
	dir := os.Getenv("DKG_BENCH_STORE")
	if dir == "" {
		return buildGenerated(b, b.TempDir(), n)
	}
	s, err := OpenReadOnly(dir)
	if err != nil {
		b.Fatalf("DKG_BENCH_STORE: %v (build it with go test ./graph -run TestBuildGeneratedStore)", err)
	}
	g := newGenerator(42, 600)
	quads := 0
	for range n {
		quads += len(g.article().Quads)
	}
	return s, g, quads
}

func sumEvents(st Stats) int {
	n := 0
	for _, c := range st.Events {
		n += c
	}
	return n
}

// TestGeneratedReadyMade runs every ready-made question on a small generated
// store: the generator and the questions stay in working order.
func TestGeneratedReadyMade(t *testing.T) {
	s, g, _ := buildGenerated(t, t.TempDir(), 300)
	defer s.Close()
	ctx := context.Background()
	for _, q := range readyMadeQuestions(g) {
		for i := range 3 {
			if _, err := q.run(ctx, s, i); err != nil {
				t.Errorf("%s #%d: %v", q.name, i, err)
			}
		}
	}
	if n, err := readyMadeQuestions(g)[0].run(ctx, s, 1); err != nil || n == 0 {
		t.Errorf("people of a country: %d rows, %v", n, err)
	}
}

// TestBuildGeneratedStore writes a store of generated articles to
// $DKG_BENCH_STORE (DKG_BENCH_ARTICLES of them, default 10,000), to try
// queries on with dkg --db: skipped unless DKG_BENCH_STORE is set.
func TestBuildGeneratedStore(t *testing.T) {
	dir := os.Getenv("DKG_BENCH_STORE")
	if dir == "" {
		t.Skip("set DKG_BENCH_STORE=DIR to build a generated store there")
	}
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("DKG_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	start := time.Now()
	s, _, quads := buildGenerated(t, dir, n)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles, %d quads in %s", n, quads, time.Since(start).Round(time.Second))
}
