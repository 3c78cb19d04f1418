package io.torii.perf.lab;

/**
 * One row of the summary's ratio table.
 *
 * @param heading the kind of ratio, such as {@link RatioRule#VS_STRONGSWAN}.
 * @param torii the Torii figure divided.
 * @param baseline the figure divided by.
 * @param ratio the Torii value over the baseline value; NaN when the baseline is zero or not finite.
 */
public record Ratio(String heading, Figure torii, Figure baseline, double ratio)
{
}
