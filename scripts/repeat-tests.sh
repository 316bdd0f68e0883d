#!/usr/bin/env bash
# Runs the whole suite N times (default 5) on one Release build and prints how many runs were green: a test that fails
# in some runs only is a bug to find, never a tolerance to loosen. The full output of each red run is kept in
# out/repeat-tests/run-<i>.log. Usage: bash scripts/repeat-tests.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "error: N must be a positive integer, got '$runs'; usage: bash scripts/repeat-tests.sh [N]" >&2
  exit 2
fi

bash scripts/build.sh
mkdir -p out/repeat-tests
green=0
for ((i = 1; i <= runs; i++)); do
  log="out/repeat-tests/run-$i.log"
  start=$SECONDS
  if bash scripts/run-tests.sh >"$log" 2>&1; then
    green=$((green + 1))
    verdict=green
  else
    verdict="red (log: $log)"
  fi
  echo "run $i of $runs: $(tail -n 1 "$log") in $((SECONDS - start)) s: $verdict"
  [ "$verdict" = green ] && rm -f "$log"
done
echo "$green of $runs runs green"
[ "$green" -eq "$runs" ]
