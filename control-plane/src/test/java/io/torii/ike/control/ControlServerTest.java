package io.torii.ike.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.ike.config.SwanctlLoad;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.daemon.Connection;
import io.torii.ike.daemon.IkeSaManager;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control socket end to end in one process: a real Unix socket, the request handler, and an
 * "agent" thread that drives {@link IkeControl#doWork} as the IKE agent does. The peer never answers
 * (datagrams are dropped), so an initiation stays connecting.
 */
class ControlServerTest
{
    private static final String SWANCTL = """
        connections {
          site {
            local_addrs = 192.0.2.1
            remote_addrs = 192.0.2.2
            proposals = aes256gcm16-prfsha384-x25519
            local {
              auth = psk
              id = gateway-a.example
            }
            remote {
              auth = psk
              id = gateway-b.example
            }
            children {
              net {
                local_ts = 10.1.0.0/24
                remote_ts = 10.2.0.0/24
                esp_proposals = aes128-sha256
                start_action = start
              }
              second {
                local_ts = 10.1.1.0/24
                remote_ts = 10.2.1.0/24
              }
            }
          }
        }
        secrets {
          ike-1 {
            id = gateway-b.example
            secret = "not a real key"
          }
        }
        """;

    @TempDir
    Path runDir;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private ControlServer server;
    private Thread agent;
    private String nextLoad = SWANCTL;

    @BeforeEach
    void start() throws IOException
    {
        final LogTap log = new LogTap(new PrintStream(logged, true, StandardCharsets.UTF_8));
        final IkeSaManager manager = new IkeSaManager(connections(SWANCTL), new SecureRandom(), new ChildSaInstaller()
        {
            @Override
            public int allocateSpi()
            {
                return 0x1000;
            }

            @Override
            public String install(final ChildSa childSa)
            {
                return null;
            }

            @Override
            public String remove(final ChildSa childSa)
            {
                return null;
            }
        }, datagram -> sent.incrementAndGet(), log.printStream(), HalfOpenLimits.STRONGSWAN_DEFAULTS);
        final IkeControl control = new IkeControl(manager);
        agent = Thread.ofPlatform().name("test-ike-agent").start(() ->
        {
            while (running.get())
            {
                if (control.doWork(System.nanoTime()) == 0)
                {
                    Thread.onSpinWait();
                }
            }
        });
        server = ControlServer.start(runDir, control, log, this::load);
    }

    private ConnectionsLoader.Loaded load()
    {
        try
        {
            return new ConnectionsLoader.Loaded(connections(nextLoad), List.of("a warning"), null);
        }
        catch (final RuntimeException ex)
        {
            return new ConnectionsLoader.Loaded(null, List.of(), "swanctl.conf: " + ex.getMessage());
        }
    }

    private static List<Connection> connections(final String text)
    {
        final SwanctlLoad load = SwanctlReader.read(text, "swanctl.conf");
        final List<Connection> connections = new ArrayList<>();
        for (final var connection : load.config().connections().values())
        {
            connections.add(new Connection(PeerProfiles.from(connection, load.config().sharedSecrets(),
                RetransmitSchedule.STRONGSWAN_DEFAULTS), connection, InetAddress.getLoopbackAddress()));
        }
        load.config().destroySecrets();
        return connections;
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        server.close();
        running.set(false);
        agent.join();
    }

    private record Reply(ReplyLine last, List<ReplyLine> lines)
    {
    }

    private Reply call(final ControlRequest request) throws IOException
    {
        final List<ReplyLine> lines = new ArrayList<>();
        final ReplyLine last = ControlClient.call(runDir, request, lines::add);
        return new Reply(last, lines);
    }

    @Test
    void theSocketIsTheOwnersAloneAndGoesWithTheServer() throws IOException
    {
        final Path socket = runDir.resolve("torii.ctl");
        assertThat(server.socket()).isEqualTo(socket);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

        server.close();

        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> call(ControlRequest.listConns())).isInstanceOf(ControlClient.NoDaemonException.class)
            .hasMessageContaining("no daemon runs with run directory " + runDir);
    }

    @Test
    void aStaleSocketFileIsNoDaemon() throws IOException
    {
        server.close();
        Files.createFile(runDir.resolve("torii.ctl"));

        assertThatThrownBy(() -> call(ControlRequest.listSas())).isInstanceOf(ControlClient.NoDaemonException.class)
            .hasMessageContaining("no daemon runs with run directory");
    }

    @Test
    void listConnsSendsEachConnectionWithItsChildren() throws IOException
    {
        final Reply reply = call(ControlRequest.listConns());

        assertThat(reply.last()).isEqualTo(new ReplyLine("OK", ""));
        final List<ConnectionInfo> connections = ConnectionInfo.fromRecords(reply.lines().stream()
            .map(line -> ControlRecord.parse(line.text()).record()).toList());
        assertThat(connections).hasSize(1);
        final ConnectionInfo site = connections.getFirst();
        assertThat(site.name()).isEqualTo("site");
        assertThat(site.localAddrs()).containsExactly("192.0.2.1");
        assertThat(site.remoteAddrs()).containsExactly("192.0.2.2");
        assertThat(site.proposals()).containsExactly("aes256gcm16-prfsha384-x25519");
        assertThat(site.localAuth()).isEqualTo("psk");
        assertThat(site.localId()).isEqualTo("gateway-a.example");
        assertThat(site.remoteId()).isEqualTo("gateway-b.example");
        assertThat(site.children()).extracting(ConnectionInfo.Child::name).containsExactly("net", "second");
        assertThat(site.children().getFirst()).isEqualTo(new ConnectionInfo.Child("net", "TUNNEL",
            List.of("10.1.0.0/24"), List.of("10.2.0.0/24"), List.of("aes128-sha256"), "start"));
        assertThat(String.join("\n", reply.lines().stream().map(ReplyLine::text).toList()))
            .doesNotContain("not a real key");
    }

    @Test
    void initiateStreamsTheLogLinesOfItsConnectionAndTimesOutWhileThePeerIsSilent() throws IOException
    {
        final Reply reply = call(ControlRequest.initiate(ControlRequest.Scope.CHILD, "net", 300));

        assertThat(reply.lines()).contains(new ReplyLine("LOG", "[IKE] initiating IKE_SA site to 192.0.2.2"));
        assertThat(reply.last().kind()).isEqualTo("ERROR");
        assertThat(reply.last().text()).contains("timed out after 0.3s");
        assertThat(sent.get()).isPositive();

        final List<IkeSaInfo> sas = IkeSaInfo.fromRecords(call(ControlRequest.listSas()).lines().stream()
            .map(line -> ControlRecord.parse(line.text()).record()).toList());
        assertThat(sas).hasSize(1);
        assertThat(sas.getFirst().name()).isEqualTo("site");
        assertThat(sas.getFirst().state()).isEqualTo("CONNECTING");
        assertThat(sas.getFirst().weInitiated()).isTrue();
        assertThat(sas.getFirst().uniqueId()).isEqualTo(1);
        assertThat(sas.getFirst().establishedSecondsAgo()).isEqualTo(-1);
        assertThat(sas.getFirst().responderSpi()).isEqualTo("0000000000000000");

        final Reply terminated = call(ControlRequest.terminate(ControlRequest.Scope.IKE, "site"));
        assertThat(terminated.last()).isEqualTo(new ReplyLine("OK",
            "deleting the IKE_SA(s) of 'site' and their CHILD_SAs"));
        assertThat(call(ControlRequest.listSas()).lines()).isEmpty();
        assertThat(logged.toString(StandardCharsets.UTF_8))
            .contains("IKE_SA site with 192.0.2.2 deleted while connecting");
    }

    @Test
    void unknownNamesAndUnsupportedRequestsAnswerOneErrorLine() throws IOException
    {
        assertThat(call(ControlRequest.initiate(ControlRequest.Scope.IKE, "nowhere", 1000)).last())
            .isEqualTo(new ReplyLine("ERROR", "no connection named 'nowhere'"));
        assertThat(call(ControlRequest.initiate(ControlRequest.Scope.CHILD, "nothing", 1000)).last())
            .isEqualTo(new ReplyLine("ERROR", "no CHILD_SA config named 'nothing'"));
        // Not the first child: CREATE_CHILD_SA, on an IKE SA the manager starts first.
        assertThat(call(ControlRequest.initiate(ControlRequest.Scope.CHILD, "second", 1000)).last())
            .isEqualTo(new ReplyLine("OK", "creating CHILD_SA 'second' of 'site'"));
        call(ControlRequest.terminate(ControlRequest.Scope.IKE, "site"));
        assertThat(call(ControlRequest.terminate(ControlRequest.Scope.IKE, "site")).last())
            .isEqualTo(new ReplyLine("ERROR", "connection 'site' has no IKE_SA to terminate"));
        assertThat(call(ControlRequest.terminate(ControlRequest.Scope.IKE, "nowhere")).last())
            .isEqualTo(new ReplyLine("ERROR", "no connection named 'nowhere'"));
        assertThat(call(ControlRequest.terminate(ControlRequest.Scope.CHILD, "net")).last())
            .isEqualTo(new ReplyLine("ERROR", "no CHILD_SA named net"));
    }

    @Test
    void malformedRequestLinesAreAnsweredNotDropped() throws IOException
    {
        assertThat(rawExchange("initiate ike\n")).isEqualTo("ERROR initiate takes 3 argument(s), got 1\n");
        assertThat(rawExchange("x".repeat(ControlProtocol.MAX_LINE_BYTES + 10)))
            .isEqualTo("ERROR a request is one line of at most 1024 bytes\n");
    }

    private String rawExchange(final String request) throws IOException
    {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            channel.connect(UnixDomainSocketAddress.of(runDir.resolve("torii.ctl")));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            final ByteArrayOutputStream answer = new ByteArrayOutputStream();
            final ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer.clear()) > 0)
            {
                answer.write(buffer.array(), 0, buffer.position());
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void loadAllReplacesTheConnectionsAndReportsBadFiles() throws IOException
    {
        nextLoad = SWANCTL.replace("site {", "branch {");

        final Reply loaded = call(ControlRequest.loadAll());

        assertThat(loaded.lines()).containsExactly(new ReplyLine("LOG", "warning: a warning"),
            new ReplyLine("LOG", "loaded connection 'branch'"));
        assertThat(loaded.last()).isEqualTo(new ReplyLine("OK", "loaded 1 connection(s), replacing 1"));
        assertThat(ConnectionInfo.fromRecords(call(ControlRequest.listConns()).lines().stream()
            .map(line -> ControlRecord.parse(line.text()).record()).toList()))
            .extracting(ConnectionInfo::name).containsExactly("branch");

        nextLoad = "connections {";
        final Reply refused = call(ControlRequest.loadAll());
        assertThat(refused.last().kind()).isEqualTo("ERROR");
        assertThat(refused.last().text()).startsWith("swanctl.conf: ");
        assertThat(ConnectionInfo.fromRecords(call(ControlRequest.listConns()).lines().stream()
            .map(line -> ControlRecord.parse(line.text()).record()).toList()))
            .extracting(ConnectionInfo::name).containsExactly("branch");
    }
}
