package io.torii.dataplane.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PcapWriterTest
{
    private static final long T0 = 1_700_000_000_123_456_789L;

    @TempDir
    Path dir;

    static Stream<Arguments> linkTypesAndResolutions()
    {
        return Stream.of(
            Arguments.of(LinkType.ETHERNET, TimestampResolution.MICROSECONDS),
            Arguments.of(LinkType.ETHERNET, TimestampResolution.NANOSECONDS),
            Arguments.of(LinkType.RAW, TimestampResolution.MICROSECONDS),
            Arguments.of(LinkType.RAW, TimestampResolution.NANOSECONDS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("linkTypesAndResolutions")
    void writesFramesThatReadBackWithTheirTimestampsBytesAndIpPackets(
        final int linkType, final TimestampResolution resolution) throws IOException
    {
        final Path file = dir.resolve("out.pcap");
        final List<byte[]> packets = List.of(TestFrames.ipv4(12), TestFrames.ipv6(30), TestFrames.ipv4(0));
        final long[] timestamps = {T0, T0 + 1_000_000_999L, 0};
        final byte[] ethernetHeader = Arrays.copyOf(
            TestFrames.ethernet(new byte[0], LinkLayer.ETHERTYPE_VLAN, LinkLayer.ETHERTYPE_IPV4), 18);
        final byte[] notIp = linkType == LinkType.ETHERNET ?
            TestFrames.ethernet(TestFrames.arp(), 0x0806) : new byte[] {0x50, 1, 2, 3};

        try (PcapWriter writer = PcapWriter.open(file, linkType, resolution))
        {
            assertThat(writer.linkType()).isEqualTo(linkType);
            assertThat(writer.resolution()).isEqualTo(resolution);
            for (int i = 0; i < packets.size(); i++)
            {
                final byte[] packet = packets.get(i);
                if (linkType == LinkType.ETHERNET)
                {
                    LinkLayer.setIpVersion(linkType, ethernetHeader, ethernetHeader.length, packet[0] >> 4);
                    writer.write(timestamps[i], ethernetHeader, ethernetHeader.length, packet, 0, packet.length);
                }
                else
                {
                    writer.write(timestamps[i], packet, 0, packet.length);
                }
            }
            writer.write(T0, TestFrames.concat(new byte[3], notIp), 3, notIp.length);
        }

        final int headerLength = linkType == LinkType.ETHERNET ? ethernetHeader.length : 0;
        try (PcapReader reader = PcapReader.open(file))
        {
            assertThat(reader.format()).isEqualTo(CaptureFormat.PCAP);
            assertThat(reader.name()).isEqualTo(file.toString());
            final PcapFrame frame = new PcapFrame();
            long offset = ClassicPcapSource.FILE_HEADER_LENGTH;
            for (int i = 0; i < packets.size(); i++)
            {
                final byte[] packet = packets.get(i);
                assertThat(reader.next(frame)).isTrue();
                assertThat(frame.fileOffset()).isEqualTo(offset);
                assertThat(frame.linkType()).isEqualTo(linkType);
                assertThat(frame.timestampNanos()).isEqualTo(resolution == TimestampResolution.NANOSECONDS ?
                    timestamps[i] : timestamps[i] / 1000 * 1000);
                assertThat(frame.capturedLength()).isEqualTo(headerLength + packet.length);
                assertThat(frame.originalLength()).isEqualTo(headerLength + packet.length);
                assertThat(frame.ipStatus()).isEqualTo(packet[0] == 0x45 ? IpStatus.IPV4 : IpStatus.IPV6);
                assertThat(frame.ipOffset()).isEqualTo(headerLength);
                assertThat(frame.ipLength()).isEqualTo(packet.length);
                assertThat(Arrays.copyOfRange(frame.data(), frame.ipOffset(), frame.ipOffset() + frame.ipLength()))
                    .isEqualTo(packet);
                offset += ClassicPcapSource.RECORD_HEADER_LENGTH + frame.capturedLength();
            }
            assertThat(reader.next(frame)).isTrue();
            assertThat(Arrays.copyOf(frame.data(), frame.capturedLength())).isEqualTo(notIp);
            assertThat(frame.ipStatus()).isEqualTo(IpStatus.NOT_IP);
            assertThat(reader.next(frame)).isFalse();
        }
    }

    @Test
    void writesTheClassicHeaderLittleEndianWithTheMicrosecondMagicByDefault() throws IOException
    {
        final Path file = dir.resolve("header.pcap");
        try (PcapWriter writer = PcapWriter.open(file, LinkType.LINUX_SLL2))
        {
            writer.flush();
            assertThat(Files.size(file)).isEqualTo(24);
        }

        final ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(0)).isEqualTo(0xa1b2c3d4);
        assertThat(header.getShort(4)).isEqualTo((short)2);
        assertThat(header.getShort(6)).isEqualTo((short)4);
        assertThat(header.getInt(16)).isEqualTo(PcapReader.MAX_FRAME_LENGTH);
        assertThat(header.getInt(20)).isEqualTo(LinkType.LINUX_SLL2);
        assertThat(header.limit()).isEqualTo(24);
    }

    @Test
    void copiesAReadFrameKeepingItsOriginalLength() throws IOException
    {
        final byte[] cut = Arrays.copyOf(TestFrames.ipv4(100), 40);
        final byte[] input = new ClassicPcapBuilder(ByteOrder.BIG_ENDIAN, TimestampResolution.NANOSECONDS.magic(),
            40, LinkType.RAW).record(1_700_000_000, 5, cut, 120).build();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();

        final PcapFrame frame = new PcapFrame();
        try (PcapReader reader = ClassicPcapReaderTest.read(input);
            PcapWriter writer = PcapWriter.open(output, LinkType.RAW, TimestampResolution.NANOSECONDS))
        {
            assertThat(reader.next(frame)).isTrue();
            writer.write(frame);
        }

        try (PcapReader reader = ClassicPcapReaderTest.read(output.toByteArray()))
        {
            final PcapFrame copy = new PcapFrame();
            assertThat(reader.next(copy)).isTrue();
            assertThat(copy.timestampNanos()).isEqualTo(1_700_000_000_000_000_005L);
            assertThat(copy.capturedLength()).isEqualTo(40);
            assertThat(copy.originalLength()).isEqualTo(120);
            assertThat(copy.ipStatus()).isEqualTo(IpStatus.TRUNCATED);
            assertThat(Arrays.copyOf(copy.data(), 40)).isEqualTo(cut);
        }
    }

    @Test
    void writesFromHeapAndDirectBuffersWithoutMovingThem() throws IOException
    {
        final byte[] big = TestFrames.ipv6(20_000);
        final ByteBuffer direct = ByteBuffer.allocateDirect(big.length + 10);
        direct.position(10);
        direct.put(big).position(3).limit(big.length + 10);
        final ByteBuffer heap = ByteBuffer.wrap(TestFrames.concat(new byte[5], big)).slice(1, big.length + 4);
        final ByteArrayOutputStream output = new ByteArrayOutputStream();

        try (PcapWriter writer = PcapWriter.open(output, LinkType.RAW, TimestampResolution.MICROSECONDS))
        {
            writer.write(T0, direct, 10, big.length);
            writer.write(T0, heap, 4, big.length);
        }
        assertThat(direct.position()).isEqualTo(3);
        assertThat(heap.position()).isZero();

        try (PcapReader reader = ClassicPcapReaderTest.read(output.toByteArray()))
        {
            final PcapFrame frame = new PcapFrame();
            for (int i = 0; i < 2; i++)
            {
                assertThat(reader.next(frame)).isTrue();
                assertThat(Arrays.copyOf(frame.data(), frame.capturedLength())).isEqualTo(big);
                assertThat(frame.ipStatus()).isEqualTo(IpStatus.IPV6);
            }
            assertThat(reader.next(frame)).isFalse();
        }
    }

    @Test
    void rejectsWhatPcapCannotHold() throws IOException
    {
        final byte[] packet = TestFrames.ipv4(0);
        try (PcapWriter writer = PcapWriter.open(new ByteArrayOutputStream(), LinkType.RAW,
            TimestampResolution.MICROSECONDS))
        {
            assertThatThrownBy(() -> writer.write(-1, packet, 0, packet.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp -1 ns is outside what pcap's unsigned 32-bit seconds hold (1970 to 2106)");
            assertThatThrownBy(() -> writer.write(0x1_0000_0000L * 1_000_000_000L, packet, 0, packet.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside what pcap's unsigned 32-bit seconds hold");
            final byte[] huge = new byte[PcapReader.MAX_FRAME_LENGTH + 1];
            assertThatThrownBy(() -> writer.write(T0, huge, 0, huge.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a frame of 262145 bytes exceeds the snap length of 262144");
            assertThatThrownBy(() -> writer.write(T0, new byte[14], 14, huge, 0, PcapReader.MAX_FRAME_LENGTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a frame of 262158 bytes exceeds the snap length of 262144");
            assertThatThrownBy(() -> writer.write(T0, packet, 10, packet.length))
                .isInstanceOf(IndexOutOfBoundsException.class);

            final PcapFrame ethernet = new PcapFrame();
            ethernet.set(7, 0, LinkType.ETHERNET, 0, T0, 0, 0);
            assertThatThrownBy(() -> writer.write(ethernet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame 7 has ETHERNET but this file is RAW");
        }
        assertThatThrownBy(() -> PcapWriter.open(dir.resolve("bad.pcap"), 65536))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("link type must be 0 to 65535, got 65536");
        assertThat(dir.resolve("bad.pcap")).doesNotExist();
    }
}
