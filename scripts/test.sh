#!/usr/bin/env bash
# The test command of README.md: installs what the build needs, builds in Release and runs every test project.
# Ends with one line of totals: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/install-native-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build InfoTheory.sln -c Release 2>&1 | tail -n 3

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
