package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./torii} launcher as a user meets it. These cases return before the launcher builds
 * anything, so they are safe to run from inside the build.
 */
class LauncherTest
{
    private static final Path LAUNCHER = Path.of(System.getProperty("torii.repo.root", "..")).resolve("torii");

    private record Outcome(int exitCode, String stdout, String stderr)
    {
    }

    private static Outcome launch(final Map<String, String> env, final String... args)
        throws IOException, InterruptedException
    {
        final ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(LAUNCHER.toString());
        builder.command().addAll(List.of(args));
        builder.environment().putAll(env);
        final Path stderr = Files.createTempFile("torii-launcher", ".err");
        builder.redirectError(stderr.toFile());
        final Process process = builder.start();
        final String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        final String errors = Files.readString(stderr);
        Files.delete(stderr);
        return new Outcome(process.exitValue(), stdout, errors);
    }

    @Test
    void helpListsEveryJavaSubcommandAndTheLauncherOnes() throws Exception
    {
        final Outcome help = launch(Map.of(), "--help");

        assertThat(help.exitCode()).isZero();
        final List<String> commandLines = help.stdout().lines().filter(line -> line.startsWith("  ")).toList();
        for (final Subcommand command : new ToriiMain().commands())
        {
            assertThat(commandLines).anySatisfy(line -> assertThat(line).startsWith("  " + command.name() + " "));
        }
        for (final String launcherCommand : List.of("test", "build", "bootstrap", "bench", "help"))
        {
            assertThat(commandLines).anySatisfy(line -> assertThat(line).startsWith("  " + launcherCommand + " "));
        }
    }

    @Test
    void machineWithoutJdk25GetsOneLineSayingWhatToInstall(@TempDir final Path emptyJvmDir) throws Exception
    {
        final Outcome outcome = launch(
            Map.of("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64", "TORII_JVM_DIR", emptyJvmDir.toString()),
            "version");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr().lines().toList()).singleElement().satisfies(line -> assertThat(line)
            .startsWith("torii: JDK 25 not found")
            .contains("install Eclipse Temurin 25")
            .contains("JAVA_HOME"));
        assertThat(outcome.stderr()).doesNotContain("Exception");
    }

    @Test
    void unknownCommandFailsWithTheUsage(@TempDir final Path emptyJvmDir) throws Exception
    {
        final Outcome outcome = launch(Map.of(), "frobnicate");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr()).contains("unknown command 'frobnicate'").contains("usage: ./torii");
    }
}
