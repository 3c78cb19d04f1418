package io.torii.dataplane.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds pcapng files byte by byte for the reader's tests, including malformed ones. Each section
 * is written in the byte order its section header names.
 */
final class PcapNgBuilder
{
    /** if_name, a string option of Interface Description Blocks. */
    static final int IF_NAME = 2;
    /** opt_comment, allowed in every block. */
    static final int OPT_COMMENT = 1;
    /** epb_flags, a 4-byte Enhanced Packet Block option. */
    static final int EPB_FLAGS = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.BIG_ENDIAN;

    /** @return the offset the next block will start at. */
    int size()
    {
        return out.size();
    }

    /** @return the file so far. */
    byte[] build()
    {
        return out.toByteArray();
    }

    /** Starts a section in {@code sectionOrder}, with a comment option. */
    PcapNgBuilder sectionHeader(final ByteOrder sectionOrder)
    {
        order = sectionOrder;
        final byte[] options = concat(option(OPT_COMMENT, "torii test".getBytes(StandardCharsets.US_ASCII)),
            endOfOptions());
        final ByteBuffer body = buffer(16 + options.length);
        body.putInt(PcapNgSource.BYTE_ORDER_MAGIC).putShort((short)1).putShort((short)0).putLong(-1L).put(options);
        return block(PcapNgSource.SECTION_HEADER, body.array());
    }

    /** Adds an Interface Description Block whose options are already encoded. */
    PcapNgBuilder interfaceBlock(final int linkType, final int snapLength, final byte[] options)
    {
        final ByteBuffer body = buffer(8 + options.length);
        body.putShort((short)linkType).putShort((short)0).putInt(snapLength).put(options);
        return block(PcapNgSource.INTERFACE_DESCRIPTION, body.array());
    }

    /** Adds an Enhanced Packet Block with the given options (or none). */
    PcapNgBuilder enhancedPacket(
        final int interfaceId,
        final long timestamp,
        final byte[] data,
        final int originalLength,
        final byte[] options)
    {
        final byte[] body = packetBody(order, interfaceId, timestamp, data.length, originalLength, data, options);
        return block(PcapNgSource.ENHANCED_PACKET, body);
    }

    /** @return the body of a packet block with any captured-length field, to build hostile blocks. */
    static byte[] packetBody(
        final ByteOrder order,
        final int interfaceId,
        final long timestamp,
        final int capturedField,
        final int originalLength,
        final byte[] data,
        final byte[] options)
    {
        final ByteBuffer body = ByteBuffer.allocate(20 + padded(data.length) + options.length).order(order);
        body.putInt(interfaceId).putInt((int)(timestamp >>> 32)).putInt((int)timestamp).putInt(capturedField)
            .putInt(originalLength).put(data).position(20 + padded(data.length));
        body.put(options);
        return body.array();
    }

    /** Adds a Simple Packet Block. */
    PcapNgBuilder simplePacket(final byte[] data, final int originalLength)
    {
        final ByteBuffer body = buffer(4 + padded(data.length));
        body.putInt(originalLength).put(data);
        return block(PcapNgSource.SIMPLE_PACKET, body.array());
    }

    /** Adds a block of any type with the body padded to 4 bytes and correct lengths. */
    PcapNgBuilder block(final int type, final byte[] body)
    {
        final int length = 12 + padded(body.length);
        return block(type, body, length, length);
    }

    /** Adds a block with the lengths given, right or wrong; the body is padded to 4 bytes. */
    PcapNgBuilder block(final int type, final byte[] body, final int headerLength, final int trailerLength)
    {
        final ByteBuffer block = buffer(12 + padded(body.length));
        block.putInt(type).putInt(headerLength).put(body).position(8 + padded(body.length));
        block.putInt(trailerLength);
        out.writeBytes(block.array());
        return this;
    }

    /** Appends raw bytes. */
    PcapNgBuilder raw(final byte[] bytes)
    {
        out.writeBytes(bytes);
        return this;
    }

    /** @return the byte order of the current section. */
    ByteOrder order()
    {
        return order;
    }

    /** @return one option, value padded to 4 bytes, in the current section's order. */
    byte[] option(final int code, final byte[] value)
    {
        final ByteBuffer option = buffer(4 + padded(value.length));
        option.putShort((short)code).putShort((short)value.length).put(value);
        return option.array();
    }

    /** @return the if_tsresol option. */
    byte[] tsresol(final int resolution)
    {
        return option(PcapNgSource.IF_TSRESOL, new byte[] {(byte)resolution});
    }

    /** @return the if_tsoffset option. */
    byte[] tsoffset(final long seconds)
    {
        return option(PcapNgSource.IF_TSOFFSET, buffer(8).putLong(seconds).array());
    }

    /** @return the opt_endofopt marker. */
    static byte[] endOfOptions()
    {
        return new byte[4];
    }

    /** @return the arrays joined. */
    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    static int padded(final int length)
    {
        return (length + 3) & ~3;
    }

    private ByteBuffer buffer(final int length)
    {
        return ByteBuffer.allocate(length).order(order);
    }
}
