package io.torii.dataplane.threading;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.BitSet;
import java.util.Optional;

/**
 * Binds libc's thread-affinity calls through the FFM API, so that a worker thread can pin itself to
 * a CPU with no C of our own:
 * <pre>
 * int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask);
 * int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask);
 * pid_t gettid(void);
 * </pre>
 * A pid of 0 means the calling thread (sched_setaffinity(2)), so each call acts on the thread that
 * makes it. glibc's {@code cpu_set_t} is a 1,024-bit mask, 128 bytes, CPU {@code n} being bit
 * {@code n % 8} of byte {@code n / 8}; we pass that size, as the CPU_SET macros do.
 *
 * <p>These are set-up calls, made once per thread at start, so they use plain (not critical)
 * downcalls and a confined arena per call.
 */
public final class CpuAffinity
{
    /** The CPUs a glibc {@code cpu_set_t} can name: 0 to 1023. */
    public static final int MAX_CPUS = 1024;
    private static final long CPU_SET_BYTES = MAX_CPUS / Byte.SIZE;
    private static final int EPERM = 1;
    private static final int ESRCH = 3;
    private static final int EFAULT = 14;
    private static final int EINVAL = 22;

    private static final Bindings BINDINGS = Bindings.load();

    private CpuAffinity()
    {
    }

    /** The downcall handles, or why there are none (not Linux, no glibc, native access denied). */
    private record Bindings(MethodHandle setAffinity, MethodHandle getAffinity, MethodHandle getTid,
        StructLayout callState, VarHandle errno, String unavailableReason)
    {
        @SuppressWarnings("restricted") // binding libc symbols is this class's purpose
        static Bindings load()
        {
            try
            {
                final Linker linker = Linker.nativeLinker();
                final SymbolLookup libc = linker.defaultLookup();
                final Linker.Option captureErrno = Linker.Option.captureCallState("errno");
                final StructLayout callState = Linker.Option.captureStateLayout();
                final FunctionDescriptor affinity = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
                return new Bindings(
                    linker.downcallHandle(find(libc, "sched_setaffinity"), affinity, captureErrno),
                    linker.downcallHandle(find(libc, "sched_getaffinity"), affinity, captureErrno),
                    linker.downcallHandle(find(libc, "gettid"), FunctionDescriptor.of(ValueLayout.JAVA_INT)),
                    callState, callState.varHandle(MemoryLayout.PathElement.groupElement("errno")), null);
            }
            catch (final RuntimeException ex)
            {
                return new Bindings(null, null, null, null, null,
                    "libc's affinity calls cannot be bound here: " + ex.getMessage());
            }
        }

        private static MemorySegment find(final SymbolLookup libc, final String symbol)
        {
            return libc.find(symbol).orElseThrow(() -> new IllegalStateException("libc has no " + symbol));
        }
    }

    /** @return empty when threads can be pinned here, otherwise why not. */
    public static Optional<String> unavailableReason()
    {
        return Optional.ofNullable(BINDINGS.unavailableReason());
    }

    /**
     * @return the CPUs the calling thread may run on, from {@code sched_getaffinity}; where that
     *     cannot be called, CPUs 0 to {@link Runtime#availableProcessors()} - 1.
     */
    public static BitSet allowedCpus()
    {
        if (BINDINGS.unavailableReason() != null)
        {
            final BitSet all = new BitSet();
            all.set(0, Runtime.getRuntime().availableProcessors());
            return all;
        }
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(CPU_SET_BYTES);
            final MemorySegment state = arena.allocate(BINDINGS.callState());
            final int result = (int)BINDINGS.getAffinity().invokeExact(state, 0, CPU_SET_BYTES, mask);
            if (result != 0)
            {
                throw new IllegalStateException("sched_getaffinity failed: " + errnoText(state));
            }
            return BitSet.valueOf(mask.toArray(ValueLayout.JAVA_BYTE));
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("sched_getaffinity failed", t);
        }
    }

    /**
     * Pins the calling thread to one CPU, then reads the mask back to check that the kernel took it.
     *
     * @param cpu the CPU, 0 to {@link #MAX_CPUS} - 1.
     * @throws IllegalArgumentException for a CPU outside that range.
     * @throws IllegalStateException when the call fails (EINVAL: the CPU is not one this process may
     *     use or does not exist), or the mask read back is not that CPU alone; the thread's mask is
     *     then unchanged or whatever the kernel left.
     */
    public static void pinCurrentThread(final int cpu)
    {
        if (cpu < 0 || cpu >= MAX_CPUS)
        {
            throw new IllegalArgumentException("CPU " + cpu + " is outside 0-" + (MAX_CPUS - 1));
        }
        if (BINDINGS.unavailableReason() != null)
        {
            throw new IllegalStateException("cannot pin to CPU " + cpu + ": " + BINDINGS.unavailableReason());
        }
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(CPU_SET_BYTES);
            mask.set(ValueLayout.JAVA_BYTE, cpu / Byte.SIZE, (byte)(1 << (cpu % Byte.SIZE)));
            final MemorySegment state = arena.allocate(BINDINGS.callState());
            final int result = (int)BINDINGS.setAffinity().invokeExact(state, 0, CPU_SET_BYTES, mask);
            if (result != 0)
            {
                throw new IllegalStateException("sched_setaffinity to CPU " + cpu + " failed: " + errnoText(state));
            }
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("sched_setaffinity to CPU " + cpu + " failed", t);
        }
        final BitSet readBack = allowedCpus();
        if (readBack.cardinality() != 1 || !readBack.get(cpu))
        {
            throw new IllegalStateException("pinned to CPU " + cpu + " but sched_getaffinity reads back " +
                CpuSets.format(readBack));
        }
    }

    /**
     * @return the calling thread's kernel thread id, as {@code /proc/self/task/TID} names it.
     * @throws IllegalStateException where libc cannot be called.
     */
    public static int currentThreadId()
    {
        if (BINDINGS.unavailableReason() != null)
        {
            throw new IllegalStateException(BINDINGS.unavailableReason());
        }
        try
        {
            return (int)BINDINGS.getTid().invokeExact();
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("gettid failed", t);
        }
    }

    private static String errnoText(final MemorySegment state)
    {
        final int errno = (int)BINDINGS.errno().get(state, 0L);
        final String name = switch (errno)
        {
            case EINVAL -> "EINVAL, the mask names no CPU this process may run on";
            case EPERM -> "EPERM, not permitted";
            case ESRCH -> "ESRCH, no such thread";
            case EFAULT -> "EFAULT, bad mask address";
            default -> "errno " + errno;
        };
        return name + " (" + errno + ")";
    }
}
