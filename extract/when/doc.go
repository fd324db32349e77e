// Package when finds the time expressions of a news sentence and resolves
// them against the article's publication date: "last month" in an article
// published on Tuesday 20 June 2023 is "2023-05", "on Monday evening" is
// "2023-06-19", "in November" is "2023-11" for a summit still to come and
// "2022-11" for a visit already made.
//
// The rules are hand-written (see /work/shared/notes/dependencies.md,
// section 4): general date parsers resolve relative phrases into the
// future, match the modal "may" and the surname "Sun", and are slow. Here a
// sentence is cut into words, numbers and punctuation once, and a phrase is
// read from its head word; no regular expression is involved.
//
// # What is recognised
//
// Month and weekday names are matched case-sensitively, in full; the
// abbreviations Jan, Feb, Mar, Apr, Aug, Sep(t), Oct, Nov and Dec (with or
// without a full stop) only before a day or a year.
//
//   - Dates: "June 18", "18 June", "18th of June", "June 18, 2023",
//     "18 June 2023", "Sept. 18", "2023-06-18", "on June 18",
//     "Monday, June 19", and ranges "18-19 June" (their first day).
//   - Months: "June 2023" anywhere ("a March 2022 visit"); a bare month only
//     after in, since, by, until, till, of, during, throughout, early,
//     mid(-), late, last, this or next ("in November", "mid-March", "last
//     August"). "May" the modal verb, "Theresa May" and "It May rain" do
//     not match; nor does a possessive ("May's cabinet").
//   - Years: after a preposition or early/mid/late ("in 2021", "since
//     1991", "mid-2024"), four digits from 1800 to 2199, not "2022-23" or
//     "1990s".
//   - Weekdays: "Monday", "on Monday", "Monday evening", "last Friday",
//     "next Tuesday", "this Friday"; not "Good Friday", "Bloody Sunday" or
//     "the Sunday Times" (a bare weekday after a holiday word or before a
//     capitalised word other than a month).
//   - Relative days: "yesterday", "today", "tonight", "tomorrow", "earlier
//     today", "last night", "this morning", "the day before yesterday".
//   - Relative periods: "last/this/next week|month|year", with early, mid,
//     late, earlier or later before them ("earlier this month", "late last
//     year"), "last/this/next weekend", "over/at the weekend".
//   - Counts: "N days|weeks|months|years ago" with N in digits or words
//     ("two years ago", "a week ago"), not "more than two years ago".
//   - Seasons: "in autumn", "in the spring", "this summer", "last winter",
//     "summer 2022", "the spring of 2022" (lower case: not "Arab Spring";
//     "fall" only as "this fall", "in the fall"; not "the fall of Kabul").
//
// Vague expressions yield nothing: "soon", "recently", "in the coming
// weeks", "over the past year", "in the last year", "the next four months".
// The rules prefer returning nothing to returning a wrong date.
//
// # Precision
//
// Value carries the precision of the text: a date ("2023-06-19") for days
// and weekdays, a month ("2023-05") for months, weeks, weekends and "N
// weeks/months ago", a year ("2022") for years and seasons. A week is given
// as the month of its Monday, a weekend as the month of its Saturday, a
// season as the year of its middle month (winter 2022/23 is "2023").
//
// # Resolution
//
// The publication date is taken in its own location (published.Date()).
// Phrases that name a month, a day or a season without a year are decided
// by the tense of the event (TenseOf guesses it; a caller with a
// part-of-speech tagger knows better):
//
//   - Month ("in November"): Past, the last such month on or before the
//     publication month; Future, the next on or after it; Unknown, the
//     nearest reading, leaning to the past: the one from eleven months
//     before to five months after the publication month (published in
//     June: "in February" and "in November" this year, "in December" last
//     year). "since" is always Past; "last", "next" and "this" override
//     the tense (strictly before, strictly after, the publication year).
//   - Day without a year ("June 18"): Past, the last on or before the
//     publication date; Future, the first on or after it; Unknown, as for
//     its month.
//   - Weekday: the publication day itself when it is that weekday (news
//     convention: "on Tuesday" in Tuesday's paper); otherwise Future, the
//     next; Past or Unknown, the previous. "last Friday" is the previous
//     one strictly before publication, "next Tuesday" the next one strictly
//     after; "this Friday" follows the tense, Unknown reading forwards.
//   - Season: the one in progress at publication, if any; otherwise Past,
//     the last; Future, the next; Unknown, the nearer. "last" and "next"
//     exclude the one in progress.
package when
