package io.torii.perf.lab;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * summary.md: the machine first (CPU model and flags, cores, kernel, JDK), then the ratio table, how each
 * scenario went, the charts and every figure grouped by scenario.
 */
public final class SummaryMarkdown
{
    private SummaryMarkdown()
    {
    }

    /**
     * @param title the heading, such as the report directory's name.
     * @param machine the machine.
     * @param options the run's options.
     * @param outcomes how each scenario went, in run order.
     * @param ratios the ratio table.
     * @param charts the chart files, relative to the summary.
     * @return the Markdown text.
     */
    public static String format(final String title, final MachineInfo machine, final BenchOptions options,
        final List<ScenarioOutcome> outcomes, final List<Ratio> ratios, final List<String> charts)
    {
        final StringBuilder md = new StringBuilder(4096);
        md.append("# Torii bench: ").append(title).append("\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        row(md, "CPU", machine.cpuModel());
        row(md, "CPU flags (crypto, vector)", machine.notableFlags().isEmpty() ? "none of " +
            String.join(" ", MachineInfo.NOTABLE_FLAGS) : String.join(" ", machine.notableFlags()) +
            (machine.missingNotableFlags().isEmpty() ? "" : " (lacks " +
            String.join(" ", machine.missingNotableFlags()) + ")"));
        row(md, "Cores", Integer.toString(machine.cores()));
        row(md, "Kernel", machine.kernel());
        row(md, "JDK", machine.jdk());
        row(md, "Run", (options.quick() ? "--quick" : "full") + ", scenarios " +
            String.join(" ", options.scenarios()) + ", profile " + options.profile().map(name -> name +
            (ProfileHook.applied(options.profile()) ? " (end-to-end gateways)" : ""))
            .orElse("none (defaults)"));
        md.append("\nAll CPU flags: ").append(String.join(" ", machine.flags())).append("\n\n");

        md.append("""
            Reading these numbers: every figure comes from this one run on this machine, with whatever else ran
            beside it; --quick takes one short JMH fork per point, so compare trends rather than third digits.
            Torii's gateways and IKE responder are JVMs started for the scenario: their CPU time includes JIT
            compilation (the IKE rate is measured after a warm-up of as many SAs, which leaves less of it), and
            a JVM's memory growth counts heap it has not collected yet. strongSwan runs ESP in userspace
            (kernel-libipsec, always ESP in UDP) where the kernel has no ESP, as Torii does.

            """);
        md.append("## Ratios\n\n");
        if (ratios.isEmpty())
        {
            md.append("No ratios: no Torii figure had its baseline measured in this run.\n\n");
        }
        else
        {
            md.append("Same run, same conditions. A ratio above 1 means Torii's number is the larger; the last " +
                "column says which way is better.\n\n");
            md.append("| Ratio | Metric | Torii | Conditions | Torii value | Baseline value | Ratio | Better |\n");
            md.append("|---|---|---|---|---:|---:|---:|---|\n");
            for (final Ratio ratio : ratios)
            {
                md.append("| ").append(ratio.heading())
                    .append(" | ").append(ratio.torii().metric())
                    .append(" | ").append(ReportCharts.pathName(ratio.torii()))
                    .append(" | ").append(conditions(ratio.torii().labels(), "port"))
                    .append(" | ").append(value(ratio.torii()))
                    .append(" | ").append(value(ratio.baseline()))
                    .append(" | ").append(Double.isFinite(ratio.ratio()) ?
                        String.format(Locale.ROOT, "%.2f", ratio.ratio()) : "n/a")
                    .append(" | ").append(RatioTable.higherIsBetter(ratio.torii().metric()) ? "higher" : "lower")
                    .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Scenarios\n\n| Scenario | Status | Seconds | Figures | Note |\n|---|---|---:|---:|---|\n");
        for (final ScenarioOutcome outcome : outcomes)
        {
            md.append("| ").append(outcome.scenario())
                .append(" | ").append(outcome.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(" | ").append(String.format(Locale.ROOT, "%.0f", outcome.seconds()))
                .append(" | ").append(outcome.figures().size())
                .append(" | ").append(cell(outcome.reason()))
                .append(" |\n");
        }
        md.append("\n## Charts\n\n");
        for (final String chart : charts)
        {
            md.append("![").append(chart.replace(".png", "")).append("](").append(chart).append(")\n\n");
        }
        md.append("## Figures\n\nRaw values are in results.jsonl, one JSON object per figure.\n");
        for (final ScenarioOutcome outcome : outcomes)
        {
            if (outcome.figures().isEmpty())
            {
                continue;
            }
            md.append("\n### ").append(outcome.scenario()).append("\n\n");
            md.append("| System | Metric | Conditions | Value | Unit |\n|---|---|---|---:|---|\n");
            for (final Figure figure : outcome.figures())
            {
                md.append("| ").append(figure.system())
                    .append(" | ").append(figure.metric())
                    .append(" | ").append(conditions(figure.labels(), ""))
                    .append(" | ").append(number(figure.value()))
                    .append(" | ").append(figure.unit())
                    .append(" |\n");
            }
        }
        return md.toString();
    }

    /** @return the labels as {@code name=value} pairs in name order, leaving one out; {@code -} when none. */
    static String conditions(final Map<String, String> labels, final String leftOut)
    {
        final String text = labels.entrySet().stream().filter(label -> !label.getKey().equals(leftOut))
            .sorted(Map.Entry.comparingByKey()).map(label -> label.getKey() + "=" + label.getValue())
            .collect(Collectors.joining(" "));
        return text.isEmpty() ? "-" : cell(text);
    }

    private static String value(final Figure figure)
    {
        return number(figure.value()) + " " + figure.unit();
    }

    /** @return three significant digits or so, without exponent notation for usual magnitudes. */
    static String number(final double value)
    {
        if (!Double.isFinite(value))
        {
            return "n/a";
        }
        final double magnitude = Math.abs(value);
        final String pattern = magnitude >= 1000 ? "%.0f" : magnitude >= 100 ? "%.1f" : magnitude >= 1 ? "%.2f" :
            "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static void row(final StringBuilder md, final String name, final String value)
    {
        md.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
    }

    /** @return the text safe inside a table cell: pipes escaped, line ends as spaces. */
    static String cell(final String text)
    {
        return text.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }
}
