// people: the people in the graph, by name, with their titles, the country
// they represent and where they work.
//
// params: country (country IRI), role (words of a title, folded: "foreign
// minister"), limit.
//
// With a country it starts from the country node (the people who represent
// it); else from the Person class node: dkg.inverse(x, p) is
// g.V(x).In(p).Unique().ToArray() read straight from the index. Names are
// read first, one lookup per person, so that a limit needs the details of
// the first people only.
var start = params.country
  ? dkg.inverse(params.country, dkg.P.represents)
  : dkg.inverse(dkg.C.Person, dkg.P.type);

var people = [];
start.forEach(function (id) {
  var titles = [];
  if (params.role) {
    titles = dkg.values(id, dkg.P.jobTitle);
    var match = titles.some(function (t) { return (" " + dkg.fold(t) + " ").indexOf(" " + params.role + " ") >= 0; });
    if (!match) return;
  }
  people.push({id: id, name: dkg.name(id), titles: titles});
});

people.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
if (params.limit) people = people.slice(0, params.limit);
people.forEach(function (p) {
  g.emit({
    id: p.id,
    name: p.name,
    titles: (p.titles.length ? p.titles : dkg.values(p.id, dkg.P.jobTitle)).join("; "),
    country: dkg.names(dkg.values(p.id, dkg.P.represents)).join("; "),
    affiliation: dkg.names(dkg.values(p.id, dkg.P.affiliation)).join("; "),
  });
});
