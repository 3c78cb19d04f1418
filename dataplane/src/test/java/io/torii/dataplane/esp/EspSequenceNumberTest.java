package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaRuntimeFlyweight;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.TestSas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Outbound sequence numbers as the engine sends them (RFC 4303 §3.3.3): without ESN the last one
 * is 2^32 - 1 and the SA then stops, telling the control plane once; with ESN the counter passes
 * 2^32 and the wire carries its low half.
 */
class EspSequenceNumberTest
{
    private static final TestSas GCM = TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE);

    /** Records the events a sender raises. */
    private static final class RecordingListener implements SaEventListener
    {
        final List<String> events = new ArrayList<>();

        @Override
        public void onSequenceSoftLimit(final int saSlot, final int spi)
        {
            events.add("soft " + saSlot + " " + Integer.toHexString(spi));
        }

        @Override
        public void onSequenceExhausted(final int saSlot, final int spi)
        {
            events.add("exhausted " + saSlot + " " + Integer.toHexString(spi));
        }
    }

    @Test
    void withoutEsnTheLastNumberIsSentOnceThenTheSaStopsAndSaysSoOnce()
    {
        final RecordingListener listener = new RecordingListener();
        try (IpsecPair pair = new IpsecPair(GCM.withEsn(false, 0xFFFF_FFFEL), listener))
        {
            final byte[] original = packet(0);

            final IpsecPair.Result first = pair.protect(original);
            final IpsecPair.Result second = pair.protect(packet(1));
            final IpsecPair.Result burst = pair.protect(packet(2), packet(3), packet(4));

            assertThat(first.dispositions()).containsExactly(Disposition.OK);
            assertThat(wireSequence(first.packets().getFirst())).isEqualTo(0xFFFF_FFFF);
            assertThat(second.dispositions()).containsExactly(Disposition.SEQUENCE_EXHAUSTED);
            assertThat(second.packets().getFirst()).as("left as it came").isEqualTo(packet(1));
            assertThat(burst.dispositions()).containsOnly(Disposition.SEQUENCE_EXHAUSTED);
            final String slotAndSpi = pair.outboundSlot() + " " + Integer.toHexString(TestSas.SPI);
            assertThat(listener.events).containsExactly("soft " + slotAndSpi, "exhausted " + slotAndSpi);
            assertThat(pair.senderTable().counters().count(pair.outboundSlot(), Disposition.SEQUENCE_EXHAUSTED))
                .isEqualTo(4);

            final IpsecPair.Result received = pair.unprotect(first.packets().getFirst());
            assertThat(received.dispositions()).containsExactly(Disposition.OK);
            assertThat(received.packets().getFirst()).isEqualTo(original);
        }
    }

    @Test
    void theSoftLimitLeavesOneSixtyFourthOfTheSpaceAndIsRaisedOnceWhenCrossed()
    {
        final long hard = 0xFFFF_FFFFL;
        final long soft = hard - hard / 64;
        final RecordingListener listener = new RecordingListener();
        try (IpsecPair pair = new IpsecPair(GCM.withEsn(false, soft - 3), listener))
        {
            final SaRuntimeFlyweight runtime = pair.senderTable().runtime(pair.outboundSlot());
            assertThat(runtime.softLimit()).isEqualTo(soft);
            assertThat(runtime.hardLimit()).isEqualTo(hard);

            pair.protect(packet(0), packet(1));
            assertThat(listener.events).as("sequence %x", soft - 1).isEmpty();
            pair.protect(packet(2));
            assertThat(listener.events).as("sequence %x", soft).hasSize(1);
            final IpsecPair.Result more = pair.protect(packet(3), packet(4), packet(5));
            assertThat(more.dispositions()).containsOnly(Disposition.OK);
            assertThat(listener.events).hasSize(1);
        }
    }

    @Test
    void withEsnTheCounterPassesTwoToThe32AndTheWireCarriesTheLowHalf()
    {
        final RecordingListener listener = new RecordingListener();
        try (IpsecPair pair = new IpsecPair(GCM.withEsn(true, 0xFFFF_FFFEL), listener))
        {
            final byte[][] originals = {packet(0), packet(1), packet(2)};

            final IpsecPair.Result sent = pair.protect(originals);

            assertThat(sent.dispositions()).containsOnly(Disposition.OK);
            assertThat(wireSequence(sent.packets().get(0))).isEqualTo(0xFFFF_FFFF);
            assertThat(wireSequence(sent.packets().get(1))).isZero();
            assertThat(wireSequence(sent.packets().get(2))).isEqualTo(1);
            assertThat(pair.senderTable().runtime(pair.outboundSlot()).sequence()).isEqualTo(0x1_0000_0001L);
            assertThat(listener.events).isEmpty();

            final IpsecPair.Result received = pair.unprotect(sent.packets().toArray(byte[][]::new));
            assertThat(received.dispositions()).containsOnly(Disposition.OK);
            for (int i = 0; i < originals.length; i++)
            {
                assertThat(received.packets().get(i)).isEqualTo(originals[i]);
            }
            assertThat(pair.receiverTable().runtime(EspReplayTest.inboundSlot(pair)).sequence())
                .as("the receiver's highest").isEqualTo(0x1_0000_0001L);
        }
    }

    private static byte[] packet(final int index)
    {
        return Packets.udp("10.1.0.10", "10.2.0.20", 20 + index, index);
    }

    private static int wireSequence(final byte[] packet)
    {
        final int at = 20 + 4;
        return (packet[at] & 0xFF) << 24 | (packet[at + 1] & 0xFF) << 16 | (packet[at + 2] & 0xFF) << 8 |
            packet[at + 3] & 0xFF;
    }
}
