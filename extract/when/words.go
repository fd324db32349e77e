package when

import "time"

// The word lists. Month and weekday names are matched case-sensitively;
// function words in lower case or, at the start of a sentence, capitalised.

var prepositions = []string{"in", "on", "since", "by", "until", "till", "of", "during", "throughout", "from", "before", "after", "through", "over", "at"}

var modifiers = []string{"early", "mid", "late", "earlier", "later"}

func isPreposition(w string) bool {
	switch w {
	case "in", "on", "since", "by", "until", "till", "of", "during", "throughout", "from", "before", "after", "through", "over", "at":
		return true
	}
	return false
}

func isModifier(w string) bool {
	switch w {
	case "early", "mid", "late", "earlier", "later":
		return true
	}
	return false
}

// isEdge reports whether mod narrows a month, season or year ("early",
// "mid", "late").
func isEdge(mod string) bool { return mod == "early" || mod == "mid" || mod == "late" }

// monthContext reports whether prep makes a following bare month a time:
// "in May", "since May", "by May", "until May", "of May".
func monthContext(prep string) bool {
	switch prep {
	case "in", "since", "by", "until", "till", "of", "during", "throughout":
		return true
	}
	return false
}

// yearContext reports whether prep makes a following number a year or a
// following season a time.
func yearContext(prep string) bool {
	switch prep {
	case "in", "since", "by", "until", "till", "of", "during", "throughout", "before", "after", "from", "through":
		return true
	}
	return false
}

// weekendContext: "over the weekend", "at the weekend".
func weekendContext(prep string) bool {
	switch prep {
	case "over", "at", "during", "on":
		return true
	}
	return false
}

func isDayPart(w string) bool {
	switch w {
	case "morning", "afternoon", "evening", "night":
		return true
	}
	return false
}

// holidayPrefix are the words that make a weekday part of a name: "Good
// Friday (Agreement)", "Bloody Sunday", "Super Tuesday".
var holidayPrefix = map[string]bool{
	"Good": true, "Black": true, "Bloody": true, "Easter": true, "Super": true,
	"Ash": true, "Holy": true, "Palm": true, "Cyber": true, "Maundy": true,
	"Shrove": true, "Whit": true, "Low": true, "Giving": true, "Great": true,
	"Orthodox": true, "Passion": true, "Trinity": true, "Mothering": true,
	"Remembrance": true, "Blue": true,
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// monthOf returns the month named by w, and whether w is an abbreviation
// (which counts only before a day or a year). "Jun" and "Jul" are left out:
// they are more often names than months.
func monthOf(w string) (m int, abbr bool) {
	switch w {
	case "January":
		return 1, false
	case "February":
		return 2, false
	case "March":
		return 3, false
	case "April":
		return 4, false
	case "May":
		return 5, false
	case "June":
		return 6, false
	case "July":
		return 7, false
	case "August":
		return 8, false
	case "September":
		return 9, false
	case "October":
		return 10, false
	case "November":
		return 11, false
	case "December":
		return 12, false
	case "Jan":
		return 1, true
	case "Feb":
		return 2, true
	case "Mar":
		return 3, true
	case "Apr":
		return 4, true
	case "Aug":
		return 8, true
	case "Sep", "Sept":
		return 9, true
	case "Oct":
		return 10, true
	case "Nov":
		return 11, true
	case "Dec":
		return 12, true
	}
	return 0, false
}

func weekdayOf(w string) (time.Weekday, bool) {
	switch w {
	case "Sunday":
		return time.Sunday, true
	case "Monday":
		return time.Monday, true
	case "Tuesday":
		return time.Tuesday, true
	case "Wednesday":
		return time.Wednesday, true
	case "Thursday":
		return time.Thursday, true
	case "Friday":
		return time.Friday, true
	case "Saturday":
		return time.Saturday, true
	}
	return 0, false
}

// numberWords are the counts "N days ago" accepts in words.
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}

var numberWordList = func() []string {
	l := make([]string, 0, len(numberWords))
	for w := range numberWords {
		l = append(l, w)
	}
	return l
}()
