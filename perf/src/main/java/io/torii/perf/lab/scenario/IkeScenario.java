package io.torii.perf.lab.scenario;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.cli.demo.DemoNetwork;
import io.torii.perf.lab.Figure;
import io.torii.perf.lab.Scenario;
import io.torii.perf.lab.ScenarioContext;
import io.torii.perf.lab.ike.CharonInstance;
import io.torii.perf.lab.ike.IkeLoadGenerator;
import io.torii.perf.lab.ike.ProcStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * IKE set-up against two responders in the same run: a Torii daemon, then a strongSwan charon, each alone
 * in a namespace, driven by Torii's own load generator ({@link IkeLoadGenerator}) from a second namespace.
 * After a warm-up of as many SAs as the rate phase sets up, unmeasured, it reports IKE SAs (each with its
 * Child SA) per second with a window of SAs in flight, the set-up latency one SA at a time, and the
 * responder's CPU time and memory growth per SA from /proc while the rate is measured.
 * <pre>
 *  [generator] 192.0.2.1 ==== veth ==== 192.0.2.2 [responder: torii daemon | charon]
 * </pre>
 */
public final class IkeScenario implements Scenario
{
    private static final String GENERATOR_ADDRESS = "192.0.2.1";
    private static final String RESPONDER_ADDRESS = "192.0.2.2";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=([0-9.]+)");
    /** Dataplane SA slots beyond two per Child SA the generator sets up. */
    private static final int SPARE_SAS = 64;

    @Override
    public String name()
    {
        return "ike";
    }

    @Override
    public String description()
    {
        return "IKE SAs per second, set-up latency and responder CPU per SA: Torii and strongSwan responders";
    }

    @Override
    public Optional<String> missingPrerequisite()
    {
        return Commands.missing("ip");
    }

    @Override
    public Duration budget(final boolean quick)
    {
        return Duration.ofSeconds(quick ? 55 : 180);
    }

    @Override
    public void run(final ScenarioContext context) throws Exception
    {
        final String psk = "0s" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        measure(context, Figure.TORII, psk, (network, childSas) -> startTorii(network, psk, childSas));
        if (!CharonInstance.installed())
        {
            context.progress("strongSwan responder skipped: %s not installed", CharonInstance.CHARON);
            return;
        }
        measure(context, Figure.STRONGSWAN, psk, (network, childSas) -> startCharon(network, psk));
    }

    /** A responder the scenario started, and how to stop it. */
    private record Responder(long pid, AutoCloseable stop)
    {
    }

    /** Starts a responder in a namespace. */
    @FunctionalInterface
    private interface ResponderStart
    {
        Responder start(String namespace, int childSas) throws Exception;
    }

