package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.TestSas;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every packet is counted once, under its SA when it has one and always in the totals, and under
 * the reason it ended with; no reason is counted that did not happen.
 */
class EspCountersTest
{
    @Test
    void countsPerSaAndPerReasonMatchWhatHappened()
    {
        final TestSas sas = TestSas.esp(EncryptionAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128);
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[][] originals = new byte[4][];
            for (int i = 0; i < originals.length; i++)
            {
                originals[i] = Packets.udp("10.1.0.10", "10.2.0.20", 40 + i, i);
            }
            final byte[] notIp = new byte[40];
            final IpsecPair.Result sent = pair.protect(originals[0], originals[1], notIp, originals[2], originals[3]);
            assertThat(sent.dispositions()).containsExactly(Disposition.OK, Disposition.OK, Disposition.MALFORMED,
                Disposition.OK, Disposition.OK);

            final byte[] forged = sent.packets().get(3).clone();
            forged[forged.length - 1] ^= 1;
            final byte[] unknownSpi = sent.packets().get(4).clone();
            ByteBuffer.wrap(unknownSpi).putInt(20, TestSas.SPI + 7);
            final byte[] tcp = Packets.udp("192.0.2.1", "192.0.2.2", 10, 9);
            tcp[9] = 6;
            final IpsecPair.Result received = pair.unprotect(sent.packets().get(0), sent.packets().get(1), forged,
                sent.packets().get(0), unknownSpi, tcp, notIp, sent.packets().get(3), sent.packets().get(4));
            assertThat(received.dispositions()).containsExactly(Disposition.OK, Disposition.OK,
                Disposition.ICV_FAILURE, Disposition.REPLAY, Disposition.NO_SA, Disposition.NOT_IPSEC,
                Disposition.MALFORMED, Disposition.OK, Disposition.OK);

            final Map<Disposition, Long> sender = new EnumMap<>(Disposition.class);
            sender.put(Disposition.OK, 4L);
            sender.put(Disposition.MALFORMED, 1L);
            assertCounts(pair.senderTable().counters(), pair.outboundSlot(), sender, sender);

            final Map<Disposition, Long> perSa = new EnumMap<>(Disposition.class);
            perSa.put(Disposition.OK, 4L);
            perSa.put(Disposition.ICV_FAILURE, 1L);
            perSa.put(Disposition.REPLAY, 1L);
            // Packets that never reached an SA count in the totals only.
            final Map<Disposition, Long> totals = new EnumMap<>(perSa);
            totals.put(Disposition.NO_SA, 1L);
            totals.put(Disposition.NOT_IPSEC, 1L);
            totals.put(Disposition.MALFORMED, 1L);
            assertCounts(pair.receiverTable().counters(), EspReplayTest.inboundSlot(pair), perSa, totals);
        }
    }

    private static void assertCounts(final DispositionCounters counters, final int slot,
        final Map<Disposition, Long> perSa, final Map<Disposition, Long> totals)
    {
        for (final Disposition disposition : Disposition.values())
        {
            assertThat(counters.count(slot, disposition)).as("SA %d, %s", slot, disposition)
                .isEqualTo(perSa.getOrDefault(disposition, 0L));
            assertThat(counters.total(disposition)).as("total %s", disposition)
                .isEqualTo(totals.getOrDefault(disposition, 0L));
        }
    }
}
