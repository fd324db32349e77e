package graph

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/dkg/dkg/schema"
)

// Texts keeps the text of every article loaded, beside the store, so that
// the graph can be rebuilt from them (reindex, after a dictionary or rule
// change) and new articles compared with them (near-duplicates).
//
// Layout, in DIR/texts:
//
//	ab/abcdef....gz   the text, gzip-compressed, named by its SHA-256:
//	                  the same text is stored once, whatever its articles
//	index.bolt        article IRI -> text hash and metadata (TextEntry),
//	                  with the article's near-duplicate keys
//
// A text is written before the graph that comes from it (Sync makes it
// durable), so a crash leaves at worst a text no article uses.
type Texts struct {
	dir  string
	dbMu sync.Mutex
	db   *bolt.DB // nil after Release

	mu      sync.Mutex
	pending []string // files written since the last Sync
	dirs    sync.Map // the ab/ directories made so far
}

// TextsDir is the directory of the texts beside a store.
func TextsDir(storeDir string) string { return filepath.Join(storeDir, "texts") }

const textsIndex = "index.bolt"

var (
	bucketEntries = []byte("articles") // IRI -> TextEntry JSON
	bucketKeys    = []byte("keys")     // IRI -> the article's TextKeys, binary
	bucketBands   = []byte("bands")    // band key (8 bytes) + article id (8 bytes) -> nil
	bucketSamples = []byte("samples")  // sample (8 bytes) + article id (8 bytes) -> nil
	bucketIDs     = []byte("ids")      // article id (8 bytes) -> its number of samples (uvarint) + IRI
	bucketMeta    = []byte("meta")     // "seq" -> last sequence number
)

// TextEntry is what the index knows of one article.
type TextEntry struct {
	IRI quad.IRI `json:"iri"`
	// Hash is the SHA-256 of the text, in hex.
	Hash      string `json:"hash"`
	URL       string `json:"url,omitempty"`
	Location  string `json:"location,omitempty"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"` // RFC 3339, "" when unknown
	// Seq is the order in which the article was first loaded: reindex
	// loads the articles again in this order.
	Seq uint64 `json:"seq"`
	// Removed: the article was taken out of the graph; its text is kept.
	Removed bool `json:"removed,omitempty"`
	// DuplicateOf is the article this one is a copy of.
	DuplicateOf quad.IRI `json:"duplicateOf,omitempty"`
	// Shingles and Samples count the text's shingles and samples.
	Shingles int `json:"shingles,omitempty"`
	Samples  int `json:"samples,omitempty"`
}

// PublishedTime parses Published (zero when empty or malformed).
func (e *TextEntry) PublishedTime() time.Time {
	t, _ := time.Parse(time.RFC3339Nano, e.Published)
	return t
}

// TextKeys are an article's near-duplicate keys, computed by the caller:
// its MinHash signature, its LSH band keys and its content-defined samples.
// The index stores them and looks them up; it does not know how they are
// made.
type TextKeys struct {
	Signature []uint64
	Bands     []uint64
	Samples   []uint64
}

// OpenTexts opens (creating it) the text directory of the store in
// storeDir. The caller holds the store open for writing: its lock covers
// the texts too.
func OpenTexts(storeDir string) (*Texts, error) {
	dir := TextsDir(storeDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open texts: %w", err)
	}
	t := &Texts{dir: dir}
	if _, err := t.index(); err != nil {
		return nil, err
	}
	return t, nil
}

// index returns the open index, opening it again after Release.
func (t *Texts) index() (*bolt.DB, error) {
	t.dbMu.Lock()
	defer t.dbMu.Unlock()
	if t.db != nil {
		return t.db, nil
	}
	db, err := bolt.Open(filepath.Join(t.dir, textsIndex), 0o644, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open texts: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketEntries, bucketKeys, bucketBands, bucketSamples, bucketIDs, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open texts: %w", err)
	}
	t.db = db
	return db, nil
}

// Release closes the index file until the next call that needs it. A long
// run calls it when it is done with the index for a while: the pages of a
// mapped file that were read count in the process's resident memory.
func (t *Texts) Release() error {
	t.dbMu.Lock()
	defer t.dbMu.Unlock()
	if t.db == nil {
		return nil
	}
	err := t.db.Close()
	t.db = nil
	return err
}

// Close closes the index.
func (t *Texts) Close() error { return t.Release() }

