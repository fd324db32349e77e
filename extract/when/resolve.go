package when

import "time"

// yearOfMonth returns the year of month m ("in November", "last August")
// relative to the publication month.
func (p *parser) yearOfMonth(m int, rel string, t Tense) int {
	y, pm := p.py, p.pm
	switch {
	case rel == "last":
		if m >= pm {
			y--
		}
	case rel == "next":
		if m <= pm {
			y++
		}
	case rel == "this":
	case t == Past:
		if m > pm {
			y--
		}
	case t == Future:
		if m < pm {
			y++
		}
	default:
		// Unknown: the nearest reading, leaning to the past: up to
		// eleven months back or five ahead.
		if m > pm+5 {
			y--
		}
	}
	return y
}

// yearOfDay returns the year of month m, day d given without a year
// ("June 18"): Past, the last one on or before the publication date;
// Future, the first on or after it; Unknown, as yearOfMonth. It fails
// when the date does not exist in that year (February 29).
func (p *parser) yearOfDay(m, d int, t Tense) (int, bool) {
	y := p.py
	before := m < p.pm || m == p.pm && d <= p.pd
	after := m > p.pm || m == p.pm && d >= p.pd
	switch t {
	case Past:
		if !before {
			y--
		}
	case Future:
		if !after {
			y++
		}
	default:
		y = p.yearOfMonth(m, "", Unknown)
	}
	return y, valid(y, m, d)
}

// addDays returns the publication date moved by n days.
func (p *parser) addDays(n int) (y, m, d int) {
	t := time.Date(p.py, time.Month(p.pm), p.pd+n, 12, 0, 0, 0, time.UTC)
	y, mm, d := t.Date()
	return y, int(mm), d
}

// addMonths moves year y, month m by n months.
func addMonths(y, m, n int) (int, int) {
	i := y*12 + m - 1 + n
	y, m = i/12, i%12
	if m < 0 { // negative years: floor division
		y, m = y-1, m+12
	}
	return y, m + 1
}

// valid reports whether y-m-d is a date of the proleptic Gregorian
// calendar with a four-digit year.
func valid(y, m, d int) bool {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// format writes "YYYY", "YYYY-MM" (d == 0) or "YYYY-MM-DD"; m == 0 gives a
// year. It returns "" for a year outside 1–9999, which Find drops.
func format(y, m, d int) string {
	if y < 1 || y > 9999 {
		return ""
	}
	var b [10]byte
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	n := 4
	if m > 0 {
		b[4], b[5], b[6] = '-', byte('0'+m/10), byte('0'+m%10)
		n = 7
		if d > 0 {
			b[7], b[8], b[9] = '-', byte('0'+d/10), byte('0'+d%10)
			n = 10
		}
	}
	return string(b[:n])
}

// atoi parses a short run of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
