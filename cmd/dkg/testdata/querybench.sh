#!/bin/sh
# querybench.sh: the ready-made questions as a user runs them, through the
# dkg binary (process start, store open, name lookup, query, output), on the
# generated store of N articles that BenchmarkReadyMade uses. Prints the
# median and the slowest wall time of R runs of each command, in ms.
#
#   sh cmd/dkg/testdata/querybench.sh             # 10,000 articles, 15 runs
#   sh cmd/dkg/testdata/querybench.sh 2000 5
#
# Run from the repository root. The names are people, issues and countries
# of the generated store (graph/readymade_bench_test.go, seed 42).
set -eu
n=${1:-10000}
runs=${2:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/dkg" ./cmd/dkg
DKG_BENCH_STORE="$work/db" DKG_BENCH_ARTICLES="$n" go test ./graph -run TestBuildGeneratedStore -count=1 >/dev/null
printf '%-55s %8s %8s\n' command p50-ms max-ms
while IFS= read -r cmd; do
	i=0
	: >"$work/times"
	while [ "$i" -lt "$runs" ]; do
		start=$(date +%s%N)
		eval "\"$work/dkg\" --db \"$work/db\" $cmd --format json" >/dev/null
		end=$(date +%s%N)
		echo $(((end - start) / 1000000)) >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk -v c="$cmd" '{ t[NR] = $1 } END { printf "%-55s %8d %8d\n", c, t[int((NR + 1) / 2)], t[NR] }'
done <<'EOF'
people --country India --limit 50
people --limit 50
person 'Dorian Fairholm' --limit 50
person 'Ulric Okonkwo' --limit 50
meetings --with 'Dorian Fairholm' --limit 50
meetings --between 'Ulric Okonkwo' --and 'Dorian Fairholm'
meetings --about trade --since 2024 --limit 50
issues
issue energy --limit 50
quotes --by 'Dorian Fairholm' --limit 50
quotes --about energy --limit 50
timeline 'Dorian Fairholm' --limit 50
path 'Ulric Okonkwo' 'Dorian Fairholm'
EOF
