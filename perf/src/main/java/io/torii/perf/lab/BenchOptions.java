package io.torii.perf.lab;

import io.torii.hwprofiles.HardwareProfiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./torii bench}'s options.
 *
 * @param scenarios the scenarios to run, in the order given; all of them when none were named.
 * @param quick whether to run the quick subset (under 5 minutes on two cores).
 * @param profile the hardware profile to measure with, if one was named.
 * @param resultsRoot where report directories are made.
 * @param help whether only the usage was asked for.
 */
public record BenchOptions(List<String> scenarios, boolean quick, Optional<String> profile, Path resultsRoot,
    boolean help)
{
    /** The usage text. */
    public static final String USAGE = """
        usage: ./torii bench [SCENARIO...] [--quick] [--profile NAME] [--out DIR]
               ./torii bench esp [options]     the ESP table alone (--help for its options)
               ./torii bench jmh [JMH options] JMH itself
          SCENARIO   any of crypto, loop, e2e, ike, strongswan (default: all, in that order)
          --quick    the quick subset: under 5 minutes on two cores
          --profile  measure with that hardware profile (hw-profiles), to compare profiles on one box
          --out      where the report directory <date>-<host>/ is made (default perf/results)
        """;
    /** Every scenario, in the order a full run takes them. */
    public static final List<String> ALL_SCENARIOS = List.of("crypto", "loop", "e2e", "ike", "strongswan");
    private static final Path DEFAULT_RESULTS = Path.of("perf", "results");

    /** Copies the list. */
    public BenchOptions
    {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * @param args the command line after {@code bench}.
     * @return the options, or why they are not valid.
     */
    public static Parsed parse(final String... args)
    {
        final List<String> scenarios = new ArrayList<>();
        boolean quick = false;
        boolean help = false;
        String profile = null;
        Path out = DEFAULT_RESULTS;
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "--quick" -> quick = true;
                case "--help", "-h" -> help = true;
                case "--profile", "--out" ->
                {
                    if (i + 1 >= args.length || args[i + 1].isBlank() || args[i + 1].startsWith("--"))
                    {
                        return Parsed.failed(arg + " needs a value");
                    }
                    if ("--profile".equals(arg))
                    {
                        profile = args[++i];
                        if (HardwareProfiles.find(profile).isEmpty())
                        {
                            return Parsed.failed("unknown hardware profile '" + profile + "': expected any of " +
                                String.join(", ", HardwareProfiles.NAMES));
                        }
                    }
                    else
                    {
                        out = Path.of(args[++i]);
                    }
                }
                default ->
                {
                    if (arg.startsWith("-"))
                    {
                        return Parsed.failed("unknown option '" + arg + "'");
                    }
                    if (!ALL_SCENARIOS.contains(arg))
                    {
                        return Parsed.failed("unknown scenario '" + arg + "': expected any of " +
                            String.join(", ", ALL_SCENARIOS));
                    }
                    if (!scenarios.contains(arg))
                    {
                        scenarios.add(arg);
                    }
                }
            }
        }
        return Parsed.of(new BenchOptions(scenarios.isEmpty() ? ALL_SCENARIOS : scenarios, quick,
            Optional.ofNullable(profile), out, help));
    }

    /**
     * What parsing gave: options, or the reason there are none.
     *
     * @param options the options, null when the arguments were not valid.
     * @param failure why they were not, null when they were.
     */
    public record Parsed(BenchOptions options, String failure)
    {
        /** @return whether the arguments were valid. */
        public boolean ok()
        {
            return options != null;
        }

        static Parsed of(final BenchOptions options)
        {
            return new Parsed(options, null);
        }

        static Parsed failed(final String failure)
        {
            return new Parsed(null, failure);
        }
    }
}
