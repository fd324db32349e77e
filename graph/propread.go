package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/dkg/dkg/schema"
)

// propReader answers the reads that queries make by the thousand (the
// values of one property of one node, the articles that tell about a node,
// the nodes that point to one) straight from the indexes of Cayley's bbolt
// layout, in one read transaction per query.
//
// Through Gizmo each such read is a path built, optimised and run (about
// 45 µs), and Cayley's index iterator fetches quads 100 at a time, so the
// first name of a person told by hundreds of articles costs about 400 µs.
// Here a read is the index entry plus one log read per quad until it has
// what it was asked for: a few µs.
//
// The layout is Cayley's graph/kv (pinned in go.mod): an index bucket per
// QuadIndex named by its directions ("sp": subject, predicate; "ops":
// object, predicate, subject), keyed by the 8-byte big-endian IDs of those
// directions, holding the uvarint IDs of the quads; the quads themselves
// as protobuf Primitives in bucket "log" under their 8-byte ID, and the
// nodes there too, with their value (pquads); a value's ID is under its
// hash in bucket "v" + the hash's first two bytes. Removed quads stay in
// the index lists and are marked Deleted in the log, so every quad is
// checked. TestPropReaderAgreesWithGizmo compares each read
// with Gizmo's answer, after removals too.
type propReader struct {
	ctx   context.Context // a read stops at its end
	db    *bolt.DB
	steps int

	mu           sync.Mutex
	tx           *bolt.Tx // opened on first use
	closed       bool
	sp, ops, log *bolt.Bucket
	ids          map[string]uint64 // value IDs already looked up
	vals         map[uint64]quad.Value
	scratch      primitive // the quad live returned last
}

var errLayout = errors.New("the store does not have the index layout dkg reads (sp, ops, log buckets)")

func newPropReader(ctx context.Context, db *bolt.DB) *propReader {
	return &propReader{ctx: ctx, db: db, ids: map[string]uint64{}, vals: map[uint64]quad.Value{}}
}

// begin opens the read transaction; the caller holds r.mu.
func (r *propReader) begin() error {
	if r.closed {
		return errors.New("query: read after the query ended")
	}
	if r.tx != nil {
		return nil
	}
	tx, err := r.db.Begin(false)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	r.tx = tx
	r.sp, r.ops, r.log = tx.Bucket([]byte("sp")), tx.Bucket([]byte("ops")), tx.Bucket([]byte("log"))
	if r.log == nil {
		// An empty store: nothing was ever written.
		return nil
	}
	if r.sp == nil || r.ops == nil {
		return errLayout
	}
	return nil
}

// close ends the read transaction; reads after it fail.
func (r *propReader) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	if r.tx != nil {
		_ = r.tx.Rollback()
		r.tx = nil
	}
}

// id is the ID of a value in the store, 0 when the store does not hold it:
// the value's hash is its key in bucket "v" + the hash's first two bytes,
// which holds the ID as a uvarint.
func (r *propReader) id(v quad.Value) (uint64, error) {
	k := quad.StringOf(v)
	if id, ok := r.ids[k]; ok {
		return id, nil
	}
	h := refs.HashOf(v)
	var id uint64
	if b := r.tx.Bucket([]byte{'v', h[0], h[1]}); b != nil {
		if val := b.Get(h[:]); len(val) > 0 {
			id, _ = binary.Uvarint(val)
		}
	}
	r.remember()
	r.ids[k] = id
	return id, nil
}

// maxRemembered bounds the IDs and values a reader keeps: a script that
// walks the whole store should not keep all of it in memory.
const maxRemembered = 200_000

// remember makes room in the reader's maps.
func (r *propReader) remember() {
	if len(r.ids) >= maxRemembered {
		clear(r.ids)
	}
	if len(r.vals) >= maxRemembered {
		clear(r.vals)
	}
}

// value is the value of node id: its log entry holds it, pquads-encoded.
func (r *propReader) value(id uint64) (quad.Value, error) {
	if v, ok := r.vals[id]; ok {
		return v, nil
	}
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], id)
	var v quad.Value
	if b := r.log.Get(key[:]); b != nil {
		var p primitive
		if err := decodePrimitive(b, &p); err != nil {
			return nil, fmt.Errorf("query: node %d: %w", id, err)
		}
		if len(p.Value) > 0 {
			var err error
			if v, err = pquads.UnmarshalValue(p.Value); err != nil {
				return nil, fmt.Errorf("query: node %d: %w", id, err)
			}
			r.ids[quad.StringOf(v)] = id
		}
	}
	r.remember()
	r.vals[id] = v
	return v, nil
}

