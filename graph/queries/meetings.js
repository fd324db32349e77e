// meetings: who met whom, when, where, with what status, about what, told
// by which articles.
//
// params: with, between, and (person IRIs), about (issue IRI), since, until
// (dates: 2024, 2024-10, 2024-10-23), status, limit.
//
// It starts from the few nodes the question names: the person (their
// events are the nodes that have them as participant), the issue, and only
// when nothing is named from the Meeting class node. dkg.inverse(x, p) is
// g.V(x).In(p).Unique().ToArray() read straight from the index. Each event
// is then read with one index lookup per property (dkg.value, dkg.event),
// the cheap way on a large store; Save, Tag and Back over many nodes are
// not.
var start;
if (params.with || params.between) {
  start = dkg.inverse(params.with || params.between, dkg.P.participant);
} else if (params.about) {
  start = dkg.inverse(params.about, dkg.P.about);
} else {
  start = dkg.inverse(dkg.C.Meeting, dkg.P.type);
}

// The meetings in the period, in date order (dkg.dated), then the status,
// the other person and the issue.
var other = params.and || (params.with && params.between);
var found = dkg.dated(start, {"class": dkg.C.Meeting, since: params.since, until: params.until}).filter(function (f) {
  if (params.status) {
    f.status = dkg.value(f.id, dkg.P.status);
    if (f.status !== params.status) return false;
  }
  if (other && dkg.values(f.id, dkg.P.participant).indexOf(other) < 0) return false;
  if (params.about && (params.with || params.between) && dkg.values(f.id, dkg.P.about).indexOf(params.about) < 0) return false;
  return true;
});

// With a limit, only the first events are described.
if (params.limit) found = found.slice(0, params.limit);
found.forEach(function (f) {
  var e = dkg.event(f.id, f);
  g.emit({
    id: e.id, date: e.date, participants: e.participants, place: e.place,
    status: e.status, about: e.about, sources: e.sources, articles: e.articles,
  });
});
