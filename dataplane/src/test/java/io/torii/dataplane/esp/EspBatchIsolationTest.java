package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.Suites;
import io.torii.dataplane.testing.TestSas;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One burst mixing good packets with broken ones: each broken packet gets its own disposition and
 * the good ones around it decrypt byte for byte, in tunnel and transport mode.
 */
class EspBatchIsolationTest
{
    static Stream<Arguments> cases()
    {
        return Suites.allEsp().stream().flatMap(suite -> Stream.of(
            Arguments.of(Suites.name(suite), suite.withMode(IpsecMode.TUNNEL)),
            Arguments.of(Suites.name(suite), suite.withMode(IpsecMode.TRANSPORT))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void badPacketsNeverDisturbTheirNeighbours(final String suite, final TestSas sas)
    {
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[][] originals = new byte[4][];
            for (int i = 0; i < originals.length; i++)
            {
                originals[i] = sas.mode() == IpsecMode.TRANSPORT ?
                    Packets.udp(sas.source(), sas.destination(), 50 + 31 * i, i) :
                    Packets.udp("10.1.0.10", "10.2.0.20", 50 + 31 * i, i);
            }
            final IpsecPair.Result sent = pair.protect(originals);
            assertThat(sent.dispositions()).containsOnly(Disposition.OK);
            final byte[] good1 = sent.packets().get(0);
            final byte[] good2 = sent.packets().get(1);
            final byte[] good3 = sent.packets().get(2);
            // The fourth packet cut to its IP header and 12 ESP bytes, its length field told the truth.
            final byte[] truncated = Arrays.copyOf(sent.packets().get(3), 20 + 12);
            ByteBuffer.wrap(truncated).putShort(2, (short)truncated.length);
            final byte[] garbage = new byte[200];
            new Random(5).nextBytes(garbage);
            garbage[0] = 0x00;

            final IpsecPair.Result received = pair.unprotect(good1, truncated, garbage, good2, good1, good3);

            assertThat(received.dispositions()).containsExactly(Disposition.OK, Disposition.TOO_SHORT,
                Disposition.MALFORMED, Disposition.OK, Disposition.REPLAY, Disposition.OK);
            assertThat(received.packets().get(0)).isEqualTo(originals[0]);
            assertThat(received.packets().get(3)).isEqualTo(originals[1]);
            assertThat(received.packets().get(5)).isEqualTo(originals[2]);
            assertThat(received.packets().get(2)).as("a dropped packet is left as it came").isEqualTo(garbage);
            assertThat(pair.receiverTable().counters().total(Disposition.OK)).isEqualTo(3);
            final int slot = EspReplayTest.inboundSlot(pair);
            assertThat(pair.receiverTable().counters().count(slot, Disposition.TOO_SHORT)).isEqualTo(1);
            assertThat(pair.receiverTable().counters().count(slot, Disposition.REPLAY)).isEqualTo(1);
            assertThat(pair.receiverTable().counters().total(Disposition.MALFORMED)).isEqualTo(1);
        }
    }
}
