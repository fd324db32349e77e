package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/extract"
	"github.com/dkg/dkg/schema"
)

// facts extracts text published on pub and renders its direct edges, its
// events ("Class status date place: participants") and its statements
// ("speaker said: text") as sorted lines a reader can check.
func facts(t *testing.T, text, pub string) string {
	t.Helper()
	p, _ := time.Parse("2006-01-02", pub)
	res, err := extract.Extract(extract.Article{Text: text, Published: p})
	if err != nil {
		t.Fatal(err)
	}
	str := func(v quad.Value) string {
		switch v := v.(type) {
		case quad.IRI:
			return string(v)
		case quad.String:
			return string(v)
		case quad.TypedString:
			return string(v.Value)
		}
		return quad.StringOf(v)
	}
	name := map[quad.Value]string{}
	props := map[quad.Value]map[quad.IRI][]string{}
	for _, q := range res.Quads {
		if q.Predicate == schema.Name {
			name[q.Subject] = str(q.Object)
		}
		if props[q.Subject] == nil {
			props[q.Subject] = map[quad.IRI][]string{}
		}
		props[q.Subject][q.Predicate.(quad.IRI)] = append(props[q.Subject][q.Predicate.(quad.IRI)], str(q.Object))
	}
	n := func(s string) string {
		if v, ok := name[quad.IRI(s)]; ok {
			return v
		}
		return s
	}
	var lines []string
	for s, ps := range props {
		for p, os := range ps {
			switch p {
			case schema.Met, schema.Visited, schema.Sanctioned, schema.Urged, schema.Accused:
				for _, o := range os {
					lines = append(lines, name[s]+" "+schema.Local(p)+" "+n(o))
				}
			case schema.Type:
				class := schema.Local(quad.IRI(os[0]))
				if class == "Statement" {
					lines = append(lines, n(props[s][schema.Participant][0])+" said: "+props[s][schema.Text][0])
					continue
				}
				if !strings.Contains(string(s.(quad.IRI)), "/event/") {
					continue
				}
				var parts []string
				for _, x := range props[s][schema.Participant] {
					parts = append(parts, n(x))
				}
				sortStrings(parts)
				date, place := "-", "-"
				if d := props[s][schema.StartDate]; len(d) > 0 {
					date = d[0]
				}
				if l := props[s][schema.Location]; len(l) > 0 {
					place = n(l[0])
				}
				lines = append(lines, class+" "+props[s][schema.Status][0]+" "+date+" "+place+": "+strings.Join(parts, ", "))
			}
		}
	}
	sortStrings(lines)
	return strings.Join(lines, "\n")
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestRules checks the extractor's rules one at a time on sentences written
// for them: what a reader of each sentence would record.
func TestRules(t *testing.T) {
	for _, c := range []struct {
		name, text, pub string
		want, never     []string
	}{
		{name: "a meeting that happened, with its date and place",
			text: "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo on Monday.",
			pub:  "2024-03-12",
			want: []string{"Fumio Kishida met Yoon Suk Yeol", "Meeting occurred 2024-03-11 Tokyo: Fumio Kishida, Yoon Suk Yeol"}},
		{name: "a planned visit is no visit",
			text:  "German Chancellor Olaf Scholz will visit Beijing next month, his office said.",
			pub:   "2024-03-12",
			want:  []string{"Visit planned 2024-04 Beijing: China, Olaf Scholz"},
			never: []string{"Olaf Scholz visited"}},
		{name: "a possible meeting is no meeting",
			text:  "Analysts said President Joe Biden could meet Chinese President Xi Jinping in November.",
			pub:   "2023-06-20",
			want:  []string{"Meeting possible 2023-11 -: Joe Biden, Xi Jinping"},
			never: []string{"Joe Biden met", "Xi Jinping met"}},
		{name: "a meeting that did not happen",
			text:  "Foreign Minister Wang Yi did not meet Secretary of State Antony Blinken in Jakarta.",
			pub:   "2023-07-14",
			want:  []string{"Meeting denied - Jakarta: Antony Blinken, Wang Yi"},
			never: []string{"Wang Yi met"}},
		{name: "sanctions by a state on a group",
			text: "The United States imposed sanctions on Chinese companies last month.",
			pub:  "2023-06-20",
			want: []string{"United States sanctioned Chinese companies", "Sanction occurred 2023-05 -: Chinese companies, United States"}},
		{name: "the country's capital, named by its demonym, is a place and not an actor",
			text:  "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in the South Korean capital on Monday.",
			pub:   "2024-03-12",
			want:  []string{"Meeting occurred 2024-03-11 Seoul: Fumio Kishida, Yoon Suk Yeol"},
			never: []string{"South Korea"}},
		{name: "demonym and capital without the article is money, not a place",
			text:  "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol on Monday as Chinese capital flowed into the region.",
			pub:   "2024-03-12",
			want:  []string{"Meeting occurred 2024-03-11 -: Fumio Kishida, Yoon Suk Yeol"},
			never: []string{"Beijing"}},
		{name: "sanctions ordered by an official are their state's too",
			text: "U.S. Treasury Secretary Scott Bessent imposed sanctions on Chinese companies on Monday.",
			pub:  "2025-03-12",
			want: []string{"United States sanctioned Chinese companies", "Sanction occurred 2025-03-10 -: Chinese companies, Scott Bessent, United States"}},
		{name: "since after the verb is how long, not when",
			text:  "US envoy Steve Witkoff visited Moscow and returned with a teacher who had been held in a Russian prison since 2021.",
			pub:   "2025-02-13",
			never: []string{"Visit occurred 2021"}},
		{name: "since before the verb, with when, dates the event",
			text: "Since August 2022, when Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol, ties have improved.",
			pub:  "2024-03-12",
			want: []string{"Meeting occurred 2022-08 -: Fumio Kishida, Yoon Suk Yeol"}},
		{name: "an administration named after its leader acts for the country",
			text: "The Biden administration last month imposed sanctions on Chinese companies.",
			pub:  "2025-02-13",
			want: []string{"United States sanctioned Chinese companies", "Sanction occurred 2025-01 -: Chinese companies, United States"}},
		{name: "no administration of a name no leader had",
			text:  "The Whitford administration last month imposed sanctions on Chinese companies.",
			pub:   "2025-02-13",
			never: []string{"United States"}},
		{name: "a longer name after a dictionary organisation is another organisation",
			text: "The United States imposed sanctions on Gazprom Neft on Friday.",
			pub:  "2025-01-13",
			want: []string{"United States sanctioned Gazprom Neft"}},
		{name: "an organisation before a title and a name describes the person",
			text: "WHO Director-General Tedros Adhanom Ghebreyesus urged China to share data on Monday.",
			pub:  "2025-02-13",
			want: []string{"Tedros Adhanom Ghebreyesus urged China"}},
		{name: "an organisation before a title and no name acts itself",
			text: "A U.S. State Department spokesperson urged the Haitian government to act on Monday.",
			pub:  "2025-02-13",
			want: []string{"Appeal occurred 2025-02-10 -: Haiti, State Department"}},
		{name: "a cue word inside a name is no cue",
			text: "Doctors Without Borders urged Nigeria to reopen the clinics on Monday.",
			pub:  "2025-02-13",
			want: []string{"Doctors Without Borders urged Nigeria"}},
		{name: "a dictionary name that starts with a title is the name",
			text: "Reporters Without Borders urged Zimbabwe to free the journalist on Monday.",
			pub:  "2025-02-13",
			want: []string{"Reporters Without Borders urged Zimbabwe"}},
		{name: "a capital acts for its country",
			text: "Beijing urged Washington to lift the tariffs.",
			pub:  "2023-06-20",
			want: []string{"China urged United States"}},
		{name: "surname, title and pronoun resolution in quotes",
			text: "Lu Xiang, an expert at the Chinese Academy of Social Sciences (CASS), said the talks went well.\n\"Both sides want stability,\" Lu said.\n\"It is a start,\" he said.",
			pub:  "2023-06-20",
			want: []string{"Lu Xiang said: Both sides want stability", "Lu Xiang said: It is a start", "Lu Xiang said: the talks went well"}},
		{name: "a quote is given to its speaker, not the last name in it",
			text: "Yun Sun, a director at the Stimson Center, said the visit mattered.\n\"Wang Yi's readout blamed the US,\" she said.",
			pub:  "2023-06-20",
			want: []string{"Yun Sun said: Wang Yi's readout blamed the US"}},
		{name: "going home is not a visit",
			text:  "Secretary of State Antony Blinken travelled to Washington on Monday.",
			pub:   "2023-06-20",
			never: []string{"Antony Blinken visited"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := facts(t, c.text, c.pub)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q; got:\n%s", w, got)
				}
			}
			for _, n := range c.never {
				if strings.Contains(got, n) {
					t.Errorf("holds %q; got:\n%s", n, got)
				}
			}
		})
	}
}