    private void measure(final ScenarioContext context, final String system, final String psk,
        final ResponderStart start) throws Exception
    {
        // Both responders get the same warm-up at the rate first: Torii's JIT compiles its hot paths then, not
        // during the measured phase (strongSwan, compiled ahead, is unaffected).
        final int warmupSas = context.quick() ? 1000 : 2000;
        final int latencySas = context.quick() ? 30 : 100;
        final int rateSas = context.quick() ? 300 : 2000;
        final int inFlight = 32;
        final int identities = context.quick() ? 50 : 500;
        final String prefix = "ti" + ProcessHandle.current().pid() % 10_000 + system.charAt(0);
        final String generator = prefix + "-g";
        final String responderSpace = prefix + "-r";
        final Namespaces namespaces = new Namespaces(generator, responderSpace);
        try
        {
            context.progress("%s responder: %d SAs to warm up, %d one at a time, then %d with %d in flight from %d " +
                "identities", system, warmupSas, latencySas, rateSas, inFlight, identities);
            final Responder responder = start.start(responderSpace, warmupSas + latencySas + rateSas);
            try (ChildProcess load = ChildProcess.start(generatorCommand(generator, warmupSas, latencySas, rateSas,
                inFlight, identities, psk)))
            {
                load.awaitLine(IkeLoadGenerator.RATE_START, 120);
                final OptionalLong ticksBefore = ProcStat.cpuTicksOf(responder.pid());
                final OptionalLong rssBefore = ProcStat.rssKibOf(responder.pid());
                // The generator exits after its result line; terminate then waits for its output to be read.
                if (!load.process().waitFor(120, TimeUnit.SECONDS))
                {
                    throw new IllegalStateException("the load generator against " + system + " did not finish: " +
                        load.output().strip());
                }
                load.terminate(10);
                final OptionalLong ticksAfter = ProcStat.cpuTicksOf(responder.pid());
                final OptionalLong rssAfter = ProcStat.rssKibOf(responder.pid());
                final Map<String, Double> result = result(load.output());
                if (!result.containsKey("sas_per_s"))
                {
                    throw new IllegalStateException("the load generator against " + system + " said: " +
                        load.output().strip());
                }
                context.record(system, "ike_sas_per_s", "IKE SAs/s", result.get("sas_per_s"), "in_flight",
                    Integer.toString(inFlight));
                context.record(system, "ike_setup_p50_ms", "ms", result.get("setup_p50_us") / 1e3);
                context.record(system, "ike_setup_p99_ms", "ms", result.get("setup_p99_us") / 1e3);
                if (ticksBefore.isPresent() && ticksAfter.isPresent())
                {
                    context.record(system, "ike_cpu_ms_per_sa", "ms", (ticksAfter.getAsLong() -
                        ticksBefore.getAsLong()) * 1_000.0 / ProcStat.TICKS_PER_SECOND / rateSas);
                }
                if (rssBefore.isPresent() && rssAfter.isPresent())
                {
                    final double perSa = (double)(rssAfter.getAsLong() - rssBefore.getAsLong()) / rateSas;
                    context.record(system, "ike_rss_kib_per_sa", "KiB", perSa);
                    // How many tunnels would fit: an estimate from the memory free now, not a measurement.
                    final OptionalLong available = ProcStat.memAvailableKib();
                    if (perSa > 0 && available.isPresent())
                    {
                        context.record(system, "ike_tunnels_fit_estimate", "tunnels",
                            Math.floor(available.getAsLong() / perSa), "basis", "MemAvailable / RSS growth per SA");
                    }
                }
                context.progress("%s responder: %.0f IKE SAs/s, set-up p50 %.1f ms", system,
                    result.get("sas_per_s"), result.get("setup_p50_us") / 1e3);
            }
            finally
            {
                responder.stop().close();
            }
        }
        finally
        {
            namespaces.close();
        }
    }

