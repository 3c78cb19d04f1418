package io.torii.perf.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ParsersTest
{
    @Test
    void iperf3sTcpReceiverRateIsTaken()
    {
        final String json = """
            {"end": {"sum_sent": {"seconds": 2.0, "bits_per_second": 9.5e9},
                     "sum_received": {"seconds": 2.0, "bytes": 100, "bits_per_second": 1.25e9}}}
            """;

        assertThat(Iperf3Report.tcpBitsPerSecond(json)).hasValue(1.25e9);
        assertThat(Iperf3Report.tcpBitsPerSecond("{\"error\": \"unable to connect\"}")).isEmpty();
    }

    @Test
    void iperf3sUdpSummaryIsTheLastSumWithLostPackets()
    {
        final String json = """
            {"intervals": [{"sum": {"seconds": 1.0, "packets": 10, "lost_packets": 9}}],
             "end": {"sum": {"seconds": 2.0, "packets": 1000, "lost_packets": 100, "lost_percent": 10}}}
            """;

        final Iperf3Report.UdpSummary summary = Iperf3Report.udpSummary(json);

        assertThat(summary).isEqualTo(new Iperf3Report.UdpSummary(2.0, 1000, 100));
        assertThat(summary.deliveredPerSecond()).isEqualTo(450.0);
        assertThat(summary.lossPercent()).isEqualTo(10.0);
        assertThat(Iperf3Report.udpSummary("{\"end\": {\"sum\": {\"seconds\": 0, \"packets\": 1, " +
            "\"lost_packets\": 0}}}")).isNull();
        assertThat(Iperf3Report.udpSummary("not json")).isNull();
    }

    @Test
    void pingTimesGoIntoTheHistogramInMicroseconds()
    {
        final StringBuilder output = new StringBuilder("PING 10.2.0.2 (10.2.0.2) 56(84) bytes of data.\n");
        for (int i = 1; i <= 100; i++)
        {
            output.append("64 bytes from 10.2.0.2: icmp_seq=").append(i).append(" ttl=62 time=0.")
                .append(i == 100 ? "900" : "100").append(" ms\n");
        }
        output.append("rtt min/avg/max/mdev = 0.100/0.108/0.900/0.080 ms\n");

        final Histogram histogram = PingLatency.histogram(output.toString());

        assertThat(histogram.getTotalCount()).isEqualTo(100);
        assertThat(histogram.getValueAtPercentile(50)).isEqualTo(100);
        assertThat(histogram.getValueAtPercentile(99.9)).isBetween(899L, 901L);
        assertThat(PingLatency.histogram("Request timeout").getTotalCount()).isZero();
    }

    @Test
    void workerCountsDoubleUpToTheCores()
    {
        assertThat(LoopScenario.workerCounts(1, false)).containsExactly(1);
        assertThat(LoopScenario.workerCounts(6, false)).containsExactly(1, 2, 4, 6);
        assertThat(LoopScenario.workerCounts(8, false)).containsExactly(1, 2, 4, 8);
        assertThat(LoopScenario.workerCounts(16, true)).containsExactly(1, 2);
    }
}
