package io.torii.ike.keymat;

import io.torii.ike.crypto.Prf;
import io.torii.ike.crypto.SkCipherSuite;
import java.util.Arrays;

/**
 * SKEYSEED and the IKE SA keys (RFC 7296 §2.14, §2.18):
 * <pre>
 *   SKEYSEED = prf(Ni | Nr, g^ir)                                   IKE_SA_INIT
 *   SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)                rekeyed IKE SA, with the old PRF
 *   {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr}
 *            = prf+ (SKEYSEED, Ni | Nr | SPIi | SPIr)
 * </pre>
 * SK_d, SK_pi and SK_pr are as long as the new SA's PRF key; SK_a and SK_e as the suite says. Ni and Nr
 * are the nonces as carried (the whole Nonce Data), SPIi and SPIr the new SA's 8-byte SPIs.
 *
 * <p>For a rekeyed SA, §2.18 names the old SA's PRF for SKEYSEED, since the exchange belongs to the old
 * SA, and leaves prf+ open. strongSwan ({@code keymat_v2.c}, {@code derive_ike_keys}) runs prf+ with the
 * old SA's PRF too, and we follow it so that both ends agree when a rekey changes the PRF.
 */
public final class IkeKeyDerivation
{
    /** Bytes of an IKE SPI. */
    public static final int SPI_LENGTH = 8;

    private IkeKeyDerivation()
    {
    }

    /**
     * @return SKEYSEED = prf(Ni | Nr, g^ir); the caller zeroes it.
     */
    public static byte[] skeyseed(final Prf prf, final byte[] ni, final byte[] nr, final byte[] sharedSecret)
    {
        final byte[] key = concat(ni, nr);
        try
        {
            return prf.prf(key, sharedSecret);
        }
        finally
        {
            Arrays.fill(key, (byte)0);
        }
    }

    /**
     * @param oldPrf the PRF of the IKE SA being rekeyed: the exchange belongs to it (§2.18).
     * @param oldSkD SK_d of the IKE SA being rekeyed.
     * @param newSharedSecret g^ir of the CREATE_CHILD_SA exchange.
     * @param ni the nonce of whoever initiated the rekey.
     * @param nr the nonce of whoever responded to it.
     * @return the new SA's SKEYSEED; the caller zeroes it.
     */
    public static byte[] rekeySkeyseed(final Prf oldPrf, final byte[] oldSkD, final byte[] newSharedSecret,
        final byte[] ni, final byte[] nr)
    {
        return oldPrf.prf(oldSkD, newSharedSecret, ni, nr);
    }

    /**
     * @param prf the SA's negotiated PRF.
     * @param suite the SA's negotiated ENCR and INTEG.
     * @return the seven keys from prf+(SKEYSEED, Ni | Nr | SPIi | SPIr).
     * @throws IllegalArgumentException when an SPI is not 8 bytes.
     */
    public static IkeKeys deriveKeys(final Prf prf, final SkCipherSuite suite, final byte[] skeyseed,
        final byte[] ni, final byte[] nr, final byte[] spiI, final byte[] spiR)
    {
        return deriveKeys(prf, prf.keyLength(), suite, skeyseed, ni, nr, spiI, spiR);
    }

    /** prf+ with one PRF, keys sized for another's key length (they differ when a rekey changes the PRF). */
    private static IkeKeys deriveKeys(final Prf prfPlus, final int prfKey, final SkCipherSuite suite,
        final byte[] skeyseed, final byte[] ni, final byte[] nr, final byte[] spiI, final byte[] spiR)
    {
        if (spiI.length != SPI_LENGTH || spiR.length != SPI_LENGTH)
        {
            throw new IllegalArgumentException("IKE SPIs are 8 bytes, not " + spiI.length + " and " + spiR.length);
        }
        final int integrityKey = suite.integrityKeyLength();
        final int encryptionKey = suite.encryptionKeyLength();
        final byte[] seed = concat(ni, nr, spiI, spiR);
        final byte[] stream = prfPlus.prfPlus(skeyseed, seed, 3 * prfKey + 2 * integrityKey + 2 * encryptionKey);
        try
        {
            final KeyStream keys = new KeyStream(stream);
            return new IkeKeys(keys.next(prfKey), keys.next(integrityKey), keys.next(integrityKey),
                keys.next(encryptionKey), keys.next(encryptionKey), keys.next(prfKey), keys.next(prfKey));
        }
        finally
        {
            Arrays.fill(stream, (byte)0);
            Arrays.fill(seed, (byte)0);
        }
    }

    /**
     * The keys of a new IKE SA from IKE_SA_INIT, SKEYSEED computed and zeroed on the way.
     */
    public static IkeKeys initialKeys(final Prf prf, final SkCipherSuite suite, final byte[] ni, final byte[] nr,
        final byte[] sharedSecret, final byte[] spiI, final byte[] spiR)
    {
        final byte[] skeyseed = skeyseed(prf, ni, nr, sharedSecret);
        try
        {
            return deriveKeys(prf, suite, skeyseed, ni, nr, spiI, spiR);
        }
        finally
        {
            Arrays.fill(skeyseed, (byte)0);
        }
    }

    /**
     * The keys of an IKE SA that replaces an old one (§2.18), SKEYSEED computed and zeroed on the way.
     *
     * @param oldPrf the old SA's PRF, for SKEYSEED and prf+ (as strongSwan has it).
     * @param newPrf the new SA's PRF: it sizes SK_d, SK_pi and SK_pr.
     * @param spiI the new SA's SPI chosen by the rekey's initiator.
     * @param spiR the new SA's SPI chosen by the rekey's responder.
     */
    public static IkeKeys rekeyedKeys(final Prf oldPrf, final byte[] oldSkD, final Prf newPrf,
        final SkCipherSuite newSuite, final byte[] newSharedSecret, final byte[] ni, final byte[] nr,
        final byte[] spiI, final byte[] spiR)
    {
        final byte[] skeyseed = rekeySkeyseed(oldPrf, oldSkD, newSharedSecret, ni, nr);
        try
        {
            return deriveKeys(oldPrf, newPrf.keyLength(), newSuite, skeyseed, ni, nr, spiI, spiR);
        }
        finally
        {
            Arrays.fill(skeyseed, (byte)0);
        }
    }

    static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] out = new byte[length];
        int offset = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
