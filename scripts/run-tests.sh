#!/usr/bin/env bash
# Runs every test project of the solution against the existing Release build (scripts/build.sh) and ends with one
# line of totals: "N passed, N failed, N skipped". Exit status 0 only when nothing failed.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
status=0
dotnet test InfoTheory.sln -c Release --no-build 2>&1 | tee "$log" || status=$?

# Sum the per-assembly summaries ("Failed:     0, Passed:    75, Skipped:     0, Total: ...").
awk '/(Passed|Failed)! *- *Failed:/ {
        gsub(",", "");
        for (i = 1; i <= NF; i++) {
            if ($i == "Failed:") f += $(i + 1);
            if ($i == "Passed:") p += $(i + 1);
            if ($i == "Skipped:") s += $(i + 1);
        }
        seen = 1
     }
     END { if (!seen) { print "0 passed, 1 failed (no test summary found)"; exit 1 } printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log" || status=1
rm -f "$log"
exit "$status"
