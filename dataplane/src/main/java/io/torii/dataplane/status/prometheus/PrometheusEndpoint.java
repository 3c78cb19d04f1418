package io.torii.dataplane.status.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.torii.dataplane.status.shm.CountersFile;
import io.torii.dataplane.status.shm.CountersSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves the daemon's counters to Prometheus: {@code GET /metrics} answers with
 * {@link PrometheusText}, rendered from the counters file at each request. Everything else is a 404
 * or a 405. Runs on the JDK's HTTP server with its one dispatcher thread: scrapes are rare and
 * cheap, and the workers never wait on it.
 *
 * <p>The daemon {@link #start() starts} it after creating the counters file and {@link #stop()
 * stops} it before closing the file.
 */
public final class PrometheusEndpoint implements AutoCloseable
{
    /** The address it binds when the setting names only a port or nothing: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port it binds when the setting names none. */
    public static final int DEFAULT_PORT = 9720;
    /** The setting that turns it off. */
    public static final String OFF = "off";
    /** The one path it serves. */
    public static final String PATH = "/metrics";

    private final InetSocketAddress address;
    private final CountersFile counters;
    private HttpServer server;

    /**
     * @param address where to listen; port 0 picks a free one.
     * @param counters the counters file to serve.
     */
    public PrometheusEndpoint(final InetSocketAddress address, final CountersFile counters)
    {
        this.address = address;
        this.counters = counters;
    }

    /**
     * Reads the endpoint setting: {@code off}, {@code PORT}, {@code HOST:PORT} or {@code [IPv6]:PORT};
     * empty or null means {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}.
     *
     * @param setting the setting's value.
     * @return where to listen, or empty for off.
     * @throws IllegalArgumentException saying what was expected.
     */
    public static Optional<InetSocketAddress> parseAddress(final String setting)
    {
        final String value = setting == null ? "" : setting.strip();
        if (value.isEmpty())
        {
            return Optional.of(new InetSocketAddress(DEFAULT_HOST, DEFAULT_PORT));
        }
        if (value.toLowerCase(Locale.ROOT).equals(OFF))
        {
            return Optional.empty();
        }
        final int colon = value.lastIndexOf(':');
        final String host;
        final String port;
        if (colon < 0)
        {
            host = DEFAULT_HOST;
            port = value;
        }
        else if (value.startsWith("[") && value.indexOf(']') == colon - 1)
        {
            host = value.substring(1, colon - 1);
            port = value.substring(colon + 1);
        }
        else if (value.indexOf(':') == colon)
        {
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        else
        {
            throw invalid(value);
        }
        final int number;
        try
        {
            number = Integer.parseInt(port);
        }
        catch (final NumberFormatException ex)
        {
            throw invalid(value);
        }
        if (host.isEmpty() || number < 0 || number > 65535)
        {
            throw invalid(value);
        }
        return Optional.of(new InetSocketAddress(host, number));
    }

    private static IllegalArgumentException invalid(final String value)
    {
        return new IllegalArgumentException("Prometheus endpoint '" + value + "': expected off, PORT, HOST:PORT or " +
            "[IPv6]:PORT with a port from 0 to 65535, such as " + DEFAULT_HOST + ":" + DEFAULT_PORT);
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the address cannot be bound.
     * @throws IllegalStateException when already started.
     */
    public void start() throws IOException
    {
        if (server != null)
        {
            throw new IllegalStateException("Prometheus endpoint already started on " + server.getAddress());
        }
        final HttpServer created = HttpServer.create(address, 0);
        created.createContext("/", this::handle);
        created.start();
        server = created;
    }

    /**
     * @return the address it listens on, with the port chosen when 0 was asked for.
     * @throws IllegalStateException when not started.
     */
    public InetSocketAddress boundAddress()
    {
        if (server == null)
        {
            throw new IllegalStateException("Prometheus endpoint not started");
        }
        return server.getAddress();
    }

    /** Stops serving at once; a scrape in progress is cut. Does nothing when not started. */
    public void stop()
    {
        if (server != null)
        {
            server.stop(0);
            server = null;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close()
    {
        stop();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH))
            {
                respond(exchange, 404, "not found: Torii serves its metrics on " + PATH + "\n", false);
            }
            else if (!method.equals("GET") && !method.equals("HEAD"))
            {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "method not allowed: use GET\n", false);
            }
            else
            {
                exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
                respond(exchange, 200, PrometheusText.render(CountersSnapshot.read(counters)), method.equals("HEAD"));
            }
        }
    }

    private static void respond(final HttpExchange exchange, final int status, final String body, final boolean head)
        throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type"))
        {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        if (head)
        {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }
}
