package io.torii.ike.keymat;

import java.util.Arrays;

/** Takes consecutive keys off a prf+ output, in the order the RFC lists them. */
final class KeyStream
{
    private final byte[] stream;
    private int position;

    KeyStream(final byte[] stream)
    {
        this.stream = stream;
    }

    /** @return the next {@code length} bytes, copied. */
    byte[] next(final int length)
    {
        final byte[] key = Arrays.copyOfRange(stream, position, position + length);
        position += length;
        return key;
    }
}
