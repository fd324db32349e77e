package export

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"

	"github.com/cayleygraph/quad"
)

// EventsColumns are the columns of the events CSV, in order.
var EventsColumns = []string{
	"date", "actor", "actor_country", "recipient", "recipient_country", "class",
	"cameo_code", "plover_type", "status", "place", "issues", "article_url", "evidence",
}

// EventsCSV writes one row per event and article that tells it (an event
// two articles tell is two rows, each with its own article_url and
// evidence), with EventsColumns as header, quoted as RFC 4180 says.
// Statements are not events: they have no rows.
//
//   - date: the event's startDate, YYYY, YYYY-MM or YYYY-MM-DD ("" if none);
//   - actor, recipient: the names of the event's actors and recipients in
//     that article; with no actor given, the participants that are not
//     recipients;
//   - actor_country, recipient_country: ISO 3166 alpha-3 codes of their
//     countries (a country's own code, a person's represents, a group's
//     memberOf), each once;
//   - class: the event class (Meeting, Visit, Sanction...); cameo_code,
//     plover_type, status as stored;
//   - place: the names of its locations; issues: the names of what it is
//     about;
//   - article_url: the article's URL (its IRI if it has none); evidence: the
//     sentences that tell it, in the order of the text.
//
// Several values in a cell are joined with ';'. Rows are sorted by date
// (undated last), class, event IRI and article_url. The file is written at
// Close; until then the quads are held in memory.
type EventsCSV struct {
	w     io.Writer
	quads []quad.Quad
}

// NewEventsCSV writes the events CSV to w.
func NewEventsCSV(w io.Writer) *EventsCSV { return &EventsCSV{w: w} }

// WriteQuad holds the quad for Close.
func (c *EventsCSV) WriteQuad(q quad.Quad) error {
	c.quads = append(c.quads, q)
	return nil
}

// Close writes the file.
func (c *EventsCSV) Close() error {
	m := NewModel(c.quads)
	c.quads = nil
	_, err := WriteEventsCSV(c.w, m)
	return err
}

// EventRows are the rows of the events CSV, without the header.
func EventRows(m *Model) [][]string {
	type row struct {
		ev   *Event
		cols []string
	}
	var rows []row
	for _, ev := range m.Events {
		for _, t := range ev.Tellings {
			actors := t.Actors
			if len(actors) == 0 {
				for _, p := range t.Participants {
					if !slices.Contains(t.Recipients, p) && !slices.Contains(t.Places, p) {
						actors = append(actors, p)
					}
				}
			}
			sentences := slices.Clone(t.Evidence)
			slices.SortFunc(sentences, func(a, b evidence) int {
				return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.text, b.text))
			})
			texts := make([]string, len(sentences))
			for i, e := range sentences {
				texts[i] = e.text
			}
			url := ""
			if t.Article != nil {
				url = nodeID(t.Article)
				if a := m.Articles[t.Article]; a != nil && a.URL != "" {
					url = a.URL
				}
			}
			rows = append(rows, row{ev, []string{
				ev.Date,
				join(m.Names(actors)),
				join(m.Countries(actors)),
				join(m.Names(t.Recipients)),
				join(m.Countries(t.Recipients)),
				localName(ev.Class),
				t.Cameo,
				t.Plover,
				ev.Status,
				join(m.Names(t.Places)),
				join(m.Names(t.Issues)),
				url,
				join(texts),
			}})
		}
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(
			boolInt(a.ev.Date == "")-boolInt(b.ev.Date == ""),
			cmp.Compare(a.ev.Date, b.ev.Date),
			cmp.Compare(a.ev.Class, b.ev.Class),
			cmp.Compare(nodeID(a.ev.ID), nodeID(b.ev.ID)),
			cmp.Compare(a.cols[11], b.cols[11]),
		)
	})
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.cols
	}
	return out
}

// WriteEventsCSV writes a Model as the events CSV and returns the number
// of rows, header not counted.
func WriteEventsCSV(w io.Writer, m *Model) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(EventsColumns); err != nil {
		return 0, err
	}
	rows := EventRows(m)
	if err := cw.WriteAll(rows); err != nil {
		return 0, err
	}
	return len(rows), nil
}
