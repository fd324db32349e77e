package when

import (
	"unicode"
	"unicode/utf8"
)

// kind is the class of a token.
type kind uint8

const (
	word  kind = iota + 1 // a run of letters
	num                   // a run of ASCII digits
	punct                 // one other non-space rune
)

// token is a span of the sentence; the text is s[start:end].
type token struct {
	start, end int
	kind       kind
}

// lex appends the tokens of s to toks. Spaces separate tokens and are
// dropped; letters and ASCII digits form runs; every other rune is a token of
// its own, so "mid-June" is "mid", "-", "June" and "18th" is "18", "th".
// Whether two tokens touch (no space between) is read from their offsets.
func lex(s string, toks []token) []token {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case '0' <= c && c <= '9':
			j := i + 1
			for j < len(s) && '0' <= s[j] && s[j] <= '9' {
				j++
			}
			toks = append(toks, token{i, j, num})
			i = j
		case isLetterAt(s, i):
			j := i
			for j < len(s) {
				if c := s[j]; c < utf8.RuneSelf {
					if !isASCIILetter(c) {
						break
					}
					j++
					continue
				}
				if !isLetterAt(s, j) {
					break
				}
				_, n := utf8.DecodeRuneInString(s[j:])
				j += n
			}
			toks = append(toks, token{i, j, word})
			i = j
		default:
			n := 1
			if c >= utf8.RuneSelf {
				var r rune
				r, n = utf8.DecodeRuneInString(s[i:])
				if unicode.IsSpace(r) {
					i += n
					continue
				}
			}
			toks = append(toks, token{i, i + n, punct})
			i += n
		}
	}
	return toks
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isLetterAt reports whether the rune at s[i] belongs in a word: an ASCII
// letter or a non-ASCII letter, mark or digit.
func isLetterAt(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// lower returns w in lower case if w is one of the function words in
// titled (or is already lower case), so that "In", "Last" or "Earlier" may
// open a sentence; any other capitalised word yields "". It does not
// allocate.
func lower(w string) string {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return w
	}
	return titled[w]
}

// titled maps the capitalised form of each function word the rules read to
// its lower-case form.
var titled = func() map[string]string {
	m := make(map[string]string)
	for _, lists := range [][]string{prepositions, modifiers, {"last", "this", "next", "the", "a", "an"}, numberWordList, tenseWords} {
		for _, w := range lists {
			m[string(w[0]-'a'+'A')+w[1:]] = w
		}
	}
	return m
}()