// view and update run fn in a read-only or read-write transaction of the
// index.
func (t *Texts) view(fn func(*bolt.Tx) error) error {
	db, err := t.index()
	if err != nil {
		return err
	}
	return db.View(fn)
}

func (t *Texts) update(fn func(*bolt.Tx) error) error {
	db, err := t.index()
	if err != nil {
		return err
	}
	return db.Update(fn)
}

// HashText is the name of a text: its SHA-256 in hex.
func HashText(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

func (t *Texts) path(hash string) string {
	return filepath.Join(t.dir, hash[:2], hash+".gz")
}

// gzipPool reuses compressors: a new one allocates about a megabyte and
// costs more than compressing a whole article.
var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// WriteText stores a text (once: a text already there is not written
// again) and returns its hash. The file is complete when it appears
// (written aside, then renamed); Sync makes it durable. It is safe for
// concurrent use.
func (t *Texts) WriteText(text string) (string, error) {
	hash := HashText(text)
	p := t.path(hash)
	if _, err := os.Stat(p); err == nil {
		return hash, nil
	}
	if _, ok := t.dirs.Load(hash[:2]); !ok {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", fmt.Errorf("store text: %w", err)
		}
		t.dirs.Store(hash[:2], true)
	}
	var buf bytes.Buffer
	zw := gzipPool.Get().(*gzip.Writer)
	zw.Reset(&buf)
	_, err := io.WriteString(zw, text)
	if e := zw.Close(); err == nil {
		err = e
	}
	gzipPool.Put(zw)
	if err != nil {
		return "", fmt.Errorf("store text: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("store text: %w", err)
	}
	_, err = f.Write(buf.Bytes())
	if e := f.Close(); err == nil {
		err = e
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("store text: %w", err)
	}
	t.mu.Lock()
	t.pending = append(t.pending, p)
	t.mu.Unlock()
	return hash, nil
}

// Sync makes the texts written since the last Sync durable.
func (t *Texts) Sync() error {
	t.mu.Lock()
	pending := t.pending
	t.pending = nil
	t.mu.Unlock()
	if len(pending) == 0 {
		return nil
	}
	if err := syncFiles(t.dir, pending); err != nil {
		return fmt.Errorf("sync texts: %w", err)
	}
	return nil
}

// ReadText returns the text with this hash, checking it.
func (t *Texts) ReadText(hash string) (string, error) {
	if len(hash) != 64 {
		return "", fmt.Errorf("read text: bad hash %q", hash)
	}
	f, err := os.Open(t.path(hash))
	if err != nil {
		return "", fmt.Errorf("read text: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("read text %s: %w", hash, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return "", fmt.Errorf("read text %s: %w", hash, err)
	}
	if HashText(string(b)) != hash {
		return "", fmt.Errorf("read text %s: the file does not hold the text it is named after", hash)
	}
	return string(b), nil
}

// Entry returns the index entry of an article (nil when there is none).
func (t *Texts) Entry(iri quad.IRI) (*TextEntry, error) {
	var e *TextEntry
	err := t.view(func(tx *bolt.Tx) error {
		var err error
		e, err = getEntry(tx, iri)
		return err
	})
	return e, err
}

func getEntry(tx *bolt.Tx, iri quad.IRI) (*TextEntry, error) {
	b := tx.Bucket(bucketEntries).Get([]byte(iri))
	if b == nil {
		return nil, nil
	}
	var e TextEntry
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("text index entry %s: %w", iri, err)
	}
	return &e, nil
}

// Entries returns every entry, removed ones included, in load order.
func (t *Texts) Entries() ([]TextEntry, error) {
	var out []TextEntry
	err := t.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEntries).ForEach(func(k, v []byte) error {
			var e TextEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("text index entry %s: %w", k, err)
			}
			out = append(out, e)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b TextEntry) int {
		if c := cmp.Compare(a.Seq, b.Seq); c != 0 {
			return c
		}
		return cmp.Compare(a.IRI, b.IRI)
	})
	return out, err
}

