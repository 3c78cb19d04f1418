package io.torii.ike.crypto;

/**
 * One side of an ephemeral key exchange (RFC 7296 §1.2, §3.4): holds a private value, offers the
 * public value for the KE payload's Key Exchange Data, and computes the shared secret g^ir from the
 * peer's. Peer values are checked as RFC 6989 asks before any arithmetic; a bad one yields a named
 * {@link KeyExchangeFailure}, never an exception. {@link #close()} drops the private value: the
 * exchange must be closed as soon as g^ir is known.
 */
public interface KeyExchange extends AutoCloseable
{
    /** @return the key exchange method ID, a {@link KeyExchangeIds} value. */
    int group();

    /** @return a copy of the public value exactly as it goes into the KE payload. */
    byte[] publicValue();

    /**
     * @param peerPublicValue the Key Exchange Data of the peer's KE payload.
     * @return the shared secret in the form SKEYSEED takes it (§2.14), or why it could not be made.
     * @throws IllegalStateException when the exchange was closed.
     */
    SharedSecretResult sharedSecret(byte[] peerPublicValue);

    /** Drops and, where the JDK allows, destroys the private value. Idempotent. */
    @Override
    void close();
}
