package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/extract"
	"github.com/dkg/dkg/extract/read"
	"github.com/dkg/dkg/schema/gold"
)

// seedDir is the shared corpus beside the repository; tests that need it
// skip in a clone without it.
const seedDir = "../../shared"

func scoreFile(t *testing.T, article, goldPath string) *gold.Report {
	t.Helper()
	g, err := gold.ParseFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := time.Parse("2006-01-02", g.Published)
	if err != nil {
		t.Fatalf("%s: published: %v", goldPath, err)
	}
	var quads []quad.Quad
	for it := range read.File(context.Background(), article, read.Options{Published: pub}) {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		res, err := extract.Extract(it.Article)
		if err != nil {
			t.Fatal(err)
		}
		quads = append(quads, res.Quads...)
	}
	return gold.Score(g, quads)
}

// TestSeedQuality scores extraction alone (no store) on the seed article; the
// end-to-end test in cmd/dkg scores the same through ingest and export.
func TestSeedQuality(t *testing.T) {
	art := filepath.Join(seedDir, "articles/blinken-beijing-2023-06.txt")
	if _, err := os.Stat(art); err != nil {
		t.Skip("shared corpus not present")
	}
	r := scoreFile(t, art, filepath.Join(seedDir, "eval/blinken-beijing-2023-06.gold.tsv"))
	var b strings.Builder
	r.Write(&b, testing.Verbose())
	t.Log("\n" + b.String())
}

// TestExamplesQuality scores extraction alone on each bundled example.
func TestExamplesQuality(t *testing.T) {
	golds, _ := filepath.Glob("../examples/*.gold.tsv")
	total := &gold.Report{}
	for _, g := range golds {
		art := strings.TrimSuffix(g, ".gold.tsv") + ".txt"
		r := scoreFile(t, art, g)
		t.Logf("%-50s recall %.3f precision %.3f never %d events %d/%d", filepath.Base(art), r.Recall(), r.Precision(), len(r.Never), r.EventsHeld, r.Events)
		total.Add(r)
	}
	var b strings.Builder
	total.Write(&b, testing.Verbose())
	t.Log("\n" + b.String())
}
