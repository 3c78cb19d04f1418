package io.torii.nativeshim;

import java.util.ArrayList;
import java.util.List;

/**
 * One ESP suite the ipsec-mb layer offers, with fixed test keys: every combined mode alone, and
 * NULL and both AES-CBC sizes with each HMAC.
 *
 * @param cipher the cipher.
 * @param integrity the HMAC, or NONE.
 */
record Suite(IpsecMbCipher cipher, IpsecMbIntegrity integrity)
{
    static List<Suite> all()
    {
        final List<Suite> suites = new ArrayList<>();
        for (final IpsecMbCipher cipher : IpsecMbCipher.values())
        {
            if (cipher.isCombined())
            {
                suites.add(new Suite(cipher, IpsecMbIntegrity.NONE));
            }
            else
            {
                for (final IpsecMbIntegrity integrity : IpsecMbIntegrity.values())
                {
                    if (integrity != IpsecMbIntegrity.NONE)
                    {
                        suites.add(new Suite(cipher, integrity));
                    }
                }
            }
        }
        return suites;
    }

    byte[] cipherKey()
    {
        return TestPackets.pattern(cipher.keyMaterialLength(), 0x11 + cipher.ordinal());
    }

    byte[] integrityKey()
    {
        return integrity == IpsecMbIntegrity.NONE ? null : TestPackets.pattern(integrity.keyLength(), 0x51);
    }

    /** A fixed CBC IV seed, so that every architecture draws the same IVs. */
    static byte[] ivSeed()
    {
        return TestPackets.pattern(IpsecMbKey.IV_SEED_LENGTH, 0x71);
    }

    IpsecMbKey install(final IpsecMbManager manager)
    {
        return IpsecMbKey.espWithSeed(manager, cipher, cipherKey(), integrity, integrityKey(), ivSeed());
    }

    int ivLength()
    {
        return cipher.ivLength();
    }

    int icvLength()
    {
        return cipher.isCombined() ? cipher.icvLength() : integrity.icvLength();
    }

    /** Payload to next header: whole blocks for CBC, an ESP-like 4-byte multiple otherwise. */
    int plaintextLength(final int hint)
    {
        return cipher.isCbc() ? (hint / 16 + 1) * 16 : (hint / 4 + 1) * 4;
    }

    @Override
    public String toString()
    {
        return cipher + (integrity == IpsecMbIntegrity.NONE ? "" : "+" + integrity);
    }
}
