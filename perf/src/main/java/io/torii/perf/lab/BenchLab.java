package io.torii.perf.lab;

import io.torii.perf.lab.scenario.CryptoScenario;
import io.torii.perf.lab.scenario.EndToEndScenario;
import io.torii.perf.lab.scenario.IkeScenario;
import io.torii.perf.lab.scenario.LoopScenario;
import io.torii.perf.lab.scenario.StrongSwanScenario;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./torii bench [SCENARIO...] [--quick] [--profile NAME]}: runs the scenarios in turn, each within
 * its budget and with progress lines on standard error, then writes the report directory and prints the
 * path of its summary. A scenario that cannot run or fails is reported as such; the run still succeeds.
 */
public final class BenchLab
{
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private BenchLab()
    {
    }

    /**
     * @param args see {@link BenchOptions#USAGE}.
     * @throws IOException when the report cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(args);
        if (!parsed.ok())
        {
            System.err.println("torii bench: " + parsed.failure());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        final BenchOptions options = parsed.options();
        if (options.help())
        {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        final long started = System.nanoTime();
        final MachineInfo machine = MachineInfo.here();
        final Path directory = ReportWriter.freshDirectory(options.resultsRoot(), LocalDate.now(), machine);
        progress(String.format(Locale.ROOT, "%s, %d cores, kernel %s; report in %s", machine.cpuModel(),
            machine.cores(), machine.kernel(), directory));
        options.profile().ifPresent(profile -> progress("profile " + profile + (ProfileHook.applied(options.profile()) ?
            ": applied to the end-to-end gateways" : ": named, not yet applied (see ProfileHook)")));
        final ScenarioRunner runner = new ScenarioRunner(options, machine.cores(), BenchLab::progress);
        final List<ScenarioOutcome> outcomes = new ArrayList<>();
        int index = 0;
        for (final String name : options.scenarios())
        {
            index++;
            progress(String.format(Locale.ROOT, "[%d/%d] %s", index, options.scenarios().size(), name));
            outcomes.add(runner.run(scenario(name)));
        }
        ReportWriter.write(directory, machine, options, outcomes);
        final long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        progress(String.format(Locale.ROOT, "done in %d min %02d s", seconds / 60, seconds % 60));
        System.out.println(directory.resolve(ReportWriter.SUMMARY));
        // A scenario stopped at its deadline may leave a thread behind (a JMH fork it waits on): end here.
        System.exit(0);
    }

    /**
     * @param name a scenario's name, one of {@link BenchOptions#ALL_SCENARIOS}.
     * @return the scenario.
     */
    static Scenario scenario(final String name)
    {
        return switch (name)
        {
            case "crypto" -> new CryptoScenario();
            case "loop" -> new LoopScenario();
            case "e2e" -> new EndToEndScenario();
            case "ike" -> new IkeScenario();
            case "strongswan" -> new StrongSwanScenario();
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    private static void progress(final String line)
    {
        System.err.println("bench " + CLOCK.format(LocalTime.now()) + " " + line);
    }
}
