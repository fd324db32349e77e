// Package dedup finds near-duplicate texts: syndicated copies of one wire
// story, edited or cut short.
//
// A text becomes a set of word 5-shingles, each hashed to 64 bits with
// FNV-1a (stable across runs and machines, so signatures can be stored). A
// 128-permutation MinHash signature estimates the Jaccard similarity of two
// sets; split into 32 bands of 4 rows, it gives the keys of a banded LSH
// index, under which texts with a Jaccard similarity of 0.8 meet with
// probability 1-(1-0.8^4)^32 > 0.9999.
//
// A truncated copy (the first 40 % of a story) has a Jaccard similarity of
// about 0.4 with the whole, which banded LSH finds only about half the
// time. For those, a text also has content-defined samples: the shingles
// whose hash is 0 modulo SampleMod. The same shingle is sampled in every
// text that has it, so all samples of a truncated copy are samples of its
// original too, and an index of samples finds it. Candidates from either
// index are confirmed on the exact shingle sets: Jaccard |A∩B|/|A∪B| and
// containment |A∩B|/min(|A|,|B|).
//
// The package is pure: it computes, the caller stores.
package dedup

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
	"unicode"
	"unicode/utf8"
)

const (
	// ShingleWords is the number of words in a shingle.
	ShingleWords = 5
	// Permutations is the length of a MinHash signature.
	Permutations = 128
	// Bands and Rows split a signature for the LSH index: Bands*Rows ==
	// Permutations.
	Bands = 32
	Rows  = Permutations / Bands
	// SampleMod: a shingle whose hash is 0 modulo SampleMod is a sample.
	SampleMod = 8
)

// Thresholds above which a text is a copy of another.
const (
	// MinJaccard is the Jaccard similarity of an edited copy.
	MinJaccard = 0.8
	// MinContainment is the share of the shorter text's shingles found in
	// the longer one, for truncated copies.
	MinContainment = 0.9
	// MinShingles is how many shingles the shorter text needs for
	// containment to count: a two-line brief is contained in many stories.
	MinShingles = 50
)

