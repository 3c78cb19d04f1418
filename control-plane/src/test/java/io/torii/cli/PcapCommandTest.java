package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.pcap.LinkType;
import io.torii.dataplane.pcap.PcapFrame;
import io.torii.dataplane.pcap.PcapReader;
import io.torii.dataplane.pcap.PcapWriter;
import io.torii.dataplane.testing.Packets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torii pcap} as a user runs it: an SA file, an Ethernet capture in, a capture out, counts printed.
 */
class PcapCommandTest
{
    private static final String SAS = """
        # one SA each way, as a lab would write them
        sa-out {
          spi = 0x00001000
          src = 192.0.2.1
          dst = 192.0.2.2
          proposal = aes256gcm16
          enc_key = 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f01020304
        }
        """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int torii(final String... args)
    {
        return new ToriiMain().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void encryptsAnEthernetCaptureAndDecryptsItBackKeepingNonIpFrames() throws Exception
    {
        final Path saFile = Files.writeString(dir.resolve("lab.sas"), SAS);
        final Path clear = dir.resolve("clear.pcap");
        final List<byte[]> packets = List.of(Packets.udp("10.1.0.1", "10.2.0.1", 10, 1),
            Packets.udp("fd00::1", "fd00::2", 500, 2));
        final byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        try (PcapWriter writer = PcapWriter.open(clear, LinkType.ETHERNET))
        {
            for (final byte[] packet : packets)
            {
                final byte[] header = new byte[14];
                header[12] = (byte)(packet[0] >> 4 == 6 ? 0x86 : 0x08);
                header[13] = (byte)(packet[0] >> 4 == 6 ? 0xDD : 0x00);
                writer.write(1_000_000_000L, header, 14, packet, 0, packet.length);
            }
            writer.write(2_000_000_000L, arp, 0, arp.length);
        }

        assertThat(torii("pcap", "encrypt", "--sa", saFile.toString(), clear.toString(),
            dir.resolve("esp.pcap").toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("3 frames read, 3 written")
            .containsPattern("ok +2").contains("not IP").contains("SA sa-out (spi 0x00001000): ok 2");
        final List<byte[]> esp = ipPackets(dir.resolve("esp.pcap"));
        assertThat(esp).hasSize(2).allSatisfy(packet -> assertThat(packet[9]).as("protocol ESP").isEqualTo((byte)50));

        final Path inbound = Files.writeString(dir.resolve("in.sas"), SAS.replace("sa-out", "sa-in"));
        out.reset();
        assertThat(torii("pcap", "decrypt", "--sa", inbound.toString(), dir.resolve("esp.pcap").toString(),
            dir.resolve("back.pcap").toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("ok +2");
        final List<byte[]> back = ipPackets(dir.resolve("back.pcap"));
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).isEqualTo(packets.get(0));
        assertThat(back.get(1)).isEqualTo(packets.get(1));
    }

    @Test
    void aBadSaFileIsAnErrorNamingFileLineAndWhatWasExpected() throws Exception
    {
        final Path saFile = Files.writeString(dir.resolve("bad.sas"), SAS.replace("aes256gcm16", "3des-md5"));
        final Path clear = dir.resolve("clear.pcap");
        try (PcapWriter writer = PcapWriter.open(clear, LinkType.RAW))
        {
            writer.flush();
        }

        assertThat(torii("pcap", "encrypt", "--sa", saFile.toString(), clear.toString(),
            dir.resolve("out.pcap").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.sas:6").contains("3des")
            .contains("RFC 8221");
    }

    @Test
    void theEngineCanBeChosenAndAnUnknownOneIsRefused() throws Exception
    {
        final Path saFile = Files.writeString(dir.resolve("lab.sas"), SAS);
        final Path clear = dir.resolve("clear.pcap");
        final byte[] packet = Packets.udp("10.1.0.1", "10.2.0.1", 100, 3);
        try (PcapWriter writer = PcapWriter.open(clear, LinkType.RAW))
        {
            writer.write(1_000_000_000L, packet, 0, packet.length);
        }

        assertThat(torii("pcap", "encrypt", "--sa", saFile.toString(), "--engine", "jdk", clear.toString(),
            dir.resolve("jdk.pcap").toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("with the jdk engine").containsPattern("ok +1");

        assertThat(torii("pcap", "encrypt", "--sa", saFile.toString(), "--engine", "rot13", clear.toString(),
            dir.resolve("x.pcap").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown crypto engine 'rot13'");
    }

    @Test
    void usageErrorsSayHowToCallIt()
    {
        assertThat(torii("pcap", "encrypt", "in.pcap")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: torii pcap encrypt|decrypt --sa FILE");
    }

    @Test
    void aMissingInputIsNamed() throws Exception
    {
        final Path saFile = Files.writeString(dir.resolve("lab.sas"), SAS);

        assertThat(torii("pcap", "decrypt", "--sa", saFile.toString(), dir.resolve("nope.pcap").toString(),
            dir.resolve("out.pcap").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.pcap");
    }

    private static List<byte[]> ipPackets(final Path file) throws Exception
    {
        final List<byte[]> packets = new ArrayList<>();
        try (PcapReader reader = PcapReader.open(file))
        {
            final PcapFrame frame = new PcapFrame();
            while (reader.next(frame))
            {
                if (frame.ipStatus().isIp())
                {
                    packets.add(Arrays.copyOfRange(frame.data(), frame.ipOffset(), frame.ipOffset() + frame.ipLength()));
                }
            }
        }
        return packets;
    }
}
