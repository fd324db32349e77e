package when

import (
	"testing"
	"time"
)

// FuzzFind checks that Find never panics, that every phrase lies within the
// sentence in order, and that every value is a valid YYYY, YYYY-MM or
// YYYY-MM-DD. The seed corpus is in testdata/fuzz/FuzzFind.
func FuzzFind(f *testing.F) {
	f.Add("The ministers met on Monday evening in Brussels.", tue.Unix(), int(Unknown))
	f.Fuzz(func(t *testing.T, s string, unix int64, tense int) {
		pub := time.Unix(unix, 0).UTC()
		ds := Find(s, pub, Tense(uint(tense)%3))
		checkDates(t, s, ds)
		_ = TenseOf(s)
	})
}
