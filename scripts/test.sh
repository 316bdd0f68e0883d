#!/usr/bin/env bash
# The test command of README.md: installs what the build needs, builds in Release and runs every test project.
# Ends with one line of totals: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
exec bash scripts/run-tests.sh
