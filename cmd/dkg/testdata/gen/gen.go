// Package gen writes a corpus of realistic diplomacy articles for
// benchmarks: our own sentence templates filled with the officials,
// countries, capitals and issues of dkg's dictionaries, invented analysts
// and institutes, dates, events and quotes. A seed makes it repeatable.
//
// Each article is a wire-style story of 8 to 12 paragraphs (about 450
// words): a lede with an event between two officials, details, quotes by
// both, background, an analyst introduced in full ("Name, a senior fellow
// at the Long Name Institute (LNI)") and later named by surname only, a
// look ahead, and now and then a sanction or an accusation. Copies is the
// share of articles that are syndicated copies (a new lede, or the first
// paragraphs only) of an earlier one, under another URL.
package gen

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dkg/dkg/extract/lexicon"
)

// Article is one generated article, as a JSON Lines record of dkg ingest.
type Article struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Text      string `json:"text"`
}

// Options set the corpus.
type Options struct {
	N      int
	Seed   uint64
	Copies float64 // share of syndicated copies, 0 to 1
}

// WriteJSONL writes the corpus as JSON Lines.
func WriteJSONL(w io.Writer, opt Options) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	g := New(opt.Seed)
	var done []Article
	for i := 0; i < opt.N; i++ {
		var a Article
		if len(done) > 0 && g.r.Float64() < opt.Copies {
			a = g.Copy(done[g.r.IntN(len(done))], i)
		} else {
			a = g.Article(i)
			if len(done) < 512 {
				done = append(done, a)
			} else {
				done[g.r.IntN(len(done))] = a
			}
		}
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	return nil
}

// official is someone in office on a date.
type official struct {
	name, title, country string
}

type country struct {
	code, name, demonym, capital string
}

// Generator makes articles.
type Generator struct {
	r         *rand.Rand
	officials []lexicon.Official
	countries map[string]country
	codes     []string
	issues    []string
}

// New returns a generator with a seed.
func New(seed uint64) *Generator {
	lex := lexicon.Default()
	g := &Generator{r: rand.New(rand.NewPCG(seed, seed^0x646b67)), countries: map[string]country{}}
	for _, c := range lex.Countries {
		if len(c.Demonyms) == 0 || len(c.Capitals) == 0 {
			continue
		}
		g.countries[c.Code] = country{code: c.Code, name: c.Name, demonym: c.Demonyms[0], capital: c.Capitals[0]}
	}
	for _, o := range lex.Officials {
		if _, ok := g.countries[o.Country]; ok && leader(o.Title) {
			g.officials = append(g.officials, o)
		}
	}
	for _, is := range lex.Issues {
		g.issues = append(g.issues, is.Name)
	}
	for c := range g.countries {
		g.codes = append(g.codes, c)
	}
	slices.Sort(g.codes)
	return g
}

// leader keeps the offices that make diplomatic news between two
// countries.
func leader(title string) bool {
	switch title {
	case "President", "Prime Minister", "Foreign Minister", "Chancellor", "Premier", "Foreign Secretary",
		"Secretary of State", "Defence Minister", "Defense Secretary", "Trade Minister", "Finance Minister":
		return true
	}
	return false
}

