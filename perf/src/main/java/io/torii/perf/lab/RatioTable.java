package io.torii.perf.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The summary's ratios: each Torii figure over strongSwan's, the crypto limit's or plain veth's figure
 * taken in the same run under the same conditions, by the rules in {@link #RULES}. A ratio above 1 means
 * Torii's number is the larger; for latencies and CPU time smaller is better, which the table's metric
 * names make plain.
 */
public final class RatioTable
{
    private static final List<String> E2E_METRICS = List.of("e2e_tcp_gbps", "e2e_udp_kpps", "e2e_latency_p50_us",
        "e2e_latency_p99_us", "e2e_latency_p999_us");
    private static final List<String> IKE_METRICS = List.of("ike_sas_per_s", "ike_cpu_ms_per_sa",
        "ike_setup_p50_ms", "ike_setup_p99_ms", "ike_rss_kib_per_sa");

    /** The comparisons the summary makes. */
    public static final List<RatioRule> RULES = rules();

    private RatioTable()
    {
    }

    private static List<RatioRule> rules()
    {
        final List<RatioRule> rules = new ArrayList<>();
        // ESP encryption by Torii's engine against ipsec-mb's AES-GCM alone, size by size.
        rules.add(new RatioRule(RatioRule.VS_CRYPTO_LIMIT, "esp_encrypt_gbps", Map.of(), Figure.CRYPTO_LIMIT,
            "esp_encrypt_gbps", List.of("size")));
        // A whole worker (one tunnel) against the same limit: what the loop costs beyond the cipher.
        rules.add(new RatioRule(RatioRule.VS_CRYPTO_LIMIT, "loop_gbps_per_worker", Map.of("sas", "1", "workers", "1"),
            Figure.CRYPTO_LIMIT, "esp_encrypt_gbps", List.of("size")));
        for (final String metric : E2E_METRICS)
        {
            rules.add(new RatioRule(RatioRule.VS_VETH, metric, Map.of(), Figure.VETH, metric, List.of()));
            rules.add(new RatioRule(RatioRule.VS_STRONGSWAN, metric, Map.of(), Figure.STRONGSWAN, metric, List.of()));
        }
        for (final String metric : IKE_METRICS)
        {
            rules.add(new RatioRule(RatioRule.VS_STRONGSWAN, metric, Map.of(), Figure.STRONGSWAN, metric, List.of()));
        }
        return List.copyOf(rules);
    }

    /**
     * @param figures every figure of the run.
     * @return one ratio per Torii figure and baseline the rules pair, in rule order, then figure order.
     */
    public static List<Ratio> compute(final List<Figure> figures)
    {
        return compute(figures, RULES);
    }

    /**
     * @param figures every figure of the run.
     * @param rules the comparisons to make.
     * @return one ratio per Torii figure and first matching baseline, in rule order, then figure order.
     */
    public static List<Ratio> compute(final List<Figure> figures, final List<RatioRule> rules)
    {
        final List<Ratio> ratios = new ArrayList<>();
        for (final RatioRule rule : rules)
        {
            for (final Figure torii : figures)
            {
                if (!rule.takesTorii(torii))
                {
                    continue;
                }
                figures.stream().filter(candidate -> rule.isBaselineFor(torii, candidate)).findFirst()
                    .ifPresent(baseline -> ratios.add(new Ratio(rule.heading(), torii, baseline,
                        divide(torii.value(), baseline.value()))));
            }
        }
        return List.copyOf(ratios);
    }

    /**
     * @param metric a metric's name.
     * @return whether a larger value is better: false for latencies, CPU time and memory.
     */
    public static boolean higherIsBetter(final String metric)
    {
        return !(metric.contains("latency") || metric.contains("setup") || metric.contains("cpu") ||
            metric.contains("rss") || metric.contains("loss"));
    }

    private static double divide(final double torii, final double baseline)
    {
        return Double.isFinite(baseline) && baseline != 0 ? torii / baseline : Double.NaN;
    }
}
