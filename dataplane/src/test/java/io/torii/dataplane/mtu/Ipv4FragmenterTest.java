package io.torii.dataplane.mtu;

import static io.torii.dataplane.mtu.TestPackets.u16;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv4FragmenterTest
{
    /** Router alert (type 148: copied), record route (type 7: not copied, 7 bytes), NOP. */
    private static final byte[] OPTIONS = {(byte)0x94, 4, 0, 0, 7, 7, 4, 0, 0, 0, 0, 1};

    private final Ipv4Fragmenter fragmenter = new Ipv4Fragmenter();
    private final PacketBatch batch = new PacketBatch(64, 2048);

    /** A UDP-sized packet with DF clear, the given options, and {@code flagsAndOffset} as its fragment field. */
    private static byte[] packet(final byte[] options, final int dataLength, final int flagsAndOffset)
    {
        final int headerLength = 20 + options.length;
        final byte[] data = new byte[dataLength];
        new Random(dataLength).nextBytes(data);
        final byte[] packet = ByteBuffer.allocate(headerLength + dataLength).put((byte)(0x40 | headerLength / 4))
            .put((byte)0x28).putShort((short)(headerLength + dataLength)).putShort((short)0xBEEF)
            .putShort((short)flagsAndOffset).put((byte)61).put((byte)17).putShort((short)0)
            .put(TestPackets.address("192.0.2.1")).put(TestPackets.address("198.51.100.2")).put(options).put(data)
            .array();
        final int checksum = TestPackets.checksum(packet, 0, headerLength, 0);
        packet[10] = (byte)(checksum >>> 8);
        packet[11] = (byte)checksum;
        return packet;
    }

    private int fragment(final byte[] packet, final int mtu)
    {
        return fragmenter.fragment(new UnsafeBuffer(packet), 0, packet.length, mtu, batch);
    }

    @Test
    void a1500BytePacketSplitsFor576()
    {
        final byte[] packet = packet(new byte[0], 1480, 0);

        assertThat(fragment(packet, 576)).isEqualTo(3);

        assertThat(batch.size()).isEqualTo(3);
        final int[] lengths = {572, 572, 396};
        final int[] offsets = {0, 69, 138};
        for (int i = 0; i < 3; i++)
        {
            final byte[] fragment = batch.copyOut(i);
            assertThat(fragment.length).isEqualTo(lengths[i]);
            assertThat(u16(fragment, 2)).as("total length").isEqualTo(lengths[i]);
            assertThat(u16(fragment, 6) & 0x1FFF).as("offset").isEqualTo(offsets[i]);
            assertThat((u16(fragment, 6) & 0x2000) != 0).as("MF").isEqualTo(i < 2);
            assertThat(TestPackets.checksum(fragment, 0, 20, 0)).as("header checksum verifies").isZero();
        }
        assertThat(reassemble(3)).isEqualTo(packet);
    }

    @ParameterizedTest(name = "data {0}, mtu {1}")
    @CsvSource({"1480, 576", "1480, 68", "1480, 1280", "9000, 1500", "8, 60", "1000, 1019", "64000, 1500"})
    void fragmentsFitTheMtuAndReassembleToTheOriginal(final int dataLength, final int mtu)
    {
        final byte[] packet = packet(new byte[0], dataLength, 0);
        final PacketBatch big = new PacketBatch(64, 2048);

        final int count = fragmenter.fragment(new UnsafeBuffer(packet), 0, packet.length, mtu, big);

        assertThat(count).isPositive();
        for (int i = 0; i < count; i++)
        {
            final byte[] fragment = big.copyOut(i);
            assertThat(fragment.length).isLessThanOrEqualTo(mtu);
            if (i < count - 1)
            {
                assertThat((fragment.length - 20) % 8).as("non-final data is a multiple of 8").isZero();
            }
        }
        assertThat(reassemble(big, count)).isEqualTo(packet);
    }

    @Test
    void onlyCopiedOptionsGoIntoLaterFragments()
    {
        final byte[] packet = packet(OPTIONS, 1000, 0);

        final int count = fragment(packet, 400);

        final byte[] first = batch.copyOut(0);
        assertThat(first[0]).isEqualTo((byte)0x48);
        assertThat(Arrays.copyOfRange(first, 20, 32)).as("all options in the first").isEqualTo(OPTIONS);
        assertThat(first.length).isEqualTo(32 + 368);
        for (int i = 1; i < count; i++)
        {
            final byte[] later = batch.copyOut(i);
            assertThat(later[0]).as("IHL 6").isEqualTo((byte)0x46);
            assertThat(Arrays.copyOfRange(later, 20, 24)).as("router alert only").containsExactly(0x94, 4, 0, 0);
            assertThat(TestPackets.checksum(later, 0, 24, 0)).isZero();
            assertThat(Arrays.copyOfRange(later, 0, 20)).as("fixed header but lengths, flags and checksum")
                .satisfies(header -> assertSameFixedFields(header, packet));
        }
        // 1000 data: 368 in the first, then (400 - 24) & ~7 = 376 each: 368 + 376 + 256
        assertThat(count).isEqualTo(3);
        assertThat(batch.copyOut(2).length).isEqualTo(24 + 256);
        assertThat(reassemble(count)).isEqualTo(packet);
    }

    private static void assertSameFixedFields(final byte[] header, final byte[] original)
    {
        for (final int i : new int[] {1, 4, 5, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19})
        {
            assertThat(header[i]).as("byte %d", i).isEqualTo(original[i]);
        }
    }

    @Test
    void optionsWithoutCopiedOnesLeaveAPlainHeaderBehind()
    {
        final byte[] options = {7, 7, 4, 0, 0, 0, 0, 0};
        final byte[] packet = packet(options, 100, 0);

        assertThat(fragment(packet, 80)).isEqualTo(2);

        assertThat(batch.copyOut(1)[0]).isEqualTo((byte)0x45);
        assertThat(reassemble(2)).isEqualTo(packet);
    }

    @Test
    void aFragmentIsSplitAgainKeepingItsOffsetAndMoreFragmentsFlag()
    {
        final byte[] packet = packet(new byte[0], 200, 0x2000 | 100);

        assertThat(fragment(packet, 100)).isEqualTo(3);

        assertThat(u16(batch.copyOut(0), 6)).isEqualTo(0x2000 | 100);
        assertThat(u16(batch.copyOut(1), 6)).isEqualTo(0x2000 | 110);
        assertThat(u16(batch.copyOut(2), 6)).as("the original's MF carries to the last").isEqualTo(0x2000 | 120);
    }

    @Test
    void packetThatFitsIsCopiedUnchanged()
    {
        final byte[] packet = packet(OPTIONS, 500, 0x4000);

        assertThat(fragment(packet, 532)).isEqualTo(1);

        assertThat(batch.copyOut(0)).isEqualTo(packet);
    }

    @Test
    void refusalsClaimNothing()
    {
        final byte[] dontFragment = packet(new byte[0], 1480, 0x4000);
        final byte[] plain = packet(new byte[0], 1480, 0);
        final byte[] badOption = packet(new byte[] {(byte)0x83, 9, 0, 0, 0, 0, 0, 0}, 100, 0);
        final byte[] zeroLengthOption = packet(new byte[] {(byte)0x83, 0, 0, 0}, 100, 0);
        final byte[] truncated = Arrays.copyOf(plain, 1000);
        final PacketBatch small = new PacketBatch(4, 2048);
        small.claim(10);
        small.claim(10);

        assertThat(fragment(dontFragment, 576)).isEqualTo(Ipv4Fragmenter.DONT_FRAGMENT);
        assertThat(fragment(badOption, 60)).isEqualTo(Ipv4Fragmenter.MALFORMED);
        assertThat(fragment(zeroLengthOption, 60)).isEqualTo(Ipv4Fragmenter.MALFORMED);
        assertThat(fragment(truncated, 576)).isEqualTo(Ipv4Fragmenter.MALFORMED);
        assertThat(fragment(plain, 27)).isEqualTo(Ipv4Fragmenter.MTU_TOO_SMALL);
        assertThat(batch.size()).isZero();
        assertThat(fragmenter.fragment(new UnsafeBuffer(plain), 0, plain.length, 576, small))
            .as("3 fragments, 2 free slots").isEqualTo(Ipv4Fragmenter.NO_ROOM);
        assertThat(small.size()).isEqualTo(2);
        assertThat(fragmenter.fragment(new UnsafeBuffer(plain), 0, plain.length, 1000, small)).isEqualTo(2);
    }

    private byte[] reassemble(final int count)
    {
        return reassemble(batch, count);
    }

    /**
     * Puts the fragments back together the way a receiver does: by offset, checking identification and addresses,
     * and gives back a packet with the first fragment's header and the original's length and flags.
     */
    private static byte[] reassemble(final PacketBatch fragments, final int count)
    {
        final byte[] first = fragments.copyOut(0);
        final int headerLength = (first[0] & 0x0F) * 4;
        final int baseUnits = u16(first, 6) & 0x1FFF;
        final byte[] data = new byte[65536];
        int end = 0;
        int lastFlags = 0;
        for (int i = 0; i < count; i++)
        {
            final byte[] fragment = fragments.copyOut(i);
            assertThat(Arrays.copyOfRange(fragment, 4, 6)).isEqualTo(Arrays.copyOfRange(first, 4, 6));
            assertThat(Arrays.copyOfRange(fragment, 12, 20)).isEqualTo(Arrays.copyOfRange(first, 12, 20));
            assertThat(TestPackets.checksum(fragment, 0, (fragment[0] & 0x0F) * 4, 0)).isZero();
            final int fragmentHeader = (fragment[0] & 0x0F) * 4;
            final int at = ((u16(fragment, 6) & 0x1FFF) - baseUnits) * 8;
            System.arraycopy(fragment, fragmentHeader, data, at, fragment.length - fragmentHeader);
            end = Math.max(end, at + fragment.length - fragmentHeader);
            if (i == count - 1)
            {
                lastFlags = u16(fragment, 6) & 0x2000;
            }
        }
        final byte[] packet = new byte[headerLength + end];
        System.arraycopy(first, 0, packet, 0, headerLength);
        System.arraycopy(data, 0, packet, headerLength, end);
        packet[2] = (byte)(packet.length >>> 8);
        packet[3] = (byte)packet.length;
        final int field = lastFlags | (u16(first, 6) & 0xC000) | baseUnits;
        packet[6] = (byte)(field >>> 8);
        packet[7] = (byte)field;
        packet[10] = 0;
        packet[11] = 0;
        final int checksum = TestPackets.checksum(packet, 0, headerLength, 0);
        packet[10] = (byte)(checksum >>> 8);
        packet[11] = (byte)checksum;
        return packet;
    }
}
