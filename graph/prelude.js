// dkg's prelude: helpers that every `dkg query` script and every ready-made
// query can use. The line before this one binds dkg.P (predicates), dkg.C
// (classes) and dkg.S (statuses) from the vocabulary, as IRIs in angle
// brackets: dkg.P.met is "<https://w3id.org/dkg/ns#met>", and dkg.minted,
// the class of each kind of IRI dkg mints.
//
// Names are found through their folded key (dkg:nameKey), an exact index
// lookup: never with regex() or like(), which read every value in the store.

// dkg.fold(s) is the key a name is stored under: no accents, lower case,
// words joined by one space ("Lula da Silva" and "LULA DA SILVA" agree).
// It follows schema.Fold for the scripts in use in the news (goja's regular
// expressions have no Unicode classes, so letters are told by case or by
// script ranges).
dkg.fold = function (s) {
  s = String(s).normalize("NFKD")
    .replace(/[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f]/g, "")
    .normalize("NFC");
  var uncased = /[0-9\u00aa\u00ba\u01bb\u01c0-\u01c3\u0294\u05d0-\u05ea\u05f0-\u05f2\u0620-\u064a\u0660-\u0669\u066e-\u06d3\u06f0-\u06fc\u0904-\u0939\u0958-\u0961\u0966-\u096f\u0e01-\u0e30\u10d0-\u10ff\u1100-\u11ff\u1200-\u135a\u3005\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3131-\u318e\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ud800-\udfff]/;
  var out = "", space = false;
  for (var i = 0; i < s.length; i++) {
    var c = s.charAt(i);
    if (c === "." || c === "'" || c === "\u2019") continue;
    if (c.toLowerCase() !== c.toUpperCase() || uncased.test(c)) {
      if (space && out.length > 0) out += " ";
      space = false;
      out += c.toLowerCase();
    } else {
      space = true;
    }
  }
  return out;
};

// dkg.named(name) is a path from the nodes that have name among their names
// or aliases, of any class.
dkg.named = function (name) {
  return g.V(dkg.fold(name)).In(dkg.P.nameKey).Unique();
};

// dkg.person("Wang Yi"), dkg.country("India"), ...: the same, keeping only
// the nodes of one class.
dkg.person = function (name) { return dkg.named(name).Has(dkg.P.type, dkg.C.Person); };
dkg.country = function (name) { return dkg.named(name).Has(dkg.P.type, dkg.C.Country); };
dkg.org = function (name) { return dkg.named(name).Has(dkg.P.type, dkg.C.Organization); };
dkg.place = function (name) { return dkg.named(name).Has(dkg.P.type, dkg.C.Place); };
dkg.issue = function (name) { return dkg.named(name).Has(dkg.P.type, dkg.C.Issue); };

// dkg.plain(v) is the text of a value: "2023-06" for the typed literal
// "\"2023-06\"^^<...#gYearMonth>"; IRIs and plain strings stay as they are.
dkg.plain = function (v) {
  if (typeof v !== "string" || v.charAt(0) !== '"') return v;
  var i = v.lastIndexOf('"^^<');
  return i > 0 ? v.substring(1, i) : v;
};

// dkg.values(id, p) is the distinct values of predicate p of node id, as
// text; dkg.value(id, p) the first of them ("" when there is none). They
// read the store's [subject, predicate] index directly (dkgRead, see
// graph/propread.go), which is several times cheaper than a Gizmo path per
// read, g.V(id).Out(p).ToArray(), with the same answer: the way to read
// properties of the nodes a ForEach visits.
dkg.values = function (id, p) {
  var seen = {}, out = [];
  dkgRead.values(id, p).forEach(function (v) {
    v = dkg.plain(v);
    if (!seen[v]) { seen[v] = true; out.push(v); }
  });
  return out;
};
dkg.value = function (id, p) {
  var vs = dkgRead.values(id, p, 1);
  return vs.length ? dkg.plain(vs[0]) : "";
};

