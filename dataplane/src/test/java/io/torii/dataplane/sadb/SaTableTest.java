package io.torii.dataplane.sadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.TestSas;
import org.junit.jupiter.api.Test;

/**
 * Installing and removing SAs: removal zeroes the keys the record was given and the hot runtime,
 * frees the slot and the SPI; an inbound SPI can be installed only once per protocol.
 */
class SaTableTest
{
    private static final JdkCryptoEngine ENGINE = new JdkCryptoEngine();
    private static final TestSas CBC =
        TestSas.esp(EncryptionAlgorithm.AES_CBC_256, IntegrityAlgorithm.HMAC_SHA2_384_192)
            .withEncap(true).withTfcPad(500).withEsn(true, 77);
    private static final TestSas AH = TestSas.ah(IntegrityAlgorithm.HMAC_SHA2_512_256);

    @Test
    void removeZeroesTheKeyArraysHandedInAndTheRuntime()
    {
        try (SaTable table = new SaTable(4))
        {
            final SaConfig inbound = CBC.inbound();
            final SaConfig outbound = CBC.outbound();
            final SaConfig ah = AH.inbound();
            final byte[] encryptionKey = inbound.encryptionKey();
            final byte[] integrityKey = inbound.integrityKey();
            final int inSlot = table.install(inbound, Direction.INBOUND, ENGINE);
            final int outSlot = table.install(outbound, Direction.OUTBOUND, ENGINE);
            final int ahSlot = table.install(ah, Direction.INBOUND, ENGINE);
            assertThat(isZero(encryptionKey)).as("keys before").isFalse();
            assertThat(isZero(integrityKey)).isFalse();
            assertThat(isZero(ah.integrityKey())).isFalse();
            assertThat(runtimeIsZero(table, inSlot)).as("runtime before").isFalse();
            assertThat(runtimeIsZero(table, outSlot)).isFalse();

            table.remove(inSlot);

            assertThat(encryptionKey).as("the very array handed in").containsOnly(0);
            assertThat(integrityKey).containsOnly(0);
            assertThat(runtimeIsZero(table, inSlot)).as("runtime after").isTrue();
            assertThat(table.config(inSlot)).isNull();
            assertThat(table.direction(inSlot)).isNull();
            assertThat(table.espTransform(inSlot)).isNull();
            assertThat(table.replayWindow(inSlot)).isNull();
            assertThat(table.findInbound(IpProtocols.ESP, TestSas.SPI)).isEqualTo(SaTable.NONE);
            assertThat(isZero(outbound.encryptionKey())).as("other SAs keep their keys").isFalse();
            assertThat(runtimeIsZero(table, outSlot)).isFalse();
            assertThat(table.findInbound(IpProtocols.AH, TestSas.SPI)).isEqualTo(ahSlot);

            table.remove(ahSlot);
            assertThat(ah.integrityKey()).containsOnly(0);
            assertThat(runtimeIsZero(table, ahSlot)).isTrue();
            assertThat(table.integrityTransform(ahSlot)).isNull();

            table.remove(inSlot);
            assertThat(table.config(outSlot)).as("removing a free slot again changes nothing").isSameAs(outbound);
        }
    }

    @Test
    void closeZeroesEveryKey()
    {
        final SaConfig inbound = CBC.inbound();
        final SaConfig outbound = CBC.outbound();
        final SaTable table = new SaTable(2);
        table.install(inbound, Direction.INBOUND, ENGINE);
        table.install(outbound, Direction.OUTBOUND, ENGINE);

        table.close();

        for (final SaConfig config : new SaConfig[] {inbound, outbound})
        {
            assertThat(config.encryptionKey()).containsOnly(0);
            assertThat(config.integrityKey()).containsOnly(0);
        }
        assertThat(runtimeIsZero(table, 0)).isTrue();
        assertThat(runtimeIsZero(table, 1)).isTrue();
    }

    @Test
    void aSecondInboundSaWithTheSameSpiIsRefusedAndTheFirstStays()
    {
        try (SaTable table = new SaTable(4))
        {
            final int first = table.install(CBC.inbound(), Direction.INBOUND, ENGINE);
            final SaConfig second = CBC.withEncap(false).inbound();

            assertThatThrownBy(() -> table.install(second, Direction.INBOUND, ENGINE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ESP SA with SPI 0x" + Integer.toHexString(TestSas.SPI))
                .hasMessageContaining("already installed");

            assertThat(table.findInbound(IpProtocols.ESP, TestSas.SPI)).isEqualTo(first);
            assertThat(table.config(first).udpEncapsulation()).isTrue();
            assertThat(isZero(second.encryptionKey())).as("a refused record keeps its keys").isFalse();
            for (int slot = 0; slot < table.capacity(); slot++)
            {
                assertThat(table.config(slot) == null).as("slot %d", slot).isEqualTo(slot != first);
            }
        }
    }

    @Test
    void theSameSpiMayBeUsedOutboundAndByTheOtherProtocolAndAgainOnceRemoved()
    {
        try (SaTable table = new SaTable(4))
        {
            final int esp = table.install(CBC.inbound(), Direction.INBOUND, ENGINE);
            final int out = table.install(CBC.outbound(), Direction.OUTBOUND, ENGINE);
            final int ah = table.install(AH.inbound(), Direction.INBOUND, ENGINE);
            assertThat(table.findInbound(IpProtocols.ESP, TestSas.SPI)).isEqualTo(esp);
            assertThat(table.findInbound(IpProtocols.AH, TestSas.SPI)).isEqualTo(ah);
            assertThat(out).isNotIn(esp, ah);

            table.counters().increment(esp, Disposition.ICV_FAILURE);
            table.remove(esp);
            final int again = table.install(CBC.inbound(), Direction.INBOUND, ENGINE);

            assertThat(again).as("the freed slot is reused").isEqualTo(esp);
            assertThat(table.findInbound(IpProtocols.ESP, TestSas.SPI)).isEqualTo(again);
            assertThat(table.counters().count(again, Disposition.ICV_FAILURE)).as("counters start afresh").isZero();
            assertThat(table.counters().total(Disposition.ICV_FAILURE)).as("totals keep history").isEqualTo(1);
        }
    }

    @Test
    void aFullTableSaysSo()
    {
        try (SaTable table = new SaTable(1))
        {
            table.install(CBC.outbound(), Direction.OUTBOUND, ENGINE);

            assertThatThrownBy(() -> table.install(AH.outbound(), Direction.OUTBOUND, ENGINE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SA table full: 1 SAs");
        }
    }

    private static boolean isZero(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean runtimeIsZero(final SaTable table, final int slot)
    {
        final SaRuntimeFlyweight runtime = table.runtime(slot);
        final int start = runtime.templateIndex() - SaRuntimeFlyweight.TEMPLATE_OFFSET;
        for (int i = 0; i < SaRuntimeFlyweight.LENGTH; i++)
        {
            if (runtime.buffer().getByte(start + i) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
