package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An ESP algorithm combination the engine supports, with fixed test keys: every combined mode alone,
 * and AES-CBC and NULL with each HMAC.
 *
 * @param encryption the encryption algorithm.
 * @param integrity the integrity algorithm, {@link IntegrityAlgorithm#NONE} for combined modes.
 */
record Suite(EncryptionAlgorithm encryption, IntegrityAlgorithm integrity)
{
    /** @return all 14 combinations. */
    static List<Suite> all()
    {
        final List<Suite> suites = new ArrayList<>();
        for (final EncryptionAlgorithm encryption : EncryptionAlgorithm.values())
        {
            if (encryption.isCombinedMode())
            {
                suites.add(new Suite(encryption, IntegrityAlgorithm.NONE));
            }
            else
            {
                for (final IntegrityAlgorithm integrity : IntegrityAlgorithm.values())
                {
                    if (integrity != IntegrityAlgorithm.NONE)
                    {
                        suites.add(new Suite(encryption, integrity));
                    }
                }
            }
        }
        return suites;
    }

    /** @return keying material of the right length, none of it zero, the same on every call. */
    byte[] encryptionKey()
    {
        return bytes(encryption.keyMaterialLength(), 1);
    }

    /** @return the integrity key of the right length (empty for combined modes), the same on every call. */
    byte[] integrityKey()
    {
        return bytes(integrity.keyLength(), 2);
    }

    /** @return a new transform with this suite's keys. */
    EspTransform open(final JdkCryptoEngine engine)
    {
        return engine.esp(encryption, integrity, encryptionKey(), integrityKey());
    }

    @Override
    public String toString()
    {
        return integrity == IntegrityAlgorithm.NONE ? encryption.keyword() :
            encryption.keyword() + "-" + integrity.keyword();
    }

    private byte[] bytes(final int length, final int salt)
    {
        final Random random = new Random(31L * ordinalOf() + salt);
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(1 + random.nextInt(255));
        }
        return bytes;
    }

    private int ordinalOf()
    {
        return encryption.ordinal() * 8 + integrity.ordinal();
    }
}
