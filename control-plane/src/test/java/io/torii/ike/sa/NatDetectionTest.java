package io.torii.ike.sa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.23 NAT detection hashes, checked against SHA-1 over the bytes the RFC lists. */
class NatDetectionTest
{
    private static InetSocketAddress at(final String address, final int port) throws Exception
    {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }

    @Test
    void theHashIsSha1OverSpisAddressAndPort() throws Exception
    {
        final byte[] expected = MessageDigest.getInstance("SHA-1").digest(HexFormat.of().parseHex(
            "0011223344556677" + "0000000000000000" + "c0000201" + "01f4"));
        assertThat(NatDetection.hash(0x0011_2233_4455_6677L, 0, at("192.0.2.1", 500))).isEqualTo(expected);

        final byte[] v6 = MessageDigest.getInstance("SHA-1").digest(HexFormat.of().parseHex(
            "0011223344556677" + "8899aabbccddeeff" + "20010db8000000000000000000000001" + "1194"));
        assertThat(NatDetection.hash(0x0011_2233_4455_6677L, 0x8899_aabb_ccdd_eeffL, at("2001:db8::1", 4500)))
            .isEqualTo(v6);
    }

    @Test
    void anEndIsTranslatedWhenNoPeerHashMatchesIt() throws Exception
    {
        final byte[] seen = NatDetection.hash(1, 0, at("198.51.100.2", 500));
        final byte[] other = NatDetection.hash(1, 0, at("198.51.100.3", 500));
        assertThat(NatDetection.translated(1, 0, at("198.51.100.2", 500), List.of(other, seen))).isFalse();
        assertThat(NatDetection.translated(1, 0, at("198.51.100.2", 1024), List.of(seen))).as("port changed")
            .isTrue();
        assertThat(NatDetection.translated(1, 0, at("198.51.100.2", 500), List.of())).isTrue();
    }
}
