#!/usr/bin/env bash
# Runs every experiment of `infotheory reproduce` at full size (or those named) and rewrites docs/reproduction.md from
# the reports, copying their figures and report.json to docs/figures/reproduction/NAME/ (experiments not named keep
# the reports stored there). Each run's default size takes up to 15 minutes
# on 2 cores. Seed 1 unless SEED is set; the runs stay under out/reproduce (or $OUT).
#   bash scripts/reproduce-docs.sh [NAME ...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-native-deps.sh >/dev/null
out=${OUT:-out/reproduce}
seed=${SEED:-1}
dotnet build src/InfoTheory.Cli -c Release -v q -nologo
# The runs take the better part of an hour: they use a copy of the build, so rebuilding meanwhile cannot swap the CLI under them.
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cp -r src/InfoTheory.Cli/bin/Release/net10.0/. "$build"
cli=(dotnet "$build/InfoTheory.Cli.dll")
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <("${cli[@]}" reproduce --list | awk '{print $1}')
fi
for name in "${names[@]}"; do
  "${cli[@]}" reproduce "$name" --seed "$seed" --out "$out/$name"
done
"${cli[@]}" reproduce --docs docs/reproduction.md --runs "$out"
