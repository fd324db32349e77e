package read

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the layouts ParseDate tries, in order.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05Z",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	time.UnixDate,
	"January 2, 2006 15:04 MST",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"Monday, January 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"02 Jan 2006",
	"2006/01/02",
	"2006.01.02",
	"20060102",
}

// ParseDate reads a publication date or time in any of the common layouts:
// 2006-01-02, RFC 3339, "2006-01-02 15:04:05Z", RFC 1123 (with a zone name
// or offset), RFC 822/850, "January 2, 2006", "2 January 2006",
// "2006/01/02" and others. A time without a zone is taken as UTC; a date
// alone is midnight UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, errors.New("empty date")
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	// "June 20, 2023" with a lower-case month, "20 june 2023"...
	if tw := titleWords(s); tw != s {
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, tw); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("cannot read the date %q", s)
}

// titleWords capitalises each word, so that "june" reads as "June".
func titleWords(s string) string {
	w := strings.Fields(strings.ToLower(s))
	for i, x := range w {
		if x != "" && x[0] >= 'a' && x[0] <= 'z' {
			w[i] = string(x[0]-'a'+'A') + x[1:]
		}
	}
	return strings.Join(w, " ")
}
