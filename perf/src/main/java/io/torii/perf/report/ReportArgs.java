package io.torii.perf.report;

import static io.torii.perf.report.OptionValues.list;
import static io.torii.perf.report.OptionValues.value;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code EspBenchReport}.
 *
 * @param quick shorter runs: 1 fork, 3 warm-up iterations of 1 s and 3 measured ones of half a second,
 *        and only {@code aes128gcm16} unless {@code suites} says otherwise.
 * @param json where to write JSON lines, if anywhere.
 * @param suites the ESP proposals to run; empty for the benchmarks' own list.
 * @param sizes the packet sizes to run; empty for the benchmarks' own list.
 * @param engines the crypto engines to run; empty for the JDK's and, where it can run, ipsec-mb's.
 * @param directions {@link EspRow#ENCRYPT}, {@link EspRow#DECRYPT} or both.
 * @param refill whether to measure the refill baselines.
 * @param help whether to print the usage and stop.
 */
public record ReportArgs(
    boolean quick,
    Optional<Path> json,
    List<String> suites,
    List<String> sizes,
    List<String> engines,
    List<String> directions,
    boolean refill,
    boolean help)
{
    /** What {@link #parse(String...)} accepts. */
    public static final String USAGE = """
        usage: EspBenchReport [--quick] [--json FILE] [--suites LIST] [--sizes LIST] [--engines LIST]
                              [--directions LIST] [--no-refill]
          --quick            1 fork, 3 warm-up x 1 s, 3 iterations x 0.5 s, suite aes128gcm16 unless --suites
                             (default: the benchmarks' own settings, all eight suites)
          --json FILE        also write one JSON object per result to FILE
          --suites LIST      comma-separated ESP proposals, e.g. aes128gcm16,aes128-sha256 (default: all eight)
          --sizes LIST       comma-separated cleartext IP packet sizes and/or imix (default: 64,576,1400,imix)
          --engines LIST     crypto engines: jdk, ipsec-mb (default: both, ipsec-mb where it can run); with
                             ipsec-mb, encrypt and an AES-GCM suite, the raw C limit runs too (ipsec-mb-raw-c)
          --directions LIST  encrypt, decrypt or encrypt,decrypt (default: both)
          --no-refill        skip the batch-refill baselines (then there are no net times and no ratios to C)
        """;

    /**
     * @param args the command line.
     * @return the options.
     * @throws IllegalArgumentException naming an unknown option, a missing value or an unknown direction.
     */
    public static ReportArgs parse(final String... args)
    {
        boolean quick = false;
        boolean refill = true;
        boolean help = false;
        Path json = null;
        List<String> suites = List.of();
        List<String> sizes = List.of();
        List<String> engines = List.of();
        List<String> directions = List.of(EspRow.ENCRYPT, EspRow.DECRYPT);
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick" -> quick = true;
                case "--no-refill" -> refill = false;
                case "-h", "--help" -> help = true;
                case "--json" -> json = Path.of(value(args, ++i, "--json", USAGE));
                case "--suites" -> suites = list(value(args, ++i, "--suites", USAGE));
                case "--sizes" -> sizes = list(value(args, ++i, "--sizes", USAGE));
                case "--engines" -> engines = list(value(args, ++i, "--engines", USAGE));
                case "--directions" -> directions = directions(value(args, ++i, "--directions", USAGE));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'\n" + USAGE);
            }
        }
        return new ReportArgs(quick, Optional.ofNullable(json), suites, sizes, engines, directions, refill, help);
    }

    private static List<String> directions(final String text)
    {
        final List<String> directions = list(text);
        for (final String direction : directions)
        {
            if (!Arrays.asList(EspRow.ENCRYPT, EspRow.DECRYPT).contains(direction))
            {
                throw new IllegalArgumentException("direction '" + direction + "': expected " + EspRow.ENCRYPT +
                    " or " + EspRow.DECRYPT);
            }
        }
        return directions;
    }
}
