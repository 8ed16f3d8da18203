#!/usr/bin/env bash
# The cluster path end to end on one machine: starts a single-node Slurm (munged, slurmctld, slurmd) and a
# PostgreSQL server on 127.0.0.1, both in a temporary folder; submits experiments/parkinson.yaml as a 4-task job array
# of workers sharing the PostgreSQL run store, with a collect job after it; waits; runs the same experiment locally;
# compares the tables and figures byte for byte and prints "identical" (or the files that differ, and exits 1).
# Stops what it started and removes the folder, also when it fails.
#
# Usage: bash scripts/cluster-demo.sh [EXPERIMENT]     (as root; default experiments/parkinson.yaml)
# Installs the Debian packages it needs (scripts/install-cluster-dependencies.sh) and builds the host (Release).
set -euo pipefail
cd "$(dirname "$0")/.."
experiment=${1:-experiments/parkinson.yaml}

bash scripts/install-cluster-dependencies.sh >&2
work=$(mktemp -d /tmp/fairmtl-cluster-demo-XXXXXX)
chmod 755 "$work" # the server runs as the user postgres, which must enter it
cleanup() {
  bash scripts/slurm.sh stop "$work/slurm" >/dev/null 2>&1 || true
  bash scripts/postgres.sh stop "$work/postgres" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "cluster-demo: building the host" >&2
dotnet build -c Release -v quiet -nologo src/FairMtl.Host >&2
host=(dotnet "$PWD/src/FairMtl.Host/bin/Release/net10.0/FairMtl.Host.dll")

postgres_exports=$(bash scripts/postgres.sh start "$work/postgres")
slurm_exports=$(bash scripts/slurm.sh start "$work/slurm")
eval "$postgres_exports"
eval "$slurm_exports"
export PGPASSFILE FAIRMTL_PG_URL SLURM_CONF
echo "cluster-demo: PostgreSQL at $FAIRMTL_PG_URL, Slurm config $SLURM_CONF" >&2

started=$(date +%s%N)
submitted=$("${host[@]}" submit "$experiment" --slurm --array 4 --store "$FAIRMTL_PG_URL" --out "$work/cluster")
echo "$submitted"
ids=$(sed -n 's/^Submitted worker array \([0-9]*\) .* collect job \([0-9]*\) .*/\1,\2/p' <<<"$submitted")
[ -n "$ids" ] || { echo "cluster-demo: submit printed no job ids" >&2; exit 1; }
while [ -n "$(squeue -h -j "$ids" -o %i)" ]; do
  sleep 0.5
done
cluster_ms=$((($(date +%s%N) - started) / 1000000))
collect_log=$(ls "$work"/cluster/slurm/collect-*.out)
tail -n 3 "$collect_log"
"${host[@]}" status "$experiment" --store "$FAIRMTL_PG_URL"

started=$(date +%s%N)
"${host[@]}" run "$experiment" --no-store --out "$work/local" >/dev/null
local_ms=$((($(date +%s%N) - started) / 1000000))
echo "cluster-demo: 4-task array and collect job ${cluster_ms} ms (submission to the end of collect), local run ${local_ms} ms"

differ=0
for file in "$work"/local/*.csv "$work"/local/figures/*.svg; do
  relative=${file#"$work/local/"}
  if ! cmp -s "$file" "$work/cluster/$relative"; then
    echo "differs: $relative" >&2
    differ=1
  fi
done
if [ "$differ" -ne 0 ]; then
  echo "cluster-demo: the collected tables differ from the local run's" >&2
  exit 1
fi
echo "identical"
