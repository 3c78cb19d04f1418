package io.torii.dataplane.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds classic pcap files byte by byte in either byte order, for the reader's tests.
 */
final class ClassicPcapBuilder
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    /** Writes a version 2.4 file header. */
    ClassicPcapBuilder(final ByteOrder order, final int magic, final int snapLength, final int linkType)
    {
        this(order, magic, 2, snapLength, linkType);
    }

    /** Writes a file header with any major version. */
    ClassicPcapBuilder(
        final ByteOrder order, final int magic, final int major, final int snapLength, final int linkType)
    {
        this.order = order;
        out.writeBytes(ByteBuffer.allocate(24).order(order).putInt(magic).putShort((short)major).putShort((short)4)
            .putInt(0).putInt(0).putInt(snapLength).putInt(linkType).array());
    }

    /** @return the offset the next record will start at. */
    int size()
    {
        return out.size();
    }

    /** Adds a record whose captured bytes are {@code data}. */
    ClassicPcapBuilder record(final int seconds, final int fraction, final byte[] data, final int originalLength)
    {
        header(seconds, fraction, data.length, originalLength);
        out.writeBytes(data);
        return this;
    }

    /** Adds a record header alone, with any lengths. */
    ClassicPcapBuilder header(final int seconds, final int fraction, final int captured, final int original)
    {
        out.writeBytes(ByteBuffer.allocate(16).order(order).putInt(seconds).putInt(fraction).putInt(captured)
            .putInt(original).array());
        return this;
    }

    /** Appends raw bytes. */
    ClassicPcapBuilder raw(final byte[] bytes)
    {
        out.writeBytes(bytes);
        return this;
    }

    /** @return the file so far. */
    byte[] build()
    {
        return out.toByteArray();
    }
}
