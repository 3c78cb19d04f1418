/**
 * Torii's native shim: loading its three libraries and binding their symbols with
 * {@code java.lang.foreign}.
 *
 * <p>{@link io.torii.nativeshim.NativeShim} is the entry point of {@code libtorii_shim.so} (the CPU
 * probe and the packet ports); {@link io.torii.nativeshim.IpsecMb} that of
 * {@code libtorii_ipsecmb.so}, ESP and AH crypto over Intel ipsec-mb. Each loads its library
 * once, checks its ABI version, and says once, in the log, why it is off when it is.
 * {@code ShimLoader} finds both the same way, {@code ShimLinker} owns the {@code Linker} and a
 * library's symbol lookup, and {@code ShimLibrary}, {@code PortLibrary} and
 * {@code IpsecMbLibrary} hold one {@code static final MethodHandle} per symbol of
 * {@code include/torii_shim.h}. Code outside this package never touches a method handle.
 *
 * <p>The ipsec-mb layer's public API: {@link io.torii.nativeshim.IpsecMbManager} (one per worker
 * thread, the batch calls), {@link io.torii.nativeshim.IpsecMbKey} (an SA direction's key schedule
 * off-heap), and the flyweights {@link io.torii.nativeshim.EspJobArray} and
 * {@link io.torii.nativeshim.AhJobArray} over the off-heap job arrays those calls take.
 *
 * <p>The packet ports' API: {@link io.torii.nativeshim.PortHandle} (a non-blocking UDP or raw IP
 * socket or TUN queue, opened in any network namespace, with one downcall per burst) and the
 * flyweight {@link io.torii.nativeshim.PortMessageArray} over the off-heap packet descriptors its
 * batch calls take. The dataplane's ports ({@code io.torii.dataplane.port.*}) build on them.
 *
 * <p>The AF_XDP layer, {@code libtorii_afxdp.so} over libxdp and libbpf, built only where they are
 * installed ({@link io.torii.nativeshim.AfXdp} says whether it loaded): {@link
 * io.torii.nativeshim.XdpProgram} (Torii's XDP program and XSKMAP on an interface, steering ESP to
 * the AF_XDP sockets and the rest to the kernel) and {@link io.torii.nativeshim.XskSocket} (one
 * socket and UMEM per receive queue, the same descriptor arrays as the packet ports).
 */
package io.torii.nativeshim;
