package io.torii.dataplane.crypto;

/**
 * Makes transforms with prepared keys. Engines are chosen by probe and priority; the JDK engine
 * is always available.
 */
public interface CryptoEngine extends AutoCloseable
{
    /** @return a short name for logs and {@code torii hw}, such as {@code jdk} or {@code ipsec-mb}. */
    String name();

    /**
     * @param encryption the encryption or combined-mode algorithm.
     * @param integrity the integrity algorithm; {@link IntegrityAlgorithm#NONE} for combined modes.
     * @param encryptionKey key followed by salt where the algorithm has one; copied, the caller may
     *        zero its array afterwards.
     * @param integrityKey the integrity key, empty for combined modes; copied.
     * @return a transform for one SA direction.
     * @throws IllegalArgumentException when the combination or a key length is wrong.
     */
    EspTransform esp(EncryptionAlgorithm encryption, IntegrityAlgorithm integrity, byte[] encryptionKey,
        byte[] integrityKey);

    /**
     * @param integrity the AH integrity algorithm; not {@link IntegrityAlgorithm#NONE}.
     * @param key the key, copied.
     * @return a transform for one SA direction.
     */
    IntegrityTransform integrity(IntegrityAlgorithm integrity, byte[] key);

    /** Frees per-thread state, such as a native manager; close the transforms first. */
    @Override
    default void close()
    {
    }
}
