#!/usr/bin/env bash
# Makes TorchSharp's native wrapper (libLibTorchSharp.so) load where the system's libstdc++ is older than the one it
# was built against, and does nothing anywhere else.
#
# TorchSharp 0.107.0's wrapper asks for GLIBCXX_3.4.32 (GCC 13's libstdc++) for exactly one symbol,
# std::ios_base_library_init() (GCC 13's iostream start-up hook); Debian 12 ships GLIBCXX_3.4.30 and the first torch
# call fails to load the wrapper. libtorch itself loads. The fix (research/feasibility.md, addendum of 2026-12-04):
#   1. mark that one version requirement weak (VER_FLG_WEAK, 0x2, in the vna_flags of its .gnu.version_r entry): the
#      dynamic linker then accepts a libstdc++ without that version;
#   2. supply the symbol from a one-function library built here with the system g++
#      (libfairmtl_stdcxx_shim.so: it constructs std::ios_base::Init, which is what GCC 13's hook does), added as a
#      DT_NEEDED of the wrapper with patchelf; the wrapper's RUNPATH ($ORIGIN) finds it next to it.
# Only the copy in a build's output folder is changed, never the NuGet cache. Idempotent: a patched wrapper is left
# alone. Called after every build of a project whose output has the wrapper (Directory.Build.targets).
#
# Usage: bash scripts/torch-native-fix.sh <folder holding libLibTorchSharp.so>
# Needs, only where the fix applies: g++, readelf (binutils) and patchelf
# (scripts/install-torch-dependencies.sh installs them).
set -euo pipefail
folder=${1:?usage: scripts/torch-native-fix.sh FOLDER}
wrapper="$folder/libLibTorchSharp.so"
shim_name=libfairmtl_stdcxx_shim.so
needed_version=GLIBCXX_3.4.32
me=torch-native-fix

[ -f "$wrapper" ] || { echo "$me: no $wrapper" >&2; exit 1; }
[ "$(uname -s)" = Linux ] || exit 0

system_libstdcxx() {
  local path
  path=$( (ldconfig -p 2>/dev/null || true) | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
  [ -n "$path" ] || path=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
  echo "$path"
}

libstdcxx=$(system_libstdcxx)
if [ -f "$libstdcxx" ] && grep -q "$needed_version" "$libstdcxx"; then
  exit 0   # the system's libstdc++ has what the wrapper asks for: nothing to fix
fi

for tool in g++ readelf patchelf; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$me: $libstdcxx lacks $needed_version, which TorchSharp's native wrapper needs; fixing the wrapper needs $tool:" >&2
    echo "  run: bash scripts/install-torch-dependencies.sh   (installs g++, binutils and patchelf)" >&2
    exit 1
  fi
done

if readelf -d "$wrapper" | grep -q "\[$shim_name\]" && [ -f "$folder/$shim_name" ]; then
  exit 0   # already patched
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/shim.cpp" <<'CPP'
#include <ios>
namespace std { void ios_base_library_init() { static ios_base::Init init; } }
CPP
g++ -shared -fPIC -O2 -o "$work/$shim_name" "$work/shim.cpp"

cp "$wrapper" "$work/wrapper.so"
section=$(readelf -V "$work/wrapper.so" | awk '/\.gnu\.version_r/ {getline; for (i = 1; i < NF; i++) if ($i == "Offset:") print $(i + 1)}')
entry=$(readelf -V "$work/wrapper.so" | awk -v v="$needed_version" '$0 ~ "Name: " v " " {sub(":", "", $1); print $1}')
if [ -z "$section" ] || [ -z "$entry" ]; then
  echo "$me: $wrapper does not ask for $needed_version (another TorchSharp build?): left as it is" >&2
  exit 0
fi
# vna_flags is the 16-bit field 4 bytes into the Elf64_Vernaux entry.
printf '\x02\x00' | dd of="$work/wrapper.so" bs=1 seek=$((section + entry + 4)) conv=notrunc status=none
readelf -V "$work/wrapper.so" | grep -q "Name: $needed_version  Flags: WEAK" \
  || { echo "$me: marking $needed_version weak in $wrapper failed" >&2; exit 1; }
patchelf --add-needed "$shim_name" "$work/wrapper.so"

cp "$work/$shim_name" "$folder/$shim_name"
cp "$work/wrapper.so" "$wrapper.patched"
mv -f "$wrapper.patched" "$wrapper"
echo "$me: $(basename "$libstdcxx") lacks $needed_version: patched $wrapper (weak version, $shim_name)"