// primitive is an entry of Cayley's log: a quad (the IDs of its four
// values) or, with Value set, a node.
type primitive struct {
	Subject, Predicate, Object, Label uint64
	Value                             []byte
	Deleted                           bool
}

// decodePrimitive reads a log entry: the protobuf message
// cayley/graph/proto.Primitive, whose fields it reads by number (2-5: the
// quad's IDs, 8: a node's value, 9: deleted), which is several times
// cheaper than proto.Unmarshal. TestDecodePrimitive compares the two.
func decodePrimitive(b []byte, p *primitive) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		switch {
		case typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
			switch num {
			case 2:
				p.Subject = v
			case 3:
				p.Predicate = v
			case 4:
				p.Object = v
			case 5:
				p.Label = v
			case 9:
				p.Deleted = v != 0
			}
		case typ == protowire.BytesType && num == 8:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
			p.Value = v
		default:
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
		}
	}
	return nil
}

// live returns quad qid when it is in the store (not removed), else nil.
func (r *propReader) live(qid uint64) (*primitive, error) {
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], qid)
	b := r.log.Get(key[:])
	if b == nil {
		return nil, nil
	}
	p := &r.scratch
	*p = primitive{}
	if err := decodePrimitive(b, p); err != nil {
		return nil, fmt.Errorf("query: quad %d: %w", qid, err)
	}
	if p.Deleted {
		return nil, nil
	}
	return p, nil
}

// step counts a unit of work and says, every few thousand, whether the
// query has been stopped (its deadline, its memory guard): one read may
// walk a large part of the store.
func (r *propReader) step() error {
	r.steps++
	if r.steps%4096 == 0 {
		if err := r.ctx.Err(); err != nil {
			return fmt.Errorf("query: %w", err)
		}
	}
	return nil
}

// eachQuad calls fn with the live quads of an index list until fn says
// stop.
func (r *propReader) eachQuad(list []byte, fn func(p *primitive) (stop bool)) error {
	for len(list) > 0 {
		if err := r.step(); err != nil {
			return err
		}
		qid, n := binary.Uvarint(list)
		if n <= 0 {
			return fmt.Errorf("query: %w: bad index entry", errLayout)
		}
		list = list[n:]
		p, err := r.live(qid)
		if err != nil {
			return err
		}
		if p != nil && fn(p) {
			return nil
		}
	}
	return nil
}

// pair begins the read and returns the IDs of two values; ok is false when
// the store lacks either, and then nothing can match. The caller holds
// r.mu.
func (r *propReader) pair(a, b quad.Value) (ida, idb uint64, ok bool, err error) {
	if err := r.begin(); err != nil || r.log == nil {
		return 0, 0, false, err
	}
	if ida, err = r.id(a); err != nil || ida == 0 {
		return 0, 0, false, err
	}
	if idb, err = r.id(b); err != nil || idb == 0 {
		return 0, 0, false, err
	}
	return ida, idb, true, nil
}

func key2(a, b uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, a)
	binary.BigEndian.PutUint64(k[8:], b)
	return k
}

// Values returns the distinct objects of the quads (s, p, ?o) in the
// store, at most limit of them (limit <= 0: all).
func (r *propReader) Values(s, p quad.Value, limit int) ([]quad.Value, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	sid, pid, ok, err := r.pair(s, p)
	if !ok {
		return nil, err
	}
	var objs []uint64
	err = r.eachQuad(r.sp.Get(key2(sid, pid)), func(q *primitive) bool {
		for _, o := range objs {
			if o == q.Object {
				return false
			}
		}
		objs = append(objs, q.Object)
		return limit > 0 && len(objs) >= limit
	})
	if err != nil {
		return nil, err
	}
	return r.valuesOf(objs)
}

// Fact is one value of a property of a node with the articles (labels)
// that state it.
type Fact struct {
	Value    quad.Value
	Articles []quad.Value
}

