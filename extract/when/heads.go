package when

import "time"

// The head parsers: each reads the expression whose head word is token c.j
// and returns its value and the index of the token after it.

// monthHead reads "June 18", "June 2023", or a bare month in context: "in
// November", "since February", "mid-March", "last August".
func (p *parser) monthHead(c ctx, m int, abbr bool) (string, int, bool) {
	if v, e, ok := p.monthDay(c.j, m, abbr, c.tense); ok {
		if c.mod != "" || c.rel != "" || c.the {
			return "", 0, false
		}
		return v, e, true
	}
	if e := p.afterMonth(c.j, abbr); e < len(p.t) && !p.touch(e-1) {
		if y, e2, ok := p.year(e); ok {
			if c.rel != "" || c.the || c.mod == "earlier" || c.mod == "later" {
				return "", 0, false
			}
			return format(y, m, 0), e2, true
		}
	}
	// A bare month: never abbreviated, and only after a word that makes
	// it a time ("in May", not "Theresa May" or "It May rain").
	if abbr || c.the || c.mod == "earlier" || c.mod == "later" || p.possessive(c.j) {
		return "", 0, false
	}
	if !monthContext(c.prep) && c.mod == "" && c.rel == "" {
		return "", 0, false
	}
	return format(p.yearOfMonth(m, c.rel, c.tense), m, 0), c.j + 1, true
}

// weekdayHead reads "Monday", "on Monday evening", "last Friday",
// "Monday, June 19".
func (p *parser) weekdayHead(c ctx, wd time.Weekday) (string, int, bool) {
	j := c.j
	if c.the {
		return "", 0, false
	}
	if c.prep == "" && c.mod == "" && c.rel == "" {
		// A bare weekday inside a name: "Good Friday", "Bloody Sunday",
		// "the Sunday Times", "Monday Night Football".
		if holidayPrefix[p.w(j-1)] {
			return "", 0, false
		}
		if nw := p.w(j + 1); nw != "" && isUpper(nw[0]) {
			if m, _ := monthOf(nw); m == 0 {
				return "", 0, false
			}
		}
	}
	e := j + 1
	if c.rel == "" {
		k := e
		if p.punctIs(k, ",") && p.touch(j) {
			k++
		}
		if m, abbr := monthOf(p.w(k)); m != 0 {
			if v, e2, ok := p.monthDay(k, m, abbr, c.tense); ok {
				return v, e2, true
			}
		} else if v, e2, ok := p.dayMonth(k, c.tense); ok {
			return v, e2, true
		}
	}
	if isDayPart(p.w(e)) {
		e++
	}
	back := (int(p.pw) - int(wd) + 7) % 7
	fwd := (int(wd) - int(p.pw) + 7) % 7
	var off int
	switch {
	case c.rel == "last":
		if back == 0 {
			back = 7
		}
		off = -back
	case c.rel == "next":
		if fwd == 0 {
			fwd = 7
		}
		off = fwd
	case c.rel == "this" && c.tense != Past, c.rel == "" && c.tense == Future:
		off = fwd
	default:
		off = -back
	}
	y, m, d := p.addDays(off)
	return format(y, m, d), e, true
}

// seasonHead reads "in autumn", "this summer", "in the spring of 2022",
// "winter 2022". A season is the three months from its start month; winter
// runs from December and is named by the year of its January.
func (p *parser) seasonHead(c ctx, start int, fall bool) (string, int, bool) {
	j := c.j
	if !p.touch(j) {
		if y, e, ok := p.year(j + 1); ok {
			if c.rel != "" {
				return "", 0, false
			}
			return format(y, 0, 0), e, true
		}
	}
	if p.fw(j+1) == "of" {
		if y, e, ok := p.year(j + 2); ok && c.rel == "" {
			return format(y, 0, 0), e, true
		}
		return "", 0, false // "the summer of discontent", "the fall of Kabul"
	}
	if !yearContext(c.prep) && !isEdge(c.mod) && c.rel == "" {
		return "", 0, false
	}
	if fall && c.prep == "" && c.rel == "" {
		return "", 0, false
	}
	// Occurrences are labelled by year L and span month indexes a..a+2
	// (index = year*12 + month-1).
	now := p.py*12 + p.pm - 1
	span := func(L int) (int, int) {
		a := L*12 + start - 1
		if start == 12 {
			a -= 12
		}
		return a, a + 2
	}
	var cur, prev, next int // labels; cur == 0 if no occurrence contains now
	for L := p.py - 1; L <= p.py+2; L++ {
		a, b := span(L)
		switch {
		case a <= now && now <= b:
			cur = L
		case b < now:
			prev = L
		case a > now && next == 0:
			next = L
		}
	}
	var L int
	switch {
	case c.rel == "last":
		L = prev
	case c.rel == "next":
		L = next
	case cur != 0:
		L = cur
	case c.rel == "this" && c.tense != Past, c.rel == "" && c.tense == Future:
		L = next
	case c.tense == Unknown && c.rel == "":
		_, b := span(prev)
		a, _ := span(next)
		if L = prev; a-now < now-b {
			L = next
		}
	default:
		L = prev
	}
	return format(L, 0, 0), j + 1, true
}

