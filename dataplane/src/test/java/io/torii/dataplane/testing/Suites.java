package io.torii.dataplane.testing;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * Every ESP suite Torii offers, as (encryption, integrity) pairs.
 */
public final class Suites
{
    private Suites()
    {
    }

    /**
     * @return each combined-mode algorithm alone, and each other algorithm with each HMAC.
     */
    public static List<TestSas> allEsp()
    {
        final List<TestSas> suites = new ArrayList<>();
        for (final EncryptionAlgorithm encryption : EncryptionAlgorithm.values())
        {
            if (encryption.isCombinedMode())
            {
                suites.add(TestSas.esp(encryption, IntegrityAlgorithm.NONE));
                continue;
            }
            for (final IntegrityAlgorithm integrity : IntegrityAlgorithm.values())
            {
                if (integrity != IntegrityAlgorithm.NONE)
                {
                    suites.add(TestSas.esp(encryption, integrity));
                }
            }
        }
        return suites;
    }

    /**
     * @param sas a pair.
     * @return its suite in strongSwan's words, for test names.
     */
    public static String name(final TestSas sas)
    {
        return sas.encryption().keyword() +
            (sas.integrity() == IntegrityAlgorithm.NONE ? "" : "-" + sas.integrity().keyword());
    }
}
