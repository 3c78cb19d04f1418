package io.torii.perf.lab.chart;

import java.util.List;

/**
 * What one chart shows: bars grouped by category, one bar per series in each group.
 *
 * @param title the title above the plot.
 * @param valueAxis the value axis' label, with its unit.
 * @param categoryAxis the category axis' label.
 * @param categories the groups along the category axis.
 * @param series the bars in each group.
 * @param note a line shown when there is nothing to plot, such as why a scenario was skipped.
 */
public record ChartData(String title, String valueAxis, String categoryAxis, List<String> categories,
    List<ChartSeries> series, String note)
{
    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException when a series does not have one value per category.
     */
    public ChartData
    {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        for (final ChartSeries one : series)
        {
            if (one.values().size() != categories.size())
            {
                throw new IllegalArgumentException("series '" + one.name() + "' has " + one.values().size() +
                    " values for " + categories.size() + " categories");
            }
        }
    }

    /** @return whether any bar has a finite value. */
    public boolean hasValues()
    {
        return series.stream().flatMap(one -> one.values().stream()).anyMatch(Double::isFinite);
    }

    /** @return the largest finite value, 0 when there is none. */
    public double maximum()
    {
        return series.stream().flatMap(one -> one.values().stream()).filter(Double::isFinite)
            .mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
