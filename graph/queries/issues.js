// issues: the issues of the graph, with how many distinct events and
// statements are about each, most discussed first.
//
// params: since, until (count only what is dated in that period), limit.
//
// It starts from the Issue class node (issues are few), and from each issue
// follows about backwards (dkg.inverse(x, p) is g.V(x).In(p).Unique(),
// read straight from the index). Without a period the events and
// statements are counted from the index (dkg.count); with one, each is
// dated (dkg.dated) and statements are told from events by their IRI
// (dkg.isStatement).
var rows = [];
var issues = dkg.inverse(dkg.C.Issue, dkg.P.type);
// Without a period nothing needs a date: count from the index, all issues
// at once.
var counts = params.since || params.until ? [] : dkg.count(issues, dkg.P.about, dkg.C.Statement);
issues.forEach(function (issue, i) {
  var events = 0, statements = 0;
  if (params.since || params.until) {
    dkg.dated(dkg.inverse(issue, dkg.P.about), {since: params.since, until: params.until}).forEach(function (e) {
      if (dkg.isStatement(e.id)) statements++; else events++;
    });
  } else {
    statements = counts[i].ofClass;
    events = counts[i].all - counts[i].ofClass;
  }
  if (events + statements === 0) return;
  rows.push({id: issue, issue: dkg.name(issue), events: events, statements: statements});
});
rows.sort(function (a, b) {
  var d = (b.events + b.statements) - (a.events + a.statements);
  return d !== 0 ? d : a.issue < b.issue ? -1 : a.issue > b.issue ? 1 : 0;
});
if (params.limit) rows = rows.slice(0, params.limit);
rows.forEach(function (r) { g.emit(r); });
