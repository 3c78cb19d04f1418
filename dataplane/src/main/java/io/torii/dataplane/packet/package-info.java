/**
 * Flyweights over packet bytes: IPv4, IPv6 with its extension headers, UDP, ESP and AH headers,
 * each a view with the RFC diagram in its javadoc, big-endian accessors and a length check; and
 * {@link io.torii.dataplane.packet.PacketBatch}, the off-heap burst of packets stages work on.
 */
package io.torii.dataplane.packet;
