package io.torii.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest
{
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "*.conf      | a.conf      | true",
        "*.conf      | a.conf.bak  | false",
        "*.conf      | .a.conf     | false",
        ".*          | .hidden     | true",
        "*           | x           | true",
        "a*          | a           | true",
        "?.conf      | a.conf      | true",
        "?.conf      | ab.conf     | false",
        "[0-9]*      | 10-a        | true",
        "[!0-9]*     | 10-a        | false",
        "[!0-9]*     | a10         | true",
        "[^a]b       | ab          | false",
        "[^a]b       | cb          | true",
        "[]]         | ]           | true",
        "[a-c]       | -           | false",
        "[a-]        | -           | true",
        "a\\*        | a*          | true",
        "a\\*        | ab          | false",
        "[abc        | [abc        | true",
        "*a*b        | xaxxb       | true",
        "*a*b        | xaxxbc      | false",
        "**.conf     | x.conf      | true",
    })
    void matchesLikeGlob(final String pattern, final String name, final boolean matches)
    {
        assertThat(GlobPattern.matches(pattern, name)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "plain.conf | false",
        "*.conf     | true",
        "a?         | true",
        "[ab]       | true",
        "a\\*       | false",
    })
    void findsWildcards(final String component, final boolean wildcard)
    {
        assertThat(GlobPattern.hasWildcard(component)).isEqualTo(wildcard);
    }
}
