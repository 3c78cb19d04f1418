package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.IntegrityAlgorithm;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * HMAC-SHA2 truncated to the ICV length (RFC 4868 §2.1: the leftmost bits), over a range of a buffer
 * with, for ESN, the high 32 bits of the sequence number appended to the MAC input only
 * (RFC 4303 §2.2.1 and §3.3.2.1, RFC 4302 §2.5.1). One {@link Mac}, keyed once, is reused.
 *
 * <p>Verification compares all ICV bytes with an accumulating xor, never stopping early. Data in a
 * direct buffer is fed through a reused chunk array; the JDK's HMAC allocates its digest arrays inside
 * {@code doFinal}, which no public API avoids.
 */
final class TruncatedHmac implements HeldKeys
{
    /** Bytes copied per step when the data is in a direct buffer. */
    private static final int CHUNK = 1024;

    private final IntegrityAlgorithm algorithm;
    private final RawKey key;
    private final Mac mac;
    private final byte[] full;
    private final byte[] sequenceHigh = new byte[4];
    private final byte[] chunk = new byte[CHUNK];

    /**
     * @param algorithm not {@link IntegrityAlgorithm#NONE}.
     * @param keyBytes the key, copied; its length is the caller's to check (RFC 4868 or a test vector).
     */
    TruncatedHmac(final IntegrityAlgorithm algorithm, final byte[] keyBytes)
    {
        this.algorithm = algorithm;
        this.key = new RawKey(algorithm.jcaName(), keyBytes, 0, keyBytes.length);
        this.mac = Jce.mac(algorithm.jcaName(), key);
        this.full = new byte[mac.getMacLength()];
    }

    /** @return the truncated ICV length. */
    int icvLength()
    {
        return algorithm.icvLength();
    }

    /**
     * Computes the ICV over {@code data[from, to)} (plus the sequence high bits with ESN) and writes it.
     * Both buffers are views spanning their whole buffer ({@link BufferView#of}).
     */
    void sign(
        final ByteBuffer data,
        final int from,
        final int to,
        final boolean esn,
        final int high,
        final ByteBuffer icv,
        final int icvOffset)
    {
        compute(data, from, to, esn, high);
        icv.put(icvOffset, full, 0, algorithm.icvLength());
    }

    /**
     * @return true when the ICV at {@code icvOffset} equals the one computed; constant time in the ICV.
     */
    boolean verify(
        final ByteBuffer data,
        final int from,
        final int to,
        final boolean esn,
        final int high,
        final ByteBuffer icv,
        final int icvOffset)
    {
        compute(data, from, to, esn, high);
        int difference = 0;
        for (int i = 0; i < algorithm.icvLength(); i++)
        {
            difference |= full[i] ^ icv.get(icvOffset + i);
        }
        return difference == 0;
    }

    /**
     * Re-keys the JDK's MAC with zeros, which overwrites its inner and outer padded key arrays in
     * place, then zeroes this object's key and scratch.
     */
    void close()
    {
        final RawKey blank = RawKey.zeros(key.getAlgorithm(), key.length());
        try
        {
            mac.init(blank);
        }
        catch (final InvalidKeyException ex)
        {
            // Cannot happen for an HMAC; the key bytes below are zeroed regardless.
        }
        key.destroy();
        Arrays.fill(full, (byte)0);
        Arrays.fill(chunk, (byte)0);
    }

    @Override
    public List<byte[]> heldKeyArrays()
    {
        return List.of(key.heldBytes());
    }

    private void compute(final ByteBuffer data, final int from, final int to, final boolean esn, final int high)
    {
        if (data.hasArray())
        {
            mac.update(data.array(), data.arrayOffset() + from, to - from);
        }
        else
        {
            for (int offset = from; offset < to; offset += CHUNK)
            {
                final int length = Math.min(CHUNK, to - offset);
                data.get(offset, chunk, 0, length);
                mac.update(chunk, 0, length);
            }
        }
        if (esn)
        {
            EspLayout.putInt(sequenceHigh, 0, high);
            mac.update(sequenceHigh);
        }
        try
        {
            mac.doFinal(full, 0);
        }
        catch (final ShortBufferException ex)
        {
            throw new IllegalStateException("MAC output array is sized from the MAC itself", ex);
        }
    }
}
