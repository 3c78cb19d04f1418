package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.packet.IpProtocols;
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
 * The receiver's anti-replay window as the engine applies it (RFC 4303 §3.4.3): duplicates,
 * packets below the window, reordering inside it, and ESN across the 2^32 boundary, with a
 * combined-mode suite and a cipher-plus-HMAC one.
 */
class EspReplayTest
{
    private static final int WINDOW = 64;

    static Stream<Arguments> suites()
    {
        return Stream.of(
            Arguments.of("aes128gcm16", TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE)),
            Arguments.of("aes256-sha512",
                TestSas.esp(EncryptionAlgorithm.AES_CBC_256, IntegrityAlgorithm.HMAC_SHA2_512_256)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void theSamePacketTwiceIsAReplay(final String suite, final TestSas sas)
    {
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[] original = packet(0);
            final byte[] sent = pair.protectOne(original);

            final IpsecPair.Result first = pair.unprotect(sent);
            final IpsecPair.Result second = pair.unprotect(sent);
            final IpsecPair.Result sameBurst = pair.unprotect(sent, sent);

            assertThat(first.dispositions()).containsExactly(Disposition.OK);
            assertThat(first.packets().getFirst()).isEqualTo(original);
            assertThat(second.dispositions()).containsExactly(Disposition.REPLAY);
            assertThat(sameBurst.dispositions()).containsExactly(Disposition.REPLAY, Disposition.REPLAY);
            assertThat(pair.receiverTable().counters().count(inboundSlot(pair), Disposition.REPLAY)).isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void twoCopiesInOneBurstPassOnceOnly(final String suite, final TestSas sas)
    {
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[] sent = pair.protectOne(packet(0));

            final IpsecPair.Result result = pair.unprotect(sent, sent);

            assertThat(result.dispositions()).containsExactly(Disposition.OK, Disposition.REPLAY);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aPacketBelowTheWindowIsOutsideItAndOneJustInsideIsAccepted(final String suite, final TestSas sas)
    {
        try (IpsecPair pair = new IpsecPair(sas.withReplayWindow(WINDOW)))
        {
            // W + 1 packets: sequence numbers 1 to W + 1.
            final List<byte[]> sent = protect(pair, WINDOW + 1);

            final IpsecPair.Result last = pair.unprotect(sent.get(WINDOW));
            final IpsecPair.Result first = pair.unprotect(sent.getFirst());
            final IpsecPair.Result second = pair.unprotect(sent.get(1));

            assertThat(last.dispositions()).containsExactly(Disposition.OK);
            assertThat(first.dispositions()).as("T - 1 = W: below the window").containsExactly(
                Disposition.OUTSIDE_WINDOW);
            assertThat(second.dispositions()).as("T - 2 = W - 1: the window's oldest slot").containsExactly(
                Disposition.OK);
            assertThat(second.packets().getFirst()).isEqualTo(packet(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void outOfOrderWithinTheWindowIsAcceptedOnceEach(final String suite, final TestSas sas)
    {
        try (IpsecPair pair = new IpsecPair(sas.withReplayWindow(WINDOW)))
        {
            final List<byte[]> sent = protect(pair, 40);
            // A shuffle that is the same every run: i -> 17 i mod 40 visits every index once.
            final List<Integer> order = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++)
            {
                order.add(i * 17 % sent.size());
            }

            for (final int index : order)
            {
                final IpsecPair.Result received = pair.unprotect(sent.get(index));
                assertThat(received.dispositions()).as("packet %d", index).containsExactly(Disposition.OK);
                assertThat(received.packets().getFirst()).as("packet %d", index).isEqualTo(packet(index));
            }
            for (final int index : order)
            {
                assertThat(pair.unprotect(sent.get(index)).dispositions()).as("again %d", index)
                    .containsExactly(Disposition.REPLAY);
            }
        }
    }

    static Stream<Arguments> esnOrders()
    {
        final List<Arguments> cases = new ArrayList<>();
        suites().forEach(suite ->
        {
            cases.add(Arguments.of(suite.get()[0], suite.get()[1], false));
            cases.add(Arguments.of(suite.get()[0], suite.get()[1], true));
        });
        return cases.stream();
    }

    /**
     * The sender's counter passes 2^32 (the wire carries 0xFFFFFFFF, then 0, 1, ...); the receiver
     * infers the high half right in both orders, which the ICV, covering the high half, confirms.
     */
    @ParameterizedTest(name = "{0} reversed {2}")
    @MethodSource("esnOrders")
    void esnAcrossTheTwoToThe32BoundaryInEitherOrder(final String suite, final TestSas sas, final boolean reversed)
    {
        final long start = 0xFFFF_FFF0L;
        final int count = 32;
        try (IpsecPair pair = new IpsecPair(sas.withEsn(true, start).withReplayWindow(WINDOW)))
        {
            final List<byte[]> sent = protect(pair, count);
            for (int i = 0; i < count; i++)
            {
                final long sequence = start + 1 + i;
                assertThat(wireSequence(sent.get(i))).isEqualTo((int)sequence);
            }

            for (int n = 0; n < count; n++)
            {
                final int index = reversed ? count - 1 - n : n;
                final IpsecPair.Result received = pair.unprotect(sent.get(index));
                assertThat(received.dispositions()).as("packet %d", index).containsExactly(Disposition.OK);
                assertThat(received.packets().getFirst()).as("packet %d", index).isEqualTo(packet(index));
            }
            final long highest = pair.receiverTable().replayWindow(inboundSlot(pair)).highest();
            assertThat(highest).isEqualTo(start + count);
            assertThat(pair.unprotect(sent.getFirst()).dispositions()).containsExactly(Disposition.REPLAY);
            assertThat(pair.unprotect(sent.getLast()).dispositions()).containsExactly(Disposition.REPLAY);
        }
    }

    private static List<byte[]> protect(final IpsecPair pair, final int count)
    {
        final List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            sent.add(pair.protectOne(packet(i)));
        }
        return sent;
    }

    private static byte[] packet(final int index)
    {
        return Packets.udp("10.1.0.10", "10.2.0.20", 10 + index, index);
    }

    private static int wireSequence(final byte[] packet)
    {
        final int at = 20 + 4;
        return (packet[at] & 0xFF) << 24 | (packet[at + 1] & 0xFF) << 16 | (packet[at + 2] & 0xFF) << 8 |
            packet[at + 3] & 0xFF;
    }

    static int inboundSlot(final IpsecPair pair)
    {
        return pair.receiverTable().findInbound(IpProtocols.ESP, TestSas.SPI);
    }
}
