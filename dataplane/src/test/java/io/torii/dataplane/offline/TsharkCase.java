package io.torii.dataplane.offline;

import io.torii.dataplane.config.SaFileReader;
import io.torii.dataplane.crypto.Proposal;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.testing.Packets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * One SA of the tshark interop capture: its SA file section (read back through {@link SaFileReader},
 * so the keys tshark gets are the very text Torii was configured with), the cleartext packets it
 * protects and what tshark should then report.
 *
 * <p>Tunnel-mode cases alternate IPv4 and IPv6 inner packets; transport-mode cases carry UDP
 * between the SA's own addresses. Every cleartext UDP datagram has a valid checksum, so tshark's
 * checksum validation can be on for inner packets too.
 *
 * @param name the SA's section name.
 * @param sa the outbound SA as Torii reads it.
 * @param encryptionKeyHex the encryption key and salt in hex, empty when none.
 * @param integrityKeyHex the integrity key in hex, empty when none.
 * @param cleartext the packets handed to Torii, in order.
 */
record TsharkCase(String name, SaConfig sa, String encryptionKeyHex, String integrityKeyHex, List<byte[]> cleartext)
{
    /** Packets per SA: enough to see sequence numbers advance and padding vary. */
    static final int PACKETS = 3;

    /** Tunnel-mode inner addresses, written as tshark prints them. */
    static final String INNER_V4_SOURCE = "10.1.0.1";
    static final String INNER_V4_DESTINATION = "10.2.0.1";
    static final String INNER_V6_SOURCE = "fd00:1::1";
    static final String INNER_V6_DESTINATION = "fd00:2::1";

    /**
     * Writes an SA section for the case, reads it with {@link SaFileReader} and builds its packets.
     *
     * @param name the section name.
     * @param spi the SPI, distinct per case so one capture holds them all.
     * @param protocol ESP or AH.
     * @param proposal strongSwan keywords, such as {@code aes256-sha384} or {@code sha512} for AH.
     * @param mode tunnel or transport.
     * @param ipv6 whether the SA's addresses are IPv6.
     * @param encap ESP in UDP on port 4500.
     * @param esn extended sequence numbers.
     * @param lastSequence the SA file's {@code seq}: the first packet carries the next number.
     * @param seed for keys and payloads.
     * @return the case.
     */
    static TsharkCase of(
        final String name,
        final int spi,
        final IpsecProtocol protocol,
        final String proposal,
        final IpsecMode mode,
        final boolean ipv6,
        final boolean encap,
        final boolean esn,
        final long lastSequence,
        final long seed)
    {
        final Random random = new Random(seed);
        final StringBuilder text = new StringBuilder()
            .append(name).append(" {\n")
            .append("    spi = 0x").append(String.format("%08x", spi)).append('\n')
            .append("    src = ").append(outerSource(ipv6)).append('\n')
            .append("    dst = ").append(outerDestination(ipv6)).append('\n')
            .append("    protocol = ").append(protocol == IpsecProtocol.AH ? "ah" : "esp").append('\n')
            .append("    mode = ").append(mode == IpsecMode.TUNNEL ? "tunnel" : "transport").append('\n')
            .append("    encap = ").append(encap ? "yes" : "no").append('\n')
            .append("    proposal = ").append(proposal).append('\n')
            .append("    esn = ").append(esn ? "yes" : "no").append('\n')
            .append("    seq = 0x").append(Long.toHexString(lastSequence)).append('\n');
        final Proposal parsed = Proposal.parse(proposal, protocol == IpsecProtocol.AH);
        final String encryptionKey = randomHex(random, parsed.encryption().keyMaterialLength());
        final String integrityKey = randomHex(random, parsed.integrity().keyLength());
        if (!encryptionKey.isEmpty())
        {
            text.append("    enc_key = 0x").append(encryptionKey).append('\n');
        }
        if (!integrityKey.isEmpty())
        {
            text.append("    integ_key = 0x").append(integrityKey).append('\n');
        }
        text.append("}\n");
        final SaConfig sa = SaFileReader.read(text.toString(), name + ".conf").getFirst();

        final List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++)
        {
            // Lengths that differ per packet and per case, so the ESP padding takes many values.
            final int payloadLength = 1 + (int)((seed * 7 + i * 5) % 45);
            final boolean innerIpv6 = mode == IpsecMode.TUNNEL ? i % 2 == 1 : ipv6;
            final String source = mode == IpsecMode.TUNNEL ?
                (innerIpv6 ? INNER_V6_SOURCE : INNER_V4_SOURCE) : outerSource(ipv6);
            final String destination = mode == IpsecMode.TUNNEL ?
                (innerIpv6 ? INNER_V6_DESTINATION : INNER_V4_DESTINATION) : outerDestination(ipv6);
            packets.add(TsharkUdp.withChecksum(Packets.udp(source, destination, payloadLength, seed * 31 + i)));
        }
        return new TsharkCase(name, sa, encryptionKey, integrityKey, List.copyOf(packets));
    }

    /** @return the outer source address literal of every case of that family. */
    static String outerSource(final boolean ipv6)
    {
        return ipv6 ? "2001:db8::1" : "192.0.2.1";
    }

    /** @return the outer destination address literal of every case of that family. */
    static String outerDestination(final boolean ipv6)
    {
        return ipv6 ? "2001:db8::2" : "192.0.2.2";
    }

    /**
     * @param packet a packet index.
     * @return the sequence number Torii must give it: the 32 bits on the wire, also with ESN.
     */
    long wireSequence(final int packet)
    {
        return (sa.initialSequence() + 1 + packet) & 0xFFFF_FFFFL;
    }

    /** @return whether the cleartext packet {@code packet} is IPv6. */
    boolean innerIpv6(final int packet)
    {
        return (cleartext.get(packet)[0] & 0xF0) == 0x60;
    }

    /**
     * @param packet a packet index.
     * @return the protocol number ESP or AH must announce as next header (RFC 4303 §2.6, RFC 4302 §2.1).
     */
    int nextHeader(final int packet)
    {
        if (sa.mode() == IpsecMode.TRANSPORT)
        {
            return 17;
        }
        return innerIpv6(packet) ? 41 : 4;
    }

    /** @return the UDP payload of the cleartext packet, in hex as tshark prints {@code data.data}. */
    String payloadHex(final int packet)
    {
        final byte[] bytes = cleartext.get(packet);
        final int offset = TsharkUdp.headerLength(bytes) + TsharkUdp.UDP_HEADER_LENGTH;
        return HexFormat.of().formatHex(bytes, offset, bytes.length);
    }

    /** @return the SA's SPI as tshark prints {@code esp.spi} and {@code ah.spi}. */
    String spiText()
    {
        return String.format("0x%08x", sa.spi());
    }

    @Override
    public String toString()
    {
        return name;
    }

    private static String randomHex(final Random random, final int length)
    {
        final byte[] key = new byte[length];
        random.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
