package io.torii.dataplane.pcap;

import static io.torii.dataplane.pcap.ClassicPcapReaderTest.read;
import static io.torii.dataplane.pcap.ClassicPcapReaderTest.readAllExpectingFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PcapNgReaderTest
{
    private static final long NANOS = 1_000_000_000L;
    private static final int CUSTOM_BLOCK = 0x0BAD;
    private static final int NAME_RESOLUTION_BLOCK = 4;
    private static final int INTERFACE_STATISTICS_BLOCK = 5;

    /** What one frame must read as. */
    private record Expected(
        long offset, int linkType, int interfaceId, long timestampNanos, byte[] data, int originalLength,
        IpStatus status, int ipOffset, int ipLength)
    {
    }

    static Stream<ByteOrder> byteOrders()
    {
        return Stream.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN);
    }

    @ParameterizedTest
    @MethodSource("byteOrders")
    void readsInterfacesPacketsAndSkipsUnknownBlocksAcrossTwoSections(final ByteOrder order) throws IOException
    {
        final ByteOrder otherOrder = order == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        final List<Expected> expected = new ArrayList<>();
        final PcapNgBuilder file = new PcapNgBuilder().sectionHeader(order);

        file.interfaceBlock(LinkType.ETHERNET, 0, PcapNgBuilder.concat(
            file.option(PcapNgBuilder.IF_NAME, "eth0".getBytes(StandardCharsets.US_ASCII)),
            file.tsresol(9),
            file.option(0x7777, new byte[] {1, 2, 3}),
            PcapNgBuilder.endOfOptions()));
        file.interfaceBlock(LinkType.RAW, 65535, PcapNgBuilder.concat(
            file.tsresol(6),
            file.option(PcapNgBuilder.OPT_COMMENT, "raw".getBytes(StandardCharsets.US_ASCII)),
            PcapNgBuilder.endOfOptions()));
        file.interfaceBlock(LinkType.LINUX_SLL, 0, new byte[0]);

        final byte[] ethernetV4 = TestFrames.ethernet(TestFrames.ipv4(9), LinkLayer.ETHERTYPE_IPV4);
        expected.add(new Expected(file.size(), LinkType.ETHERNET, 0, 1_700_000_000L * NANOS + 123_456_789,
            ethernetV4, ethernetV4.length, IpStatus.IPV4, 14, 29));
        file.enhancedPacket(0, 1_700_000_000_123_456_789L, ethernetV4, ethernetV4.length, PcapNgBuilder.concat(
            file.option(PcapNgBuilder.EPB_FLAGS, new byte[4]),
            file.option(PcapNgBuilder.OPT_COMMENT, "hi".getBytes(StandardCharsets.US_ASCII)),
            PcapNgBuilder.endOfOptions()));

        file.block(CUSTOM_BLOCK, new byte[10]);
        file.block(NAME_RESOLUTION_BLOCK, new byte[] {0, 0, 0, 0});

        final byte[] rawV6 = TestFrames.ipv6(13);
        expected.add(new Expected(file.size(), LinkType.RAW, 1, 1_700_000_000L * NANOS + 654_321_000,
            rawV6, rawV6.length, IpStatus.IPV6, 0, 53));
        file.enhancedPacket(1, 1_700_000_000_654_321L, rawV6, rawV6.length, new byte[0]);

        final byte[] arp = TestFrames.ethernet(TestFrames.arp(), 0x0806);
        expected.add(new Expected(file.size(), LinkType.ETHERNET, 0, 0, arp, arp.length, IpStatus.NOT_IP, -1, 0));
        file.simplePacket(arp, arp.length);

        final byte[] sllV4 = TestFrames.sll(TestFrames.ipv4(4), LinkLayer.ETHERTYPE_IPV4);
        expected.add(new Expected(file.size(), LinkType.LINUX_SLL, 2, 5 * NANOS, sllV4, sllV4.length,
            IpStatus.IPV4, 16, 24));
        file.enhancedPacket(2, 5_000_000L, sllV4, sllV4.length, new byte[0]);
        file.block(INTERFACE_STATISTICS_BLOCK, new byte[12]);

        file.sectionHeader(otherOrder);
        file.interfaceBlock(LinkType.IPV4, 0, PcapNgBuilder.concat(
            file.tsresol(0x80 | 10), file.tsoffset(100), PcapNgBuilder.endOfOptions()));

        final byte[] v4 = TestFrames.ipv4(1);
        expected.add(new Expected(file.size(), LinkType.IPV4, 0, 1100 * NANOS + 500_000_000, v4, v4.length,
            IpStatus.IPV4, 0, 21));
        file.enhancedPacket(0, (1000L << 10) | 512, v4, v4.length, new byte[0]);

        final byte[] cut = Arrays.copyOf(TestFrames.ipv4(60), 30);
        expected.add(new Expected(file.size(), LinkType.IPV4, 0, 100 * NANOS, cut, 80, IpStatus.TRUNCATED, -1, 0));
        file.enhancedPacket(0, 0, cut, 80, new byte[0]);

        try (PcapReader reader = read(file.build()))
        {
            assertThat(reader.format()).isEqualTo(CaptureFormat.PCAPNG);
            final PcapFrame frame = new PcapFrame();
            for (int i = 0; i < expected.size(); i++)
            {
                final Expected want = expected.get(i);
                assertThat(reader.next(frame)).as("frame %d", i + 1).isTrue();
                assertThat(frame.frameNumber()).isEqualTo(i + 1);
                assertThat(frame.fileOffset()).as("offset of frame %d", i + 1).isEqualTo(want.offset());
                assertThat(frame.linkType()).isEqualTo(want.linkType());
                assertThat(reader.linkType()).isEqualTo(want.linkType());
                assertThat(frame.interfaceId()).isEqualTo(want.interfaceId());
                assertThat(frame.timestampNanos()).as("timestamp of frame %d", i + 1)
                    .isEqualTo(want.timestampNanos());
                assertThat(Arrays.copyOf(frame.data(), frame.capturedLength())).isEqualTo(want.data());
                assertThat(frame.originalLength()).isEqualTo(want.originalLength());
                assertThat(frame.ipStatus()).as("status of frame %d", i + 1).isEqualTo(want.status());
                assertThat(frame.ipOffset()).isEqualTo(want.ipOffset());
                assertThat(frame.ipLength()).isEqualTo(want.ipLength());
            }
            assertThat(reader.next(frame)).isFalse();
        }
    }

    @ParameterizedTest(name = "if_tsresol {0}, if_tsoffset {1}, timestamp {2}")
    @CsvSource({
        "0,   0,   42,                   42000000000",
        "3,   0,   1700000000123,        1700000000123000000",
        "6,   0,   1700000000123456,     1700000000123456000",
        "9,   0,   1700000000123456789,  1700000000123456789",
        "9,   -10, 1000000000000,        990000000000",
        "12,  0,   10000000123456789012, 10000000123456789",
        "18,  0,   1500000000000000000,  1500000000",
        "128, 0,   7,                    7000000000",
        "138, 100, 1024512,              1100500000000",
        "168, 0,   6047313952768,        5500000000",
        "191, 0,   4611686018427387904,  500000000",
    })
    void convertsTimestampsByTheInterfaceResolutionAndOffset(
        final int resolution, final long offsetSeconds, final String timestamp, final long nanos) throws IOException
    {
        final byte[] v4 = TestFrames.ipv4(0);
        final PcapNgBuilder file = new PcapNgBuilder().sectionHeader(ByteOrder.LITTLE_ENDIAN);
        file.interfaceBlock(LinkType.RAW, 0, PcapNgBuilder.concat(
            file.tsresol(resolution), file.tsoffset(offsetSeconds), PcapNgBuilder.endOfOptions()));
        file.enhancedPacket(0, Long.parseUnsignedLong(timestamp), v4, v4.length, new byte[0]);

        try (PcapReader reader = read(file.build()))
        {
            final PcapFrame frame = new PcapFrame();
            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.timestampNanos()).isEqualTo(nanos);
        }
    }

    @ParameterizedTest
    @MethodSource("byteOrders")
    void clipsSimplePacketsToTheInterfaceSnapLength(final ByteOrder order) throws IOException
    {
        final byte[] packet = TestFrames.ipv4(40);
        final PcapNgBuilder file = new PcapNgBuilder().sectionHeader(order);
        file.interfaceBlock(LinkType.RAW, 32, new byte[0]).simplePacket(Arrays.copyOf(packet, 32), packet.length);

        try (PcapReader reader = read(file.build()))
        {
            final PcapFrame frame = new PcapFrame();
            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.capturedLength()).isEqualTo(32);
            assertThat(frame.originalLength()).isEqualTo(packet.length);
            assertThat(frame.ipStatus()).isEqualTo(IpStatus.TRUNCATED);
            assertThat(reader.next(frame)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("byteOrders")
    void readsObsoletePacketBlocks(final ByteOrder order) throws IOException
    {
        final byte[] packet = TestFrames.ipv6(0);
        final PcapNgBuilder file = new PcapNgBuilder().sectionHeader(order);
        file.interfaceBlock(LinkType.RAW, 0, new byte[0]);
        file.interfaceBlock(LinkType.IPV6, 0, new byte[0]);
        final ByteBuffer body = ByteBuffer.allocate(20 + packet.length).order(order);
        body.putShort((short)1).putShort((short)0).putInt(0).putInt(7).putInt(packet.length).putInt(packet.length)
            .put(packet);
        file.block(PcapNgSource.OBSOLETE_PACKET, body.array());

        try (PcapReader reader = read(file.build()))
        {
            final PcapFrame frame = new PcapFrame();
            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.interfaceId()).isEqualTo(1);
            assertThat(frame.linkType()).isEqualTo(LinkType.IPV6);
            assertThat(frame.timestampNanos()).isEqualTo(7_000);
            assertThat(frame.ipStatus()).isEqualTo(IpStatus.IPV6);
        }
    }

    static Stream<Arguments> malformedBlocks()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN))
        {
            final byte[] v4 = TestFrames.ipv4(0);
            cases.add(Arguments.of(order, "trailer differs",
                (Consumer<PcapNgBuilder>)b -> b.block(CUSTOM_BLOCK, new byte[8], 20, 24),
                "block length mismatch: the header says 20, the trailer says 24"));
            cases.add(Arguments.of(order, "length not a multiple of 4",
                (Consumer<PcapNgBuilder>)b -> b.block(CUSTOM_BLOCK, new byte[8], 22, 22),
                "block length 22 is not a multiple of 4"));
            cases.add(Arguments.of(order, "length below the framing",
                (Consumer<PcapNgBuilder>)b -> b.block(CUSTOM_BLOCK, new byte[0], 8, 8),
                "block length 8 is less than the 12 bytes any block needs"));
            cases.add(Arguments.of(order, "enhanced packet block too short",
                (Consumer<PcapNgBuilder>)b -> b.block(PcapNgSource.ENHANCED_PACKET, new byte[16]),
                "block length 28 is less than the 32 bytes an enhanced packet block needs"));
            cases.add(Arguments.of(order, "undescribed interface",
                (Consumer<PcapNgBuilder>)b -> b.enhancedPacket(1, 0, v4, v4.length, new byte[0]),
                "interface 1 has no interface description block in this section, which describes 1"));
            cases.add(Arguments.of(order, "hostile captured length",
                (Consumer<PcapNgBuilder>)b -> b.block(PcapNgSource.ENHANCED_PACKET,
                    PcapNgBuilder.packetBody(b.order(), 0, 0, 0x7FFF_FFFF, 0x7FFF_FFFF, v4, new byte[0])),
                "captured length 2147483647 exceeds the 262144-byte frame limit"));
            cases.add(Arguments.of(order, "captured length beyond the block",
                (Consumer<PcapNgBuilder>)b -> b.block(PcapNgSource.ENHANCED_PACKET,
                    PcapNgBuilder.packetBody(b.order(), 0, 0, 100, 100, v4, new byte[0])),
                "captured length 100 does not fit in the 20 bytes the block length leaves for data"));
            cases.add(Arguments.of(order, "original shorter than captured",
                (Consumer<PcapNgBuilder>)b -> b.enhancedPacket(0, 0, v4, 10, new byte[0]),
                "original length 10 is less than the captured length 20"));
            cases.add(Arguments.of(order, "file ends in a block header",
                (Consumer<PcapNgBuilder>)b -> b.raw(new byte[5]),
                "the file ends 5 bytes into the 8-byte block header"));
            cases.add(Arguments.of(order, "file ends in a packet header",
                (Consumer<PcapNgBuilder>)b -> b.raw(ByteBuffer.allocate(20).order(order).putInt(6).putInt(52).array()),
                "the file ends inside the block's packet header"));
            cases.add(Arguments.of(order, "file ends in packet data",
                (Consumer<PcapNgBuilder>)b -> b.raw(ByteBuffer.allocate(30).order(order).putInt(6).putInt(52)
                    .putInt(0).putInt(0).putInt(0).putInt(20).putInt(20).array()),
                "the file ends 2 bytes into the 20 captured bytes"));
            cases.add(Arguments.of(order, "option runs past the block",
                (Consumer<PcapNgBuilder>)b -> b.interfaceBlock(LinkType.RAW, 0, overrunningOption(b)),
                "option 2 of length 100 runs past the end of the block, which has 4 bytes left"));
            cases.add(Arguments.of(order, "if_tsresol too fine",
                (Consumer<PcapNgBuilder>)b -> b.interfaceBlock(LinkType.RAW, 0, b.tsresol(30)),
                "if_tsresol 10^-30 s is finer than the 10^-18 this reader supports"));
            cases.add(Arguments.of(order, "if_tsresol with a wrong length",
                (Consumer<PcapNgBuilder>)b -> b.interfaceBlock(LinkType.RAW, 0,
                    b.option(PcapNgSource.IF_TSRESOL, new byte[2])),
                "if_tsresol option has length 2, expected 1"));
            cases.add(Arguments.of(order, "second section header with a bad byte-order magic",
                (Consumer<PcapNgBuilder>)b -> b.block(PcapNgSource.SECTION_HEADER,
                    ByteBuffer.allocate(16).putInt(0x11223344).array()),
                "byte-order magic 0x11223344 is neither 0x1a2b3c4d nor 0x4d3c2b1a"));
        }
        return cases.stream();
    }

    /** @return an if_name option whose length field says 100 bytes where 4 follow. */
    private static byte[] overrunningOption(final PcapNgBuilder builder)
    {
        final byte[] option = builder.option(PcapNgBuilder.IF_NAME, new byte[4]);
        ByteBuffer.wrap(option).order(builder.order()).putShort(2, (short)100);
        return option;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedBlocks")
    void rejectsAMalformedBlockNamingItsIndexAndOffset(
        final ByteOrder order, final String name, final Consumer<PcapNgBuilder> badBlock, final String problem)
    {
        final PcapNgBuilder file = new PcapNgBuilder().sectionHeader(order);
        file.interfaceBlock(LinkType.RAW, 0, new byte[0]);
        final int offset = file.size();
        badBlock.accept(file);

        final PcapFormatException ex = readAllExpectingFailure(file.build(), 0);
        assertThat(ex.getMessage()).startsWith("test.pcap: block 3 at byte offset " + offset + ": " + problem);
        assertThat(ex.index()).isEqualTo(3);
        assertThat(ex.offset()).isEqualTo(offset);
    }

    @ParameterizedTest
    @MethodSource("byteOrders")
    void forgetsInterfacesAtANewSection(final ByteOrder order)
    {
        final byte[] v4 = TestFrames.ipv4(0);
        final PcapNgBuilder file = new PcapNgBuilder().sectionHeader(order);
        file.interfaceBlock(LinkType.RAW, 0, new byte[0]).enhancedPacket(0, 0, v4, v4.length, new byte[0]);
        file.sectionHeader(order);
        final int offset = file.size();
        file.enhancedPacket(0, 0, v4, v4.length, new byte[0]);

        final PcapFormatException ex = readAllExpectingFailure(file.build(), 1);
        assertThat(ex.getMessage()).isEqualTo("test.pcap: block 5 at byte offset " + offset +
            ": interface 0 has no interface description block in this section, which describes 0");
    }

    @ParameterizedTest
    @MethodSource("byteOrders")
    void rejectsASimplePacketBeforeAnyInterface(final ByteOrder order)
    {
        final PcapNgBuilder file = new PcapNgBuilder().sectionHeader(order);
        final int offset = file.size();
        file.simplePacket(TestFrames.ipv4(0), 20);

        final PcapFormatException ex = readAllExpectingFailure(file.build(), 0);
        assertThat(ex.getMessage()).isEqualTo("test.pcap: block 2 at byte offset " + offset +
            ": a simple packet block needs an interface description block before it");
    }

    @ParameterizedTest
    @MethodSource("byteOrders")
    void rejectsATimestampBeyondTheNanosecondRange(final ByteOrder order)
    {
        final byte[] v4 = TestFrames.ipv4(0);
        final PcapNgBuilder file = new PcapNgBuilder().sectionHeader(order);
        file.interfaceBlock(LinkType.RAW, 0, PcapNgBuilder.concat(file.tsresol(0), PcapNgBuilder.endOfOptions()));
        file.enhancedPacket(0, 9_223_372_036L, v4, v4.length, new byte[0]);
        final int offset = file.size();
        file.enhancedPacket(0, 9_223_372_037L, v4, v4.length, new byte[0]);

        final PcapFormatException ex = readAllExpectingFailure(file.build(), 1);
        assertThat(ex.getMessage()).isEqualTo("test.pcap: block 4 at byte offset " + offset +
            ": timestamp 9223372037 with if_tsresol 0 and if_tsoffset 0 s does not fit 64-bit nanoseconds");
    }

    @ParameterizedTest
    @MethodSource("byteOrders")
    void rejectsAFirstSectionHeaderOfAnotherVersionOrWithABadMagic(final ByteOrder order)
    {
        final byte[] good = new PcapNgBuilder().sectionHeader(order).build();

        final byte[] version2 = good.clone();
        ByteBuffer.wrap(version2).order(order).putShort(12, (short)2);
        assertThat(readAllExpectingFailure(version2, 0).getMessage())
            .isEqualTo("test.pcap: block 1 at byte offset 0: pcapng version 2.0 is not supported; expected 1.0");

        final byte[] badMagic = good.clone();
        badMagic[8] = 0;
        assertThat(readAllExpectingFailure(badMagic, 0).getMessage())
            .startsWith("test.pcap: block 1 at byte offset 0: byte-order magic 0x");
    }
}
