package extract

import (
	"strings"
)

// Verbs that name something in a quotation: "called the talks
// "constructive"".
var namingVerbs = setOf("called calls described describes branded brands termed terms dubbed dubs hailed hails")

// statement is something a person or organisation said, quoted or
// reported.
type statement struct {
	speaker    *entity
	text       string
	start, end int // byte offsets of the evidence in the article
	sent       *sentence
	issues     []*entity
}

// findStatements reads the quotes and reported speech of one paragraph.
// Quotations may span sentences, so a paragraph is read as a whole.
func (d *doc) findStatements(para []*sentence) {
	if len(para) == 0 {
		return
	}
	toks := d.toks
	pa, pb := para[0].start, para[len(para)-1].end
	// Quote spans in the paragraph: [open, close] token indices of the marks.
	type span struct{ open, close int }
	var spans []span
	open := -1
	for i := pa; i < pb; i++ {
		t := toks[i].Text
		if t == "\"" || t == "“" || t == "”" {
			if open < 0 && t != "”" {
				open = i
			} else if open >= 0 {
				spans = append(spans, span{open, i})
				open = -1
			}
		}
	}
	if open >= 0 {
		// An unclosed quote runs to the paragraph's end (news style for
		// quotes that continue in the next paragraph).
		spans = append(spans, span{open, pb})
	}
	used := map[int]bool{}
	sentOf := func(i int) *sentence {
		for _, s := range para {
			if i >= s.start && i < s.end {
				return s
			}
		}
		return para[len(para)-1]
	}
	quoteText := func(sp span) string {
		if sp.open+1 >= sp.close {
			return ""
		}
		end := sp.close
		if end > pb {
			end = pb
		}
		txt := strings.TrimSpace(d.spanText(sp.open+1, end))
		return strings.TrimRight(txt, ",")
	}
	// Speech verbs outside quotes.
	for i := pa; i < pb; i++ {
		t := toks[i]
		isAccording := t.Key == "according" && i+1 < pb && toks[i+1].Key == "to"
		naming := namingVerbs[t.Key] && i+1 < pb && !(toks[i+1].Key == "for" || toks[i+1].Key == "on" || toks[i+1].Key == "off")
		if t.Quote || !(speechVerbs[t.Key] || isAccording || naming) {
			continue
		}
		if naming {
			// Only with a quotation a few words on: `called the
			// decision "very reckless"`.
			s := sentOf(i)
			for si, sp := range spans {
				if !used[si] && sp.open > i && sp.open <= i+6 && sp.open < s.end {
					if speaker, _, _ := d.speaker(s, i, false); speaker != nil {
						used[si] = true
						d.spoke = append(d.spoke, spoke{speaker, toks[i].Start})
						d.addStatement(speaker, quoteText(sp), s, sp.open, sp.close)
					}
					break
				}
			}
			continue
		}
		s := sentOf(i)
		speaker, spStart, spEnd := d.speaker(s, i, isAccording)
		if speaker == nil {
			continue
		}
		d.lastSpeaker = speaker
		d.spoke = append(d.spoke, spoke{speaker, toks[i].Start})
		var text string
		// `"...," Pang said` / `"...," said Pang`: the quote just before.
		before := spStart
		if before > pa && toks[before-1].Text == "," {
			before--
		}
		quoted := false
		for si, sp := range spans {
			if used[si] {
				continue
			}
			// Closing mark right before the attribution (a comma may
			// sit inside or outside the quote).
			if sp.close == before-1 || sp.close == before-2 && toks[before-1].Text == "," || sp.close == spStart-1 {
				text = quoteText(sp)
				used[si] = true
				quoted = true
				d.addStatement(speaker, text, s, sp.open, sp.close)
				// A quote right after the attribution sentence
				// continues it: `"A," she said. "B."`
				if si+1 < len(spans) && !used[si+1] && d.onlyQuoteBetween(spEnd, spans[si+1].open) {
					used[si+1] = true
					d.addStatement(speaker, quoteText(spans[si+1]), sentOf(spans[si+1].open), spans[si+1].open, spans[si+1].close)
				}
				break
			}
			// `Pang said: "..."` / `said "..."`.
			if sp.open == spEnd || sp.open == spEnd+1 && (toks[spEnd].Text == ":" || toks[spEnd].Text == ",") {
				text = quoteText(sp)
				used[si] = true
				quoted = true
				d.addStatement(speaker, text, s, sp.open, sp.close)
				break
			}
		}
		if quoted {
			continue
		}
		// Reported speech: `X said (that) CLAUSE.` or `CLAUSE, X said.`
		if spEnd < s.end-1 && !isAccording || isAccording && spEnd < s.end-1 {
			from := spEnd
			for from < s.end && (toks[from].Key == "out" || speechAdverbs[toks[from].Key] || toks[from].Key == "afterwards" || toks[from].Key == "afterward") {
				from++ // "pointed out that", "said afterwards that"
			}
			if toks[i].Key == "told" || toks[i].Key == "tells" {
				if m := s.mentionAt(from); m != nil {
					from = m.end
				} else if from < s.end && (toks[from].Key == "reporters" || toks[from].Key == "journalists") {
					from++
				}
			}
			if from < s.end && toks[from].Key == "that" {
				from++
			}
			if from < s.end && toks[from].Text == "," && isAccording {
				from++
			}
			to := s.end
			for to > from && !toks[to-1].Word && toks[to-1].Text != "\"" && toks[to-1].Text != "”" {
				to--
			}
			if isAccording {
				// "According to X, CLAUSE." or "CLAUSE, according to X."
				if spStart > s.start+2 {
					from, to = s.start, spStart
					for to > from && !toks[to-1].Word {
						to--
					}
				}
			}
			if to-from >= 3 {
				d.addStatement(speaker, d.spanText(from, to), s, from, to-1)
				for si, sp := range spans {
					if sp.open >= from && sp.close <= to {
						used[si] = true
					}
				}
			}
			continue
		}
		// `CLAUSE, X said.`
		if spStart > s.start+2 {
			to := spStart
			for to > s.start && !toks[to-1].Word {
				to--
			}
			from := s.start
			if to-from >= 3 {
				d.addStatement(speaker, d.spanText(from, to), s, from, to-1)
				for si, sp := range spans {
					if sp.open >= from && sp.close <= to+1 {
						used[si] = true
					}
				}
			}
		}
	}
	// A paragraph that is only a quotation continues the last speaker.
	for si, sp := range spans {
		if used[si] || d.lastSpeaker == nil {
			continue
		}
		if sp.open == pa && (sp.close >= pb-2) {
			d.addStatement(d.lastSpeaker, quoteText(sp), sentOf(sp.open), sp.open, sp.close)
		}
	}
}

