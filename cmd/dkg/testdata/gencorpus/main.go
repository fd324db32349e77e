// Command gencorpus writes a generated corpus of diplomacy articles as JSON
// Lines, for benchmarks of dkg ingest:
//
//	go run ./cmd/dkg/testdata/gencorpus -n 10000 -o corpus.jsonl
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/dkg/dkg/cmd/dkg/testdata/gen"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	seed := flag.Uint64("seed", 1, "random seed")
	copies := flag.Float64("copies", 0.02, "share of syndicated copies")
	out := flag.String("o", "-", "output file (- for standard output)")
	flag.Parse()
	w := os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	if err := gen.WriteJSONL(bw, gen.Options{N: *n, Seed: *seed, Copies: *copies}); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
