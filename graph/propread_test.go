package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/dop251/goja"
	"google.golang.org/protobuf/proto"

	"github.com/dkg/dkg/schema"
)

// TestPropReaderAgreesWithGizmo checks every read of dkgRead against the
// Gizmo path with the same meaning, on a store where articles were
// removed and replaced (so that the indexes hold removed quads), for every
// node and every predicate it has.
func TestPropReaderAgreesWithGizmo(t *testing.T) {
	// Counting many objects reads the log in two halves at once.
	defer func(n int) { parallelLiveKeys = n }(parallelLiveKeys)
	parallelLiveKeys = 64
	s, g, _ := buildGenerated(t, t.TempDir(), 120)
	defer s.Close()
	// Remove some articles, replace others with an edited copy.
	for i := 0; i < 120; i += 7 {
		art := schema.ArticleIRI(fmt.Sprintf("https://news.example.org/%d/story-%d", 2015+i%11, i))
		if ok, err := s.Remove(art); err != nil || !ok {
			t.Fatalf("remove %s: %v %v", art, ok, err)
		}
	}
	for range 10 {
		a := g.article()
		mustPut(t, s, a)
		a.Quads = a.Quads[:len(a.Quads)/2]
		mustPut(t, s, a)
	}
	script := `
var bad = [], checked = 0;
function same(what, a, b) {
  checked++;
  a = a.slice().sort(); b = b.slice().sort();
  if (JSON.stringify(a) !== JSON.stringify(b)) bad.push({what: what, native: a, gizmo: b});
}
function uniq(a) { var s = {}, o = []; a.forEach(function (v) { var k = JSON.stringify(v); if (!s[k]) { s[k] = true; o.push(v); } }); return o; }
var nodes = uniq(g.V().ToArray());
nodes.forEach(function (n) {
  if (typeof n !== "string" || n.charAt(0) !== "<") return;
  var labels = uniq(g.V(n).Labels().ToArray());
  same("labels " + n, dkgRead.labels(n), labels);
  if (labels.length && dkgRead.labels(n, 1).length !== 1) bad.push({what: "first label " + n});
  uniq(g.V(n).OutPredicates().ToArray()).forEach(function (p) {
    same("values " + n + " " + p, dkgRead.values(n, p), uniq(g.V(n).Out(p).ToArray()));
    var byLabel = {};
    g.V(n).LabelContext(g.V(), "src").Out(p).ForEach(function (r) {
      var k = JSON.stringify(r.id);
      byLabel[k] = byLabel[k] || [];
      if (byLabel[k].indexOf(r.src) < 0) byLabel[k].push(r.src);
    });
    var facts = {};
    dkgRead.facts(n, p).forEach(function (f) { facts[JSON.stringify(f.value)] = f.articles; });
    same("fact values " + n + " " + p, Object.keys(facts), Object.keys(byLabel));
    Object.keys(byLabel).forEach(function (k) { same("fact articles " + n + " " + p + " " + k, facts[k] || [], byLabel[k]); });
    var first = dkgRead.values(n, p, 1);
    if (first.length !== 1) bad.push({what: "first " + n + " " + p, native: first});
  });
  uniq(g.V(n).InPredicates().ToArray()).forEach(function (p) {
    var subjects = uniq(g.V(n).In(p).ToArray());
    same("subjects " + n + " " + p, dkgRead.subjects(p, n), subjects);
    [dkg.C.Statement, dkg.C.Person, dkg.C.Meeting].forEach(function (c) {
      var of = subjects.filter(function (s) { return g.V(s).Has(dkg.P.type, c).ToArray(1).length > 0; }).length;
      var n2 = dkgRead.count(p, n, c);
      same("count " + n + " " + p + " " + c, [n2.all + "/" + n2.ofClass], [subjects.length + "/" + of]);
    });
  });
});
// Counting many objects at once gives each the count it gets alone.
[dkg.P.about, dkg.P.participant, dkg.P.type].forEach(function (p) {
  var objs = nodes.filter(function (n) { return typeof n === "string" && n.charAt(0) === "<"; });
  var many = dkgRead.count(p, objs, dkg.C.Statement);
  same("count many " + p, many.map(JSON.stringify), objs.map(function (o) { return JSON.stringify(dkgRead.count(p, o, dkg.C.Statement)); }));
});
// dkg.dated gives each node the date dkg.date gives it, in dkg.byDate
// order.
var events = nodes.filter(function (n) { return typeof n === "string" && /\/id\/(event|statement)\//.test(n); });
var byJS = events.map(function (id) { return {id: id, date: dkg.date(id)}; });
byJS.sort(dkg.byDate);
same("dated", dkg.dated(events).map(JSON.stringify), byJS.map(JSON.stringify));
checked += events.length;
same("missing node", dkgRead.values("<https://example.org/none>", dkg.P.name), []);
same("missing predicate", dkgRead.values(nodes[0], "<https://example.org/none>"), []);
g.emit({checked: checked, bad: bad.slice(0, 5), nbad: bad.length});
`
	rows, err := s.QueryScript(context.Background(), script, 0)
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	checked, nbad := fmt.Sprint(r["checked"]), fmt.Sprint(r["nbad"])
	if nbad != "0" || len(checked) < 4 { // at least 1,000 reads
		t.Errorf("checked %s reads, %s disagree: %v", checked, nbad, r["bad"])
	}
	t.Logf("checked %v reads", r["checked"])
}

