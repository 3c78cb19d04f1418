package io.torii.ike.keymat;

import io.torii.ike.crypto.Prf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * AUTH data for a pre-shared key (RFC 7296 §2.15):
 * <pre>
 *   InitiatorSignedOctets = RealMessage1 | NonceRData | MACedIDForI
 *   ResponderSignedOctets = RealMessage2 | NonceIData | MACedIDForR
 *   MACedIDForX           = prf(SK_px, IDx')
 *   AUTH                  = prf( prf(Shared Secret, "Key Pad for IKEv2"), SignedOctets)
 * </pre>
 * where RealMessage is the party's first message as sent (IKE_SA_INIT, from the IKE header on),
 * the nonce is the peer's Nonce Data, and IDx' the ID payload body after its generic header:
 * <pre>
 *                        1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   ID Type     |                 RESERVED                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   ~                   Identification Data                         ~
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class PskAuthentication
{
    /** The pad RFC 7296 §2.15 keys the shared secret with, 17 ASCII bytes without terminator. */
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private PskAuthentication()
    {
    }

    /**
     * @param idType the ID Type (§3.5), 0 to 255.
     * @param identification the Identification Data.
     * @return IDx': ID Type, three reserved zero bytes, then the data.
     */
    public static byte[] idPayloadBody(final int idType, final byte[] identification)
    {
        if (idType < 0 || idType > 255)
        {
            throw new IllegalArgumentException("ID type " + idType + " is not one octet");
        }
        final byte[] body = new byte[4 + identification.length];
        body[0] = (byte)idType;
        System.arraycopy(identification, 0, body, 4, identification.length);
        return body;
    }

    /**
     * @param firstMessage this party's first message (IKE_SA_INIT request or response) as sent.
     * @param peerNonce the peer's Nonce Data.
     * @param prf the IKE SA's PRF.
     * @param skP SK_pi for the initiator's AUTH, SK_pr for the responder's.
     * @param idPayloadBody IDx' of the party whose AUTH this is.
     * @return the signed octets.
     */
    public static byte[] signedOctets(final byte[] firstMessage, final byte[] peerNonce, final Prf prf,
        final byte[] skP, final byte[] idPayloadBody)
    {
        final byte[] macedId = prf.prf(skP, idPayloadBody);
        final byte[] octets = IkeKeyDerivation.concat(firstMessage, peerNonce, macedId);
        Arrays.fill(macedId, (byte)0);
        return octets;
    }

    /**
     * @return AUTH = prf(prf(sharedSecret, "Key Pad for IKEv2"), signedOctets).
     */
    public static byte[] authData(final Prf prf, final byte[] sharedSecret, final byte[] signedOctets)
    {
        final byte[] paddedKey = prf.prf(sharedSecret, KEY_PAD);
        try
        {
            return prf.prf(paddedKey, signedOctets);
        }
        finally
        {
            Arrays.fill(paddedKey, (byte)0);
        }
    }

    /**
     * @param receivedAuthData the Authentication Data of the peer's AUTH payload (method 2).
     * @return true when it equals the expected AUTH, compared in constant time.
     */
    public static boolean verify(final Prf prf, final byte[] sharedSecret, final byte[] signedOctets,
        final byte[] receivedAuthData)
    {
        final byte[] expected = authData(prf, sharedSecret, signedOctets);
        try
        {
            return MessageDigest.isEqual(expected, receivedAuthData);
        }
        finally
        {
            Arrays.fill(expected, (byte)0);
        }
    }
}
