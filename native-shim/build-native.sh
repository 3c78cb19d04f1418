#!/usr/bin/env bash
# Called by Maven (exec-maven-plugin, compile phase) to build the shim into the jar's resources.
#
# A machine without a C toolchain still gets a working Torii: the build writes the reason into
# NATIVE_UNAVAILABLE next to where the library would be, and NativeShim reports it once at run
# time. A compiler error in our own C, on the other hand, fails the build: that is a bug.
#
# libtorii_ipsecmb.so, the ESP/AH crypto layer, is built only where Intel ipsec-mb's header and
# library are installed; elsewhere IPSECMB_UNAVAILABLE says why, IpsecMb reports it once, and the
# CPU probe in libtorii_shim.so works all the same. libtorii_afxdp.so, the AF_XDP ports, is built
# the same way only where libxdp's and libbpf's headers and libraries are; AFXDP_UNAVAILABLE
# says why not; libtorii_dpdk.so, the DPDK ports, only where DPDK's development files are
# (pkg-config libdpdk), else DPDK_UNAVAILABLE.
set -euo pipefail
cd "$(dirname "$0")"
dest="$1"            # directory inside target/classes that ships in the jar
mkdir -p "$dest"
rm -f "$dest/libtorii_shim.so" "$dest/NATIVE_UNAVAILABLE" "$dest/libtorii_ipsecmb.so" "$dest/IPSECMB_UNAVAILABLE" \
  "$dest/libtorii_afxdp.so" "$dest/AFXDP_UNAVAILABLE" "$dest/libtorii_dpdk.so" "$dest/DPDK_UNAVAILABLE"
cc="${CC:-cc}"

missing=()
command -v "$cc" >/dev/null 2>&1 || missing+=("a C compiler ($cc; Debian package gcc)")
command -v make >/dev/null 2>&1 || missing+=("make (Debian package make)")
if [ "$(uname -m)" != "x86_64" ]; then
  missing+=("an x86_64 machine (this is $(uname -m))")
fi
if [ ${#missing[@]} -gt 0 ]; then
  reason="native shim not built: missing ${missing[*]}; run ./torii bootstrap"
  echo "[torii] WARNING: $reason" >&2
  echo "$reason" > "$dest/NATIVE_UNAVAILABLE"
  echo "$reason" > "$dest/IPSECMB_UNAVAILABLE"
  echo "$reason" > "$dest/AFXDP_UNAVAILABLE"
  echo "$reason" > "$dest/DPDK_UNAVAILABLE"
  exit 0
fi

make --no-print-directory -s OUT=target/native
cp target/native/libtorii_shim.so "$dest/libtorii_shim.so"

# libxdp and libbpf: the headers must compile and both libraries link; else no AF_XDP ports.
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
printf '#include <xdp/xsk.h>\n#include <bpf/bpf.h>\nint main(void) { return xsk_umem__fd(0) + bpf_map_create(0, 0, 0, 0, 0, 0); }\n' \
  > "$probe/afxdp.c"
afxdp_missing=""
if ! "$cc" -E "$probe/afxdp.c" -o /dev/null >/dev/null 2>&1; then
  afxdp_missing="the headers xdp/xsk.h and bpf/bpf.h (Debian packages libxdp-dev libbpf-dev)"
elif ! "$cc" "$probe/afxdp.c" -o "$probe/afxdp" -lxdp -lbpf >/dev/null 2>&1; then
  afxdp_missing="the libraries libxdp.so and libbpf.so (Debian packages libxdp-dev libbpf-dev)"
fi
if [ -n "$afxdp_missing" ]; then
  reason="libtorii_afxdp.so not built: missing $afxdp_missing; run ./torii bootstrap"
  echo "[torii] WARNING: $reason" >&2
  echo "$reason" > "$dest/AFXDP_UNAVAILABLE"
else
  make --no-print-directory -s OUT=target/native afxdp
  cp target/native/libtorii_afxdp.so "$dest/libtorii_afxdp.so"
fi

# DPDK: pkg-config must know libdpdk, and the ethdev header must compile and link with it.
printf '#include <rte_ethdev.h>\nint main(void) { return rte_eth_dev_count_avail(); }\n' > "$probe/dpdk.c"
dpdk_missing=""
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libdpdk; then
  dpdk_missing="DPDK's development files (pkg-config libdpdk; Debian package libdpdk-dev)"
elif ! "$cc" $(pkg-config --cflags libdpdk) "$probe/dpdk.c" -o "$probe/dpdk" -lrte_ethdev -lrte_eal \
    >/dev/null 2>&1; then
  dpdk_missing="a working DPDK (rte_ethdev.h does not build and link; Debian package libdpdk-dev)"
fi
if [ -n "$dpdk_missing" ]; then
  reason="libtorii_dpdk.so not built: missing $dpdk_missing; run ./torii bootstrap"
  echo "[torii] WARNING: $reason" >&2
  echo "$reason" > "$dest/DPDK_UNAVAILABLE"
else
  make --no-print-directory -s OUT=target/native dpdk
  cp target/native/libtorii_dpdk.so "$dest/libtorii_dpdk.so"
fi

# ipsec-mb: the header must compile and the library must link; either missing means no native ESP.
printf '#include <intel-ipsec-mb.h>\nint main(void) { return imb_get_version() == 0; }\n' > "$probe/probe.c"
ipsecmb_missing=""
if ! "$cc" -E "$probe/probe.c" -o /dev/null >/dev/null 2>&1; then
  ipsecmb_missing="the header intel-ipsec-mb.h"
elif ! "$cc" "$probe/probe.c" -o "$probe/probe" -lIPSec_MB >/dev/null 2>&1; then
  ipsecmb_missing="the library libIPSec_MB.so"
fi
if [ -n "$ipsecmb_missing" ]; then
  reason="libtorii_ipsecmb.so not built: missing $ipsecmb_missing (Debian package libipsec-mb-dev);"
  reason="$reason run ./torii bootstrap"
  echo "[torii] WARNING: $reason" >&2
  echo "$reason" > "$dest/IPSECMB_UNAVAILABLE"
  exit 0
fi
make --no-print-directory -s OUT=target/native ipsecmb
cp target/native/libtorii_ipsecmb.so "$dest/libtorii_ipsecmb.so"
