#!/usr/bin/env bash
# Under the MTA-F authors' code, German credit's FPR-gap "loss" is built from Keras metric counters and has no
# gradient, so BASE-FPR and MTAF-FPR train exactly as vanilla MTL does at the same task weights: the paper's three
# German rows are three draws of random settings put through one selection rule. This script measures how far such
# draws move the selected point: vanilla MTL of experiments/german-mtaf.yaml alone, with sweep seeds 1..N (default 10)
# and RUNS settings each (default 2,000), the paper's selection applied to each; it prints the selected ARFG and ARE.
# REPRODUCTION.md ("MTA-F as its authors' code ran it") quotes its output.
#
#   bash scripts/german-selection-draws.sh [N] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
draws="${1:-10}"
runs="${2:-2000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ln -s "$root/experiments/data" "$work/data"

. "$root/scripts/variant-runs.sh"
build_host
printf '%-11s %-8s %-8s %-10s\n' "sweep seed" "ARFG" "ARE" "w1"
for seed in $(seq 1 "$draws"); do
  run_variant german-mtaf "$seed" -v name="german-mtl-draw-$seed" -v method="MTL: { kind: multi-task }" -v seed="$seed" -v runs="$runs"
  awk -F, -v seed="$seed" '
    NR == 1 { for (i = 1; i <= NF; i++) column[$i] = i; next }
    $1 == "MTL" { printf "%-11s %-8.3f %-8.3f %-10.3f\n", seed, $column["ARFG"], $column["ARE"], $column["w1"] }' "$work/out-$seed/methods.csv"
done
