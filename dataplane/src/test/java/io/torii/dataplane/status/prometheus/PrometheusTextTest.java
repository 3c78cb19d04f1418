package io.torii.dataplane.status.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.shm.CountersSnapshot;
import io.torii.dataplane.status.shm.PortSide;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exposition text: names, types, labels and values as a scraper reads them, checked with a
 * strict parser, and label values escaped.
 */
class PrometheusTextTest
{
    private static final Disposition[] DISPOSITIONS = Disposition.values();
    private static final String ODD_NAME = "we\"ird\\name\nx";

    private static CountersSnapshot snapshot()
    {
        final long[] first = new long[DISPOSITIONS.length];
        first[Disposition.OK.ordinal()] = 1234;
        first[Disposition.ICV_FAILURE.ordinal()] = 2;
        final long[] second = new long[DISPOSITIONS.length];
        second[Disposition.NO_SA.ordinal()] = 7;
        return new CountersSnapshot(4242, 1_700_000_000_123L,
            List.of(new CountersSnapshot.Worker(0, first, 0), new CountersSnapshot.Worker(1, second, 3)),
            List.of(
                new CountersSnapshot.Sa(0, 0, "sa-out", 0x1000, IpsecProtocol.ESP, Direction.OUTBOUND, 10, 1500, 1),
                new CountersSnapshot.Sa(1, 5, ODD_NAME, 0xFFFF_FFFE, IpsecProtocol.AH, Direction.INBOUND, 3, 90, 0)),
            List.of(
                new CountersSnapshot.Port(0, PortSide.LAN, "tun", 0, 0),
                new CountersSnapshot.Port(0, PortSide.WAN, "afxdp", 12, 3),
                new CountersSnapshot.Port(1, PortSide.WAN, "ud\"p", 0, 1)));
    }

    @Test
    void everyMetricHasHelpAndTypeAndEveryCounterEndsInTotal()
    {
        final PrometheusTextParser.Exposition parsed = PrometheusTextParser.parse(PrometheusText.render(snapshot()));

        assertThat(parsed.types()).isEqualTo(Map.of(
            "torii_start_time_seconds", "gauge",
            "torii_packets_total", "counter",
            "torii_sas_without_counters_total", "counter",
            "torii_sa_packets_total", "counter",
            "torii_sa_bytes_total", "counter",
            "torii_sa_dropped_packets_total", "counter",
            "torii_port_dropped_packets_total", "counter"));
        assertThat(parsed.help().keySet()).isEqualTo(parsed.types().keySet());
        assertThat(parsed.help().values()).allSatisfy(help -> assertThat(help).isNotBlank());
        parsed.types().forEach((name, type) ->
            assertThat(name.endsWith("_total")).as(name).isEqualTo(type.equals("counter")));
        assertThat(parsed.samples()).allSatisfy(sample -> assertThat(parsed.types()).containsKey(sample.name()));
    }

    @Test
    void workerTotalsCarryWorkerAndDispositionForEveryDisposition()
    {
        final PrometheusTextParser.Exposition parsed = PrometheusTextParser.parse(PrometheusText.render(snapshot()));

        assertThat(parsed.samples("torii_packets_total")).hasSize(2 * DISPOSITIONS.length);
        assertThat(parsed.value("torii_packets_total", Map.of("worker", "0", "disposition", "ok"))).isEqualTo(1234);
        assertThat(parsed.value("torii_packets_total", Map.of("worker", "0", "disposition", "icv_failure")))
            .isEqualTo(2);
        assertThat(parsed.value("torii_packets_total", Map.of("worker", "1", "disposition", "icv_failure")))
            .as("zeros are written too").isZero();
        assertThat(parsed.value("torii_packets_total", Map.of("worker", "1", "disposition", "no_sa"))).isEqualTo(7);
        assertThat(parsed.value("torii_sas_without_counters_total", Map.of("worker", "1"))).isEqualTo(3);
        assertThat(parsed.value("torii_start_time_seconds", Map.of())).isEqualTo(1_700_000_000.123);
    }

