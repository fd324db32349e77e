// person: the profile of one person: names, titles, the country they
// represent, where they work, then their events (meetings, visits, ...) and
// statements in time order, and the issues these are about, each with the
// articles that tell it.
//
// params: person (IRI), limit.
//
// Facts about the person come with their articles: dkg.facts(p, pred) is
// what g.V(p).LabelContext(g.V(), "src").Out(pred) gives (each value with
// the label, the article, of each quad that states it), read straight from
// the index.
var p = params.person;
var rows = [];

// facts lists the values of predicate pred of the person with the articles
// that state each (follow: the values are nodes, shown by their names).
function facts(fact, pred, follow) {
  dkg.facts(p, pred).forEach(function (f) {
    rows.push({
      date: "", fact: fact, detail: follow ? dkg.name(f.value) : f.value,
      sources: f.articles.slice(0, dkg.maxSources).map(dkg.source).sort(), articles: f.articles.length,
    });
  });
}
facts("name", dkg.P.name, false);
facts("alias", dkg.P.alternateName, false);
facts("title", dkg.P.jobTitle, false);
facts("represents", dkg.P.represents, true);
facts("affiliation", dkg.P.affiliation, true);

// Events and statements: those that have the person as participant (a
// statement's participant is its speaker). Dates first, so that a limit
// describes only the first events.
var events = dkg.dated(dkg.inverse(p, dkg.P.participant));
var issues = {}, issueOrder = [];
if (params.limit) events = events.slice(0, Math.max(params.limit - rows.length, 0));
events.forEach(function (f) {
  var e = dkg.event(f.id, f);
  var detail = e.event === "Statement" ? "\u201c" + e.text + "\u201d" : e.participants;
  if (e.event !== "Statement" && e.place) detail += " in " + e.place;
  if (e.event !== "Statement" && e.status && e.status !== dkg.S.occurred) detail += " (" + e.status + ")";
  rows.push({date: e.date, fact: e.event.toLowerCase(), detail: detail, about: e.about, sources: e.sources, articles: e.articles});
  e.issues.forEach(function (i) {
    if (!issues[i]) { issues[i] = 0; issueOrder.push(i); }
    issues[i]++;
  });
});
issueOrder.sort(function (a, b) { return issues[b] - issues[a]; });
issueOrder.forEach(function (i) {
  rows.push({date: "", fact: "issue", detail: dkg.name(i) + " (" + issues[i] + (issues[i] === 1 ? " event)" : " events)")});
});
rows.forEach(function (r) { g.emit(r); });
