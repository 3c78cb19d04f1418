package io.torii.dataplane.crypto.jdk;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A secret key whose bytes this package owns and can zero, which {@code SecretKeySpec} does not allow
 * (its {@code destroy()} throws). Providers call {@link #getEncoded()} and get a copy; SunJCE zeroes
 * those copies itself once it has expanded them.
 */
final class RawKey implements SecretKey
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final byte[] bytes;
    private boolean destroyed;

    /**
     * @param algorithm the JCA key algorithm, such as {@code AES}, {@code ChaCha20} or {@code HmacSHA256}.
     * @param source the array holding the key; copied.
     * @param offset where the key starts in {@code source}.
     * @param length the key length in bytes.
     */
    RawKey(final String algorithm, final byte[] source, final int offset, final int length)
    {
        this.algorithm = algorithm;
        this.bytes = Arrays.copyOfRange(source, offset, offset + length);
    }

    /**
     * @param algorithm the JCA key algorithm.
     * @param length the length of an all-zero key, used to make the JDK overwrite its copy of a real one.
     * @return a key of zero bytes.
     */
    static RawKey zeros(final String algorithm, final int length)
    {
        return new RawKey(algorithm, new byte[length], 0, length);
    }

    @Override
    public String getAlgorithm()
    {
        return algorithm;
    }

    @Override
    public String getFormat()
    {
        return "RAW";
    }

    @Override
    public byte[] getEncoded()
    {
        if (destroyed)
        {
            throw new IllegalStateException(algorithm + " key was destroyed");
        }
        return bytes.clone();
    }

    /** @return the key length in bytes. */
    int length()
    {
        return bytes.length;
    }

    @Override
    public void destroy()
    {
        Arrays.fill(bytes, (byte)0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed()
    {
        return destroyed;
    }

    /** @return the array this key keeps, not a copy: for tests that check it is zeroed. */
    byte[] heldBytes()
    {
        return bytes;
    }

    @Override
    public String toString()
    {
        return algorithm + " key (" + bytes.length + " bytes)";
    }

    @Serial
    private void writeObject(final ObjectOutputStream out) throws NotSerializableException
    {
        throw new NotSerializableException("keys of the packet engine are never serialized");
    }
}
