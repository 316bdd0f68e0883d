#!/usr/bin/env bash
# Rewrites PublicAPI.Unshipped.txt of each library package from what the code declares public, after a deliberate change
# to the public surface (the build fails with RS0016/RS0017 until the file matches). Review the diff of the .txt files:
# it is the API change. PublicAPI.Shipped.txt is left alone (it is moved over at a release).
# Usage: bash scripts/update-public-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."

for project in InfoTheory InfoTheory.Ilgpu InfoTheory.TorchSharp; do
  dir="src/$project"
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  log=$(mktemp)
  # Warnings stay warnings here so that every undeclared symbol is listed in one build.
  dotnet build "$dir/$project.csproj" -c Release --no-incremental -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  {
    printf '#nullable enable\n'
    grep -E "warning RS0016: .*\[.*/$project\.csproj\]" "$log" \
      | sed -E "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/" \
      | LC_ALL=C sort -u
  } > "$dir/PublicAPI.Unshipped.txt"
  echo "$project: $(($(wc -l < "$dir/PublicAPI.Unshipped.txt") - 1)) public symbols"
  rm -f "$log"
done
