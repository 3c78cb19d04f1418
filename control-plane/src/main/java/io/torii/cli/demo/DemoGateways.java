package io.torii.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The demo's two gateway configurations, made from the embedded {@code gateway.conf} with fresh
 * keys, and the command that runs a daemon for one of them inside its namespace.
 */
public final class DemoGateways
{
    /** The TUN device each gateway's daemon creates. */
    public static final String TUN = "torii0";
    private static final String TEMPLATE = "gateway.conf";
    private static final String SWANCTL_TEMPLATE = "swanctl.conf";
    private static final String DATAPLANE_TEMPLATE = "dataplane.conf";
    private static final int GCM_256_KEY_AND_SALT = 36;

    /** The JVM flags every Torii JVM gets, as the launcher gives them. */
    public static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

    private final String configA;
    private final String configB;
    private final String swanctlA;
    private final String swanctlB;
    private final String dataplaneA;
    private final String dataplaneB;
    private final String keyAToB;
    private final String keyBToA;

    /**
     * Draws fresh keys and fills in both configurations.
     *
     * @throws IOException when the embedded template is missing.
     */
    public DemoGateways() throws IOException
    {
        final String template;
        try (InputStream in = DemoGateways.class.getResourceAsStream(TEMPLATE))
        {
            if (in == null)
            {
                throw new IOException("the embedded demo configuration " + TEMPLATE + " is missing from the jar");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final SecureRandom random = new SecureRandom();
        final String aToB = key(random);
        final String bToA = key(random);
        keyAToB = aToB;
        keyBToA = bToA;
        configA = fill(template, Map.of("address", "192.0.2.1", "lan_address", "10.1.0.1", "local_ts", "10.1.0.0/24",
            "remote_ts", "10.2.0.0/24", "out", "a-to-b", "in", "b-to-a", "key_a_to_b", aToB, "key_b_to_a", bToA));
        configB = fill(template, Map.of("address", "192.0.2.2", "lan_address", "10.2.0.1", "local_ts", "10.2.0.0/24",
            "remote_ts", "10.1.0.0/24", "out", "b-to-a", "in", "a-to-b", "key_a_to_b", aToB, "key_b_to_a", bToA));
        final String swanctl = resource(SWANCTL_TEMPLATE);
        final String dataplane = resource(DATAPLANE_TEMPLATE);
        final String psk = key(random);
        swanctlA = fill(swanctl, Map.of("address", "192.0.2.1", "peer", "192.0.2.2", "id", "gateway-a.demo.example",
            "peer_id", "gateway-b.demo.example", "local_ts", "10.1.0.0/24", "remote_ts", "10.2.0.0/24",
            "start_action", "start", "psk", psk));
        swanctlB = fill(swanctl, Map.of("address", "192.0.2.2", "peer", "192.0.2.1", "id", "gateway-b.demo.example",
            "peer_id", "gateway-a.demo.example", "local_ts", "10.2.0.0/24", "remote_ts", "10.1.0.0/24",
            "start_action", "none", "psk", psk));
        dataplaneA = fill(dataplane, Map.of("address", "192.0.2.1", "lan_address", "10.1.0.1"));
        dataplaneB = fill(dataplane, Map.of("address", "192.0.2.2", "lan_address", "10.2.0.1"));
    }

    private static String resource(final String name) throws IOException
    {
        try (InputStream in = DemoGateways.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IOException("the embedded demo configuration " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String key(final SecureRandom random)
    {
        final byte[] key = new byte[GCM_256_KEY_AND_SALT];
        random.nextBytes(key);
        return "0x" + HexFormat.of().formatHex(key);
    }

    private static String fill(final String template, final Map<String, String> values)
    {
        String text = template;
        for (final Map.Entry<String, String> value : values.entrySet())
        {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    /** @return the key (then salt) of SA a-to-b, SPI 0xc0de0001, as {@code 0x...}: for a test peer. */
    public String keyAToB()
    {
        return keyAToB;
    }

    /** @return the key (then salt) of SA b-to-a, SPI 0xc0de0002, as {@code 0x...}: for a test peer. */
    public String keyBToA()
    {
        return keyBToA;
    }

    /** @return gateway A's swanctl.conf: it initiates the IKE SA. */
    public String swanctlA()
    {
        return swanctlA;
    }

    /** @return gateway B's swanctl.conf: it responds. */
    public String swanctlB()
    {
        return swanctlB;
    }

    /** @return gateway A's dataplane settings, without SAs. */
    public String dataplaneA()
    {
        return dataplaneA;
    }

    /** @return gateway B's dataplane settings, without SAs. */
    public String dataplaneB()
    {
        return dataplaneB;
    }

    /** @return gateway A's configuration with static SAs. */
    public String configA()
    {
        return configA;
    }

    /** @return gateway B's configuration. */
    public String configB()
    {
        return configB;
    }

    /**
     * Starts {@code torii daemon} for one gateway in its namespace, with this JVM and class path, and
     * waits until it runs.
     *
     * @param namespace the gateway's namespace.
     * @param runDirectory its run directory; the configuration is written there too.
     * @param config its configuration.
     * @return the running daemon.
     * @throws IllegalStateException with the daemon's output when it does not start.
     */
    public static ChildProcess startDaemon(final String namespace, final Path runDirectory, final String config)
        throws IOException, InterruptedException
    {
        Files.createDirectories(runDirectory);
        final Path configFile = Files.writeString(runDirectory.resolve("torii.conf"), config);
        return start(namespace, runDirectory, List.of("--config", configFile.toString()), "torii daemon: running");
    }

    /**
     * Starts {@code torii daemon --swanctl FILE} for one gateway in its namespace, with the default
     * dataplane settings (UDP port 4500 on the first connection's local address, TUN {@code torii0}),
     * and waits until IKE runs.
     *
     * @param namespace the gateway's namespace.
     * @param runDirectory its run directory; swanctl.conf is written there too.
     * @param swanctl the swanctl.conf text.
     * @return the running daemon.
     * @throws IllegalStateException with the daemon's output when it does not start.
     */
    public static ChildProcess startIkeDaemon(final String namespace, final Path runDirectory, final String swanctl)
        throws IOException, InterruptedException
    {
        Files.createDirectories(runDirectory);
        final Path swanctlFile = Files.writeString(runDirectory.resolve("swanctl.conf"), swanctl);
        return start(namespace, runDirectory, List.of("--swanctl", swanctlFile.toString()),
            "torii daemon: IKE running");
    }

    /**
     * Starts {@code torii daemon --swanctl FILE --config FILE} for one gateway in its namespace.
     *
     * @param namespace the gateway's namespace.
     * @param runDirectory its run directory; both files are written there too.
     * @param swanctl the swanctl.conf text.
     * @param dataplane the dataplane settings.
     * @return the running daemon, IKE started.
     */
    public static ChildProcess startIkeDaemon(final String namespace, final Path runDirectory, final String swanctl,
        final String dataplane) throws IOException, InterruptedException
    {
        Files.createDirectories(runDirectory);
        final Path swanctlFile = Files.writeString(runDirectory.resolve("swanctl.conf"), swanctl);
        final Path configFile = Files.writeString(runDirectory.resolve("torii.conf"), dataplane);
        return start(namespace, runDirectory, List.of("--swanctl", swanctlFile.toString(), "--config",
            configFile.toString()), "torii daemon: IKE running");
    }

    private static ChildProcess start(final String namespace, final Path runDirectory, final List<String> options,
        final String readyLine) throws IOException, InterruptedException
    {
        final List<String> command = new java.util.ArrayList<>(List.of("ip", "netns", "exec", namespace,
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.torii.cli.ToriiMain", "--run-dir",
            runDirectory.toString(), "daemon"));
        command.addAll(options);
        final ChildProcess daemon = ChildProcess.start(command);
        try
        {
            daemon.awaitLine(readyLine, 60);
        }
        catch (final IllegalStateException | InterruptedException ex)
        {
            daemon.close();
            throw ex;
        }
        return daemon;
    }
}