// Put writes entries (and, where keys[i] is not nil, their near-duplicate
// keys) in one transaction. A new entry gets the next sequence number; an
// entry already there keeps its own. An entry marked Removed loses its
// keys. Nothing is written when nothing changes. keys may be nil.
func (t *Texts) Put(entries []TextEntry, keys []*TextKeys) error {
	type change struct {
		e   TextEntry
		k   *TextKeys
		old *TextEntry
	}
	var changes []change
	err := t.view(func(tx *bolt.Tx) error {
		for i, e := range entries {
			var k *TextKeys
			if i < len(keys) {
				k = keys[i]
			}
			old, err := getEntry(tx, e.IRI)
			if err != nil {
				return err
			}
			if old != nil {
				e.Seq = old.Seq
				if k != nil && !e.Removed {
					if ob := tx.Bucket(bucketKeys).Get([]byte(e.IRI)); ob != nil && bytes.Equal(ob, k.encode()) {
						k = nil // same keys
					}
				}
				if k == nil && *old == e {
					continue
				}
			} else {
				e.Seq = 0
			}
			changes = append(changes, change{e: e, k: k, old: old})
		}
		return nil
	})
	if err != nil || len(changes) == 0 {
		return err
	}
	err = t.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		seq := uint64(0)
		if b := meta.Get([]byte("seq")); len(b) == 8 {
			seq = binary.BigEndian.Uint64(b)
		}
		given := map[quad.IRI]uint64{} // an article twice in entries keeps one number
		for _, c := range changes {
			if c.old == nil {
				if n, ok := given[c.e.IRI]; ok {
					c.e.Seq = n
				} else {
					seq++
					c.e.Seq, given[c.e.IRI] = seq, seq
				}
			}
			if c.e.Removed || c.k != nil {
				if err := dropKeys(tx, c.e.IRI); err != nil {
					return err
				}
			}
			if c.k != nil && !c.e.Removed {
				if err := putKeys(tx, c.e.IRI, c.k); err != nil {
					return err
				}
			}
			data, err := json.Marshal(c.e)
			if err != nil {
				return err
			}
			if err := tx.Bucket(bucketEntries).Put([]byte(c.e.IRI), data); err != nil {
				return err
			}
		}
		return meta.Put([]byte("seq"), binary.BigEndian.AppendUint64(nil, seq))
	})
	if err != nil {
		return fmt.Errorf("write text index: %w", err)
	}
	return nil
}

// MarkRemoved marks an article's entry as removed (its text stays) and
// takes its keys out of the near-duplicate index. It reports whether the
// article had an entry.
func (t *Texts) MarkRemoved(iri quad.IRI) (bool, error) {
	e, err := t.Entry(iri)
	if err != nil || e == nil {
		return false, err
	}
	if e.Removed {
		return true, nil
	}
	e.Removed = true
	return true, t.Put([]TextEntry{*e}, nil)
}

// Keys returns the stored keys of an article (nil when none).
func (t *Texts) Keys(iri quad.IRI) (*TextKeys, error) {
	var k *TextKeys
	err := t.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketKeys).Get([]byte(iri))
		if b == nil {
			return nil
		}
		var err error
		k, err = decodeKeys(b)
		return err
	})
	return k, err
}

func (k *TextKeys) encode() []byte {
	b := binary.AppendUvarint(nil, uint64(len(k.Signature)))
	b = binary.AppendUvarint(b, uint64(len(k.Bands)))
	b = binary.AppendUvarint(b, uint64(len(k.Samples)))
	for _, list := range [][]uint64{k.Signature, k.Bands, k.Samples} {
		for _, v := range list {
			b = binary.LittleEndian.AppendUint64(b, v)
		}
	}
	return b
}

func decodeKeys(b []byte) (*TextKeys, error) {
	var n [3]uint64
	for i := range n {
		v, w := binary.Uvarint(b)
		if w <= 0 {
			return nil, errors.New("text index: bad keys")
		}
		n[i], b = v, b[w:]
	}
	if uint64(len(b)) != 8*(n[0]+n[1]+n[2]) {
		return nil, errors.New("text index: bad keys")
	}
	k := &TextKeys{}
	for i, dst := range []*[]uint64{&k.Signature, &k.Bands, &k.Samples} {
		*dst = make([]uint64, n[i])
		for j := range *dst {
			(*dst)[j] = binary.LittleEndian.Uint64(b)
			b = b[8:]
		}
	}
	return k, nil
}

