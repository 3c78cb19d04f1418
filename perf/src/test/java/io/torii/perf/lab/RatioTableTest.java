package io.torii.perf.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatioTableTest
{
    private static Figure figure(final String system, final String metric, final double value,
        final String... labels)
    {
        return new Figure("s", system, metric, "u", value, Labels.of(labels));
    }

    @Test
    void toriiIsDividedByStrongSwanAndPlainVethForTheSameMetric()
    {
        final List<Figure> figures = List.of(
            figure(Figure.VETH, "e2e_tcp_gbps", 8.0, "port", "veth"),
            figure(Figure.TORII, "e2e_tcp_gbps", 2.0, "port", "udp"),
            figure(Figure.TORII, "e2e_tcp_gbps", 4.0, "port", "afxdp"),
            figure(Figure.STRONGSWAN, "e2e_tcp_gbps", 0.5, "port", "libipsec"));

        final List<Ratio> ratios = RatioTable.compute(figures);

        assertThat(ratios).extracting(Ratio::heading, ratio -> ratio.torii().label("port"), Ratio::ratio)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(RatioRule.VS_VETH, "udp", 0.25),
                org.assertj.core.groups.Tuple.tuple(RatioRule.VS_VETH, "afxdp", 0.5),
                org.assertj.core.groups.Tuple.tuple(RatioRule.VS_STRONGSWAN, "udp", 4.0),
                org.assertj.core.groups.Tuple.tuple(RatioRule.VS_STRONGSWAN, "afxdp", 8.0));
    }

    @Test
    void theCryptoLimitIsMatchedSizeBySize()
    {
        final List<Figure> figures = List.of(
            figure(Figure.CRYPTO_LIMIT, "esp_encrypt_gbps", 80.0, "size", "1400"),
            figure(Figure.CRYPTO_LIMIT, "esp_encrypt_gbps", 10.0, "size", "64"),
            figure(Figure.TORII, "esp_encrypt_gbps", 5.0, "size", "64", "engine", "ipsec-mb"),
            figure(Figure.TORII, "loop_gbps_per_worker", 20.0, "size", "1400", "sas", "1", "workers", "1"),
            figure(Figure.TORII, "loop_gbps_per_worker", 19.0, "size", "1400", "sas", "1000", "workers", "1"));

        final List<Ratio> ratios = RatioTable.compute(figures);

        assertThat(ratios).hasSize(2);
        assertThat(ratios.get(0).heading()).isEqualTo(RatioRule.VS_CRYPTO_LIMIT);
        assertThat(ratios.get(0).ratio()).isEqualTo(0.5);
        assertThat(ratios.get(0).baseline().label("size")).isEqualTo("64");
        assertThat(ratios.get(1).torii().metric()).isEqualTo("loop_gbps_per_worker");
        assertThat(ratios.get(1).ratio()).isEqualTo(0.25);
    }

    @Test
    void noBaselineMeansNoRowAndAZeroBaselineMeansNoNumber()
    {
        final List<Figure> onlyTorii = List.of(figure(Figure.TORII, "ike_sas_per_s", 900));
        final List<Figure> zero = List.of(figure(Figure.TORII, "ike_sas_per_s", 900),
            figure(Figure.STRONGSWAN, "ike_sas_per_s", 0));

        assertThat(RatioTable.compute(onlyTorii)).isEmpty();
        assertThat(RatioTable.compute(zero)).singleElement().extracting(Ratio::ratio).isEqualTo(Double.NaN);
    }

    @Test
    void aRuleTakesOnlyToriiFiguresWithItsLabels()
    {
        final RatioRule rule = new RatioRule("h", "m", Map.of("sas", "1"), Figure.VETH, "m", List.of("size"));

        assertThat(rule.takesTorii(figure(Figure.TORII, "m", 1, "sas", "1"))).isTrue();
        assertThat(rule.takesTorii(figure(Figure.TORII, "m", 1, "sas", "2"))).isFalse();
        assertThat(rule.takesTorii(figure(Figure.STRONGSWAN, "m", 1, "sas", "1"))).isFalse();
        assertThat(rule.isBaselineFor(figure(Figure.TORII, "m", 1, "size", "64"),
            figure(Figure.VETH, "m", 1, "size", "1400"))).isFalse();
    }

    @Test
    void latencyCpuAndMemoryAreBetterLower()
    {
        assertThat(RatioTable.higherIsBetter("e2e_tcp_gbps")).isTrue();
        assertThat(RatioTable.higherIsBetter("ike_sas_per_s")).isTrue();
        assertThat(RatioTable.higherIsBetter("e2e_latency_p99_us")).isFalse();
        assertThat(RatioTable.higherIsBetter("ike_cpu_ms_per_sa")).isFalse();
        assertThat(RatioTable.higherIsBetter("ike_rss_kib_per_sa")).isFalse();
        assertThat(RatioTable.higherIsBetter("ike_setup_p50_ms")).isFalse();
    }
}
