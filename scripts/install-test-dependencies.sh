#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK:
#   - Debian's chromium, used headless by the report rendering tests (tests/FairMtl.Tests/Reports/Rendering);
#   - PostgreSQL, Slurm and munge, which the cluster tests (tests/FairMtl.Tests/Cluster) start in temporary folders
#     through scripts/postgres.sh and scripts/slurm.sh (scripts/install-cluster-dependencies.sh installs them).
# Idempotent: what is already installed is not installed again, and apt-get is not called when nothing is missing.
# Called by .ci/run before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

install_chromium() {
  for candidate in chromium chromium-browser; do
    if path=$(command -v "$candidate"); then
      echo "install-test-dependencies: $candidate already installed ($path)"
      return 0
    fi
  done

  bash scripts/apt-install.sh install-test-dependencies chromium

  if ! command -v chromium >/dev/null 2>&1; then
    echo "install-test-dependencies: apt-get finished but chromium is still not on PATH" >&2
    return 1
  fi
  echo "install-test-dependencies: installed $(command -v chromium)"
}

install_chromium
bash scripts/install-cluster-dependencies.sh
