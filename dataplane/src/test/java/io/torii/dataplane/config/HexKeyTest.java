package io.torii.dataplane.config;

import static io.torii.dataplane.config.SettingsErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HexKeyTest
{
    private static SettingsValue value(final String text)
    {
        return new SettingsValue("enc_key", text, new SettingsLocation("k.conf", 9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0x0102ff, 0102ff",
        "0X0A0b, 0a0b",
        "0x01:02:03, 010203",
        "01:02:03, 010203",
        "AB:cd, abcd",
        "0x00000000000000000000000000000000, 00000000000000000000000000000000" })
    void parsesHexKeys(final String text, final String expected)
    {
        assertThat(HexKey.parse(value(text))).isEqualTo(HexFormat.of().parseHex(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0102cafe        | expected 0x and hex digits",
        "0x012           | odd number of hex digits (3)",
        "0x01zz          | character 5 is not a hex digit",
        "0x01 02         | character 5 is not a hex digit",
        "0x              | no hex digits",
        "1:02            | character 2: colon-separated hex needs two digits per byte",
        "0x:01           | character 3: colon-separated hex needs two digits per byte",
        "01:02:          | also in the last byte",
        "01:002          | also in the last byte" })
    void refusesBadHexWithoutEchoingIt(final String text, final String fragment)
    {
        final SettingsException error = assertError(() -> HexKey.parse(value(text)), "k.conf", 9, fragment);

        assertThat(error.getMessage()).startsWith("k.conf:9: enc_key: ").doesNotContain(text);
    }
}
