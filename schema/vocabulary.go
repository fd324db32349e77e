package schema

import (
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
)

// Term is one entry of the vocabulary: an IRI, what kind of term it is and
// what it means. VOCABULARY.md is written from Terms.
type Term struct {
	IRI  quad.IRI
	Kind string // "class", "event class", "entity property", "edge", "event property", "provenance"
	Doc  string
}

// Terms is the vocabulary, in the order VOCABULARY.md lists it.
var Terms = []Term{
	{Person, "class", "a person"},
	{Organization, "class", "an organisation: a ministry, a university, a think tank, a company, an alliance"},
	{Country, "class", "a country (IRI by ISO 3166 alpha-3 code)"},
	{Place, "class", "a city, region or venue"},
	{Group, "class", "a collective actor that is neither a country nor an organisation (\"Chinese companies\")"},
	{Issue, "class", "a subject of diplomacy (Taiwan, fentanyl, export controls, human rights...)"},
	{NewsArticle, "class", "an article; every quad taken from it is labelled with its IRI"},
	{Meeting, "event class", "a meeting, talks, a summit (CAMEO 04x, PLOVER CONSULT)"},
	{Call, "event class", "a phone or video call (CAMEO 041, PLOVER CONSULT)"},
	{Visit, "event class", "a visit or trip to a place (CAMEO 042/043, PLOVER CONSULT)"},
	{Sanction, "event class", "sanctions, embargoes, cut ties (CAMEO 16x, PLOVER SANCTION)"},
	{Statement, "event class", "something said: the node of a quote or reported speech (CAMEO 010)"},
	{Agreement, "event class", "an agreement reached or signed (CAMEO 03x/057, PLOVER AGREE/SUPPORT)"},
	{Accusation, "event class", "an accusation or criticism (CAMEO 11x, PLOVER ACCUSE)"},
	{Appeal, "event class", "an appeal, demand or request: urged, called on (CAMEO 02x/10x, PLOVER REQUEST)"},
	{Rejection, "event class", "a rejection or refusal (CAMEO 12x, PLOVER REJECT)"},
	{Threat, "event class", "a threat (CAMEO 13x, PLOVER THREATEN)"},
	{Support, "event class", "praise, endorsement (CAMEO 05x, PLOVER SUPPORT)"},
	{Cooperation, "event class", "material cooperation (CAMEO 06x, PLOVER COOPERATE)"},
	{Aid, "event class", "aid given (CAMEO 07x, PLOVER AID)"},
	{Concession, "event class", "a concession or apology (CAMEO 08x/055, PLOVER CONCEDE)"},
	{Retreat, "event class", "easing sanctions, withdrawal, ceasefire (CAMEO 084-087, PLOVER RETREAT)"},
	{Protest, "event class", "a protest (CAMEO 14x, PLOVER PROTEST)"},
	{Mobilization, "event class", "a show of force, drills (CAMEO 15x, PLOVER MOBILIZE)"},
	{Coercion, "event class", "arrests, bans, expulsions (CAMEO 17x, PLOVER COERCE)"},
	{Assault, "event class", "attacks and strikes (CAMEO 18x-20x, PLOVER ASSAULT)"},
	{Type, "entity property", "the class of a node (rdf:type)"},
	{Name, "entity property", "the canonical name"},
	{AlternateName, "entity property", "another name seen for it: an acronym, a spelling, a surface form"},
	{Label, "entity property", "a label (rdfs:label); gold files match on it as on names"},
	{NameKey, "entity property", "the folded form of each name (lower case, no accents or punctuation), for exact lookups"},
	{JobTitle, "entity property", "a person's title as the text gives it (\"top diplomat\", \"associate professor\")"},
	{Affiliation, "entity property", "person -> the organisation they work at"},
	{Represents, "entity property", "official -> the country they act for"},
	{CountryCode, "entity property", "a country's ISO 3166 alpha-3 code"},
	{MemberOf, "entity property", "group -> its country"},
	{Met, "edge", "person -> person they met (only for meetings that occurred)"},
	{Visited, "edge", "person or country -> country or place visited (occurred visits only)"},
	{Sanctioned, "edge", "actor -> target of sanctions that were imposed"},
	{Urged, "edge", "actor -> whom they urged or called on (occurred appeals only)"},
	{Accused, "edge", "actor -> whom they accused or blamed"},
	{Said, "edge", "person, organisation or country -> a Statement node"},
	{Participant, "event property", "every party of an event (for a Statement: the speaker)"},
	{Actor, "event property", "the party that acts (PLOVER actor)"},
	{Recipient, "event property", "the party acted upon (PLOVER recipient)"},
	{Location, "event property", "where it took place (a Place, Country or Organisation's summit)"},
	{StartDate, "event property", "when: xsd:date, xsd:gYearMonth or xsd:gYear, with the precision the text gives"},
	{Status, "event property", "occurred, planned, expected, possible, denied or cancelled"},
	{About, "event property", "event or statement -> an Issue"},
	{Text, "event property", "a Statement's words"},
	{Evidence, "event property", "the sentence that tells it"},
	{EvidenceStart, "event property", "byte offset where the evidence starts in the article text"},
	{EvidenceEnd, "event property", "byte offset where the evidence ends"},
	{CameoCode, "event property", "the CAMEO event code"},
	{PloverType, "event property", "the PLOVER event type (not given for Statements: PLOVER drops them)"},
	{URL, "provenance", "the article's URL (a file:// URL when it came from a file without one)"},
	{Headline, "provenance", "the article's headline"},
	{DatePublished, "provenance", "the article's publication date"},
	{Publisher, "provenance", "the outlet, as a literal"},
	{DuplicateOf, "provenance", "a syndicated copy -> the article it repeats"},
}

// WriteVocabulary writes the vocabulary as the Markdown of VOCABULARY.md.
func WriteVocabulary(w io.Writer) error {
	if _, err := fmt.Fprint(w, `# dkg vocabulary

Generated from schema/vocabulary.go (go test ./schema -update); do not edit.

Namespaces: dkg `+"`"+NS+"`"+`, entity IRIs `+"`"+ID+"`"+` (person/, org/, country/,
place/, group/, issue/, event/, statement/, article/), schema.org, RDF, RDFS.
Local names are fixed: gold files and queries match on them.

| term | kind | IRI | meaning |
|---|---|---|---|
`); err != nil {
		return err
	}
	for _, t := range Terms {
		if _, err := fmt.Fprintf(w, "| `%s` | %s | `%s` | %s |\n", Local(t.IRI), t.Kind, t.IRI, t.Doc); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "\nStatuses: %v. Only events that occurred produce the direct edges.\n", Statuses)
	return err
}
