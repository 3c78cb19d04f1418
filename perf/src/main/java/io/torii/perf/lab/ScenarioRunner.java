package io.torii.perf.lab;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one scenario on a thread of its own and waits no longer than its budget: a scenario that overruns
 * is interrupted and reported as timed out with the figures it recorded, one that throws is reported as
 * failed, and one whose prerequisites are missing as skipped. Nothing a scenario does fails the run.
 */
public final class ScenarioRunner
{
    /** How long an interrupted scenario gets to clean up (namespaces, child processes) before the lab goes on. */
    private static final Duration CLEAN_UP = Duration.ofSeconds(20);

    private final BenchOptions options;
    private final int cores;
    private final Consumer<String> progress;

    /**
     * @param options the run's options.
     * @param cores the processors available.
     * @param progress where progress lines go.
     */
    public ScenarioRunner(final BenchOptions options, final int cores, final Consumer<String> progress)
    {
        this.options = options;
        this.cores = cores;
        this.progress = progress;
    }

    /**
     * @param scenario the scenario.
     * @return how it went.
     */
    public ScenarioOutcome run(final Scenario scenario)
    {
        final Optional<String> missing = scenario.missingPrerequisite();
        if (missing.isPresent())
        {
            progress.accept(scenario.name() + ": skipped, " + missing.get());
            return new ScenarioOutcome(scenario.name(), ScenarioOutcome.Status.SKIPPED, missing.get(), 0,
                List.of());
        }
        final Duration budget = scenario.budget(options.quick());
        final long started = System.nanoTime();
        final ScenarioContext context = new ScenarioContext(scenario.name(), options, cores,
            started + budget.toNanos(), progress);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread thread = Thread.ofPlatform().name("bench-" + scenario.name()).daemon(true).unstarted(() ->
        {
            try
            {
                scenario.run(context);
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        });
        progress.accept(scenario.name() + ": " + scenario.description() + " (at most " + budget.toSeconds() + " s)");
        thread.start();
        boolean finished = join(thread, budget);
        if (!finished)
        {
            thread.interrupt();
            join(thread, CLEAN_UP);
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        final Throwable error = thrown.get();
        final ScenarioOutcome outcome;
        if (!finished)
        {
            outcome = new ScenarioOutcome(scenario.name(), ScenarioOutcome.Status.TIMED_OUT,
                "stopped after its budget of " + budget.toSeconds() + " s", seconds, context.figures());
        }
        else if (error instanceof ScenarioSkipped skipped)
        {
            outcome = new ScenarioOutcome(scenario.name(), ScenarioOutcome.Status.SKIPPED, skipped.getMessage(),
                seconds, context.figures());
        }
        else if (error != null)
        {
            outcome = new ScenarioOutcome(scenario.name(), ScenarioOutcome.Status.FAILED, describe(error), seconds,
                context.figures());
        }
        else
        {
            outcome = new ScenarioOutcome(scenario.name(), ScenarioOutcome.Status.RAN, "", seconds,
                context.figures());
        }
        progress.accept(String.format(Locale.ROOT, "%s: %s in %.0f s, %d figures%s", scenario.name(),
            outcome.status().name().toLowerCase(Locale.ROOT), seconds, outcome.figures().size(),
            outcome.reason().isEmpty() ? "" : " (" + outcome.reason() + ")"));
        return outcome;
    }

    private static boolean join(final Thread thread, final Duration limit)
    {
        try
        {
            return thread.join(limit);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }

    /** @return the error's class and message, first line only, for the summary. */
    static String describe(final Throwable error)
    {
        final String message = error.getMessage() == null ? "" : error.getMessage().strip();
        final int newline = message.indexOf('\n');
        final String first = newline < 0 ? message : message.substring(0, newline);
        final String shown = first.length() > 200 ? first.substring(0, 200) + "..." : first;
        return error.getClass().getSimpleName() + (shown.isEmpty() ? "" : ": " + shown);
    }
}
