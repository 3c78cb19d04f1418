package io.torii.ike.daemon;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.PortConfig;
import io.torii.dataplane.handoff.ControlRings;
import io.torii.dataplane.handoff.EventsAdapter;
import io.torii.dataplane.handoff.RingDataplaneControl;
import io.torii.ike.auth.Credentials;
import io.torii.ike.auth.SwanctlCredentials;
import io.torii.ike.config.ConfigWarning;
import io.torii.ike.config.IkeConnection;
import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlLoad;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.control.ConnectionsLoader;
import io.torii.ike.control.ControlServer;
import io.torii.ike.control.IkeCommands;
import io.torii.ike.control.IkeControl;
import io.torii.ike.control.LogTap;
import io.torii.ike.dataplane.DataplaneChildSaInstaller;
import io.torii.ike.net.DataplaneIkePort;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.net.IkeTransport;
import io.torii.ike.net.IkeTransports;
import io.torii.ike.net.LocalAddressSource;
import io.torii.ike.net.SystemAddressSource;
import io.torii.ike.net.UdpIkeSocket;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.WeakAlgorithmNotice;
import io.torii.ike.shard.IkeDispatcher;
import io.torii.ike.shard.IkeHandlerSettings;
import io.torii.ike.shard.OutboundDatagrams;
import io.torii.ike.shard.ShardedIkeAgent;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The IKE daemon beside a running dataplane: connections from a swanctl.conf file, IKE on UDP 500 of the
 * WAN address and on the NAT-T port (through the dataplane's rings when its UDP port owns that socket),
 * Child SAs installed through the control ring, and one agent on a thread of its own.
 *
 * <p>With more than one IKE handler ({@link IkeHandlerSettings#configured}) that agent only moves
 * messages: it publishes them into the handlers' ring ({@link IkeDispatcher}), each handler owning the
 * IKE SAs of its shard on a thread of its own, and sends what they queue. With one handler the agent
 * runs the IKE SAs itself.
 *
 * <p>The daemon-wide IKE settings (retransmission, half-open limits, proposal preference) come from the
 * configuration's {@code charon { }} section through {@link DaemonConfig#charon()}, as {@link IkeSettings}.
 *
 * <p>Once a second the agent checks the host's addresses ({@link AddressMonitor}); when one changed (and
 * every ten seconds for the routes), each IKE SA whose local address is gone, or whose peer is now reached
 * from another address, moves there with MOBIKE or is reauthenticated from there ({@link AddressFollower}).
 * For ESP in UDP to follow, give the dataplane's UDP WAN port the wildcard address ({@code address =
 * 0.0.0.0}): IKE then listens on each connection's {@code local_addrs}, and the dataplane sends from any
 * address.
 *
 * <p>When the WAN port is UDP every ESP packet travels in UDP, so every connection forces UDP
 * encapsulation as strongSwan's {@code encap = yes} does, and peers encapsulate too.
 */
public final class IkeDaemon implements AutoCloseable
{
    private static final long MIN_PARK_NANOS = 1_000L;
    private static final long MAX_PARK_NANOS = 1_000_000L;

    private final AgentRunner runner;
    private final int connections;
    private final ControlServer control;

    private IkeDaemon(final AgentRunner runner, final int connections, final ControlServer control)
    {
        this.runner = runner;
        this.connections = connections;
        this.control = control;
    }

