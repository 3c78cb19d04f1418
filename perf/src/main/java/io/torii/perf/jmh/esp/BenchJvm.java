package io.torii.perf.jmh.esp;

import java.util.List;
import org.agrona.DirectBuffer;

/**
 * The flags every forked benchmark JVM gets, in one place for the {@code @Fork} annotations and for
 * {@code EspBenchReport}, which sets them through JMH's Runner API.
 */
public final class BenchJvm
{
    /** Production runs without Agrona's bounds checks; benchmarks must too, or they measure the checks. */
    public static final String DISABLE_BOUNDS_CHECKS = "-Dagrona.disable.bounds.checks=true";

    /** The first of the {@code torii} launcher's JVM_FLAGS; keep these four in step with that script. */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** From the launcher's JVM_FLAGS. */
    public static final String OPEN_MISC = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED";
    /** From the launcher's JVM_FLAGS. */
    public static final String OPEN_ZIP = "--add-opens=java.base/java.util.zip=ALL-UNNAMED";
    /** From the launcher's JVM_FLAGS. */
    public static final String OPEN_NIO = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";

    private BenchJvm()
    {
    }

    /** @return the launcher's flags, for JMH's {@code jvmArgsAppend}. */
    public static List<String> launcherFlags()
    {
        return List.of(NATIVE_ACCESS, OPEN_MISC, OPEN_ZIP, OPEN_NIO);
    }

    /**
     * Refuses to measure with bounds checks on: called from each benchmark's setup, in the forked JVM.
     *
     * @throws IllegalStateException when Agrona still checks bounds.
     */
    public static void requireBoundsChecksOff()
    {
        if (DirectBuffer.SHOULD_BOUNDS_CHECK)
        {
            throw new IllegalStateException("Agrona bounds checks are on in the benchmark JVM: run it with " +
                DISABLE_BOUNDS_CHECKS + " (the @Fork annotations prepend it; do not override jvmArgsPrepend)");
        }
    }
}
