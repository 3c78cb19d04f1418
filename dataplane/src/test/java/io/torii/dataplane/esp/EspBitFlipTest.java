package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.Suites;
import io.torii.dataplane.testing.TestSas;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-bit change to the ESP part of a packet, from the SPI to the last ICV byte, is
 * refused: a changed SPI finds no SA, a changed sequence number fails the ICV or the replay check,
 * and any other change fails the ICV. The original still decrypts afterwards.
 *
 * <p>One receiver judges every flipped copy: none of them may be accepted, so none commits a
 * sequence number, and the receiver stays as it was. That the original still decrypts at the end
 * proves it (its sequence number would be a replay otherwise). Should a flip be wrongly accepted, the
 * assertion on that flip fails first.
 */
class EspBitFlipTest
{
    /** IpsecPair's batch holds 16 packets: flipped copies are judged 16 at a time. */
    private static final int BURST = 16;
    private static final int IPV4_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int SPI_BITS = 32;
    private static final int SEQUENCE_BITS = 32;

    static Stream<Arguments> cases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final TestSas suite : Suites.allEsp())
        {
            for (final boolean encap : new boolean[] {false, true})
            {
                for (final boolean esn : new boolean[] {false, true})
                {
                    cases.add(Arguments.of(Suites.name(suite), suite.withEncap(encap).withEsn(esn, 0), encap, esn));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} encap {2} esn {3}")
    @MethodSource("cases")
    void everyFlippedBitIsRefusedAndTheOriginalStillDecrypts(final String suite, final TestSas sas,
        final boolean encap, final boolean esn)
    {
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[] original = Packets.udp("10.1.0.10", "10.2.0.20", 21, 7);
            final byte[] protectedPacket = pair.protectOne(original);
            final int espStart = IPV4_HEADER + (encap ? UDP_HEADER : 0);
            final int bits = (protectedPacket.length - espStart) * Byte.SIZE;

            int judged = 0;
            for (int firstBit = 0; firstBit < bits; firstBit += BURST)
            {
                final int count = Math.min(BURST, bits - firstBit);
                final byte[][] flipped = new byte[count][];
                for (int i = 0; i < count; i++)
                {
                    flipped[i] = flip(protectedPacket, espStart, firstBit + i);
                }
                final IpsecPair.Result result = pair.unprotect(flipped);
                for (int i = 0; i < count; i++)
                {
                    final int bit = firstBit + i;
                    final Disposition disposition = result.dispositions().get(i);
                    assertThat(disposition).as("bit %d of ESP", bit).isNotEqualTo(Disposition.OK);
                    if (bit < SPI_BITS)
                    {
                        // Under UDP encapsulation a zero SPI is the non-ESP marker: the datagram is IKE.
                        final boolean zeroSpi = (TestSas.SPI ^ 1 << (SPI_BITS - 1 - bit)) == 0;
                        assertThat(disposition).as("SPI bit %d", bit)
                            .isEqualTo(encap && zeroSpi ? Disposition.NOT_IPSEC : Disposition.NO_SA);
                    }
                    else if (bit < SPI_BITS + SEQUENCE_BITS)
                    {
                        assertThat(disposition).as("sequence bit %d", bit - SPI_BITS)
                            .isIn(Disposition.ICV_FAILURE, Disposition.OUTSIDE_WINDOW, Disposition.REPLAY);
                    }
                    else
                    {
                        assertThat(disposition).as("bit %d of ESP", bit).isEqualTo(Disposition.ICV_FAILURE);
                    }
                    judged++;
                }
            }
            assertThat(judged).isEqualTo(bits);
            assertThat(pair.receiverTable().counters().total(Disposition.OK)).isZero();

            final IpsecPair.Result received = pair.unprotect(protectedPacket);
            assertThat(received.dispositions()).containsExactly(Disposition.OK);
            assertThat(received.packets().getFirst()).isEqualTo(original);
        }
    }

    private static byte[] flip(final byte[] packet, final int from, final int bit)
    {
        final byte[] copy = packet.clone();
        copy[from + bit / Byte.SIZE] ^= (byte)(0x80 >>> (bit % Byte.SIZE));
        return copy;
    }
}
