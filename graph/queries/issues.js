// issues: the issues of the graph, with how many distinct events and
// statements are about each, most discussed first.
//
// params: since, until (count only what is dated in that period), limit.
//
// It starts from the Issue class node (issues are few), and from each issue
// follows about backwards (dkg.inverse(x, p) is g.V(x).In(p).Unique(),
// read straight from the index). Statements are told from events by their IRI
// (dkg.isStatement), without a lookup; an event's date is read only when a
// period is asked for.
var rows = [];
dkg.inverse(dkg.C.Issue, dkg.P.type).forEach(function (issue) {
  var events = 0, statements = 0;
  dkg.inverse(issue, dkg.P.about).forEach(function (e) {
    var date = "";
    if (params.since || params.until) {
      date = dkg.date(e);
      if (!dkg.inPeriod(date, params.since, params.until)) return;
    }
    if (dkg.isStatement(e)) statements++; else events++;
  });
  if (events + statements === 0) return;
  rows.push({id: issue, issue: dkg.name(issue), events: events, statements: statements});
});
rows.sort(function (a, b) {
  var d = (b.events + b.statements) - (a.events + a.statements);
  return d !== 0 ? d : a.issue < b.issue ? -1 : a.issue > b.issue ? 1 : 0;
});
if (params.limit) rows = rows.slice(0, params.limit);
rows.forEach(function (r) { g.emit(r); });
