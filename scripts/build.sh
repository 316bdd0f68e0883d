#!/usr/bin/env bash
# Installs the native tools the build needs (only those missing) and builds the solution in Release.
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/install-native-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build InfoTheory.sln -c Release 2>&1 | tail -n 3