// textPostingID is the short id postings use for an article: the 8 bytes of
// hash at the end of a dkg article IRI, else the first 8 bytes of the
// IRI's SHA-256. The ids bucket maps it back.
func textPostingID(iri quad.IRI) []byte {
	if h, ok := strings.CutPrefix(string(iri), schema.ID+"article/"); ok && len(h) == 16 {
		if b, err := hex.DecodeString(h); err == nil {
			return b
		}
	}
	sum := sha256.Sum256([]byte(iri))
	return sum[:8]
}

func posting(key uint64, id []byte) []byte {
	return append(binary.BigEndian.AppendUint64(make([]byte, 0, 16), key), id...)
}

func putKeys(tx *bolt.Tx, iri quad.IRI, k *TextKeys) error {
	if err := tx.Bucket(bucketKeys).Put([]byte(iri), k.encode()); err != nil {
		return err
	}
	id := textPostingID(iri)
	if err := tx.Bucket(bucketIDs).Put(id, append(binary.AppendUvarint(nil, uint64(len(k.Samples))), iri...)); err != nil {
		return err
	}
	for _, v := range k.Bands {
		if err := tx.Bucket(bucketBands).Put(posting(v, id), nil); err != nil {
			return err
		}
	}
	for _, v := range k.Samples {
		if err := tx.Bucket(bucketSamples).Put(posting(v, id), nil); err != nil {
			return err
		}
	}
	return nil
}

func dropKeys(tx *bolt.Tx, iri quad.IRI) error {
	b := tx.Bucket(bucketKeys).Get([]byte(iri))
	if b == nil {
		return nil
	}
	k, err := decodeKeys(b)
	if err != nil {
		return err
	}
	id := textPostingID(iri)
	for _, v := range k.Bands {
		if err := tx.Bucket(bucketBands).Delete(posting(v, id)); err != nil {
			return err
		}
	}
	for _, v := range k.Samples {
		if err := tx.Bucket(bucketSamples).Delete(posting(v, id)); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketKeys).Delete([]byte(iri))
}

// Matches are the stored articles that share keys with a text.
type Matches struct {
	// Bands holds the articles that share at least one band key.
	Bands map[quad.IRI]bool
	// Samples counts, per article, the samples shared; SampleCounts is
	// each such article's own number of samples.
	Samples      map[quad.IRI]int
	SampleCounts map[quad.IRI]int
}

// minSampleHits: articles that share fewer samples are not reported.
const minSampleHits = 3

// Lookup finds the stored articles sharing band keys, or at least three
// samples, with k. A sample that more than maxPosting articles share is
// boilerplate and is skipped.
func (t *Texts) Lookup(k *TextKeys, maxPosting int) (*Matches, error) {
	m := &Matches{Bands: map[quad.IRI]bool{}, Samples: map[quad.IRI]int{}, SampleCounts: map[quad.IRI]int{}}
	err := t.view(func(tx *bolt.Tx) error {
		ids := tx.Bucket(bucketIDs)
		// iriOf reads an id's IRI and number of samples.
		iriOf := func(id []byte) (quad.IRI, int) {
			v := ids.Get(id)
			n, w := binary.Uvarint(v)
			if w <= 0 {
				return "", 0
			}
			return quad.IRI(v[w:]), int(n)
		}
		c := tx.Bucket(bucketBands).Cursor()
		for _, v := range k.Bands {
			p := binary.BigEndian.AppendUint64(nil, v)
			for key, _ := c.Seek(p); key != nil && bytes.HasPrefix(key, p); key, _ = c.Next() {
				if iri, _ := iriOf(key[8:]); iri != "" {
					m.Bands[iri] = true
				}
			}
		}
		c = tx.Bucket(bucketSamples).Cursor()
		hits := [][]byte{}
		byID := map[string]int{}
		for _, v := range k.Samples {
			p := binary.BigEndian.AppendUint64(nil, v)
			hits = hits[:0]
			for key, _ := c.Seek(p); key != nil && bytes.HasPrefix(key, p); key, _ = c.Next() {
				hits = append(hits, key[8:])
				if len(hits) > maxPosting {
					break
				}
			}
			if len(hits) > maxPosting {
				continue
			}
			for _, id := range hits {
				byID[string(id)]++
			}
		}
		// Only articles that share enough samples to matter are named.
		for id, n := range byID {
			if n < minSampleHits {
				continue
			}
			if iri, count := iriOf([]byte(id)); iri != "" {
				m.Samples[iri], m.SampleCounts[iri] = n, count
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("text index lookup: %w", err)
	}
	return m, nil
}
