package io.torii.dataplane.status.prometheus;

import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.shm.CountersSnapshot;
import io.torii.dataplane.status.shm.WorkerCounters;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Renders a {@link CountersSnapshot} in the Prometheus text exposition format (version 0.0.4):
 * for each metric a {@code # HELP} and a {@code # TYPE} line, then one sample per label set.
 * <pre>
 *   # HELP torii_packets_total Packets each worker finished, by disposition.
 *   # TYPE torii_packets_total counter
 *   torii_packets_total{worker="0",disposition="icv_failure"} 3
 *   torii_sa_packets_total{sa="sa-out",spi="0x00001000",direction="outbound",protocol="esp",worker="0"} 10
 *   torii_port_dropped_packets_total{worker="0",port="wan",kind="afxdp",direction="transmit"} 12
 * </pre>
 * Every disposition is written for every worker, and both directions for every port, zeros too,
 * so that rates start from a known value. SA names come from configuration and are escaped as
 * label values, and so are port kinds.
 */
public final class PrometheusText
{
    /** The HTTP content type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Disposition[] DISPOSITIONS = Disposition.values();

    private PrometheusText()
    {
    }

    /**
     * @param snapshot the counters.
     * @return the text, ending with a newline.
     */
    public static String render(final CountersSnapshot snapshot)
    {
        final StringBuilder out = new StringBuilder(1024 + 256 * (snapshot.sas().size() + snapshot.ports().size()));
        header(out, "torii_start_time_seconds", "gauge", "When the Torii daemon started, in seconds since the epoch.");
        out.append("torii_start_time_seconds ").append(snapshot.startTimeMs() / 1000).append('.')
            .append(String.format(Locale.ROOT, "%03d", snapshot.startTimeMs() % 1000)).append('\n');

        header(out, "torii_packets_total", "counter", "Packets each worker finished, by disposition.");
        for (final CountersSnapshot.Worker worker : snapshot.workers())
        {
            for (final Disposition disposition : DISPOSITIONS)
            {
                out.append("torii_packets_total{worker=\"").append(worker.id()).append("\",disposition=\"")
                    .append(WorkerCounters.metricName(disposition)).append("\"} ")
                    .append(worker.count(disposition)).append('\n');
            }
        }

        header(out, "torii_sas_without_counters_total", "counter",
            "SAs installed while the counters file was full, counted in the worker totals only.");
        for (final CountersSnapshot.Worker worker : snapshot.workers())
        {
            out.append("torii_sas_without_counters_total{worker=\"").append(worker.id()).append("\"} ")
                .append(worker.sasWithoutCounters()).append('\n');
        }

        header(out, "torii_port_dropped_packets_total", "counter",
            "Packets each worker's ports dropped themselves: transmit when the device or socket was full or " +
            "refused them, receive when a packet was truncated or not IP.");
        for (final CountersSnapshot.Port port : snapshot.ports())
        {
            portSample(out, port, "transmit", port.transmitDropped());
            portSample(out, port, "receive", port.receiveDropped());
        }

        saMetric(out, snapshot, "torii_sa_packets_total", "Packets each SA processed successfully.",
            CountersSnapshot.Sa::packets);
        saMetric(out, snapshot, "torii_sa_bytes_total",
            "Bytes of the packets each SA processed successfully, as they left it.", CountersSnapshot.Sa::bytes);
        saMetric(out, snapshot, "torii_sa_dropped_packets_total", "Packets of each SA that were dropped.",
            CountersSnapshot.Sa::dropped);
        return out.toString();
    }

    private static void header(final StringBuilder out, final String name, final String type, final String help)
    {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void portSample(
        final StringBuilder out, final CountersSnapshot.Port port, final String direction, final long value)
    {
        out.append("torii_port_dropped_packets_total{worker=\"").append(port.worker())
            .append("\",port=\"").append(port.side().metricName()).append("\",kind=\"");
        escapeLabelValue(out, port.kind());
        out.append("\",direction=\"").append(direction).append("\"} ").append(value).append('\n');
    }

    private static void saMetric(
        final StringBuilder out,
        final CountersSnapshot snapshot,
        final String name,
        final String help,
        final ToLongFunction<CountersSnapshot.Sa> value)
    {
        header(out, name, "counter", help);
        for (final CountersSnapshot.Sa sa : snapshot.sas())
        {
            out.append(name).append("{sa=\"");
            escapeLabelValue(out, sa.name());
            out.append("\",spi=\"").append(spi(sa.spi()))
                .append("\",direction=\"").append(sa.direction() == null ? "" : lower(sa.direction().name()))
                .append("\",protocol=\"").append(sa.protocol() == null ? "" : lower(sa.protocol().name()))
                .append("\",worker=\"").append(sa.worker()).append("\"} ")
                .append(value.applyAsLong(sa)).append('\n');
        }
    }

    /**
     * @param spi an SPI.
     * @return it as Torii shows SPIs: {@code 0x} and eight hex digits.
     */
    public static String spi(final int spi)
    {
        return String.format(Locale.ROOT, "0x%08x", spi);
    }

    private static String lower(final String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Appends a label value escaped as the format requires: backslash, double quote and line feed.
     *
     * @param out where to append.
     * @param value the raw value.
     */
    public static void escapeLabelValue(final StringBuilder out, final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
