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

if (params.by && params.about) {
  start = start.filter(function (id) { return dkg.values(id, dkg.P.about).indexOf(params.about) >= 0; });
}
var found = dkg.dated(start, {"class": params.by ? "" : dkg.C.Statement,
  since: params.since, until: params.until, limit: params.limit});
found.forEach(function (f) {
  var e = dkg.event(f.id, f);
  g.emit({id: e.id, date: e.date, speaker: e.participants, quote: e.text, about: e.about, sources: e.sources, articles: e.articles});
});
