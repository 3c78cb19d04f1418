package io.torii.perf.lab;

import java.util.List;
import java.util.Map;

/**
 * Which Torii figures a ratio divides by which baseline figures: Torii figures of one metric (optionally
 * only those with given labels) over the baseline system's figures of a metric that agree on the named
 * labels.
 *
 * @param heading what the ratio means, for the table: {@code Torii ÷ strongSwan}.
 * @param toriiMetric the Torii figures' metric.
 * @param toriiWhere labels the Torii figures must carry, with these values.
 * @param baselineSystem the system divided by, such as {@link Figure#STRONGSWAN}.
 * @param baselineMetric the baseline figures' metric.
 * @param matching labels whose values the two figures must share.
 */
public record RatioRule(String heading, String toriiMetric, Map<String, String> toriiWhere, String baselineSystem,
    String baselineMetric, List<String> matching)
{
    /** The heading of ratios against strongSwan. */
    public static final String VS_STRONGSWAN = "Torii ÷ strongSwan";
    /** The heading of ratios against the crypto limit. */
    public static final String VS_CRYPTO_LIMIT = "Torii ÷ crypto limit";
    /** The heading of ratios against plain veth. */
    public static final String VS_VETH = "Torii ÷ plain veth";

    /** Copies the collections. */
    public RatioRule
    {
        toriiWhere = Map.copyOf(toriiWhere);
        matching = List.copyOf(matching);
    }

    /**
     * @param figure a figure.
     * @return whether it is one of the Torii figures this rule divides.
     */
    public boolean takesTorii(final Figure figure)
    {
        return Figure.TORII.equals(figure.system()) && toriiMetric.equals(figure.metric()) &&
            toriiWhere.entrySet().stream().allMatch(label -> label.getValue().equals(figure.label(label.getKey())));
    }

    /**
     * @param torii a Torii figure this rule takes.
     * @param candidate any figure.
     * @return whether the candidate is a baseline for it.
     */
    public boolean isBaselineFor(final Figure torii, final Figure candidate)
    {
        return baselineSystem.equals(candidate.system()) && baselineMetric.equals(candidate.metric()) &&
            matching.stream().allMatch(label -> torii.label(label).equals(candidate.label(label)));
    }
}
