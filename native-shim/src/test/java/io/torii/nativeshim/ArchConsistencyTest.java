package io.torii.nativeshim;

import static io.torii.nativeshim.TestPackets.ESP_OFFSET;
import static io.torii.nativeshim.TestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every architecture this CPU runs seals a mixed batch (every suite, with and without ESN, short and
 * long packets, all in one call) to the same bytes as AUTO, opens it back, and signs AH to the same
 * ICVs. ipsec-mb has separate code per architecture; this is what says they agree.
 */
class ArchConsistencyTest
{
    private static final int[] LENGTHS = {3, 1403};

    @Test
    void everyArchitectureGivesTheBytesAutoGives()
    {
        final List<byte[]> reference = sealAll(IpsecMbArch.AUTO);
        final List<IpsecMbArch> archs = TestPackets.supportedArchs();
        assertThat(archs).as("AUTO and SSE run wherever the layer loads").contains(IpsecMbArch.AUTO, IpsecMbArch.SSE);
        for (final IpsecMbArch arch : archs)
        {
            final List<byte[]> sealed = sealAll(arch);
            assertThat(sealed).hasSameSizeAs(reference);
            for (int i = 0; i < sealed.size(); i++)
            {
                assertThat(sealed.get(i)).as("%s packet %d", arch, i).isEqualTo(reference.get(i));
            }
        }
    }

    @Test
    void everyArchitectureSignsAhAlike()
    {
        final List<byte[]> reference = signAll(IpsecMbArch.AUTO);
        for (final IpsecMbArch arch : TestPackets.supportedArchs())
        {
            final List<byte[]> icvs = signAll(arch);
            for (int i = 0; i < icvs.size(); i++)
            {
                assertThat(icvs.get(i)).as("%s ICV %d", arch, i).isEqualTo(reference.get(i));
            }
        }
    }

    /** Seals a batch of every suite and length, with and without ESN; opens it back; returns the sealed packets. */
    private static List<byte[]> sealAll(final IpsecMbArch arch)
    {
        final List<byte[]> sealed = new ArrayList<>();
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(arch);
            EspJobArray jobs = new EspJobArray())
        {
            final List<IpsecMbKey> keys = new ArrayList<>();
            final List<MemorySegment> packets = new ArrayList<>();
            final List<byte[]> plaintexts = new ArrayList<>();
            long sequence = 0xFFFF_FF00L;
            for (final Suite suite : Suite.all())
            {
                final IpsecMbKey key = suite.install(manager);
                keys.add(key);
                for (final int hint : LENGTHS)
                {
                    for (final boolean esn : new boolean[] {false, true})
                    {
                        sequence += 0x1_0000_0001L;
                        final byte[] plaintext = TestPackets.pattern(suite.plaintextLength(hint), hint + (int)sequence);
                        final MemorySegment packet = TestPackets.esp(arena, 0x100 + packets.size(), sequence,
                            new byte[suite.ivLength()], plaintext, suite.icvLength());
                        jobs.set(packets.size(), packet, ESP_OFFSET, TestPackets.icvOffset(suite.ivLength(),
                            plaintext.length), key, esn, (int)(sequence >>> 32));
                        packets.add(packet);
                        plaintexts.add(plaintext);
                    }
                }
            }
            assertThat(packets.size()).isLessThanOrEqualTo(EspJobArray.MAX_JOBS);
            assertThat(manager.seal(jobs, packets.size())).as(arch.name()).isEqualTo(packets.size());
            for (final MemorySegment packet : packets)
            {
                sealed.add(bytes(packet));
            }
            assertThat(manager.open(jobs, packets.size())).as(arch.name()).isEqualTo(packets.size());
            for (int i = 0; i < packets.size(); i++)
            {
                final int ivLength = keys.get(i / (2 * LENGTHS.length)).ivLength();
                assertThat(bytes(packets.get(i), ESP_OFFSET + 8 + ivLength, plaintexts.get(i).length))
                    .isEqualTo(plaintexts.get(i));
            }
            keys.forEach(IpsecMbKey::close);
        }
        return sealed;
    }

    private static List<byte[]> signAll(final IpsecMbArch arch)
    {
        final List<byte[]> icvs = new ArrayList<>();
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(arch);
            AhJobArray jobs = new AhJobArray())
        {
            final List<IpsecMbKey> keys = new ArrayList<>();
            final List<MemorySegment> icvSegments = new ArrayList<>();
            int index = 0;
            for (final IpsecMbIntegrity integrity : IpsecMbIntegrity.values())
            {
                if (integrity == IpsecMbIntegrity.NONE)
                {
                    continue;
                }
                final IpsecMbKey key = IpsecMbKey.ah(manager, integrity, TestPackets.pattern(integrity.keyLength(), 5));
                keys.add(key);
                for (final boolean esn : new boolean[] {false, true})
                {
                    final MemorySegment data = TestPackets.offHeap(arena, TestPackets.pattern(300 + index, index));
                    final MemorySegment icv = arena.allocate(integrity.icvLength());
                    jobs.set(index++, data, 0, (int)data.byteSize(), icv, 0, key, esn, 0x7700 + index);
                    icvSegments.add(icv);
                }
            }
            assertThat(manager.sign(jobs, index)).isEqualTo(index);
            assertThat(manager.verify(jobs, index)).isEqualTo(index);
            icvSegments.forEach(icv -> icvs.add(bytes(icv)));
            keys.forEach(IpsecMbKey::close);
        }
        return icvs;
    }
}
