package gold

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dkg/dkg/schema"
)

// Kinds of row, the first field of a line.
const (
	// Fact is a fact the graph must hold; it counts for recall.
	Fact = "fact"
	// Bonus is a fact the graph may hold: it makes an edge correct for
	// precision but is not missing when absent.
	Bonus = "bonus"
	// Never is a fact the graph must not hold.
	Never = "never"
	// Event is an event the graph must hold as a node.
	Event = "event"
)

// Any is the wildcard of the place and date fields of an event row: any
// value or none.
const Any = "*"

// MaxSize is the largest gold file Parse reads, in bytes.
const MaxSize = 4 << 20

// publishedPrefix starts the optional first line of a gold file.
const publishedPrefix = "published:"

// Row is one line of a gold file. Subject, Predicate and Object are set for
// fact, bonus and never rows; Class, Participants, Statuses, Places and Date
// for event rows. Fields hold the raw text of the line, aliases still joined
// with '|' and participants with ';'.
type Row struct {
	// File is the name the file was parsed with; Line is 1-based.
	File string
	Line int
	// Expect is Fact, Bonus, Never or Event.
	Expect string

	Subject, Predicate, Object string

	Class, Participants, Statuses, Places, Date string
}

// String renders the row as its gold line, fields separated by tabs.
func (r Row) String() string {
	return strings.Join(r.fields(), "\t")
}

func (r Row) fields() []string {
	if r.Expect == Event {
		return []string{r.Expect, r.Class, r.Participants, r.Statuses, r.Places, r.Date}
	}
	return []string{r.Expect, r.Subject, r.Predicate, r.Object}
}

// File is a parsed gold file.
type File struct {
	// Name is the name given to Parse (the path for ParseFile).
	Name string
	// Published is the date of the "# published: YYYY-MM-DD" first line,
	// "" when the file has none.
	Published string
	Rows      []Row
}

// ParseFile parses the gold file at path.
func ParseFile(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, path)
}

// Parse parses a gold file; name is used in errors ("name:line: ...") and
// in the rows. It rejects input larger than MaxSize, lines that are not
// UTF-8, rows with the wrong number of fields, unknown kinds of row,
// unknown statuses, malformed dates, empty aliases and files without rows.
func Parse(r io.Reader, name string) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, MaxSize)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	f := &File{Name: name}
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimSuffix(line, "\r")
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("%s:%d: invalid UTF-8", name, n)
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		if strings.HasPrefix(trimmed, "#") {
			if n == 1 {
				published, err := parsePublished(trimmed)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %v", name, n, err)
				}
				f.Published = published
			}
			continue
		}
		row, err := parseRow(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		row.File, row.Line = name, n
		f.Rows = append(f.Rows, row)
	}
	if len(f.Rows) == 0 {
		return nil, fmt.Errorf("%s: no rows", name)
	}
	return f, nil
}

// parsePublished reads the date of a "# published: YYYY-MM-DD" comment; any
// other comment gives "".
func parsePublished(comment string) (string, error) {
	rest := strings.TrimSpace(strings.TrimPrefix(comment, "#"))
	if len(rest) < len(publishedPrefix) || !strings.EqualFold(rest[:len(publishedPrefix)], publishedPrefix) {
		return "", nil
	}
	date := strings.TrimSpace(rest[len(publishedPrefix):])
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return "", fmt.Errorf("published date %q is not YYYY-MM-DD", date)
	}
	return date, nil
}

