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
# from /etc; scripts/postgres.sh and scripts/slurm.sh run their own copies in a folder instead, so the install goes
# through scripts/apt-install.sh, which keeps apt-get from starting services.
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

bash "$(dirname "$0")/apt-install.sh" "$me" "${packages[@]}"

still_missing=$(missing_packages)
if [ -n "$still_missing" ]; then
  echo "$me: apt-get finished but the programs of these packages are still missing: $still_missing" >&2
  echo "  expected /usr/lib/postgresql/<version>/bin/{initdb,pg_ctl,postgres}, psql, sbatch, slurmctld, slurmd, munged" >&2
  exit 1
fi
echo "$me: installed ${packages[*]} (PostgreSQL binaries: $(postgres_bin))"
