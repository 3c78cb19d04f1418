package io.torii.dataplane.config;

import static io.torii.dataplane.config.SettingsErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsIncludeTest
{
    @TempDir
    Path dir;

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void includesSortedMatchesRelativeToTheIncludingFile() throws IOException
    {
        final Path main = write("main.conf", """
            a = main
            include conf.d/*.conf
            s {
                include sub/inner.conf
            }
            b = after
            """);
        final Path second = write("conf.d/20-second.conf", "a = second\nsecond = 2\n");
        final Path first = write("conf.d/10-first.conf", "first = 1\na = first\n");
        write("conf.d/.hidden.conf", "hidden = 1\n");
        write("conf.d/readme.txt", "not = matched\n");
        Files.createDirectories(dir.resolve("conf.d/dir.conf"));
        final Path inner = write("sub/inner.conf", "inner = 1\ninclude deeper.conf\n");
        final Path deeper = write("sub/deeper.conf", "\ndeep = yes\n");

        final SettingsSection root = SettingsParser.parse(main);

        assertThat(root.values().keySet()).containsExactly("a", "first", "second", "b");
        assertThat(root.value("a").orElseThrow())
            .isEqualTo(new SettingsValue("a", "second", new SettingsLocation(second.toString(), 1)));
        assertThat(root.value("first").orElseThrow().location()).isEqualTo(new SettingsLocation(first.toString(), 1));
        assertThat(root.value("b").orElseThrow().location()).isEqualTo(new SettingsLocation(main.toString(), 6));
        assertThat(root.find("s.inner").orElseThrow().location()).isEqualTo(new SettingsLocation(inner.toString(), 1));
        assertThat(root.find("s.deep").orElseThrow().location()).isEqualTo(new SettingsLocation(deeper.toString(), 2));
        assertThat(root.location()).isEqualTo(new SettingsLocation(main.toString(), 0));
    }

    @Test
    void includesQuotedEscapedAndAbsolutePatterns() throws IOException
    {
        write("with space.conf", "spaced = 1\n");
        write("hash#name.conf", "hashed = 1\n");
        write("abs/x-1.conf", "absolute = 1\n");
        final Path main = write("main.conf", "include \"with space.conf\"\ninclude hash\\#name.conf\n" +
            "include " + dir.resolve("abs") + "/x-[0-9].conf\ninclude nothing/*.conf\n");

        final SettingsSection root = SettingsParser.parse(main);

        assertThat(root.values().keySet()).containsExactly("spaced", "hashed", "absolute");
    }

    @Test
    void refusesAMissingFileWithoutWildcards() throws IOException
    {
        final Path main = write("main.conf", "a = 1\ninclude missing.conf\n");

        assertError(() -> SettingsParser.parse(main), main.toString(), 2, "missing.conf");
    }

    @Test
    void refusesIncludeCycles() throws IOException
    {
        final Path a = write("a.conf", "include b.conf\n");
        final Path b = write("b.conf", "x = 1\ninclude a.conf\n");

        assertError(() -> SettingsParser.parse(a), b.toString(), 2, "include cycle");
    }

    @Test
    void refusesAGlobThatMatchesTheIncludingFile() throws IOException
    {
        final Path self = write("self.conf", "include *.conf\n");

        assertError(() -> SettingsParser.parse(self), self.toString(), 1, "include cycle");
    }

    @Test
    void reportsErrorsAtTheIncludedFilesLine() throws IOException
    {
        final Path main = write("main.conf", "include inc.conf\n");
        final Path inc = write("inc.conf", "a = 1\n\noops\n");

        assertError(() -> SettingsParser.parse(main), inc.toString(), 3, "expected '=' or '{' after 'oops'");
    }

    @Test
    void includedFilesMustCloseTheirOwnSections() throws IOException
    {
        final Path main = write("main.conf", "s {\n  include inc.conf\n}\n");
        final Path inc = write("inc.conf", "t {\n");

        assertError(() -> SettingsParser.parse(main), inc.toString(), 1, "section 't' is not closed");
    }

    @Test
    void includedFilesCannotCloseTheIncludingSection() throws IOException
    {
        final Path main = write("main.conf", "s {\n  include inc.conf\n");
        final Path inc = write("inc.conf", "a = 1\n}\n");

        assertError(() -> SettingsParser.parse(main), inc.toString(), 2, "unmatched '}'");
    }

    @Test
    void reportsAFileThatCannotBeRead()
    {
        final Path missing = dir.resolve("nope.conf");

        assertError(() -> SettingsParser.parse(missing), missing.toString(), 0, "no such file");
    }

    @Test
    void reportsInvalidUtf8() throws IOException
    {
        final Path file = dir.resolve("latin1.conf");
        Files.write(file, new byte[] {'a', ' ', '=', ' ', (byte)0xE9, '\n'});

        assertError(() -> SettingsParser.parse(file), file.toString(), 0, "not valid UTF-8");
    }
}
