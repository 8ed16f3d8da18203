#!/usr/bin/env bash
# Installs what building the libtorch engine (src/FairMtl.Torch) needs beyond the .NET SDK, and only where it is
# needed: on a system whose libstdc++ lacks GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04), scripts/torch-native-fix.sh
# patches TorchSharp's native wrapper with g++, readelf (binutils) and patchelf. Elsewhere it installs nothing.
# Idempotent. Called by .ci/run before the torch tests.
set -euo pipefail
cd "$(dirname "$0")/.."

libstdcxx=$( (ldconfig -p 2>/dev/null || true) | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
if [ -n "$libstdcxx" ] && grep -q GLIBCXX_3.4.32 "$libstdcxx"; then
  echo "install-torch-dependencies: $libstdcxx has GLIBCXX_3.4.32; nothing to install"
  exit 0
fi

missing=()
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v readelf >/dev/null 2>&1 || missing+=(binutils)
command -v patchelf >/dev/null 2>&1 || missing+=(patchelf)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-torch-dependencies: g++, readelf and patchelf already installed"
  exit 0
fi
bash scripts/apt-install.sh install-torch-dependencies "${missing[@]}"
