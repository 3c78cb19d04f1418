package io.torii.dataplane.handoff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * {@code RUN_DIR/control.dat}: the control ring (control plane to dataplane), the events ring (back) and the
 * two IKE datagram rings in one memory-mapped file, so the dataplane may run as a process of its own. The
 * dataplane {@link #create creates} the file; the control plane {@link #open opens} it.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Magic: written last, so an opener never sees a half-made file|
 *  |  4 Layout version                                              |
 *  |  8 Control ring capacity                                       |
 *  | 12 Events ring capacity                                        |
 *  | 16 Capacity of each IKE datagram ring                          |
 *  | 20 reserved, zero, up to 128                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 128 Control ring: capacity + RingBufferDescriptor.TRAILER_LENGTH|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Events ring: capacity + RingBufferDescriptor.TRAILER_LENGTH |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     IKE-in ring: IKE the workers received on the NAT-T port   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     IKE-out ring: IKE for a worker to send from that port     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The header is in native byte order like the Agrona rings after it; it takes two cache lines so the rings
 * start aligned. Every ring is a {@link ManyToOneRingBuffer}: several control-plane threads may send, and
 * every dataplane worker raises events and receives IKE. The IKE rings exist because IKE and ESP in UDP
 * share the NAT-T port (RFC 3948 §2.2) and a dataplane UDP port owns that socket: IKE behind the non-ESP
 * marker goes up on the IKE-in ring, and the control plane's replies come down on the IKE-out ring. Within
 * one process each ring wakes its parked reader when written ({@link DoorbellRingBuffer}).
 *
 * <p>SA keys cross the control ring. The file is made readable by its owner only, the adapter zeroes keys
 * once read, and the run directory belongs on a memory file system ({@code /run}, {@code /dev/shm}) so the
 * kernel never writes the ring's pages to a disk.
 */
public final class ControlRings implements AutoCloseable
{
    /** The file's name in the run directory. */
    public static final String FILE_NAME = "control.dat";
    /** "TRCR" read as a native int. */
    public static final int MAGIC = 0x5452_4352;
    /** Bumped whenever the header or any message layout or type id changes meaning. */
    public static final int LAYOUT_VERSION = 2;
    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version. */
    public static final int VERSION_OFFSET = 4;
    /** Offset of the control ring's capacity. */
    public static final int CONTROL_CAPACITY_OFFSET = 8;
    /** Offset of the events ring's capacity. */
    public static final int EVENTS_CAPACITY_OFFSET = 12;
    /** Offset of the capacity of each IKE datagram ring. */
    public static final int IKE_CAPACITY_OFFSET = 16;
    /** The capacity of each IKE ring unless given: its largest message, an eighth, takes any UDP datagram. */
    public static final int DEFAULT_IKE_CAPACITY = 1 << 20;
    /** The header's length. */
    public static final int HEADER_LENGTH = 128;
    /** The smallest capacity of either ring: its largest message must fit an eighth of it. */
    public static final int MIN_CAPACITY = 64 * 1024;
    /** The largest capacity of either ring. */
    public static final int MAX_CAPACITY = 1 << 28;

    private final Path path;
    private final MappedByteBuffer mapped;
    // Each wakes its reader when written in this process: see DoorbellRingBuffer.
    private final RingBuffer controlRing;
    private final RingBuffer eventsRing;
    private final RingBuffer ikeInRing;
    private final RingBuffer ikeOutRing;
    private boolean closed;

    private ControlRings(final Path path, final MappedByteBuffer mapped, final int controlCapacity,
        final int eventsCapacity, final int ikeCapacity)
    {
        this.path = path;
        this.mapped = mapped;
        final int controlLength = controlCapacity + RingBufferDescriptor.TRAILER_LENGTH;
        final int eventsLength = eventsCapacity + RingBufferDescriptor.TRAILER_LENGTH;
        final int ikeLength = ikeCapacity + RingBufferDescriptor.TRAILER_LENGTH;
        final int eventsStart = HEADER_LENGTH + controlLength;
        final int ikeInStart = eventsStart + eventsLength;
        this.controlRing = ring(mapped, HEADER_LENGTH, controlLength);
        this.eventsRing = ring(mapped, eventsStart, eventsLength);
        this.ikeInRing = ring(mapped, ikeInStart, ikeLength);
        this.ikeOutRing = ring(mapped, ikeInStart + ikeLength, ikeLength);
    }

    private static RingBuffer ring(final MappedByteBuffer mapped, final int offset, final int length)
    {
        return new DoorbellRingBuffer(new ManyToOneRingBuffer(new UnsafeBuffer(mapped, offset, length)));
    }

    /**
     * @param runDirectory the run directory.
     * @return where the file lies.
     */
    public static Path path(final Path runDirectory)
    {
        return runDirectory.resolve(FILE_NAME);
    }

    /**
     * @param controlCapacity the control ring's capacity.
     * @param eventsCapacity the events ring's capacity.
     * @param ikeCapacity the capacity of each IKE datagram ring.
     * @return the file's length.
     */
    public static long fileLength(final int controlCapacity, final int eventsCapacity, final int ikeCapacity)
    {
        return HEADER_LENGTH + (long)controlCapacity + eventsCapacity + 2L * ikeCapacity +
            4L * RingBufferDescriptor.TRAILER_LENGTH;
    }

    /**
     * Creates the file for the dataplane with IKE rings of {@link #DEFAULT_IKE_CAPACITY}, replacing one a
     * previous run left.
     *
     * @param runDirectory the run directory; created when missing.
     * @param controlCapacity the control ring's capacity: a power of two, {@link #MIN_CAPACITY} to
     *        {@link #MAX_CAPACITY}.
     * @param eventsCapacity the events ring's capacity, likewise.
     * @return the rings, zeroed.
     * @throws IOException when the file cannot be made.
     */
    public static ControlRings create(final Path runDirectory, final int controlCapacity, final int eventsCapacity)
        throws IOException
    {
        return create(runDirectory, controlCapacity, eventsCapacity, DEFAULT_IKE_CAPACITY);
    }

    /**
     * Creates the file for the dataplane, replacing one a previous run left.
     *
     * @param runDirectory the run directory; created when missing.
     * @param controlCapacity the control ring's capacity: a power of two, {@link #MIN_CAPACITY} to
     *        {@link #MAX_CAPACITY}.
     * @param eventsCapacity the events ring's capacity, likewise.
     * @param ikeCapacity the capacity of each IKE datagram ring, likewise.
     * @return the rings, zeroed.
     * @throws IOException when the file cannot be made.
     */
    public static ControlRings create(final Path runDirectory, final int controlCapacity, final int eventsCapacity,
        final int ikeCapacity) throws IOException
    {
        checkCapacity("control", controlCapacity);
        checkCapacity("events", eventsCapacity);
        checkCapacity("IKE", ikeCapacity);
        Files.createDirectories(runDirectory);
        final Path path = path(runDirectory);
        Files.deleteIfExists(path);
        final long length = fileLength(controlCapacity, eventsCapacity, ikeCapacity);
        final MappedByteBuffer mapped;
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            // A fresh file reads as zeros: the rings start empty without writing every page.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        header.putInt(VERSION_OFFSET, LAYOUT_VERSION);
        header.putInt(CONTROL_CAPACITY_OFFSET, controlCapacity);
        header.putInt(EVENTS_CAPACITY_OFFSET, eventsCapacity);
        header.putInt(IKE_CAPACITY_OFFSET, ikeCapacity);
        final ControlRings rings = new ControlRings(path, mapped, controlCapacity, eventsCapacity, ikeCapacity);
        header.putIntRelease(MAGIC_OFFSET, MAGIC);
        return rings;
    }

    /**
     * Opens the file a running dataplane created.
     *
     * @param runDirectory the dataplane's run directory.
     * @return the rings.
     * @throws IllegalStateException when the file is not ready or not of this layout version.
     * @throws IOException when the file cannot be read.
     */
    public static ControlRings open(final Path runDirectory) throws IOException
    {
        final Path path = path(runDirectory);
        final long size = Files.size(path);
        if (size < HEADER_LENGTH)
        {
            throw new IllegalStateException(path + ": not ready: the dataplane is still creating it");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(path.toFile(), FILE_NAME);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final String problem = validate(header, size);
        if (problem != null)
        {
            IoUtil.unmap(mapped);
            throw new IllegalStateException(path + ": " + problem);
        }
        return new ControlRings(path, mapped, header.getInt(CONTROL_CAPACITY_OFFSET),
            header.getInt(EVENTS_CAPACITY_OFFSET), header.getInt(IKE_CAPACITY_OFFSET));
    }

    private static String validate(final UnsafeBuffer header, final long size)
    {
        final int magic = header.getIntAcquire(MAGIC_OFFSET);
        if (magic == 0)
        {
            return "not ready: the dataplane is still creating it";
        }
        if (magic != MAGIC)
        {
            return "not a Torii control file (magic 0x" + Integer.toHexString(magic) + ")";
        }
        final int version = header.getInt(VERSION_OFFSET);
        if (version != LAYOUT_VERSION)
        {
            return "layout version " + version + ", this torii speaks version " + LAYOUT_VERSION +
                ": run the same torii build for the control plane and the dataplane";
        }
        final int control = header.getInt(CONTROL_CAPACITY_OFFSET);
        final int events = header.getInt(EVENTS_CAPACITY_OFFSET);
        final int ike = header.getInt(IKE_CAPACITY_OFFSET);
        if (!isValidCapacity(control) || !isValidCapacity(events) || !isValidCapacity(ike) ||
            size < fileLength(control, events, ike))
        {
            return "inconsistent header: rings of " + control + ", " + events + " and 2 x " + ike +
                " bytes in a file of " + size;
        }
        return null;
    }

    private static boolean isValidCapacity(final int capacity)
    {
        return capacity >= MIN_CAPACITY && capacity <= MAX_CAPACITY && Integer.bitCount(capacity) == 1;
    }

    private static void checkCapacity(final String which, final int capacity)
    {
        if (!isValidCapacity(capacity))
        {
            throw new IllegalArgumentException(which + " ring capacity " + capacity +
                ": expected a power of two from " +
                MIN_CAPACITY + " to " + MAX_CAPACITY);
        }
    }

    /** @return the ring requests travel on, control plane to dataplane. */
    public RingBuffer controlRing()
    {
        return controlRing;
    }

    /** @return the ring events travel on, dataplane to control plane. */
    public RingBuffer eventsRing()
    {
        return eventsRing;
    }

    /** @return the ring IKE messages the workers received on the NAT-T port travel on, up to the control plane. */
    public RingBuffer ikeInRing()
    {
        return ikeInRing;
    }

    /** @return the ring IKE messages for the workers to send from the NAT-T port travel on. */
    public RingBuffer ikeOutRing()
    {
        return ikeOutRing;
    }

    /** @return the file's path. */
    public Path path()
    {
        return path;
    }

    /** Unmaps the file; it stays on disk (the dataplane replaces it at its next start). */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mapped);
        }
    }
}
