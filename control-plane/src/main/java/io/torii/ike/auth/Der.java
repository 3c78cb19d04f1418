package io.torii.ike.auth;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The little DER (ITU-T X.690) this package reads and writes itself: tag-length-value elements with
 * single-octet tags and definite lengths, enough to unwrap key containers and AlgorithmIdentifiers and to
 * reorder the RDNs of a distinguished name. Readers return empty instead of throwing on bad input.
 */
final class Der
{
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private static final int MAX_LENGTH_OCTETS = 3;

    private Der()
    {
    }

    /**
     * One element inside a larger array.
     *
     * @param tag the tag octet.
     * @param bytes the array holding it.
     * @param start where the tag is.
     * @param contentStart where its content starts.
     * @param end one past its last content octet.
     */
    record Element(int tag, byte[] bytes, int start, int contentStart, int end)
    {
        /** @return a copy of the content octets. */
        byte[] content()
        {
            return java.util.Arrays.copyOfRange(bytes, contentStart, end);
        }

        /** @return a copy of the whole element, tag and length included. */
        byte[] encoded()
        {
            return java.util.Arrays.copyOfRange(bytes, start, end);
        }

        /** @return the elements inside a constructed element, or empty when they do not parse. */
        Optional<List<Element>> children()
        {
            return Der.elements(bytes, contentStart, end);
        }
    }

    /**
     * @param bytes an encoding that must be exactly one element.
     * @return that element, or empty when it does not parse or bytes follow it.
     */
    static Optional<Element> single(final byte[] bytes)
    {
        return elements(bytes, 0, bytes.length).filter(list -> list.size() == 1).map(List::getFirst);
    }

    /**
     * @return the elements that fill {@code [from, to)} exactly, or empty when they do not.
     */
    static Optional<List<Element>> elements(final byte[] bytes, final int from, final int to)
    {
        final List<Element> list = new ArrayList<>();
        int offset = from;
        while (offset < to)
        {
            if (to - offset < 2)
            {
                return Optional.empty();
            }
            final int tag = bytes[offset] & 0xFF;
            int lengthAt = offset + 1;
            int length = bytes[lengthAt] & 0xFF;
            if (length > 0x80)
            {
                final int octets = length & 0x7F;
                if (octets > MAX_LENGTH_OCTETS || lengthAt + octets >= to)
                {
                    return Optional.empty();
                }
                length = 0;
                for (int i = 1; i <= octets; i++)
                {
                    length = length << 8 | bytes[lengthAt + i] & 0xFF;
                }
                lengthAt += octets;
            }
            else if (length == 0x80)
            {
                return Optional.empty();
            }
            final int contentStart = lengthAt + 1;
            if (length > to - contentStart)
            {
                return Optional.empty();
            }
            list.add(new Element(tag, bytes, offset, contentStart, contentStart + length));
            offset = contentStart + length;
        }
        return Optional.of(list);
    }

    /**
     * @param tag the tag octet.
     * @param parts the content, concatenated.
     * @return the element.
     */
    static byte[] encode(final int tag, final byte[]... parts)
    {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            content.writeBytes(part);
        }
        final int length = content.size();
        final ByteArrayOutputStream out = new ByteArrayOutputStream(length + 5);
        out.write(tag);
        if (length < 0x80)
        {
            out.write(length);
        }
        else if (length < 0x100)
        {
            out.write(0x81);
            out.write(length);
        }
        else if (length < 0x10000)
        {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
        else
        {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /**
     * @param dotted an object identifier such as {@code 1.2.840.10045.2.1}.
     * @return its DER encoding, tag included.
     */
    static byte[] oid(final String dotted)
    {
        final String[] arcs = dotted.split("\\.");
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++)
        {
            final long arc = Long.parseLong(arcs[i]);
            int shift = 63 - Long.numberOfLeadingZeros(arc | 1);
            shift -= shift % 7;
            for (; shift > 0; shift -= 7)
            {
                content.write((int)(arc >>> shift & 0x7F) | 0x80);
            }
            content.write((int)(arc & 0x7F));
        }
        return encode(OID, content.toByteArray());
    }
}
