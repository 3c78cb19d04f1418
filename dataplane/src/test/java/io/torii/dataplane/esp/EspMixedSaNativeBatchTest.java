package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.ipsecmb.IpsecMbCryptoEngine;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Packets;
import io.torii.nativeshim.IpsecMb;
import io.torii.nativeshim.IpsecMbArch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A burst whose packets take turns among several SAs of the native engine is sealed in one call
 * across SAs ({@link EspTransform#sealEach}): each packet must still get its own SA's key, sequence
 * number and ESN handling, which the JDK engine (the oracle) checks by opening every packet, and
 * each SA's OK counter must count its own packets.
 */
class EspMixedSaNativeBatchTest
{
    private static final int BURST = 40;

    private static SaConfig sa(final String name, final int spi, final EncryptionAlgorithm encryption,
        final IntegrityAlgorithm integrity, final int keyByte, final boolean esn)
    {
        final byte[] key = new byte[encryption.keyMaterialLength()];
        final byte[] integrityKey = new byte[integrity.keyLength()];
        Arrays.fill(key, (byte)keyByte);
        Arrays.fill(integrityKey, (byte)(keyByte + 1));
        return new SaConfig(name, spi, Packets.address("192.0.2.1"), Packets.address("192.0.2.2"), IpsecProtocol.ESP,
            IpsecMode.TUNNEL, false, 4500, 4500, encryption, integrity, key, integrityKey, esn, 0, 64, 0);
    }

    private static SaConfig[] suites()
    {
        return new SaConfig[] {
            sa("gcm-a", 0x2001, EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE, 1, false),
            sa("gcm-b", 0x2002, EncryptionAlgorithm.AES_GCM_16_256, IntegrityAlgorithm.NONE, 3, true),
            sa("cbc", 0x2003, EncryptionAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128, 5, false),
            sa("gcm-c", 0x2004, EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE, 7, true),
        };
    }

    @Test
    void packetsOfSeveralNativeSasSealedTogetherOpenWithTheirOwnSas()
    {
        assumeTrue(IpsecMb.isAvailable(), "ipsec-mb unavailable: " + IpsecMb.status());
        try (IpsecMbCryptoEngine engine = new IpsecMbCryptoEngine(IpsecMbArch.AUTO);
            SaTable sender = new SaTable(8);
            SaTable receiver = new SaTable(8))
        {
            final JdkCryptoEngine oracle = new JdkCryptoEngine();
            final SaConfig[] out = suites();
            final SaConfig[] in = suites();
            final int[] senderSlots = new int[out.length];
            for (int s = 0; s < out.length; s++)
            {
                senderSlots[s] = sender.install(out[s], Direction.OUTBOUND, engine);
                receiver.install(in[s], Direction.INBOUND, oracle);
            }
            assertThat(sender.espTransform(senderSlots[0]).batchesWith(sender.espTransform(senderSlots[2])))
                .as("transforms of one native engine seal alongside each other").isTrue();

            final EspEncapsulator encapsulator = new EspEncapsulator(sender, SaEventListener.NONE);
            final PacketBatch batch = new PacketBatch(BURST, 2048);
            final byte[][] packets = new byte[BURST][];
            final int[] slots = new int[BURST];
            final int[] perSa = new int[out.length];
            for (int i = 0; i < BURST; i++)
            {
                // Mostly a new SA each packet, sometimes the same one twice in a row.
                final int sa = i % 7 == 3 ? (i - 1) % out.length : i % out.length;
                slots[i] = senderSlots[sa];
                perSa[sa]++;
                packets[i] = Packets.udp("10.0.0.1", "10.0.0.2", 3 * i + 1, i);
                batch.add(packets[i], 0, packets[i].length);
            }

            assertThat(encapsulator.process(batch, slots)).isEqualTo(BURST);

            final int[] sequence = new int[out.length];
            final PacketBatch inbound = new PacketBatch(BURST, 2048);
            for (int i = 0; i < BURST; i++)
            {
                assertThat(batch.disposition(i)).isEqualTo(Disposition.OK);
                final byte[] sealed = batch.copyOut(i);
                final int sa = indexOf(senderSlots, slots[i]);
                assertThat(ByteBuffer.wrap(sealed).getInt(20)).as("SPI of packet %d", i).isEqualTo(out[sa].spi());
                assertThat(ByteBuffer.wrap(sealed).getInt(24)).as("sequence of packet %d", i)
                    .isEqualTo(++sequence[sa]);
                inbound.add(sealed, 0, sealed.length);
            }
            assertThat(new EspDecapsulator(receiver).process(inbound)).isEqualTo(BURST);
            for (int i = 0; i < BURST; i++)
            {
                assertThat(inbound.copyOut(i)).as("packet %d", i).isEqualTo(packets[i]);
            }
            for (int s = 0; s < out.length; s++)
            {
                assertThat(sender.counters().count(senderSlots[s], Disposition.OK)).as(out[s].name())
                    .isEqualTo(perSa[s]);
            }
        }
    }

    @Test
    void packetsOfSeveralNativeSasOpenedTogetherAreCheckedEachUnderItsOwnSa()
    {
        assumeTrue(IpsecMb.isAvailable(), "ipsec-mb unavailable: " + IpsecMb.status());
        try (IpsecMbCryptoEngine engine = new IpsecMbCryptoEngine(IpsecMbArch.AUTO);
            SaTable sender = new SaTable(8);
            SaTable receiver = new SaTable(8))
        {
            final JdkCryptoEngine oracle = new JdkCryptoEngine();
            final SaConfig[] out = suites();
            final SaConfig[] in = suites();
            final int[] senderSlots = new int[out.length];
            final int[] receiverSlots = new int[out.length];
            for (int s = 0; s < out.length; s++)
            {
                senderSlots[s] = sender.install(out[s], Direction.OUTBOUND, oracle);
                receiverSlots[s] = receiver.install(in[s], Direction.INBOUND, engine);
            }
            final PacketBatch batch = new PacketBatch(BURST, 2048);
            final byte[][] packets = new byte[BURST][];
            final int[] slots = new int[BURST];
            for (int i = 0; i < BURST; i++)
            {
                slots[i] = senderSlots[i % out.length];
                packets[i] = Packets.udp("10.0.0.1", "10.0.0.2", 5 * i + 2, i);
                batch.add(packets[i], 0, packets[i].length);
            }
            assertThat(new EspEncapsulator(sender, SaEventListener.NONE).process(batch, slots)).isEqualTo(BURST);

            // Packet 9 (SA 1) is forged; packet 6 (SA 2) arrives again as packet 7's neighbour.
            final int forged = 9;
            final int replayed = 6;
            final PacketBatch inbound = new PacketBatch(BURST + 1, 2048);
            for (int i = 0; i < BURST; i++)
            {
                final byte[] sealed = batch.copyOut(i);
                if (i == forged)
                {
                    sealed[sealed.length - 1] ^= 1;
                }
                inbound.add(sealed, 0, sealed.length);
                if (i == replayed + 1)
                {
                    final byte[] again = batch.copyOut(replayed);
                    inbound.add(again, 0, again.length);
                }
            }

            assertThat(new EspDecapsulator(receiver).process(inbound)).isEqualTo(BURST - 1);

            for (int i = 0, k = 0; i < BURST; i++, k++)
            {
                if (i == forged)
                {
                    assertThat(inbound.disposition(k)).isEqualTo(Disposition.ICV_FAILURE);
                }
                else
                {
                    assertThat(inbound.disposition(k)).as("packet %d", i).isEqualTo(Disposition.OK);
                    assertThat(inbound.copyOut(k)).as("packet %d", i).isEqualTo(packets[i]);
                }
                if (i == replayed + 1)
                {
                    k++;
                    assertThat(inbound.disposition(k)).as("the replayed copy").isNotEqualTo(Disposition.OK);
                }
            }
            final int forgedSa = forged % out.length;
            final int replayedSa = replayed % out.length;
            assertThat(receiver.counters().count(receiverSlots[forgedSa], Disposition.ICV_FAILURE)).isEqualTo(1);
            for (int s = 0; s < out.length; s++)
            {
                assertThat(receiver.counters().count(receiverSlots[s], Disposition.OK)).as(in[s].name())
                    .isEqualTo(BURST / out.length - (s == forgedSa ? 1 : 0));
            }
            assertThat(receiver.counters().count(receiverSlots[replayedSa], Disposition.OK) +
                receiver.counters().count(receiverSlots[replayedSa], Disposition.ICV_FAILURE))
                .isEqualTo(BURST / out.length);
        }
    }

    private static int indexOf(final int[] values, final int value)
    {
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }
        throw new AssertionError("slot " + value + " not installed");
    }
}
