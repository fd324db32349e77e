// quotes: what people said, as the articles quote or report it: the words,
// who said them, when, about what, and where it was read.
//
// params: by (speaker IRI), about (issue IRI), since, until, limit.
//
// It starts from the speaker (their said edges), else the issue (what is
// about it), else the Statement class node.
var start;
if (params.by) start = g.V(params.by).Out(dkg.P.said);
else if (params.about) start = g.V(params.about).In(dkg.P.about);
else start = g.V(dkg.C.Statement).In(dkg.P.type);

var found = [];
start.Unique().ForEach(function (s) {
  if (!params.by && !dkg.is(s.id, dkg.C.Statement)) return;
  if (params.by && params.about && dkg.values(s.id, dkg.P.about).indexOf(params.about) < 0) return;
  var date = dkg.date(s.id);
  if (!dkg.inPeriod(date, params.since, params.until)) return;
  found.push({id: s.id, date: date});
});
found.sort(dkg.byDate);
if (params.limit) found = found.slice(0, params.limit);
found.forEach(function (f) {
  var e = dkg.event(f.id, f);
  g.emit({id: e.id, date: e.date, speaker: e.participants, quote: e.text, about: e.about, sources: e.sources, articles: e.articles});
});
