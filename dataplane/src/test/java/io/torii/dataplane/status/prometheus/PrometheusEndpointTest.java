package io.torii.dataplane.status.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import io.torii.dataplane.status.shm.CountersFile;
import io.torii.dataplane.status.shm.WorkerCounters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The endpoint on a loopback ephemeral port: {@code /metrics} answers with text that parses and
 * follows the counters, other paths and methods are refused, and the address setting is read.
 */
class PrometheusEndpointTest
{
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void metricsAnswerOnAnEphemeralLoopbackPortAndFollowTheCounters(@TempDir final Path runDir) throws Exception
    {
        final DispositionCounters source = new DispositionCounters(2);
        try (CountersFile file = CountersFile.create(runDir, 64);
            WorkerCounters worker = new WorkerCounters(file.manager(), 0, source, 2);
            PrometheusEndpoint endpoint = new PrometheusEndpoint(new InetSocketAddress("127.0.0.1", 0), file))
        {
            worker.saInstalled(1, "sa-out", 0x1000, IpsecProtocol.ESP, Direction.OUTBOUND);
            source.increment(1, Disposition.OK);
            source.increment(1, Disposition.ICV_FAILURE);
            worker.publish();
            endpoint.start();
            final int port = endpoint.boundAddress().getPort();
            assertThat(port).isPositive();
            assertThat(endpoint.boundAddress().getAddress().isLoopbackAddress()).isTrue();

            final HttpResponse<String> first = get(port, "/metrics", "GET");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).contains(PrometheusText.CONTENT_TYPE);
            final PrometheusTextParser.Exposition parsed = PrometheusTextParser.parse(first.body());
            assertThat(parsed.value("torii_packets_total", Map.of("worker", "0", "disposition", "icv_failure")))
                .isEqualTo(1);
            final Map<String, String> sa = Map.of("sa", "sa-out", "spi", "0x00001000", "direction", "outbound",
                "protocol", "esp", "worker", "0");
            assertThat(parsed.value("torii_sa_packets_total", sa)).isEqualTo(1);

            source.increment(1, Disposition.OK);
            worker.publish();
            final PrometheusTextParser.Exposition later =
                PrometheusTextParser.parse(get(port, "/metrics", "GET").body());
            assertThat(later.value("torii_sa_packets_total", sa)).isEqualTo(2);

            final HttpResponse<String> head = get(port, "/metrics", "HEAD");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(get(port, "/", "GET").statusCode()).isEqualTo(404);
            assertThat(get(port, "/metrics/x", "GET").statusCode()).isEqualTo(404);
            final HttpResponse<String> post = get(port, "/metrics", "POST");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");

            assertThatThrownBy(endpoint::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
            endpoint.stop();
            assertThatThrownBy(() -> get(port, "/metrics", "GET")).isInstanceOf(IOException.class);
            assertThatThrownBy(endpoint::boundAddress).isInstanceOf(IllegalStateException.class);
        }
    }

    private HttpResponse<String> get(final int port, final String path, final String method) throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null            | 127.0.0.1 | 9720",
        "''              | 127.0.0.1 | 9720",
        "9721            | 127.0.0.1 | 9721",
        "0.0.0.0:9100    | 0.0.0.0   | 9100",
        "127.0.0.1:0     | 127.0.0.1 | 0",
        "[::1]:9100      | ::1       | 9100",
        "' 10.0.0.1:80 ' | 10.0.0.1  | 80"})
    void addressSettingsAreRead(final String setting, final String host, final int port) throws Exception
    {
        final InetAddress expected = InetAddress.getByName(host);
        final Optional<InetSocketAddress> address = PrometheusEndpoint.parseAddress(setting);

        assertThat(address).hasValueSatisfying(value ->
        {
            assertThat(value.getAddress()).isEqualTo(expected);
            assertThat(value.getPort()).isEqualTo(port);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", " off "})
    void offTurnsItOff(final String setting)
    {
        assertThat(PrometheusEndpoint.parseAddress(setting)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "127.0.0.1:", ":9100", "127.0.0.1:70000", "127.0.0.1:-1", "::1:9100", "[::1]"})
    void badAddressSettingsSayWhatIsExpected(final String setting)
    {
        assertThatThrownBy(() -> PrometheusEndpoint.parseAddress(setting))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + setting + "'")
            .hasMessageContaining("expected off, PORT, HOST:PORT or [IPv6]:PORT");
    }
}
