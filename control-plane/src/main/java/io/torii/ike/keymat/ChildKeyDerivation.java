package io.torii.ike.keymat;

import io.torii.ike.crypto.Prf;
import java.util.Arrays;

/**
 * Child SA keys (RFC 7296 §2.17):
 * <pre>
 *   KEYMAT = prf+(SK_d, Ni | Nr)                    without PFS (and for the first Child SA)
 *   KEYMAT = prf+(SK_d, g^ir (new) | Ni | Nr)       with a KE payload in CREATE_CHILD_SA
 * </pre>
 * split as initiator-to-responder encryption key, its integrity key, then responder-to-initiator
 * encryption key and integrity key. Ni and Nr are the nonces of the exchange that creates the SA (of
 * IKE_SA_INIT for the first Child SA), initiator's first.
 */
public final class ChildKeyDerivation
{
    private ChildKeyDerivation()
    {
    }

    /**
     * @param prf the IKE SA's PRF.
     * @param skD the IKE SA's SK_d.
     * @param newSharedSecret g^ir of the CREATE_CHILD_SA key exchange, or null without one.
     * @param encryptionKeyLength bytes of each encryption key (key plus salt for an AEAD).
     * @param integrityKeyLength bytes of each integrity key, 0 for an AEAD.
     * @return the four keys.
     */
    public static ChildKeys derive(final Prf prf, final byte[] skD, final byte[] newSharedSecret, final byte[] ni,
        final byte[] nr, final int encryptionKeyLength, final int integrityKeyLength)
    {
        if (encryptionKeyLength < 0 || integrityKeyLength < 0)
        {
            throw new IllegalArgumentException("key lengths must not be negative");
        }
        final byte[] seed = newSharedSecret == null ?
            IkeKeyDerivation.concat(ni, nr) : IkeKeyDerivation.concat(newSharedSecret, ni, nr);
        final byte[] keymat = prf.prfPlus(skD, seed, 2 * (encryptionKeyLength + integrityKeyLength));
        try
        {
            final KeyStream keys = new KeyStream(keymat);
            return new ChildKeys(keys.next(encryptionKeyLength), keys.next(integrityKeyLength),
                keys.next(encryptionKeyLength), keys.next(integrityKeyLength));
        }
        finally
        {
            Arrays.fill(keymat, (byte)0);
            Arrays.fill(seed, (byte)0);
        }
    }
}
