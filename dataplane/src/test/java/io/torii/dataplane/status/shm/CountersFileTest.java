package io.torii.dataplane.status.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counters file's life: made by the writer, read by readers, deleted on a clean close, and
 * replaced when the daemon that made it is gone but never while it runs.
 */
class CountersFileTest
{
    @TempDir
    Path runDir;

    @Test
    void writerAndReaderInOneProcessShareHeaderAndValues() throws IOException
    {
        final long before = System.currentTimeMillis();
        try (CountersFile writer = CountersFile.create(runDir.resolve("nested"), 64))
        {
            final long after = System.currentTimeMillis();
            final AtomicCounter counter = writer.manager().newCounter("test counter", 7);
            counter.incrementRelease();
            counter.getAndAddRelease(41);

            assertThat(writer.path()).isEqualTo(runDir.resolve("nested").resolve("counters.dat"));
            assertThat(Files.size(writer.path())).isEqualTo(CountersFileHeader.fileLength(64));
            try (CountersFile reader = CountersFile.openReadOnly(runDir.resolve("nested")))
            {
                assertThat(reader.isWriter()).isFalse();
                assertThat(reader.writerPid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(reader.startTimeMs()).isBetween(before, after);
                assertThat(reader.counterCapacity()).isEqualTo(64);
                assertThat(reader.isWriterAlive()).isTrue();
                assertThat(reader.reader().getCounterLabel(counter.id())).isEqualTo("test counter");
                assertThat(reader.reader().getCounterTypeId(counter.id())).isEqualTo(7);
                assertThat(reader.reader().getCounterValue(counter.id())).isEqualTo(42);

                counter.incrementRelease();
                assertThat(reader.reader().getCounterValue(counter.id())).isEqualTo(43);
                assertThatThrownBy(reader::manager).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("read-only");
            }
            assertThat(writer.path()).as("a reader's close leaves the file").exists();
        }
        assertThat(CountersFile.path(runDir.resolve("nested"))).as("the writer's close deletes it").doesNotExist();
    }

    @Test
    void noFileMeansNoDaemon()
    {
        assertThatThrownBy(() -> CountersFile.openReadOnly(runDir)).isInstanceOf(NoSuchFileException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, CountersFileHeader.MAX_CAPACITY + 1})
    void capacityOutOfRangeIsRefused(final int capacity)
    {
        assertThatThrownBy(() -> CountersFile.create(runDir, capacity))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("counter capacity " + capacity).hasMessageContaining("expected 1 to");
    }

    @Test
    void staleFileOfADeadDaemonIsReplacedAndItsCloseLeavesTheNewOne() throws Exception
    {
        final CountersFile old = CountersFile.create(runDir, 16);
        final Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        putLong(old.path(), CountersFileHeader.PID_OFFSET, gone.pid());
        try (CountersFile reader = CountersFile.openReadOnly(runDir))
        {
            assertThat(reader.writerPid()).isEqualTo(gone.pid());
            assertThat(reader.isWriterAlive()).isFalse();
        }

        try (CountersFile replacement = CountersFile.create(runDir, 32))
        {
            assertThat(replacement.counterCapacity()).isEqualTo(32);
            old.close();
            assertThat(replacement.path()).as("the old writer deletes only its own file").exists();
            try (CountersFile reader = CountersFile.openReadOnly(runDir))
            {
                assertThat(reader.writerPid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(reader.counterCapacity()).isEqualTo(32);
            }
        }
    }

    @Test
    void fileOfALiveDaemonIsNotTakenOver() throws Exception
    {
        final Process daemon = new ProcessBuilder("sleep", "60").start();
        try (CountersFile file = CountersFile.create(runDir, 16))
        {
            // The live process started before the file: it could be its writer.
            putLong(file.path(), CountersFileHeader.PID_OFFSET, daemon.pid());

            assertThatThrownBy(() -> CountersFile.create(runDir, 16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to a running daemon (pid " + daemon.pid() + ")");

            // A live process that started long after the file only reuses a dead writer's pid.
            putLong(file.path(), CountersFileHeader.START_TIME_OFFSET, System.currentTimeMillis() - 3_600_000);
            try (CountersFile replacement = CountersFile.create(runDir, 16))
            {
                assertThat(replacement.writerPid()).isEqualTo(ProcessHandle.current().pid());
            }
        }
        finally
        {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void readerRefusesWhatItCannotTrust() throws IOException
    {
        final Path path = CountersFile.path(runDir);
        final List<String> problems = new ArrayList<>();

        Files.write(path, new byte[0]);
        problems.add(openProblem());

        Files.write(path, new byte[4096]);
        problems.add(openProblem());

        try (CountersFile writer = CountersFile.create(runDir, 4))
        {
            putInt(writer.path(), CountersFileHeader.MAGIC_OFFSET, 0x1234_5678);
            problems.add(openProblem());
            putInt(writer.path(), CountersFileHeader.MAGIC_OFFSET, CountersFileHeader.MAGIC);
            putInt(writer.path(), CountersFileHeader.VERSION_OFFSET, CountersFileHeader.LAYOUT_VERSION + 1);
            problems.add(openProblem());
            putInt(writer.path(), CountersFileHeader.VERSION_OFFSET, CountersFileHeader.LAYOUT_VERSION);
            putInt(writer.path(), CountersFileHeader.CAPACITY_OFFSET, 1_000);
            problems.add(openProblem());
        }

        assertThat(problems).satisfiesExactly(
            empty -> assertThat(empty).contains("not ready"),
            zeros -> assertThat(zeros).contains("not ready"),
            magic -> assertThat(magic).contains("not a Torii counters file (magic 0x12345678)"),
            version -> assertThat(version).contains("layout version " + (CountersFileHeader.LAYOUT_VERSION + 1))
                .contains("use the torii that runs the daemon"),
            capacity -> assertThat(capacity).contains("inconsistent header: 1000 counters"));
        assertThat(problems).allSatisfy(problem -> assertThat(problem).startsWith(path.toString()));
    }

    @Test
    void garbageLeftInTheRunDirectoryIsReplaced() throws IOException
    {
        Files.write(CountersFile.path(runDir), new byte[] {1, 2, 3});
        try (CountersFile file = CountersFile.create(runDir, 8))
        {
            assertThat(Files.size(file.path())).isEqualTo(CountersFileHeader.fileLength(8));
        }
    }

    private String openProblem()
    {
        try (CountersFile file = CountersFile.openReadOnly(runDir))
        {
            return "opened, " + file.counterCapacity() + " counters";
        }
        catch (final IllegalStateException ex)
        {
            return ex.getMessage();
        }
        catch (final IOException ex)
        {
            return "I/O: " + ex;
        }
    }

    static void putLong(final Path path, final int offset, final long value) throws IOException
    {
        write(path, offset, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, value));
    }

    static void putInt(final Path path, final int offset, final int value) throws IOException
    {
        write(path, offset, ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(0, value));
    }

    private static void write(final Path path, final int offset, final ByteBuffer bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            channel.write(bytes, offset);
        }
    }
}
