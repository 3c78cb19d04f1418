package io.torii.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaFileReaderTest
{
    private static final String FULL_EXAMPLE = """
        sa-out {
          spi = 0x00001000
          src = 192.0.2.1           # outer source (tunnel mode) or host address (transport mode)
          dst = 192.0.2.2
          protocol = esp            # esp | ah
          mode = tunnel             # tunnel | transport
          encap = no                # yes: UDP encapsulation, ports 4500 unless sport/dport say otherwise
          proposal = aes128gcm16    # strongSwan keyword(s), e.g. aes256-sha256 or sha256 for AH
          enc_key = 0x0102030405060708090a0b0c0d0e0f1011121314
          esn = no
          seq = 0                   # last outbound sequence number sent: the next is 1
          replay_window = 64
        }
        """;

    @TempDir
    Path dir;

    /** @return n bytes counting up from first, as the file writes them: 0x then hex. */
    private static String hexKey(final int n, final int first)
    {
        return "0x" + HexFormat.of().formatHex(bytes(n, first));
    }

    private static byte[] bytes(final int n, final int first)
    {
        final byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++)
        {
            bytes[i] = (byte)(first + i);
        }
        return bytes;
    }

    private static SaConfig single(final String text)
    {
        final List<SaConfig> configs = SaFileReader.read(text, "sa.conf");
        assertThat(configs).hasSize(1);
        return configs.getFirst();
    }

    @Test
    void readsTheFullExample() throws IOException
    {
        final SaConfig sa = single(FULL_EXAMPLE);

        assertThat(sa.name()).isEqualTo("sa-out");
        assertThat(sa.spi()).isEqualTo(0x1000);
        assertThat(sa.source()).isEqualTo(InetAddress.getByName("192.0.2.1"));
        assertThat(sa.destination()).isEqualTo(InetAddress.getByName("192.0.2.2"));
        assertThat(sa.protocol()).isEqualTo(IpsecProtocol.ESP);
        assertThat(sa.mode()).isEqualTo(IpsecMode.TUNNEL);
        assertThat(sa.udpEncapsulation()).isFalse();
        assertThat(sa.encryption()).isEqualTo(EncryptionAlgorithm.AES_GCM_16_128);
        assertThat(sa.integrity()).isEqualTo(IntegrityAlgorithm.NONE);
        assertThat(sa.encryptionKey()).isEqualTo(bytes(20, 1));
        assertThat(sa.integrityKey()).isEmpty();
        assertThat(sa.esn()).isFalse();
        assertThat(sa.initialSequence()).isZero();
        assertThat(sa.replayWindow()).isEqualTo(64);
        assertThat(sa.tfcPadToLength()).isZero();
    }

    @Test
    void readsTheFullExampleFromAFile() throws IOException
    {
        final Path file = dir.resolve("sa.conf");
        Files.writeString(file, FULL_EXAMPLE);

        final List<SaConfig> configs = SaFileReader.read(file);

        assertThat(configs).extracting(SaConfig::name).containsExactly("sa-out");
    }

    @Test
    void appliesDefaults()
    {
        final SaConfig sa = single("""
            minimal {
                spi = 4096
                src = 198.51.100.1
                dst = 203.0.113.1
                proposal = aes256gcm16
                enc_key = %s
                mode =
            }
            """.formatted(hexKey(36, 0x40)));

        assertThat(sa.spi()).isEqualTo(4096);
        assertThat(sa.protocol()).isEqualTo(IpsecProtocol.ESP);
        assertThat(sa.mode()).isEqualTo(IpsecMode.TUNNEL);
        assertThat(sa.udpEncapsulation()).isFalse();
        assertThat(sa.encryption()).isEqualTo(EncryptionAlgorithm.AES_GCM_16_256);
        assertThat(sa.encryptionKey()).isEqualTo(bytes(36, 0x40));
        assertThat(sa.esn()).isFalse();
        assertThat(sa.initialSequence()).isZero();
        assertThat(sa.replayWindow()).isEqualTo(SaSectionReader.DEFAULT_REPLAY_WINDOW).isEqualTo(64);
        assertThat(sa.tfcPadToLength()).isZero();
    }

    @Test
    void readsIpv6TransportWithSeparateIntegrityAndEsnFromTheProposal() throws IOException
    {
        final String colonKey = HexFormat.ofDelimiter(":").formatHex(bytes(32, 0x80));
        final SaConfig sa = single("""
            v6 {
                spi = 0xC0000001
                src = 2001:db8::1
                dst = 2001:DB8:0:0:0:0:0:2
                mode = transport
                proposal = aes256-sha256-esn-modp2048
                enc_key = %s
                integ_key = %s
                seq = 0x100000000
                replay_window = 0
                tfc_pad = 1280
            }
            """.formatted(hexKey(32, 0x10), colonKey));

        assertThat(sa.isIpv6()).isTrue();
        assertThat(sa.spi()).isEqualTo(0xC000_0001);
        assertThat(sa.destination()).isEqualTo(InetAddress.getByName("2001:db8::2"));
        assertThat(sa.mode()).isEqualTo(IpsecMode.TRANSPORT);
        assertThat(sa.encryption()).isEqualTo(EncryptionAlgorithm.AES_CBC_256);
        assertThat(sa.integrity()).isEqualTo(IntegrityAlgorithm.HMAC_SHA2_256_128);
        assertThat(sa.encryptionKey()).isEqualTo(bytes(32, 0x10));
        assertThat(sa.integrityKey()).isEqualTo(bytes(32, 0x80));
        assertThat(sa.esn()).isTrue();
        assertThat(sa.initialSequence()).isEqualTo(0x1_0000_0000L);
        assertThat(sa.replayWindow()).isZero();
        assertThat(sa.tfcPadToLength()).isEqualTo(1280);
    }

    @Test
    void readsAh()
    {
        final SaConfig sa = single("""
            ah-in {
                spi = 0x2000
                src = 192.0.2.2
                dst = 192.0.2.1
                protocol = AH
                proposal = sha384
                integ_key = %s
                esn = yes
            }
            """.formatted(hexKey(48, 0xA0)));

        assertThat(sa.protocol()).isEqualTo(IpsecProtocol.AH);
        assertThat(sa.encryption()).isEqualTo(EncryptionAlgorithm.NULL);
        assertThat(sa.integrity()).isEqualTo(IntegrityAlgorithm.HMAC_SHA2_384_192);
        assertThat(sa.encryptionKey()).isEmpty();
        assertThat(sa.integrityKey()).isEqualTo(bytes(48, 0xA0));
        assertThat(sa.esn()).isTrue();
    }

    @Test
    void readsNullEncryptionWithIntegrity()
    {
        final SaConfig sa = single("""
            debug { spi = 0x3000
                src = 192.0.2.1
                dst = 192.0.2.2
                proposal = null-sha512
                integ_key = "%s"
            }
            """.formatted(hexKey(64, 0)));

        assertThat(sa.encryption()).isEqualTo(EncryptionAlgorithm.NULL);
        assertThat(sa.integrity()).isEqualTo(IntegrityAlgorithm.HMAC_SHA2_512_256);
        assertThat(sa.integrityKey()).isEqualTo(bytes(64, 0));
    }

    @Test
    void encapsulatesOnPort4500ByDefault()
    {
        final SaConfig sa = single("""
            nat { spi = 0x1001
                src = 192.0.2.1
                dst = 192.0.2.2
                encap = yes
                proposal = chacha20poly1305
                enc_key = %s
            }
            """.formatted(hexKey(36, 7)));

        assertThat(sa.udpEncapsulation()).isTrue();
        assertThat(sa.sourcePort()).isEqualTo(SaConfig.NAT_T_PORT);
        assertThat(sa.destinationPort()).isEqualTo(4500);
        assertThat(sa.encryption()).isEqualTo(EncryptionAlgorithm.CHACHA20_POLY1305);
    }

    @Test
    void takesEncapsulationPorts()
    {
        final SaConfig sa = single("""
            nat { spi = 0x1001
                src = 192.0.2.1
                dst = 192.0.2.2
                encap = true
                sport = 4501
                dport = 0x1F90
                proposal = aes128gcm16
                enc_key = %s
            }
            """.formatted(hexKey(20, 1)));

        assertThat(sa.sourcePort()).isEqualTo(4501);
        assertThat(sa.destinationPort()).isEqualTo(8080);
    }

    @ParameterizedTest(name = "encap = {0}")
    @CsvSource({ "yes, true", "no, false", "true, true", "false, false", "1, true", "0, false",
        "enabled, true", "disabled, false", "YES, true" })
    void readsStrongSwanBooleans(final String text, final boolean expected)
    {
        final SaConfig sa = single("""
            b { spi = 0x1001
                src = 192.0.2.1
                dst = 192.0.2.2
                encap = %s
                proposal = aes128gcm16
                enc_key = %s
            }
            """.formatted(text, hexKey(20, 1)));

        assertThat(sa.udpEncapsulation()).isEqualTo(expected);
    }

    @Test
    void keepsTheOrderOfSeveralSas()
    {
        final String body = """
                src = 192.0.2.1
                dst = 192.0.2.2
                proposal = aes128gcm16-esn
                esn = yes
                enc_key = %s
            }
            """.formatted(hexKey(20, 1));
        final List<SaConfig> configs = SaFileReader.read(
            "zz-out {\n    spi = 0xffffffff\n" + body + "aa-in {\n    spi = 256\n" + body, "sa.conf");

        assertThat(configs).extracting(SaConfig::name).containsExactly("zz-out", "aa-in");
        assertThat(configs).extracting(SaConfig::spi).containsExactly(-1, 256);
        assertThat(configs).extracting(SaConfig::esn).containsExactly(true, true);
    }

    @Test
    void readsAnEmptyFileAsNoSas()
    {
        assertThat(SaFileReader.read("# nothing yet\n", "sa.conf")).isEmpty();
    }
}
