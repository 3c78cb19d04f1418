package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
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
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * One burst for several SAs, as a policy lookup hands it over: each packet is sealed with its own
 * SA, runs of one SA share a crypto call, and packets with no SA are left untouched.
 */
class EspMixedSaBatchTest
{
    private static SaConfig sa(final String name, final int spi, final EncryptionAlgorithm encryption,
        final IntegrityAlgorithm integrity, final int keyByte)
    {
        final byte[] key = new byte[encryption.keyMaterialLength()];
        final byte[] integrityKey = new byte[integrity.keyLength()];
        java.util.Arrays.fill(key, (byte)keyByte);
        java.util.Arrays.fill(integrityKey, (byte)(keyByte + 1));
        return new SaConfig(name, spi, Packets.address("192.0.2.1"), Packets.address("192.0.2.2"), IpsecProtocol.ESP,
            IpsecMode.TUNNEL, false, 4500, 4500, encryption, integrity, key, integrityKey, false, 0, 64, 0);
    }

    @Test
    void eachPacketIsSealedWithItsOwnSaAndPacketsWithoutOneAreLeftAlone()
    {
        try (SaTable sender = new SaTable(4); SaTable receiver = new SaTable(4))
        {
            final JdkCryptoEngine engine = new JdkCryptoEngine();
            final int gcm = sender.install(sa("gcm", 0x1001, EncryptionAlgorithm.AES_GCM_16_128,
                IntegrityAlgorithm.NONE, 1), Direction.OUTBOUND, engine);
            final int cbc = sender.install(sa("cbc", 0x1002, EncryptionAlgorithm.AES_CBC_256,
                IntegrityAlgorithm.HMAC_SHA2_256_128, 7), Direction.OUTBOUND, engine);
            receiver.install(sa("gcm-in", 0x1001, EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE, 1),
                Direction.INBOUND, engine);
            receiver.install(sa("cbc-in", 0x1002, EncryptionAlgorithm.AES_CBC_256, IntegrityAlgorithm.HMAC_SHA2_256_128,
                7), Direction.INBOUND, engine);

            final byte[][] packets = new byte[6][];
            final int[] slots = {gcm, gcm, cbc, SaTable.NONE, gcm, cbc};
            final PacketBatch batch = new PacketBatch(8, 2048);
            for (int i = 0; i < packets.length; i++)
            {
                packets[i] = Packets.udp("10.0.0.1", "10.0.0.2", 10 * i, i);
                batch.add(packets[i], 0, packets[i].length);
            }

            assertThat(new EspEncapsulator(sender, SaEventListener.NONE).process(batch, slots)).isEqualTo(5);
            final int[] expectedSpi = {0x1001, 0x1001, 0x1002, 0, 0x1001, 0x1002};
            final int[] expectedSequence = {1, 2, 1, 0, 3, 2};
            for (int i = 0; i < packets.length; i++)
            {
                assertThat(batch.disposition(i)).isEqualTo(Disposition.OK);
                final byte[] out = batch.copyOut(i);
                if (slots[i] == SaTable.NONE)
                {
                    assertThat(out).as("no SA: untouched").isEqualTo(packets[i]);
                    continue;
                }
                assertThat(ByteBuffer.wrap(out).getInt(20)).isEqualTo(expectedSpi[i]);
                assertThat(ByteBuffer.wrap(out).getInt(24)).isEqualTo(expectedSequence[i]);
            }

            final PacketBatch inbound = new PacketBatch(8, 2048);
            for (int i = 0; i < packets.length; i++)
            {
                if (slots[i] != SaTable.NONE)
                {
                    final byte[] out = batch.copyOut(i);
                    inbound.add(out, 0, out.length);
                }
            }
            assertThat(new EspDecapsulator(receiver).process(inbound)).isEqualTo(5);
            int k = 0;
            for (int i = 0; i < packets.length; i++)
            {
                if (slots[i] != SaTable.NONE)
                {
                    assertThat(inbound.copyOut(k++)).isEqualTo(packets[i]);
                }
            }
        }
    }
}
