package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ToriiMainTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return new ToriiMain().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEverySubcommandOnOneLine()
    {
        assertThat(run("--help")).isZero();

        final String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(new ToriiMain().commands().size());
        for (final Subcommand command : new ToriiMain().commands())
        {
            assertThat(lines).anySatisfy(line -> assertThat(line.strip()).startsWith(command.name() + " "));
        }
    }

    @Test
    void unknownCommandIsAUsageErrorThatNamesIt()
    {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
    }

    @Test
    void hwReportsTheShimAndEveryFeature()
    {
        assertThat(run("hw")).isZero();

        final String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("native shim:    loaded");
        assertThat(report).contains("aes ").contains("avx512f").contains("sha_ni");
    }

    @Test
    void hwRefusesArguments()
    {
        assertThat(run("hw", "--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("takes no arguments");
    }

    @Test
    void versionNamesTheRunningJvm()
    {
        assertThat(run("version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("java  " + Runtime.version());
    }
}
