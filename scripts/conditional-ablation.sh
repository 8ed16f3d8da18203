#!/usr/bin/env bash
# Issue 23: how the conditional model's settings move its front. Runs experiments/parkinson-10seeds.yaml (a model per
# alpha and seed) once, then experiments/parkinson-conditional.yaml with each variant of its 'conditional:' line, and
# compares each with the sweep (the 'fronts' command): hypervolume per seed against the sweep's baselines (mean and 95%
# t interval), the paired difference (mean, interval, exact Wilcoxon p) and the ratio of optimizer steps.
# REPRODUCTION.md, "One model for the whole front", quotes its output.
#
#   bash scripts/conditional-ablation.sh ["{ sampling: per-batch, epochs: 200 }" ...]    # default: the variants below
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ "$#" -eq 0 ]; then
  set -- \
    "{ sampling: per-row, film: true, epochs: 200, grid: 0 }" \
    "{ sampling: per-batch, film: true, epochs: 200, grid: 0 }" \
    "{ sampling: per-row, film: false, epochs: 200, grid: 0 }" \
    "{ sampling: per-batch, film: false, epochs: 200, grid: 0 }" \
    "{ sampling: per-row, distribution: points, film: true, epochs: 200, grid: 0 }" \
    "{ sampling: per-row, film: true, epochs: 100, grid: 0 }" \
    "{ sampling: per-row, film: true, epochs: 250, grid: 0 }"
fi

. "$root/scripts/variant-runs.sh"
build_host
host="$root/src/FairMtl.Host/bin/Release/net10.0/FairMtl.Host.dll"
run_variant parkinson-10seeds sweep -v name=ablation-sweep -v data="$root/experiments/data/"
printf '%-80s %-26s %-36s %s\n' "conditional" "hypervolume" "minus the sweep's (Wilcoxon p)" "steps"
awk -F, 'NR == 2 { printf "%-80s %.4f [%.4f, %.4f]\n", "(the sweep: a model per alpha)", $3, $5, $6 }' \
  <(dotnet "$host" fronts "$work/out-sweep" "$work/out-sweep" --out "$work/self" > /dev/null && cat "$work/self/fronts-ablation-sweep/hypervolume.csv")
index=0
for conditional in "$@"; do
  index=$((index + 1))
  run_variant parkinson-conditional "$index" -v name="ablation-$index" -v data="$root/experiments/data/" -v conditional="$conditional"
  dotnet "$host" fronts "$work/out-$index" "$work/out-sweep" --out "$work/fronts-$index" > "$work/fronts-$index.log"
  folder="$work/fronts-$index/fronts-ablation-sweep"
  ratio=$(awk -F, '$1 == "optimizer_steps" { printf "%.3f", $4 }' "$folder/cost.csv")
  awk -F, -v label="$conditional" -v ratio="$ratio" '
    $1 ~ /^ablation-[0-9]+$/ { hv = sprintf("%.4f [%.4f, %.4f]", $3, $5, $6) }
    $1 == "difference" { diff = sprintf("%+.4f [%+.4f, %+.4f] (%.3g)", $3, $5, $6, $7) }
    END { printf "%-80s %-26s %-36s %s\n", label, hv, diff, ratio }' "$folder/hypervolume.csv"
done
