package io.torii.ike.keymat;

import java.util.Arrays;

/**
 * A Child SA's KEYMAT split into its four keys (RFC 7296 §2.17). Accessors hand out copies, which the
 * caller zeroes; {@link #close()} zeroes the keys held here. toString() shows lengths only.
 */
public final class ChildKeys implements AutoCloseable
{
    private final byte[] initiatorEncryption;
    private final byte[] initiatorIntegrity;
    private final byte[] responderEncryption;
    private final byte[] responderIntegrity;
    private boolean closed;

    ChildKeys(final byte[] initiatorEncryption, final byte[] initiatorIntegrity, final byte[] responderEncryption,
        final byte[] responderIntegrity)
    {
        this.initiatorEncryption = initiatorEncryption;
        this.initiatorIntegrity = initiatorIntegrity;
        this.responderEncryption = responderEncryption;
        this.responderIntegrity = responderIntegrity;
    }

    /** @return a copy of the encryption key (with salt for an AEAD) of the initiator-to-responder SA. */
    public byte[] initiatorEncryption()
    {
        return copy(initiatorEncryption);
    }

    /** @return a copy of the integrity key of the initiator-to-responder SA; empty for an AEAD. */
    public byte[] initiatorIntegrity()
    {
        return copy(initiatorIntegrity);
    }

    /** @return a copy of the encryption key (with salt for an AEAD) of the responder-to-initiator SA. */
    public byte[] responderEncryption()
    {
        return copy(responderEncryption);
    }

    /** @return a copy of the integrity key of the responder-to-initiator SA; empty for an AEAD. */
    public byte[] responderIntegrity()
    {
        return copy(responderIntegrity);
    }

    /** Zeroes every key. Idempotent. */
    @Override
    public void close()
    {
        closed = true;
        Arrays.fill(initiatorEncryption, (byte)0);
        Arrays.fill(initiatorIntegrity, (byte)0);
        Arrays.fill(responderEncryption, (byte)0);
        Arrays.fill(responderIntegrity, (byte)0);
    }

    private byte[] copy(final byte[] key)
    {
        if (closed)
        {
            throw new IllegalStateException("Child SA keys were closed");
        }
        return key.clone();
    }

    @Override
    public String toString()
    {
        return "ChildKeys[encryption " + initiatorEncryption.length + ", integrity " + initiatorIntegrity.length +
            (closed ? ", closed" : "") + "]";
    }
}
