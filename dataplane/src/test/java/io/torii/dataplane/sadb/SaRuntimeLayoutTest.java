package io.torii.dataplane.sadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The hot runtime's memory layout: fields do not overlap, each is aligned to its size, the
 * per-packet fields share the first cache line, and the whole fits two cache lines.
 */
class SaRuntimeLayoutTest
{
    /** Each field's size, by its offset constant's name. */
    private static final Map<String, Integer> SIZES = Map.ofEntries(
        Map.entry("SEQUENCE_OFFSET", 8),
        Map.entry("SOFT_LIMIT_OFFSET", 8),
        Map.entry("HARD_LIMIT_OFFSET", 8),
        Map.entry("SPI_OFFSET", 4),
        Map.entry("FLAGS_OFFSET", 4),
        Map.entry("IV_LENGTH_OFFSET", 2),
        Map.entry("ICV_LENGTH_OFFSET", 2),
        Map.entry("BLOCK_SIZE_OFFSET", 2),
        Map.entry("OUTER_HEADER_LENGTH_OFFSET", 2),
        Map.entry("TFC_PAD_OFFSET", 4),
        Map.entry("CRYPTO_HANDLE_OFFSET", 4),
        Map.entry("SALT_OFFSET", 4),
        Map.entry("IPV4_IDENTIFICATION_OFFSET", 4),
        Map.entry("REPLAY_WINDOW_OFFSET", 4),
        Map.entry("TEMPLATE_OFFSET", SaRuntimeFlyweight.TEMPLATE_CAPACITY));

    @Test
    void everyOffsetConstantHasAKnownSizeAndFieldsNeitherOverlapNorMisalign() throws Exception
    {
        final TreeMap<Integer, String> byOffset = new TreeMap<>();
        final List<String> names = new ArrayList<>();
        for (final Field field : SaRuntimeFlyweight.class.getDeclaredFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_OFFSET"))
            {
                names.add(field.getName());
                byOffset.put(field.getInt(null), field.getName());
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(SIZES.keySet());
        assertThat(byOffset).hasSameSizeAs(names);

        int previousEnd = 0;
        for (final Map.Entry<Integer, String> entry : byOffset.entrySet())
        {
            final int offset = entry.getKey();
            final int size = SIZES.get(entry.getValue());
            assertThat(offset).as(entry.getValue() + " overlaps the field before it").isGreaterThanOrEqualTo(previousEnd);
            assertThat(offset % Math.min(size, 8)).as(entry.getValue() + " alignment").isZero();
            previousEnd = offset + size;
        }
        assertThat(previousEnd).isLessThanOrEqualTo(SaRuntimeFlyweight.LENGTH);
    }

    @Test
    void perPacketFieldsShareTheFirstCacheLineAndTheTemplateTheSecond()
    {
        assertThat(SaRuntimeFlyweight.LENGTH).isEqualTo(2 * SaRuntimeFlyweight.ALIGNMENT);
        assertThat(SaRuntimeFlyweight.REPLAY_WINDOW_OFFSET + 4).isLessThanOrEqualTo(64);
        assertThat(SaRuntimeFlyweight.TEMPLATE_OFFSET).isEqualTo(64);
        // The largest template: IPv6 header and UDP header.
        assertThat(SaRuntimeFlyweight.TEMPLATE_CAPACITY).isGreaterThanOrEqualTo(40 + 8);
    }

    @Test
    void fieldsReadBackWhatWasWrittenWithoutDisturbingNeighbours()
    {
        final UnsafeBuffer memory = new UnsafeBuffer(BufferUtil.allocateDirectAligned(3 * SaRuntimeFlyweight.LENGTH, 64));
        memory.setMemory(0, memory.capacity(), (byte)0x5A);
        final SaRuntimeFlyweight runtime = new SaRuntimeFlyweight().wrap(memory, SaRuntimeFlyweight.LENGTH);
        runtime.clear();
        runtime.sequence(-2L).softLimit(7).hardLimit(-1L).spi(0xCAFEBABE).flags(SaRuntimeFlyweight.FLAG_ESN)
            .ivLength(8).icvLength(16).blockSize(4).outerHeaderLength(48).tfcPadTo(1400).cryptoHandle(3)
            .salt(0x01020304).ipv4Identification(0xFFFF).replayWindow(65536);

        assertThat(runtime.sequence()).isEqualTo(-2L);
        assertThat(runtime.softLimit()).isEqualTo(7);
        assertThat(runtime.hardLimit()).isEqualTo(-1L);
        assertThat(runtime.spi()).isEqualTo(0xCAFEBABE);
        assertThat(runtime.has(SaRuntimeFlyweight.FLAG_ESN)).isTrue();
        assertThat(runtime.has(SaRuntimeFlyweight.FLAG_TUNNEL)).isFalse();
        assertThat(runtime.ivLength()).isEqualTo(8);
        assertThat(runtime.icvLength()).isEqualTo(16);
        assertThat(runtime.blockSize()).isEqualTo(4);
        assertThat(runtime.outerHeaderLength()).isEqualTo(48);
        assertThat(runtime.tfcPadTo()).isEqualTo(1400);
        assertThat(runtime.cryptoHandle()).isEqualTo(3);
        assertThat(runtime.salt()).isEqualTo(0x01020304);
        assertThat(runtime.nextIpv4Identification()).isEqualTo(0xFFFF);
        assertThat(runtime.nextIpv4Identification()).as("wraps at 16 bits").isZero();
        assertThat(runtime.replayWindow()).isEqualTo(65536);
        for (int i = 0; i < SaRuntimeFlyweight.LENGTH; i++)
        {
            assertThat(memory.getByte(i)).as("runtime before, byte " + i).isEqualTo((byte)0x5A);
            assertThat(memory.getByte(2 * SaRuntimeFlyweight.LENGTH + i)).as("runtime after, byte " + i)
                .isEqualTo((byte)0x5A);
        }
    }
}