// Facts returns the distinct values of the quads (s, p, ?o), each with the
// labels of the quads that state it, in the order of the index: what
// g.V(s).LabelContext(g.V(), "src").Out(p) gives one path at a time.
func (r *propReader) Facts(s, p quad.Value) ([]Fact, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	sid, pid, ok, err := r.pair(s, p)
	if !ok {
		return nil, err
	}
	var objs []uint64
	labels := map[uint64][]uint64{}
	err = r.eachQuad(r.sp.Get(key2(sid, pid)), func(q *primitive) bool {
		ls, ok := labels[q.Object]
		if !ok {
			objs = append(objs, q.Object)
		}
		if q.Label != 0 && !slices.Contains(ls, q.Label) {
			ls = append(ls, q.Label)
		}
		labels[q.Object] = ls
		return false
	})
	if err != nil {
		return nil, err
	}
	out := make([]Fact, 0, len(objs))
	for _, o := range objs {
		v, err := r.value(o)
		if err != nil || v == nil {
			if err != nil {
				return nil, err
			}
			continue
		}
		arts, err := r.valuesOf(labels[o])
		if err != nil {
			return nil, err
		}
		out = append(out, Fact{Value: v, Articles: arts})
	}
	return out, nil
}

// Labels returns the distinct labels (articles) of the quads whose subject
// or object is s, as Gizmo's Labels() does, at most limit of them (limit
// <= 0: all).
func (r *propReader) Labels(s quad.Value, limit int) ([]quad.Value, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.begin(); err != nil || r.log == nil {
		return nil, err
	}
	sid, err := r.id(s)
	if err != nil || sid == 0 {
		return nil, err
	}
	var labels []uint64
	seen := map[uint64]bool{}
	full := func() bool { return limit > 0 && len(labels) >= limit }
	prefix := key2(sid, 0)[:8]
	for _, b := range []*bolt.Bucket{r.sp, r.ops} {
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && !full(); k, v = c.Next() {
			err := r.eachQuad(v, func(q *primitive) bool {
				if q.Label != 0 && !seen[q.Label] {
					seen[q.Label] = true
					labels = append(labels, q.Label)
				}
				return full()
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return r.valuesOf(labels)
}

// Subjects returns the distinct subjects of the quads (?s, p, o), in the
// order of their IDs.
func (r *propReader) Subjects(p, o quad.Value) ([]quad.Value, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	oid, pid, ok, err := r.pair(o, p)
	if !ok {
		return nil, err
	}
	var subjects []uint64
	prefix := key2(oid, pid)
	c := r.ops.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		found := false
		if err := r.eachQuad(v, func(*primitive) bool { found = true; return true }); err != nil {
			return nil, err
		}
		if found && len(k) == 24 {
			subjects = append(subjects, binary.BigEndian.Uint64(k[16:]))
		}
	}
	return r.valuesOf(subjects)
}

// link is a fact edge seen from one node: the node at its other end, the
// predicate, and whether the quad starts at the node seen from.
type link struct {
	to      uint64
	pred    quad.IRI
	forward bool
}

// Links returns the distinct edges of node id, both ways, whose predicate
// is one of preds (by predicate ID). The index keys hold the predicate
// (and, for edges into the node, the other end), so the quads of other
// predicates are never read.
func (r *propReader) Links(id uint64, preds map[uint64]quad.IRI) ([]link, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.begin(); err != nil || r.log == nil {
		return nil, err
	}
	var out []link
	prefix := key2(id, 0)[:8]
	c := r.sp.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		p, ok := preds[binary.BigEndian.Uint64(k[8:16])]
		if !ok || len(k) != 16 {
			continue
		}
		var objs []uint64
		err := r.eachQuad(v, func(q *primitive) bool {
			if !slices.Contains(objs, q.Object) {
				objs = append(objs, q.Object)
				out = append(out, link{to: q.Object, pred: p, forward: true})
			}
			return false
		})
		if err != nil {
			return nil, err
		}
	}
	c = r.ops.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		p, ok := preds[binary.BigEndian.Uint64(k[8:16])]
		if !ok || len(k) != 24 {
			continue
		}
		live := false
		if err := r.eachQuad(v, func(*primitive) bool { live = true; return true }); err != nil {
			return nil, err
		}
		if live {
			out = append(out, link{to: binary.BigEndian.Uint64(k[16:]), pred: p, forward: false})
		}
	}
	return out, nil
}

// StatedBy returns the distinct labels (articles) of the quads (s, p, o).
func (r *propReader) StatedBy(s, p, o quad.Value) ([]quad.Value, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.begin(); err != nil || r.log == nil {
		return nil, err
	}
	ids := [3]uint64{}
	for i, v := range []quad.Value{s, p, o} {
		id, err := r.id(v)
		if err != nil || id == 0 {
			return nil, err
		}
		ids[i] = id
	}
	var labels []uint64
	err := r.eachQuad(r.sp.Get(key2(ids[0], ids[1])), func(q *primitive) bool {
		if q.Object == ids[2] && q.Label != 0 && !slices.Contains(labels, q.Label) {
			labels = append(labels, q.Label)
		}
		return false
	})
	if err != nil {
		return nil, err
	}
	return r.valuesOf(labels)
}

// ID is the ID of a value in the store, 0 when it holds none.
func (r *propReader) ID(v quad.Value) (uint64, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.begin(); err != nil || r.log == nil {
		return 0, err
	}
	return r.id(v)
}

// Value is the value of node id, nil when there is none.
func (r *propReader) Value(id uint64) (quad.Value, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.begin(); err != nil || r.log == nil {
		return nil, err
	}
	return r.value(id)
}

// Dated is a node with its date (see propReader.Dated).
type Dated struct {
	Node quad.Value
	Date string
}

// Dated keeps the nodes of nodes that are of class (any class when it is
// "") and whose date can fall between since and until (inPeriod), and
// returns them with their dates in date order, the undated last, nodes of
// equal dates in the order given, at most limit of them (limit <= 0: all).
// A node's date is its startDate; a statement, which dkg writes without
// one, is dated by the publication of the first article that tells it.
// These are the prelude's dkg.date, dkg.inPeriod and dkg.byDate, read and
// sorted here in one call because the questions asked in time order start
// with thousands of nodes (everything about an issue).
func (r *propReader) Dated(nodes []quad.Value, class quad.IRI, since, until string, limit int) ([]Dated, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.begin(); err != nil || r.log == nil {
		return nil, err
	}
	typeID, err := r.id(schema.Type)
	if err != nil {
		return nil, err
	}
	// isA says whether node id is of class c: from the IRI when dkg minted
	// it, else from its rdf:type quads.
	isA := func(v quad.Value, id uint64, c quad.IRI) (bool, error) {
		if iri, ok := v.(quad.IRI); ok {
			if k := schema.ClassOf(iri); k != "" {
				return k == c, nil
			}
		}
		cid, err := r.id(c)
		if err != nil || cid == 0 || typeID == 0 {
			return false, err
		}
		found := false
		err = r.eachQuad(r.sp.Get(key2(id, typeID)), func(q *primitive) bool {
			found = q.Object == cid
			return found
		})
		return found, err
	}
	startID, err := r.id(schema.StartDate)
	if err != nil {
		return nil, err
	}
	publishedID, err := r.id(schema.DatePublished)
	if err != nil {
		return nil, err
	}
	// first is the first value of predicate pid of node id.
	first := func(id, pid uint64) (quad.Value, error) {
		if pid == 0 {
			return nil, nil
		}
		var obj uint64
		if err := r.eachQuad(r.sp.Get(key2(id, pid)), func(q *primitive) bool {
			obj = q.Object
			return true
		}); err != nil || obj == 0 {
			return nil, err
		}
		return r.value(obj)
	}
	published := map[uint64]string{}
	out := make([]Dated, 0, len(nodes))
	for _, n := range nodes {
		if err := r.step(); err != nil {
			return nil, err
		}
		id, err := r.id(n)
		if err != nil {
			return nil, err
		}
		if id == 0 {
			continue
		}
		if class != "" {
			ok, err := isA(n, id, class)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		statement, err := isA(n, id, schema.Statement)
		if err != nil {
			return nil, err
		}
		date := ""
		if iri, _ := n.(quad.IRI); !statement || schema.ClassOf(iri) == "" {
			d, err := first(id, startID)
			if err != nil {
				return nil, err
			}
			date = valueText(d)
		}
		if date == "" && statement {
			art, err := r.firstLabel(id)
			if err != nil {
				return nil, err
			}
			if art != 0 {
				p, ok := published[art]
				if !ok {
					d, err := first(art, publishedID)
					if err != nil {
						return nil, err
					}
					p = valueText(d)
					published[art] = p
				}
				date = p
			}
		}
		if !inPeriod(date, since, until) {
			continue
		}
		out = append(out, Dated{Node: n, Date: date})
	}
	slices.SortStableFunc(out, func(a, b Dated) int {
		if (a.Date == "") != (b.Date == "") {
			if a.Date == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Date, b.Date)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// firstLabel is the label of the first quad of node id (as subject, else
// as object), 0 when it has none: the first of Labels.
func (r *propReader) firstLabel(id uint64) (uint64, error) {
	prefix := key2(id, 0)[:8]
	for _, b := range []*bolt.Bucket{r.sp, r.ops} {
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var label uint64
			err := r.eachQuad(v, func(q *primitive) bool {
				label = q.Label
				return label != 0
			})
			if err != nil || label != 0 {
				return label, err
			}
		}
	}
	return 0, nil
}

// inPeriod says whether a date ("2024", "2024-10", "2024-10-23") can fall
// between since and until, each compared at the precision of the less
// precise of the two. An empty bound is open; an empty date is outside any
// bound. The prelude's dkg.inPeriod is the same in JavaScript.
func inPeriod(date, since, until string) bool {
	if since == "" && until == "" {
		return true
	}
	if date == "" {
		return false
	}
	cmp := func(a, b string) int {
		n := min(len(a), len(b))
		return strings.Compare(a[:n], b[:n])
	}
	return (since == "" || cmp(date, since) >= 0) && (until == "" || cmp(date, until) <= 0)
}

// Counted is what Count finds for one object: how many distinct nodes
// point to it, and how many of those are of the class asked for.
type Counted struct {
	All, OfClass int
}

// Count returns, for each object o of objects, how many distinct nodes s
// have a quad (s, p, o) in the store (g.V(o).In(p).Unique().Count()) and
// how many of them are of class c (0 when c is ""). No node value is read:
// the subjects are in the index keys, and the members of a class (the keys
// of its rdf:type entries, in the same order) are merged with them. What
// is left is to tell live quads from removed ones, one log entry each;
// those are read in ID order, stepping through near entries and seeking
// far ones, which is several times cheaper than one Get each and is why
// the counts of many objects are asked for at once.
func (r *propReader) Count(p quad.Value, objects []quad.Value, c quad.IRI) ([]Counted, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Counted, len(objects))
	if err := r.begin(); err != nil || r.log == nil {
		return out, err
	}
	pid, err := r.id(p)
	if err != nil || pid == 0 {
		return out, err
	}
	// A key is a (subject, object) pair found in the index, or a class
	// member; it is live when one of its quads is.
	type key struct {
		sid    uint64
		object int // index in objects; -1 for a class member
	}
	var keys []key
	var quads []quadRef
	addKey := func(k key, list []byte) error {
		for len(list) > 0 {
			qid, n := binary.Uvarint(list)
			if n <= 0 {
				return fmt.Errorf("query: %w: bad index entry", errLayout)
			}
			list = list[n:]
			quads = append(quads, quadRef{qid: qid, key: len(keys)})
		}
		keys = append(keys, k)
		return nil
	}
	for i, o := range objects {
		oid, err := r.id(o)
		if err != nil {
			return nil, err
		}
		if oid == 0 {
			continue
		}
		prefix := key2(oid, pid)
		cur := r.ops.Cursor()
		for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
			if len(k) == 24 {
				if err := addKey(key{sid: binary.BigEndian.Uint64(k[16:]), object: i}, v); err != nil {
					return nil, err
				}
			}
		}
	}
	subjects := len(keys)
	if c != "" && subjects > 0 {
		// The members of the class among the subjects found: both in ID
		// order, merged.
		found := make([]uint64, subjects)
		for i, k := range keys {
			found[i] = k.sid
		}
		slices.Sort(found)
		found = slices.Compact(found)
		f := 0
		if err := r.eachClassMember(c, func(sid uint64, list []byte) error {
			for f < len(found) && found[f] < sid {
				f++
			}
			if f == len(found) || found[f] != sid {
				return nil
			}
			return addKey(key{sid: sid, object: -1}, list)
		}); err != nil {
			return nil, err
		}
	}
	live, err := r.liveKeys(quads, len(keys))
	if err != nil {
		return nil, err
	}
	var members []uint64 // in ID order, as eachClassMember gave them
	for i := subjects; i < len(keys); i++ {
		if live[i] {
			members = append(members, keys[i].sid)
		}
	}
	for i := range subjects {
		if !live[i] {
			continue
		}
		k := keys[i]
		out[k.object].All++
		if _, ok := slices.BinarySearch(members, k.sid); ok {
			out[k.object].OfClass++
		}
	}
	return out, nil
}

// quadRef is a quad of an index entry, and the key it stands for.
type quadRef struct {
	qid uint64
	key int
}

// liveKeys says which of n keys have a live quad among quads, reading the
// log in the order of the quads' IDs. Many quads are read in two halves at
// once, each in a read transaction of its own (a transaction is for one
// goroutine): on two cores that halves the time. The caller holds r.mu.
func (r *propReader) liveKeys(quads []quadRef, n int) ([]bool, error) {
	sortQuadRefs(quads)
	if len(quads) < parallelLiveKeys || runtime.GOMAXPROCS(0) < 2 {
		live := make([]bool, n)
		return live, r.markLive(r.log, quads, live)
	}
	half := len(quads) / 2
	parts := [2][]quadRef{quads[:half], quads[half:]}
	lives := [2][]bool{make([]bool, n), make([]bool, n)}
	var errs [2]error
	var wg sync.WaitGroup
	for i := range parts {
		wg.Go(func() {
			defer func() {
				// Not the script's goroutine: a panic here would end the
				// process, whatever dkgRead's guard does.
				if p := recover(); p != nil {
					errs[i] = fmt.Errorf("query: internal error reading the log: %v", p)
				}
			}()
			tx, err := r.db.Begin(false)
			if err != nil {
				errs[i] = fmt.Errorf("query: %w", err)
				return
			}
			defer func() { _ = tx.Rollback() }()
			errs[i] = r.markLive(tx.Bucket([]byte("log")), parts[i], lives[i])
		})
	}
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	for i, l := range lives[1] {
		lives[0][i] = lives[0][i] || l
	}
	return lives[0], nil
}

// parallelLiveKeys is how many quads liveKeys reads in two halves at once
// (fewer are not worth a goroutine); tests lower it.
var parallelLiveKeys = 16384

// markLive sets live[key] for each of quads (in ID order) that is live in
// the log: it steps through near entries and seeks far ones (a seek walks
// the tree from its root).
func (r *propReader) markLive(log *bolt.Bucket, quads []quadRef, live []bool) error {
	const near = 32
	cur := log.Cursor()
	var k, v []byte
	at := uint64(0) // the ID of the entry the cursor is on
	for i, q := range quads {
		if i%4096 == 0 {
			if err := r.ctx.Err(); err != nil {
				return fmt.Errorf("query: %w", err)
			}
		}
		if live[q.key] {
			continue
		}
		if k != nil && at < q.qid && q.qid-at <= near {
			for k != nil && at < q.qid {
				if k, v = cur.Next(); k != nil {
					at = binary.BigEndian.Uint64(k)
				}
			}
		} else if k == nil || at != q.qid {
			var target [8]byte
			binary.BigEndian.PutUint64(target[:], q.qid)
			if k, v = cur.Seek(target[:]); k != nil {
				at = binary.BigEndian.Uint64(k)
			}
		}
		if k == nil || at != q.qid {
			continue
		}
		var p primitive
		if err := decodePrimitive(v, &p); err != nil {
			return fmt.Errorf("query: quad %d: %w", q.qid, err)
		}
		live[q.key] = !p.Deleted
	}
	return nil
}

// sortQuadRefs sorts quads by ID. Packed into one integer each (the ID
// above, the key below) they sort several times faster than with a
// comparison function, which matters for tens of thousands of them.
func sortQuadRefs(quads []quadRef) {
	packed := make([]uint64, len(quads))
	for i, q := range quads {
		if q.qid >= 1<<40 || q.key >= 1<<24 {
			slices.SortFunc(quads, func(a, b quadRef) int { return cmp.Compare(a.qid, b.qid) })
			return
		}
		packed[i] = q.qid<<24 | uint64(q.key)
	}
	slices.Sort(packed)
	for i, p := range packed {
		quads[i] = quadRef{qid: p >> 24, key: int(p & (1<<24 - 1))}
	}
}

// eachClassMember calls fn with each node that has an rdf:type entry for
// class c, in the order of their IDs, and the quads of that entry. The
// caller holds r.mu.
func (r *propReader) eachClassMember(c quad.IRI, fn func(sid uint64, quads []byte) error) error {
	cid, err := r.id(c)
	if err != nil || cid == 0 {
		return err
	}
	tid, err := r.id(schema.Type)
	if err != nil || tid == 0 {
		return err
	}
	prefix := key2(cid, tid)
	cur := r.ops.Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		if len(k) == 24 {
			if err := fn(binary.BigEndian.Uint64(k[16:]), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// valuesOf reads the values of node IDs.
func (r *propReader) valuesOf(ids []uint64) ([]quad.Value, error) {
	out := make([]quad.Value, 0, len(ids))
	for _, id := range ids {
		v, err := r.value(id)
		if err != nil {
			return nil, err
		}
		if v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}
