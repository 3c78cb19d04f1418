package io.torii.perf.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.perf.lab.chart.ChartData;
import io.torii.perf.lab.chart.ChartSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportChartsTest
{
    private static Figure figure(final String system, final String metric, final double value,
        final String... labels)
    {
        return new Figure("s", system, metric, "u", value, Labels.of(labels));
    }

    @Test
    void scalingTakesOneSeriesPerSizeWithWorkersInNumericOrder()
    {
        final List<Figure> figures = List.of(
            figure(Figure.TORII, "loop_mpps", 9, "size", "1400", "workers", "10", "sas", "1"),
            figure(Figure.TORII, "loop_mpps", 2, "size", "1400", "workers", "2", "sas", "1"),
            figure(Figure.TORII, "loop_mpps", 4, "size", "64", "workers", "2", "sas", "1"),
            figure(Figure.TORII, "loop_mpps", 7, "size", "64", "workers", "2", "sas", "1000"));

        final ChartData chart = ReportCharts.scalingByWorkers(figures);

        assertThat(chart.categories()).containsExactly("2", "10");
        assertThat(chart.series()).extracting(ChartSeries::name).containsExactly("64 B", "1400 B");
        assertThat(chart.series().get(0).values()).containsExactly(4.0, Double.NaN);
        assertThat(chart.series().get(1).values()).containsExactly(2.0, 9.0);
    }

    @Test
    void latencyHasOneSeriesPerPathAndIkeOneBarPerResponder()
    {
        final List<Figure> figures = List.of(
            figure(Figure.VETH, "e2e_latency_p50_us", 30, "port", "veth"),
            figure(Figure.TORII, "e2e_latency_p50_us", 80, "port", "udp"),
            figure(Figure.TORII, "e2e_latency_p99_us", 200, "port", "udp"),
            figure(Figure.TORII, "ike_sas_per_s", 700),
            figure(Figure.STRONGSWAN, "ike_sas_per_s", 500));

        final ChartData latency = ReportCharts.latency(figures);
        final ChartData ike = ReportCharts.ikeRate(figures);

        assertThat(latency.series()).extracting(ChartSeries::name).containsExactly("veth", "torii (udp)");
        assertThat(latency.series().get(1).values()).containsExactly(80.0, 200.0, Double.NaN);
        assertThat(ike.categories()).containsExactly("torii", "strongswan");
        assertThat(ike.series().getFirst().values()).containsExactly(700.0, 500.0);
    }

    @Test
    void throughputOrdersSizesAndLeavesOutEmptySeries()
    {
        final List<Figure> figures = List.of(
            figure(Figure.TORII, "esp_encrypt_gbps", 3, "size", "imix", "engine", "jdk"),
            figure(Figure.CRYPTO_LIMIT, "esp_encrypt_gbps", 50, "size", "1400"),
            figure(Figure.CRYPTO_LIMIT, "esp_encrypt_gbps", 10, "size", "64"));

        final ChartData chart = ReportCharts.throughputBySize(figures);

        assertThat(chart.categories()).containsExactly("64", "1400", "imix");
        assertThat(chart.series()).extracting(ChartSeries::name).containsExactly("crypto limit (C)", "ESP, jdk");
        assertThat(ReportCharts.from(List.of()).values()).noneMatch(ChartData::hasValues);
    }
}
