#!/usr/bin/env bash
# Rewrites PublicAPI.Unshipped.txt of each library package from what the code declares public, after a deliberate change
# to the public surface (the build fails with RS0016/RS0017 until the file matches). Review the diff of the .txt files:
# it is the API change. PublicAPI.Shipped.txt is left alone (it is moved over at a release).
# Usage: bash scripts/update-public-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."

for project in InfoTheory InfoTheory.Ilgpu InfoTheory.TorchSharp; do
  dir="src/$project"
  file="$dir/PublicAPI.Unshipped.txt"
  saved=$(mktemp)
  cp "$file" "$saved"
  printf '#nullable enable\n' > "$file"
  log=$(mktemp)
  # Warnings stay warnings here so that every undeclared symbol is listed in one build.
  dotnet build "$dir/$project.csproj" -c Release --no-incremental -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  symbols=$(grep -E "warning RS0016: .*\[.*/$project\.csproj\]" "$log" \
    | sed -E "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/" \
    | LC_ALL=C sort -u || true)
  if [ -z "$symbols" ]; then
    # No symbol listed means the build stopped before the analyzer ran: keep the file and show why.
    cp "$saved" "$file"
    grep -E " error |error [A-Z]+[0-9]+" "$log" | sort -u | head -20 >&2
    echo "$project: the build listed no public symbol; $file is left as it was" >&2
    rm -f "$log" "$saved"
    exit 1
  fi
  printf '#nullable enable\n%s\n' "$symbols" > "$file"
  echo "$project: $(($(wc -l < "$file") - 1)) public symbols"
  rm -f "$log" "$saved"
done
