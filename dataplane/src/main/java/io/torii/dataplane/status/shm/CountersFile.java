package io.torii.dataplane.status.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.ConcurrentCountersManager;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * {@code RUN_DIR/counters.dat}: the daemon's counters in a memory-mapped file, laid out as
 * {@link CountersFileHeader} describes, that {@code torii stats} and metrics scrapers read while
 * the daemon runs.
 *
 * <p>The daemon {@link #create creates} the file at start, replacing one a dead daemon left, and
 * deletes it when it {@link #close closes} it; a reader {@link #openReadOnly opens} it read-only.
 * Allocating and freeing counters go through a {@link ConcurrentCountersManager}, since each worker
 * allocates its SAs' counters on its own thread; updating a counter's value is the owning worker's
 * alone and takes no lock.
 */
public final class CountersFile implements AutoCloseable
{
    /** The file's name in the run directory. */
    public static final String FILE_NAME = "counters.dat";
    /**
     * How much later than the file's start time a process holding the writer's pid may have started
     * and still be the writer: the kernel gives start times to the second, and the writer starts
     * before it creates the file. A later process only reuses a dead writer's pid.
     */
    private static final long START_TIME_SLACK_MS = 2_000;

    private final Path path;
    private final Object fileKey;
    private final MappedByteBuffer mapped;
    private final long writerPid;
    private final long startTimeMs;
    private final int counterCapacity;
    private final CountersManager manager;
    private final CountersReader reader;
    private boolean closed;

    private CountersFile(final Path path, final Object fileKey, final MappedByteBuffer mapped, final boolean writer)
    {
        this.path = path;
        this.fileKey = fileKey;
        this.mapped = mapped;
        final UnsafeBuffer whole = new UnsafeBuffer(mapped);
        final CountersFileHeader header = new CountersFileHeader().wrap(whole);
        // Kept on the heap: they stay readable after close() unmaps the file.
        this.writerPid = header.pid();
        this.startTimeMs = header.startTimeMs();
        this.counterCapacity = header.counterCapacity();
        final UnsafeBuffer metaData = new UnsafeBuffer(whole, CountersFileHeader.LENGTH, header.metadataLength());
        final UnsafeBuffer values = new UnsafeBuffer(
            whole, CountersFileHeader.LENGTH + header.metadataLength(), header.valuesLength());
        this.manager = writer ? new ConcurrentCountersManager(metaData, values, StandardCharsets.UTF_8) : null;
        this.reader = new CountersReader(metaData, values, StandardCharsets.UTF_8);
    }

    /**
     * @param runDirectory the daemon's run directory.
     * @return where the counters file of that run directory lies.
     */
    public static Path path(final Path runDirectory)
    {
        return runDirectory.resolve(FILE_NAME);
    }

    /**
     * Creates the counters file for this process, replacing a file whose writer is gone, or that this
     * process made before (a restart inside one JVM): one file per process and run directory.
     *
     * @param runDirectory the run directory; created when missing.
     * @param counterCapacity how many counters the file holds; unused ones take no memory.
     * @return the file, open for writing.
     * @throws IllegalStateException when a live process, not this one, writes the file there.
     * @throws IOException when the file cannot be made.
     */
    public static CountersFile create(final Path runDirectory, final int counterCapacity) throws IOException
    {
        if (counterCapacity < 1 || counterCapacity > CountersFileHeader.MAX_CAPACITY)
        {
            throw new IllegalArgumentException("counter capacity " + counterCapacity + ": expected 1 to " +
                CountersFileHeader.MAX_CAPACITY);
        }
        Files.createDirectories(runDirectory);
        final Path path = path(runDirectory);
        refuseLiveWriter(path);
        Files.deleteIfExists(path);
        final long length = CountersFileHeader.fileLength(counterCapacity);
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            // Writing only the last byte sizes the file and leaves it sparse: unused counters take no memory.
            channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
        final CountersFileHeader header = new CountersFileHeader().wrap(new UnsafeBuffer(mapped));
        header.write(ProcessHandle.current().pid(), System.currentTimeMillis(), counterCapacity);
        final CountersFile file = new CountersFile(path, fileKey(path), mapped, true);
        header.publish();
        return file;
    }

    /**
     * Opens a daemon's counters file for reading.
     *
     * @param runDirectory the daemon's run directory.
     * @return the file, read-only.
     * @throws NoSuchFileException when there is no counters file: no daemon runs with that directory.
     * @throws IllegalStateException when the file is not one this version reads, or not ready yet.
     * @throws IOException when the file cannot be read.
     */
    public static CountersFile openReadOnly(final Path runDirectory) throws IOException
    {
        final Path path = path(runDirectory);
        final MappedByteBuffer mapped;
        final long size;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            size = channel.size();
            if (size < CountersFileHeader.LENGTH)
            {
                throw new IllegalStateException(path + ": not ready: the daemon is still creating it");
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE));
        }
        final String problem = new CountersFileHeader().wrap(new UnsafeBuffer(mapped)).validate(size);
        if (problem != null)
        {
            IoUtil.unmap(mapped);
            throw new IllegalStateException(path + ": " + problem);
        }
        return new CountersFile(path, fileKey(path), mapped, false);
    }

    private static Object fileKey(final Path path) throws IOException
    {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    private static void refuseLiveWriter(final Path path) throws IOException
    {
        final ByteBuffer existing = ByteBuffer.allocate(CountersFileHeader.LENGTH).order(ByteOrder.nativeOrder());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            while (existing.hasRemaining() && channel.read(existing) >= 0)
            {
                // Reads until the header is in or the file ends.
            }
        }
        catch (final NoSuchFileException ex)
        {
            return;
        }
        if (existing.hasRemaining() || existing.getInt(CountersFileHeader.MAGIC_OFFSET) != CountersFileHeader.MAGIC)
        {
            return;
        }
        // The pid and start time keep their offsets in every layout version, so this holds across upgrades.
        final long pid = existing.getLong(CountersFileHeader.PID_OFFSET);
        if (pid != ProcessHandle.current().pid() &&
            isAlive(pid, existing.getLong(CountersFileHeader.START_TIME_OFFSET)))
        {
            throw new IllegalStateException(path + " belongs to a running daemon (pid " + pid +
                "): stop it first, or give this one another run directory");
        }
    }

    /**
     * @param pid a writer's process id.
     * @param startTimeMs when it created its file.
     * @return whether that process still runs: one with the pid that started later is another process.
     */
    static boolean isAlive(final long pid, final long startTimeMs)
    {
        final Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive())
        {
            return false;
        }
        final Optional<Instant> started = process.get().info().startInstant();
        return started.isEmpty() || started.get().toEpochMilli() <= startTimeMs + START_TIME_SLACK_MS;
    }

    /** @return the file's path. */
    public Path path()
    {
        return path;
    }

    /** @return whether this process writes the file. */
    public boolean isWriter()
    {
        return manager != null;
    }

    /**
     * @return the manager that allocates and frees counters; thread-safe.
     * @throws IllegalStateException on a file opened read-only.
     */
    public CountersManager manager()
    {
        if (manager == null)
        {
            throw new IllegalStateException(path + " is open read-only");
        }
        return manager;
    }

    /** @return a reader over the counters; do not use it after {@link #close()}. */
    public CountersReader reader()
    {
        return reader;
    }

    /** @return the writer's process id. */
    public long writerPid()
    {
        return writerPid;
    }

    /** @return when the writer created the file, in epoch milliseconds. */
    public long startTimeMs()
    {
        return startTimeMs;
    }

    /** @return how many counters the file holds. */
    public int counterCapacity()
    {
        return counterCapacity;
    }

    /** @return whether the process that writes the file still runs; false after it died. */
    public boolean isWriterAlive()
    {
        return isAlive(writerPid(), startTimeMs());
    }

    /**
     * Unmaps the file; the writer also deletes it, unless another daemon has replaced it since.
     * Stop everything that reads through {@link #reader()} first.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        IoUtil.unmap(mapped);
        if (manager != null)
        {
            try
            {
                if (Objects.equals(fileKey(path), fileKey))
                {
                    Files.delete(path);
                }
            }
            catch (final NoSuchFileException ex)
            {
                // Already gone: someone cleaned the run directory.
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete " + path, ex);
            }
        }
    }
}
