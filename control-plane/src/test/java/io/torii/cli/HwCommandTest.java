package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.hwprofiles.HardwareProfiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HwCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path root;

    private int run(final String... args)
    {
        return new ToriiMain().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void onThisMachineNamesAShippedProfileWhyAndWhatWouldChangeIt()
    {
        assertThat(run("hw")).isZero();

        final List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).filteredOn(line -> line.startsWith("profile:        ")).singleElement()
            .satisfies(line -> assertThat(HardwareProfiles.NAMES).anyMatch(name ->
                line.startsWith("profile:        " + name + ": ")));
        assertThat(lines).contains("would change:").anyMatch(line -> line.startsWith("processors:     "))
            .anyMatch(line -> line.startsWith("  lo: software interface"));
    }

    @Test
    void readsAnotherRootAndSaysWhatItLacks() throws IOException
    {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/cpuinfo"), "processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: aes\n\n" +
            "processor\t: 1\nmodel name\t: Test CPU\nflags\t\t: aes\n");

        assertThat(run("hw", "--root", root.toString())).isZero();

        final String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("processors:     2 (Test CPU)", "profile:        generic-vm: ",
            "nics:           none found", "not read:       " + root.resolve("sys/class/net"));
    }

    @Test
    void aRootThatIsNotADirectoryIsAUsageError()
    {
        assertThat(run("hw", "--root", root.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a directory");
    }
}