func (g *Generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

// inOffice returns the officials in office on date, by country.
func (g *Generator) inOffice(date string) map[string][]official {
	out := map[string][]official{}
	for _, o := range g.officials {
		if o.From <= date && (o.To == "" || date < o.To) {
			out[o.Country] = append(out[o.Country], official{o.Name, o.Title, o.Country})
		}
	}
	return out
}

var (
	firstNames = []string{"Amara", "Bilal", "Camille", "Dariusz", "Elena", "Farid", "Greta", "Hiroko", "Ines", "Jonas",
		"Kwame", "Leila", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sipho", "Tamar", "Umar", "Vera",
		"Wen", "Ximena", "Yusuf", "Zofia", "Anders", "Beatriz", "Chidi", "Dmitri", "Esra", "Florian", "Gabriela",
		"Hamid", "Isabel", "Jae-won", "Katarina", "Lorenzo", "Mariam", "Nikhil"}
	lastNames = []string{"Achterberg", "Bakshi", "Castellano", "Dlamini", "Eriksen", "Fontaine", "Gashi", "Haddadi",
		"Ilunga", "Jankowski", "Kowalczyk", "Lindqvist", "Mbeki-Rowe", "Nakashima", "Okonkwo", "Petrescu",
		"Quintero", "Rahimi", "Sandoval", "Takahara", "Uchenna", "Valverde", "Wojcik", "Xavier", "Yilmaz",
		"Zuberi", "Arkwright", "Brannigan", "Costache", "Demirel", "Ekwueme", "Falkenrath", "Grigoryan",
		"Holmberg", "Iyengar", "Jovanovic", "Kallberg", "Lemaitre", "Moravec", "Nwachukwu"}
	instWords = []string{"Meridian", "Northgate", "Harbour", "Crossroads", "Atlas", "Lantern", "Keystone",
		"Bridgewater", "Compass", "Summit", "Riverside", "Horizon", "Westmark", "Cedar", "Granite"}
	instKinds = []string{"Institute", "Centre for Strategic Studies", "Policy Forum", "Foundation", "Council on Global Affairs"}
	roles     = []string{"senior fellow", "researcher", "professor of international relations", "director of the Asia programme",
		"former ambassador", "analyst", "research fellow", "head of the security programme"}
	sources = []string{"World Wire", "Global Dispatch", "The Daily Ledger", "Capital Times", "Evening Courier", "Continental Press"}
)

func acronym(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		if w != "for" && w != "on" && w != "of" && w != "the" {
			b.WriteByte(w[0])
		}
	}
	return b.String()
}

