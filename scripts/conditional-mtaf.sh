#!/usr/bin/env bash
# Issue 23: experiments/adult-mtaf-conditional.yaml (one loss-conditional model per method and repetition) beside its
# twin that trains a model per setting (the same file without 'conditional'), 10 repetitions each, then the 'fronts'
# comparison of every method: hypervolume of (ARFG, ARE) per repetition against (1, 1), the single-task references'
# own point (mean, 95% t interval, paired difference), per-setting paired differences, and the cost.
# REPRODUCTION.md, "One model for the whole front", quotes its output. About 13 minutes on 2 cores.
#
#   bash scripts/conditional-mtaf.sh [OUT]      # OUT: where both results folders go (default: a temporary folder)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${1:-$work}"

. "$root/scripts/variant-runs.sh"
build_host
host="$root/src/FairMtl.Host/bin/Release/net10.0/FairMtl.Host.dll"
sed -e "s#file: data/#file: $root/experiments/data/#" "$root/experiments/adult-mtaf-conditional.yaml" > "$work/conditional.yaml"
sed -e 's/^name: adult-mtaf-conditional$/name: adult-mtaf-per-setting/' -e 's/, conditional: { [^}]* }//' "$work/conditional.yaml" > "$work/per-setting.yaml"
grep -q "conditional:" "$work/per-setting.yaml" && { echo "the per-setting twin still has a conditional sweep" >&2; exit 1; }
for variant in conditional per-setting; do
  dotnet "$host" "$work/$variant.yaml" --out "$out/$variant" --no-store > "$work/$variant.log" 2>&1 || { cat "$work/$variant.log"; exit 1; }
  tail -2 "$work/$variant.log" | head -1
done
dotnet "$host" fronts "$out/conditional" "$out/per-setting" --out "$out"
