/**
 * Capture files for the {@code torii pcap encrypt|decrypt} lab tool: a streaming reader for classic
 * libpcap and pcapng files that finds the IP packet inside each frame, and a writer for classic pcap.
 * Tool code, not the per-packet engine: it may throw, but it streams, reuses one frame buffer and
 * bounds every length it reads, so a hostile file gives a {@link io.torii.dataplane.pcap.PcapFormatException}
 * rather than an out-of-memory error.
 */
package io.torii.dataplane.pcap;
