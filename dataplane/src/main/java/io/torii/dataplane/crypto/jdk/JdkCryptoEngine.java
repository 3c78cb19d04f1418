package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.IntegrityTransform;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The crypto engine built on the JDK's own providers (JCE), always available: the fallback when no
 * native engine probes successfully, and the oracle native engines are tested against.
 *
 * <p>Supports every {@link EncryptionAlgorithm} and every {@link IntegrityAlgorithm} but
 * {@link IntegrityAlgorithm#NONE}. Key lengths are checked here, once, when an SA is installed; the
 * transforms then trust them. Thread-safe: making transforms shares only a {@link SecureRandom}.
 */
public final class JdkCryptoEngine implements CryptoEngine
{
    /** The engine's name in logs and {@code torii hw}. */
    public static final String NAME = "jdk";

    private final SecureRandom random = new SecureRandom();

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a combined mode is given an integrity algorithm or key, a
     *         cipher or NULL lacks one, or a key is not the length the algorithm takes.
     */
    @Override
    public EspTransform esp(
        final EncryptionAlgorithm encryption,
        final IntegrityAlgorithm integrity,
        final byte[] encryptionKey,
        final byte[] integrityKey)
    {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        Objects.requireNonNull(integrityKey, "integrityKey");
        checkCombination(encryption, integrity);
        checkEncryptionKey(encryption, encryptionKey);
        checkIntegrityKey(encryption, integrity, integrityKey);
        return switch (encryption)
        {
            case AES_GCM_16_128, AES_GCM_16_256, CHACHA20_POLY1305 -> new AeadEspTransform(encryption, encryptionKey);
            case AES_GMAC_128, AES_GMAC_256 -> new GmacEspTransform(encryption, encryptionKey);
            case AES_CBC_128, AES_CBC_256 ->
                new CbcHmacEspTransform(encryption, integrity, encryptionKey, integrityKey, random);
            case NULL -> new NullHmacEspTransform(integrity, integrityKey);
        };
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for {@link IntegrityAlgorithm#NONE} or a key that is not the
     *         hash's output length (RFC 4868 §2.1.1).
     */
    @Override
    public IntegrityTransform integrity(final IntegrityAlgorithm integrity, final byte[] key)
    {
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(key, "key");
        if (integrity == IntegrityAlgorithm.NONE)
        {
            throw new IllegalArgumentException("AH needs an integrity algorithm (sha256, sha384 or sha512), not NONE");
        }
        checkHmacKey(integrity, key);
        return new HmacIntegrityTransform(integrity, key);
    }

    private static void checkCombination(final EncryptionAlgorithm encryption, final IntegrityAlgorithm integrity)
    {
        if (encryption.isCombinedMode() && integrity != IntegrityAlgorithm.NONE)
        {
            throw new IllegalArgumentException(encryption.keyword() + " authenticates by itself: integrity must " +
                "be NONE, not " + integrity.keyword());
        }
        if (!encryption.isCombinedMode() && integrity == IntegrityAlgorithm.NONE)
        {
            throw new IllegalArgumentException(encryption.keyword() + " needs an integrity algorithm " +
                "(sha256, sha384 or sha512), not NONE");
        }
    }

    private static void checkEncryptionKey(final EncryptionAlgorithm encryption, final byte[] key)
    {
        if (key.length == encryption.keyMaterialLength())
        {
            return;
        }
        if (encryption == EncryptionAlgorithm.NULL)
        {
            throw new IllegalArgumentException("null encryption takes no key, got " + key.length + " bytes");
        }
        final String expected = encryption.saltLength() == 0 ?
            "a " + encryption.keyLength() + "-byte key" :
            encryption.keyMaterialLength() + " bytes of keying material (a " + encryption.keyLength() +
                "-byte key then a " + encryption.saltLength() + "-byte salt)";
        throw new IllegalArgumentException(
            encryption.keyword() + " needs " + expected + ", got " + key.length + " bytes");
    }

    private static void checkIntegrityKey(
        final EncryptionAlgorithm encryption, final IntegrityAlgorithm integrity, final byte[] key)
    {
        if (integrity == IntegrityAlgorithm.NONE)
        {
            if (key.length != 0)
            {
                throw new IllegalArgumentException(encryption.keyword() + " takes no integrity key, got " +
                    key.length + " bytes; pass an empty array");
            }
            return;
        }
        checkHmacKey(integrity, key);
    }

    private static void checkHmacKey(final IntegrityAlgorithm integrity, final byte[] key)
    {
        if (key.length != integrity.keyLength())
        {
            throw new IllegalArgumentException(integrity.keyword() + " needs a " + integrity.keyLength() +
                "-byte key (RFC 4868 §2.1.1: the hash's output length), got " + key.length + " bytes");
        }
    }
}
