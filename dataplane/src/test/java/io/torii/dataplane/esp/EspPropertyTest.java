package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
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
 * For every suite, in tunnel mode over IPv4, every UDP payload size from 0 to 300 and then every
 * 97th up to a 9000-byte payload (a jumbo frame) decrypts to exactly what went in. Sizes below 300
 * walk every padding length of every block size; the stride, prime to 4, 8 and 16, keeps walking
 * them in larger packets. With ESN the run starts below 2^32 and crosses it.
 */
class EspPropertyTest
{
    private static final int EVERY_SIZE_UP_TO = 300;
    private static final int STRIDE = 97;
    private static final int LARGEST_PAYLOAD = 9000;
    /** IpsecPair's batch holds 16 packets. */
    private static final int BURST = 16;
    /** With ESN, the sender's counter starts here so that the run crosses 2^32. */
    private static final long ESN_START = 0xFFFF_FF00L;

    static Stream<Arguments> cases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final TestSas suite : Suites.allEsp())
        {
            cases.add(Arguments.of(Suites.name(suite), suite, false));
            cases.add(Arguments.of(Suites.name(suite), suite.withEsn(true, ESN_START), true));
        }
        return cases.stream();
    }

    static int[] payloadSizes()
    {
        final List<Integer> sizes = new ArrayList<>();
        for (int size = 0; size <= EVERY_SIZE_UP_TO; size++)
        {
            sizes.add(size);
        }
        for (int size = EVERY_SIZE_UP_TO + STRIDE; size < LARGEST_PAYLOAD; size += STRIDE)
        {
            sizes.add(size);
        }
        sizes.add(LARGEST_PAYLOAD);
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest(name = "{0} esn {2}")
    @MethodSource("cases")
    void everySizeRoundTripsByteExactly(final String suite, final TestSas sas, final boolean esn)
    {
        final int[] sizes = payloadSizes();
        try (IpsecPair pair = new IpsecPair(sas))
        {
            for (int first = 0; first < sizes.length; first += BURST)
            {
                final int count = Math.min(BURST, sizes.length - first);
                final byte[][] originals = new byte[count][];
                for (int i = 0; i < count; i++)
                {
                    originals[i] = Packets.udp("10.1.0.10", "10.2.0.20", sizes[first + i], first + i);
                }

                final IpsecPair.Result sent = pair.protect(originals);
                assertThat(sent.dispositions()).as("sizes from %d", sizes[first]).containsOnly(Disposition.OK);
                for (final byte[] packet : sent.packets())
                {
                    assertThat(packet.length).as("ESP packet").isLessThanOrEqualTo(PacketBatch.DEFAULT_MAX_PACKET);
                }

                final IpsecPair.Result received = pair.unprotect(sent.packets().toArray(byte[][]::new));
                for (int i = 0; i < count; i++)
                {
                    assertThat(received.dispositions().get(i)).as("payload %d", sizes[first + i])
                        .isEqualTo(Disposition.OK);
                    assertThat(received.packets().get(i)).as("payload %d", sizes[first + i])
                        .isEqualTo(originals[i]);
                }
            }
            final long sent = pair.senderTable().runtime(pair.outboundSlot()).sequence();
            assertThat(sent - sas.initialSequence()).isEqualTo(sizes.length);
            if (esn)
            {
                assertThat(sent >>> 32).as("the run crossed 2^32").isEqualTo(1);
            }
        }
    }
}
