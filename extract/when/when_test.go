package when

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"
)

// tue is the reference publication date of the notes: Tuesday 20 June 2023.
var tue = time.Date(2023, 6, 20, 9, 0, 0, 0, time.UTC)

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 9, 0, 0, 0, time.UTC) }

// show renders dates as "2023-05 [last month]", joined by "; ".
func show(ds []Date) string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(d.Value + " [" + d.Phrase + "]")
	}
	return b.String()
}

func TestFind(t *testing.T) {
	U, P, F := Unknown, Past, Future
	tests := []struct {
		sentence string
		pub      time.Time // tue when zero
		tense    Tense
		want     string
	}{
		// The cases of the brief and of the notes, section 4.
		{"Trade fell sharply last month.", tue, U, "2023-05 [last month]"},
		{"The ministers met on Monday evening in Brussels.", tue, U, "2023-06-19 [on Monday evening]"},
		{"Exports grew 4% last year.", tue, U, "2022 [last year]"},
		{"Leaders will gather for the Apec summit in November.", tue, F, "2023-11 [in November]"},
		{"Pelosi visited Taipei in August.", tue, P, "2022-08 [in August]"},
		{"The talks collapsed in February.", tue, P, "2023-02 [in February]"},
		{"The envoy arrived earlier this month.", tue, U, "2023-06 [earlier this month]"},
		{"The minister resigned yesterday.", tue, U, "2023-06-19 [yesterday]"},
		{"The agreement was signed on June 18.", tue, U, "2023-06-18 [on June 18]"},
		{"June 18", tue, U, "2023-06-18 [June 18]"},
		{"The agreement dated 18 June 2023 stands.", tue, U, "2023-06-18 [18 June 2023]"},
		{"Talks resume next week.", tue, U, "2023-06 [next week]"},
		{"The president spoke on Tuesday.", tue, U, "2023-06-20 [on Tuesday]"},
		{"The president spoke on Tuesday.", tue, P, "2023-06-20 [on Tuesday]"},
		{"The president will speak on Tuesday.", tue, F, "2023-06-20 [on Tuesday]"},
		{"The delegation left on Friday.", tue, P, "2023-06-16 [on Friday]"},
		{"The delegation will leave on Friday.", tue, F, "2023-06-23 [on Friday]"},
		{"The delegation leaves on Friday.", tue, U, "2023-06-16 [on Friday]"},
		{"Elections were held in 2021.", tue, U, "2021 [in 2021]"},
		{"The border closed two years ago.", tue, U, "2021 [two years ago]"},
		{"It may rain during the parade.", tue, U, ""},
		{"Yun Sun said the visit mattered.", tue, U, ""},
		{"The talks followed a March 2022 visit.", tue, U, "2022-03 [March 2022]"},
		{"The embassy reopened in December.", date(2024, 1, 5), P, "2023-12 [in December]"},
		{"Inflation eased last month.", date(2024, 1, 5), U, "2023-12 [last month]"},

		// Months and the tense.
		{"in November", tue, P, "2022-11 [in November]"},
		{"in November", tue, U, "2023-11 [in November]"},
		{"in December", tue, U, "2022-12 [in December]"},
		{"in January", tue, F, "2024-01 [in January]"},
		{"in June", tue, P, "2023-06 [in June]"},
		{"in June", tue, F, "2023-06 [in June]"},
		{"in January", date(2023, 12, 28), F, "2024-01 [in January]"},
		{"in January", date(2023, 12, 28), U, "2023-01 [in January]"},
		{"in December", date(2024, 1, 5), U, "2023-12 [in December]"},
		{"last June", tue, U, "2022-06 [last June]"},
		{"last August", tue, F, "2022-08 [last August]"},
		{"next June", tue, U, "2024-06 [next June]"},
		{"next January", tue, P, "2024-01 [next January]"},
		{"this November", tue, P, "2023-11 [this November]"},
		{"Sanctions have applied since February.", tue, F, "2023-02 [since February]"},
		{"since August", tue, F, "2022-08 [since August]"},
		{"A deal is due by March.", tue, F, "2024-03 [by March]"},
		{"The truce holds until September.", tue, F, "2023-09 [until September]"},
		{"a vote in early November", tue, F, "2023-11 [in early November]"},
		{"mid-November", tue, F, "2023-11 [mid-November]"},
		{"mid November", tue, F, "2023-11 [mid November]"},
		{"late November", tue, P, "2022-11 [late November]"},
		{"by the end of March", tue, F, "2024-03 [March]"},
		{"In November, leaders meet.", tue, F, "2023-11 [In November]"},
		{"Last August, he visited.", tue, P, "2022-08 [Last August]"},
		{"November 2022", tue, F, "2022-11 [November 2022]"},
		{"in May 2019", tue, U, "2019-05 [in May 2019]"},

		// May, March, Sun and other names.
		{"May I ask a question?", tue, U, ""},
		{"Theresa May said Britain would leave.", tue, U, ""},
		{"Theresa May said in May that Britain would leave.", tue, P, "2023-05 [in May]"},
		{"Ministers in May's cabinet resigned.", tue, P, ""},
		{"The vote on May 5 was close.", tue, P, "2023-05-05 [on May 5]"},
		{"since May", tue, F, "2023-05 [since May]"},
		{"By May, the fund will be empty.", tue, F, "2024-05 [By May]"},
		{"Peter March said talks were over.", tue, P, ""},
		{"April Ryan asked a question.", tue, P, ""},
		{"The Sun reported it.", tue, P, ""},
		{"the Good Friday Agreement", tue, U, ""},
		{"the Sunday Times reported", tue, P, ""},
		{"on Bloody Sunday", tue, P, ""},
		{"Sunday's vote", tue, P, "2023-06-18 [Sunday]"},
		{"USA Today reported the leak.", tue, P, ""},
		{"Today, the ministers meet.", tue, U, "2023-06-20 [Today]"},
		{"In today's world, nothing is certain.", tue, U, ""},
		{"the Arab Spring", tue, P, ""},
		{"the fall of Kabul", tue, P, ""},
		{"the summer of discontent", tue, P, ""},

		// Weekdays.
		{"The ministers met in Geneva Friday.", tue, P, "2023-06-16 [Friday]"},
		{"Super Tuesday", tue, P, ""},
		{"Monday evening", tue, U, "2023-06-19 [Monday evening]"},
		{"last Friday", tue, F, "2023-06-16 [last Friday]"},
		{"last Tuesday", tue, U, "2023-06-13 [last Tuesday]"},
		{"next Tuesday", tue, U, "2023-06-27 [next Tuesday]"},
		{"next Wednesday", tue, U, "2023-06-21 [next Wednesday]"},
		{"this Friday", tue, U, "2023-06-23 [this Friday]"},
		{"this Friday", tue, P, "2023-06-16 [this Friday]"},
		{"early Monday", tue, U, "2023-06-19 [early Monday]"},
		{"He met Xi on Monday and will return in November.", tue, U, "2023-06-19 [on Monday]; 2023-11 [in November]"},
		{"The ministry said Monday that talks would go on.", tue, P, "2023-06-19 [Monday]"},
		{"on Monday, June 19", tue, U, "2023-06-19 [on Monday, June 19]"},
		{"Monday 19 June", tue, U, "2023-06-19 [Monday 19 June]"},
		{"on Saturday", date(2024, 1, 5), P, "2023-12-30 [on Saturday]"},

		// Days.
		{"today", tue, U, "2023-06-20 [today]"},
		{"earlier today", tue, U, "2023-06-20 [earlier today]"},
		{"tomorrow morning", tue, U, "2023-06-21 [tomorrow morning]"},
		{"tonight", tue, U, "2023-06-20 [tonight]"},
		{"last night", tue, U, "2023-06-19 [last night]"},
		{"this morning", tue, U, "2023-06-20 [this morning]"},
		{"the day before yesterday", tue, U, "2023-06-18 [the day before yesterday]"},
		{"the day after tomorrow", tue, U, "2023-06-22 [the day after tomorrow]"},
		{"yesterday", date(2024, 1, 1), U, "2023-12-31 [yesterday]"},

		// Weeks, months, years, weekends.
		{"last week", tue, U, "2023-06 [last week]"},
		{"last week", date(2023, 6, 2), U, "2023-05 [last week]"},
		{"last week", date(2024, 1, 5), U, "2023-12 [last week]"},
		{"this week", date(2023, 7, 1), U, "2023-06 [this week]"},
		{"earlier this week", tue, U, "2023-06 [earlier this week]"},
		{"later this month", tue, U, "2023-06 [later this month]"},
		{"this month", tue, U, "2023-06 [this month]"},
		{"next month", tue, U, "2023-07 [next month]"},
		{"next month", date(2023, 12, 15), U, "2024-01 [next month]"},
		{"this year", tue, U, "2023 [this year]"},
		{"next year", tue, U, "2024 [next year]"},
		{"late last year", tue, U, "2022 [late last year]"},
		{"since last year", tue, U, "2022 [since last year]"},
		{"over the weekend", tue, P, "2023-06 [over the weekend]"},
		{"over the weekend", date(2023, 7, 3), P, "2023-07 [over the weekend]"},
		{"over the weekend", date(2023, 7, 4), P, "2023-07 [over the weekend]"},
		{"last weekend", date(2023, 7, 4), U, "2023-07 [last weekend]"},
		{"next weekend", date(2023, 6, 28), U, "2023-07 [next weekend]"},

		// Counts.
		{"three days ago", tue, U, "2023-06-17 [three days ago]"},
		{"3 days ago", tue, U, "2023-06-17 [3 days ago]"},
		{"a week ago", tue, U, "2023-06 [a week ago]"},
		{"A year ago, he resigned.", tue, U, "2022 [A year ago]"},
		{"18 months ago", tue, U, "2021-12 [18 months ago]"},
		{"more than two years ago", tue, U, ""},
		{"a few days ago", tue, U, ""},
		{"2.5 years ago", tue, U, ""},

		// Seasons.
		{"in autumn", tue, F, "2023 [in autumn]"},
		{"in the autumn", tue, P, "2022 [in the autumn]"},
		{"in the autumn", tue, U, "2023 [in the autumn]"},
		{"this summer", tue, U, "2023 [this summer]"},
		{"last summer", tue, U, "2022 [last summer]"},
		{"last winter", tue, U, "2023 [last winter]"},
		{"next winter", tue, U, "2024 [next winter]"},
		{"this winter", date(2024, 1, 10), U, "2024 [this winter]"},
		{"this fall", tue, U, "2023 [this fall]"},
		{"in the spring of 2022", tue, U, "2022 [in the spring of 2022]"},
		{"a summer 2022 offensive", tue, U, "2022 [summer 2022]"},
		{"a spring offensive", tue, U, ""},

		// Absolute dates and years.
		{"June 18, 2023", tue, U, "2023-06-18 [June 18, 2023]"},
		{"the 18th of June", tue, U, "2023-06-18 [18th of June]"},
		{"on 2023-06-18", tue, U, "2023-06-18 [on 2023-06-18]"},
		{"Sept. 18, 2022", tue, U, "2022-09-18 [Sept. 18, 2022]"},
		{"Dec 5", tue, P, "2022-12-05 [Dec 5]"},
		{"5 Dec", tue, F, "2023-12-05 [5 Dec]"},
		{"June 25", tue, P, "2022-06-25 [June 25]"},
		{"June 18", tue, F, "2024-06-18 [June 18]"},
		{"18-19 June", tue, U, "2023-06-18 [18-19 June]"},
		{"June 18-19", tue, U, "2023-06-18 [June 18]"},
		{"February 29", tue, P, ""},
		{"February 29, 2024", tue, P, "2024-02-29 [February 29, 2024]"},
		{"February 30, 2024", tue, P, ""},
		{"2023-02-30", tue, P, ""},
		{"since 1991", tue, U, "1991 [since 1991]"},
		{"by 2050", tue, F, "2050 [by 2050]"},
		{"mid-2024", tue, F, "2024 [mid-2024]"},
		{"in early 2022", tue, F, "2022 [in early 2022]"},

		// Numbers that are not dates, vague times.
		{"Some 5,000 people marched in 1500 words.", tue, U, ""},
		{"May 5,000 people march?", tue, U, ""},
		{"The 1990s were calm.", tue, U, ""},
		{"the 2022-23 budget in 2022-23", tue, U, ""},
		{"G7 May summit", tue, U, ""},
		{"at 10:30 on 18/06/2023", tue, U, ""},
		{"in the coming weeks", tue, F, ""},
		{"soon", tue, F, ""},
		{"over the past year", tue, U, ""},
		{"in the last year", tue, U, ""},
		{"over the next four months", tue, F, ""},
		{"the next week", tue, F, ""},
		{"next to the palace", tue, U, ""},
		{"", tue, U, ""},
	}
	for _, tt := range tests {
		t.Run(tt.tense.String()+"/"+tt.sentence, func(t *testing.T) {
			ds := Find(tt.sentence, tt.pub, tt.tense)
			if got := show(ds); got != tt.want {
				t.Errorf("Find(%q, %s, %v) = %q, want %q", tt.sentence, tt.pub.Format("2006-01-02"), tt.tense, got, tt.want)
			}
			checkDates(t, tt.sentence, ds)
		})
	}
}

