package io.torii.dataplane.status.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.Disposition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of the file: a daemon in one process writes, this process reads. The writer is
 * {@link CountersWriterMain} in a child JVM with this JVM's class path and flags.
 */
class CountersFileProcessTest
{
    @TempDir
    Path runDir;

    @Test
    void readerInAnotherProcessSeesTheWritersCountsAndTheCleanCloseRemovesTheFile() throws Exception
    {
        final Process writer = startWriter("close");
        try
        {
            try (CountersFile file = CountersFile.openReadOnly(runDir))
            {
                assertThat(file.writerPid()).isEqualTo(writer.pid());
                assertThat(file.isWriterAlive()).isTrue();
                final CountersSnapshot snapshot = CountersSnapshot.read(file);
                assertThat(snapshot.workers()).singleElement().satisfies(worker ->
                {
                    assertThat(worker.id()).isEqualTo(3);
                    assertThat(worker.count(Disposition.OK)).isEqualTo(5);
                    assertThat(worker.count(Disposition.ICV_FAILURE)).isEqualTo(2);
                });
                assertThat(snapshot.sas()).containsExactly(new CountersSnapshot.Sa(3, 2, "sa-out",
                    CountersWriterMain.SPI, IpsecProtocol.ESP, Direction.OUTBOUND, 5, 600, 2));
            }
            assertThatThrownBy(() -> CountersFile.create(runDir, 16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running daemon (pid " + writer.pid() + ")");
        }
        finally
        {
            writer.getOutputStream().close();
        }
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).isZero();
        assertThat(CountersFile.path(runDir)).doesNotExist();
    }

    @Test
    void fileOfACrashedDaemonIsReadableAsStaleThenReplaced() throws Exception
    {
        final Process writer = startWriter("crash");
        writer.getOutputStream().close();
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();

        try (CountersFile stale = CountersFile.openReadOnly(runDir))
        {
            assertThat(stale.isWriterAlive()).isFalse();
            assertThat(CountersSnapshot.read(stale).workers().getFirst().count(Disposition.OK)).isEqualTo(5);
        }
        try (CountersFile replacement = CountersFile.create(runDir, 16))
        {
            assertThat(replacement.writerPid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    private Process startWriter(final String mode) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The same flags as this JVM: Agrona needs its --add-opens.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CountersWriterMain.class.getName());
        command.add(runDir.toString());
        command.add(mode);
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // Blocks until the child has written its counts, or ends when it dies.
        assertThat(out.readLine()).as("the writer's first line").isEqualTo("ready");
        return process;
    }
}
