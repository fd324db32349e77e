#!/bin/sh
# bench.sh: ingest a generated corpus of N articles (default 1000 and 10000)
# into a fresh store with the dkg binary under /usr/bin/time -v, then load
# it again, and print articles/s, quads/s and peak RSS for each run.
#
#   sh cmd/dkg/testdata/bench.sh            # 1k and 10k
#   sh cmd/dkg/testdata/bench.sh 2000       # one size
#
# Run from the repository root. The corpus comes from testdata/gen (our own
# templates over the dictionaries' officials, countries and issues; 2 %
# syndicated copies).
set -eu
sizes=${*:-1000 10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/dkg" ./cmd/dkg
go build -o "$work/gencorpus" ./cmd/dkg/testdata/gencorpus
printf '%-8s %-7s %9s %7s %11s %10s %8s %s\n' articles run seconds cpu-s articles/s quads/s peak-MB result
for n in $sizes; do
	"$work/gencorpus" -n "$n" -o "$work/corpus-$n.jsonl"
	db="$work/db-$n"
	for run in fresh again; do
		/usr/bin/time -v "$work/dkg" --db "$db" ingest "$work/corpus-$n.jsonl" >"$work/out" 2>"$work/time"
		secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
		kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
		cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/time")
		quads=$("$work/dkg" --db "$db" stats | awk '$1 == "quads" { print $2 }')
		total=$(grep '^total:' "$work/out" | sed 's/ (.*//; s/^total: //')
		awk -v n="$n" -v run="$run" -v s="$secs" -v c="$cpu" -v q="$quads" -v kb="$kb" -v t="$total" \
			'BEGIN { printf "%-8d %-7s %9.1f %7.1f %11.1f %10.0f %8.0f %s\n", n, run, s, c, n/s, (run == "fresh" ? q/s : 0), kb/1024, t }'
	done
done
echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
