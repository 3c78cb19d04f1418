package io.torii.dataplane.pcap;

/**
 * The resolution of the fractional-second field in a classic pcap file, which its magic number names.
 */
public enum TimestampResolution
{
    /** Magic 0xa1b2c3d4: every pcap reader understands it. */
    MICROSECONDS(0xa1b2c3d4, 1_000),
    /** Magic 0xa1b23c4d: libpcap 1.5 and later, Wireshark. */
    NANOSECONDS(0xa1b23c4d, 1);

    private final int magic;
    private final int nanosPerUnit;

    TimestampResolution(final int magic, final int nanosPerUnit)
    {
        this.magic = magic;
        this.nanosPerUnit = nanosPerUnit;
    }

    /** @return the file-header magic number, as an integer in the file's own byte order. */
    public int magic()
    {
        return magic;
    }

    /** @return nanoseconds in one unit of the fractional-second field. */
    public int nanosPerUnit()
    {
        return nanosPerUnit;
    }
}
