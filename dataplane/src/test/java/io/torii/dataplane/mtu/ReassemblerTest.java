package io.torii.dataplane.mtu;

import static io.torii.dataplane.mtu.TestPackets.u16;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReassemblerTest
{
    private static final long TIMEOUT = 30_000_000_000L;
    /** Router alert (copied into later fragments), record route (not copied), NOP. */
    private static final byte[] OPTIONS = {(byte)0x94, 4, 0, 0, 7, 7, 4, 0, 0, 0, 0, 1};
    private static final int ESP = 50;

    private final Reassembler reassembler = new Reassembler(8, Reassembler.LARGEST_PACKET, TIMEOUT);
    private final PacketBatch out = new PacketBatch(4, Reassembler.LARGEST_PACKET);

    /** An IPv4 ESP-like packet with DF clear, checksum set. */
    private static byte[] ipv4(final byte[] options, final int dataLength, final int identification, final long seed)
    {
        final int headerLength = 20 + options.length;
        final byte[] data = new byte[dataLength];
        new Random(seed).nextBytes(data);
        final byte[] packet = ByteBuffer.allocate(headerLength + dataLength).put((byte)(0x40 | headerLength / 4))
            .put((byte)0x28).putShort((short)(headerLength + dataLength)).putShort((short)identification)
            .putShort((short)0).put((byte)61).put((byte)ESP).putShort((short)0)
            .put(TestPackets.address("192.0.2.1")).put(TestPackets.address("198.51.100.2")).put(options).put(data)
            .array();
        setIpv4Checksum(packet);
        return packet;
    }

    private static void setIpv4Checksum(final byte[] packet)
    {
        packet[10] = 0;
        packet[11] = 0;
        final int checksum = TestPackets.checksum(packet, 0, (packet[0] & 0x0F) * 4, 0);
        packet[10] = (byte)(checksum >>> 8);
        packet[11] = (byte)checksum;
    }

    /** Fragments {@code packet} with the existing fragmenter. */
    private static List<byte[]> fragmentIpv4(final byte[] packet, final int mtu)
    {
        final PacketBatch batch = new PacketBatch(64, 2048);
        final int count = new Ipv4Fragmenter().fragment(new UnsafeBuffer(packet), 0, packet.length, mtu, batch);
        assertThat(count).as("fragments").isGreaterThan(1);
        final List<byte[]> fragments = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            fragments.add(batch.copyOut(i));
        }
        return fragments;
    }

    /** An IPv4 fragment built by hand: 20-byte header, {@code data} at {@code units} * 8. */
    private static byte[] ipv4Fragment(final int identification, final int units, final boolean more, final byte[] data)
    {
        final byte[] packet = ByteBuffer.allocate(20 + data.length).put((byte)0x45).put((byte)0)
            .putShort((short)(20 + data.length)).putShort((short)identification)
            .putShort((short)((more ? 0x2000 : 0) | units)).put((byte)64).put((byte)ESP).putShort((short)0)
            .put(TestPackets.address("192.0.2.1")).put(TestPackets.address("198.51.100.2")).put(data).array();
        setIpv4Checksum(packet);
        return packet;
    }

    /** An IPv6 packet with a Hop-by-Hop header (unfragmentable) in front of an ESP-like payload. */
    private static byte[] ipv6(final int payloadLength, final long seed)
    {
        final byte[] payload = new byte[payloadLength];
        new Random(seed).nextBytes(payload);
        final byte[] hopByHop = {(byte)ESP, 0, 1, 4, 0, 0, 0, 0};
        return ByteBuffer.allocate(40 + 8 + payloadLength).putInt(0x6000_0000)
            .putShort((short)(8 + payloadLength)).put((byte)0).put((byte)64)
            .put(TestPackets.address("2001:db8::1")).put(TestPackets.address("2001:db8::2"))
            .put(hopByHop).put(payload).array();
    }

    /** Splits an {@link #ipv6} packet after its Hop-by-Hop header into pieces of {@code piece} bytes. */
    private static List<byte[]> fragmentIpv6(final byte[] packet, final int piece, final int identification)
    {
        final int unfragmentable = 48;
        final int fragmentable = packet.length - unfragmentable;
        final List<byte[]> fragments = new ArrayList<>();
        for (int at = 0; at < fragmentable; at += piece)
        {
            final int length = Math.min(piece, fragmentable - at);
            final boolean more = at + length < fragmentable;
            fragments.add(ipv6Fragment(packet, at, length, more, identification));
        }
        return fragments;
    }

    /** One IPv6 fragment of {@code packet}'s fragmentable part, bytes [at, at + length). */
    private static byte[] ipv6Fragment(
        final byte[] packet, final int at, final int length, final boolean more, final int identification)
    {
        final int unfragmentable = 48;
        final byte[] fragment = ByteBuffer.allocate(unfragmentable + 8 + length).put(packet, 0, unfragmentable)
            .put((byte)ESP).put((byte)0).putShort((short)(at | (more ? 1 : 0))).putInt(identification)
            .put(packet, unfragmentable + at, length).array();
        fragment[4] = (byte)((fragment.length - 40) >>> 8);
        fragment[5] = (byte)(fragment.length - 40);
        fragment[40] = 44;
        return fragment;
    }

    private int offer(final byte[] packet, final long now)
    {
        return reassembler.offer(new UnsafeBuffer(packet), 0, packet.length, now, out);
    }

    /** Offers all; exactly the last offer completes; @return the reassembled packet. */
    private byte[] offerAll(final List<byte[]> fragments)
    {
        int slot = -1;
        for (int i = 0; i < fragments.size(); i++)
        {
            final int result = offer(fragments.get(i), i);
            if (i < fragments.size() - 1)
            {
                assertThat(result).as("fragment %d of %d", i, fragments.size())
                    .isIn(Reassembler.HELD, Reassembler.DUPLICATE);
            }
            slot = result;
        }
        assertThat(slot).as("the last offer completes").isGreaterThanOrEqualTo(0);
        return out.copyOut(slot);
    }

    private static List<byte[]> arrange(final List<byte[]> fragments, final String order)
    {
        final List<byte[]> arranged = new ArrayList<>(fragments);
        switch (order)
        {
            case "reversed" -> Collections.reverse(arranged);
            case "shuffled" -> Collections.shuffle(arranged, new Random(fragments.size()));
            case "duplicated" ->
            {
                // Every fragment but the one that completes arrives twice, copies sometimes much later.
                arranged.clear();
                for (int i = 0; i < fragments.size() - 1; i++)
                {
                    arranged.add(fragments.get(i));
                    arranged.add(fragments.get(i).clone());
                    arranged.add(fragments.get(i / 2).clone());
                }
                arranged.add(fragments.getLast());
            }
            default ->
            {
            }
        }
        return arranged;
    }

    @ParameterizedTest(name = "{0} bytes, mtu {1}, {2}")
    @CsvSource({
        "1480, 576, in-order", "1480, 576, reversed", "4000, 576, shuffled", "4000, 300, duplicated",
        "9000, 1500, shuffled", "64000, 1500, shuffled", "65503, 1500, reversed", "2000, 68, shuffled"})
    void ipv4FragmentsFromTheFragmenterReassembleToTheOriginal(final int dataLength, final int mtu, final String order)
    {
        final byte[] packet = ipv4(OPTIONS, dataLength, 0xBEEF, dataLength);
        final List<byte[]> fragments = arrange(fragmentIpv4(packet, mtu), order);

        assertThat(offerAll(fragments)).isEqualTo(packet);

        assertThat(reassembler.completions()).isEqualTo(1);
        assertThat(reassembler.duplicates()).isEqualTo(order.equals("duplicated") ? 2L * (fragments.size() / 3) : 0);
        assertThat(reassembler.overlaps()).isZero();
        assertThat(reassembler.drops()).isZero();
        assertThat(reassembler.activeContexts()).as("context freed").isZero();
    }

    @ParameterizedTest(name = "{0} bytes in {1}-byte pieces, {2}")
    @CsvSource({"3000, 1232, in-order", "3000, 1232, reversed", "65000, 1448, shuffled", "1000, 8, shuffled",
        "5000, 1000, duplicated", "65527, 4096, shuffled"})
    void ipv6FragmentsReassembleWithoutTheFragmentHeader(final int payload, final int piece, final String order)
    {
        final byte[] packet = ipv6(payload, payload);
        final List<byte[]> fragments = arrange(fragmentIpv6(packet, piece, 0x12345678), order);

        assertThat(offerAll(fragments)).isEqualTo(packet);

        assertThat(reassembler.completions()).isEqualTo(1);
        assertThat(reassembler.activeContexts()).isZero();
    }

    @Test
    void interleavedDatagramsKeepApartByIdentificationAndVersion()
    {
        final byte[] a = ipv4(new byte[0], 3000, 1, 1);
        final byte[] b = ipv4(new byte[0], 3000, 2, 2);
        final byte[] c = ipv6(3000, 3);
        final List<byte[]> fa = fragmentIpv4(a, 1000);
        final List<byte[]> fb = fragmentIpv4(b, 1000);
        final List<byte[]> fc = fragmentIpv6(c, 1000, 1);
        final List<byte[]> done = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            for (final List<byte[]> fragments : List.of(fa, fb, fc))
            {
                if (i < fragments.size())
                {
                    final int slot = offer(fragments.get(i), i);
                    if (slot >= 0)
                    {
                        done.add(out.copyOut(slot));
                    }
                }
            }
        }
        assertThat(done).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void ipv6AtomicFragmentPassesAtOnce()
    {
        final byte[] packet = ipv6(500, 9);
        final byte[] atomic = ipv6Fragment(packet, 0, 500, false, 77);

        final int slot = offer(atomic, 0);

        assertThat(slot).isGreaterThanOrEqualTo(0);
        assertThat(out.copyOut(slot)).isEqualTo(packet);
        assertThat(reassembler.activeContexts()).isZero();
    }

    @Test
    void ipv4OverlapDiscardsTheWholeDatagramAndItsLaterFragments()
    {
        final byte[] packet = ipv4(new byte[0], 3000, 5, 5);
        final List<byte[]> fragments = fragmentIpv4(packet, 1000);
        final byte[] shifted = fragments.get(1).clone();
        final int field = u16(shifted, 6) - 1;
        shifted[6] = (byte)(field >>> 8);
        shifted[7] = (byte)field;
        setIpv4Checksum(shifted);

        assertThat(offer(fragments.get(0), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(shifted, 1)).isEqualTo(Reassembler.OVERLAP);
        for (int i = 1; i < fragments.size(); i++)
        {
            assertThat(offer(fragments.get(i), 2)).as("later fragment %d", i).isEqualTo(Reassembler.OVERLAP);
        }
        assertThat(reassembler.overlaps()).isEqualTo(fragments.size());
        assertThat(out.size()).isZero();

        assertThat(reassembler.expire(TIMEOUT)).isEqualTo(1);
        assertThat(offerAll(fragments)).as("after expiry the same id reassembles").isEqualTo(packet);
    }

    @Test
    void sameRangeWithOtherBytesIsAnOverlapNotADuplicate()
    {
        final byte[] packet = ipv4(new byte[0], 3000, 6, 6);
        final List<byte[]> fragments = fragmentIpv4(packet, 1000);
        final byte[] altered = fragments.get(1).clone();
        altered[altered.length - 1] ^= 1;

        assertThat(offer(fragments.get(1), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(altered, 0)).isEqualTo(Reassembler.OVERLAP);
        assertThat(reassembler.duplicates()).isZero();
    }

    @ParameterizedTest(name = "second piece at {0}, {1} bytes")
    @CsvSource({"8, 16", "0, 24", "16, 24", "24, 16", "16, 8", "24, 8", "0, 16"})
    void ipv6OverlapDiscardsTheDatagram(final int at, final int length)
    {
        final byte[] packet = ipv6(64, 11);
        final byte[] piece = ipv6Fragment(packet, 16, 16, true, 3);
        final byte[] overlapping = ipv6Fragment(packet, at, length, true, 3);

        assertThat(offer(piece, 0)).isEqualTo(Reassembler.HELD);
        final int expected = at + length <= 16 ? Reassembler.HELD :
            at >= 16 && at + length <= 32 ? Reassembler.DUPLICATE : Reassembler.OVERLAP;
        assertThat(offer(overlapping, 0)).isEqualTo(expected);
    }

    @Test
    void aFragmentAdjacentToAnotherIsNoOverlap()
    {
        final byte[] packet = ipv6(64, 11);

        assertThat(offer(ipv6Fragment(packet, 16, 16, true, 3), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(ipv6Fragment(packet, 0, 16, true, 3), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(ipv6Fragment(packet, 48, 16, false, 3), 0)).isEqualTo(Reassembler.HELD);
        final int slot = offer(ipv6Fragment(packet, 32, 16, true, 3), 0);

        assertThat(slot).isGreaterThanOrEqualTo(0);
        assertThat(out.copyOut(slot)).isEqualTo(packet);
    }

    @Test
    void timeoutFollowsTheCallersClock()
    {
        final List<byte[]> fragments = fragmentIpv4(ipv4(new byte[0], 3000, 7, 7), 1000);

        assertThat(offer(fragments.get(0), 1_000)).isEqualTo(Reassembler.HELD);
        assertThat(reassembler.expire(1_000 + TIMEOUT - 1)).isZero();
        assertThat(reassembler.activeContexts()).isOne();
        assertThat(reassembler.expire(1_000 + TIMEOUT)).isOne();

        assertThat(reassembler.timeouts()).isOne();
        assertThat(reassembler.activeContexts()).isZero();
        for (int i = 1; i < fragments.size(); i++)
        {
            assertThat(offer(fragments.get(i), 2_000 + TIMEOUT)).isEqualTo(Reassembler.HELD);
        }
        assertThat(out.size()).as("the first fragment was forgotten").isZero();
    }

    @Test
    void anOfferFindingItsDatagramExpiredStartsAfresh()
    {
        final List<byte[]> fragments = fragmentIpv4(ipv4(new byte[0], 2900, 8, 8), 1000);

        assertThat(offer(fragments.get(0), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(fragments.get(1), TIMEOUT)).isEqualTo(Reassembler.HELD);

        assertThat(reassembler.timeouts()).isOne();
        assertThat(offer(fragments.get(2), TIMEOUT)).as("fragment 0 is gone").isEqualTo(Reassembler.HELD);
        assertThat(offer(fragments.get(0), TIMEOUT)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void exhaustedContextsDropUntilTheOldestExpiresAndIsReclaimed()
    {
        final Reassembler two = new Reassembler(2, 4096, TIMEOUT);
        final List<byte[]> first = fragmentIpv4(ipv4(new byte[0], 1900, 1, 1), 1000);
        final byte[] secondPacket = ipv4(new byte[0], 1900, 2, 2);
        final List<byte[]> second = fragmentIpv4(secondPacket, 1000);
        final byte[] thirdPacket = ipv4(new byte[0], 1900, 3, 3);
        final List<byte[]> third = fragmentIpv4(thirdPacket, 1000);

        assertThat(offer(two, first.get(0), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(two, second.get(0), 10)).isEqualTo(Reassembler.HELD);
        assertThat(offer(two, third.get(0), TIMEOUT - 1)).isEqualTo(Reassembler.NO_CONTEXT);
        assertThat(two.drops()).isOne();

        assertThat(offer(two, third.get(0), TIMEOUT)).as("the first, oldest, is reclaimed")
            .isEqualTo(Reassembler.HELD);
        assertThat(two.timeouts()).isOne();
        final int slot = offer(two, second.get(1), TIMEOUT);
        assertThat(slot).as("the second survived").isGreaterThanOrEqualTo(0);
        assertThat(out.copyOut(slot)).isEqualTo(secondPacket);
        for (int i = 1; i < third.size(); i++)
        {
            final int result = offer(two, third.get(i), TIMEOUT);
            if (i == third.size() - 1)
            {
                assertThat(out.copyOut(result)).isEqualTo(thirdPacket);
            }
        }
        assertThat(offer(two, first.get(1), TIMEOUT)).as("first's context is new").isEqualTo(Reassembler.HELD);
    }

    private int offer(final Reassembler target, final byte[] packet, final long now)
    {
        return target.offer(new UnsafeBuffer(packet), 0, packet.length, now, out);
    }

    @Test
    void aFullOutputBatchKeepsTheDatagramForARetry()
    {
        final byte[] packet = ipv4(new byte[0], 3000, 9, 9);
        final List<byte[]> fragments = fragmentIpv4(packet, 1000);
        for (int i = 0; i < out.capacity(); i++)
        {
            out.claim(10);
        }

        for (int i = 0; i < fragments.size() - 1; i++)
        {
            assertThat(offer(fragments.get(i), 0)).isEqualTo(Reassembler.HELD);
        }
        assertThat(offer(fragments.getLast(), 0)).isEqualTo(Reassembler.NO_ROOM);
        out.clear();
        final int slot = offer(fragments.getLast(), 0);

        assertThat(slot).isGreaterThanOrEqualTo(0);
        assertThat(out.copyOut(slot)).isEqualTo(packet);
    }

    @Test
    void aDatagramLargerThanTheLimitIsRefused()
    {
        final Reassembler small = new Reassembler(2, 1500, TIMEOUT);
        final List<byte[]> fragments = fragmentIpv4(ipv4(new byte[0], 2000, 10, 10), 1000);

        assertThat(offer(small, fragments.get(0), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(small, fragments.get(1), 0)).isEqualTo(Reassembler.TOO_BIG);
        assertThat(small.activeContexts()).as("the datagram is discarded").isZero();
    }

    @Test
    void tooManyDisjointPiecesDiscardTheDatagram()
    {
        final byte[] eight = new byte[8];
        for (int i = 0; i < Reassembler.MAX_RANGES; i++)
        {
            assertThat(offer(ipv4Fragment(11, i * 2, true, eight), 0)).isEqualTo(Reassembler.HELD);
        }

        assertThat(offer(ipv4Fragment(11, Reassembler.MAX_RANGES * 2, true, eight), 0))
            .isEqualTo(Reassembler.TOO_FRAGMENTED);
        assertThat(reassembler.activeContexts()).isZero();
    }

    @Test
    void lastFragmentsThatDisagreeAreMalformed()
    {
        final byte[] eight = new byte[8];

        assertThat(offer(ipv4Fragment(12, 4, false, eight), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(ipv4Fragment(12, 8, false, eight), 0)).isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(ipv4Fragment(13, 4, false, eight), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(ipv4Fragment(13, 5, true, eight), 0)).as("beyond the end").isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(ipv4Fragment(14, 5, true, eight), 0)).isEqualTo(Reassembler.HELD);
        assertThat(offer(ipv4Fragment(14, 2, false, eight), 0)).as("ends before data held")
            .isEqualTo(Reassembler.MALFORMED);
    }

    @Test
    void malformedAndPlainPacketsAreToldApart()
    {
        final byte[] plain = ipv4(new byte[0], 100, 1, 1);
        final byte[] plain6 = TestPackets.ip("2001:db8::1", "2001:db8::2", ESP, new byte[64]);
        final byte[] badChecksum = ipv4Fragment(1, 0, true, new byte[16]);
        badChecksum[10] ^= 1;
        final byte[] tooLong = ipv4Fragment(1, 0x1FFF, false, new byte[100]);
        final byte[] truncated = Arrays.copyOf(ipv4Fragment(1, 0, true, new byte[16]), 30);
        final byte[] v6Odd = ipv6Fragment(ipv6(64, 1), 0, 12, true, 1);
        final byte[] v6Cut = Arrays.copyOf(ipv6Fragment(ipv6(64, 1), 0, 16, true, 1), 50);
        final byte[] v6TooLong = ipv6Fragment(ipv6(64, 1), 0, 16, false, 1);
        v6TooLong[50] = (byte)0xFF;
        v6TooLong[51] = (byte)0xF8;
        final byte[] versionFive = plain.clone();
        versionFive[0] = 0x55;

        assertThat(offer(plain, 0)).isEqualTo(Reassembler.NOT_A_FRAGMENT);
        assertThat(offer(plain6, 0)).isEqualTo(Reassembler.NOT_A_FRAGMENT);
        assertThat(offer(ipv4Fragment(1, 0, true, new byte[12]), 0)).as("not a multiple of 8")
            .isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(ipv4Fragment(1, 3, true, new byte[0]), 0)).as("empty, not last")
            .isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(badChecksum, 0)).isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(tooLong, 0)).as("beyond 65535").isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(truncated, 0)).isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(v6Odd, 0)).isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(v6Cut, 0)).isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(v6TooLong, 0)).isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(versionFive, 0)).isEqualTo(Reassembler.MALFORMED);
        assertThat(offer(new byte[0], 0)).isEqualTo(Reassembler.MALFORMED);
        assertThat(reassembler.activeContexts()).isZero();
        assertThat(out.size()).isZero();
    }

    @Test
    void mutatedFragmentsNeverThrow()
    {
        final Random random = new Random(42);
        final List<byte[]> seeds = new ArrayList<>(fragmentIpv4(ipv4(OPTIONS, 3000, 1, 1), 700));
        seeds.addAll(fragmentIpv6(ipv6(3000, 2), 800, 5));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        for (int i = 0; i < 50_000; i++)
        {
            final byte[] seed = seeds.get(random.nextInt(seeds.size()));
            buffer.putBytes(0, seed);
            for (int flips = random.nextInt(4); flips >= 0; flips--)
            {
                buffer.putByte(random.nextInt(Math.min(64, seed.length)), (byte)random.nextInt());
            }
            final int length = random.nextInt(8) == 0 ? random.nextInt(seed.length + 1) : seed.length;
            final int result = reassembler.offer(buffer, 0, length, i * 1_000_000L, out);
            if (result >= 0)
            {
                out.clear();
            }
        }
        assertThat(reassembler.drops()).isPositive();
    }

    @Test
    void steadyStateDoesNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final List<byte[]> v4 = fragmentIpv4(ipv4(OPTIONS, 3000, 1, 1), 1000);
        final List<byte[]> v6 = fragmentIpv6(ipv6(3000, 2), 1000, 5);
        Collections.reverse(v6);
        final UnsafeBuffer[] buffers = new UnsafeBuffer[v4.size() + v6.size()];
        for (int i = 0; i < buffers.length; i++)
        {
            buffers[i] = new UnsafeBuffer(i < v4.size() ? v4.get(i) : v6.get(i - v4.size()));
        }
        final int rounds = 100_000;
        long sink = run(buffers, rounds / 10);

        final long before = threads.getCurrentThreadAllocatedBytes();
        sink += run(buffers, rounds);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).as("completions").isEqualTo(2L * (rounds + rounds / 10));
        assertThat(allocated).as("bytes allocated over %d datagrams", 2 * rounds).isLessThan(rounds / 4);
    }

    private long run(final UnsafeBuffer[] buffers, final int rounds)
    {
        long completed = 0;
        for (int r = 0; r < rounds; r++)
        {
            for (final UnsafeBuffer buffer : buffers)
            {
                if (reassembler.offer(buffer, 0, buffer.capacity(), r, out) >= 0)
                {
                    completed++;
                }
            }
            out.clear();
        }
        return completed;
    }
}
