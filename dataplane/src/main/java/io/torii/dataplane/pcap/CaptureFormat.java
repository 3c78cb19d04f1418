package io.torii.dataplane.pcap;

/**
 * The container format a {@link PcapReader} found at the start of a file.
 */
public enum CaptureFormat
{
    /** Classic libpcap: one file header, then records (what tcpdump writes). */
    PCAP,
    /** pcapng: sections of typed blocks (what dumpcap and tshark write by default). */
    PCAPNG
}
