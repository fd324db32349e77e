// issue: the events and statements about one issue, in time order.
//
// params: issue (IRI), since, until, limit.
//
// It starts from the issue node: what is about it is one index read away
// (dkg.inverse(x, p) is g.V(x).In(p).Unique().ToArray() read straight from
// the index). Dates first (dkg.dated), so that a limit describes only the
// first events.
var found = dkg.dated(dkg.inverse(params.issue, dkg.P.about),
  {since: params.since, until: params.until, limit: params.limit});
found.forEach(function (f) {
  var e = dkg.event(f.id, f);
  g.emit({
    id: e.id, date: e.date, event: e.event, status: e.status,
    what: e.event === "Statement" ? e.participants + ": \u201c" + e.text + "\u201d" : e.participants,
    place: e.place, sources: e.sources, articles: e.articles,
  });
});
