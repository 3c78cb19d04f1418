package io.torii.dataplane.config;

import static io.torii.dataplane.config.SettingsErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SaFileReaderErrorTest
{
    private static final String KEY_20 = "0x0102030405060708090a0b0c0d0e0f1011121314";
    private static final String KEY_32 = "0x" + "ab".repeat(32);

    /**
     * @return a section named sa opening on line 1, the given lines on lines 2, 3, ...
     */
    private static String sa(final String... lines)
    {
        return "sa {\n" + String.join("\n", lines) + "\n}\n";
    }

    /**
     * @return the lines of a valid ESP SA (lines 2 to 6 of its section) followed by extra ones (line 7 on).
     */
    private static List<String> esp(final String... extra)
    {
        final List<String> lines = new ArrayList<>(List.of(
            "spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2", "proposal = aes128gcm16", "enc_key = " + KEY_20));
        lines.addAll(List.of(extra));
        return lines;
    }

    private static String espWith(final String... extra)
    {
        return sa(esp(extra).toArray(String[]::new));
    }

    static Stream<Arguments> badSas()
    {
        return Stream.of(
            Arguments.of("bad hex", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2", "proposal = aes128gcm16",
                "enc_key = 0x01020304050607zz090a0b0c0d0e0f1011121314"), 6, "enc_key: character 17 is not a hex digit"),
            Arguments.of("odd hex", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2", "proposal = aes128gcm16",
                "enc_key = 0x0102030405060708090a0b0c0d0e0f101112131"), 6, "odd number of hex digits"),
            Arguments.of("key without 0x", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes128gcm16", "enc_key = 0102030405060708090a0b0c0d0e0f1011121314"), 6, "expected 0x"),
            Arguments.of("short key", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes128gcm16", "enc_key = 0x0102030405060708090a0b0c0d0e0f10"), 6,
                "enc_key: aes128gcm16 needs a 20-byte enc_key (16-byte key then 4-byte salt), got 16"),
            Arguments.of("short integ_key", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes128-sha256", "enc_key = 0x" + "11".repeat(16), "integ_key = 0x0102"), 7,
                "integ_key: sha256 needs a 32-byte integ_key, got 2"),
            Arguments.of("AH with encap", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2", "protocol = ah",
                "encap = yes", "proposal = sha256", "integ_key = " + KEY_32), 6, "AH cannot be UDP-encapsulated"),
            Arguments.of("3des", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = 3des-sha256", "enc_key = " + KEY_20), 5, "3des is refused"),
            Arguments.of("AH proposal with encryption", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "protocol = ah", "proposal = aes128gcm16"), 6, "AH has no encryption"),
            Arguments.of("host name src", sa("spi = 0x1000", "src = gw.example.org", "dst = 192.0.2.2",
                "proposal = aes128gcm16", "enc_key = " + KEY_20), 3, "src: 'gw.example.org' is not an IPv4 or IPv6"),
            Arguments.of("host name dst", sa("spi = 0x1000", "src = 192.0.2.1", "dst = localhost",
                "proposal = aes128gcm16", "enc_key = " + KEY_20), 4, "host names are not accepted"),
            Arguments.of("mixed families", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 2001:db8::2",
                "proposal = aes128gcm16", "enc_key = " + KEY_20), 4, "different families"),
            Arguments.of("IPv4-mapped", sa("spi = 0x1000", "src = ::ffff:192.0.2.1", "dst = 2001:db8::2",
                "proposal = aes128gcm16", "enc_key = " + KEY_20), 3, "IPv4-mapped"),
            Arguments.of("unknown key", espWith("lifetime = 3600"), 7,
                "unknown key 'lifetime' in SA 'sa'; expected one of spi, src, dst, protocol, mode, encap, sport, " +
                "dport, proposal, enc_key, integ_key, esn, seq, replay_window, tfc_pad"),
            Arguments.of("missing keys", sa("src = 192.0.2.1", "proposal = aes128gcm16", "enc_key = " + KEY_20), 1,
                "SA 'sa' needs spi, dst (they are missing or empty)"),
            Arguments.of("empty required key", sa("spi =", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes128gcm16", "enc_key = " + KEY_20), 1, "needs spi (it is missing or empty)"),
            Arguments.of("missing enc_key", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes128gcm16"), 1, "SA 'sa': aes128gcm16 needs a 20-byte enc_key"),
            Arguments.of("missing integ_key", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes256-sha256", "enc_key = " + KEY_32), 1, "SA 'sa': sha256 needs a 32-byte integ_key"),
            Arguments.of("integ_key with AEAD", espWith("integ_key = " + KEY_32), 7,
                "aes128gcm16 authenticates by itself and takes no integ_key"),
            Arguments.of("enc_key with AH", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "protocol = ah", "proposal = sha256", "integ_key = " + KEY_32, "enc_key = " + KEY_20), 8,
                "AH encrypts nothing and takes no enc_key"),
            Arguments.of("enc_key with null", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = null-sha256", "integ_key = " + KEY_32, "enc_key = " + KEY_20), 7,
                "null encryption takes no enc_key"),
            Arguments.of("esn conflict", sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes128gcm16-esn", "enc_key = " + KEY_20, "esn = no"), 7,
                "esn: 'no' contradicts proposal 'aes128gcm16-esn' (sa.conf:5)"),
            Arguments.of("spi above 32 bits", sa("spi = 0x100000000", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes128gcm16", "enc_key = " + KEY_20), 2, "spi: '0x100000000' is above 4294967295"),
            Arguments.of("spi not a number", sa("spi = one", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes128gcm16", "enc_key = " + KEY_20), 2, "spi: expected a decimal number"),
            Arguments.of("reserved spi", sa("spi = 255", "src = 192.0.2.1", "dst = 192.0.2.2",
                "proposal = aes128gcm16", "enc_key = " + KEY_20), 1, "sa: SPI 0xff is reserved"),
            Arguments.of("seq needs esn", espWith("seq = 0x100000000"), 7, "seq: '0x100000000' is above 2^32-1"),
            Arguments.of("replay window too big", espWith("replay_window = 2000000"), 7,
                "replay_window: '2000000' is above 1048576"),
            Arguments.of("tfc_pad too big", espWith("tfc_pad = 70000"), 7, "tfc_pad: '70000' is above 65535"),
            Arguments.of("port without encap", espWith("sport = 4501"), 7, "UDP ports apply only with encap = yes"),
            Arguments.of("port 0", espWith("encap = yes", "dport = 0"), 8, "expected a UDP port 1 to 65535"),
            Arguments.of("port too big", espWith("encap = yes", "dport = 65536"), 8, "is above 65535"),
            Arguments.of("bad boolean", espWith("encap = maybe"), 7, "encap: expected yes or no"),
            Arguments.of("bad protocol", espWith("protocol = gre"), 7, "protocol: expected esp or ah, found 'gre'"),
            Arguments.of("bad mode", espWith("mode = beet"), 7, "mode: expected tunnel or transport"),
            Arguments.of("nested section", espWith("sub {", "}"), 7, "unexpected section 'sub' in SA 'sa'"),
            Arguments.of("inheritance", espWith().replace("sa {", "sa : base {") + "base { }\n", 1,
                "SA 'sa' inherits from [base]"),
            Arguments.of("key outside a section", "spi = 0x1000\n" + espWith(), 1,
                "'spi' is outside any SA section"),
            Arguments.of("syntax error", sa("spi 0x1000"), 2, "expected '=' or '{' after 'spi'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSas")
    void reportsFileAndLine(final String name, final String text, final int line, final String fragment)
    {
        assertError(() -> SaFileReader.read(text, "sa.conf"), "sa.conf", line, fragment);
    }

    @Test
    void neverEchoesKeyMaterial()
    {
        final String secret = "0x01020304050607zz090a0b0c0d0e0f1011121314";
        final SettingsException error = assertError(() -> SaFileReader.read(
            sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2", "proposal = aes128gcm16", "enc_key = " + secret),
            "sa.conf"), "sa.conf", 6, "enc_key");

        assertThat(error.getMessage()).doesNotContain(secret).doesNotContain("0102030405");
    }

    @Test
    void keepsTheCauseOfWrappedErrors()
    {
        assertThat(assertError(() -> SaFileReader.read(sa("spi = 0x1000", "src = 192.0.2.1", "dst = 192.0.2.2",
            "proposal = 3des-sha256", "enc_key = " + KEY_20), "sa.conf"), "sa.conf", 5, "3des").getCause())
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(assertError(() -> SaFileReader.read(sa("spi = 1", "src = 192.0.2.1", "dst = 192.0.2.2",
            "proposal = aes128gcm16", "enc_key = " + KEY_20), "sa.conf"), "sa.conf", 1, "reserved").getCause())
            .isInstanceOf(IllegalArgumentException.class);
    }
}
