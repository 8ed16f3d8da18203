#!/usr/bin/env bash
# Which COMPAS input gives a single-task AUC of 95% (the auxiliary-task paper's Table 1)? Trains the single-task
# baseline of experiments/compas-race-sex-paper.yaml (the paper's protocol: SGD, 10 repetitions) once with its usual
# inputs and once per candidate column added to them, and prints AUC, EOpD(race) and EOpD(sex) as mean ± sd.
# REPRODUCTION.md, "The paper's Table 1 beside ours", quotes its output.
#
#   bash scripts/compas-input-ablation.sh [column-set ...]     # e.g. "event" "event, end"; default: the sets below
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ "$#" -eq 0 ]; then
  set -- "" "decile_score" "decile_score, v_decile_score" "is_violent_recid" "end" "event" "is_recid" "event, end"
fi

. "$root/scripts/variant-runs.sh"
build_host
printf '%-30s %-16s %-16s %-16s\n' "added inputs" "AUC" "EOpD(race)" "EOpD(sex)"
index=0
for columns in "$@"; do
  index=$((index + 1))
  extra=""
  [ -n "$columns" ] && extra=", $columns"
  # The experiment with its data path made absolute, the extra columns appended to its inputs and STL as the only method.
  run_variant compas-race-sex-paper "$index" -v name="compas-ablation-$index" -v method="STL: { kind: single-task }" \
    -v data="$root/experiments/data/" -v extra="$extra"
  awk -F, -v label="${columns:-(the usual seven)}" '
    NR == 1 { for (i = 1; i <= NF; i++) column[$i] = i; next }
    $1 == "STL" {
      printf "%-30s %5.1f ± %-8.1f %5.1f ± %-8.1f %5.1f ± %-8.1f\n", label,
        100 * $column["AUC"], 100 * $column["AUC_sd"], 100 * $column["EOpD(race)"], 100 * $column["EOpD(race)_sd"],
        100 * $column["EOpD(sex)"], 100 * $column["EOpD(sex)_sd"]
    }' "$work/out-$index/methods.csv"
done
