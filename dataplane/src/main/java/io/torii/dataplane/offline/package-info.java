/**
 * Offline use of the packet engine: applying SAs to the packets of a capture file, for the
 * {@code torii pcap} lab tool and for checking the engine against other implementations.
 */
package io.torii.dataplane.offline;
