package io.torii.dataplane.pcap;

/**
 * One captured frame, filled in place by {@link PcapReader#next(PcapFrame)} and reused for the next
 * one so that reading a file allocates only when a frame is bigger than any before it.
 * <p>
 * The captured bytes are {@code data()[0, capturedLength())}; the array may be longer. When
 * {@link #ipStatus()} is {@link IpStatus#IPV4} or {@link IpStatus#IPV6}, the IP packet is
 * {@code data()[ipOffset(), ipOffset() + ipLength())} and the link-layer header before it is
 * {@code data()[0, ipOffset())}, ready to pass to {@link PcapWriter#write(long, byte[], int, byte[], int, int)}.
 */
public final class PcapFrame
{
    private static final int INITIAL_CAPACITY = 2048;

    private byte[] data;
    private int capturedLength;
    private int originalLength;
    private int linkType;
    private int interfaceId;
    private long timestampNanos;
    private long frameNumber;
    private long fileOffset;
    private IpStatus ipStatus = IpStatus.UNSUPPORTED_LINK_TYPE;
    private int ipOffset = -1;
    private int ipLength;

    /** Makes an empty frame with a small buffer that grows as frames need it. */
    public PcapFrame()
    {
        data = new byte[INITIAL_CAPACITY];
    }

    /** @return the buffer holding the captured bytes from index 0; it may be longer than them. */
    public byte[] data()
    {
        return data;
    }

    /** @return how many bytes the capture kept. */
    public int capturedLength()
    {
        return capturedLength;
    }

    /** @return how long the frame was on the wire; more than {@link #capturedLength()} when truncated. */
    public int originalLength()
    {
        return originalLength;
    }

    /** @return the frame's LINKTYPE_ value (see {@link LinkType}). */
    public int linkType()
    {
        return linkType;
    }

    /** @return the pcapng interface the frame was captured on, counted from 0 in its section; 0 for pcap. */
    public int interfaceId()
    {
        return interfaceId;
    }

    /**
     * @return capture time in nanoseconds since 1970-01-01T00:00Z; 0 for pcapng Simple Packet Blocks,
     * which carry none.
     */
    public long timestampNanos()
    {
        return timestampNanos;
    }

    /** @return the frame's number in the file, counted from 1 as Wireshark counts frames. */
    public long frameNumber()
    {
        return frameNumber;
    }

    /** @return the byte offset in the file of the record or block that held the frame. */
    public long fileOffset()
    {
        return fileOffset;
    }

    /** @return whether the frame holds a whole IP packet, and if not, why. */
    public IpStatus ipStatus()
    {
        return ipStatus;
    }

    /** @return 4 or 6 for an IP frame, 0 otherwise. */
    public int ipVersion()
    {
        return ipStatus == IpStatus.IPV4 ? 4 : ipStatus == IpStatus.IPV6 ? 6 : 0;
    }

    /** @return where the IP packet starts in {@link #data()}, which is also the link header's length; -1 if none. */
    public int ipOffset()
    {
        return ipOffset;
    }

    /**
     * The IP packet's length: the bytes after the link header less any trailer beyond the length the
     * IP header declares (Ethernet minimum-size padding, a frame check sequence). When the declared
     * length is absurd it is left alone, for the IP layer to reject.
     *
     * @return the IP packet's length, or 0 when {@link #ipOffset()} is -1.
     */
    public int ipLength()
    {
        return ipLength;
    }

    /**
     * Makes room for a frame of {@code length} bytes, growing to the next power of two; the caller
     * has already checked the length against {@link PcapReader#MAX_FRAME_LENGTH}.
     */
    byte[] ensureCapacity(final int length)
    {
        if (data.length < length)
        {
            data = new byte[Math.max(INITIAL_CAPACITY, Integer.highestOneBit(length - 1) << 1)];
        }
        return data;
    }

    void set(
        final long frameNumber,
        final long fileOffset,
        final int linkType,
        final int interfaceId,
        final long timestampNanos,
        final int capturedLength,
        final int originalLength)
    {
        this.frameNumber = frameNumber;
        this.fileOffset = fileOffset;
        this.linkType = linkType;
        this.interfaceId = interfaceId;
        this.timestampNanos = timestampNanos;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
    }

    void ip(final IpStatus status, final int offset, final int length)
    {
        this.ipStatus = status;
        this.ipOffset = offset;
        this.ipLength = length;
    }
}
