package io.torii.ike.sa;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The data of the NAT_DETECTION_SOURCE_IP and NAT_DETECTION_DESTINATION_IP notifies (RFC 7296 §2.23):
 * {@code SHA-1(SPIi | SPIr | IP | Port)}, with SPIr 0 in the IKE_SA_INIT request. A side is behind a
 * NAT when the hash it computes over the address and port it sees differs from every hash the peer sent
 * for it. SHA-1 is what the RFC fixes here; it is not used for security.
 */
public final class NatDetection
{
    /** Bytes of a NAT detection hash. */
    public static final int HASH_LENGTH = 20;

    private NatDetection()
    {
    }

    /**
     * @param initiatorSpi SPIi.
     * @param responderSpi SPIr, 0 in the IKE_SA_INIT request.
     * @param endpoint the address and port hashed.
     * @return the 20-byte hash.
     */
    public static byte[] hash(final long initiatorSpi, final long responderSpi, final InetSocketAddress endpoint)
    {
        final byte[] address = endpoint.getAddress().getAddress();
        final ByteBuffer input = ByteBuffer.allocate(2 * Long.BYTES + address.length + Short.BYTES)
            .putLong(initiatorSpi).putLong(responderSpi).put(address).putShort((short)endpoint.getPort());
        try
        {
            return MessageDigest.getInstance("SHA-1").digest(input.array());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JDK has no SHA-1", ex);
        }
    }

    /**
     * @param initiatorSpi SPIi.
     * @param responderSpi SPIr as in the message that carried the hashes.
     * @param endpoint the address and port as this side sees it.
     * @param peerHashes the hashes the peer sent for that end (one DESTINATION_IP, or several SOURCE_IP).
     * @return true when none matches: a NAT changed that end on the way.
     */
    public static boolean translated(final long initiatorSpi, final long responderSpi,
        final InetSocketAddress endpoint, final Iterable<byte[]> peerHashes)
    {
        final byte[] expected = hash(initiatorSpi, responderSpi, endpoint);
        for (final byte[] peerHash : peerHashes)
        {
            if (MessageDigest.isEqual(expected, peerHash))
            {
                return false;
            }
        }
        return true;
    }
}