// unitHead reads "last week", "this month", "earlier this year", "next
// week", and "over the weekend". A week is given as the month of its
// Monday; a weekend as the month of its Saturday.
func (p *parser) unitHead(c ctx, unit string) (string, int, bool) {
	off := 0
	switch c.rel {
	case "last":
		off = -1
	case "next":
		off = 1
	}
	if c.rel == "" && !(unit == "weekend" && c.the && weekendContext(c.prep)) {
		return "", 0, false
	}
	monday := -((int(p.pw) + 6) % 7)
	var y, m int
	switch unit {
	case "year":
		return format(p.py+off, 0, 0), c.j + 1, true
	case "month":
		y, m = addMonths(p.py, p.pm, off)
		return format(y, m, 0), c.j + 1, true
	case "week":
		y, m, _ = p.addDays(monday + 7*off)
	case "weekend":
		sat := monday + 5
		weekend := p.pw == time.Saturday || p.pw == time.Sunday
		switch {
		case c.rel == "last":
			sat -= 7
		case c.rel == "next":
			sat += 7
		case c.rel == "this", weekend, c.tense == Future:
		default: // "over the weekend": the last one
			sat -= 7
		}
		y, m, _ = p.addDays(sat)
	}
	return format(y, m, 0), c.j + 1, true
}

// partHead reads "last night", "this morning".
func (p *parser) partHead(c ctx, part string) (string, int, bool) {
	off := 0
	switch {
	case c.rel == "last" && (part == "night" || part == "evening"):
		off = -1
	case c.rel == "this" && part != "night":
	default:
		return "", 0, false
	}
	y, m, d := p.addDays(off)
	return format(y, m, d), c.j + 1, true
}

// dayWord reads "yesterday", "earlier today", "tomorrow morning". A
// capitalised "Today" counts only at the start of a sentence or after
// punctuation, not in "USA Today"; "today's" is left alone ("today's
// world").
func (p *parser) dayWord(c ctx, w string) (string, int, bool) {
	j := c.j
	if isUpper(w[0]) {
		if c.start != j || (j > 0 && p.t[j-1].kind != punct) {
			return "", 0, false
		}
		w = string(w[0]+'a'-'A') + w[1:]
	}
	if c.rel != "" || c.the {
		return "", 0, false
	}
	off := 0
	switch w {
	case "yesterday":
		off = -1
	case "tomorrow":
		off = 1
	case "today":
		if p.possessive(j) {
			return "", 0, false
		}
	}
	e := j + 1
	if w != "tonight" && isDayPart(p.w(e)) {
		e++
	}
	y, m, d := p.addDays(off)
	return format(y, m, d), e, true
}

// dayBeforeAfter reads "day before yesterday" and "day after tomorrow".
func (p *parser) dayBeforeAfter(c ctx) (string, int, bool) {
	if c.prep != "" || c.mod != "" || c.rel != "" {
		return "", 0, false
	}
	off := 0
	switch {
	case p.fw(c.j+1) == "before" && p.w(c.j+2) == "yesterday":
		off = -2
	case p.fw(c.j+1) == "after" && p.w(c.j+2) == "tomorrow":
		off = 2
	default:
		return "", 0, false
	}
	y, m, d := p.addDays(off)
	return format(y, m, d), c.j + 3, true
}

// yearHead reads "in 2022", "since 1991", "mid-2024", "late 2022".
func (p *parser) yearHead(c ctx) (string, int, bool) {
	if c.rel != "" || c.the || !(yearContext(c.prep) || isEdge(c.mod)) {
		return "", 0, false
	}
	if c.mod == "earlier" || c.mod == "later" {
		return "", 0, false
	}
	y, e, ok := p.year(c.j)
	if !ok {
		return "", 0, false
	}
	return format(y, 0, 0), e, true
}

// ago reads "two years ago", "3 days ago", "a week ago". Days give a date,
// weeks and months a month, years a year. "more than two years ago" is
// left alone.
func (p *parser) ago(c ctx) (string, int, bool) {
	j := c.j
	if c.mod != "" || c.rel != "" || c.the || p.fw(c.start-1) == "than" {
		return "", 0, false
	}
	var n int
	if p.t[j].kind == num {
		if !p.cleanBefore(j) || p.touch(j) {
			return "", 0, false
		}
		n = atoi(p.text(j))
	} else {
		n = numberWords[p.fw(j)]
	}
	if n < 1 || p.fw(j+2) != "ago" {
		return "", 0, false
	}
	var y, m, d int
	switch p.w(j + 1) {
	case "day", "days":
		y, m, d = p.addDays(-n)
	case "week", "weeks":
		y, m, _ = p.addDays(-7 * n)
	case "month", "months":
		y, m = addMonths(p.py, p.pm, -n)
	case "year", "years":
		y = p.py - n
	default:
		return "", 0, false
	}
	return format(y, m, d), j + 3, true
}