func parseRow(line string) (Row, error) {
	fields := strings.Split(line, "\t")
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	var row Row
	switch row.Expect = fields[0]; row.Expect {
	case Fact, Bonus, Never:
		if len(fields) != 4 {
			return row, fmt.Errorf("%s row has %d tab-separated fields, want 4: expect, subject, predicate, object", row.Expect, len(fields))
		}
		row.Subject, row.Predicate, row.Object = fields[1], fields[2], fields[3]
		if _, err := parseTerm(row.Subject); err != nil {
			return row, fmt.Errorf("subject: %v", err)
		}
		if row.Predicate == "" || strings.ContainsAny(row.Predicate, " |;") {
			return row, fmt.Errorf("predicate %q is not a local name", row.Predicate)
		}
		if _, err := parseTerm(row.Object); err != nil {
			return row, fmt.Errorf("object: %v", err)
		}
	case Event:
		if len(fields) != 6 {
			return row, fmt.Errorf("event row has %d tab-separated fields, want 6: event, class, participants, statuses, places, date", len(fields))
		}
		row.Class, row.Participants, row.Statuses, row.Places, row.Date = fields[1], fields[2], fields[3], fields[4], fields[5]
		if _, err := parseEvent(row); err != nil {
			return row, err
		}
	default:
		return row, fmt.Errorf("unknown kind of row %q, want fact, bonus, never or event", row.Expect)
	}
	return row, nil
}

// alias is one '|'-separated alternative of a name: a folded name, or with
// text set, folded text that a literal must contain.
type alias struct {
	text bool
	key  string
}

// term is a parsed subject, object, participant or place.
type term struct {
	// event is set for "@event:NAME" subjects: the term matches event nodes
	// with a participant named by aliases.
	event   bool
	aliases []alias
}

const eventPrefix = "@event:"

func parseTerm(s string) (term, error) {
	var t term
	if strings.HasPrefix(s, eventPrefix) {
		t.event = true
		s = strings.TrimPrefix(s, eventPrefix)
	}
	if s == "" {
		return t, fmt.Errorf("empty name")
	}
	for _, a := range strings.Split(s, "|") {
		a = strings.TrimSpace(a)
		if t.event {
			a = strings.TrimPrefix(a, eventPrefix)
		}
		var al alias
		if strings.HasPrefix(a, "~") {
			al.text = true
			a = a[1:]
		}
		al.key = schema.Fold(a)
		if al.key == "" {
			return t, fmt.Errorf("alias %q in %q has no letter or digit", a, s)
		}
		t.aliases = append(t.aliases, al)
	}
	return t, nil
}

// event is a parsed event row.
type event struct {
	classes      []string // folded class names
	participants []term
	statuses     map[string]bool // folded statuses
	places       *term           // nil for Any
	date         string          // "" for Any
}

func parseEvent(r Row) (event, error) {
	var e event
	for _, c := range strings.Split(r.Class, "|") {
		k := schema.Fold(c)
		if k == "" {
			return e, fmt.Errorf("class %q has no letter or digit", r.Class)
		}
		e.classes = append(e.classes, k)
	}
	if r.Participants == "" {
		return e, fmt.Errorf("no participants")
	}
	for _, p := range strings.Split(r.Participants, ";") {
		t, err := parseTerm(strings.TrimSpace(p))
		if err != nil {
			return e, fmt.Errorf("participant: %v", err)
		}
		if t.event {
			return e, fmt.Errorf("participant %q: %s is only for subjects", p, eventPrefix)
		}
		e.participants = append(e.participants, t)
	}
	e.statuses = map[string]bool{}
	for _, s := range strings.Split(r.Statuses, "|") {
		s = strings.TrimSpace(s)
		if !known(s) {
			return e, fmt.Errorf("unknown status %q, want %s", s, strings.Join(schema.Statuses, ", "))
		}
		e.statuses[schema.Fold(s)] = true
	}
	if r.Places != Any {
		t, err := parseTerm(r.Places)
		if err != nil {
			return e, fmt.Errorf("place: %v", err)
		}
		if t.event {
			return e, fmt.Errorf("place %q: %s is only for subjects", r.Places, eventPrefix)
		}
		e.places = &t
	}
	if r.Date != Any {
		if !validDate(r.Date) {
			return e, fmt.Errorf("date %q is not YYYY, YYYY-MM, YYYY-MM-DD or %s", r.Date, Any)
		}
		e.date = r.Date
	}
	return e, nil
}

func known(status string) bool {
	for _, s := range schema.Statuses {
		if strings.EqualFold(s, status) {
			return true
		}
	}
	return false
}

func validDate(s string) bool {
	for _, layout := range []string{"2006", "2006-01", time.DateOnly} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}
