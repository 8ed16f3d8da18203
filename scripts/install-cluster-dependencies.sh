#!/usr/bin/env bash
# Installs the Debian packages that scripts/postgres.sh and scripts/slurm.sh need:
#   postgresql  PostgreSQL server + client (initdb, pg_ctl, postgres under /usr/lib/postgresql/<version>/bin, psql)
#   slurm-wlm   Slurm (slurmctld, slurmd, sbatch, squeue, sinfo, scontrol, scancel)
#   munge       munged, the authentication daemon Slurm uses
#
# Usage: scripts/install-cluster-dependencies.sh        (as root, or as a user with sudo)
#
# Idempotent: it first looks for the programs (initdb + pg_ctl + postgres under /usr/lib/postgresql/*/bin, psql,
# sbatch, slurmctld, slurmd, munged) and calls apt-get only for the packages whose programs are missing; when
# everything is there it changes nothing. Packages are installed with --no-install-recommends (the recommends,
# e.g. sysstat, logrotate, slurm-wlm-plugins, are not needed by the scripts).
#
# The packages' init scripts would otherwise start a system-wide PostgreSQL on port 5432 and a system munged/slurmd
# from /etc; scripts/postgres.sh and scripts/slurm.sh run their own copies in a folder instead. So, when the machine
# has no /usr/sbin/policy-rc.d, one that refuses service starts ("exit 101", the usual Docker one) is put there for
# the duration of apt-get and removed afterwards. An existing policy-rc.d is left alone.
set -euo pipefail

me=install-cluster-dependencies

# Finds a program on PATH or in the sbin folders (a non-root user's PATH often lacks /usr/sbin).
have_program() {
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]
}

# The newest PostgreSQL bin folder that has initdb, pg_ctl and postgres; empty when there is none.
# /usr/local/bin/pg_ctl and friends are not enough: they are links a fresh machine may not have.
postgres_bin() {
  local dir newest=""
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      newest=$dir
    fi
  done
  echo "$newest"
}

missing_packages() {
  local packages=()
  if [ -z "$(postgres_bin)" ] || ! have_program psql; then packages+=(postgresql); fi
  if ! have_program sbatch || ! have_program slurmctld || ! have_program slurmd; then packages+=(slurm-wlm); fi
  if ! have_program munged; then packages+=(munge); fi
  echo "${packages[*]:-}"
}

read -r -a packages <<<"$(missing_packages)"
if [ "${#packages[@]}" -eq 0 ]; then
  echo "$me: postgresql ($(postgres_bin)), slurm-wlm and munge already installed"
  exit 0
fi
echo "$me: missing: ${packages[*]}"

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

# Keep the packages' init scripts from starting system-wide services during the install (see the top).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  echo "$me: + temporarily writing $policy (exit 101) so apt-get starts no services"
  printf '#!/bin/sh\n# written by scripts/install-cluster-dependencies.sh during apt-get; removed afterwards\nexit 101\n' |
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

still_missing=$(missing_packages)
if [ -n "$still_missing" ]; then
  echo "$me: apt-get finished but the programs of these packages are still missing: $still_missing" >&2
  echo "  expected /usr/lib/postgresql/<version>/bin/{initdb,pg_ctl,postgres}, psql, sbatch, slurmctld, slurmd, munged" >&2
  exit 1
fi
echo "$me: installed ${packages[*]} (PostgreSQL binaries: $(postgres_bin))"
