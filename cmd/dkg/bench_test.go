package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dkg/dkg/cmd/dkg/testdata/gen"
	"github.com/dkg/dkg/graph"
)

// BenchmarkIngest1k and BenchmarkIngest10k load a generated corpus
// (testdata/gen: our own templates over the dictionaries' officials,
// countries and issues, 2 % syndicated copies) into a fresh store, as
// `dkg ingest corpus.jsonl` does, and report articles/s, quads/s and the
// process's peak RSS (VmHWM: the peak of the whole test process, so run
// one benchmark per process for a clean figure, or use
// testdata/bench.sh, which runs the binary under /usr/bin/time -v).
//
//	go test ./cmd/dkg -run '^$' -bench 'Ingest1k$' -benchtime 1x
func BenchmarkIngest1k(b *testing.B)  { benchmarkIngest(b, 1000) }
func BenchmarkIngest10k(b *testing.B) { benchmarkIngest(b, 10000) }

func benchmarkIngest(b *testing.B, n int) {
	corpus := filepath.Join(b.TempDir(), "corpus.jsonl")
	f, err := os.Create(corpus)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := gen.WriteJSONL(w, gen.Options{N: n, Seed: 1, Copies: 0.02}); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	var quads int64
	var elapsed time.Duration
	for i := 0; b.Loop(); i++ {
		db := filepath.Join(b.TempDir(), "db"+strconv.Itoa(i))
		var out, errb bytes.Buffer
		start := time.Now()
		if code := run([]string{"dkg", "--db", db, "ingest", corpus}, strings.NewReader(""), &out, &errb); code != 0 {
			b.Fatalf("ingest: exit %d: %s", code, errb.String())
		}
		elapsed += time.Since(start)
		s, err := graph.OpenReadOnly(db)
		if err != nil {
			b.Fatal(err)
		}
		st, err := s.Stats(b.Context())
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		quads += st.Quads
	}
	sec := elapsed.Seconds()
	b.ReportMetric(float64(n*b.N)/sec, "articles/s")
	b.ReportMetric(float64(quads)/sec, "quads/s")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
}

// peakRSS is the process's peak resident set (VmHWM), in bytes; 0 where
// /proc is missing.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
