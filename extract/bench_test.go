package extract_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dkg/dkg/extract"
	"github.com/dkg/dkg/extract/read"
)

// BenchmarkExtract measures extraction alone (no store) over the bundled
// examples, reporting MB/s and articles/s on one core.
func BenchmarkExtract(b *testing.B) {
	paths, _ := filepath.Glob("../examples/*.txt")
	var arts []extract.Article
	size := 0
	for it := range read.All(context.Background(), paths, read.Options{}) {
		if it.Err != nil {
			b.Fatal(it.Err)
		}
		arts = append(arts, it.Article)
		size += len(it.Article.Text)
	}
	p, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := p.Extract(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
}

// TestVOACorpus runs the extractor over the 87 Voice of America stories of
// the shared corpus: no failure, and every article yields its node.
func TestVOACorpus(t *testing.T) {
	path := filepath.Join(seedDir, "articles/voa/voa-stories.jsonl")
	n := 0
	for it := range read.All(context.Background(), []string{path}, read.Options{}) {
		if it.Err != nil {
			if n == 0 {
				t.Skip("shared corpus not present")
			}
			t.Fatal(it.Err)
		}
		res, err := extract.Extract(it.Article)
		if err != nil {
			t.Fatalf("%s: %v", it.Article.URL, err)
		}
		if len(res.Quads) == 0 {
			t.Errorf("%s: no quads", it.Article.URL)
		}
		n++
	}
	if n > 0 && n != 87 {
		t.Errorf("read %d VOA stories, want 87", n)
	}
}