// dkg.count(id, p, c) counts the distinct nodes that point to id with p
// (g.V(id).In(p).Unique().Count()): {all: n, ofClass: how many of them are
// of class c}, without reading the nodes themselves. Given an array of
// nodes it returns an array of counts, one per node, which is much cheaper
// than counting them one by one.
dkg.count = function (id, p, c) { return dkgRead.count(p, id, c); };

// dkg.facts(id, p) is the distinct values of predicate p of node id, each
// with the articles that state it: [{value, articles}], what
// g.V(id).LabelContext(g.V(), "src").Out(p) gives one path at a time.
dkg.facts = function (id, p) {
  return dkgRead.facts(id, p).map(function (f) { return {value: dkg.plain(f.value), articles: f.articles}; });
};

// dkg.inverse(id, p) is the distinct nodes that point to id with p: the
// answer of g.V(id).In(p).Unique(), read from the [object, predicate,
// subject] index.
dkg.inverse = function (id, p) { return dkgRead.subjects(p, id); };

// dkg.name(id) is a node's name, else its IRI. Names are remembered for
// the rest of the script: the same people and places come back row after
// row.
dkg.nameCache = {};
dkg.name = function (id) {
  var n = dkg.nameCache[id];
  if (n === undefined) n = dkg.nameCache[id] = dkg.value(id, dkg.P.name) || id;
  return n;
};

// dkg.names(ids) is the names of the nodes, sorted.
dkg.names = function (ids) { return ids.map(dkg.name).sort(); };

// dkg.isStatement(id) says whether a node is a statement without a lookup:
// dkg mints statement IRIs under .../id/statement/ (schema.StatementIRI).
dkg.isStatement = function (id) { return String(id).indexOf(dkg.ID + "statement/") === 1; };

// dkg.classOf(id) is the class of a node dkg minted, read from its IRI
// alone ("Person" for .../id/person/wang-yi, "Meeting" for
// .../id/event/Meeting-<hash>: dkg.minted and schema.ClassOf), and "" for
// any other node (an imported one), whose class only a lookup can tell.
dkg.classOf = function (id) {
  id = String(id);
  var base = "<" + dkg.ID;
  if (id.indexOf(base) !== 0) return "";
  var rest = id.substring(base.length), slash = rest.indexOf("/");
  if (slash < 0) return "";
  var kind = rest.substring(0, slash);
  if (kind !== "event") return dkg.minted[kind] || "";
  var dash = rest.indexOf("-", slash);
  return dash > 0 ? rest.substring(slash + 1, dash) : "";
};

// dkg.is(id, c) says whether node id is of class c, from the IRI alone for
// the nodes dkg mints (dkg.classOf), else with a lookup (dkg.isa).
dkg.is = function (id, c) {
  var k = dkg.classOf(id);
  return k ? k === dkg.local(c) : dkg.isa(id, c);
};

// dkg.isa(id, c) says whether node id is of class c.
dkg.isa = function (id, c) { return g.V(id).Has(dkg.P.type, c).ToArray(1).length > 0; };

// dkg.sources(id) is the articles that tell about node id (its quads'
// labels), each as its headline, else its URL, else its IRI.
dkg.sources = function (id) {
  return dkg.unique(dkg.articles(id).map(dkg.source)).sort();
};

// dkg.source(article) is an article's headline, else its URL, else its
// IRI (remembered for the rest of the script).
dkg.sourceCache = {};
dkg.source = function (article) {
  var s = dkg.sourceCache[article];
  if (s === undefined) {
    s = dkg.sourceCache[article] = dkg.value(article, dkg.P.headline) || dkg.value(article, dkg.P.url) || article;
  }
  return s;
};

// dkg.articles(id) is the distinct articles that tell about node id (the
// labels of its quads: g.V(id).Labels()), remembered for the rest of the
// script.
dkg.articleCache = {};
dkg.articles = function (id) {
  var a = dkg.articleCache[id];
  if (a === undefined) a = dkg.articleCache[id] = dkgRead.labels(id);
  return a;
};

// dkg.unique(array) drops repeated values, keeping the first of each.
dkg.unique = function (a) {
  var seen = {}, out = [];
  a.forEach(function (v) {
    var k = typeof v === "string" ? v : JSON.stringify(v);
    if (!seen[k]) { seen[k] = true; out.push(v); }
  });
  return out;
};