// checkDates checks the invariants of Find's result.
func checkDates(t *testing.T, s string, ds []Date) {
	t.Helper()
	last := 0
	for _, d := range ds {
		if d.Start < last || d.End <= d.Start || d.End > len(s) {
			t.Fatalf("%q: bad offsets %d:%d (previous end %d)", s, d.Start, d.End, last)
		}
		if d.Phrase != s[d.Start:d.End] {
			t.Fatalf("%q: Phrase %q, want sentence[%d:%d] = %q", s, d.Phrase, d.Start, d.End, s[d.Start:d.End])
		}
		if !validValue(d.Value) {
			t.Fatalf("%q: invalid Value %q", s, d.Value)
		}
		last = d.End
	}
}

func validValue(v string) bool {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(v)]
	if layout == "" {
		return false
	}
	_, err := time.Parse(layout, v)
	return err == nil
}

func TestTenseOf(t *testing.T) {
	tests := []struct {
		clause string
		want   Tense
	}{
		{"The leaders met in Beijing", Past},
		{"Biden will visit China", Future},
		{"Xi is expected to attend the summit", Future},
		{"She plans to travel to Kyiv", Future},
		{"The summit is set to open on Monday", Future},
		{"during the next round of talks", Future},
		{"ahead of the upcoming summit", Future},
		{"They visited Moscow", Past},
		{"officials said", Past},
		{"the border closed two years ago", Past},
		{"Exports rose last year", Past},
		{"The talks continue", Unknown},
		{"the will of the people prevails", Unknown},
		{"Officials said the leaders will meet", Future},
		{"He said he would visit Beijing", Unknown},
		{"Theresa May spoke to reporters", Past},
		{"May I ask", Unknown},
		{"the proposed deal", Unknown},
		{"the US-backed forces", Unknown},
		{"They'll meet in Geneva", Future},
		{"He won't attend", Future},
		{"He won the election", Past},
		{"the embassy next to the palace", Unknown},
		{"The minister is to visit Paris", Future},
		{"peace at last", Unknown},
		{"Two journalists have been detained", Past},
		{"The newly elected president", Unknown},
		{"The ministers are concerned", Unknown},
		{"Will the ministers meet", Future},
		{"Armed groups attacked the convoy", Past},
		{"The vote is due to take place", Future},
		{"the delays due to the war", Unknown},
		{"The two sides agreed to stabilise relations", Past},
		{"Ramaphosa presented a 10-point plan to Putin", Past},
		{"A meeting is planned for mid-July, diplomats said", Future},
		{"We need more speed", Unknown},
		{"", Unknown},
	}
	for _, tt := range tests {
		if got := TenseOf(tt.clause); got != tt.want {
			t.Errorf("TenseOf(%q) = %v, want %v", tt.clause, got, tt.want)
		}
	}
}

