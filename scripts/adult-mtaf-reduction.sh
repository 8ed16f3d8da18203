#!/usr/bin/env bash
# Vanilla MTL of the MTA-F experiments on Adult, and what the loss reduction does to it: none of the 2,000 vanilla runs
# of experiments/adult-mtaf-original.yaml (the authors' code: each loss summed over its rows) reaches the paper's
# vanilla point (ARFG 0.3444, ARE 1.1040). This script trains vanilla MTL alone at the first RUNS settings (default
# 100) three ways: as the code (reduction: sum), the same with each loss averaged over its rows (reduction: mean, the
# paper's Algorithm 1; nothing else changed), and as experiments/adult-mtaf-text.yaml (means and the text's inputs);
# it prints each one's selected point and the ranges of ARE, ARFG and the income task's error over its runs.
# REPRODUCTION.md ("Adult as the code ran it") quotes its output.
#
#   bash scripts/adult-mtaf-reduction.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ln -s "$root/experiments/data" "$work/data"

. "$root/scripts/variant-runs.sh"
build_host
mtl="MTL: { kind: multi-task }"
run_variant adult-mtaf-original sum -v name=adult-mtl-sum -v method="$mtl" -v runs="$runs"
run_variant adult-mtaf-original mean -v name=adult-mtl-mean -v method="$mtl" -v runs="$runs" -v reduction=mean
run_variant adult-mtaf-text text -v name=adult-mtl-text -v method="$mtl" -v runs="$runs"
printf '%-6s %-15s %-15s %-13s %-13s %-13s\n' variant "selected ARFG" "selected ARE" "ARE range" "ARFG range" "income error"
for label in sum mean text; do
  awk -F, -v label="$label" '
    FNR == 1 { split("", column); for (i = 1; i <= NF; i++) column[$i] = i; next }
    $1 != "MTL" { next }
    FILENAME ~ /methods.csv$/ { arfg = $column["ARFG"]; are = $column["ARE"]; next }
    {
      e = $column["ARE"] + 0; a = $column["ARFG"] + 0; t = $column["error(income)"] + 0
      if (n == 0 || e < emin) emin = e; if (n == 0 || e > emax) emax = e
      if (n == 0 || a < amin) amin = a; if (n == 0 || a > amax) amax = a
      if (n == 0 || t < tmin) tmin = t; if (n == 0 || t > tmax) tmax = t
      n++
    }
    END { printf "%-6s %-15.3f %-15.3f %.3f-%-7.3f %.3f-%-7.3f %.3f-%.3f\n", label, arfg, are, emin, emax, amin, amax, tmin, tmax }' \
    "$work/out-$label/methods.csv" "$work/out-$label/runs.csv"
done