// surname is how a story names a person the second time: the family
// name, which comes first in Chinese and Korean names.
func surname(name, country string) string {
	f := strings.Fields(name)
	switch country {
	case "CHN", "TWN", "KOR", "PRK", "VNM", "HKG", "MNG":
		return f[0]
	}
	return f[len(f)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// events are the lede's event phrases: {A} ... {B}.
var ledes = []string{
	"%s met %s in %s on %s",
	"%s held talks with %s in %s on %s",
	"%s hosted %s for talks in %s on %s",
	"%s and %s met in %s on %s",
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// Article makes article i.
func (g *Generator) Article(i int) Article {
	var date time.Time
	var a, b official
	var ca, cb country
	for {
		date = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(7*365))
		in := g.inOffice(date.Format(time.DateOnly))
		var codes []string
		for c := range in {
			codes = append(codes, c)
		}
		if len(codes) < 2 {
			continue
		}
		slices.Sort(codes)
		x, y := codes[g.r.IntN(len(codes))], codes[g.r.IntN(len(codes))]
		if x == y {
			continue
		}
		a, b = in[x][g.r.IntN(len(in[x]))], in[y][g.r.IntN(len(in[y]))]
		ca, cb = g.countries[x], g.countries[y]
		break
	}
	event := date.AddDate(0, 0, -1-g.r.IntN(3))
	pub := event.AddDate(0, 0, 1)
	day := weekdays[(int(event.Weekday())+6)%7]
	issue, issue2 := g.pick(g.issues), g.pick(g.issues)
	analyst := g.pick(firstNames) + " " + g.pick(lastNames)
	inst := "the " + g.pick(instWords) + " " + g.pick(instKinds)
	acr := acronym(strings.TrimPrefix(inst, "the "))
	role := g.pick(roles)
	hours := 1 + g.r.IntN(5)
	nameA := fmt.Sprintf("%s %s %s", ca.demonym, a.title, a.name)
	nameB := fmt.Sprintf("%s %s %s", cb.demonym, b.title, b.name)
	sa, sb, san := surname(a.name, a.country), surname(b.name, b.country), surname(analyst, "")
	place := cb.capital
	if g.r.IntN(2) == 0 {
		place = ca.capital
	}

	var p []string
	lede := fmt.Sprintf(g.pick(ledes), nameA, nameB, place, day)
	p = append(p, fmt.Sprintf("%s — %s, %s, as the two governments %s.", strings.ToUpper(place), lede,
		g.pick([]string{"the first such meeting in " + fmt.Sprint(2+g.r.IntN(6)) + " years",
			"weeks after a sharp exchange over " + issue2,
			"amid growing friction over " + issue,
			"their " + g.pick([]string{"second", "third", "fourth"}) + " encounter this year"}),
		g.pick([]string{"seek to steady relations", "look for common ground on " + issue,
			"try to contain a dispute over " + issue, "prepare for a wider summit"})))
	p = append(p, fmt.Sprintf("The %s talked for about %s at %s, officials said, and %s.",
		g.pick([]string{"two men", "two delegations", "leaders", "ministers"}), plural(hours, "hour", "hours"),
		g.pick([]string{"a government guesthouse", "the foreign ministry", "a lakeside hotel", "the presidential palace", "a conference centre"}),
		g.pick([]string{"covered " + issue + " and " + issue2, "agreed to meet again before the end of the year",
			"set up working groups on " + issue, "issued no joint statement"})))
	p = append(p, fmt.Sprintf("\"%s,\" %s %s.", g.quote(issue, cb.name), sa,
		g.pick([]string{"said after the talks", "told reporters", "said in a statement", "wrote on social media afterwards"})))
	p = append(p, fmt.Sprintf("%s said %s, adding that %s.", sb,
		g.pick([]string{"the talks had been frank", "his government wanted results rather than words",
			"there was still a long way to go", "both sides had listened carefully"}),
		g.pick([]string{"differences over " + issue2 + " remained", "officials would meet again within a month",
			ca.name + " should respect " + cb.demonym + " interests", "trade between the two had grown"})))
	p = append(p, fmt.Sprintf("\"%s,\" %s said %s.", g.quote(issue2, ca.name), sb,
		g.pick([]string{"at a news conference", "in remarks broadcast on state television", "before leaving " + place, "to reporters travelling with him"})))
	p = append(p, fmt.Sprintf("%s is %s's %s trading partner, and %s. %s",
		cb.name, ca.name, g.pick([]string{"largest", "second-largest", "fifth-largest", "fastest-growing"}),
		g.pick([]string{"two-way trade reached $" + fmt.Sprint(5+g.r.IntN(400)) + " billion last year",
			"investment has slowed since " + fmt.Sprint(2015+g.r.IntN(8)),
			"the two have signed " + fmt.Sprint(3+g.r.IntN(20)) + " agreements over the past decade"}),
		g.pick([]string{"Business groups in both countries have called for clearer rules on " + issue + ".",
			"Officials said a new commission on " + issue2 + " would hold its first session in " + ca.capital + ".",
			"Diplomats said the talks also touched on " + issue2 + ", though neither side gave details.",
			"A joint statement, if one is issued, is expected to mention " + issue + "."})))
	p = append(p, fmt.Sprintf("Relations between %s and %s %s since %d, when %s.", ca.name, cb.name,
		g.pick([]string{"have been strained", "have swung between rivalry and cooperation", "have improved slowly", "have cooled"}),
		2005+g.r.IntN(15),
		g.pick([]string{"a dispute over " + issue2 + " broke out", "talks on " + issue + " collapsed",
			"an incident at sea led to protests", "a new government took office in " + cb.capital})))
	p = append(p, fmt.Sprintf("%s, a %s at %s (%s) in %s, said %s. \"%s,\" %s said.", analyst, role, inst, acr, g.pick([]string{ca.capital, cb.capital}),
		g.pick([]string{"the meeting reflected calculation rather than warmth", "neither side could afford a rupture",
			"the talks were a first step, not a settlement", "domestic politics would limit any deal"}),
		g.analystQuote(issue, ca.name, cb.name), g.pick([]string{"she", "he"})))
	if g.r.IntN(2) == 0 {
		p = append(p, fmt.Sprintf("%s of %s said %s would watch %s closely. \"%s,\" %s said.", san, acr, g.pick([]string{"investors", "neighbours", "allies"}),
			issue2, g.analystQuote(issue2, cb.name, ca.name), san))
	}
	switch g.r.IntN(4) {
	case 0:
		p = append(p, fmt.Sprintf("Earlier this %s, %s imposed sanctions on %s %s over %s, a move %s called %s.",
			g.pick([]string{"month", "year"}), ca.name, cb.demonym, g.pick([]string{"officials", "companies", "banks"}), issue2,
			cb.capital, g.pick([]string{"unjustified", "a provocation", "regrettable"})))
	case 1:
		p = append(p, fmt.Sprintf("%s accused %s of %s, a charge %s rejected.", sb, ca.name,
			g.pick([]string{"interfering in its internal affairs", "breaking earlier promises on " + issue, "stirring up tension over " + issue2}), sa))
	case 2:
		p = append(p, fmt.Sprintf("%s urged %s to %s.", sa, cb.name,
			g.pick([]string{"return to talks on " + issue, "release detained citizens", "honour the agreement on " + issue2})))
	}
	third := g.countries[g.codes[g.r.IntN(len(g.codes))]]
	if third.code != ca.code && third.code != cb.code {
		p = append(p, fmt.Sprintf("In %s, a spokesperson for the %s foreign ministry said %s %s the talks and hoped they would %s.",
			third.capital, third.demonym, third.name,
			g.pick([]string{"welcomed", "was following", "had been briefed on", "took note of"}),
			g.pick([]string{"ease tension over " + issue, "lead to a lasting settlement", "help stabilise the region", "open markets on both sides"})))
	}
	analyst2 := g.pick(firstNames) + " " + g.pick(lastNames)
	if analyst2 != analyst {
		p = append(p, fmt.Sprintf("%s, who %s at the University of %s, said the %s mattered more than the words. \"%s,\" %s said, pointing to %s.",
			analyst2, g.pick([]string{"teaches international politics", "studies regional security", "leads a research group on " + issue2}),
			g.pick([]string{ca.capital, cb.capital, third.capital}),
			g.pick([]string{"timing of the meeting", "choice of venue", "size of the delegations", "absence of a joint statement"}),
			g.analystQuote(issue2, cb.name, ca.name), surname(analyst2, ""),
			g.pick([]string{"elections due next year", "a slowing economy", "pressure from allies", "a crowded summit calendar"})))
	}
	p = append(p, fmt.Sprintf("%s is expected to visit %s %s, %s.", sa, cb.capital,
		g.pick([]string{"next month", "later this year", "in the spring"}),
		g.pick([]string{"diplomats said", "according to officials familiar with the plans", "though no date has been set"})))
	p = append(p, fmt.Sprintf("The %s said %s would %s, and that %s.", g.pick([]string{"foreign ministry", "government", "presidency"}),
		g.pick([]string{"working groups", "technical teams", "senior officials"}),
		g.pick([]string{"meet in " + ca.capital + " within weeks", "report back before the next round", "draft a road map on " + issue}),
		g.pick([]string{"the door to dialogue remained open", "no concession had been made", "further talks would follow"})))
	title := fmt.Sprintf("%s and %s %s %s", sa, sb,
		g.pick([]string{"hold talks on", "discuss", "meet amid dispute over", "seek common ground on"}), issue)
	return Article{
		URL:       fmt.Sprintf("https://news.example/%d/%s-%s-%d", pub.Year(), strings.ToLower(ca.code), strings.ToLower(cb.code), i),
		Title:     title,
		Published: pub.Format(time.DateOnly),
		Source:    g.pick(sources),
		Text:      strings.Join(p, "\n"),
	}
}

func (g *Generator) quote(issue, other string) string {
	return fmt.Sprintf("%s %s %s %s",
		g.pick([]string{"We", "Both sides", "Our two countries", "The two governments"}),
		g.pick([]string{"have agreed to", "are ready to", "will work to", "must"}),
		g.pick([]string{"strengthen cooperation on", "restore dialogue about", "expand talks on", "find a way forward on", "manage differences over"}),
		issue+g.pick([]string{" with " + other, ", step by step", " without delay", " in good faith", ""}))
}

func (g *Generator) analystQuote(issue, a, b string) string {
	return fmt.Sprintf("%s %s %s",
		g.pick([]string{"Nobody in " + a + " expects", "What matters for " + b + " is", "The real test is", "Few people believe in",
			"The question now is"}),
		g.pick([]string{"a quick deal on", "any real movement on", "a lasting compromise over", "progress on"}),
		issue+g.pick([]string{" this year", " before the elections", " while the mistrust lasts", ""}))
}

// Copy makes a syndicated copy of a under another URL: a new lede, or the
// first paragraphs only.
func (g *Generator) Copy(a Article, i int) Article {
	paras := strings.Split(a.Text, "\n")
	if g.r.IntN(2) == 0 && len(paras) > 4 {
		paras = paras[:len(paras)*2/3]
	} else {
		paras = slices.Clone(paras)
		paras[0] = "(" + g.pick(sources) + ") " + paras[0]
		paras = paras[:len(paras)-1]
	}
	c := a
	c.URL = fmt.Sprintf("https://syndicate.example/%d/copy-%d", i%97, i)
	c.Source = g.pick(sources)
	c.Text = strings.Join(paras, "\n")
	return c
}
