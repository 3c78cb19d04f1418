#!/usr/bin/env bash
# Called by Maven (exec-maven-plugin, compile phase) to build the shim into the jar's resources.
#
# A machine without a C toolchain still gets a working Torii: the build writes the reason into
# NATIVE_UNAVAILABLE next to where the library would be, and NativeShim reports it once at run
# time. A compiler error in our own C, on the other hand, fails the build: that is a bug.
set -euo pipefail
cd "$(dirname "$0")"
dest="$1"            # directory inside target/classes that ships in the jar
mkdir -p "$dest"
rm -f "$dest/libtorii_shim.so" "$dest/NATIVE_UNAVAILABLE"

missing=()
command -v "${CC:-cc}" >/dev/null 2>&1 || missing+=("a C compiler (${CC:-cc}; Debian package gcc)")
command -v make >/dev/null 2>&1 || missing+=("make (Debian package make)")
if [ "$(uname -m)" != "x86_64" ]; then
  missing+=("an x86_64 machine (this is $(uname -m))")
fi
if [ ${#missing[@]} -gt 0 ]; then
  reason="native shim not built: missing ${missing[*]}; run ./torii bootstrap"
  echo "[torii] WARNING: $reason" >&2
  echo "$reason" > "$dest/NATIVE_UNAVAILABLE"
  exit 0
fi

make --no-print-directory -s OUT=target/native
cp target/native/libtorii_shim.so "$dest/libtorii_shim.so"
