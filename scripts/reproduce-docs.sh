#!/usr/bin/env bash
# Runs every experiment of `infotheory reproduce` at full size (or those named) and rewrites docs/reproduction.md from
# the reports, copying their figures to docs/figures/reproduction/NAME/. Each run's default size takes up to 15 minutes
# on 2 cores. Seed 1 unless SEED is set; the runs stay under out/reproduce (or $OUT).
#   bash scripts/reproduce-docs.sh [NAME ...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-native-deps.sh >/dev/null
out=${OUT:-out/reproduce}
seed=${SEED:-1}
dotnet build src/InfoTheory.Cli -c Release -v q -nologo
cli=(dotnet src/InfoTheory.Cli/bin/Release/net10.0/InfoTheory.Cli.dll)
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <("${cli[@]}" reproduce --list | awk '{print $1}')
fi
for name in "${names[@]}"; do
  "${cli[@]}" reproduce "$name" --seed "$seed" --out "$out/$name"
done
"${cli[@]}" reproduce --docs docs/reproduction.md --runs "$out"
