package dedup

import (
	"os"
	"testing"
)

func read(t *testing.T, name string) Text {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return Fingerprint(string(b))
}

func TestCopies(t *testing.T) {
	wire := read(t, "wire.txt")
	for _, tc := range []struct {
		name string
		copy bool
	}{
		{"wire.txt", true},
		{"edited.txt", true},
		{"truncated.txt", true},
		{"other.txt", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := read(t, tc.name)
			o := Compare(wire.Shingles, x.Shingles)
			t.Logf("jaccard %.3f (minhash %.3f), containment %.3f, shingles %d/%d",
				o.Jaccard(), Estimate(&wire.Signature, &x.Signature), o.Containment(), o.A, o.B)
			if got := o.Copy(); got != tc.copy {
				t.Errorf("Copy() = %v, want %v", got, tc.copy)
			}
			idx := NewIndex()
			idx.Add(7, &wire)
			found := len(idx.Candidates(&x)) == 1
			if tc.copy && !found {
				t.Errorf("the index did not find the copy")
			}
		})
	}
}

func TestMinHashEstimates(t *testing.T) {
	wire := read(t, "wire.txt")
	ed := read(t, "edited.txt")
	o := Compare(wire.Shingles, ed.Shingles)
	est := Estimate(&wire.Signature, &ed.Signature)
	if d := est - o.Jaccard(); d > 0.12 || d < -0.12 {
		t.Errorf("minhash estimate %.3f, exact jaccard %.3f", est, o.Jaccard())
	}
}

func TestShingles(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"  ,. ", 0},
		{"Xi met Biden", 1},
		{"one two three four five", 1},
		{"one two three four five six", 2},
		{"a b c d e a b c d e", 5}, // repeats count once
	} {
		if got := len(Shingles(tc.text)); got != tc.want {
			t.Errorf("Shingles(%q): %d shingles, want %d", tc.text, got, tc.want)
		}
	}
	// Case, punctuation and apostrophes do not matter.
	a, b := Shingles("Xi's talks with Biden, in Woodside."), Shingles("XI’S TALKS WITH BIDEN IN WOODSIDE")
	if Compare(a, b).Jaccard() != 1 {
		t.Errorf("normalisation: %v vs %v", a, b)
	}
}

// Signatures are stored: a change of hash, seed or band layout would make
// every stored signature incomparable with new ones.
func TestStable(t *testing.T) {
	if got := Shingles("the two leaders met on"); got[0] != 0x1dc13de85e27ea5f {
		t.Errorf("shingle hash %#x changed", got[0])
	}
	s := MinHash(Shingles("the two leaders met on Tuesday"))
	if s[0] != 0x78e60a71bbbe8723 {
		t.Errorf("signature[0] %#x changed", s[0])
	}
	if k := BandKeys(&s)[0]; k != 0x33298b96074889 {
		t.Errorf("band key %#x changed", k)
	}
}

func TestShortTextsAreNotContained(t *testing.T) {
	wire := read(t, "wire.txt")
	brief := Fingerprint("Kenyan Foreign Minister Amina Wanjiru and her Ethiopian counterpart Tesfaye Bekele met for three hours at a lakeside hotel outside Geneva.")
	o := Compare(wire.Shingles, brief.Shingles)
	if o.Containment() < 0.9 {
		t.Fatalf("containment %.2f: the brief is a sentence of the story", o.Containment())
	}
	if o.Copy() {
		t.Errorf("a %d-shingle brief counts as a copy", o.B)
	}
}

func BenchmarkFingerprint(b *testing.B) {
	buf, err := os.ReadFile("testdata/wire.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		Fingerprint(string(buf))
	}
}
