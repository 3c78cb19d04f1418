package io.torii.perf.lab.chart;

import java.util.List;

/**
 * One coloured set of bars: a value per category of its chart, NaN where there is none.
 *
 * @param name the legend's text.
 * @param values one per category, in the chart's category order.
 */
public record ChartSeries(String name, List<Double> values)
{
    /** Copies the values. */
    public ChartSeries
    {
        values = List.copyOf(values);
    }
}
