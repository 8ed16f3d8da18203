#!/usr/bin/env bash
# Runs an experiment too long for one sitting (issue 22: adult-mtaf-original.yaml and adult-mtaf-text.yaml at 2,000
# settings per method, 6,002 units of 2-8 core-seconds each, about 5 hours each on this 2-core machine) a sitting at a
# time. Each sitting imports experiments/archive/NAME.units.jsonl.gz (if there is one) into the run store, trains what
# is missing for as long as it is allowed to, and writes every stored unit of the plan back into the archive (also when
# stopped by the limit or by Ctrl+C: a finished unit is never lost). Commit the archive to carry the units to the next
# sitting. After a change to the training code (another numerics version) the import trains 6 of the archived units
# again (spread over the methods and the references) and takes them all only if each gives its archived result byte
# for byte. When the last unit is in, the run writes its tables to results/NAME/.
#
#   bash scripts/archived-run.sh NAME [SECONDS]    # NAME: experiments/NAME.yaml; SECONDS: stop training after this long
#                                                  # (default: run to the end)
#   STORE=/path/runs.db bash scripts/archived-run.sh NAME    # another run store (default results/runs.db)
#   THREADS=1 bash scripts/archived-run.sh NAME    # fewer training threads (default: every core)
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: bash scripts/archived-run.sh NAME [SECONDS]   (NAME: an experiment in experiments/, e.g. adult-mtaf-original)" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
name="${1%.yaml}"
name="${name#experiments/}"
experiment="experiments/$name.yaml"
[ -f "$experiment" ] || { echo "archived-run.sh: no experiment $experiment" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$root/scripts/variant-runs.sh"
build_host
host=(dotnet "$root/src/FairMtl.Host/bin/Release/net10.0/FairMtl.Host.dll")
archive="experiments/archive/$name.units.jsonl.gz"
store="${STORE:-results/runs.db}"
threads=()
if [ -n "${THREADS:-}" ]; then
  threads=(--threads "$THREADS")
fi

if [ -f "$archive" ]; then
  "${host[@]}" runs import "$experiment" "$archive" --store "$store" --verify 6
fi
status=0
timeout --signal=INT "${2:-0}" "${host[@]}" run "$experiment" --store "$store" "${threads[@]}" || status=$?
"${host[@]}" runs export "$experiment" "$archive" --store "$store"
"${host[@]}" status "$experiment" --store "$store"
# 124: the time limit stopped it (every finished unit is in the archive); 130: Ctrl+C.
if [ "$status" -ne 0 ] && [ "$status" -ne 124 ] && [ "$status" -ne 130 ]; then
  exit "$status"
fi
