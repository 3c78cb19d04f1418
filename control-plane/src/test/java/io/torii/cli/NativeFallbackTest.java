package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without the shim, Torii still runs and says once why native acceleration is off. Runs a fresh
 * JVM, since the shim is loaded once per process.
 */
class NativeFallbackTest
{
    @Test
    void withoutTheShimHwStillWorksAndTheReasonIsLoggedOnce() throws Exception
    {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process process = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
            "-Dtorii.native.disable=true", "-cp", System.getProperty("java.class.path"),
            ToriiMain.class.getName(), "hw")
            .redirectErrorStream(true)
            .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("native shim:    off");
        final List<String> reasons = output.lines().filter(line -> line.contains("native acceleration is off")).toList();
        assertThat(reasons).singleElement().satisfies(line -> assertThat(line).contains("torii.native.disable"));
    }
}
