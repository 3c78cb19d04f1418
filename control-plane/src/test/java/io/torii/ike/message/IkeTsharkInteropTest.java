package io.torii.ike.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.pcap.LinkType;
import io.torii.dataplane.pcap.PcapWriter;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's dissector, written by others, reads what the encoder writes: an IKE_SA_INIT request
 * and response and an INFORMATIONAL with SK, as IPv4/UDP port 500 datagrams in a pcap.
 */
@InteropTest
class IkeTsharkInteropTest
{
    private static final int IPV4_HEADER_LENGTH = 20;
    private static final int UDP_HEADER_LENGTH = 8;
    private static final int IKE_PORT = 500;

    @TempDir
    Path directory;

    @Test
    void tsharkDissectsEncodedMessagesWithoutErrors() throws IOException
    {
        final Path pcap = directory.resolve("ike.pcap");
        final List<byte[]> messages = List.of(
            IkeMessageEncoder.encode(SampleMessages.ikeSaInitRequest(), null),
            IkeMessageEncoder.encode(SampleMessages.ikeSaInitResponse(), null),
            IkeMessageEncoder.encode(SampleMessages.informationalDelete(), new XorChecksumCipher(16, 16, (byte)7)));
        try (PcapWriter writer = PcapWriter.open(pcap, LinkType.IPV4))
        {
            long time = 1_700_000_000_000_000_000L;
            boolean fromInitiator = true;
            for (final byte[] message : messages)
            {
                final byte[] datagram = udp(message, fromInitiator);
                writer.write(time, datagram, 0, datagram.length);
                time += 1_000_000L;
                fromInitiator = !fromInitiator;
            }
        }

        final String output = Commands.check("tshark", "-r", pcap.toString(), "-V");

        assertThat(output)
            .doesNotContainIgnoringCase("malformed")
            .doesNotContain("[Severity level: Error]")
            .contains("Internet Security Association and Key Management Protocol")
            .contains("Initiator SPI: 0102030405060708")
            .contains("Responder SPI: 1112131415161718")
            .contains("Version: 2.0")
            .contains("Exchange type: IKE_SA_INIT (34)")
            .contains("Exchange type: INFORMATIONAL (37)")
            .contains("Payload: Security Association (33)")
            .contains("Payload: Key Exchange (34)")
            .contains("Payload: Nonce (40)")
            .contains("Payload: Notify (41)")
            .contains("Payload: Encrypted and Authenticated (46)")
            .contains("Next payload: Delete (42)")
            .contains("Transform ID (D-H): Curve25519 (31)")
            .contains("Key Length: 256")
            .contains("Notify Message Type: NAT_DETECTION_SOURCE_IP (16388)")
            .contains("Notify Message Type: IKEV2_FRAGMENTATION_SUPPORTED (16430)");
        assertThat(output.split("Internet Security Association and Key Management Protocol", -1)).hasSize(4);
    }

    /** Wraps an IKE message in UDP 500 to 500 and IPv4 between 192.0.2.1 and 192.0.2.2. */
    private static byte[] udp(final byte[] ike, final boolean fromInitiator)
    {
        final int total = IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH + ike.length;
        final byte[] packet = new byte[total];
        final UnsafeBuffer buffer = new UnsafeBuffer(packet);
        buffer.putByte(0, (byte)0x45);
        buffer.putShort(2, (short)total, ByteOrder.BIG_ENDIAN);
        buffer.putByte(8, (byte)64);
        buffer.putByte(9, (byte)17);
        final int initiator = 0xC0000201;
        final int responder = 0xC0000202;
        buffer.putInt(12, fromInitiator ? initiator : responder, ByteOrder.BIG_ENDIAN);
        buffer.putInt(16, fromInitiator ? responder : initiator, ByteOrder.BIG_ENDIAN);
        buffer.putShort(10, (short)ipv4Checksum(packet), ByteOrder.BIG_ENDIAN);
        buffer.putShort(IPV4_HEADER_LENGTH, (short)IKE_PORT, ByteOrder.BIG_ENDIAN);
        buffer.putShort(IPV4_HEADER_LENGTH + 2, (short)IKE_PORT, ByteOrder.BIG_ENDIAN);
        // UDP checksum 0: none, which IPv4 allows (RFC 768).
        buffer.putShort(IPV4_HEADER_LENGTH + 4, (short)(UDP_HEADER_LENGTH + ike.length), ByteOrder.BIG_ENDIAN);
        buffer.putBytes(IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH, ike);
        return packet;
    }

    private static int ipv4Checksum(final byte[] packet)
    {
        int sum = 0;
        for (int i = 0; i < IPV4_HEADER_LENGTH; i += 2)
        {
            sum += (packet[i] & 0xFF) << 8 | packet[i + 1] & 0xFF;
        }
        while (sum >>> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
