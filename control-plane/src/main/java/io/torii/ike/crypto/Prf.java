package io.torii.ike.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An IKEv2 pseudorandom function (RFC 7296 §2.13) and its prf+ expansion. Only HMAC-based PRFs are
 * offered (RFC 4868 for SHA-2), so the preferred key length equals the output length. Instances are
 * immutable and thread-safe; every call gets its own {@link Mac}.
 */
public final class Prf
{
    /** prf+ counts its blocks in one octet (§2.13), so it can produce at most 255 of them. */
    private static final int MAX_PRF_PLUS_BLOCKS = 255;

    private final int id;
    private final String macAlgorithm;
    private final int outputLength;

    private Prf(final int id, final String macAlgorithm, final int outputLength)
    {
        this.id = id;
        this.macAlgorithm = macAlgorithm;
        this.outputLength = outputLength;
    }

    /**
     * @param id a PRF transform ID from {@link PrfIds}.
     * @param weak whether PRF_HMAC_SHA1 may be used.
     * @return the PRF, or empty when it is unknown or refused.
     */
    public static Optional<Prf> forId(final int id, final WeakAlgorithms weak)
    {
        return switch (id)
        {
            case PrfIds.PRF_HMAC_SHA2_256 -> Optional.of(new Prf(id, "HmacSHA256", 32));
            case PrfIds.PRF_HMAC_SHA2_384 -> Optional.of(new Prf(id, "HmacSHA384", 48));
            case PrfIds.PRF_HMAC_SHA2_512 -> Optional.of(new Prf(id, "HmacSHA512", 64));
            case PrfIds.PRF_HMAC_SHA1 ->
                weak == WeakAlgorithms.ALLOW ? Optional.of(new Prf(id, "HmacSHA1", 20)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** @return the transform ID. */
    public int id()
    {
        return id;
    }

    /** @return bytes one PRF call produces. */
    public int outputLength()
    {
        return outputLength;
    }

    /** @return the preferred key length in bytes: that of SK_d, SK_pi and SK_pr (§2.14). */
    public int keyLength()
    {
        return outputLength;
    }

    /**
     * @param key the key, any length (HMAC hashes long keys and zero-pads short ones).
     * @param data the input, the parts concatenated in order.
     * @return prf(key, data).
     */
    public byte[] prf(final byte[] key, final byte[]... data)
    {
        final Mac mac = newMac(key);
        for (final byte[] part : data)
        {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /**
     * prf+ (§2.13): T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), output T1 | T2 | ... cut to length.
     *
     * @param key K.
     * @param seed S.
     * @param length bytes wanted, at most 255 times {@link #outputLength()}.
     * @return the first {@code length} bytes of the stream.
     * @throws IllegalArgumentException when more is asked than prf+ can give.
     */
    public byte[] prfPlus(final byte[] key, final byte[] seed, final int length)
    {
        if (length < 0 || length > MAX_PRF_PLUS_BLOCKS * outputLength)
        {
            throw new IllegalArgumentException("prf+ of " + length + " bytes: expected 0 to " +
                MAX_PRF_PLUS_BLOCKS * outputLength + " for " + PrfIds.name(id));
        }
        final Mac mac = newMac(key);
        final byte[] out = new byte[length];
        byte[] previous = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++)
        {
            mac.update(previous);
            mac.update(seed);
            mac.update((byte)counter);
            final byte[] block = mac.doFinal();
            final int take = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, take);
            written += take;
            Arrays.fill(previous, (byte)0);
            previous = block;
        }
        Arrays.fill(previous, (byte)0);
        return out;
    }

    private Mac newMac(final byte[] key)
    {
        Objects.requireNonNull(key, "key");
        // SecretKeySpec refuses an empty key; HMAC zero-pads keys to its block size, so one zero byte is
        // the same key.
        final byte[] keyBytes = key.length == 0 ? new byte[1] : key;
        try
        {
            final Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(keyBytes, macAlgorithm));
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(macAlgorithm + " is missing from the JDK", ex);
        }
    }

    @Override
    public String toString()
    {
        return PrfIds.name(id);
    }
}
