package graph

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
)

// errCrash stands for the process dying before a commit.
var errCrash = errors.New("killed before this commit")

// crashKV commits its first n read-write transactions and none after: a
// process killed after n commits.
type crashKV struct {
	hkv.KV
	left int
}

func (c *crashKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	tx, err := c.KV.Tx(ctx, rw)
	if err != nil || !rw {
		return tx, err
	}
	return &crashTx{Tx: tx, kv: c}, nil
}

func (c *crashKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, c, fn)
}

func (c *crashKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, c, fn)
}

type crashTx struct {
	hkv.Tx
	kv *crashKV
}

func (t *crashTx) Commit(ctx context.Context) error {
	if t.kv.left == 0 {
		t.Tx.Close()
		return errCrash
	}
	t.kv.left--
	return t.Tx.Commit(ctx)
}

func TestCreateCrash(t *testing.T) {
	// A process killed while it creates a store, after any number of
	// commits, leaves a directory that the next Open makes a whole store
	// of, with dkg's indexes. (Cayley's Init commits the buckets, the
	// version and the index list one by one; killed after the version, the
	// store was taken for one of Cayley < 0.7.6 and used its indexes, [S]
	// and [O], for good: no label index, every Put and Remove a scan of
	// the whole store.)
	for n := range 4 {
		dir := t.TempDir()
		db, err := bolt.Open(filepath.Join(dir, boltFile), 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = initQuadStore(&pinKV{KV: &crashKV{KV: hbolt.New(db), left: n}})
		if err != nil && !errors.Is(err, errCrash) {
			t.Fatalf("after %d commits: %v", n, err)
		}
		crashed := err != nil
		db.Close()

		s, err := Open(dir, true)
		if err != nil {
			t.Fatalf("after %d commits: reopen: %v", n, err)
		}
		a := testArticle(n)
		if _, err := s.Put(a.IRI, a.Quads); err != nil {
			t.Fatalf("after %d commits (crashed %v): put: %v", n, crashed, err)
		}
		got, err := s.ArticleQuads(a.IRI)
		if err != nil || len(got) != len(a.Quads) {
			t.Fatalf("after %d commits: %d quads back, %v", n, len(got), err)
		}
		s.Close()
		if idx, err := storedIndexes(dir); err != nil || !reflect.DeepEqual(idx, quadIndexes) {
			t.Errorf("after %d commits (crashed %v): indexes %v (%v), want %v", n, crashed, idx, err, quadIndexes)
		}
	}
}

// storedIndexes reads the index list Cayley keeps in the store.
func storedIndexes(dir string) ([]ckv.QuadIndex, error) {
	db, err := bolt.Open(filepath.Join(dir, boltFile), 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var out []ckv.QuadIndex
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("meta"))
		if b == nil {
			return errors.New("no meta bucket")
		}
		data := b.Get([]byte("indexes"))
		if data == nil {
			return errors.New("no index list")
		}
		return json.Unmarshal(data, &out)
	})
	return out, err
}
