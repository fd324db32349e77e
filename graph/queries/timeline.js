// timeline: what an entity (a person, country, organisation, place or
// issue) took part in or was the subject of, in time order: events,
// statements, with their status, participants, place and articles.
//
// params: node (IRI), since, until, limit.
//
// It starts from the node: the events that have it as participant, that
// took place there (location) or that are about it. Dates first, so that a
// limit describes only the first events.
// g.V(params.node).In([participant, location, about]).Unique(), read
// straight from the index with dkg.inverse, then dated (dkg.dated).
var all = dkg.unique([dkg.P.participant, dkg.P.location, dkg.P.about].reduce(function (all, p) {
  return all.concat(dkg.inverse(params.node, p));
}, []));
var found = dkg.dated(all, {since: params.since, until: params.until, limit: params.limit});
found.forEach(function (f) {
  var e = dkg.event(f.id, f);
  g.emit({
    id: e.id, date: e.date, event: e.event, status: e.status,
    what: e.event === "Statement" ? e.participants + ": \u201c" + e.text + "\u201d" : e.participants,
    place: e.place, about: e.about, sources: e.sources, articles: e.articles,
  });
});
