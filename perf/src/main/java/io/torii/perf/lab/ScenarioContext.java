package io.torii.perf.lab;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What a running scenario sees: the run's options, a deadline, and where its figures and progress lines
 * go. Figures are kept as they are recorded, so those taken before a timeout are reported.
 */
public final class ScenarioContext
{
    private final String scenario;
    private final BenchOptions options;
    private final int cores;
    private final long deadlineNanos;
    private final Consumer<String> progress;
    private final List<Figure> figures = new CopyOnWriteArrayList<>();

    /**
     * @param scenario the scenario's name, stamped on its progress lines.
     * @param options the run's options.
     * @param cores the processors available.
     * @param deadlineNanos {@link System#nanoTime()} by which the scenario should be done.
     * @param progress where progress lines go.
     */
    public ScenarioContext(final String scenario, final BenchOptions options, final int cores,
        final long deadlineNanos, final Consumer<String> progress)
    {
        this.scenario = scenario;
        this.options = options;
        this.cores = cores;
        this.deadlineNanos = deadlineNanos;
        this.progress = progress;
    }

    /** @return whether the quick subset runs. */
    public boolean quick()
    {
        return options.quick();
    }

    /** @return the hardware profile asked for with {@code --profile}, if any. */
    public Optional<String> profile()
    {
        return options.profile();
    }

    /** @return the processors available. */
    public int cores()
    {
        return cores;
    }

    /** @return whole seconds left before the deadline, at least 0. */
    public long secondsLeft()
    {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000_000L);
    }

    /**
     * Records a figure.
     *
     * @param figure the figure; its scenario should be this one's.
     */
    public void record(final Figure figure)
    {
        figures.add(figure);
    }

    /**
     * Records a figure of this scenario.
     *
     * @param system the system measured.
     * @param metric the metric.
     * @param unit its unit.
     * @param value the value.
     * @param labels the conditions, as name, value, name, value...
     */
    public void record(final String system, final String metric, final String unit, final double value,
        final String... labels)
    {
        record(new Figure(scenario, system, metric, unit, value, Labels.of(labels)));
    }

    /**
     * Shows one progress line.
     *
     * @param format a {@link String#format} pattern.
     * @param args its arguments.
     */
    public void progress(final String format, final Object... args)
    {
        progress.accept(scenario + ": " + String.format(Locale.ROOT, format, args));
    }

    /** @return the figures recorded so far. */
    public List<Figure> figures()
    {
        return List.copyOf(figures);
    }
}
