package io.torii.dataplane.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassicPcapReaderTest
{
    private static final int SECONDS = 1_700_000_000;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "BIG_ENDIAN,    MICROSECONDS, 123456,    123456000",
        "LITTLE_ENDIAN, MICROSECONDS, 999999,    999999000",
        "BIG_ENDIAN,    NANOSECONDS,  123456789, 123456789",
        "LITTLE_ENDIAN, NANOSECONDS,  1,         1",
    })
    void readsEitherByteOrderAndResolution(
        final String order, final TimestampResolution resolution, final int fraction, final long fractionNanos)
        throws IOException
    {
        final ByteOrder byteOrder = "BIG_ENDIAN".equals(order) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        final byte[] v4 = TestFrames.ipv4(8);
        final byte[] v6 = TestFrames.ipv6(16);
        final byte[] file = new ClassicPcapBuilder(byteOrder, resolution.magic(), 65535, LinkType.RAW)
            .record(SECONDS, fraction, v4, v4.length)
            .record(-1, 0, v6, v6.length)
            .build();

        try (PcapReader reader = read(file))
        {
            assertThat(reader.format()).isEqualTo(CaptureFormat.PCAP);
            assertThat(reader.linkType()).isEqualTo(-1);
            final PcapFrame frame = new PcapFrame();

            assertThat(reader.next(frame)).isTrue();
            assertThat(reader.linkType()).isEqualTo(LinkType.RAW);
            assertThat(frame.timestampNanos()).isEqualTo(SECONDS * 1_000_000_000L + fractionNanos);
            assertThat(frame.frameNumber()).isEqualTo(1);
            assertThat(frame.fileOffset()).isEqualTo(24);
            assertThat(frame.capturedLength()).isEqualTo(v4.length);
            assertThat(Arrays.copyOf(frame.data(), frame.capturedLength())).isEqualTo(v4);
            assertThat(frame.ipStatus()).isEqualTo(IpStatus.IPV4);
            assertThat(frame.ipOffset()).isZero();
            assertThat(frame.ipLength()).isEqualTo(v4.length);

            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.timestampNanos()).as("seconds are unsigned").isEqualTo(0xFFFF_FFFFL * 1_000_000_000L);
            assertThat(frame.frameNumber()).isEqualTo(2);
            assertThat(frame.fileOffset()).isEqualTo(24 + 16 + v4.length);
            assertThat(frame.ipStatus()).isEqualTo(IpStatus.IPV6);
            assertThat(Arrays.copyOf(frame.data(), frame.capturedLength())).isEqualTo(v6);

            assertThat(reader.next(frame)).isFalse();
            assertThat(frame.frameNumber()).as("left as it was").isEqualTo(2);
        }
    }

    @Test
    void ignoresTheFcsBitsAboveTheLinkType() throws IOException
    {
        final byte[] frameBytes = TestFrames.ethernet(TestFrames.ipv4(0), LinkLayer.ETHERTYPE_IPV4);
        final byte[] file = new ClassicPcapBuilder(ByteOrder.LITTLE_ENDIAN, TimestampResolution.MICROSECONDS.magic(),
            65535, 0x1400_0000 | LinkType.ETHERNET).record(1, 0, frameBytes, frameBytes.length).build();

        try (PcapReader reader = read(file))
        {
            final PcapFrame frame = new PcapFrame();
            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(frame.ipStatus()).isEqualTo(IpStatus.IPV4);
            assertThat(frame.ipOffset()).isEqualTo(14);
        }
    }

    @Test
    void reportsAFrameCutBySnapLengthAsTruncated() throws IOException
    {
        final byte[] packet = Arrays.copyOf(TestFrames.ipv4(100), 64);
        final byte[] file = new ClassicPcapBuilder(ByteOrder.LITTLE_ENDIAN, TimestampResolution.MICROSECONDS.magic(),
            64, LinkType.RAW).record(1, 0, packet, 120).build();

        try (PcapReader reader = read(file))
        {
            final PcapFrame frame = new PcapFrame();
            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.capturedLength()).isEqualTo(64);
            assertThat(frame.originalLength()).isEqualTo(120);
            assertThat(frame.ipStatus()).isEqualTo(IpStatus.TRUNCATED);
            assertThat(frame.ipOffset()).isEqualTo(-1);
        }
    }

    @Test
    void reusesTheFrameBufferAndGrowsItOnlyForBiggerFrames() throws IOException
    {
        final byte[] small = TestFrames.ipv4(100);
        final byte[] big = TestFrames.ipv6(PcapReader.MAX_FRAME_LENGTH - 40);
        final byte[] file = new ClassicPcapBuilder(ByteOrder.LITTLE_ENDIAN, TimestampResolution.MICROSECONDS.magic(),
            PcapReader.MAX_FRAME_LENGTH, LinkType.RAW)
            .record(1, 0, small, small.length)
            .record(2, 0, small, small.length)
            .record(3, 0, big, big.length)
            .record(4, 0, small, small.length)
            .build();

        try (PcapReader reader = read(file))
        {
            final PcapFrame frame = new PcapFrame();
            assertThat(reader.next(frame)).isTrue();
            final byte[] first = frame.data();
            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.data()).isSameAs(first);
            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.capturedLength()).isEqualTo(PcapReader.MAX_FRAME_LENGTH);
            assertThat(Arrays.copyOf(frame.data(), frame.capturedLength())).isEqualTo(big);
            final byte[] grown = frame.data();
            assertThat(reader.next(frame)).isTrue();
            assertThat(frame.data()).isSameAs(grown);
            assertThat(Arrays.copyOf(frame.data(), frame.capturedLength())).isEqualTo(small);
        }
    }

    @Test
    void rejectsBadMagicNamingTheFileHeader()
    {
        final byte[] file = new ClassicPcapBuilder(ByteOrder.BIG_ENDIAN, 0xa1b2cd34, 65535, LinkType.RAW).build();

        assertThatThrownBy(() -> read(file).close())
            .isInstanceOf(PcapFormatException.class)
            .hasMessage("test.pcap: file header at byte offset 0: bad magic 0xa1b2cd34: not a pcap file " +
                "(0xa1b2c3d4, 0xa1b23c4d in either byte order) or a pcapng file (0x0a0d0d0a)");
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"0", "3"})
    void rejectsAFileTooShortForAnyMagic(final int length)
    {
        assertThatThrownBy(() -> read(new byte[length]).close())
            .isInstanceOf(PcapFormatException.class)
            .hasMessageContaining("the file is " + length + " bytes long");
    }

    @Test
    void rejectsATruncatedFileHeader()
    {
        final byte[] file = Arrays.copyOf(new ClassicPcapBuilder(ByteOrder.LITTLE_ENDIAN,
            TimestampResolution.MICROSECONDS.magic(), 65535, LinkType.RAW).build(), 10);

        assertThatThrownBy(() -> read(file).close())
            .isInstanceOf(PcapFormatException.class)
            .hasMessageContaining("file header at byte offset 0: the file ends after 10 bytes");
    }

    @Test
    void rejectsAnotherMajorVersion()
    {
        final byte[] file = new ClassicPcapBuilder(ByteOrder.LITTLE_ENDIAN, TimestampResolution.MICROSECONDS.magic(),
            3, 65535, LinkType.RAW).build();

        assertThatThrownBy(() -> read(file).close())
            .isInstanceOf(PcapFormatException.class)
            .hasMessageContaining("pcap version 3.4 is not supported");
    }

    @Test
    void rejectsARecordHeaderCutShortWithItsIndexAndOffset()
    {
        final byte[] packet = TestFrames.ipv4(0);
        final ClassicPcapBuilder builder = new ClassicPcapBuilder(ByteOrder.LITTLE_ENDIAN,
            TimestampResolution.MICROSECONDS.magic(), 65535, LinkType.RAW).record(1, 0, packet, packet.length);
        final int offset = builder.size();
        final byte[] file = builder.raw(new byte[7]).build();

        final PcapFormatException ex = readAllExpectingFailure(file, 1);
        assertThat(ex.getMessage()).isEqualTo("test.pcap: record 2 at byte offset " + offset +
            ": the file ends 7 bytes into the 16-byte record header");
        assertThat(ex.index()).isEqualTo(2);
        assertThat(ex.offset()).isEqualTo(offset);
        assertThat(ex.file()).isEqualTo("test.pcap");
    }

    @Test
    void rejectsRecordDataCutShort()
    {
        final byte[] packet = TestFrames.ipv4(30);
        final byte[] file = new ClassicPcapBuilder(ByteOrder.LITTLE_ENDIAN, TimestampResolution.MICROSECONDS.magic(),
            65535, LinkType.RAW).header(1, 0, 50, 50).raw(Arrays.copyOf(packet, 20)).build();

        final PcapFormatException ex = readAllExpectingFailure(file, 0);
        assertThat(ex.getMessage()).isEqualTo(
            "test.pcap: record 1 at byte offset 24: the file ends 20 bytes into the 50 captured bytes");
    }

    @ParameterizedTest(name = "captured {0} original {1}")
    @CsvSource({
        "0x7fffffff, 0x7fffffff, captured length 2147483647 exceeds the 262144-byte frame limit",
        "0xffffffff, 0xffffffff, captured length 4294967295 exceeds the 262144-byte frame limit",
        "262145,     262145,     captured length 262145 exceeds the 262144-byte frame limit",
        "100,        99,         original length 99 is less than the captured length 100",
        "100,        0x80000000, original length 2147483648 is less than the captured length 100 or absurdly",
    })
    void rejectsHostileLengthsBeforeAllocating(final String captured, final String original, final String problem)
    {
        final byte[] file = new ClassicPcapBuilder(ByteOrder.BIG_ENDIAN, TimestampResolution.NANOSECONDS.magic(),
            65535, LinkType.RAW).header(1, 0, (int)(long)Long.decode(captured), (int)(long)Long.decode(original))
            .raw(new byte[64]).build();

        final PcapFormatException ex = readAllExpectingFailure(file, 0);
        assertThat(ex.getMessage()).startsWith("test.pcap: record 1 at byte offset 24: " + problem);
    }

    /** Reads frames until the reader throws, checking how many came first. */
    static PcapFormatException readAllExpectingFailure(final byte[] file, final int framesBefore)
    {
        final PcapFrame frame = new PcapFrame();
        final int[] frames = {0};
        final Throwable thrown = catchThrowable(() ->
        {
            try (PcapReader reader = read(file))
            {
                while (reader.next(frame))
                {
                    frames[0]++;
                }
            }
        });
        assertThat(thrown).isInstanceOf(PcapFormatException.class);
        assertThat(frames[0]).as("frames read before the failure").isEqualTo(framesBefore);
        return (PcapFormatException)thrown;
    }

    static PcapReader read(final byte[] file) throws IOException
    {
        return PcapReader.open(new ByteArrayInputStream(file), "test.pcap");
    }
}
