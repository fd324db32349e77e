package extract

import (
	"github.com/dkg/dkg/schema"
)

// Known is what earlier articles taught about people, so that a later
// article's "Lu" or "Rao of HPI" reaches the person an earlier one named in
// full. It holds names only: a surname resolves to a known person only when
// exactly one known person has it, never by string similarity.
type Known struct {
	people  []KnownPerson
	bySurn  map[string][]int // first or last word of the name -> people
	byAlias map[string][]int // folded full name or alias -> people
}

// KnownPerson is a person as the graph knows them.
type KnownPerson struct {
	Name    string   // canonical full name
	Aliases []string // other names seen
	Title   string   // job title, if any
	Orgs    []string // names and acronyms of their organisations
	Country string   // alpha-3 code of the country they represent, if any
}

// NewKnown indexes people by their surnames and aliases.
func NewKnown(people []KnownPerson) *Known {
	k := &Known{people: people, bySurn: map[string][]int{}, byAlias: map[string][]int{}}
	for i, p := range people {
		keys, _ := phraseKeys(p.Name)
		if len(keys) >= 2 {
			k.bySurn[keys[0]] = appendIdx(k.bySurn[keys[0]], i)
			k.bySurn[keys[len(keys)-1]] = appendIdx(k.bySurn[keys[len(keys)-1]], i)
		}
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			f := schema.Fold(n)
			k.byAlias[f] = appendIdx(k.byAlias[f], i)
		}
	}
	return k
}

func appendIdx(list []int, i int) []int {
	for _, x := range list {
		if x == i {
			return list
		}
	}
	return append(list, i)
}

// bySurname returns the one known person with this surname key, or nil when
// there is none or several.
func (k *Known) bySurname(key string) *KnownPerson {
	if k == nil {
		return nil
	}
	if c := k.bySurn[key]; len(c) == 1 {
		return &k.people[c[0]]
	}
	return nil
}

// byName returns the one known person with this folded name or alias.
func (k *Known) byName(folded string) *KnownPerson {
	if k == nil {
		return nil
	}
	if c := k.byAlias[folded]; len(c) == 1 {
		return &k.people[c[0]]
	}
	return nil
}

// knownEntity makes the article's entity for a known person, carrying what
// the graph knows of their affiliation so that the article's own facts
// stay consistent with it.
func (d *doc) knownEntity(kp *KnownPerson) *entity {
	return d.person(kp.Name)
}