// onlyQuoteBetween reports whether tokens (a, b) hold only punctuation.
func (d *doc) onlyQuoteBetween(a, b int) bool {
	for k := a; k < b; k++ {
		if d.toks[k].Word {
			return false
		}
	}
	return b >= a
}

// speaker finds who speaks with the speech verb at i: the name right
// before it ("Pang said", "he said", "Blinken also said"), a name with an
// appositive before it ("Lu Xiang, an expert ..., said"), or a name right
// after it ("..., said Pang."). It returns the entity and the token span of
// the attribution [start, end) including the verb.
func (d *doc) speaker(s *sentence, i int, according bool) (*entity, int, int) {
	toks := d.toks
	if according {
		for _, m := range s.mentions {
			if m.start >= i+2 && m.start <= i+3 && m.ent != nil && speakerKind(m.ent) && !m.adj {
				return m.ent, i, m.end
			}
		}
		return nil, 0, 0
	}
	resolve := func(m *mention) *entity {
		if m.pronoun {
			return d.resolvePronoun(s, m)
		}
		return m.ent
	}
	// Before the verb, over adverbs: "Blinken also said".
	j := i
	for j-1 > s.start && speechAdverbs[toks[j-1].Key] {
		j--
	}
	// "Zelenskiy, who said afterwards that ...": the name before ", who".
	if j-2 > s.start && toks[j-1].Key == "who" && toks[j-2].Text == "," {
		if m := s.mentionEndingAt(j - 2); m != nil && m.ent != nil && speakerKind(m.ent) && !m.adj {
			return m.ent, m.start, i + 1
		}
	}
	var appos *mention
	for _, m := range s.mentions {
		if m.start >= j {
			break
		}
		if toks[m.start].Quote || m.adj || m.compound || (m.start > s.start && argPreps[toks[m.start-1].Key]) ||
			(m.start > s.start+1 && toks[m.start-1].Key == "the" && argPreps[toks[m.start-2].Key]) {
			continue
		}
		if m.end == j && !m.possessive {
			if e := resolve(m); e != nil && speakerKind(e) {
				return e, m.start, i + 1
			}
		}
		if appos == nil && m.end < j && !m.possessive && d.appositiveBetween(s, m.end, j) {
			appos = m
		}
	}
	if appos != nil {
		if e := resolve(appos); e != nil && speakerKind(e) {
			return e, appos.start, i + 1
		}
	}
	// After the verb, at the end of a clause: `"...," said Pang.`
	if i > s.start && (toks[i-1].Text == "," || toks[i-1].Text == "\"" || toks[i-1].Text == "”") {
		for _, m := range s.mentions {
			if m.start <= i || m.start > i+6 {
				continue
			}
			ok := m.ent != nil && speakerKind(m.ent) && !m.possessive && !m.adj
			for k := i + 1; k < m.start && ok; k++ {
				if functionWords[toks[k].Key] && toks[k].Key != "the" || !toks[k].Word {
					ok = false
				}
			}
			if ok && (m.end >= s.end || !toks[m.end].Word) {
				return m.ent, i, m.end
			}
			break
		}
	}
	return nil, 0, 0
}

var speechAdverbs = setOf("also later then again separately previously recently earlier further once repeatedly")

func speakerKind(e *entity) bool {
	return e.kind == ePerson || e.kind == eOrg || e.kind == eCountry
}

// appositiveBetween reports whether tokens [a, b) are ", an expert ... ,"
// or "of CASS" between a name and its verb.
func (d *doc) appositiveBetween(s *sentence, a, b int) bool {
	toks := d.toks
	if a >= b {
		return false
	}
	if toks[a].Text == "," && toks[b-1].Text == "," {
		for k := a + 1; k < b-1; k++ {
			if toks[k].Quote || speechVerbs[toks[k].Key] {
				return false
			}
		}
		return true
	}
	// "Lu of CASS said", "Rao of HPI, who argued ..., said"
	if toks[a].Key == "of" {
		if b-a <= 4 {
			return true
		}
		if m := s.mentionAt(a + 1); m != nil && m.end < b {
			return d.appositiveBetween(s, m.end, b)
		}
	}
	return false
}

func (d *doc) addStatement(speaker *entity, text string, s *sentence, from, to int) {
	text = strings.TrimSpace(text)
	if text == "" || speaker == nil {
		return
	}
	if to >= len(d.toks) {
		to = len(d.toks) - 1
	}
	st := &statement{speaker: speaker, text: text, sent: s, start: d.toks[from].Start, end: d.toks[to].End}
	for _, x := range d.statements {
		if x.speaker == speaker && x.text == text {
			return
		}
	}
	d.statements = append(d.statements, st)
}
