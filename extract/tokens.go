package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of the article, with its place in
// the text. Hyphenated words are split into their parts ("Xi-Biden" is Xi,
// Biden) with Joined set on the first, so that gazetteers match parts and
// the name finder can tell "Xi-Biden meeting" from "Trump-era tariffs".
type token struct {
	Text       string
	Start, End int    // byte offsets in the article text
	Key        string // folded match key ("U.S." -> "us")
	Cap        bool   // starts with an upper-case letter
	Upper      bool   // all letters upper case and at least two of them
	Word       bool   // letters or digits, not punctuation
	Joined     bool   // glued to the next token by a hyphen
	Quote      bool   // inside a quotation
	Para       int    // paragraph index
	Sent       int    // sentence index within the article
	// phrases are the dictionary phrases that start with this word, looked
	// up once per token instead of once per question asked of it.
	phrases *[numKinds][]*entry
}

// tokenize appends the tokens of text[start:end] to toks. inQuote tells
// whether the span starts inside a quotation (quotes may span sentences).
func tokenize(toks []token, text string, start, end int, inQuote bool, para, sent int) ([]token, bool) {
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < end {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				// Internal dots of acronyms: U.S., U.K., U.N.
				if r2 == '.' && j+s2 < end && j-i <= 2 {
					r3, s3 := utf8.DecodeRuneInString(text[j+s2:])
					if unicode.IsUpper(r3) && (j+s2+s3 >= end || text[j+s2+s3] == '.') {
						j += s2 + s3
						continue
					}
				}
				if r2 == '.' && isDottedAcronym(text[i:j+1]) {
					j += s2
					continue
				}
				// An initial before a name: "S. Jaishankar", "John F.
				// Kennedy".
				if r2 == '.' && j-i == 1 && unicode.IsUpper(r) && j+2 < end && text[j+1] == ' ' && unicode.IsUpper(runeAt(text, j+2)) {
					j += s2
					break
				}
				// Apostrophes inside words (O'Brien, al-Rufay'i) but not
				// the possessive 's, which becomes a token of its own.
				if (r2 == '\'' || r2 == '’') && j+s2 < end {
					r3, s3 := utf8.DecodeRuneInString(text[j+s2:])
					if isWordRune(r3) && !(r3 == 's' && (j+s2+s3 >= end || !isWordRune(runeAt(text, j+s2+s3)))) {
						j += s2
						continue
					}
				}
				break
			}
			w := text[i:j]
			t := token{Text: w, Start: i, End: j, Key: foldWord(w), Word: true, Quote: inQuote, Para: para, Sent: sent}
			first, _ := utf8.DecodeRuneInString(w)
			t.Cap = unicode.IsUpper(first)
			t.Upper = isUpperWord(w)
			// A hyphen joining two word parts.
			if j+1 < end && text[j] == '-' && isWordRune(runeAt(text, j+1)) {
				t.Joined = true
				j++
			}
			toks = append(toks, t)
			i = j
		default:
			// Possessive 's after a word.
			if (r == '\'' || r == '’') && i+size < end && text[i+size] == 's' &&
				(i+size+1 >= end || !isWordRune(runeAt(text, i+size+1))) && len(toks) > 0 && toks[len(toks)-1].End == i {
				toks = append(toks, token{Text: text[i : i+size+1], Start: i, End: i + size + 1, Key: "'s", Quote: inQuote, Para: para, Sent: sent})
				i += size + 1
				continue
			}
			isQ := r == '"' || r == '“' || r == '”'
			if isQ {
				switch r {
				case '“':
					inQuote = true
				case '”':
					inQuote = false
				default:
					inQuote = !inQuote
				}
			}
			toks = append(toks, token{Text: text[i : i+size], Start: i, End: i + size, Key: text[i : i+size], Quote: inQuote || isQ, Para: para, Sent: sent})
			i += size
		}
	}
	return toks, inQuote
}

func runeAt(s string, i int) rune {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isDottedAcronym reports whether s is like "U.S." or "U.K." so far.
func isDottedAcronym(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i%2 == 0 && !(s[i] >= 'A' && s[i] <= 'Z') {
			return false
		}
		if i%2 == 1 && s[i] != '.' {
			return false
		}
	}
	return true
}

func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// foldWord is the match key of one word: lower case, dots, apostrophes and
// accents removed. ASCII words take a fast path.
func foldWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		return strings.ReplaceAll(foldPhrase(w), " ", "")
	}
	plain := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c == '.' || c == '\'' || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return w // most words: already their own key, no copy
	}
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.' || c == '\'':
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 32)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
