package gold

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Report is the score of one or more gold files.
type Report struct {
	// Files is the number of gold files scored.
	Files int
	// Facts counts the fact rows, FactsHeld those that hold:
	// recall = FactsHeld/Facts.
	Facts, FactsHeld int
	// ByPredicate maps the predicate of fact rows to {held, total}.
	ByPredicate map[string][2]int
	// Edges counts the distinct edges whose predicate is in Scored,
	// EdgesAllowed those a fact or bonus row allows:
	// precision = EdgesAllowed/Edges.
	Edges, EdgesAllowed int
	// Never lists the never rows that hold: each is a wrong fact.
	Never []Row
	// Events counts the event rows, EventsHeld those that hold in full.
	Events, EventsHeld int
	// Missing lists the fact rows that do not hold.
	Missing []Row
	// Unexpected lists the scored edges no fact or bonus row allows,
	// rendered "subject-name predicate object-name" (a literal quoted, a
	// node without a name by its IRI).
	Unexpected []string
	// MissingEvents lists the event rows that do not hold.
	MissingEvents []Row
}

// Add adds o to r: the counts are summed and the lists appended, so that
// the scores of r are micro-averaged over the files of both.
func (r *Report) Add(o *Report) {
	r.Files += o.Files
	r.Facts += o.Facts
	r.FactsHeld += o.FactsHeld
	if r.ByPredicate == nil {
		r.ByPredicate = map[string][2]int{}
	}
	for p, c := range o.ByPredicate {
		s := r.ByPredicate[p]
		r.ByPredicate[p] = [2]int{s[0] + c[0], s[1] + c[1]}
	}
	r.Edges += o.Edges
	r.EdgesAllowed += o.EdgesAllowed
	r.Never = append(r.Never, o.Never...)
	r.Events += o.Events
	r.EventsHeld += o.EventsHeld
	r.Missing = append(r.Missing, o.Missing...)
	r.Unexpected = append(r.Unexpected, o.Unexpected...)
	r.MissingEvents = append(r.MissingEvents, o.MissingEvents...)
}

// Recall is the share of fact rows that hold, 1 when there are none.
func (r *Report) Recall() float64 { return ratio(r.FactsHeld, r.Facts) }

// Precision is the share of scored edges that a fact or bonus row allows,
// 1 when there are none.
func (r *Report) Precision() float64 { return ratio(r.EdgesAllowed, r.Edges) }

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// Write writes a summary for people: recall overall and per predicate,
// precision, each never row that holds, and events. With verbose it also
// lists every missing fact, unexpected edge and missing event.
func (r *Report) Write(w io.Writer, verbose bool) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "files      %d\n", r.Files)
	fmt.Fprintf(b, "recall     %.3f  %d/%d facts\n", r.Recall(), r.FactsHeld, r.Facts)
	preds := make([]string, 0, len(r.ByPredicate))
	width := 0
	for p := range r.ByPredicate {
		preds = append(preds, p)
		width = max(width, len(p))
	}
	sort.Strings(preds)
	for _, p := range preds {
		c := r.ByPredicate[p]
		fmt.Fprintf(b, "  %-*s  %.3f  %d/%d\n", width, p, ratio(c[0], c[1]), c[0], c[1])
	}
	fmt.Fprintf(b, "precision  %.3f  %d/%d edges\n", r.Precision(), r.EdgesAllowed, r.Edges)
	fmt.Fprintf(b, "never      %d hold\n", len(r.Never))
	writeRows(b, r.Never)
	fmt.Fprintf(b, "events     %.3f  %d/%d events\n", ratio(r.EventsHeld, r.Events), r.EventsHeld, r.Events)
	if verbose {
		fmt.Fprintf(b, "missing facts: %d\n", len(r.Missing))
		writeRows(b, r.Missing)
		fmt.Fprintf(b, "unexpected edges: %d\n", len(r.Unexpected))
		for _, u := range r.Unexpected {
			fmt.Fprintf(b, "  %s\n", u)
		}
		fmt.Fprintf(b, "missing events: %d\n", len(r.MissingEvents))
		writeRows(b, r.MissingEvents)
	}
	return b.Flush()
}

func writeRows(w io.Writer, rows []Row) {
	for _, row := range rows {
		fmt.Fprintf(w, "  %s:%d: %s\n", row.File, row.Line, strings.Join(row.fields(), "  "))
	}
}
