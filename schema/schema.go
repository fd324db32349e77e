// Package schema is dkg's vocabulary: the classes and predicates of the
// graph, and the one place where IRIs are minted.
//
// Terms reuse schema.org, RDF and PROV-O where a term exists; the rest live
// in the dkg namespace. Local names are fixed: gold files and researchers'
// queries match on them. VOCABULARY.md is generated from the tables in this
// file (go test ./schema -update) and must stay in step with it.
package schema

import (
	"github.com/cayleygraph/quad"
)

// Namespaces used by the vocabulary.
const (
	// NS is dkg's own vocabulary namespace.
	NS = "https://w3id.org/dkg/ns#"
	// ID is the namespace of entity, event and article IRIs.
	ID = "https://w3id.org/dkg/id/"
	// SDO is schema.org.
	SDO = "https://schema.org/"
	// RDF is the RDF syntax namespace.
	RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	// RDFS is the RDF Schema namespace.
	RDFS = "http://www.w3.org/2000/01/rdf-schema#"
	// PROV is the PROV-O namespace.
	PROV = "http://www.w3.org/ns/prov#"
	// XSD is the XML Schema datatypes namespace.
	XSD = "http://www.w3.org/2001/XMLSchema#"
)

// Classes.
const (
	Person       = quad.IRI(SDO + "Person")
	Organization = quad.IRI(SDO + "Organization")
	Country      = quad.IRI(SDO + "Country")
	Place        = quad.IRI(SDO + "Place")
	NewsArticle  = quad.IRI(SDO + "NewsArticle")
	Issue        = quad.IRI(NS + "Issue")
	// Group is a collective actor that is neither a country nor a named
	// organisation: "Chinese companies", "US officials".
	Group = quad.IRI(NS + "Group")

	// Event classes.
	Meeting      = quad.IRI(NS + "Meeting")
	Visit        = quad.IRI(NS + "Visit")
	Sanction     = quad.IRI(NS + "Sanction")
	Statement    = quad.IRI(NS + "Statement")
	Agreement    = quad.IRI(NS + "Agreement")
	Accusation   = quad.IRI(NS + "Accusation")
	Appeal       = quad.IRI(NS + "Appeal")
	Rejection    = quad.IRI(NS + "Rejection")
	Threat       = quad.IRI(NS + "Threat")
	Support      = quad.IRI(NS + "Support")
	Cooperation  = quad.IRI(NS + "Cooperation")
	Aid          = quad.IRI(NS + "Aid")
	Concession   = quad.IRI(NS + "Concession")
	Retreat      = quad.IRI(NS + "Retreat")
	Protest      = quad.IRI(NS + "Protest")
	Mobilization = quad.IRI(NS + "Mobilization")
	Coercion     = quad.IRI(NS + "Coercion")
	Assault      = quad.IRI(NS + "Assault")
	Call         = quad.IRI(NS + "Call")
)

// Predicates.
const (
	Type          = quad.IRI(RDF + "type")
	Label         = quad.IRI(RDFS + "label")
	Name          = quad.IRI(SDO + "name")
	AlternateName = quad.IRI(SDO + "alternateName")
	JobTitle      = quad.IRI(SDO + "jobTitle")
	Affiliation   = quad.IRI(SDO + "affiliation")
	Represents    = quad.IRI(NS + "represents")
	// NameKey holds the folded form of every name of an entity, so that a
	// name can be resolved with an exact index lookup instead of a scan.
	NameKey = quad.IRI(NS + "nameKey")
	// CountryCode is the ISO 3166 alpha-3 code of a country.
	CountryCode = quad.IRI(NS + "countryCode")
	// MemberOf ties a group ("Chinese companies") to its country.
	MemberOf = quad.IRI(NS + "memberOf")

	// Direct actor-to-actor edges: only for events that occurred.
	Met        = quad.IRI(NS + "met")
	Visited    = quad.IRI(NS + "visited")
	Sanctioned = quad.IRI(NS + "sanctioned")
	Urged      = quad.IRI(NS + "urged")
	Accused    = quad.IRI(NS + "accused")
	Said       = quad.IRI(NS + "said")

	// On event and statement nodes.
	Participant   = quad.IRI(NS + "participant")
	Actor         = quad.IRI(NS + "actor")
	Recipient     = quad.IRI(NS + "recipient")
	Location      = quad.IRI(SDO + "location")
	StartDate     = quad.IRI(SDO + "startDate")
	Status        = quad.IRI(NS + "status")
	About         = quad.IRI(SDO + "about")
	Text          = quad.IRI(SDO + "text")
	Evidence      = quad.IRI(NS + "evidence")
	EvidenceStart = quad.IRI(NS + "evidenceStart")
	EvidenceEnd   = quad.IRI(NS + "evidenceEnd")
	CameoCode     = quad.IRI(NS + "cameoCode")
	PloverType    = quad.IRI(NS + "ploverType")

	// Provenance.
	URL            = quad.IRI(SDO + "url")
	Headline       = quad.IRI(SDO + "headline")
	DatePublished  = quad.IRI(SDO + "datePublished")
	Publisher      = quad.IRI(SDO + "publisher")
	ContentHash    = quad.IRI(NS + "contentHash")
	WasDerivedFrom = quad.IRI(PROV + "wasDerivedFrom")
	// DuplicateOf links a syndicated copy to the article it repeats.
	DuplicateOf = quad.IRI(NS + "duplicateOf")
)

// DirectEdges are the edges from one party to another that dkg writes only
// for an event that occurred ("Blinken met Xi"), in a fixed order, and
// EdgeEvent is the class of event each stands for.
var (
	DirectEdges = []quad.IRI{Met, Visited, Sanctioned, Urged, Accused}
	EdgeEvent   = map[quad.IRI]quad.IRI{
		Met: Meeting, Visited: Visit, Sanctioned: Sanction, Urged: Appeal, Accused: Accusation,
	}
)

// Links tie an entity to another for good, not through an event: where a
// person works, whom they act for, the country of a group.
var Links = []quad.IRI{Affiliation, Represents, MemberOf}

// Statuses of an event: whether it happened.
const (
	Occurred  = "occurred"
	Planned   = "planned"
	Expected  = "expected"
	Possible  = "possible"
	Denied    = "denied"
	Cancelled = "cancelled"
)

// Statuses lists every status in the order of certainty.
var Statuses = []string{Occurred, Planned, Expected, Possible, Denied, Cancelled}

// XSD datatypes used for literals.
const (
	XSDDate       = quad.IRI(XSD + "date")
	XSDGYearMonth = quad.IRI(XSD + "gYearMonth")
	XSDGYear      = quad.IRI(XSD + "gYear")
	XSDDateTime   = quad.IRI(XSD + "dateTime")
	XSDInteger    = quad.IRI(XSD + "integer")
)