// TestPropReaderEmptyStore reads from a store that holds nothing yet.
func TestPropReaderEmptyStore(t *testing.T) {
	s, err := Open(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.QueryScript(context.Background(), `g.emit({n: dkg.values("<x>", dkg.P.name).length + dkgRead.labels("<x>").length + dkg.inverse("<x>", dkg.P.about).length})`, 0)
	if err != nil || len(rows) != 1 || fmt.Sprint(rows[0]["n"]) != "0" {
		t.Errorf("empty store: %v, %v", rows, err)
	}
}

// TestInPeriodAgreesWithPrelude compares the Go inPeriod (dkg.dated) with
// the prelude's dkg.inPeriod.
func TestInPeriodAgreesWithPrelude(t *testing.T) {
	s, err := Open(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dates := []string{"", "2023", "2023-06", "2023-06-19", "2023-12-31", "2024", "2022-11"}
	for _, d := range dates {
		for _, since := range dates {
			for _, until := range dates {
				script := fmt.Sprintf("g.emit({in: dkg.inPeriod(%q, %q, %q)})", d, since, until)
				rows, err := s.QueryScript(context.Background(), script, 0)
				if err != nil {
					t.Fatal(err)
				}
				if js, goIn := rows[0]["in"], inPeriod(d, since, until); js != goIn {
					t.Errorf("inPeriod(%q, %q, %q): JavaScript %v, Go %v", d, since, until, js, goIn)
				}
			}
		}
	}
}

// TestDecodePrimitive reads log entries as proto.Unmarshal does.
func TestDecodePrimitive(t *testing.T) {
	for _, want := range []*cproto.Primitive{
		{ID: 1, Subject: 2, Predicate: 3, Object: 4, Label: 5, Timestamp: 1700000000},
		{ID: 1 << 40, Subject: 1 << 33, Predicate: 300, Object: 1, Deleted: true, Replaces: 9},
		{ID: 7, Value: []byte("\x0a\x05hello"), Timestamp: -1},
		{},
	} {
		b, err := proto.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var got primitive
		if err := decodePrimitive(b, &got); err != nil {
			t.Fatal(err)
		}
		if got.Subject != want.Subject || got.Predicate != want.Predicate || got.Object != want.Object ||
			got.Label != want.Label || got.Deleted != want.Deleted || string(got.Value) != string(want.Value) {
			t.Errorf("decoded %+v, want %+v", got, want)
		}
	}
	if err := decodePrimitive([]byte{0x10}, new(primitive)); err == nil {
		t.Error("a truncated entry decodes without an error")
	}
}

// TestPropReaderStops checks that a long read ends with its query's
// context.
func TestPropReaderStops(t *testing.T) {
	s, _, _ := buildGenerated(t, t.TempDir(), 50)
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rd := newPropReader(ctx, s.kv.bolt())
	defer rd.close()
	nodes := make([]quad.Value, 5000)
	for i := range nodes {
		nodes[i] = schema.PersonIRI("Nobody")
	}
	if _, err := rd.Dated(nodes, "", "", "", 0); !errors.Is(err, context.Canceled) {
		t.Errorf("a read after its query ended: %v", err)
	}
}

// TestSortQuadRefs sorts by quad ID and keeps each quad's key, also for IDs
// and keys too large to pack.
func TestSortQuadRefs(t *testing.T) {
	for _, big := range []bool{false, true} {
		var quads []quadRef
		for i := range 1000 {
			qid := uint64((i * 7919) % 1000)
			if big {
				qid += 1 << 41
			}
			quads = append(quads, quadRef{qid: qid, key: i})
		}
		sortQuadRefs(quads)
		for i, q := range quads {
			if i > 0 && quads[i-1].qid > q.qid {
				t.Fatalf("big %v: not sorted at %d", big, i)
			}
			if want := uint64((q.key * 7919) % 1000); q.qid&(1<<40-1) != want {
				t.Fatalf("big %v: quad %d lost its key %d", big, q.qid, q.key)
			}
		}
	}
}

// TestGuardNative turns a Go panic in a dkgRead function into a script
// error the script can catch, and lets JavaScript errors through as they
// are.
func TestGuardNative(t *testing.T) {
	vm := goja.New()
	var m map[string]int
	_ = vm.Set("broken", guardNative(vm, "broken", func(goja.FunctionCall) goja.Value {
		m["x"] = 1 // a nil map: a Go runtime panic
		return nil
	}))
	_ = vm.Set("picky", guardNative(vm, "picky", func(goja.FunctionCall) goja.Value {
		panic(vm.NewTypeError("picky: argument 1 is missing"))
	}))
	v, err := vm.RunString(`
var out = [];
try { broken(); } catch (e) { out.push(String(e)); }
try { picky(); } catch (e) { out.push(String(e)); }
out.join(" | ");`)
	if err != nil {
		t.Fatal(err)
	}
	got := v.String()
	if !strings.Contains(got, "internal error in dkgRead.broken") || !strings.Contains(got, "TypeError: picky: argument 1 is missing") {
		t.Errorf("got %q", got)
	}
}