// Shingles returns the sorted, distinct hashes of the word 5-shingles of
// text. Words are runs of letters and digits, lower-cased; everything else
// separates them. A text shorter than five words has one shingle of all its
// words, and an empty text none.
func Shingles(text string) []uint64 {
	words := Words(text)
	if len(words) == 0 {
		return nil
	}
	n := len(words) - ShingleWords + 1
	if n < 1 {
		n = 1
	}
	out := make([]uint64, 0, n)
	h := fnv.New64a()
	for i := 0; i < n; i++ {
		h.Reset()
		end := min(i+ShingleWords, len(words))
		for j := i; j < end; j++ {
			if j > i {
				h.Write([]byte{' '})
			}
			h.Write([]byte(words[j]))
		}
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Words splits text into lower-case words of letters and digits.
func Words(text string) []string {
	var words []string
	var buf []byte
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			continue
		}
		if r == '\'' || r == '’' {
			continue // "Xi's" and "Xi’s" are one word
		}
		if len(buf) > 0 {
			words = append(words, string(buf))
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		words = append(words, string(buf))
	}
	return words
}

// Signature is a MinHash signature.
type Signature [Permutations]uint64

// seeds are the permutations: fixed, so that stored signatures stay
// comparable.
var seeds = func() [Permutations]uint64 {
	var s [Permutations]uint64
	x := uint64(0x646b672d64656475) // "dkg-dedu"
	for i := range s {
		x = splitmix(x)
		s[i] = x
	}
	return s
}()

// splitmix is the SplitMix64 finaliser: a bijection on 64 bits that mixes
// every input bit into every output bit.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// MinHash returns the signature of a shingle set. An empty set has a
// signature of all ones, which matches no other.
func MinHash(shingles []uint64) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, h := range shingles {
		for i, s := range seeds {
			if v := splitmix(h ^ s); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// Estimate is the share of equal positions of two signatures: an estimate
// of the Jaccard similarity of their sets.
func Estimate(a, b *Signature) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / Permutations
}

// BandKeys returns the LSH keys of a signature, one per band: a hash of the
// band's rows, with the band number in its top byte so that equal rows in
// different bands do not meet.
func BandKeys(sig *Signature) [Bands]uint64 {
	var keys [Bands]uint64
	var buf [8 * Rows]byte
	for b := 0; b < Bands; b++ {
		for r := 0; r < Rows; r++ {
			binary.LittleEndian.PutUint64(buf[8*r:], sig[b*Rows+r])
		}
		h := fnv.New64a()
		h.Write(buf[:])
		keys[b] = uint64(b)<<56 | h.Sum64()>>8
	}
	return keys
}

// Samples returns the content-defined samples of a sorted shingle set: the
// hashes that are 0 modulo SampleMod.
func Samples(shingles []uint64) []uint64 {
	var out []uint64
	for _, h := range shingles {
		if h%SampleMod == 0 {
			out = append(out, h)
		}
	}
	return out
}

// Overlap is how two sorted shingle sets compare.
type Overlap struct {
	Common, A, B int
}

// Compare counts the shingles two sorted sets share.
func Compare(a, b []uint64) Overlap {
	o := Overlap{A: len(a), B: len(b)}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			o.Common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return o
}

// Jaccard is |A∩B|/|A∪B|.
func (o Overlap) Jaccard() float64 {
	u := o.A + o.B - o.Common
	if u == 0 {
		return 0
	}
	return float64(o.Common) / float64(u)
}

// Containment is |A∩B|/min(|A|,|B|): how much of the shorter text is in the
// longer one.
func (o Overlap) Containment() float64 {
	m := min(o.A, o.B)
	if m == 0 {
		return 0
	}
	return float64(o.Common) / float64(m)
}

// Copy reports whether the two sets are copies of one text: a Jaccard
// similarity of at least MinJaccard, or a containment of at least
// MinContainment when the shorter has at least MinShingles shingles.
func (o Overlap) Copy() bool {
	if o.Jaccard() >= MinJaccard && min(o.A, o.B) > 0 {
		return true
	}
	return min(o.A, o.B) >= MinShingles && o.Containment() >= MinContainment
}

// Text is a text's fingerprint: what the index keeps of it.
type Text struct {
	Shingles  []uint64
	Signature Signature
	Samples   []uint64
}

// Fingerprint computes a text's shingles, signature and samples.
func Fingerprint(text string) Text {
	sh := Shingles(text)
	return Text{Shingles: sh, Signature: MinHash(sh), Samples: Samples(sh)}
}

// Index is an in-memory LSH and sample index over texts identified by
// small integers. It finds candidates; the caller confirms them with
// Compare.
type Index struct {
	bands   map[uint64][]int
	samples map[uint64][]int
	nsample map[int]int
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{bands: map[uint64][]int{}, samples: map[uint64][]int{}, nsample: map[int]int{}}
}

// Add indexes text id.
func (x *Index) Add(id int, t *Text) {
	for _, k := range BandKeys(&t.Signature) {
		x.bands[k] = append(x.bands[k], id)
	}
	for _, s := range t.Samples {
		x.samples[s] = append(x.samples[s], id)
	}
	x.nsample[id] = len(t.Samples)
}

// MaxPosting caps how many texts one sample may point to before it counts
// as boilerplate ("reporting by ... editing by") and is skipped.
const MaxPosting = 64

// Candidates returns the ids that share a band with t or whose samples
// mostly (SampleShare of the smaller sample set, at least MinSampleHits)
// appear among t's, in increasing order.
func (x *Index) Candidates(t *Text) []int {
	seen := map[int]bool{}
	for _, k := range BandKeys(&t.Signature) {
		for _, id := range x.bands[k] {
			seen[id] = true
		}
	}
	hits := map[int]int{}
	for _, s := range t.Samples {
		p := x.samples[s]
		if len(p) > MaxPosting {
			continue
		}
		for _, id := range p {
			hits[id]++
		}
	}
	for id, n := range hits {
		if SampleCandidate(n, len(t.Samples), x.nsample[id]) {
			seen[id] = true
		}
	}
	out := make([]int, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// Sample candidates need this share of the smaller sample set in common,
// and at least MinSampleHits samples.
const (
	SampleShare   = 0.6
	MinSampleHits = 3
)

// SampleCandidate reports whether hits common samples make two texts with
// na and nb samples worth comparing.
func SampleCandidate(hits, na, nb int) bool {
	m := min(na, nb)
	return hits >= MinSampleHits && m > 0 && float64(hits) >= SampleShare*float64(m)
}
