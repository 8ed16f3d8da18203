#!/usr/bin/env bash
# Installs Debian packages for the other scripts: as root, or through sudo; apt-get update, then
# apt-get install -y --no-install-recommends. While it runs, a /usr/sbin/policy-rc.d that refuses service starts
# ("exit 101", the usual Docker one) keeps the packages' init scripts from starting system-wide services (a
# PostgreSQL on port 5432, munged, slurmd): the project's scripts run their own copies in a folder. An existing
# policy-rc.d is left alone.
#
# Usage: bash scripts/apt-install.sh CALLER PACKAGE...     (CALLER names the script in messages)
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: scripts/apt-install.sh CALLER PACKAGE..." >&2; exit 1; }
me=$1
shift
packages=("$@")

if [ "$(id -u)" -eq 0 ]; then
  run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
  run_as_root=(sudo)
else
  echo "$me: ${packages[*]} missing and installing needs root (no sudo found);" >&2
  echo "  run as root: apt-get update && apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "$me: ${packages[*]} missing and apt-get is not available; install these packages by hand" >&2
  exit 1
fi

policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  echo "$me: + temporarily writing $policy (exit 101) so apt-get starts no services"
  printf '#!/bin/sh\n# written by scripts/apt-install.sh during apt-get; removed afterwards\nexit 101\n' |
    "${run_as_root[@]}" tee "$policy" >/dev/null
  "${run_as_root[@]}" chmod 0755 "$policy"
  trap '"${run_as_root[@]}" rm -f "$policy"' EXIT
fi

echo "$me: + ${run_as_root[*]:-}${run_as_root[*]:+ }apt-get update"
if ! "${run_as_root[@]}" apt-get update; then
  echo "$me: apt-get update failed; check the network and /etc/apt/sources.list*, then run this script again" >&2
  exit 1
fi
echo "$me: + ${run_as_root[*]:-}${run_as_root[*]:+ }apt-get install -y --no-install-recommends ${packages[*]}"
if ! "${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"; then
  echo "$me: apt-get install ${packages[*]} failed (see above); fix the apt error and run this script again" >&2
  exit 1
fi
