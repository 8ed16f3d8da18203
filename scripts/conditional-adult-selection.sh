#!/usr/bin/env bash
# Issue 23: why adult-sex-conditional's lambda fronts lose to adult-sex's. Runs three experiments on the same 10
# repetitions: adult-sex-conditional (one loss-conditional model per method and repetition, its last of 40 epochs),
# its twin with a model per lambda trained exactly as long and also kept at its last epoch (the same file without
# 'conditional', 'epochs: 40' and 'selection: last-epoch'), and adult-sex (a model per lambda, the best validation
# epoch of 50); then 'fronts --reference nadir' for conditional vs twin, twin vs adult-sex and conditional vs adult-sex.
# REPRODUCTION.md, "One model for the whole front", quotes its output. About 5 minutes on 2 cores.
#
#   bash scripts/conditional-adult-selection.sh [OUT]      # OUT: where the results folders go (default: a temporary folder)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${1:-$work}"

. "$root/scripts/variant-runs.sh"
build_host
host="$root/src/FairMtl.Host/bin/Release/net10.0/FairMtl.Host.dll"
sed -e "s#file: data/#file: $root/experiments/data/#" "$root/experiments/adult-sex-conditional.yaml" > "$work/conditional.yaml"
sed -e 's/^name: adult-sex-conditional$/name: adult-sex-last-epoch/' -e '/^  conditional: {/d' \
  -e 's/^  epochs: 50$/  epochs: 40\n  selection: last-epoch/' "$work/conditional.yaml" > "$work/last-epoch.yaml"
grep -q "conditional:" "$work/last-epoch.yaml" && { echo "the per-lambda twin still has a conditional front" >&2; exit 1; }
grep -q "selection: last-epoch" "$work/last-epoch.yaml" || { echo "the per-lambda twin has no last-epoch selection" >&2; exit 1; }
sed -e "s#file: data/#file: $root/experiments/data/#" "$root/experiments/adult-sex.yaml" > "$work/best-epoch.yaml"
for variant in conditional last-epoch best-epoch; do
  dotnet "$host" "$work/$variant.yaml" --out "$out/$variant" --no-store > "$work/$variant.log" 2>&1 || { cat "$work/$variant.log"; exit 1; }
  tail -2 "$work/$variant.log" | head -1
done
for pair in "conditional last-epoch" "last-epoch best-epoch" "conditional best-epoch"; do
  set -- $pair
  echo "== $1 against $2"
  dotnet "$host" fronts "$out/$1" "$out/$2" --reference nadir --out "$out/fronts-$1-$2"
done
