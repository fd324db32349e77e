// meetings: who met whom, when, where, with what status, told by which
// article. Starts from the Meeting class node (one index lookup), or from
// the person named in params.with, never from every node.
var RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", SDO = "https://schema.org/", DKG = "https://w3id.org/dkg/ns#";
var TYPE = "<" + RDF + "type>", NAME = "<" + SDO + "name>", PARTICIPANT = "<" + DKG + "participant>";
var MEETING = "<" + DKG + "Meeting>";

function first(vals) { return vals.length ? vals[0] : ""; }

var events = params.with
  ? g.V(params.with).In(PARTICIPANT).Has(TYPE, MEETING)
  : g.V(MEETING).In(TYPE);

events.Unique().ForEach(function (e) {
  var status = first(g.V(e.id).Out("<" + DKG + "status>").ToArray());
  if (params.status && status !== params.status) return;
  var names = g.V(e.id).Out(PARTICIPANT).Has(TYPE, "<" + SDO + "Person>").Out(NAME).Unique().ToArray();
  if (names.length < 2) names = g.V(e.id).Out(PARTICIPANT).Out(NAME).Unique().ToArray();
  g.emit({
    date: first(g.V(e.id).Out("<" + SDO + "startDate>").ToArray()),
    participants: names.sort().join("; "),
    place: first(g.V(e.id).Out("<" + SDO + "location>").Out(NAME).ToArray()),
    status: status,
    source: first(g.V(e.id).Labels().Out("<" + SDO + "headline>").ToArray()) || first(g.V(e.id).Labels().Out("<" + SDO + "url>").ToArray()),
  });
});
