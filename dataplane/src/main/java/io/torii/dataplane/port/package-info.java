/**
 * Packet ports: where bursts of packets come from and go to. Every port is batch-first and hands
 * the engine whole IP packets in a {@link io.torii.dataplane.packet.PacketBatch}: TUN devices and
 * in-memory pairs carry them as they are; socket ports rebuild the IP and UDP headers the kernel
 * took off and take them off again on the way out. Sub-packages hold one kind of port each.
 */
package io.torii.dataplane.port;
