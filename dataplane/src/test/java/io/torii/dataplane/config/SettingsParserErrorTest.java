package io.torii.dataplane.config;

import static io.torii.dataplane.config.SettingsErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsParserErrorTest
{
    static Stream<Arguments> badInput()
    {
        return Stream.of(
            Arguments.of("unmatched brace", "a = b\n}\n", 2, "unmatched '}': no section is open"),
            Arguments.of("unclosed section", "a {\n  b = c\n", 1, "section 'a' is not closed: expected '}'"),
            Arguments.of("unclosed outer section", "x = 1\na {\n  b {\n    c = d\n  }\n", 2,
                "section 'a' is not closed"),
            Arguments.of("unclosed string", "x = 1\na = \"abc\n def\n", 2, "string is not closed"),
            Arguments.of("backslash at the end", "x = \"abc\\", 1, "string is not closed"),
            Arguments.of("name without = or {", "x {\n  spi 0x1000\n}\n", 2,
                "expected '=' or '{' after 'spi', found '0x1000'"),
            Arguments.of("name at the end", "\n\nspi\n", 3,
                "expected '=' or '{' after 'spi', found the end of the file"),
            Arguments.of("name then quote", "spi \"x\"\n", 1, "found a quoted string"),
            Arguments.of("name then closing brace", "s {\n  key\n}\n", 2, "after 'key', found '}'"),
            Arguments.of("no key", "a = 1\n= b\n", 2, "expected a key name before '='"),
            Arguments.of("no section name", "a = 1\n{ }\n", 2, "expected a section name before '{'"),
            Arguments.of("quoted name", "\"a\" = b\n", 1, "quotes are allowed in values only"),
            Arguments.of("dot in a name", "a.b = c\n", 1, "names may not contain '.', ',' or ':'"),
            Arguments.of("comma in a name", "a , b = c\n", 1, "found ','"),
            Arguments.of("leading colon", "s {\n: x\n}\n", 2, "unexpected ':'"),
            Arguments.of("no reference", "a : { }\n", 1, "expected the name of a section to inherit from after ':'"),
            Arguments.of("reference without comma", "a : b c { }\n", 1, "expected ',' or '{' after 'b', found 'c'"),
            Arguments.of("reference list ends", "a : b,\n", 1, "inherit from after ','"),
            Arguments.of("include without pattern", "x = 1\ninclude # nothing\n", 2,
                "expected a file pattern after 'include'"),
            Arguments.of("too deep", "a {".repeat(SettingsParser.MAX_DEPTH + 1), 1, "nest deeper than 64"),
            Arguments.of("string error first", "s {\n  t {\n  }\n  k = \"v\n", 4, "string is not closed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void reportsFileAndLine(final String name, final String text, final int line, final String fragment)
    {
        assertError(() -> SettingsParser.parse(text, "bad.conf"), "bad.conf", line, fragment);
    }

    @Test
    void reportsTheColumnWhereItKnowsIt()
    {
        final SettingsException error =
            assertError(() -> SettingsParser.parse("x {\n  spi 0x1000\n}\n", "bad.conf"), "bad.conf", 2, "spi");

        assertThat(error.column()).isEqualTo(3);
        assertThat(error.getMessage()).startsWith("bad.conf:2:3: expected '=' or '{' after 'spi'");
        assertThat(error.reason()).startsWith("expected '=' or '{'");
    }

    @Test
    void reportsWhereAnUnclosedStringStarted()
    {
        final SettingsException error =
            assertError(() -> SettingsParser.parse("a = 1\nb =   \"x\n\n\n", "bad.conf"), "bad.conf", 2, "string");

        assertThat(error.column()).isEqualTo(7);
    }
}
