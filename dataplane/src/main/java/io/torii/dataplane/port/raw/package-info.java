/**
 * The raw IP port of a plain Linux host: ESP (protocol 50) or AH (51) straight over IP, without
 * UDP encapsulation, through a non-blocking raw socket and one {@code recvmmsg}/{@code sendmmsg}
 * per burst.
 *
 * <p>Over IPv4 the kernel hands over and takes whole packets (IP_HDRINCL), so the engine's outer
 * header leaves as built. Over IPv6 raw sockets never show the IPv6 header:
 * {@link io.torii.dataplane.port.raw.RawEspPort} rebuilds one in the headroom of each received
 * packet and strips it again on transmit, handing the kernel the fields it would otherwise lose.
 */
package io.torii.dataplane.port.raw;
