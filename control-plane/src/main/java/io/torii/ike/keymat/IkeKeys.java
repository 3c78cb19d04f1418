package io.torii.ike.keymat;

import io.torii.ike.crypto.SkCipherPair;
import io.torii.ike.crypto.SkCipherSuite;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The seven keys of an IKE SA (RFC 7296 §2.14), in the order prf+ yields them: SK_d, SK_ai, SK_ar,
 * SK_ei, SK_er, SK_pi, SK_pr. Accessors hand out copies, which the caller zeroes; {@link #close()}
 * zeroes the keys held here. toString() shows lengths only.
 */
public final class IkeKeys implements AutoCloseable
{
    private final byte[] skD;
    private final byte[] skAi;
    private final byte[] skAr;
    private final byte[] skEi;
    private final byte[] skEr;
    private final byte[] skPi;
    private final byte[] skPr;
    private boolean closed;

    /** Takes ownership of the arrays (no copies): they are zeroed on close. */
    IkeKeys(final byte[] skD, final byte[] skAi, final byte[] skAr, final byte[] skEi, final byte[] skEr,
        final byte[] skPi, final byte[] skPr)
    {
        this.skD = skD;
        this.skAi = skAi;
        this.skAr = skAr;
        this.skEi = skEi;
        this.skEr = skEr;
        this.skPi = skPi;
        this.skPr = skPr;
    }

    /** @return a copy of SK_d, the key Child SA keys and a rekeyed IKE SA's SKEYSEED come from. */
    public byte[] skD()
    {
        return copy(skD);
    }

    /** @return a copy of SK_ai, the integrity key of the initiator's messages. */
    public byte[] skAi()
    {
        return copy(skAi);
    }

    /** @return a copy of SK_ar, the integrity key of the responder's messages. */
    public byte[] skAr()
    {
        return copy(skAr);
    }

    /** @return a copy of SK_ei, the encryption key (with salt for an AEAD) of the initiator's messages. */
    public byte[] skEi()
    {
        return copy(skEi);
    }

    /** @return a copy of SK_er, the encryption key (with salt for an AEAD) of the responder's messages. */
    public byte[] skEr()
    {
        return copy(skEr);
    }

    /** @return a copy of SK_pi, the key of the initiator's AUTH payload. */
    public byte[] skPi()
    {
        return copy(skPi);
    }

    /** @return a copy of SK_pr, the key of the responder's AUTH payload. */
    public byte[] skPr()
    {
        return copy(skPr);
    }

    /**
     * @param suite the negotiated ENCR and INTEG these keys were sized for.
     * @param random the IV source for AES-CBC.
     * @return the SA's two SK payload ciphers.
     */
    public SkCipherPair ciphers(final SkCipherSuite suite, final SecureRandom random)
    {
        requireOpen();
        return suite.newPair(skEi, skAi, skEr, skAr, random);
    }

    /** Zeroes every key. Idempotent. */
    @Override
    public void close()
    {
        closed = true;
        for (final byte[] key : new byte[][] {skD, skAi, skAr, skEi, skEr, skPi, skPr})
        {
            Arrays.fill(key, (byte)0);
        }
    }

    /** @return true once {@link #close()} zeroed the keys. */
    public boolean closed()
    {
        return closed;
    }

    private byte[] copy(final byte[] key)
    {
        requireOpen();
        return key.clone();
    }

    private void requireOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("IKE SA keys were closed");
        }
    }

    @Override
    public String toString()
    {
        return "IkeKeys[d " + skD.length + ", a " + skAi.length + ", e " + skEi.length + ", p " + skPi.length +
            (closed ? ", closed" : "") + "]";
    }
}
