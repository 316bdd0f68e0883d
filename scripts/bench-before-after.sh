#!/usr/bin/env bash
# Before/after timing of the cases a refactoring must not slow down (benchmarks/InfoTheory.Benchmarks/
# NoSlowdownBenchmarks.cs), in one session: the benchmark project is built once against a "before" commit (exported with
# git archive, the benchmark file copied in) and once against this working tree, then BenchmarkDotNet runs the two
# alternately, before, after, before, after, … so that a change in the machine's load falls on both sides alike.
#
#   scripts/bench-before-after.sh [before-ref=main] [rounds=2] [out=/tmp/bench-before-after]
#   (ITERATIONS=15 and WARMUP=3 by default: fewer keep the slowest case, about 12 s an operation on a 2-core AVX2 machine,
#   inside BenchmarkDotNet's time limit for in-process runs)
#
# Prints per case each round's mean and minimum, and the ratios after ÷ before of the medians of the means over rounds
# and of the smallest minima (load on a shared machine only adds time, so the minima are the steadier comparison); the
# BenchmarkDotNet reports stay under out/. Then benchmarks/InfoTheory.PairedTiming loads both builds into one process and
# alternates them call by call (PAIRS, default "PID C=16=201;KSG-1 N=50000=101;S_1.01 N=2048=41;S_1.01 N=4096=15"), which
# separate BenchmarkDotNet runs cannot do: on a shared 2-core machine their round-to-round drift reached ±15 %.
set -euo pipefail
before_ref=${1:-main}
rounds=${2:-2}
iterations=${ITERATIONS:-15}
warmup=${WARMUP:-3}
out=${3:-/tmp/bench-before-after}
root=$(cd "$(dirname "$0")/.." && pwd)
bench=benchmarks/InfoTheory.Benchmarks
# SourceLink needs a .git directory, which an exported tree has not; off on both sides alike.
props=(-c Release -p:EnableSourceLink=false -p:EnableSourceControlManagerQueries=false)

rm -rf "$out/before"
mkdir -p "$out/before"
git -C "$root" archive "$before_ref" | tar -x -C "$out/before"
cp "$root/$bench/NoSlowdownBenchmarks.cs" "$out/before/$bench/"
echo "before: $(git -C "$root" rev-parse --short "$before_ref") ($before_ref); after: $(git -C "$root" rev-parse --short HEAD) + working tree"
dotnet build "$out/before/$bench" "${props[@]}" -v q -nologo
dotnet build "$root/$bench" "${props[@]}" -v q -nologo
dotnet build "$root/benchmarks/InfoTheory.PairedTiming" "${props[@]}" -v q -nologo

for r in $(seq 1 "$rounds"); do
  for side in before after; do
    dir=$([ "$side" = before ] && echo "$out/before" || echo "$root")
    rm -rf "$out/$side-$r"
    (cd "$dir" && dotnet "$bench/bin/Release/net10.0/InfoTheory.Benchmarks.dll" --filter '*NoSlowdownBenchmarks*' --inProcess \
      --launchCount 1 --warmupCount "$warmup" --iterationCount "$iterations" --artifacts "$out/$side-$r" > "$out/$side-$r.log")
    echo "round $r $side done ($(date -u +%H:%M:%S))"
  done
done

/usr/bin/python3 - "$out" "$rounds" <<'EOF'
import csv, glob, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def ms(text):
    value, unit = text.replace(',', '').split()
    return float(value) * {'ns': 1e-6, 'us': 1e-3, 'μs': 1e-3, 'ms': 1, 's': 1e3}[unit]
means = {}
for side in ('before', 'after'):
    for r in range(1, rounds + 1):
        report = glob.glob(f'{out}/{side}-{r}/results/*NoSlowdownBenchmarks-report.csv')[0]
        for row in csv.DictReader(open(report), delimiter=','):
            means.setdefault(row['Case'], {}).setdefault(side, []).append((ms(row['Mean']), ms(row['StdDev']), ms(row['Min'])))
print('| case | before: mean ± SD (min) per round, ms | after: mean ± SD (min) per round, ms | after ÷ before: median mean | after ÷ before: min |')
print('| --- | --- | --- | ---: | ---: |')
for case, sides in means.items():
    cell = lambda s: ', '.join(f'{m:.4g} ± {d:.2g} ({lo:.4g})' for m, d, lo in sides[s])
    ratio = statistics.median(m for m, _, _ in sides['after']) / statistics.median(m for m, _, _ in sides['before'])
    low = min(lo for _, _, lo in sides['after']) / min(lo for _, _, lo in sides['before'])
    print(f'| {case} | {cell("before")} | {cell("after")} | {ratio:.3f} | {low:.3f} |')
EOF

echo
echo "Paired, one process:"
dotnet "$root/benchmarks/InfoTheory.PairedTiming/bin/Release/net10.0/InfoTheory.PairedTiming.dll" \
  "$out/before/$bench/bin/Release/net10.0/InfoTheory.Benchmarks.dll" "$root/$bench/bin/Release/net10.0/InfoTheory.Benchmarks.dll" \
  "${PAIRS:-PID C=16=201;KSG-1 N=50000=101;S_1.01 N=2048=41;S_1.01 N=4096=15}"
