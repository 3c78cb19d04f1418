package io.torii.perf.lab;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One measured number: what produced it, which system it describes, what it measures and under which
 * conditions. The report, its ratios and its charts are all made from these.
 *
 * @param scenario the scenario that measured it, such as {@code loop}.
 * @param system the system measured: {@value #TORII}, {@value #STRONGSWAN}, {@value #VETH} or
 *        {@value #CRYPTO_LIMIT}.
 * @param metric what is measured, such as {@code loop_gbps}; the unit is part of the name's meaning.
 * @param unit the unit, for people: {@code Gbit/s}, {@code Mpps}, {@code us}.
 * @param value the number.
 * @param labels the conditions, such as size and workers, kept sorted by name.
 */
public record Figure(String scenario, String system, String metric, String unit, double value,
    Map<String, String> labels)
{
    /** Torii itself. */
    public static final String TORII = "torii";
    /** strongSwan, for the side-by-side figures. */
    public static final String STRONGSWAN = "strongswan";
    /** A veth path without IPsec: the ceiling the network itself sets. */
    public static final String VETH = "veth";
    /** ipsec-mb's AES-GCM called directly from C: the ceiling the crypto sets. */
    public static final String CRYPTO_LIMIT = "crypto-limit";

    /**
     * @throws NullPointerException when a field is missing.
     */
    public Figure
    {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        labels = Map.copyOf(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
    }

    /**
     * @param name a label's name.
     * @return its value, or the empty string when the figure has no such label.
     */
    public String label(final String name)
    {
        return labels.getOrDefault(name, "");
    }

    /** @return the labels in name order, for stable output. */
    public Map<String, String> sortedLabels()
    {
        return new TreeMap<>(labels);
    }
}
