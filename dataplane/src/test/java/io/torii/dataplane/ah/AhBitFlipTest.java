package io.torii.dataplane.ah;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.TestSas;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-bit change to an AH packet: changes to what AH covers are refused, changes to the
 * fields routers may rewrite in transit (RFC 4302 §3.3.3.1) are accepted with the ICV verified.
 *
 * <p>Covered, so refused: IPv4 version and IHL, total length, identification, protocol and
 * addresses; IPv6 version, payload length, next header and addresses; the whole AH header (its ICV
 * padding over IPv6 included, RFC 4302 §3.4.4: only the ICV itself is zeroed for the check) and the
 * payload. Mutable, so accepted: IPv4 TOS, TTL, header checksum and the DF and reserved flags; IPv6
 * traffic class, flow label and hop limit. Setting more-fragments or a fragment offset turns the
 * packet into a fragment, which is refused as {@link Disposition#FRAGMENT}.
 *
 * <p>The IPv4 header checksum: AH leaves it out of the ICV, and the engine does not verify it
 * either. Checking it is the receiving port's job (the kernel drops such packets before a TUN or
 * raw socket sees them); the engine trusts the lengths and addresses only after the ICV covered
 * them. In transport mode the header is rewritten on the way out, so the delivered packet carries
 * a correct checksum again.
 *
 * <p>Refused copies are judged by one receiver: none commits its sequence number. Accepted ones
 * would, so each is made from a freshly protected packet with its own sequence number.
 */
class AhBitFlipTest
{
    private static final int BURST = 16;
    private static final int IPV4_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int AH_SPI_OFFSET = 4;
    private static final int AH_ICV_OFFSET = 12;

    /** What a flip of one bit must lead to. */
    private enum Expect
    {
        /** Any disposition but OK. */
        REFUSED,
        /** Exactly an ICV failure. */
        ICV_FAILURE,
        /** The SPI changed: no SA. */
        NO_SA,
        /** More-fragments or a fragment offset set. */
        FRAGMENT,
        /** A mutable field: accepted, ICV verified. */
        ACCEPTED
    }