    /**
     * Loads the connections, starts the IKE agent and serves the control socket in the run directory.
     *
     * @param swanctl the swanctl.conf file; {@code torii load-all} reads it again.
     * @param config the dataplane's configuration.
     * @param rings the running dataplane's rings.
     * @param out where warnings and SA events are written.
     * @param errors told of agent errors.
     * @param runDirectory where the control socket {@code torii.ctl} goes; null for none.
     * @return the running daemon.
     * @throws IOException when an IKE socket or the control socket cannot be bound.
     */
    public static IkeDaemon start(final Path swanctl, final DaemonConfig config, final ControlRings rings,
        final PrintStream out, final ErrorHandler errors, final Path runDirectory) throws IOException
    {
        final SwanctlLoad load = SwanctlReader.read(swanctl);
        for (final ConfigWarning warning : load.warnings())
        {
            out.println("torii daemon: warning: " + warning);
        }
        final PortConfig wan = config.wan();
        final InetAddress wanAddress = wan.address().orElseThrow(() ->
            new IllegalArgumentException("the IKE daemon needs the WAN port's address"));
        final boolean udpWan = wan.kind().equals("udp");
        final SwanctlCredentials.Load credentials = SwanctlCredentials.load(
            swanctl.toAbsolutePath().normalize().getParent(), load.config());
        for (final String warning : credentials.warnings())
        {
            out.println("torii daemon: warning: " + warning);
        }
        if (!credentials.credentials().certificates().isEmpty() ||
            !credentials.credentials().caCertificates().isEmpty())
        {
            out.println("torii daemon: " + credentials.credentials());
        }
        final IkeSettings settings = IkeSettings.from(config.charon());
        final List<Connection> connections = connections(load.config(), credentials.credentials(), wanAddress,
            udpWan, settings);
        weakAlgorithmWarnings(connections).forEach(line -> out.println("torii daemon: warning: " + line));
        final SecureRandom random = new SecureRandom();
        final IkeTransports all = transports(wanAddress, udpWan && wan.udpPort() == IkeDatagram.NAT_T_PORT, rings,
            connections);
        final DataplaneChildSaInstaller installer = new DataplaneChildSaInstaller(
            new RingDataplaneControl(rings.controlRing()), random, routes(config.lan(), out));
        final Consumer<IkeDatagram> send = datagram ->
        {
            if (!all.send(datagram))
            {
                out.println("[NET] could not send " + datagram);
            }
        };
        final LogTap log = new LogTap(out);
        final LocalAddressSource addresses = new SystemAddressSource();
        final IkeHandlerSettings handlers = IkeHandlerSettings.configured();
        final Agent agent;
        final IkeCommands control;
        if (handlers.handlers() == 1)
        {
            final IkeSaManager manager = new IkeSaManager(connections, random, installer, send, log.printStream(),
                settings.halfOpen());
            final IkeControl single = new IkeControl(manager);
            // The agent reads the events ring on the manager's own thread: events reach it at once.
            final EventsAdapter events = new EventsAdapter(rings.eventsRing(), new DataplaneEventRouter(out,
                installer::answered, installer::refused, command -> command.accept(manager),
                SystemNanoClock.INSTANCE));
            final AddressFollower follower = new AddressFollower(addresses, log.printStream());
            final AddressMonitor monitor = AddressMonitor.withDefaults(addresses, SystemNanoClock.INSTANCE,
                (held, changed, now) ->
                {
                    follower.follow(manager, held, changed, now);
                    return true;
                });
            agent = new IkeAgent(all, manager, events, SystemNanoClock.INSTANCE,
                now -> single.doWork(now) + monitor.doWork());
            control = single;
        }
        else
        {
            final OutboundDatagrams outbound = new OutboundDatagrams(OutboundDatagrams.DEFAULT_CAPACITY);
            final IkeDispatcher dispatcher = IkeDispatcher.start(handlers, connections, installer, outbound,
                log.printStream(), settings.halfOpen(), SystemNanoClock.INSTANCE, errors);
            final EventsAdapter events = new EventsAdapter(rings.eventsRing(), new DataplaneEventRouter(out,
                installer::answered, installer::refused, command -> dispatcher.executeOnEvery(command),
                SystemNanoClock.INSTANCE));
            final AddressFollower follower = new AddressFollower(addresses, log.printStream());
            // Each handler checks its own SAs, on its own thread and clock reading.
            final AddressMonitor monitor = AddressMonitor.withDefaults(addresses, SystemNanoClock.INSTANCE,
                (held, changed, now) -> dispatcher.executeOnEvery(manager ->
                    follower.follow(manager, held, changed, SystemNanoClock.INSTANCE.nanoTime())));
            agent = new ShardedIkeAgent(all, dispatcher, outbound, send, events, monitor::doWork);
            control = dispatcher.commands();
            out.println("torii daemon: IKE on " + handlers.handlers() + " handler threads");
        }
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(10, 10, MIN_PARK_NANOS, MAX_PARK_NANOS),
            errors, null, agent);
        AgentRunner.startOnThread(runner);
        try
        {
            final ControlServer server = runDirectory == null ? null : ControlServer.start(runDirectory, control, log,
                () -> reload(swanctl, wanAddress, udpWan, settings));
            return new IkeDaemon(runner, connections.size(), server);
        }
        catch (final IOException ex)
        {
            runner.close();
            throw ex;
        }
    }

    /**
     * IKE's sockets: port 500 and the NAT-T port of the WAN address, or, when the WAN address is the
     * wildcard (a dataplane UDP port bound to every address, so that ESP follows a MOBIKE address change),
     * of each connection's local address. The NAT-T port goes through the dataplane's rings when its UDP
     * port owns that socket. Sockets for new local ends (our address changed) are opened as needed.
     */
    private static IkeTransports transports(final InetAddress wanAddress, final boolean dataplaneNatT,
        final ControlRings rings, final List<Connection> connections) throws IOException
    {
        final Set<InetAddress> ikeAddresses = new LinkedHashSet<>();
        if (wanAddress.isAnyLocalAddress())
        {
            connections.stream().map(connection -> connection.localEndpoint().getAddress())
                .filter(address -> !address.isAnyLocalAddress()).forEach(ikeAddresses::add);
        }
        else
        {
            ikeAddresses.add(wanAddress);
        }
        final List<IkeTransport> transports = new ArrayList<>();
        try
        {
            for (final InetAddress address : ikeAddresses)
            {
                transports.add(UdpIkeSocket.open(new InetSocketAddress(address, IkeDatagram.IKE_PORT), false));
                if (!dataplaneNatT)
                {
                    transports.add(UdpIkeSocket.open(new InetSocketAddress(address, IkeDatagram.NAT_T_PORT), true));
                }
            }
            if (dataplaneNatT)
            {
                transports.add(new DataplaneIkePort(new InetSocketAddress(wanAddress, IkeDatagram.NAT_T_PORT),
                    rings.ikeInRing(), rings.ikeOutRing()));
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            transports.forEach(IkeTransport::close);
            throw ex;
        }
        return new IkeTransports(transports, local -> UdpIkeSocket.open(local,
            local.getPort() != IkeDatagram.IKE_PORT));
    }

    /** Reads swanctl.conf again for {@code torii load-all}; on a control thread. */
    private static ConnectionsLoader.Loaded reload(final Path swanctl, final InetAddress wanAddress,
        final boolean forceEncapsulation, final IkeSettings settings)
    {
        try
        {
            final SwanctlLoad load = SwanctlReader.read(swanctl);
            final SwanctlCredentials.Load credentials = SwanctlCredentials.load(
                swanctl.toAbsolutePath().normalize().getParent(), load.config());
            final List<String> warnings = new ArrayList<>(load.warnings().stream().map(ConfigWarning::toString)
                .toList());
            warnings.addAll(credentials.warnings());
            final List<Connection> connections = connections(load.config(), credentials.credentials(), wanAddress,
                forceEncapsulation, settings);
            warnings.addAll(weakAlgorithmWarnings(connections));
            return new ConnectionsLoader.Loaded(connections, warnings, null);
        }
        catch (final RuntimeException ex)
        {
            return new ConnectionsLoader.Loaded(null, List.of(), swanctl + ": " + ex.getMessage());
        }
    }

    /** @return one line per connection that allows weak algorithms and uses some, naming them. */
    private static List<String> weakAlgorithmWarnings(final List<Connection> connections)
    {
        return connections.stream().flatMap(c -> WeakAlgorithmNotice.describe(c.profile()).stream()).toList();
    }

    private static List<Connection> connections(final SwanctlConfig config, final Credentials credentials,
        final InetAddress wanAddress, final boolean forceEncapsulation, final IkeSettings settings)
    {
        try
        {
            final List<Connection> connections = new ArrayList<>();
            for (final IkeConnection connection : config.connections().values())
            {
                PeerProfile profile = PeerProfiles.from(connection, config.sharedSecrets(), credentials,
                    settings.retransmit());
                if (profile.preference() != settings.preference())
                {
                    final PeerProfile preferring = profile.withPreference(settings.preference());
                    profile.destroy();
                    profile = preferring;
                }
                if (profile.fragmentation().fragmentSize() != settings.fragmentSize())
                {
                    final PeerProfile sized = profile.withFragmentSize(settings.fragmentSize());
                    profile.destroy();
                    profile = sized;
                }
                if (forceEncapsulation && !profile.forceEncapsulation())
                {
                    final PeerProfile forced = profile.withForcedEncapsulation();
                    profile.destroy();
                    profile = forced;
                }
                connections.add(Connection.of(profile, connection, wanAddress));
            }
            return connections;
        }
        finally
        {
            config.destroySecrets();
        }
    }

    /**
     * Routes each remote block through the TUN device, as kernel-libipsec does with strongSwan, once per block
     * ({@link #oncePerBlock}).
     */
    private static Consumer<String> routes(final PortConfig lan, final PrintStream out)
    {
        if (!lan.kind().equals("tun") || lan.interfaceName().isEmpty())
        {
            return cidr -> { };
        }
        final String device = lan.interfaceName().get();
        return oncePerBlock(cidr ->
        {
            try
            {
                final Process process = new ProcessBuilder("ip", "route", "replace", cidr, "dev", device)
                    .redirectErrorStream(true).start();
                final String output = new String(process.getInputStream().readAllBytes()).strip();
                if (process.waitFor() != 0)
                {
                    out.println("[KNL] cannot route " + cidr + " through " + device + ": " + output);
                    return false;
                }
                return true;
            }
            catch (final IOException ex)
            {
                out.println("[KNL] cannot route " + cidr + " through " + device + ": " + ex.getMessage());
                return false;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /**
     * Every Child SA to the same remote network (a busy responder sets up hundreds a second) would otherwise
     * start an {@code ip} process of its own, on an IKE thread, under the installer's lock.
     *
     * @param route adds a block's route; false when it could not.
     * @return a consumer that routes each block once, and tries a block again after a failure.
     */
    static Consumer<String> oncePerBlock(final Predicate<String> route)
    {
        final Set<String> routed = ConcurrentHashMap.newKeySet();
        return cidr ->
        {
            if (routed.add(cidr) && !route.test(cidr))
            {
                routed.remove(cidr);
            }
        };
    }

    /** @return how many connections were loaded. */
    public int connections()
    {
        return connections;
    }

    /** Stops the control socket and the agent, zeroing every IKE SA's keys, and closes the sockets. */
    @Override
    public void close()
    {
        if (control != null)
        {
            control.close();
        }
        runner.close();
    }
}