    private static List<String> generatorCommand(final String namespace, final int warmupSas, final int latencySas,
        final int rateSas, final int inFlight, final int identities, final String psk)
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(DemoGateways.JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IkeLoadGenerator.class.getName(),
            GENERATOR_ADDRESS, RESPONDER_ADDRESS, Integer.toString(warmupSas), Integer.toString(latencySas),
            Integer.toString(rateSas), Integer.toString(inFlight), Integer.toString(identities), psk));
        return command;
    }

    /**
     * @param output the generator's output.
     * @return the name=value pairs of its result line; empty when there is none.
     */
    static Map<String, Double> result(final String output)
    {
        return output.lines().filter(line -> line.startsWith(IkeLoadGenerator.RESULT)).findFirst().map(line ->
        {
            final Matcher matcher = FIELD.matcher(line);
            final List<String[]> pairs = new ArrayList<>();
            while (matcher.find())
            {
                pairs.add(new String[] {matcher.group(1), matcher.group(2)});
            }
            return pairs.stream().collect(Collectors.toMap(pair -> pair[0], pair -> Double.parseDouble(pair[1]),
                (first, second) -> first));
        }).orElse(Map.of());
    }

    /**
     * Starts {@code torii daemon} with room in its dataplane for every Child SA the generator will set up, as
     * the kernel has for strongSwan's: a full SA table would refuse them, and Torii would delete them again.
     */
    private static Responder startTorii(final String namespace, final String psk, final int childSas)
        throws Exception
    {
        final Path directory = Files.createTempDirectory("tb-ike");
        final ChildProcess daemon = DemoGateways.startIkeDaemon(namespace, directory, responderSwanctl(psk), """
            dataplane {
              # Two SAs per Child SA, and room to spare.
              max_sas = %d
              wan {
                port = udp
                address = %s
              }
              lan {
                port = tun
                interface = torii0
                address = 10.200.0.1
                mtu = 1400
              }
            }
            # One address opens many half-open IKE SAs at once: no COOKIEs, no blocking.
            charon {
              cookie_threshold = 1000000
              cookie_threshold_ip = 1000000
              block_threshold = 0
            }
            """.formatted(2 * childSas + SPARE_SAS, RESPONDER_ADDRESS));
        return new Responder(daemon.process().pid(), () ->
        {
            try
            {
                daemon.terminate(20);
            }
            finally
            {
                daemon.close();
                DemoNetwork.run("rm", "-rf", directory.toString());
            }
        });
    }

    private static Responder startCharon(final String namespace, final String psk) throws Exception
    {
        // strongSwan installs a route for the Child SA's selectors, which needs a local address inside them.
        DemoNetwork.run("ip", "-n", namespace, "addr", "add", "10.200.0.1/16", "dev", "lo");
        final Path directory = Files.createTempDirectory("tb-sw");
        final CharonInstance charon = CharonInstance.start(namespace, directory, responderSwanctl(psk));
        return new Responder(charon.pid(), charon);
    }

    /** @return the responder's swanctl.conf, the same for Torii and strongSwan: PSK, any peer identity. */
    static String responderSwanctl(final String psk)
    {
        return """
            connections {
              bench {
                local_addrs = %s
                remote_addrs = %%any
                proposals = %s
                local {
                  auth = psk
                  id = %s
                }
                remote {
                  auth = psk
                }
                children {
                  net {
                    local_ts = %s
                    remote_ts = %s
                    esp_proposals = %s
                  }
                }
              }
            }
            secrets {
              ike-any {
                secret = %s
              }
            }
            """.formatted(RESPONDER_ADDRESS, IkeLoadGenerator.IKE_PROPOSAL, IkeLoadGenerator.RESPONDER_ID,
            IkeLoadGenerator.RESPONDER_TS, IkeLoadGenerator.INITIATOR_TS, IkeLoadGenerator.ESP_PROPOSAL, psk);
    }

    /** The generator's and the responder's namespaces, joined by one veth pair; removed on close. */
    private static final class Namespaces implements AutoCloseable
    {
        private final List<String> made = new ArrayList<>();

        Namespaces(final String generator, final String responder)
        {
            try
            {
                for (final String namespace : List.of(generator, responder))
                {
                    DemoNetwork.run("ip", "netns", "add", namespace);
                    made.add(namespace);
                    DemoNetwork.run("ip", "-n", namespace, "link", "set", "lo", "up");
                }
                DemoNetwork.run("ip", "-n", generator, "link", "add", "ike0", "type", "veth", "peer", "name", "ike1",
                    "netns", responder);
                DemoNetwork.run("ip", "-n", generator, "addr", "add", GENERATOR_ADDRESS + "/24", "dev", "ike0");
                DemoNetwork.run("ip", "-n", responder, "addr", "add", RESPONDER_ADDRESS + "/24", "dev", "ike1");
                DemoNetwork.run("ip", "-n", generator, "link", "set", "ike0", "up");
                DemoNetwork.run("ip", "-n", responder, "link", "set", "ike1", "up");
            }
            catch (final RuntimeException ex)
            {
                close();
                throw ex;
            }
        }

        @Override
        public void close()
        {
            for (final String namespace : made.reversed())
            {
                try
                {
                    DemoNetwork.run("ip", "netns", "delete", namespace);
                }
                catch (final IllegalStateException ignored)
                {
                    // Already gone.
                }
            }
            made.clear();
        }
    }
}
