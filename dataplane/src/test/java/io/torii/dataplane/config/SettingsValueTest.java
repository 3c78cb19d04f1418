package io.torii.dataplane.config;

import static io.torii.dataplane.config.SettingsErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsValueTest
{
    private static SettingsValue value(final String text)
    {
        return new SettingsValue("key", text, new SettingsLocation("v.conf", 4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "yes, true", "YES, true", "true, true", "Enabled, true", "1, true",
        "no, false", "False, false", "disabled, false", "0, false" })
    void readsStrongSwanBooleans(final String text, final boolean expected)
    {
        assertThat(value(text).asBoolean()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "maybe", "on", "2", "y" })
    void refusesOtherBooleans(final String text)
    {
        assertError(() -> value(text).asBoolean(), "v.conf", 4, "key: expected yes or no");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0, 0, 4294967295",
        "4096, 4096, 4294967295",
        "0x10, 16, 4294967295",
        "0X1f, 31, 4294967295",
        "4294967295, 4294967295, 4294967295",
        "0xffffffffffffffff, -1, -1",
        "18446744073709551615, -1, -1" })
    void readsUnsignedNumbers(final String text, final long expected, final long max)
    {
        assertThat(value(text).asUnsigned(max)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "4294967296, 4294967295, is above 4294967295",
        "18446744073709551616, -1, is above 18446744073709551615",
        "-1, -1, expected a decimal number",
        "+1, -1, expected a decimal number",
        "0x, -1, expected a decimal number",
        "1_000, -1, expected a decimal number",
        "12a, -1, expected a decimal number",
        "'', -1, expected a decimal number",
        "\uFF11, -1, expected a decimal number" })
    void refusesBadNumbers(final String text, final long max, final String fragment)
    {
        assertError(() -> value(text).asUnsigned(max), "v.conf", 4, fragment);
    }
}
