package io.torii.dataplane.sadb;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.packet.InternetChecksum;
import io.torii.dataplane.testing.TestSas;
import java.nio.ByteOrder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The outer IPv4 header of tunnel mode: its checksum is summed from the template and the fields set per
 * packet, never read back, so each field and the checksum are checked here against the bytes written.
 */
class OuterHeadersTest
{
    private static final JdkCryptoEngine ENGINE = new JdkCryptoEngine();

    @ParameterizedTest
    @CsvSource({
        "false, 0,   false, 84",
        "false, 184, true,  1500",
        "true,  2,   true,  65535",
        "true,  255, false, 28"})
    void everyPerPacketFieldIsWrittenAndTheChecksumVerifies(final boolean udp, final int trafficClass,
        final boolean dontFragment, final int length)
    {
        final TestSas sas = TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE).withEncap(udp);
        try (SaTable table = new SaTable(2))
        {
            final int slot = table.install(sas.outbound(), Direction.OUTBOUND, ENGINE);
            final SaRuntimeFlyweight runtime = table.runtime(slot);
            runtime.ipv4Identification(0xFFFF);
            final UnsafeBuffer packet = new UnsafeBuffer(new byte[128]);
            packet.setMemory(0, 128, (byte)0x5A);

            for (int round = 0; round < 2; round++)
            {
                OuterHeaders.writeTunnel(packet, 8, 8 + length, runtime, trafficClass, dontFragment);

                assertThat(packet.getByte(8) & 0xFF).isEqualTo(0x45);
                assertThat(packet.getByte(9) & 0xFF).isEqualTo(trafficClass);
                assertThat(packet.getShort(10, ByteOrder.BIG_ENDIAN) & 0xFFFF).isEqualTo(length);
                assertThat(packet.getShort(12, ByteOrder.BIG_ENDIAN) & 0xFFFF).isEqualTo(round == 0 ? 0xFFFF : 0);
                assertThat(packet.getShort(14, ByteOrder.BIG_ENDIAN) & 0xFFFF).isEqualTo(dontFragment ? 0x4000 : 0);
                assertThat(packet.getByte(17) & 0xFF).isEqualTo(udp ? 17 : 50);
                assertThat(InternetChecksum.finish(InternetChecksum.sum(packet, 8, 20, 0)))
                    .as("a header with its checksum sums to all ones").isZero();
                if (udp)
                {
                    assertThat(packet.getShort(28 + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF).isEqualTo(length - 20);
                }
            }
        }
    }
}
