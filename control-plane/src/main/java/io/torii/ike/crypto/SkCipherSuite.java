package io.torii.ike.crypto;

import io.torii.ike.message.SkCipher;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * A negotiated ENCR (with its Key Length attribute) and INTEG pair for the SK payload, checked once:
 * it says how long SK_e and SK_a are (RFC 7296 §2.14) and makes the ciphers from them. Supported:
 * ENCR_AES_CBC 128/192/256 with AUTH_HMAC_SHA2_256_128, _384_192, _512_256 (and AUTH_HMAC_SHA1_96 when
 * weak algorithms are allowed); ENCR_AES_GCM_16 128/192/256 and ENCR_CHACHA20_POLY1305 with no
 * integrity transform.
 */
public final class SkCipherSuite
{
    private static final int SALT_LENGTH = AeadSkCipher.SALT_LENGTH;
    private static final int CHACHA20_KEY_BITS = 256;

    private final int encryptionId;
    private final int keyLengthBits;
    private final IntegrityAlgorithm integrity;
    private final AeadSkCipher.Algorithm aead;

    private SkCipherSuite(final int encryptionId, final int keyLengthBits, final IntegrityAlgorithm integrity,
        final AeadSkCipher.Algorithm aead)
    {
        this.encryptionId = encryptionId;
        this.keyLengthBits = keyLengthBits;
        this.integrity = integrity;
        this.aead = aead;
    }

    /**
     * @param encryptionId the ENCR transform ID, an {@link EncryptionIds} value.
     * @param keyLengthBits its Key Length attribute in bits, or 0 when it carried none.
     * @param integrityId the INTEG transform ID, {@link IntegrityIds#NONE} for the AEADs.
     * @param weak whether AUTH_HMAC_SHA1_96 may be used.
     * @return the suite, or empty when the combination is unsupported, refused or malformed.
     */
    public static Optional<SkCipherSuite> of(final int encryptionId, final int keyLengthBits, final int integrityId,
        final WeakAlgorithms weak)
    {
        final boolean aesKeyLength = keyLengthBits == 128 || keyLengthBits == 192 || keyLengthBits == 256;
        switch (encryptionId)
        {
            case EncryptionIds.ENCR_AES_CBC ->
            {
                final IntegrityAlgorithm integrity = IntegrityAlgorithm.forId(integrityId, weak);
                return aesKeyLength && integrity != null ?
                    Optional.of(new SkCipherSuite(encryptionId, keyLengthBits, integrity, null)) : Optional.empty();
            }
            case EncryptionIds.ENCR_AES_GCM_16 ->
            {
                // RFC 5282 §8: an AEAD is proposed without an integrity transform (or with NONE).
                return aesKeyLength && integrityId == IntegrityIds.NONE ? Optional.of(new SkCipherSuite(
                    encryptionId, keyLengthBits, null, AeadSkCipher.Algorithm.AES_GCM_16)) : Optional.empty();
            }
            case EncryptionIds.ENCR_CHACHA20_POLY1305 ->
            {
                // RFC 7634 §4: the transform carries no Key Length attribute; the key is always 256 bits.
                return keyLengthBits == 0 && integrityId == IntegrityIds.NONE ? Optional.of(new SkCipherSuite(
                    encryptionId, CHACHA20_KEY_BITS, null, AeadSkCipher.Algorithm.CHACHA20_POLY1305)) :
                    Optional.empty();
            }
            default ->
            {
                return Optional.empty();
            }
        }
    }

    /** @return the ENCR transform ID. */
    public int encryptionId()
    {
        return encryptionId;
    }

    /** @return the cipher key length in bits (256 for ChaCha20-Poly1305), salt not included. */
    public int keyLengthBits()
    {
        return keyLengthBits;
    }

    /** @return the INTEG transform ID, {@link IntegrityIds#NONE} for an AEAD. */
    public int integrityId()
    {
        return integrity == null ? IntegrityIds.NONE : integrity.id();
    }

    /** @return true for AES-GCM and ChaCha20-Poly1305. */
    public boolean isAead()
    {
        return aead != null;
    }

    /** @return bytes of SK_ei and SK_er: the cipher key, plus the 4-byte salt for an AEAD. */
    public int encryptionKeyLength()
    {
        return keyLengthBits / 8 + (aead != null ? SALT_LENGTH : 0);
    }

    /** @return bytes of SK_ai and SK_ar: 0 for an AEAD. */
    public int integrityKeyLength()
    {
        return integrity == null ? 0 : integrity.keyLength();
    }

    /**
     * @param encryptionKey SK_e of one direction, {@link #encryptionKeyLength()} bytes; copied.
     * @param integrityKey SK_a of the same direction, {@link #integrityKeyLength()} bytes (empty or
     *     null for an AEAD); copied.
     * @param random the IV source for AES-CBC.
     * @return a cipher for that direction; create exactly one per direction and SA, since AEAD IVs
     *     count per instance.
     * @throws IllegalArgumentException when a key has the wrong length.
     */
    public SkCipher newCipher(final byte[] encryptionKey, final byte[] integrityKey, final SecureRandom random)
    {
        if (encryptionKey.length != encryptionKeyLength())
        {
            throw new IllegalArgumentException(this + " needs SK_e of " + encryptionKeyLength() + " bytes, not " +
                encryptionKey.length);
        }
        if (aead != null)
        {
            if (integrityKey != null && integrityKey.length != 0)
            {
                throw new IllegalArgumentException(this + " takes no SK_a");
            }
            return new AeadSkCipher(aead, encryptionKey, 0);
        }
        return new CbcHmacSkCipher(encryptionKey, Objects.requireNonNull(integrityKey, "integrityKey"), integrity,
            Objects.requireNonNull(random, "random"));
    }

    /**
     * @return the initiator's (SK_ei, SK_ai) and responder's (SK_er, SK_ar) ciphers.
     * @throws IllegalArgumentException when a key has the wrong length.
     */
    public SkCipherPair newPair(final byte[] skEi, final byte[] skAi, final byte[] skEr, final byte[] skAr,
        final SecureRandom random)
    {
        return new SkCipherPair(newCipher(skEi, skAi, random), newCipher(skEr, skAr, random));
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof SkCipherSuite that && encryptionId == that.encryptionId &&
            keyLengthBits == that.keyLengthBits && integrityId() == that.integrityId();
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(encryptionId, keyLengthBits, integrityId());
    }

    @Override
    public String toString()
    {
        return EncryptionIds.name(encryptionId) + "/" + keyLengthBits + "+" + IntegrityIds.name(integrityId());
    }
}
