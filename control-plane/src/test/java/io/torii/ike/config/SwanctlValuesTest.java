package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.config.SettingsLocation;
import io.torii.dataplane.config.SettingsValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwanctlValuesTest
{
    private static SettingsValue value(final String text)
    {
        return new SettingsValue("key", text, new SettingsLocation("values.conf", 7));
    }

    @ParameterizedTest(name = "{0} is {1} s")
    @CsvSource({
        "0, 0", "90, 90", "90s, 90", "90S, 90", "30m, 1800", "30 m, 1800", "4h, 14400", "4H, 14400", "1d, 86400",
        "2 d, 172800",
    })
    void timesTakeStrongSwansSuffixes(final String text, final long seconds)
    {
        assertThat(SwanctlValues.time(value(text))).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({ "soon", "1w", "h", "-5", "1.5h", "4hh", "99999999999999999999" })
    void badTimesNameTheLineAndTheExpectedForm(final String text)
    {
        assertThatThrownBy(() -> SwanctlValues.time(value(text)))
            .isInstanceOf(SettingsException.class)
            .hasMessageStartingWith("values.conf:7: key: ")
            .satisfies(ex -> assertThat(ex.getMessage()).containsAnyOf("expected a time", "too large"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0, 0", "500000, 500000", "1k, 1024", "1K, 1024", "512 k, 524288", "2m, 2097152", "2g, 2147483648",
        "3G, 3221225472",
    })
    void countsTakeBinaryMultiples(final String text, final long count)
    {
        assertThat(SwanctlValues.count(value(text))).isEqualTo(count);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({ "many", "1t", "1kb", "k", "-1" })
    void badCountsNameTheLineAndTheExpectedForm(final String text)
    {
        assertThatThrownBy(() -> SwanctlValues.count(value(text)))
            .isInstanceOf(SettingsException.class)
            .hasMessageStartingWith("values.conf:7: key: expected a count");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({ "yes, true", "true, true", "enabled, true", "1, true", "YES, true", "no, false", "false, false",
        "disabled, false", "0, false" })
    void booleansAreStrongSwans(final String text, final boolean expected)
    {
        assertThat(value(text).asBoolean()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({ "yes, YES", "accept, ACCEPT", "Force, FORCE", "no, NO" })
    void keywordsIgnoreCase(final String text, final Fragmentation expected)
    {
        assertThat(SwanctlValues.keyword(value(text), Fragmentation.class)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({ "none, NONE", "clear, NONE", "trap, TRAP", "route, TRAP", "start, START", "restart, START",
        "trap|start, TRAP_AND_START", "start|trap, TRAP_AND_START", "route | restart, TRAP_AND_START" })
    void childActionsTakeSynonymsAndCombinations(final String text, final ChildAction expected)
    {
        assertThat(ChildAction.read(value(text))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({ "sometimes", "trap|", "'trap,start'" })
    void badChildActionsListTheChoices(final String text)
    {
        assertThatThrownBy(() -> ChildAction.read(value(text)))
            .hasMessage("values.conf:7: key: expected none, trap, start or trap|start (also clear, route, restart), " +
                "found '" + text + "'");
    }

    @org.junit.jupiter.api.Test
    void badKeywordsListTheChoices()
    {
        assertThatThrownBy(() -> SwanctlValues.keyword(value("sometimes"), SendCertPolicy.class))
            .hasMessage("values.conf:7: key: expected one of ifasked, always, never, found 'sometimes'");
    }

    @org.junit.jupiter.api.Test
    void listsDropBlanksAndRefuseEmptyItems()
    {
        assertThat(SwanctlValues.list(value("a,b ,  c"))).containsExactly("a", "b", "c");
        assertThat(SwanctlValues.list(value("aes256-sha256-modp2048"))).isEqualTo(List.of("aes256-sha256-modp2048"));
        assertThatThrownBy(() -> SwanctlValues.list(value("a,,b")))
            .hasMessage("values.conf:7: key: expected items separated by single commas, found an empty item in 'a,,b'");
    }
}
