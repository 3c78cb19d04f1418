package io.torii.dataplane.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LinkLayerTest
{
    private static final int ARP = 0x0806;
    private static final int VLAN = LinkLayer.ETHERTYPE_VLAN;
    private static final int QINQ = LinkLayer.ETHERTYPE_QINQ;
    private static final int V4 = LinkLayer.ETHERTYPE_IPV4;
    private static final int V6 = LinkLayer.ETHERTYPE_IPV6;

    static Stream<Arguments> frames()
    {
        final byte[] v4 = TestFrames.ipv4(10);
        final byte[] v6 = TestFrames.ipv6(10);
        return Stream.of(
            Arguments.of("Ethernet IPv4", LinkType.ETHERNET, TestFrames.ethernet(v4, V4), IpStatus.IPV4, 14, 30),
            Arguments.of("Ethernet IPv6", LinkType.ETHERNET, TestFrames.ethernet(v6, V6), IpStatus.IPV6, 14, 50),
            Arguments.of("802.1Q", LinkType.ETHERNET, TestFrames.ethernet(v4, VLAN, V4), IpStatus.IPV4, 18, 30),
            Arguments.of("802.1ad over 802.1Q", LinkType.ETHERNET, TestFrames.ethernet(v6, QINQ, VLAN, V6),
                IpStatus.IPV6, 22, 50),
            Arguments.of("three stacked tags", LinkType.ETHERNET, TestFrames.ethernet(v4, QINQ, VLAN, VLAN, V4),
                IpStatus.IPV4, 26, 30),
            Arguments.of("ARP", LinkType.ETHERNET, TestFrames.ethernet(TestFrames.arp(), ARP), IpStatus.NOT_IP, -1, 0),
            Arguments.of("ARP in a VLAN", LinkType.ETHERNET, TestFrames.ethernet(TestFrames.arp(), VLAN, ARP),
                IpStatus.NOT_IP, -1, 0),
            Arguments.of("padded to 60 bytes", LinkType.ETHERNET,
                Arrays.copyOf(TestFrames.ethernet(TestFrames.ipv4(6), V4), 60), IpStatus.IPV4, 14, 26),
            Arguments.of("with a 4-byte FCS", LinkType.ETHERNET,
                Arrays.copyOf(TestFrames.ethernet(v6, V6), 14 + 50 + 4), IpStatus.IPV6, 14, 50),
            Arguments.of("IPv4 length field too big", LinkType.ETHERNET,
                TestFrames.ethernet(withShort(v4, 2, 1000), V4), IpStatus.IPV4, 14, 30),
            Arguments.of("IPv4 length field below a header", LinkType.ETHERNET,
                TestFrames.ethernet(withShort(v4, 2, 12), V4), IpStatus.IPV4, 14, 30),
            Arguments.of("IPv6 jumbogram length 0", LinkType.ETHERNET,
                TestFrames.ethernet(withShort(v6, 4, 0), V6), IpStatus.IPV6, 14, 50),
            Arguments.of("header only", LinkType.ETHERNET, TestFrames.ethernet(new byte[0], V4),
                IpStatus.SHORT_LINK_HEADER, -1, 0),
            Arguments.of("shorter than a header", LinkType.ETHERNET, new byte[13], IpStatus.SHORT_LINK_HEADER, -1, 0),
            Arguments.of("ends inside a tag", LinkType.ETHERNET,
                Arrays.copyOf(TestFrames.ethernet(v4, VLAN, V4), 17), IpStatus.SHORT_LINK_HEADER, -1, 0),
            Arguments.of("raw IPv4", LinkType.RAW, v4, IpStatus.IPV4, 0, 30),
            Arguments.of("raw IPv6", LinkType.RAW, v6, IpStatus.IPV6, 0, 50),
            Arguments.of("raw version 5", LinkType.RAW, withByte(v4, 0, 0x55), IpStatus.NOT_IP, -1, 0),
            Arguments.of("raw empty", LinkType.RAW, new byte[0], IpStatus.SHORT_LINK_HEADER, -1, 0),
            Arguments.of("IPV4 link type", LinkType.IPV4, v4, IpStatus.IPV4, 0, 30),
            Arguments.of("IPv6 on the IPV4 link type", LinkType.IPV4, v6, IpStatus.NOT_IP, -1, 0),
            Arguments.of("IPV6 link type", LinkType.IPV6, v6, IpStatus.IPV6, 0, 50),
            Arguments.of("IPv4 on the IPV6 link type", LinkType.IPV6, v4, IpStatus.NOT_IP, -1, 0),
            Arguments.of("SLL IPv4", LinkType.LINUX_SLL, TestFrames.sll(v4, V4), IpStatus.IPV4, 16, 30),
            Arguments.of("SLL IPv6 in a VLAN", LinkType.LINUX_SLL,
                TestFrames.sll(TestFrames.concat(new byte[] {0, 7, (byte)0x86, (byte)0xDD}, v6), VLAN),
                IpStatus.IPV6, 20, 50),
            Arguments.of("SLL ARP", LinkType.LINUX_SLL, TestFrames.sll(TestFrames.arp(), ARP), IpStatus.NOT_IP, -1, 0),
            Arguments.of("SLL2 IPv6", LinkType.LINUX_SLL2, TestFrames.sll2(v6, V6), IpStatus.IPV6, 20, 50),
            Arguments.of("SLL2 IPv4", LinkType.LINUX_SLL2, TestFrames.sll2(v4, V4), IpStatus.IPV4, 20, 30),
            Arguments.of("SLL2 ARP", LinkType.LINUX_SLL2, TestFrames.sll2(TestFrames.arp(), ARP),
                IpStatus.NOT_IP, -1, 0),
            Arguments.of("unsupported link type", 105, v4, IpStatus.UNSUPPORTED_LINK_TYPE, -1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void findsTheIpPacket(
        final String name, final int linkType, final byte[] bytes, final IpStatus status, final int offset,
        final int length)
    {
        final PcapFrame frame = frame(linkType, bytes, bytes.length);

        LinkLayer.locateIp(frame);

        assertThat(frame.ipStatus()).isEqualTo(status);
        assertThat(frame.ipOffset()).isEqualTo(offset);
        assertThat(frame.ipLength()).isEqualTo(length);
        assertThat(frame.ipVersion()).isEqualTo(status == IpStatus.IPV4 ? 4 : status == IpStatus.IPV6 ? 6 : 0);
        assertThat(status.isIp()).isEqualTo(offset >= 0);
    }

    @Test
    void aFrameCutBySnapLengthIsTruncatedEvenIfItsHeadersAreWhole()
    {
        final byte[] bytes = TestFrames.ethernet(TestFrames.ipv4(100), V4);
        final PcapFrame frame = frame(LinkType.ETHERNET, bytes, bytes.length + 1);

        LinkLayer.locateIp(frame);

        assertThat(frame.ipStatus()).isEqualTo(IpStatus.TRUNCATED);
        assertThat(frame.ipOffset()).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0} to IPv{3}")
    @CsvSource({
        "ETHERNET,      1,   0, 6, 12",
        "ETHERNET,      1,   0, 4, 12",
        "ETHERNET VLAN, 1,   1, 6, 16",
        "ETHERNET QinQ, 1,   2, 4, 20",
        "SLL,           113, 0, 6, 14",
        "SLL VLAN,      113, 1, 6, 18",
        "SLL2,          276, 0, 6, 0",
        "SLL2 VLAN,     276, 1, 4, 22",
    })
    void setsTheLastEtherTypeForTheNewIpVersion(
        final String name, final int linkType, final int tags, final int version, final int typeOffset)
    {
        final int base = linkType == LinkType.ETHERNET ? 14 : linkType == LinkType.LINUX_SLL ? 16 : 20;
        final int headerLength = base + 4 * tags;
        final byte[] header = new byte[headerLength + 8];
        Arrays.fill(header, (byte)0xEE);
        final byte[] before = header.clone();

        LinkLayer.setIpVersion(linkType, header, headerLength, version);

        final int type = ((header[typeOffset] & 0xFF) << 8) | (header[typeOffset + 1] & 0xFF);
        assertThat(type).isEqualTo(version == 4 ? V4 : V6);
        header[typeOffset] = (byte)0xEE;
        header[typeOffset + 1] = (byte)0xEE;
        assertThat(header).as("nothing else changes").isEqualTo(before);
    }

    @Test
    void aRewrittenHeaderReadsBackAsTheNewVersion()
    {
        final byte[] original = TestFrames.ethernet(TestFrames.ipv4(0), QINQ, VLAN, V4);
        final PcapFrame frame = frame(LinkType.ETHERNET, original, original.length);
        LinkLayer.locateIp(frame);
        final byte[] header = Arrays.copyOf(frame.data(), frame.ipOffset());

        LinkLayer.setIpVersion(LinkType.ETHERNET, header, header.length, 6);
        final byte[] rewritten = TestFrames.concat(header, TestFrames.ipv6(0));
        final PcapFrame reread = frame(LinkType.ETHERNET, rewritten, rewritten.length);
        LinkLayer.locateIp(reread);

        assertThat(reread.ipStatus()).isEqualTo(IpStatus.IPV6);
        assertThat(reread.ipOffset()).isEqualTo(22);
    }

    @Test
    void headerlessLinkTypesNeedNothingSetButCarryOnlyTheirVersion()
    {
        final byte[] none = new byte[0];
        LinkLayer.setIpVersion(LinkType.RAW, none, 0, 4);
        LinkLayer.setIpVersion(LinkType.RAW, none, 0, 6);
        LinkLayer.setIpVersion(LinkType.IPV4, none, 0, 4);
        LinkLayer.setIpVersion(LinkType.IPV6, none, 0, 6);

        assertThatThrownBy(() -> LinkLayer.setIpVersion(LinkType.IPV4, none, 0, 6))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("IPV4 frames cannot carry IPv6; write the file with link type RAW (101) instead");
        assertThatThrownBy(() -> LinkLayer.setIpVersion(LinkType.IPV6, none, 0, 4))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("IPV6 frames cannot carry IPv4");
    }

    @ParameterizedTest(name = "link type {0}, header {1} of {2}, version {3}")
    @CsvSource({
        "1,   14, 14, 5, 'IP version must be 4 or 6, got 5'",
        "1,   13, 20, 4, 'ETHERNET headers are 14 bytes plus 4 per VLAN tag, within the array; got 13 of 20'",
        "1,   16, 20, 4, 'ETHERNET headers are 14 bytes plus 4 per VLAN tag, within the array; got 16 of 20'",
        "1,   18, 14, 4, 'ETHERNET headers are 14 bytes plus 4 per VLAN tag, within the array; got 18 of 14'",
        "113, 14, 20, 4, 'LINUX_SLL headers are 16 bytes plus 4 per VLAN tag, within the array; got 14 of 20'",
        "101, 4,  4,  4, RAW frames have no link header; got a 4-byte one",
        "228, 4,  4,  4, IPV4 frames have no link header; got a 4-byte one",
        "105, 0,  0,  4, cannot set the IP version in a header of link type 105",
    })
    void rejectsHeadersItCannotFix(
        final int linkType, final int headerLength, final int arrayLength, final int version, final String message)
    {
        assertThatThrownBy(() -> LinkLayer.setIpVersion(linkType, new byte[arrayLength], headerLength, version))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(message);
    }

    private static PcapFrame frame(final int linkType, final byte[] bytes, final int originalLength)
    {
        final PcapFrame frame = new PcapFrame();
        System.arraycopy(bytes, 0, frame.ensureCapacity(bytes.length), 0, bytes.length);
        frame.set(1, 0, linkType, 0, 0, bytes.length, originalLength);
        return frame;
    }

    private static byte[] withShort(final byte[] packet, final int at, final int value)
    {
        final byte[] copy = packet.clone();
        copy[at] = (byte)(value >>> 8);
        copy[at + 1] = (byte)value;
        return copy;
    }

    private static byte[] withByte(final byte[] packet, final int at, final int value)
    {
        final byte[] copy = packet.clone();
        copy[at] = (byte)value;
        return copy;
    }
}
