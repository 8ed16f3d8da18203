#!/usr/bin/env bash
# Issue 22: adult-mtaf-original.yaml (MTA-F on Adult as its authors' code ran it) at 2,000 settings per method: 6,002
# units of about 10 core-seconds each, some 9 hours on this 2-core machine, so more than one sitting. Each sitting
# imports experiments/archive/adult-mtaf-original.units.jsonl.gz into the run store, trains what is missing for as long
# as it is allowed to, and writes every stored unit of the plan back into the archive (also when stopped by the limit
# or by Ctrl+C: a finished unit is never lost). Commit the archive to carry the units to the next sitting. After a
# change to the training code (another numerics version) the import trains 6 of the archived units again (spread over
# the three methods and the references) and takes them all only if each gives its archived result byte for byte.
#
#   bash scripts/adult-mtaf-original.sh [SECONDS]     # SECONDS: stop training after this long (default: run to the end)
#   STORE=/path/runs.db bash scripts/adult-mtaf-original.sh    # another run store (default results/runs.db)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$root/scripts/variant-runs.sh"
build_host
host=(dotnet "$root/src/FairMtl.Host/bin/Release/net10.0/FairMtl.Host.dll")
experiment=experiments/adult-mtaf-original.yaml
archive=experiments/archive/adult-mtaf-original.units.jsonl.gz
store="${STORE:-results/runs.db}"

if [ -f "$archive" ]; then
  "${host[@]}" runs import "$experiment" "$archive" --store "$store" --verify 6
fi
status=0
timeout --signal=INT "${1:-0}" "${host[@]}" run "$experiment" --store "$store" || status=$?
"${host[@]}" runs export "$experiment" "$archive" --store "$store"
"${host[@]}" status "$experiment" --store "$store"
# 124: the time limit stopped it (every finished unit is in the archive); 130: Ctrl+C.
if [ "$status" -ne 0 ] && [ "$status" -ne 124 ] && [ "$status" -ne 130 ]; then
  exit "$status"
fi
