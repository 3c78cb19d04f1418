package io.torii.perf.report;

import static io.torii.perf.report.OptionValues.list;
import static io.torii.perf.report.OptionValues.value;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code WorkerBenchReport}. Empty lists mean the default matrix, which
 * {@code --quick} reduces.
 *
 * @param quick shorter runs and, unless given, ipsec-mb only, sizes 64 and 1400, 1 and 100,000 tunnels.
 * @param json where to write JSON lines, if anywhere.
 * @param sizes the packet sizes.
 * @param engines the crypto engines.
 * @param tunnels the tunnel counts.
 * @param workers the worker counts.
 * @param directions {@code outbound}, {@code inbound} or both.
 * @param help whether to print the usage and stop.
 */
public record WorkerArgs(
    boolean quick,
    Optional<Path> json,
    List<String> sizes,
    List<String> engines,
    List<String> tunnels,
    List<String> workers,
    List<String> directions,
    boolean help)
{
    /** What {@link #parse(String...)} accepts. */
    public static final String USAGE = """
        usage: WorkerBenchReport [--quick] [--json FILE] [--sizes LIST] [--engines LIST] [--tunnels LIST]
                                 [--workers LIST] [--directions LIST]
          --quick            1 fork, 2 warm-up x 1 s, 3 iterations x 0.5 s; unless given: engine ipsec-mb,
                             sizes 64,1400, tunnels 1,100000 (workers 1,2 and both directions as by default)
          --json FILE        also write one JSON object per result to FILE
          --sizes LIST       cleartext IP packet sizes and/or imix (default: 64,1400,imix)
          --engines LIST     jdk, ipsec-mb (default: both, ipsec-mb where it can run); with ipsec-mb the raw
                             C limit (RawGcmBenchmark, aes128gcm16) runs for the sizes it knows
          --tunnels LIST     tunnel counts (default: 1,1000,100000)
          --workers LIST     worker counts, one JMH thread each (default: 1,2)
          --directions LIST  outbound, inbound or both (default: both)
        """;

    /**
     * @param args the command line.
     * @return the options.
     * @throws IllegalArgumentException naming an unknown option or a missing value.
     */
    public static WorkerArgs parse(final String... args)
    {
        boolean quick = false;
        boolean help = false;
        Path json = null;
        List<String> sizes = List.of();
        List<String> engines = List.of();
        List<String> tunnels = List.of();
        List<String> workers = List.of();
        List<String> directions = List.of();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick" -> quick = true;
                case "-h", "--help" -> help = true;
                case "--json" -> json = Path.of(value(args, ++i, "--json", USAGE));
                case "--sizes" -> sizes = list(value(args, ++i, "--sizes", USAGE));
                case "--engines" -> engines = list(value(args, ++i, "--engines", USAGE));
                case "--tunnels" -> tunnels = list(value(args, ++i, "--tunnels", USAGE));
                case "--workers" -> workers = list(value(args, ++i, "--workers", USAGE));
                case "--directions" -> directions = list(value(args, ++i, "--directions", USAGE));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'\n" + USAGE);
            }
        }
        return new WorkerArgs(quick, Optional.ofNullable(json), sizes, engines, tunnels, workers, directions, help);
    }
}
