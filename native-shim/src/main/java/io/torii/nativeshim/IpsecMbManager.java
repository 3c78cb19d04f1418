package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One ipsec-mb manager: its job queue and the code path ({@link IpsecMbArch}) it runs. The batch
 * calls go through it, one downcall per batch of up to {@link EspJobArray#MAX_JOBS} packets.
 *
 * <p>A manager belongs to one thread at a time, normally one per dataplane worker; it is not
 * thread-safe. Every call checks its arguments here first ({@link EspJobArray} and
 * {@link AhJobArray} check the rest), so that a mistake throws in Java instead of reaching C. Each
 * job's outcome is its {@link JobStatus}, never an exception: a forged or malformed packet is input,
 * not misuse.
 */
public final class IpsecMbManager implements AutoCloseable
{
    private final MemorySegment handle;
    private final IpsecMbArch arch;
    private boolean closed;

    private IpsecMbManager(final MemorySegment handle, final IpsecMbArch arch)
    {
        this.handle = handle;
        this.arch = arch;
    }

    /**
     * @param requested {@link IpsecMbArch#AUTO} for the best this CPU runs, or one to force.
     * @return a new manager; {@link #close()} frees it.
     * @throws IllegalArgumentException when this CPU cannot run the requested architecture.
     * @throws IllegalStateException when the ipsec-mb layer is unavailable or the manager cannot be made.
     */
    public static IpsecMbManager create(final IpsecMbArch requested)
    {
        IpsecMb.requireAvailable();
        final int result;
        final MemorySegment handle;
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment out = arena.allocate(ADDRESS);
            result = IpsecMbLibrary.mgrCreate(requested.code(), out);
            handle = out.get(ADDRESS, 0);
        }
        if (result == IpsecMbLibrary.EUNSUPPORTED)
        {
            throw new IllegalArgumentException("ipsec-mb architecture " + requested + " needs CPU features " +
                "this machine lacks (or its OS does not enable); use AUTO or one of those IpsecMb.supports() accepts");
        }
        if (result != 0 || handle.address() == 0)
        {
            throw new IllegalStateException("torii_ipsecmb_mgr_create(" + requested + ") failed with " + result);
        }
        return new IpsecMbManager(handle, IpsecMbArch.fromCode(IpsecMbLibrary.mgrArch(handle)));
    }

    /** @return the architecture this manager runs; never {@link IpsecMbArch#AUTO}. */
    public IpsecMbArch arch()
    {
        return arch;
    }

    /** @return false once {@link #close()} ran. */
    public boolean isOpen()
    {
        return !closed;
    }

    /**
     * ESP seal of jobs {@code [0, count)}: writes each packet's IV, encrypts and writes its ICV
     * (see {@link EspJobArray} for the packet layout and what each cipher does).
     *
     * @param jobs the jobs, each set since its key was installed.
     * @param count how many, 1 to {@link EspJobArray#MAX_JOBS}.
     * @return the number of jobs whose status is {@link JobStatus#OK}.
     * @throws IllegalArgumentException for a count out of range, a key of another architecture, or
     *         a job whose ICV offset does not leave room for header and IV or, for CBC, whole blocks.
     * @throws IllegalStateException when this manager, the job array or a job's key is closed, or a
     *         job was never set.
     */
    public int seal(final EspJobArray jobs, final int count)
    {
        requireOpen();
        jobs.check(count, arch, true);
        return IpsecMbLibrary.espSeal(handle, jobs.segment(), count);
    }

    /**
     * Benchmarks only: ipsec-mb's AES-GCM on each job's buffer with none of ESP's work, the C limit
     * that {@link #seal} is compared with. See {@code torii_ipsecmb_raw_gcm_seal} in the header.
     *
     * @return {@code count}.
     * @throws IllegalArgumentException when a job's key is not AES-GCM or the count is out of range.
     */
    public int rawGcmSeal(final EspJobArray jobs, final int count)
    {
        requireOpen();
        jobs.check(count, arch, true);
        final int result = IpsecMbLibrary.rawGcmSeal(handle, jobs.segment(), count);
        if (result < 0)
        {
            throw new IllegalArgumentException("raw GCM needs AES-GCM keys of this manager's architecture");
        }
        return result;
    }

    /**
     * ESP open of jobs {@code [0, count)}: verifies each ICV and decrypts only what verified. A job
     * that fails leaves its packet's payload as it was received.
     *
     * @return the number of jobs whose status is {@link JobStatus#OK}.
     * @throws IllegalArgumentException for a count out of range or a key of another architecture.
     * @throws IllegalStateException when this manager, the job array or a job's key is closed, or a
     *         job was never set.
     */
    public int open(final EspJobArray jobs, final int count)
    {
        requireOpen();
        jobs.check(count, arch, false);
        return IpsecMbLibrary.espOpen(handle, jobs.segment(), count);
    }

    /**
     * AH: computes and writes the ICV of jobs {@code [0, count)}.
     *
     * @return the number of jobs whose status is {@link JobStatus#OK}.
     * @throws IllegalArgumentException for a count out of range or a key of another architecture.
     * @throws IllegalStateException when this manager, the job array or a job's key is closed, or a
     *         job was never set.
     */
    public int sign(final AhJobArray jobs, final int count)
    {
        requireOpen();
        jobs.check(count, arch);
        return IpsecMbLibrary.ahSign(handle, jobs.segment(), count);
    }

    /**
     * AH: compares, in constant time, the ICV of jobs {@code [0, count)} with the one computed.
     *
     * @return the number of jobs whose status is {@link JobStatus#OK}.
     * @throws IllegalArgumentException for a count out of range or a key of another architecture.
     * @throws IllegalStateException when this manager, the job array or a job's key is closed, or a
     *         job was never set.
     */
    public int verify(final AhJobArray jobs, final int count)
    {
        requireOpen();
        jobs.check(count, arch);
        return IpsecMbLibrary.ahVerify(handle, jobs.segment(), count);
    }

    /** Frees the manager; later calls throw. Idempotent. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IpsecMbLibrary.mgrFree(handle);
        }
    }

    @Override
    public String toString()
    {
        return "IpsecMbManager[" + arch + (closed ? ", closed]" : "]");
    }

    MemorySegment handle()
    {
        requireOpen();
        return handle;
    }

    private void requireOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("ipsec-mb manager is closed");
        }
    }
}