// dkg.inPeriod(date, since, until) says whether a date ("2024", "2024-10",
// "2024-10-23") can fall between since and until, each compared at the
// precision of the less precise of the two. An empty bound is open; an
// empty date is outside any bound.
dkg.inPeriod = function (date, since, until) {
  if (!since && !until) return true;
  if (!date) return false;
  function cmp(a, b) {
    var n = Math.min(a.length, b.length);
    a = a.substring(0, n); b = b.substring(0, n);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return (!since || cmp(date, since) >= 0) && (!until || cmp(date, until) <= 0);
};

// dkg.local(iri) is the last segment of an IRI: "Meeting" for dkg.C.Meeting.
dkg.local = function (iri) {
  var s = String(iri).replace(/>$/, "");
  return s.substring(Math.max(s.lastIndexOf("/"), s.lastIndexOf("#")) + 1);
};

// dkg.date(id) is the date of an event (its startDate); a statement is
// dated by the publication of the first article that reports it (dkg
// writes no startDate on statements, so none is looked for).
dkg.publishedCache = {};
dkg.date = function (id) {
  var statement = dkg.is(id, dkg.C.Statement);
  var d = statement && dkg.classOf(id) ? "" : dkg.value(id, dkg.P.startDate);
  if (d || !statement) return d;
  var arts = dkg.articleCache[id] || dkgRead.labels(id, 1);
  if (!arts.length) return "";
  var p = dkg.publishedCache[arts[0]];
  if (p === undefined) p = dkg.publishedCache[arts[0]] = dkg.value(arts[0], dkg.P.datePublished);
  return p;
};

// dkg.dated(ids, opts) keeps the nodes of ids (events, statements) that
// are of class opts.class (any class when it is not given) and whose date
// (dkg.date) can fall between opts.since and opts.until (dkg.inPeriod), and
// returns them as [{id, date}] in date order, the undated last (dkg.byDate),
// at most opts.limit of them: the first step of every question answered in
// time order. It reads and sorts in one call (dkgRead.dated), which matters
// when an issue has thousands of events.
dkg.dated = function (ids, opts) {
  opts = opts || {};
  return dkgRead.dated(ids, opts["class"] || "", opts.since || "", opts.until || "", opts.limit || 0);
};

// dkg.event(id, known) describes an event or statement node: its class,
// date, status, participants (people first), place, issues, words (for a
// statement) and the articles that tell it (headlines, at most
// dkg.maxSources of them, and how many there are); issues holds the IRIs
// of what it is about. known may hold the
// date and status already read, which saves their lookups.
dkg.maxSources = 3;
dkg.event = function (id, known) {
  known = known || {};
  var cls = dkg.classOf(id);
  var statement = cls ? cls === "Statement" : dkg.isa(id, dkg.C.Statement);
  var parts = dkg.values(id, dkg.P.participant);
  var people = parts.filter(function (p) { return dkg.is(p, dkg.C.Person); });
  var arts = dkg.articles(id);
  var issues = dkg.values(id, dkg.P.about);
  return {
    id: id,
    date: known.date !== undefined ? known.date : dkg.date(id),
    event: cls || dkg.values(id, dkg.P.type).map(dkg.local).join(", "),
    status: known.status !== undefined ? known.status : dkg.value(id, dkg.P.status),
    participants: dkg.names(people.length >= 2 ? people : parts).join("; "),
    // dkg writes no place on a statement, nor words on other events.
    place: statement && cls ? "" : dkg.names(dkg.values(id, dkg.P.location)).join("; "),
    about: dkg.names(issues).join("; "),
    issues: issues,
    text: statement || !cls ? dkg.value(id, dkg.P.text) : "",
    sources: arts.slice(0, dkg.maxSources).map(dkg.source).sort(),
    articles: arts.length,
  };
};

// dkg.byDate(a, b) orders rows by their date, undated rows last.
dkg.byDate = function (a, b) {
  if (!a.date !== !b.date) return a.date ? -1 : 1;
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
};
