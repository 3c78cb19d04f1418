package io.torii.nativeshim;

/**
 * What {@link ShimLoader} needs to find, load and check one of Torii's native libraries. Both are
 * built by {@code build-native.sh} into the same resource directory and found the same way; they
 * differ only in these facts.
 *
 * @param fileName the library's file name in the resource directory.
 * @param abiSymbol the symbol returning its ABI version ({@code int32_t f(void)}).
 * @param expectedAbiVersion the version this Java code binds against.
 * @param unavailableMarker the file {@code build-native.sh} writes instead of the library, with the reason.
 * @param pathProperty the system property naming a file to load instead of the packaged one.
 * @param description what the library is, for messages ("a Torii shim").
 * @param loadHint what to check when the library is there but will not load, or empty.
 */
record NativeLibrary(
    String fileName,
    String abiSymbol,
    int expectedAbiVersion,
    String unavailableMarker,
    String pathProperty,
    String description,
    String loadHint)
{
    /** {@code libtorii_shim.so}: the CPU probe and the packet ports; needs nothing but libc. */
    static final NativeLibrary SHIM = new NativeLibrary(
        "libtorii_shim.so", "torii_shim_abi_version", 2, "NATIVE_UNAVAILABLE", "torii.native.path",
        "a Torii shim", "");

    /** {@code libtorii_ipsecmb.so}: ESP and AH crypto over Intel ipsec-mb. */
    static final NativeLibrary IPSECMB = new NativeLibrary(
        "libtorii_ipsecmb.so", "torii_ipsecmb_abi_version", 1, "IPSECMB_UNAVAILABLE", "torii.native.ipsecmb.path",
        "Torii's ipsec-mb layer", "it needs libIPSec_MB.so.1 (Debian package libipsec-mb1)");

    /** {@code libtorii_afxdp.so}: AF_XDP packet ports over libxdp and libbpf. */
    static final NativeLibrary AFXDP = new NativeLibrary(
        "libtorii_afxdp.so", "torii_afxdp_abi_version", 1, "AFXDP_UNAVAILABLE", "torii.native.afxdp.path",
        "Torii's AF_XDP layer", "it needs libxdp.so.1 and libbpf.so.1 (Debian packages libxdp1 libbpf1)");

    /** {@code libtorii_dpdk.so}: DPDK packet ports. */
    static final NativeLibrary DPDK = new NativeLibrary(
        "libtorii_dpdk.so", "torii_dpdk_abi_version", 1, "DPDK_UNAVAILABLE", "torii.native.dpdk.path",
        "Torii's DPDK layer", "it needs DPDK 22.11's libraries (Debian package dpdk or librte-ethdev23)");
}
