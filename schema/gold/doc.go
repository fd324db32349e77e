// Package gold reads gold files and scores a graph against them.
//
// A gold file lists, for one article, the facts the graph must hold after
// the article is ingested (fact), the facts it may hold (bonus), the facts
// it must never hold (never) and the events it must hold as nodes (event).
// The format is described in docs/gold-format.md; in short, a file is
// tab-separated, one row a line, '#' starts a comment, and an optional
// first line "# published: YYYY-MM-DD" gives the date to ingest the article
// with:
//
//	expect  subject  predicate  object
//	event   Class    participant;participant  status|status  place|place  date
//
// Score matches the rows against a set of quads, typically what
// "dkg export --format nquads" writes, and returns a Report with recall
// (fact rows that hold), precision (the share of actor-to-actor edges that
// a fact or bonus row allows), the never rows that hold and the event rows
// that hold. The package knows nothing of extraction or the store: its
// input is a []quad.Quad.
//
// When the quads hold several articles, ScoreArticle scores one gold file
// against them all but counts precision only over the edges of one article
// (the quads with that graph label); Report.Add micro-averages the reports
// of several files.
package gold
