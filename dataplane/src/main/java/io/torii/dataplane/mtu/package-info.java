/**
 * Path MTU handling around the ESP tunnel: the inner MTU a tunnel can carry
 * ({@link io.torii.dataplane.mtu.TunnelMtu}), TCP MSS clamping on SYNs ({@link io.torii.dataplane.mtu.MssClamp}),
 * ICMP "fragmentation needed" and ICMPv6 "packet too big" replies ({@link io.torii.dataplane.mtu.PacketTooBig}),
 * and IPv4 fragmentation of packets that may be fragmented ({@link io.torii.dataplane.mtu.Ipv4Fragmenter}).
 *
 * <p>Each class is a standalone, allocation-free piece called per packet (or, for {@code TunnelMtu}, when an SA
 * is installed); the worker decides which to apply. Per-packet methods never throw on bad input: they return a
 * result code and leave the packet as it was.
 * {@link io.torii.dataplane.mtu.Reassembler} puts fragmented protected packets back together
 * before decryption, in bounded memory.
 */
package io.torii.dataplane.mtu;
