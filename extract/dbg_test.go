package extract

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// TestDebugSentence shows how one text is read: mentions, triggers, events.
// DKG_TEXT='...' DKG_PUB=2023-06-20 go test -run TestDebugSentence -v ./extract/
func TestDebugSentence(t *testing.T) {
	txt := os.Getenv("DKG_TEXT")
	if txt == "" {
		t.Skip("set DKG_TEXT")
	}
	p, _ := Default()
	pub, _ := time.Parse("2006-01-02", os.Getenv("DKG_PUB"))
	d := &doc{p: p, art: Article{Text: txt}, text: txt, published: pub, pubDate: pub.Format("2006-01-02"), ents: map[string]*entity{}, acronyms: map[string]*entity{}, paraIssue: map[int][]*entity{}}
	d.split()
	for _, s := range d.sents {
		d.findMentions(s)
	}
	d.resolveSurnames()
	for _, s := range d.sents {
		for _, m := range s.mentions {
			name := "?"
			if m.ent != nil {
				name = m.ent.name
			}
			fmt.Printf("mention %q -> %s adj=%v poss=%v comp=%v pron=%v\n", d.spanText(m.start, m.end), name, m.adj, m.possessive, m.compound, m.pronoun)
		}
		for i := s.start; i < s.end; i++ {
			n, es := d.p.gaz.match(d.toks[:s.end], i, func(k kind) bool { return k == kEvent })
			if n > 0 {
				a, b := d.clause(s, i)
				fmt.Println("trigger", d.spanText(i, i+n), es[0].event.Class, es[0].event.POS, "status", d.status(s, a, i, es[0].event), "| clause:", d.spanText(a, b))
			}
		}
		d.findEvents(s)
	}
	for _, ev := range d.events {
		var ps, as, rs []string
		for _, p := range ev.participants {
			ps = append(ps, p.name)
		}
		for _, p := range ev.actors {
			as = append(as, p.name)
		}
		for _, p := range ev.recipients {
			rs = append(rs, p.name)
		}
		loc := ""
		if ev.location != nil {
			loc = ev.location.name
		}
		fmt.Printf("EVENT %s %s actors=%v recipients=%v participants=%v date=%s loc=%s\n", ev.verb.Class, ev.status, as, rs, ps, ev.date, loc)
	}
}