// TestWordLists checks that the word lists agree with the switches that
// classify words and with the capitalised lookup table.
func TestWordLists(t *testing.T) {
	for _, w := range prepositions {
		if !isPreposition(w) || lower(string(w[0]-'a'+'A')+w[1:]) != w {
			t.Errorf("preposition %q: not classified", w)
		}
	}
	for _, w := range modifiers {
		if !isModifier(w) || lower(string(w[0]-'a'+'A')+w[1:]) != w {
			t.Errorf("modifier %q: not classified", w)
		}
	}
	for w := range numberWords {
		if lower(string(w[0]-'a'+'A')+w[1:]) != w {
			t.Errorf("number word %q: capitalised form not known", w)
		}
	}
}

// TestLocation checks that the publication date is read in its own
// location: 01:00 in Beijing on the 21st is the 20th in UTC.
func TestLocation(t *testing.T) {
	bj := time.FixedZone("CST", 8*3600)
	pub := time.Date(2023, 6, 21, 1, 0, 0, 0, bj)
	if got, want := show(Find("yesterday", pub, Unknown)), "2023-06-20 [yesterday]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestBenchSentences runs Find over the benchmark sentences and checks
// the invariants on each.
func TestBenchSentences(t *testing.T) {
	for _, s := range benchSentences(t) {
		checkDates(t, s, Find(s, tue, TenseOf(s)))
	}
}

// benchSentences reads testdata/sentences.txt (hand-written sentences,
// one a line) and adds frames combined with time phrases.
func benchSentences(tb testing.TB) []string {
	f, err := os.Open("testdata/sentences.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	frames := []string{
		"Foreign ministers of the two countries met %s in Geneva to discuss the ceasefire.",
		"The president is expected to travel to Beijing %s for talks on trade and security.",
		"%s, the envoy told reporters that the negotiations had reached a critical stage.",
		"Officials said the agreement, signed %s, would be submitted to parliament for ratification.",
		"The delegation will return to Vienna %s, according to a statement from the ministry.",
		"Sanctions imposed %s have cut exports of oil and gas by nearly a third.",
	}
	phrases := []string{
		"last month", "on Monday evening", "last year", "in November", "in August",
		"earlier this month", "yesterday", "on June 18", "on 18 June 2023", "next week",
		"on Tuesday", "in 2021", "two years ago", "in the autumn", "last Friday",
		"since February", "in mid-March", "on Sept. 5", "over the weekend", "this summer",
	}
	for _, fr := range frames {
		for _, ph := range phrases {
			out = append(out, strings.Replace(fr, "%s", ph, 1))
		}
	}
	return out
}

func BenchmarkFind(b *testing.B) {
	ss := benchSentences(b)
	n := 0
	for _, s := range ss {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range ss {
			Find(s, tue, Unknown)
		}
	}
}

func BenchmarkTenseOf(b *testing.B) {
	ss := benchSentences(b)
	n := 0
	for _, s := range ss {
		n += len(s)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, s := range ss {
			TenseOf(s)
		}
	}
}
