package io.torii.ike.task;

import io.torii.ike.message.IkeHeaderFlyweight;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.IkeMessageEncoder;
import io.torii.ike.message.SkCipher;
import io.torii.ike.message.payload.Payload;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.FragmentationPolicy;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Encodes an encrypted message whole, or in Encrypted Fragment payloads (RFC 7383 §2.5) when fragmentation
 * is in use and the whole message would make an IP datagram larger than the connection's fragment size.
 * A fragment's datagram is then at most that size, counting what goes before the IKE header:
 * <pre>
 *   IP header (20 or 40) | UDP (8) | non-ESP marker (4, port 4500 only) | IKE header (28) |
 *   SKF header (8) | IV | content | padding | Pad Length (1) | ICV
 * </pre>
 */
final class MessageFragmenter
{
    private static final int IPV4_HEADER_LENGTH = 20;
    private static final int IPV6_HEADER_LENGTH = 40;
    private static final int UDP_HEADER_LENGTH = 8;
    /** RFC 3948 §2.2: IKE on the NAT-T port starts with four zero bytes. */
    private static final int NON_ESP_MARKER_LENGTH = 4;
    private static final int FRAGMENT_NUMBERS_LENGTH = 4;

    private MessageFragmenter()
    {
    }

    /**
     * @param message a message with SK.
     * @param cipher the sending direction's cipher.
     * @param fragment true when fragmentation was negotiated and the connection sends fragments.
     * @param policy the connection's fragment size.
     * @param local our end, for the headers below IKE.
     * @return the datagrams: the whole message, or its fragments in number order.
     */
    static List<byte[]> encode(final IkeMessage message, final SkCipher cipher, final boolean fragment,
        final FragmentationPolicy policy, final InetSocketAddress local)
    {
        final byte[] whole = IkeMessageEncoder.encode(message, cipher);
        if (!fragment)
        {
            return List.of(whole);
        }
        final int below = belowIke(local);
        final int limit = policy.datagramLimit(local.getAddress() instanceof Inet6Address);
        final int budget = contentBudget(limit - below, cipher);
        if (below + whole.length <= limit || budget < 1)
        {
            return List.of(whole);
        }
        return IkeMessageEncoder.encodeFragments(message, cipher, budget);
    }

    /**
     * @param ikeLimit the most bytes of IKE message one fragment may take.
     * @param cipher the sending direction's cipher.
     * @return the most inner-payload bytes one fragment holds: what is left after the headers, IV and ICV,
     *         rounded down so that content, padding and Pad Length fill whole cipher blocks.
     */
    static int contentBudget(final int ikeLimit, final SkCipher cipher)
    {
        final int sealed = ikeLimit - IkeHeaderFlyweight.LENGTH - Payload.GENERIC_HEADER_LENGTH -
            FRAGMENT_NUMBERS_LENGTH - cipher.ivLength() - cipher.icvLength();
        final int blockSize = Math.max(1, cipher.blockSize());
        return sealed / blockSize * blockSize - 1;
    }

    /** @return bytes of IP, UDP and non-ESP marker before the IKE header. */
    private static int belowIke(final InetSocketAddress local)
    {
        final int ip = local.getAddress() instanceof Inet6Address ? IPV6_HEADER_LENGTH : IPV4_HEADER_LENGTH;
        return ip + UDP_HEADER_LENGTH + (local.getPort() == IkeDatagram.IKE_PORT ? 0 : NON_ESP_MARKER_LENGTH);
    }
}
