package io.torii.dataplane.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.testing.InteropTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the writer and reader against Wireshark's own: tshark must dissect what {@link PcapWriter}
 * writes, and {@link PcapReader} must read what tshark writes in each of its capture formats.
 * Skipped where tshark is not installed.
 */
@InteropTest
class PcapTsharkInteropTest
{
    private static final long T0 = 1_700_000_000_123_456_789L;
    private static final long[] TIMESTAMPS = {T0, T0 + 1_001, T0 + 2_000_000_000L};

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTshark()
    {
        assumeTrue(onPath("tshark"), "tshark is not installed");
    }

    @Test
    void tsharkDissectsWhatTheWriterWrites() throws IOException, InterruptedException
    {
        final Path ours = writeSample();

        final List<String> lines = tshark("-r", ours.toString(), "-T", "fields", "-E", "separator=,",
            "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.protocols");

        final List<byte[]> frames = sampleFrames();
        assertThat(lines).hasSize(frames.size());
        assertThat(lines.get(0)).startsWith("1700000000.123456789," + frames.get(0).length + ",eth:ethertype:ip:udp");
        assertThat(lines.get(1))
            .startsWith("1700000000.123457790," + frames.get(1).length + ",eth:ethertype:vlan:ethertype:ipv6:udp");
        assertThat(lines.get(2)).startsWith("1700000002.123456789," + frames.get(2).length + ",eth:ethertype:arp");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "pcapng,   PCAPNG, 1",
        "nsecpcap, PCAP,   1",
        "pcap,     PCAP,   1000",
    })
    void readsWhatTsharkWrites(final String tsharkFormat, final CaptureFormat format, final long resolutionNanos)
        throws IOException, InterruptedException
    {
        final Path ours = writeSample();
        final Path theirs = dir.resolve("theirs." + tsharkFormat);
        tshark("-r", ours.toString(), "-F", tsharkFormat, "-w", theirs.toString());

        final List<byte[]> frames = sampleFrames();
        final IpStatus[] statuses = {IpStatus.IPV4, IpStatus.IPV6, IpStatus.NOT_IP};
        final int[] ipOffsets = {14, 18, -1};
        try (PcapReader reader = PcapReader.open(theirs))
        {
            assertThat(reader.format()).isEqualTo(format);
            final PcapFrame frame = new PcapFrame();
            for (int i = 0; i < frames.size(); i++)
            {
                assertThat(reader.next(frame)).isTrue();
                assertThat(frame.linkType()).isEqualTo(LinkType.ETHERNET);
                assertThat(frame.timestampNanos()).isEqualTo(TIMESTAMPS[i] / resolutionNanos * resolutionNanos);
                assertThat(Arrays.copyOf(frame.data(), frame.capturedLength())).isEqualTo(frames.get(i));
                assertThat(frame.originalLength()).isEqualTo(frames.get(i).length);
                assertThat(frame.ipStatus()).isEqualTo(statuses[i]);
                assertThat(frame.ipOffset()).isEqualTo(ipOffsets[i]);
            }
            assertThat(reader.next(frame)).isFalse();
        }
    }

    private Path writeSample() throws IOException
    {
        final Path file = dir.resolve("ours.pcap");
        final List<byte[]> frames = sampleFrames();
        try (PcapWriter writer = PcapWriter.open(file, LinkType.ETHERNET, TimestampResolution.NANOSECONDS))
        {
            for (int i = 0; i < frames.size(); i++)
            {
                writer.write(TIMESTAMPS[i], frames.get(i), 0, frames.get(i).length);
            }
        }
        return file;
    }

    private static List<byte[]> sampleFrames()
    {
        return List.of(
            TestFrames.ethernet(udp(TestFrames.ipv4(8), 20), LinkLayer.ETHERTYPE_IPV4),
            TestFrames.ethernet(udp(TestFrames.ipv6(12), 40), LinkLayer.ETHERTYPE_VLAN, LinkLayer.ETHERTYPE_IPV6),
            TestFrames.ethernet(TestFrames.arp(), 0x0806));
    }

    /** Writes a UDP header (ports 5000 to 5001, checksum 0) over the payload at {@code offset}. */
    private static byte[] udp(final byte[] packet, final int offset)
    {
        final int length = packet.length - offset;
        final byte[] header = {0x13, (byte)0x88, 0x13, (byte)0x89, (byte)(length >>> 8), (byte)length, 0, 0};
        System.arraycopy(header, 0, packet, offset, header.length);
        return packet;
    }

    private List<String> tshark(final String... arguments) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add("tshark");
        command.addAll(List.of(arguments));
        final Path errors = dir.resolve("tshark.err");
        final Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, Files.readString(errors)).isZero();
        return output.lines().toList();
    }

    private static boolean onPath(final String program)
    {
        final String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