    static Stream<Arguments> cases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final IntegrityAlgorithm integrity : new IntegrityAlgorithm[] {IntegrityAlgorithm.HMAC_SHA2_256_128,
            IntegrityAlgorithm.HMAC_SHA2_384_192, IntegrityAlgorithm.HMAC_SHA2_512_256})
        {
            for (final IpsecMode mode : IpsecMode.values())
            {
                for (final boolean ipv6 : new boolean[] {false, true})
                {
                    cases.add(Arguments.of(integrity.keyword(), mode, ipv6,
                        TestSas.ah(integrity).withMode(mode).withOuterIpv6(ipv6).withReplayWindow(1024)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} IPv6 {2}")
    @MethodSource("cases")
    void coveredBitsAreRefusedAndMutableBitsAccepted(final String algorithm, final IpsecMode mode,
        final boolean ipv6, final TestSas sas)
    {
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[] original = mode == IpsecMode.TRANSPORT ?
                Packets.udp(sas.source(), sas.destination(), 21, 3) :
                ipv6 ? Packets.udp("fd00::10", "fd00:1::20", 21, 3) : Packets.udp("10.1.0.10", "10.2.0.20", 21, 3);
            final byte[] base = pair.protectOne(original);
            final int ipHeader = ipv6 ? IPV6_HEADER : IPV4_HEADER;
            final int ahLength = ((base[ipHeader + 1] & 0xFF) + 2) * 4;
            final int bits = base.length * Byte.SIZE;
            final int[] seen = new int[Expect.values().length];

            for (int firstBit = 0; firstBit < bits; firstBit += BURST)
            {
                final int count = Math.min(BURST, bits - firstBit);
                final byte[][] flipped = new byte[count][];
                final Expect[] expected = new Expect[count];
                for (int i = 0; i < count; i++)
                {
                    final int bit = firstBit + i;
                    expected[i] = ipv6 ? ipv6Field(bit) : ipv4Field(bit);
                    if (expected[i] == null)
                    {
                        expected[i] = ahOrPayload(bit / Byte.SIZE - ipHeader, ahLength, sas.integrity());
                    }
                    flipped[i] = flip(expected[i] == Expect.ACCEPTED ? pair.protectOne(original) : base, bit);
                }
                final IpsecPair.Result result = pair.unprotect(flipped);
                for (int i = 0; i < count; i++)
                {
                    final int bit = firstBit + i;
                    final Disposition disposition = result.dispositions().get(i);
                    seen[expected[i].ordinal()]++;
                    switch (expected[i])
                    {
                        case ACCEPTED ->
                        {
                            assertThat(disposition).as("mutable bit %d", bit).isEqualTo(Disposition.OK);
                            assertThat(result.packets().get(i)).as("delivered after flipping bit %d", bit)
                                .isEqualTo(delivered(original, mode, ipv6, bit, flipped[i]));
                        }
                        case ICV_FAILURE ->
                            assertThat(disposition).as("bit %d", bit).isEqualTo(Disposition.ICV_FAILURE);
                        case NO_SA -> assertThat(disposition).as("SPI bit %d", bit).isEqualTo(Disposition.NO_SA);
                        case FRAGMENT -> assertThat(disposition).as("bit %d", bit).isEqualTo(Disposition.FRAGMENT);
                        case REFUSED -> assertThat(disposition).as("bit %d", bit).isNotEqualTo(Disposition.OK);
                        default -> throw new AssertionError(expected[i]);
                    }
                }
            }
            assertThat(seen[Expect.ACCEPTED.ordinal()]).isEqualTo(ipv6 ? 36 : 34);
            assertThat(seen[Expect.NO_SA.ordinal()]).isEqualTo(32);

            final IpsecPair.Result received = pair.unprotect(base);
            assertThat(received.dispositions()).containsExactly(Disposition.OK);
            assertThat(received.packets().getFirst()).isEqualTo(original);
        }
    }

    /** @return the expectation for a bit of the IPv4 header, or null past it. */
    private static Expect ipv4Field(final int bit)
    {
        final int offset = bit / Byte.SIZE;
        final int mask = 0x80 >>> (bit % Byte.SIZE);
        return switch (offset)
        {
            // TOS, TTL, header checksum.
            case 1, 8, 10, 11 -> Expect.ACCEPTED;
            // Reserved and don't-fragment are zeroed for the ICV; more-fragments and the offset make a fragment.
            case 6 -> mask >= 0x40 ? Expect.ACCEPTED : Expect.FRAGMENT;
            case 7 -> Expect.FRAGMENT;
            // Addresses: the ICV covers them and nothing else looks at them first.
            case 12, 13, 14, 15, 16, 17, 18, 19 -> Expect.ICV_FAILURE;
            // Version, IHL, total length, identification, protocol: covered, but a change may be caught
            // before the ICV (a malformed header, a different protocol).
            case 0, 2, 3, 4, 5, 9 -> Expect.REFUSED;
            default -> null;
        };
    }

    /** @return the expectation for a bit of the IPv6 header, or null past it. */
    private static Expect ipv6Field(final int bit)
    {
        if (bit >= IPV6_HEADER * Byte.SIZE)
        {
            return null;
        }
        if (bit < 4)
        {
            return Expect.REFUSED;
        }
        final int offset = bit / Byte.SIZE;
        if (offset < 4 || offset == 7)
        {
            // Traffic class, flow label, hop limit.
            return Expect.ACCEPTED;
        }
        return offset >= 8 ? Expect.ICV_FAILURE : Expect.REFUSED;
    }

    private static Expect ahOrPayload(final int ahOffset, final int ahLength, final IntegrityAlgorithm integrity)
    {
        if (ahOffset >= AH_SPI_OFFSET && ahOffset < AH_SPI_OFFSET + 4)
        {
            return Expect.NO_SA;
        }
        // The payload length may be refused as malformed before the ICV, and a sequence number below the
        // window before it; every other byte, ICV padding included, reaches the ICV check.
        if (ahOffset < AH_ICV_OFFSET)
        {
            return Expect.REFUSED;
        }
        assertThat(ahLength).isGreaterThanOrEqualTo(AH_ICV_OFFSET + integrity.icvLength());
        return Expect.ICV_FAILURE;
    }

    /**
     * The packet the receiver must deliver when a mutable bit was flipped on the way. Transport mode
     * delivers the header as received, its IPv4 checksum recomputed; tunnel mode delivers the inner
     * packet as sent, but for a Congestion Experienced mark the outer header now carries (RFC 6040).
     */
    private static byte[] delivered(final byte[] original, final IpsecMode mode, final boolean ipv6, final int bit,
        final byte[] sent)
    {
        final byte[] expected = original.clone();
        if (mode == IpsecMode.TRANSPORT)
        {
            expected[bit / Byte.SIZE] ^= (byte)(0x80 >>> (bit % Byte.SIZE));
        }
        else
        {
            final int outerEcn = ipv6 ? (sent[1] >>> 4) & 0x03 : sent[1] & 0x03;
            final int innerEcn = ipv6 ? (original[1] >>> 4) & 0x03 : original[1] & 0x03;
            if (outerEcn == 0x03 && innerEcn != 0)
            {
                if (ipv6)
                {
                    expected[1] |= 0x30;
                }
                else
                {
                    expected[1] |= 0x03;
                }
            }
        }
        if (!ipv6)
        {
            final int checksum = Packets.ipv4Checksum(expected);
            expected[10] = (byte)(checksum >>> 8);
            expected[11] = (byte)checksum;
        }
        return expected;
    }

    private static byte[] flip(final byte[] packet, final int bit)
    {
        final byte[] copy = packet.clone();
        copy[bit / Byte.SIZE] ^= (byte)(0x80 >>> (bit % Byte.SIZE));
        return copy;
    }
}
