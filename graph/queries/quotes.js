// quotes: what people said, as the articles quote or report it: the words,
// who said them, when, about what, and where it was read.
//
// params: by (speaker IRI), about (issue IRI), since, until, limit.
//
// It starts from the speaker (their said edges: dkg.values(by, said) is
// g.V(by).Out(said)), else the issue (what is about it: dkg.inverse(x, p)
// is g.V(x).In(p).Unique()), else the Statement class node, each read
// straight from the index.
var start;
if (params.by) start = dkg.values(params.by, dkg.P.said);
else if (params.about) start = dkg.inverse(params.about, dkg.P.about);
else start = dkg.inverse(dkg.C.Statement, dkg.P.type);

var found = [];
start.forEach(function (id) {
  if (!params.by && !dkg.is(id, dkg.C.Statement)) return;
  if (params.by && params.about && dkg.values(id, dkg.P.about).indexOf(params.about) < 0) return;
  var date = dkg.date(id);
  if (!dkg.inPeriod(date, params.since, params.until)) return;
  found.push({id: id, date: date});
});
found.sort(dkg.byDate);
if (params.limit) found = found.slice(0, params.limit);
found.forEach(function (f) {
  var e = dkg.event(f.id, f);
  g.emit({id: e.id, date: e.date, speaker: e.participants, quote: e.text, about: e.about, sources: e.sources, articles: e.articles});
});