    @Test
    void saSeriesCarryNameSpiDirectionProtocolAndWorker()
    {
        final String text = PrometheusText.render(snapshot());
        final PrometheusTextParser.Exposition parsed = PrometheusTextParser.parse(text);

        assertThat(text).contains("\ntorii_sa_packets_total{sa=\"sa-out\",spi=\"0x00001000\",direction=\"outbound\"," +
            "protocol=\"esp\",worker=\"0\"} 10\n");
        final Map<String, String> out = Map.of("sa", "sa-out", "spi", "0x00001000", "direction", "outbound",
            "protocol", "esp", "worker", "0");
        assertThat(parsed.value("torii_sa_bytes_total", out)).isEqualTo(1500);
        assertThat(parsed.value("torii_sa_dropped_packets_total", out)).isEqualTo(1);
        final Map<String, String> odd = Map.of("sa", ODD_NAME, "spi", "0xfffffffe", "direction", "inbound",
            "protocol", "ah", "worker", "1");
        assertThat(parsed.value("torii_sa_packets_total", odd)).as("the name survives escaping").isEqualTo(3);
        assertThat(text).contains("sa=\"we\\\"ird\\\\name\\nx\"");
    }

    @Test
    void portSeriesCarryWorkerPortKindAndDirectionForEveryPortZerosToo()
    {
        final String text = PrometheusText.render(snapshot());
        final PrometheusTextParser.Exposition parsed = PrometheusTextParser.parse(text);

        assertThat(text).contains(
            "\ntorii_port_dropped_packets_total{worker=\"0\",port=\"wan\",kind=\"afxdp\",direction=\"transmit\"} 12\n");
        assertThat(parsed.samples("torii_port_dropped_packets_total")).hasSize(3 * 2);
        assertThat(parsed.value("torii_port_dropped_packets_total",
            Map.of("worker", "0", "port", "wan", "kind", "afxdp", "direction", "receive"))).isEqualTo(3);
        assertThat(parsed.value("torii_port_dropped_packets_total",
            Map.of("worker", "0", "port", "lan", "kind", "tun", "direction", "transmit"))).as("zeros too").isZero();
        assertThat(parsed.value("torii_port_dropped_packets_total",
            Map.of("worker", "1", "port", "wan", "kind", "ud\"p", "direction", "receive")))
            .as("the kind survives escaping").isEqualTo(1);
    }

    @Test
    void noWorkersYetStillParses()
    {
        final PrometheusTextParser.Exposition parsed =
            PrometheusTextParser.parse(PrometheusText.render(new CountersSnapshot(1, 0, List.of(), List.of())));

        assertThat(parsed.samples()).extracting(PrometheusTextParser.Sample::name)
            .containsExactly("torii_start_time_seconds");
    }

    static Stream<Arguments> labelValues()
    {
        return Stream.of(
            Arguments.of("plain", "plain"),
            Arguments.of("a\"b", "a\\\"b"),
            Arguments.of("a\\b", "a\\\\b"),
            Arguments.of("line\nbreak", "line\\nbreak"),
            Arguments.of("\\\"\n", "\\\\\\\"\\n"),
            Arguments.of("tab\tand é", "tab\tand é"),
            Arguments.of("", ""));
    }

    @ParameterizedTest
    @MethodSource("labelValues")
    void labelValuesEscapeBackslashQuoteAndLineFeedOnly(final String raw, final String escaped)
    {
        final StringBuilder out = new StringBuilder();
        PrometheusText.escapeLabelValue(out, raw);
        assertThat(out.toString()).isEqualTo(escaped);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "m{a=\"x\"y\"} 1\n",
        "m{a=\"x\\t\"} 1\n",
        "m{a=x} 1\n",
        "9m 1\n",
        "m 1",
        "m{a=\"1\"} 1\nm{a=\"1\"} 2\n",
        "m 1\n# TYPE m counter\n",
        "m notanumber\n",
        "m{a=\"1\" 1\n"})
    void theParserRefusesBrokenText(final String text)
    {
        assertThatThrownBy(() -> PrometheusTextParser.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
