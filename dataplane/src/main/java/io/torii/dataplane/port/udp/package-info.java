/**
 * The UDP port of a plain Linux host: ESP in UDP (RFC 3948) on port 4500, through a non-blocking
 * socket and one {@code recvmmsg}/{@code sendmmsg} per burst.
 *
 * <p>The kernel takes the IP and UDP headers off what arrives and puts them on what leaves; the
 * engine wants whole IP packets both ways. {@link io.torii.dataplane.port.udp.UdpEspPort} therefore
 * writes an IP and a UDP header in front of each received datagram, in the slot's headroom, and on
 * transmit reads destination, TTL and TOS from the engine's headers and sends only the UDP
 * payload. IKE behind the non-ESP marker and NAT keepalives arrive like any other datagram: the
 * engine sorts them out.
 */
package io.torii.dataplane.port.udp;
